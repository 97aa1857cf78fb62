import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore

/// A province's rank changes in one year, over several indexes: what `chiso changes` prints and what a
/// notebook's `chiso changes` block embeds.
public struct ProvinceChanges: Sendable, Equatable {
    /// The province the changes are about (for a name shared by a pre-2025 province and a 2025 unit,
    /// the one the editions rank).
    public var province: Province
    public var year: Int
    /// In `IndexCatalog` order.
    public var changes: [RankChange]
    /// Indexes asked for that have no figures for the province in that year.
    public var missingIndexes: [String]

    /// Reads the store and computes the changes. `query` is a name or code in any spelling;
    /// `indexes` nil means every index in the store.
    public static func make(store: ChiSoStore, query: String, year: Int, indexes: [String]? = nil,
                            registry: ProvinceRegistry = .standard) throws -> ProvinceChanges {
        let january = Day(year: year, month: 1, day: 1)
        let candidates = try registry.candidates(query, fallbackDay: january)
        let codes = try indexes.map { $0.map { $0.uppercased() } } ?? IndexCatalog.sorted(store.fetchIndexes())
        var changes: [RankChange] = []
        var missing: [String] = []
        for code in codes {
            let editions = try store.fetchEditions(index: code)
            // Without a list of indexes, one with no edition that year is not "missing" (DTI-34 has only 2024).
            if indexes == nil && !editions.contains(where: { $0.year == year }) { continue }
            let calculator = RankChangeCalculator(index: code, entries: try store.fetchEntriesForChanges(index: code),
                                                  editions: editions, registry: registry)
            // A name can denote a pre-2025 province and a post-2025 unit: take the one this edition ranks.
            if let change = candidates.lazy.compactMap({ calculator.change(provinceID: $0.id, year: year) }).first {
                changes.append(change)
            } else {
                missing.append(code)
            }
        }
        let province = candidates.first { p in changes.contains { $0.provinceID == p.id } }
            ?? (try? registry.resolve(query, on: january)) ?? candidates[0]
        return ProvinceChanges(province: province, year: year, changes: changes, missingIndexes: missing)
    }
}
