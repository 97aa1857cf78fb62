import ChiSoCore

/// Everything the store holds about one index, as plain values: every edition's entries, the
/// edition summaries and the component values a report needs.
///
/// Report builders take these instead of a store, so they never run SQL.
public struct IndexHistory: Sendable, Equatable {
    public var index: String
    /// Every entry of every edition (all provinces): ranks within an edition need the whole field.
    public var entries: [RankingEntry]
    public var editions: [EditionSummary]
    /// Component values (sub-indices, dimensions, pillars) of the provinces the report shows; a
    /// province report also gets every province's values of its year (the national median, the best).
    public var components: [ComponentValue]

    public init(index: String, entries: [RankingEntry], editions: [EditionSummary], components: [ComponentValue] = []) {
        self.index = index
        // A 34-unit index keeps its base index's entries too: they place a unit's predecessors.
        let base = IndexCatalog.isUnits2025(index) ? IndexCatalog.baseIndex(index) : index
        self.entries = entries.filter { $0.index == index || $0.index == base }
        self.editions = editions.filter { $0.index == index }
        self.components = components.filter { $0.index == index }
    }

    /// The rank changes over these entries.
    public func calculator(registry: ProvinceRegistry = .standard) -> RankChangeCalculator {
        RankChangeCalculator(index: index, entries: entries, editions: editions, registry: registry)
    }

    /// Years of the editions the store holds, oldest first.
    public var years: [Int] { editions.map(\.year).sorted() }
}

/// The units an edition ranked: the 63 provinces (64 with Hà Tây before August 2008) or, for
/// editions published after the 2025 reorganisation, the 34 new units.
public enum EditionUnits {
    /// The day on which the edition's units are read: 1 January of `year`, or the first day of
    /// the newest unit among `provinceIDs` when that unit did not exist yet on 1 January (DTI 2024
    /// ranks the units formed on 2025-07-01).
    public static func day(year: Int, provinceIDs: [String], registry: ProvinceRegistry = .standard) -> Day {
        let january = Day(year: year, month: 1, day: 1)
        let later = provinceIDs.compactMap { registry.province(id: $0) }
            .filter { !$0.isValid(on: january) }
            .compactMap(\.validFrom)
        return later.max() ?? january
    }

    /// How many units of `region` existed on the edition's day.
    public static func regionSize(_ region: Region, on day: Day, registry: ProvinceRegistry = .standard) -> Int {
        registry.provinces(validOn: day).filter { $0.region == region }.count
    }
}
