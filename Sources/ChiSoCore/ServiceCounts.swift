/// An optional yes/no column of a dossier log that a Decision 766 indicator counts.
///
/// Each dossier states it as yes, no, empty (the column is there, the cell is not), or not at
/// all (the file has no such column). For `satisfied`, "no" is "không hài lòng" and empty is
/// "not rated".
public enum ServiceFlag: String, Sendable, CaseIterable, Codable {
    /// The result was issued electronically (kết quả điện tử).
    case resultElectronic = "result_electronic"
    /// The dossier's components were digitised (số hóa thành phần hồ sơ).
    case digitized
    /// Components were replaced by data already held (tái sử dụng dữ liệu).
    case reusedData = "reused_data"
    /// Population data was used (dữ liệu dân cư).
    case citizenData = "citizen_data"
    /// The dossier's status was synced to the national portal (đồng bộ Cổng DVCQG).
    case synced
    /// The dossier carried a fee, charge or financial obligation (có phí, lệ phí, nghĩa vụ tài chính).
    case feeRequired = "fee_required"
    /// The obligation was paid online (thanh toán trực tuyến).
    case paidOnline = "paid_online"
    /// The applicant's rating: hài lòng / không hài lòng / empty (not rated).
    case satisfied
    /// The procedure is eligible for full-online service (thủ tục đủ điều kiện toàn trình).
    case fullOnlineEligible = "full_online_eligible"

    /// The index of the flag's 2-bit field in a dossier's packed flags.
    /// (A switch, not `allCases.firstIndex`: it runs for every flag of every row.)
    public var bitIndex: Int {
        switch self {
        case .resultElectronic: 0
        case .digitized: 1
        case .reusedData: 2
        case .citizenData: 3
        case .synced: 4
        case .feeRequired: 5
        case .paidOnline: 6
        case .satisfied: 7
        case .fullOnlineEligible: 8
        }
    }
}

/// How a dossier states one flag, as packed in 2 bits.
public enum FlagValue: UInt32, Sendable {
    /// The file has no such column.
    case absent = 0
    case yes = 1
    case no = 2
    /// The column is there, the cell is empty.
    case empty = 3
}

/// Cohort counts of the Decision 766 service index for one unit and month of receipt.
///
/// The cohort is the dossiers received in the month. Their status is counted three times: as of the
/// last day of the month, of the quarter and of the year of receipt (or of the log's last day when
/// that comes first), because the index takes the status "as of the period's last day": a dossier of
/// January still in progress within its due date on 31 January counts as on time for January, and
/// as late for the first quarter if it was then resolved after its due date in February.
public struct ServiceCounts: Sendable, Equatable {
    /// The horizons a cohort is counted at: the end of its month, quarter and year.
    public enum Horizon: Int, Sendable, CaseIterable {
        case month, quarter, year

        /// The horizon of a period kind.
        public init(_ kind: CalendarPeriod.Kind) {
            switch kind {
            case .month: self = .month
            case .quarter: self = .quarter
            case .year: self = .year
            }
        }

        public var periodKind: CalendarPeriod.Kind {
            switch self {
            case .month: .month
            case .quarter: .quarter
            case .year: .year
            }
        }
    }

    /// The counts, in `ServiceCounts.columns` order.
    public var values: [Int]

    public init() { values = Array(repeating: 0, count: Self.columns.count) }

    /// Counts in `columns` order.
    public init(values: [Int]) {
        precondition(values.count == Self.columns.count, "\(values.count) service counts, expected \(Self.columns.count)")
        self.values = values
    }

    /// The names of the counts: the store's column names, in order.
    public static let columns: [String] = {
        var c = ["received", "received_online", "received_full_online"]
        for h in ["month", "quarter", "year"] { c += ["\(h)_on_time", "\(h)_late", "\(h)_open_within_due"] }
        for f in ServiceFlag.allCases { c += ["\(f.rawValue)_yes", "\(f.rawValue)_no", "\(f.rawValue)_empty"] }
        c += ["eligible_full_online", "fee_paid_online", "fee_paid_stated"]
        return c
    }()

    // Indexes into `values`.
    public static let receivedIndex = 0, onlineIndex = 1, fullOnlineIndex = 2
    public static func onTimeIndex(_ h: Horizon) -> Int { 3 + h.rawValue * 3 }
    public static func lateIndex(_ h: Horizon) -> Int { 4 + h.rawValue * 3 }
    public static func openWithinDueIndex(_ h: Horizon) -> Int { 5 + h.rawValue * 3 }
    public static func flagIndex(_ flag: ServiceFlag, _ value: FlagValue) -> Int {
        let base = 12 + flag.bitIndex * 3
        switch value {
        case .yes: return base
        case .no: return base + 1
        case .empty: return base + 2
        case .absent: preconditionFailure("dossiers without the column are the rest")
        }
    }
    public static let eligibleFullOnlineIndex = 12 + ServiceFlag.allCases.count * 3
    public static let feePaidOnlineIndex = eligibleFullOnlineIndex + 1
    public static let feePaidStatedIndex = eligibleFullOnlineIndex + 2

    /// Dossiers received in the cohort.
    public var received: Int { values[Self.receivedIndex] }
    /// Received online (any level).
    public var receivedOnline: Int { values[Self.onlineIndex] }
    /// Received online with the whole procedure online (toàn trình).
    public var receivedFullOnline: Int { values[Self.fullOnlineIndex] }
    /// Resolved on or before the due date by the horizon's end.
    public func onTime(_ h: Horizon) -> Int { values[Self.onTimeIndex(h)] }
    /// Resolved after the due date by the horizon's end.
    public func late(_ h: Horizon) -> Int { values[Self.lateIndex(h)] }
    /// Not resolved by the horizon's end, and the due date not passed then.
    public func openWithinDue(_ h: Horizon) -> Int { values[Self.openWithinDueIndex(h)] }
    /// Not resolved by the horizon's end, and already overdue then.
    public func openOverdue(_ h: Horizon) -> Int { received - onTime(h) - late(h) - openWithinDue(h) }
    /// Dossiers stating the flag as `value` (`.empty`: the column is there, the cell empty;
    /// `.absent`: from a file without the column).
    public func count(_ flag: ServiceFlag, _ value: FlagValue) -> Int {
        if value == .absent {
            return received - count(flag, .yes) - count(flag, .no) - count(flag, .empty)
        }
        return values[Self.flagIndex(flag, value)]
    }
    /// Full-online dossiers of procedures stated as eligible for full-online service.
    public var eligibleFullOnline: Int { values[Self.eligibleFullOnlineIndex] }
    /// Dossiers with a fee stated as paid online.
    public var feePaidOnline: Int { values[Self.feePaidOnlineIndex] }
    /// Dossiers with a fee whose online payment is stated (yes or no).
    public var feePaidStated: Int { values[Self.feePaidStatedIndex] }

    /// Adds another cohort's counts.
    public mutating func add(_ other: ServiceCounts) {
        for i in values.indices { values[i] += other.values[i] }
    }
}

/// One row of the service-index rollup: a unit's cohort of one month.
public struct ServiceRollup: Sendable, Equatable {
    public var provinceID: String
    /// The month of receipt.
    public var month: CalendarPeriod
    public var unitCode: String
    public var unitName: String
    public var level: AdministrativeLevel
    /// The last day the log knows about: statuses after it are unknown, so a horizon that ends
    /// later is counted as of this day.
    public var asOf: Day
    public var counts: ServiceCounts

    public init(provinceID: String, month: CalendarPeriod, unitCode: String, unitName: String, level: AdministrativeLevel,
                asOf: Day, counts: ServiceCounts) {
        self.provinceID = provinceID; self.month = month; self.unitCode = unitCode; self.unitName = unitName
        self.level = level; self.asOf = asOf; self.counts = counts
    }
}

/// An optional count column of an aggregated statistics file (Mẫu 06a-like) that a Decision 766
/// indicator divides: dossiers of the row's `received_total` that were synced, had an electronic
/// result, …; ratings; dossiers with a fee and those paid online.
public enum ServiceStatisticColumn: String, Sendable, CaseIterable, Codable {
    case synced, resultElectronic = "result_electronic", digitized, reusedData = "reused_data", citizenData = "citizen_data"
    /// Ratings "hài lòng", of `rated`.
    case satisfied
    /// Dossiers rated.
    case rated
    /// Dossiers with a fee, charge or financial obligation, of `received_total`.
    case feeRequired = "fee_required"
    /// Of `fee_required`, paid online.
    case paidOnline = "paid_online"

    /// The yes/no flag of a dossier log the count stands for (`rated` has none).
    public var flag: ServiceFlag? {
        switch self {
        case .synced: .synced
        case .resultElectronic: .resultElectronic
        case .digitized: .digitized
        case .reusedData: .reusedData
        case .citizenData: .citizenData
        case .satisfied: .satisfied
        case .rated: nil
        case .feeRequired: .feeRequired
        case .paidOnline: .paidOnline
        }
    }
}

/// The service-index counts of aggregated statistics for one unit (or level, or the province)
/// over one reported period, summed over the rows of a file.
public struct ServiceStatistic: Sendable, Equatable {
    public var provinceID: String
    /// The calendar period the rows report (`admin_statistic.reported`).
    public var period: CalendarPeriod
    public var unitCode: String?
    public var unitName: String?
    public var level: AdministrativeLevel?
    /// The file the rows came from.
    public var file: String
    /// Dossiers received (`received_total`).
    public var received: Int
    /// The optional counts the rows state (a column absent or empty is not stated).
    public var counts: [ServiceStatisticColumn: Int]

    public init(provinceID: String, period: CalendarPeriod, unitCode: String? = nil, unitName: String? = nil, level: AdministrativeLevel? = nil,
                file: String, received: Int, counts: [ServiceStatisticColumn: Int]) {
        self.provinceID = provinceID; self.period = period; self.unitCode = unitCode; self.unitName = unitName; self.level = level
        self.file = file; self.received = received; self.counts = counts
    }

    /// The counts as a dossier log's cohort would hold them, so that one calculator scores both:
    /// a count of `received` is its flag's yes, the rest no; `satisfied` of `rated` (the rest of
    /// `received` not rated); `paid_online` of `fee_required`. A count not stated leaves its flag
    /// absent. The status counts (handling on time) stay zero: statistics do not determine them.
    public var serviceCounts: ServiceCounts {
        var c = ServiceCounts()
        c.values[ServiceCounts.receivedIndex] = received
        func set(_ flag: ServiceFlag, yes: Int, no: Int, empty: Int = 0) {
            c.values[ServiceCounts.flagIndex(flag, .yes)] = yes
            c.values[ServiceCounts.flagIndex(flag, .no)] = no
            c.values[ServiceCounts.flagIndex(flag, .empty)] = empty
        }
        for column in [ServiceStatisticColumn.synced, .resultElectronic, .digitized, .reusedData, .citizenData, .feeRequired] {
            if let n = counts[column], let flag = column.flag { set(flag, yes: n, no: received - n) }
        }
        if let satisfied = counts[.satisfied], let rated = counts[.rated] {
            set(.satisfied, yes: satisfied, no: rated - satisfied, empty: received - rated)
        }
        if let fee = counts[.feeRequired], let paid = counts[.paidOnline] {
            set(.paidOnline, yes: paid, no: fee - paid, empty: received - fee)
            c.values[ServiceCounts.feePaidOnlineIndex] = paid
            c.values[ServiceCounts.feePaidStatedIndex] = fee
        }
        return c
    }
}
