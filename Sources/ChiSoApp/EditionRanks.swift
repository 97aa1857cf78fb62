import ChiSoCore
import ChiSoMetrics
import ChiSoStore

/// One edition's leaderboard with each province's change: what `chiso ranks` prints and what a
/// notebook's `chiso ranks` block embeds.
public struct EditionRanks: Sendable, Equatable {
    public var index: String
    public var year: Int
    /// Best rank first, filtered to the region or sub-region asked for.
    public var changes: [RankChange]
    /// How complete the store's copy of the edition is.
    public var edition: EditionSummary?

    /// Why a leaderboard cannot be made, in the user's words.
    public enum Failure: Error, Equatable, Sendable {
        /// The store has no edition of the index; `known` lists the indexes it has.
        case noIndex(index: String, known: [String])
        /// The index has editions, but not that year.
        case noEdition(index: String, year: Int, years: [Int])
    }

    /// The editions of `index` in the store, oldest first (`Failure.noIndex` when there are none).
    public static func editions(store: ChiSoStore, index: String) throws -> [EditionSummary] {
        let code = index.uppercased()
        let editions = try store.fetchEditions(index: code)
        guard !editions.isEmpty else { throw Failure.noIndex(index: code, known: try store.fetchIndexes()) }
        return editions
    }

    /// Reads the store and computes the edition's changes, keeping only the provinces of `region`
    /// and `subregion` when given, and the first `limit`.
    public static func make(store: ChiSoStore, index: String, year: Int, region: Region? = nil, subregion: Subregion? = nil,
                            limit: Int? = nil, registry: ProvinceRegistry = .standard) throws -> EditionRanks {
        let code = index.uppercased()
        let editions = try Self.editions(store: store, index: code)
        guard editions.contains(where: { $0.year == year }) else {
            throw Failure.noEdition(index: code, year: year, years: editions.map(\.year))
        }
        let calculator = RankChangeCalculator(index: code, entries: try store.fetchEntriesForChanges(index: code), editions: editions, registry: registry)
        var changes = calculator.changes(year: year)
        if let region { changes = changes.filter { registry.province(id: $0.provinceID)?.region == region } }
        if let subregion { changes = changes.filter { registry.province(id: $0.provinceID)?.subregion == subregion } }
        if let limit { changes = Array(changes.prefix(limit)) }
        return EditionRanks(index: code, year: year, changes: changes, edition: calculator.edition(year))
    }

    /// The store holds part of the edition, or computed ranks from partial scores: say so under the table.
    public func completenessNote(_ language: Language) -> String? {
        guard let edition, edition.present < edition.of || !edition.scoresComplete && edition.ranksPublished < edition.present else { return nil }
        return language == .vi
            ? "Lưu ý: kho dữ liệu có \(edition.present)/\(edition.of) tỉnh của \(index) \(year) (\(edition.scored) có điểm, \(edition.ranksPublished) có thứ hạng công bố)."
            : "Note: the store holds \(edition.present) of the \(edition.of) provinces of \(index) \(year) (\(edition.scored) with a score, \(edition.ranksPublished) with a published rank)."
    }
}

extension EditionRanks.Failure: CustomStringConvertible {
    public var description: String { message(in: "the store") }

    /// The message naming the database (`in chiso.sqlite`).
    public func message(in place: String) -> String {
        switch self {
        case let .noIndex(index, known):
            "no \(index) editions in \(place); indexes there: \(known.isEmpty ? "none (run `chiso ingest`)" : known.joined(separator: ", "))"
        case let .noEdition(index, year, years):
            "no \(index) \(year) in \(place); editions there: \(years.map(String.init).joined(separator: ", "))"
        }
    }
}
