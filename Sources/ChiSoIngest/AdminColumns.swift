import ChiSoCore
import ChiSoCSV

/// A column of an administrative-procedure file, with the English and Vietnamese headers that
/// name it (compared after `HeaderKey.normalize`: case, diacritics, `_` and `-` do not matter).
package protocol AdminField: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    var aliases: [String] { get }
}

/// The columns of a dossier log: one row a dossier.
package enum DossierField: String, AdminField {
    case dossierID = "dossier_id", provinceCode = "province_code", province, unitCode = "unit_code", unitName = "unit_name"
    case level, procedureCode = "procedure_code", field, receivedAt = "received_at", channel, onlineLevel = "online_level"
    case dueAt = "due_at", resolvedAt = "resolved_at", status

    package var aliases: [String] {
        switch self {
        case .dossierID: ["dossier id", "ma ho so", "so ho so", "ma hs"]
        case .provinceCode: ["province code", "ma tinh"]
        case .province: ["province", "tinh", "tinh/thanh pho", "tinh thanh pho", "ten tinh"]
        case .unitCode: ["unit code", "ma don vi", "ma co quan"]
        case .unitName: ["unit name", "unit", "don vi", "ten don vi", "co quan", "ten co quan"]
        case .level: ["level", "cap", "cap hanh chinh"]
        case .procedureCode: ["procedure code", "ma thu tuc", "ma tthc", "ma thu tuc hanh chinh"]
        case .field: ["field", "linh vuc"]
        case .receivedAt: ["received at", "ngay tiep nhan", "thoi gian tiep nhan", "ngay nhan"]
        case .channel: ["channel", "kenh", "kenh tiep nhan", "hinh thuc nop", "hinh thuc tiep nhan"]
        case .onlineLevel: ["online level", "muc do", "muc do truc tuyen", "muc do dvc"]
        case .dueAt: ["due at", "han giai quyet", "han xu ly", "ngay hen tra", "ngay hen tra ket qua"]
        case .resolvedAt: ["resolved at", "ngay giai quyet", "ngay hoan thanh", "ngay tra ket qua", "ngay co ket qua"]
        case .status: ["status", "trang thai"]
        }
    }
}

/// The columns of aggregated statistics: one row per period, unit (or level) and optionally procedure.
package enum StatisticsField: String, AdminField {
    case period, provinceCode = "province_code", province, unitCode = "unit_code", unitName = "unit_name", level
    case procedureCode = "procedure_code", field
    case receivedTotal = "received_total", receivedOnline = "received_online", receivedFullOnline = "received_full_online"
    case receivedDirect = "received_direct", receivedPostal = "received_postal"
    case resolvedTotal = "resolved_total", resolvedOnTime = "resolved_on_time", resolvedEarly = "resolved_early"
    case resolvedLate = "resolved_late", pending
    case note, citation = "source_id"

    package var aliases: [String] {
        switch self {
        case .note: ["note", "notes", "ghi chu"]
        case .citation: ["source id", "citation", "nguon"]
        case .period: ["period", "ky", "ky bao cao", "thoi gian", "thoi ky"]
        case .provinceCode: ["province code", "ma tinh"]
        case .province: ["province", "tinh", "tinh/thanh pho", "tinh thanh pho", "ten tinh"]
        case .unitCode: ["unit code", "ma don vi", "ma co quan"]
        case .unitName: ["unit name", "unit", "don vi", "ten don vi", "co quan", "ten co quan"]
        case .level: ["level", "cap", "cap hanh chinh"]
        case .procedureCode: ["procedure code", "ma thu tuc", "ma tthc", "ma thu tuc hanh chinh"]
        case .field: ["field", "linh vuc"]
        case .receivedTotal: ["received total", "tong so ho so tiep nhan", "tong so ho so", "tong tiep nhan", "so ho so tiep nhan", "tiep nhan"]
        case .receivedOnline: ["received online", "truc tuyen", "tiep nhan truc tuyen", "so ho so truc tuyen",
                                 // A two-row header read as "group - sub" (WorkbookTable), e.g. the "Mẫu 06a" table.
                                 "so ho so nhan giai quyet truc tuyen", "so ho so nhan giai quyet trong do: truc tuyen", "so ho so tiep nhan truc tuyen"]
        case .receivedFullOnline: ["received full online", "toan trinh", "truc tuyen toan trinh"]
        case .receivedDirect: ["received direct", "truc tiep", "tiep nhan truc tiep", "so ho so nhan giai quyet truc tiep", "so ho so tiep nhan truc tiep"]
        case .receivedPostal: ["received postal", "buu chinh", "qua buu chinh", "buu chinh cong ich"]
        case .resolvedTotal: ["resolved total", "da giai quyet", "tong da giai quyet", "so ho so da giai quyet", "so ho so da giai quyet tong so", "da giai quyet tong so"]
        case .resolvedOnTime: ["resolved on time", "dung han", "giai quyet dung han", "so ho so da giai quyet dung han", "da giai quyet dung han"]
        case .resolvedEarly: ["resolved early", "truoc han", "giai quyet truoc han", "so ho so da giai quyet truoc han", "da giai quyet truoc han"]
        case .resolvedLate: ["resolved late", "tre han", "qua han", "giai quyet tre han", "so ho so da giai quyet qua han", "so ho so da giai quyet tre han", "da giai quyet qua han"]
        case .pending: ["pending", "dang giai quyet", "chua giai quyet", "dang xu ly", "so ho so dang giai quyet tong so", "dang giai quyet tong so"]
        }
    }

    /// The count column of a `DossierCounts` measure (early counts add to on-time ones).
    package var measure: WritableKeyPath<DossierCounts, Int?>? {
        switch self {
        case .receivedTotal: \.receivedTotal
        case .receivedOnline: \.receivedOnline
        case .receivedFullOnline: \.receivedFullOnline
        case .receivedDirect: \.receivedDirect
        case .receivedPostal: \.receivedPostal
        case .resolvedTotal: \.resolvedTotal
        case .resolvedOnTime, .resolvedEarly: \.resolvedOnTime
        case .resolvedLate: \.resolvedLate
        case .pending: \.pending
        default: nil
        }
    }

    package static let counts: [StatisticsField] = allCases.filter { $0.measure != nil }
}

/// Which column holds which field.
package struct AdminColumns<Field: AdminField> {
    package var index: [Field: Int] = [:]
    package var ignored: [String] = []
    package var header: [String]

    package subscript(field: Field) -> Int? { index[field] }

    /// Matches `header` against the fields' aliases; `required` lists groups of which at least one
    /// field must be present (`[[.provinceCode, .province]]`: a code or a name).
    package static func resolve(header: [String], file: String, line: Int, required: [[Field]], advice: (Field) -> String) throws(IngestError) -> AdminColumns {
        var result = AdminColumns(header: header)
        var diagnostics: [Diagnostic] = []
        var seen: [String: Int] = [:]
        for (i, raw) in header.enumerated() {
            let key = HeaderKey.normalize(raw)
            guard !key.isEmpty else { continue }
            if let first = seen[key] {
                diagnostics.append(Diagnostic(SourceLocation(file: file, line: line, column: i + 1), .duplicateColumn(header: raw, firstColumn: first + 1)))
                continue
            }
            seen[key] = i
            if let field = Field.allCases.first(where: { $0.rawValue == key.replacingOccurrences(of: " ", with: "_") || $0.aliases.contains(key) }),
               result.index[field] == nil {
                result.index[field] = i
            } else {
                result.ignored.append(raw)
            }
        }
        for group in required where !group.contains(where: { result.index[$0] != nil }) {
            diagnostics.append(Diagnostic(SourceLocation(file: file, line: line, column: 1),
                                          .missingColumn(field: group.map(\.rawValue).joined(separator: " or "), found: header, advice: advice(group[0]))))
        }
        if !diagnostics.isEmpty { throw .invalid(diagnostics) }
        return result
    }
}

extension SourceFile.Kind {
    /// What a file holds, told from its header: a dossier log has a dossier id column,
    /// aggregated statistics have count columns, anything else is read as rankings.
    public static func detect(header: [String]) -> SourceFile.Kind {
        let keys = Set(header.map(HeaderKey.normalize))
        func has<F: AdminField>(_ field: F) -> Bool { keys.contains(field.rawValue.replacingOccurrences(of: "_", with: " ")) || field.aliases.contains { keys.contains($0) } }
        if has(DossierField.dossierID) { return .dossiers }
        if StatisticsField.counts.contains(where: { has($0) }) && (has(StatisticsField.period) || has(StatisticsField.receivedTotal) || has(StatisticsField.resolvedTotal)) {
            return .statistics
        }
        return .rankings
    }
}

import Foundation
