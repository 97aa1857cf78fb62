import ChiSoCore

/// The five groups of the Decision 766 service index, as the national portal shows them.
public enum ServiceIndexGroup: String, Sendable, CaseIterable, Codable {
    /// Công khai, minh bạch (18 points).
    case transparency
    /// Tiến độ giải quyết (20).
    case progress
    /// Dịch vụ công trực tuyến (12 full-online + 10 online payment).
    case onlineService = "online_service"
    /// Số hóa hồ sơ (22).
    case digitisation
    /// Mức độ hài lòng (18).
    case satisfaction

    public var vietnameseName: String {
        switch self {
        case .transparency: "Công khai, minh bạch"
        case .progress: "Tiến độ giải quyết"
        case .onlineService: "Dịch vụ công trực tuyến"
        case .digitisation: "Số hóa hồ sơ"
        case .satisfaction: "Mức độ hài lòng"
        }
    }

    public var englishName: String {
        switch self {
        case .transparency: "Public disclosure"
        case .progress: "Handling on time"
        case .onlineService: "Online service and payment"
        case .digitisation: "Digitisation"
        case .satisfaction: "Satisfaction"
        }
    }
}

/// How an indicator's rate becomes points.
public enum ServiceScoringRule: Sendable, Equatable {
    /// `max × rate`.
    case proportional
    /// `min(max, max × rate / fullAt)`: full points from the rate `fullAt` (0.90 for 90%).
    case capped(fullAt: Double)
    /// `6 × A + min(2, 2.5 × B) + 2.5 × C` of online payment; only the `6 × A` part is the dossiers'
    /// (A = dossiers paid online / dossiers with a financial obligation).
    case paymentDossiers
    /// The portal's formula is not reproduced from its published scores: the rate is shown, the
    /// points are unknown.
    case notReproduced
}

/// What an indicator's points are when its group received nothing (the denominator is 0).
public enum ServiceEmptyDenominator: Sendable, Equatable {
    /// Unknown (no published score shows the case).
    case unknown
    /// Full points (the portal's rule for petitions: none received, nothing handled late).
    case fullPoints
    /// Zero points (the portal's rule for satisfaction with dossier handling).
    case zero
}

/// Where an indicator's numerator and denominator come from.
public enum ServiceIndicatorInputs: Sendable, Equatable {
    /// Dossiers received in the period that were resolved on or before their due date, or were
    /// still in progress within it, as of the period's last day / dossiers received in the period.
    case handlingOnTime
    /// Dossiers stating the flag yes / dossiers received; every dossier must state it.
    case flag(ServiceFlag)
    /// Satisfied / rated (an empty cell is "not rated").
    case satisfaction
    /// Full-online dossiers of eligible procedures / dossiers of eligible procedures.
    case fullOnline
    /// Dossiers with a fee paid online / dossiers with a fee.
    case paymentDossiers
    /// Not in a dossier log: the data it needs, named in English and Vietnamese.
    case notInDossierLogs(missing: String, vietnamese: String)
}

/// One indicator's formula in one edition of the index.
public struct ServiceIndicatorFormula: Sendable, Equatable {
    /// The portal's metric code where it has one (`DOSSIER_SYNC`), else ChiSo's (`HANDLING_ON_TIME`).
    public var code: String
    public var group: ServiceIndexGroup
    /// The indicator as the portal names it.
    public var vietnameseName: String
    public var englishName: String
    public var maxPoints: Double
    public var rule: ServiceScoringRule
    public var inputs: ServiceIndicatorInputs
    public var whenNoDossiers: ServiceEmptyDenominator
    /// Where the formula was read or reproduced (see shared/data/SOURCES.md, GH_QD766).
    public var source: String

    public init(code: String, group: ServiceIndexGroup, vietnameseName: String, englishName: String, maxPoints: Double,
                rule: ServiceScoringRule, inputs: ServiceIndicatorInputs, whenNoDossiers: ServiceEmptyDenominator, source: String) {
        self.code = code; self.group = group; self.vietnameseName = vietnameseName; self.englishName = englishName
        self.maxPoints = maxPoints; self.rule = rule; self.inputs = inputs; self.whenNoDossiers = whenNoDossiers; self.source = source
    }

    /// The points of a rate (0...1), or nil when the rule does not give them.
    public func points(rate: Double) -> Double? {
        switch rule {
        case .proportional: return maxPoints * rate
        case .capped(let fullAt): return min(maxPoints, maxPoints * rate / fullAt)
        case .paymentDossiers: return 6 * rate
        case .notReproduced: return nil
        }
    }
}

/// The formulas of the index for the periods they apply to: the portal changed them, so a period
/// is scored with the edition in force on its last day.
public struct ServiceIndexEdition: Sendable, Equatable {
    /// `qd766-2022`: the versioned id every formula id starts with.
    public var id: String
    public var validFrom: Day
    /// The last day it applies to; nil while in force.
    public var validTo: Day?
    /// The levels of unit the portal scores under the edition.
    public var levels: [AdministrativeLevel]
    public var source: String
    public var formulas: [ServiceIndicatorFormula]

    /// The versioned id of one formula: `qd766-2022/HANDLING_ON_TIME`.
    public func formulaID(_ formula: ServiceIndicatorFormula) -> String { "\(id)/\(formula.code)" }

    /// The points of every formula: 100.
    public var maxPoints: Double { formulas.reduce(0) { $0 + $1.maxPoints } }

    /// Every edition, oldest first.
    public static let all: [ServiceIndexEdition] = [
        ServiceIndexEdition(
            id: "qd766-2022", validFrom: Day(year: 2022, month: 6, day: 23), validTo: Day(year: 2025, month: 6, day: 30),
            levels: [.province, .district, .commune],
            source: "Decision 766/QĐ-TTg of 2022-06-23 (in force on signing); units of the province, district and commune levels",
            formulas: currentFormulas),
        ServiceIndexEdition(
            id: "qd766-2025", validFrom: Day(year: 2025, month: 7, day: 1), validTo: nil,
            levels: [.province, .commune],
            source: "Decision 766/QĐ-TTg as scored after the two-level local government of 2025-07-01: province and commune levels only (shared/domain/qd766.md)",
            formulas: currentFormulas),
    ]

    /// The edition in force on `day`, or nil before Decision 766.
    public static func inForce(on day: Day) -> ServiceIndexEdition? {
        all.last { $0.validFrom <= day && ($0.validTo.map { day <= $0 } ?? true) }
    }

    /// The formulas reproduced from the portal's published scores (GH_QD766: ChippedTopaz/qd766,
    /// docs/SCORING_ANALYSIS_M0.md and docs/metrics.m0.json; shared/data/qd766_indicators.csv;
    /// shared/domain/qd766.md).
    private static let scoring = "GH_QD766 docs/SCORING_ANALYSIS_M0.md (reproduced from the portal's scores, Phú Thọ 2026)"
    private static let metrics = "GH_QD766 docs/metrics.m0.json (shared/data/qd766_indicators.csv)"
    static let currentFormulas: [ServiceIndicatorFormula] = [
        // Công khai, minh bạch: points = max × rate (matched 2,290 observations).
        ServiceIndicatorFormula(
            code: "PUBLISH_ON_TIME", group: .transparency, vietnameseName: "Tỷ lệ thủ tục hành chính công bố đúng hạn",
            englishName: "Procedures published on time", maxPoints: 6, rule: .proportional,
            inputs: .notInDossierLogs(missing: "the procedure publication register (decisions announcing procedures and their dates)",
                                      vietnamese: "sổ công bố thủ tục hành chính (quyết định công bố và ngày công bố)"),
            whenNoDossiers: .unknown, source: "\(metrics); \(scoring)"),
        ServiceIndicatorFormula(
            code: "PUBLIC_UPDATE_ON_TIME", group: .transparency, vietnameseName: "Tỷ lệ thủ tục hành chính được cập nhật, công khai đúng hạn",
            englishName: "Procedures updated and disclosed on time", maxPoints: 4, rule: .proportional,
            inputs: .notInDossierLogs(missing: "the national procedure database's update dates",
                                      vietnamese: "ngày cập nhật trên Cơ sở dữ liệu quốc gia về thủ tục hành chính"),
            whenNoDossiers: .unknown, source: "\(metrics); \(scoring)"),
        ServiceIndicatorFormula(
            code: "PUBLIC_CONTENT_FULL", group: .transparency,
            vietnameseName: "Tỷ lệ TTHC được công khai có đầy đủ các nội dung quy định",
            englishName: "Procedures disclosed with complete content", maxPoints: 2, rule: .proportional,
            inputs: .notInDossierLogs(missing: "the content of the published procedures",
                                      vietnamese: "nội dung các thủ tục đã công khai"),
            whenNoDossiers: .unknown, source: "\(metrics); \(scoring)"),
        ServiceIndicatorFormula(
            code: "DOSSIER_SYNC", group: .transparency,
            vietnameseName: "Tỷ lệ hồ sơ được đồng bộ trạng thái theo thời gian thực với Cổng Dịch vụ công quốc gia",
            englishName: "Dossiers whose status is synced to the national portal", maxPoints: 6, rule: .proportional,
            inputs: .flag(.synced), whenNoDossiers: .unknown, source: "\(metrics); \(scoring)"),
        // Tiến độ giải quyết: 20 × on time / received (matched 984 observations; Phú Thọ 2026:
        // 528,684 / 597,918 → 17.68). No published case of 0 received.
        ServiceIndicatorFormula(
            code: "HANDLING_ON_TIME", group: .progress, vietnameseName: "Tỷ lệ hồ sơ xử lý đúng hạn (trước hạn, đúng hạn)",
            englishName: "Dossiers handled on time", maxPoints: 20, rule: .proportional, inputs: .handlingOnTime,
            whenNoDossiers: .unknown, source: "\(metrics); \(scoring); shared/domain/qd766.md"),
        // Dịch vụ công trực tuyến: the portal's formula for this group is not reproduced.
        ServiceIndicatorFormula(
            code: "FULL_ONLINE", group: .onlineService,
            vietnameseName: "Tỷ lệ hồ sơ DVCTT toàn trình trên tổng số hồ sơ TTHC đủ điều kiện cung cấp toàn trình",
            englishName: "Full-online dossiers of procedures eligible for full-online service", maxPoints: 12, rule: .notReproduced,
            inputs: .fullOnline, whenNoDossiers: .unknown,
            source: "\(metrics); \(scoring): \"Công thức chưa xác định\" (the group's published scores are not reproduced)"),
        // Thanh toán trực tuyến: 6 × A + min(2, 2.5 × B) + 2.5 × C (matched 984 observations).
        ServiceIndicatorFormula(
            code: "ONLINE_PAYMENT_DOSSIERS", group: .onlineService,
            vietnameseName: "Tỷ lệ hồ sơ thanh toán trực tuyến (A: hồ sơ thanh toán trực tuyến / hồ sơ có nghĩa vụ tài chính)",
            englishName: "Dossiers paid online, of dossiers with a financial obligation (6 × A)", maxPoints: 6, rule: .paymentDossiers,
            inputs: .paymentDossiers, whenNoDossiers: .zero, source: "\(scoring): 6 × A; A = 0 when its denominator is 0"),
        ServiceIndicatorFormula(
            code: "ONLINE_PAYMENT_PROCEDURES", group: .onlineService,
            vietnameseName: "Thanh toán trực tuyến theo thủ tục (min(2; 2,5 × B) + 2,5 × C)",
            englishName: "Procedures with fees offering online payment (min(2, 2.5 × B) + 2.5 × C)", maxPoints: 4, rule: .proportional,
            inputs: .notInDossierLogs(missing: "the procedure catalogue: procedures with fees and those paid online (B, C are counted per procedure)",
                                      vietnamese: "danh mục thủ tục: thủ tục có phí, lệ phí và thủ tục đã thanh toán trực tuyến (B, C tính theo thủ tục)"),
            whenNoDossiers: .unknown, source: "\(scoring)"),
        // Số hóa hồ sơ: min(max, max × rate); re-used data full from 80%.
        ServiceIndicatorFormula(
            code: "ORIGINAL_RESULT_AVAILABLE", group: .digitisation, vietnameseName: "Tỷ lệ hồ sơ TTHC có cấp kết quả giải quyết TTHC điện tử",
            englishName: "Dossiers with an electronic result", maxPoints: 6, rule: .capped(fullAt: 1), inputs: .flag(.resultElectronic),
            whenNoDossiers: .unknown, source: "\(metrics); \(scoring)"),
        ServiceIndicatorFormula(
            code: "SO_HOA_GIAY_TO_GIAI_QUYET", group: .digitisation, vietnameseName: "Tỷ lệ hồ sơ TTHC thực hiện số hóa thành phần hồ sơ",
            englishName: "Dossiers with digitised components", maxPoints: 4, rule: .capped(fullAt: 1), inputs: .flag(.digitized),
            whenNoDossiers: .unknown,
            source: "\(metrics); \(scoring) (the formula document's 80% threshold, item 4.2, does not match the published scores)"),
        ServiceIndicatorFormula(
            code: "ELECTRONIC_CERTIFIED_COPY", group: .digitisation,
            vietnameseName: "Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính",
            englishName: "Electronic certified copies offered", maxPoints: 2, rule: .capped(fullAt: 1),
            inputs: .notInDossierLogs(missing: "the certification units offering electronic certified copies",
                                      vietnamese: "các đơn vị cung cấp dịch vụ chứng thực bản sao điện tử"),
            whenNoDossiers: .unknown, source: "\(metrics); \(scoring)"),
        ServiceIndicatorFormula(
            code: "REUSED_DIGITIZED_DATA", group: .digitisation,
            vietnameseName: "Tỷ lệ hồ sơ TTHC có thành phần hồ sơ được cắt giảm, thay thế dựa trên dữ liệu",
            englishName: "Dossiers with components replaced by data already held", maxPoints: 2, rule: .capped(fullAt: 0.80),
            inputs: .flag(.reusedData), whenNoDossiers: .unknown, source: "\(metrics); \(scoring): min(2, 2 × rate / 80%)"),
        ServiceIndicatorFormula(
            code: "SYNCED_WITH_DVCQG_PERSONAL_STORAGE", group: .digitisation,
            vietnameseName: "Tỷ lệ hồ sơ TTHC được số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng",
            englishName: "Digitised dossiers shared for re-use", maxPoints: 4, rule: .capped(fullAt: 1),
            inputs: .notInDossierLogs(missing: "which digitised results were shared to the citizens' data stores on the national portal",
                                      vietnamese: "kết quả số hóa nào đã chia sẻ vào kho dữ liệu của công dân trên Cổng DVCQG"),
            whenNoDossiers: .unknown, source: "\(metrics); \(scoring) (only rate 0 observed)"),
        ServiceIndicatorFormula(
            code: "CITIZEN_DATA_CONNECTED_DOSSIER", group: .digitisation,
            vietnameseName: "Tỷ lệ hồ sơ TTHC có sử dụng thông tin, dữ liệu dân cư",
            englishName: "Dossiers using population data", maxPoints: 2, rule: .capped(fullAt: 1), inputs: .flag(.citizenData),
            whenNoDossiers: .unknown, source: "\(metrics); \(scoring)"),
        ServiceIndicatorFormula(
            code: "CITIZEN_DATA_CONNECTED_FORMALITY", group: .digitisation,
            vietnameseName: "Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư phục vụ giải quyết TTHC",
            englishName: "Procedures connected to population data", maxPoints: 2, rule: .capped(fullAt: 1),
            inputs: .notInDossierLogs(missing: "the procedure catalogue: procedures connected to the population database",
                                      vietnamese: "danh mục thủ tục: thủ tục kết nối Cơ sở dữ liệu quốc gia về dân cư"),
            whenNoDossiers: .unknown, source: "\(metrics); \(scoring)"),
        // Mức độ hài lòng.
        ServiceIndicatorFormula(
            code: "PETITION_PROCESSING_ON_TIME", group: .satisfaction, vietnameseName: "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn",
            englishName: "Petitions handled on time", maxPoints: 6, rule: .proportional,
            inputs: .notInDossierLogs(missing: "the petition (phản ánh, kiến nghị) log",
                                      vietnamese: "sổ phản ánh, kiến nghị"),
            whenNoDossiers: .fullPoints, source: "\(metrics); \(scoring): 6 × rate, 6 when there were none"),
        ServiceIndicatorFormula(
            code: "PETITION_HANDLING_SATISFACTION", group: .satisfaction, vietnameseName: "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị",
            englishName: "Satisfaction with petition handling", maxPoints: 6, rule: .proportional,
            inputs: .notInDossierLogs(missing: "the petition (phản ánh, kiến nghị) log and its ratings",
                                      vietnamese: "sổ phản ánh, kiến nghị và đánh giá của người dân"),
            whenNoDossiers: .fullPoints, source: "\(metrics); \(scoring): 6 × rate, 6 when there were none"),
        ServiceIndicatorFormula(
            code: "DOSSIER_RECEIVING_SATISFACTION", group: .satisfaction,
            vietnameseName: "Tỷ lệ hài lòng trong tiếp nhận, giải quyết thủ tục hành chính",
            englishName: "Satisfaction with dossier handling", maxPoints: 6, rule: .capped(fullAt: 0.90), inputs: .satisfaction,
            whenNoDossiers: .zero, source: "\(metrics); \(scoring): min(6, 6 × rate / 90%), 0 when none rated"),
    ]
}
