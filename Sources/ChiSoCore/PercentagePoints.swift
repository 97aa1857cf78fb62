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
