/// The administrative level of a unit that receives dossiers: the province (its departments and
/// public-administration service centre), a district, or a commune.
public enum AdministrativeLevel: String, Sendable, CaseIterable, Comparable, Codable {
    case province, district, commune

    public static func < (a: AdministrativeLevel, b: AdministrativeLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// "cấp tỉnh", "cấp huyện", "cấp xã".
    public var vietnameseName: String {
        switch self {
        case .province: "cấp tỉnh"
        case .district: "cấp huyện"
        case .commune: "cấp xã"
        }
    }
}

/// Dossier counts of one group over one period, as a one-stop-shop system reports them.
///
/// `nil` means "not stated" (a report that gives no on-time count), never zero: a rate is only
/// computed from rows that state both of its counts.
public struct DossierCounts: Sendable, Equatable, Hashable {
    /// Dossiers received (tổng số hồ sơ tiếp nhận).
    public var receivedTotal: Int?
    /// Received online (trực tuyến).
    public var receivedOnline: Int?
    /// Received online with the whole procedure done online (toàn trình).
    public var receivedFullOnline: Int?
    /// Received at the counter (trực tiếp).
    public var receivedDirect: Int?
    /// Received by post (bưu chính).
    public var receivedPostal: Int?
    /// Resolved (đã giải quyết).
    public var resolvedTotal: Int?
    /// Resolved on or before the due date (đúng hạn, trước hạn).
    public var resolvedOnTime: Int?
    /// Resolved after the due date (trễ hạn).
    public var resolvedLate: Int?
    /// Not resolved (đang giải quyết).
    public var pending: Int?

    public init(receivedTotal: Int? = nil, receivedOnline: Int? = nil, receivedFullOnline: Int? = nil,
                receivedDirect: Int? = nil, receivedPostal: Int? = nil, resolvedTotal: Int? = nil,
                resolvedOnTime: Int? = nil, resolvedLate: Int? = nil, pending: Int? = nil) {
        self.receivedTotal = receivedTotal; self.receivedOnline = receivedOnline; self.receivedFullOnline = receivedFullOnline
        self.receivedDirect = receivedDirect; self.receivedPostal = receivedPostal; self.resolvedTotal = resolvedTotal
        self.resolvedOnTime = resolvedOnTime; self.resolvedLate = resolvedLate; self.pending = pending
    }

    /// Every count, in the order of the statistics columns.
    public static let measures: [WritableKeyPath<DossierCounts, Int?> & Sendable] = [
        \.receivedTotal, \.receivedOnline, \.receivedFullOnline, \.receivedDirect, \.receivedPostal,
        \.resolvedTotal, \.resolvedOnTime, \.resolvedLate, \.pending,
    ]
}

/// A part of a whole: online dossiers of all received, on-time of all resolved.
///
/// `value` is `nil` ("n/a") when the whole is zero: never NaN, never a crash.
public protocol Proportion: Sendable, Equatable {
    var part: Int { get }
    var whole: Int { get }
}

extension Proportion {
    /// `part / whole`, or `nil` when `whole` is zero.
    public var value: Double? { whole > 0 ? Double(part) / Double(whole) : nil }
}

/// Online-submission rate (tỷ lệ hồ sơ trực tuyến): received online / received.
public struct OnlineSubmissionRate: Proportion {
    public var online: Int
    public var received: Int
    public init(online: Int, received: Int) { self.online = online; self.received = received }
    public var part: Int { online }
    public var whole: Int { received }
}

/// On-time rate (tỷ lệ giải quyết đúng hạn): resolved on time / resolved.
public struct OnTimeRate: Proportion {
    public var onTime: Int
    public var resolved: Int
    public init(onTime: Int, resolved: Int) { self.onTime = onTime; self.resolved = resolved }
    public var part: Int { onTime }
    public var whole: Int { resolved }
}

/// Full-online share (tỷ lệ toàn trình): of the dossiers received online, those whose whole
/// procedure was done online.
public struct FullOnlineShare: Proportion {
    public var fullOnline: Int
    public var online: Int
    public init(fullOnline: Int, online: Int) { self.fullOnline = fullOnline; self.online = online }
    public var part: Int { fullOnline }
    public var whole: Int { online }
}

/// The difference between two rates in percentage points: 0.40 against 0.35 is +5 pp.
public struct PercentagePoints: Sendable, Equatable {
    /// Percentage points (5.0 for five points).
    public var value: Double

    public init(_ value: Double) { self.value = value }

    /// `current - previous` in points, or `nil` when either rate is n/a.
    ///
    /// Computed as one fraction, 100 × (a·d − c·b) / (b·d), so that 80% against 50% is exactly
    /// 30 points rather than 30.000000000000004.
    public static func change(from previous: (some Proportion)?, to current: some Proportion) -> PercentagePoints? {
        guard let previous, current.whole > 0, previous.whole > 0 else { return nil }
        let (ad, o1) = current.part.multipliedReportingOverflow(by: previous.whole)
        let (cb, o2) = previous.part.multipliedReportingOverflow(by: current.whole)
        let (bd, o3) = current.whole.multipliedReportingOverflow(by: previous.whole)
        let (numerator, o4) = (ad - cb).multipliedReportingOverflow(by: 100)
        if o1 || o2 || o3 || o4 { return PercentagePoints((current.value! - previous.value!) * 100) }
        return PercentagePoints(Double(numerator) / Double(bd))
    }
}
