import ChiSoCore
import ChiSoCSV
import Foundation

/// The columns of a dossier log: one row a dossier.
package enum DossierField: String, HeaderField {
    case dossierID = "dossier_id", provinceCode = "province_code", province, unitCode = "unit_code", unitName = "unit_name"
    case level, procedureCode = "procedure_code", field, receivedAt = "received_at", channel, onlineLevel = "online_level"
    case dueAt = "due_at", resolvedAt = "resolved_at", status
    // Optional yes/no columns counted by the Decision 766 service index (`ServiceFlag`).
    case resultElectronic = "result_electronic", digitized, reusedData = "reused_data", citizenData = "citizen_data", synced
    case feeRequired = "fee_required", paidOnline = "paid_online", satisfied, fullOnlineEligible = "full_online_eligible"

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
        case .resultElectronic: ["result electronic", "ket qua dien tu", "cap ket qua dien tu", "co ket qua dien tu"]
        case .digitized: ["digitized", "digitised", "so hoa", "so hoa thanh phan ho so", "so hoa ho so"]
        case .reusedData: ["reused data", "tai su dung du lieu", "tai su dung"]
        case .citizenData: ["citizen data", "du lieu dan cu", "su dung du lieu dan cu"]
        case .synced: ["synced", "dong bo", "dong bo cong dvcqg", "dong bo dvcqg", "dong bo trang thai"]
        case .feeRequired: ["fee required", "co phi", "co phi, le phi", "co phi, le phi, nghia vu tai chinh", "phi, le phi", "nghia vu tai chinh"]
        case .paidOnline: ["paid online", "thanh toan truc tuyen", "da thanh toan truc tuyen"]
        case .satisfied: ["satisfied", "satisfaction", "hai long", "danh gia", "muc do hai long"]
        case .fullOnlineEligible: ["full online eligible", "du dieu kien toan trinh", "thu tuc du dieu kien toan trinh", "toan trinh du dieu kien"]
        }
    }

    /// The service-index flag the column holds, for the optional yes/no columns.
    package var serviceFlag: ServiceFlag? {
        switch self {
        case .resultElectronic: .resultElectronic
        case .digitized: .digitized
        case .reusedData: .reusedData
        case .citizenData: .citizenData
        case .synced: .synced
        case .feeRequired: .feeRequired
        case .paidOnline: .paidOnline
        case .satisfied: .satisfied
        case .fullOnlineEligible: .fullOnlineEligible
        default: nil
        }
    }
}

/// The columns of aggregated statistics: one row per period, unit (or level) and optionally procedure.
package enum StatisticsField: String, HeaderField {
    case period, provinceCode = "province_code", province, unitCode = "unit_code", unitName = "unit_name", level
    case procedureCode = "procedure_code", field
    case receivedTotal = "received_total", receivedOnline = "received_online", receivedFullOnline = "received_full_online"
    case receivedDirect = "received_direct", receivedPostal = "received_postal"
    case resolvedTotal = "resolved_total", resolvedOnTime = "resolved_on_time", resolvedEarly = "resolved_early"
    case resolvedLate = "resolved_late", pending
    /// "Từ kỳ trước": received before the period and still open at its start; not a new receipt.
    case receivedCarriedOver = "received_carried_over"
    /// "Số hồ sơ nhận giải quyết – Tổng số" of the Mẫu 06a table: new receipts plus those carried over.
    case handledTotal = "handled_total"
    case note, citation = "source_id"
    // Optional counts of the Decision 766 service index (`ServiceStatisticColumn`).
    case synced, resultElectronic = "result_electronic", digitized, reusedData = "reused_data", citizenData = "citizen_data"
    case satisfied, rated, feeRequired = "fee_required", paidOnline = "paid_online"

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
        case .receivedTotal: ["received total", "tong so ho so tiep nhan", "tong so ho so", "tong tiep nhan", "so ho so tiep nhan", "tiep nhan",
                                "tiep nhan trong ky", "nhan trong ky", "moi tiep nhan", "so ho so moi tiep nhan", "so ho so nhan giai quyet trong ky",
                                "so ho so tiep nhan trong ky", "so ho so tiep nhan moi"]
        case .receivedCarriedOver: ["received carried over", "carried over", "tu ky truoc", "ky truoc chuyen sang", "ky truoc chuyen qua", "ton ky truoc",
                                      "so ho so ton ky truoc", "so ho so tu ky truoc", "so ho so nhan giai quyet tu ky truoc", "so ho so ky truoc chuyen sang",
                                      "so ho so nhan giai quyet ky truoc chuyen sang"]
        case .handledTotal: ["handled total", "so ho so nhan giai quyet", "so ho so nhan giai quyet tong so", "tong so ho so nhan giai quyet",
                               "nhan giai quyet tong so", "tong so ho so can giai quyet", "so ho so phai giai quyet", "so ho so phai giai quyet tong so"]
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
        case .synced: ["synced", "dong bo", "dong bo cong dvcqg", "so ho so dong bo", "ho so dong bo"]
        case .resultElectronic: ["result electronic", "ket qua dien tu", "co ket qua dien tu", "so ho so co ket qua dien tu"]
        case .digitized: ["digitized", "digitised", "so hoa", "so hoa thanh phan ho so", "so ho so so hoa"]
        case .reusedData: ["reused data", "tai su dung du lieu", "tai su dung"]
        case .citizenData: ["citizen data", "du lieu dan cu", "su dung du lieu dan cu"]
        case .satisfied: ["satisfied", "hai long", "danh gia hai long", "so danh gia hai long"]
        case .rated: ["rated", "da danh gia", "luot danh gia", "so luot danh gia", "so ho so duoc danh gia"]
        case .feeRequired: ["fee required", "co phi", "co phi, le phi", "co phi, le phi, nghia vu tai chinh", "nghia vu tai chinh", "ho so co nghia vu tai chinh"]
        case .paidOnline: ["paid online", "thanh toan truc tuyen", "da thanh toan truc tuyen", "so ho so thanh toan truc tuyen"]
        }
    }

    /// The service-index count the column holds, for the optional counts.
    package var serviceColumn: ServiceStatisticColumn? { ServiceStatisticColumn(rawValue: rawValue) }

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

    /// Every count column: the stored measures, and the carried-over and handled totals.
    package static let counts: [StatisticsField] = allCases.filter { $0.measure != nil } + [.receivedCarriedOver, .handledTotal]
}

extension SourceFile.Kind {
    /// What a file holds, told from its header: a dossier log has a dossier id column,
    /// aggregated statistics have count columns, a procedure catalogue has a procedure code and
    /// a full-online or fee column (and no counts), anything else is read as rankings.
    public static func detect(header: [String]) -> SourceFile.Kind {
        let keys = Set(header.map(HeaderKey.normalize))
        func has<F: HeaderField>(_ field: F) -> Bool { keys.contains { field.isNamed(by: $0) } }
        if has(DossierField.dossierID) { return .dossiers }
        if StatisticsField.counts.contains(where: { has($0) }) && (has(StatisticsField.period) || has(StatisticsField.receivedTotal) || has(StatisticsField.resolvedTotal)) {
            return .statistics
        }
        if has(CatalogueField.procedureCode) && (has(CatalogueField.fullOnlineEligible) || has(CatalogueField.feeRequired))
            && !StatisticsField.counts.contains(where: { has($0) }) {
            return .catalogue
        }
        return .rankings
    }
}

