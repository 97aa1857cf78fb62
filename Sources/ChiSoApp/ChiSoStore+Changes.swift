import ChiSoCore
import ChiSoMetrics
import ChiSoStore

extension ChiSoStore {
    /// The entries a `RankChangeCalculator` of `index` needs: the index's own, and for an index of
    /// the 34 units of 2025 (`DTI-34`) also its base index's (`DTI`), where the units' predecessors stand.
    package func fetchEntriesForChanges(index: String) throws -> [RankingEntry] {
        let own = try fetchEntries(index: index)
        guard IndexCatalog.isUnits2025(index) else { return own }
        return own + (try fetchEntries(index: IndexCatalog.baseIndex(index)))
    }
}
