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
        case .provinceCode: return ["province code", "province id", "code", "ma tinh", "ma", "tinh id", "ma tinh thanh pho", "ma so tinh"]
        case .score: return ["score", "diem", "diem so", "tong diem", "diem tong hop", "diem pci", "diem papi", "diem dti", "pci score", "papi score", "dti score",
                             "total score", "pci", "papi", "dti", "chi so pci", "chi so papi", "chi so dti", "diem chi so", "composite score", "overall score"]
        case .rank: return ["rank", "xep hang", "thu hang", "hang", "ranking", "vi tri"]
        case .of: return ["of", "ranked of", "n provinces ranked", "so tinh xep hang"]
        case .asOf: return ["as of"]
        case .note: return ["note", "notes", "ghi chu"]
        case .citation: return ["source id", "citation", "nguon"]
        case .metric: return ["metric", "chi tieu"]
        case .value: return ["value", "gia tri"]
        }
    }

    /// Publishers qualify headers: "Điểm PCI 2022", "The Weighted PCI Score in 2019", "Tỉnh/Thành phố (trực thuộc
    /// trung ương)". The year, a bracketed remark, "the" and weighted/unweighted do not change the field (two
    /// scores, weighted and unweighted, then both name the score, and the user says which with `--column`).
    package static func canonicalKey(_ key: String) -> String {
        var words = key.replacingOccurrences(of: #"\([^)]*\)"#, with: " ", options: .regularExpression)
            .split(separator: " ").map(String.init)
        if words.first == "the" { words.removeFirst() }
        if let last = words.last, last.count == 4, let year = Int(last), (1990...2100).contains(year) {
            words.removeLast()
            if let w = words.last, ["in", "nam", "for", "of"].contains(w) { words.removeLast() }
        }
        var text = " " + words.joined(separator: " ") + " "
        for qualifier in [" unweighted ", " weighted ", " khong co trong so ", " khong trong so ", " co trong so ", " chua trong so ", " trong so "] {
            text = text.replacingOccurrences(of: qualifier, with: " ")
        }
        let result = text.trimmingCharacters(in: .whitespaces)
        return result.isEmpty ? key : result
    }

    /// Whether a header looks like a score although no alias names it ("Mystery Score", "Điểm bình quân").
    package static func looksLikeScore(_ header: String) -> Bool {
        let words = canonicalKey(HeaderKey.normalize(header)).split(separator: " ")
        return words.contains("score") || words.first == "diem" || (words.contains("diem") && words.contains("tong"))
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
                field: "province", found: map.closest(.province), advice: "name it \"province\" or \"Tỉnh/Thành phố\" (or \"province_code\"), or map it with --column province=\"HEADER\"")))
        }
        // A score ChiSo does not recognise must not leave the file loading ranks only.
        var scoreLike = false
        if !result.isLong && result.fields[.score] == nil {
            let candidates = header.enumerated().filter { i, h in
                map.ignored.contains(h) && RankingField.looksLikeScore(h) && !diagnostics.contains(where: { $0.location.column == i + 1 })
            }
            if let first = candidates.first {
                scoreLike = true
                let h = first.element
                let message = candidates.count == 1
                    ? "column \"\(h)\" looks like a score, but ChiSo does not know it as one; say what it is with --column score=\"\(h)\" "
                        + "(or --column component.KEY=\"\(h)\" for a sub-index), or delete the column"
                    : "columns \(candidates.prefix(10).map { "\"\($0.element)\"" }.joined(separator: ", "))\(candidates.count > 10 ? " (and \(candidates.count - 10) more)" : "") "
                        + "look like scores, but ChiSo knows none of them as the score; say which is with --column score=\"\(h)\" "
                        + "(and map sub-indices with --column component.KEY=\"HEADER\")"
                diagnostics.append(Diagnostic(SourceLocation(file: file, line: line, column: first.offset + 1), .csv(message)))
            }
        }
        let hasValues = result.isLong || result.fields[.score] != nil || result.fields[.rank] != nil || !result.components.isEmpty
        if !hasValues && !scoreLike {
            diagnostics.append(Diagnostic(SourceLocation(file: file, line: line, column: 1), .missingColumn(
                field: "score or rank", found: map.closest(.score), advice: "name them \"score\"/\"Điểm\" and \"rank\"/\"Xếp hạng\", use metric,value columns, or map with --column score=\"HEADER\"")))
        }
        if !diagnostics.isEmpty { throw .invalid(diagnostics) }
        return result
    }
}
