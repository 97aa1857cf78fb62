import ChiSoCore
import ChiSoCSV

/// The fields a rankings file can carry, and the headers that name them in English or Vietnamese.
public enum RankingField: String, CaseIterable, Sendable, HeaderField {
    case index, year, province, provinceCode = "province_code", score, rank, of, asOf = "as_of", note
    case citation = "source_id", metric, value

    /// Headers recognised without `--column`, compared after `HeaderKey.normalize`.
    package var aliases: [String] {
        switch self {
        case .index: return ["index", "index code", "chi so"]
        case .year: return ["year", "nam", "edition"]
        case .province: return ["province", "province name", "tinh/thanh pho", "tinh, thanh pho", "tinh thanh pho", "tinh/tp", "tinh", "ten tinh", "dia phuong"]
        case .provinceCode: return ["province code", "code", "ma tinh", "ma"]
        case .score: return ["score", "diem", "diem so", "tong diem", "diem tong hop", "diem pci", "diem papi", "diem dti", "pci score", "papi score", "dti score", "total score"]
        case .rank: return ["rank", "xep hang", "thu hang", "hang"]
        case .of: return ["of", "ranked of", "n provinces ranked", "so tinh xep hang"]
        case .asOf: return ["as of"]
        case .note: return ["note", "notes", "ghi chu"]
        case .citation: return ["source id", "citation", "nguon"]
        case .metric: return ["metric", "chi tieu"]
        case .value: return ["value", "gia tri"]
        }
    }
}

/// Normalises a header for matching: case, diacritics, `_` and `-` do not matter.
import Foundation

package enum HeaderKey {
    package static func normalize(_ header: String) -> String {
        var folded = ""
        for scalar in header.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue               // tone marks, breve, circumflex, horn
            case 0x0110, 0x0111: folded.append("d")      // Đ đ
            default: folded.unicodeScalars.append(scalar)
            }
        }
        folded = folded.lowercased()
        var out = ""
        var lastSpace = true
        for c in folded {
            let ch: Character = (c == "_" || c == "-" || c.isWhitespace) ? " " : c
            if ch == " " { if !lastSpace { out.append(" ") }; lastSpace = true } else { out.append(ch); lastSpace = false }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    package static let componentPrefixes = ["component.", "thanh phan."]
}

/// Which column holds which field, worked out from the header and `--column` mappings.
package struct RankingColumns {
    package var fields: [RankingField: Int] = [:]
    /// Component key -> column index.
    package var components: [(key: String, column: Int)] = []
    package var ignored: [String] = []

    package var isLong: Bool { fields[.metric] != nil && fields[.value] != nil }

    /// - Parameter mappings: `FIELD=HEADER` pairs from `--column`.
    package static func resolve(header: [String], mappings: [String: String], file: String, line: Int = 1) throws(IngestError) -> RankingColumns {
        let (map, problems) = ColumnMap<RankingField>.resolve(header: header, mappings: mappings, file: file, line: line, acceptsComponents: true)
        let result = RankingColumns(fields: map.index, components: map.components, ignored: map.ignored)
        var diagnostics = problems
        if result.fields[.province] == nil && result.fields[.provinceCode] == nil {
            diagnostics.append(Diagnostic(SourceLocation(file: file, line: line, column: 1), .missingColumn(
                field: "province", found: header, advice: "name it \"province\" or \"Tỉnh/Thành phố\" (or \"province_code\"), or map it with --column province=\"HEADER\"")))
        }
        let hasValues = result.isLong || result.fields[.score] != nil || result.fields[.rank] != nil || !result.components.isEmpty
        if !hasValues {
            diagnostics.append(Diagnostic(SourceLocation(file: file, line: line, column: 1), .missingColumn(
                field: "score or rank", found: header, advice: "name them \"score\"/\"Điểm\" and \"rank\"/\"Xếp hạng\", use metric,value columns, or map with --column score=\"HEADER\"")))
        }
        if !diagnostics.isEmpty { throw .invalid(diagnostics) }
        return result
    }
}
