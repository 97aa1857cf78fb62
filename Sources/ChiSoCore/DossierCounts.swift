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
