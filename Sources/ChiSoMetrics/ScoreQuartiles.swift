import ChiSoCore

/// Quartile groups of an edition's scores, computed by ChiSo: PAPI publishes its provinces in four
/// groups but the datasets do not carry them, so reports show these instead and say so.
public enum ScoreQuartiles {
    /// Group 0 (the highest quarter of scores) to 3 (the lowest) for each id with a score: the
    /// provinces sorted by score, descending, cut into four parts of (nearly) equal size; tied
    /// scores share the group of the first of them.
    public static func groups(_ scores: [String: Double]) -> [String: Int] {
        let sorted = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let n = sorted.count
        var groups: [String: Int] = [:]
        var previous: (score: Double, group: Int)?
        for (i, item) in sorted.enumerated() {
            let group = previous.map { $0.score == item.value ? $0.group : min(3, i * 4 / n) } ?? 0
            groups[item.key] = group
            previous = (item.value, group)
        }
        return groups
    }
}

/// Where a province's component stands in its edition: the national median and the best value
/// (the highest score, or the smallest rank for `_rank` keys) with the provinces that hold it.
public struct ComponentBenchmark: Sendable, Equatable {
    public var key: String
    public var median: Double
    public var best: Double
    /// Ids of the provinces with the best value, sorted.
    public var bestProvinceIDs: [String]
    /// How many provinces have the component in the edition.
    public var count: Int

    /// One benchmark per component key of `year` (every province's values of the index).
    public static func make(year: Int, components: [ComponentValue]) -> [String: ComponentBenchmark] {
        var byKey: [String: [(id: String, value: Double)]] = [:]
        for c in components where c.year == year && c.value.isFinite { byKey[c.component, default: []].append((c.provinceID, c.value)) }
        var out: [String: ComponentBenchmark] = [:]
        for (key, values) in byKey where !values.isEmpty {
            let sorted = values.map(\.value).sorted()
            let n = sorted.count
            let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            let best = key.hasSuffix("_rank") ? sorted.first! : sorted.last!
            out[key] = ComponentBenchmark(key: key, median: median, best: best,
                                          bestProvinceIDs: values.filter { $0.value == best }.map(\.id).sorted(), count: n)
        }
        return out
    }
}
