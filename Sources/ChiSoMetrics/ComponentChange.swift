import ChiSoCore

/// How a province's components (PCI sub-indices, PAPI dimensions, DTI pillars) moved between two
/// editions.
///
/// Component sets change over time (PCI replaced `private_sector_dev_services` by
/// `business_support_services` in 2009 and added `policy_bias` in 2013; PAPI added two dimensions
/// in 2018), so only keys present in both editions are compared; the others are listed apart.
public struct ComponentChange: Sendable, Equatable {
    /// One component in both editions.
    public struct Delta: Sendable, Equatable {
        public var key: String
        public var previous: Double
        public var current: Double
        /// `current - previous`.
        public var change: Double
        /// True for rank components (keys ending in `_rank`): a smaller value is better.
        public var lowerIsBetter: Bool

        /// The change in the direction of "better": positive is an improvement.
        public var improvement: Double { lowerIsBetter ? -change : change }
    }

    public var index: String
    public var provinceID: String
    public var year: Int
    /// The latest earlier edition with components for the province; `nil` for the first one.
    public var previousYear: Int?
    /// Every component of `year`, by key.
    public var current: [String: Double]
    /// Components in both editions, by key.
    public var deltas: [Delta]
    /// Keys only in `year`, sorted.
    public var added: [String]
    /// Keys only in `previousYear`, sorted.
    public var dropped: [String]

    /// The biggest improvements, best first (ties by key).
    public func gains(limit: Int) -> [Delta] {
        Array(deltas.filter { $0.improvement > 0 }.sorted { ($0.improvement, $1.key) > ($1.improvement, $0.key) }.prefix(limit))
    }

    /// The biggest setbacks, worst first (ties by key).
    public func losses(limit: Int) -> [Delta] {
        Array(deltas.filter { $0.improvement < 0 }.sorted { ($0.improvement, $0.key) < ($1.improvement, $1.key) }.prefix(limit))
    }

    /// The change of `provinceID`'s components in `year` against its previous edition with components.
    ///
    /// - Parameter components: component values of the index (any years, any provinces).
    /// - Returns: `nil` when the province has no components in `year`.
    public static func make(provinceID: String, year: Int, components: [ComponentValue]) -> ComponentChange? {
        let own = components.filter { $0.provinceID == provinceID }
        let current = values(own, year: year)
        guard let index = own.first?.index, !current.isEmpty else { return nil }
        let previousYear = own.map(\.year).filter { $0 < year }.max()
        let previous = previousYear.map { values(own, year: $0) } ?? [:]
        let deltas = current.keys.sorted().compactMap { key -> Delta? in
            guard let now = current[key], let before = previous[key] else { return nil }
            return Delta(key: key, previous: before, current: now, change: now - before, lowerIsBetter: key.hasSuffix("_rank"))
        }
        return ComponentChange(index: index, provinceID: provinceID, year: year, previousYear: previousYear, current: current,
                               deltas: deltas,
                               added: previousYear == nil ? [] : current.keys.filter { previous[$0] == nil }.sorted(),
                               dropped: previous.keys.filter { current[$0] == nil }.sorted())
    }

    private static func values(_ components: [ComponentValue], year: Int) -> [String: Double] {
        var out: [String: Double] = [:]
        for c in components where c.year == year { out[c.component] = c.value }
        return out
    }
}
