import ChiSoCore

/// A province's rank and score in one edition, against the previous edition that ranked it.
///
/// `change` is `previousRank - rank`: positive means the province moved up. It is `nil` when there is
/// nothing comparable: no earlier edition ranked the province, or the 2025 reorganisation lies
/// between the two editions (then `caveats` carries the predecessors' ranks instead).
public struct RankChange: Sendable, Equatable {
    public var index: String
    public var year: Int
    public var provinceID: String
    public var rank: Int?
    public var of: Int
    public var score: Double?
    public var rankComputed: Bool
    public var previousYear: Int?
    public var previousRank: Int?
    public var previousOf: Int?
    public var previousScore: Double?
    public var change: Int?
    public var scoreChange: Double?
    public var caveats: [RankCaveat]

    public init(index: String, year: Int, provinceID: String, rank: Int?, of: Int, score: Double? = nil, rankComputed: Bool = false,
                previousYear: Int? = nil, previousRank: Int? = nil, previousOf: Int? = nil, previousScore: Double? = nil,
                change: Int? = nil, scoreChange: Double? = nil, caveats: [RankCaveat] = []) {
        self.index = index; self.year = year; self.provinceID = provinceID; self.rank = rank; self.of = of; self.score = score
        self.rankComputed = rankComputed; self.previousYear = previousYear; self.previousRank = previousRank
        self.previousOf = previousOf; self.previousScore = previousScore; self.change = change; self.scoreChange = scoreChange
        self.caveats = caveats
    }
}

/// Something a reader must know before quoting a rank or a change.
public enum RankCaveat: Sendable, Equatable, Hashable {
    /// A rank was computed from the scores while the store knows only `scored` of the `of` scores of that edition.
    case computedFromIncompleteScores(index: String, year: Int, scored: Int, of: Int)
    /// The previous edition ranked other units: the province was formed on 2025-07-01 from `predecessors`.
    case acrossReorganisation(previousYear: Int, predecessors: [PredecessorRank])
    /// The two editions ranked different numbers of provinces (e.g. 42 in PCI 2005, 64 in 2006).
    case differentFieldSize(of: Int, previousOf: Int)
    /// The index's method changed between the two editions: no score change is computed.
    case methodChange(MethodologyBreak)
    /// The previous edition's rank was computed from the scores (the edition's scores are complete,
    /// so the rank is exact, but it was not published).
    case previousRankComputed(year: Int)

    /// A stable code for machine outputs (JSON, CSV); the text beside it is localized.
    public var code: String {
        switch self {
        case .computedFromIncompleteScores: return "partial_edition"
        case .acrossReorganisation: return "reorganisation_2025"
        case .differentFieldSize: return "field_size_changed"
        case .methodChange: return "method_change"
        case .previousRankComputed: return "rank_computed"
        }
    }
}

/// A predecessor province's position in the edition before a reorganisation.
public struct PredecessorRank: Sendable, Equatable, Hashable {
    public var provinceID: String
    public var rank: Int?
    public var of: Int
    public var score: Double?
}

/// Computes rank changes over every edition of one index.
public struct RankChangeCalculator: Sendable {
    public let index: String
    private let byYear: [Int: [String: RankingEntry]]
    /// Where the predecessors of a 2025 unit are looked up: this index, or the base index of a 34-unit one.
    private let predecessorsByYear: [Int: [String: RankingEntry]]
    private let predecessorsIncludeSameYear: Bool
    private let editions: [Int: EditionSummary]
    private let registry: ProvinceRegistry

    /// - Parameters:
    ///   - entries: every entry of `index` the store has (all years, all provinces).
    ///   - editions: the store's summaries of those editions.
    ///
    /// For an index of the 34 units of 2025 (`DTI-34`), `entries` may also hold the base index's
    /// entries (`DTI`): they tell where a unit's predecessors stood, the same year included.
    public init(index: String, entries: [RankingEntry], editions: [EditionSummary], registry: ProvinceRegistry = .standard) {
        self.index = index
        var byYear: [Int: [String: RankingEntry]] = [:]
        var predecessorsByYear: [Int: [String: RankingEntry]] = [:]
        let base = IndexCatalog.isUnits2025(index) ? IndexCatalog.baseIndex(index) : nil
        for e in entries {
            if e.index == index { byYear[e.year, default: [:]][e.provinceID] = e }
            if e.index == base { predecessorsByYear[e.year, default: [:]][e.provinceID] = e }
        }
        self.byYear = byYear
        self.predecessorsByYear = base == nil ? byYear : predecessorsByYear
        self.predecessorsIncludeSameYear = base != nil
        self.editions = Dictionary(editions.filter { $0.index == index }.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        self.registry = registry
    }

    /// Editions of the index, oldest first.
    public var years: [Int] { byYear.keys.sorted() }

    /// The edition summary of `year`, if the store has that edition.
    public func edition(_ year: Int) -> EditionSummary? { editions[year] }

    /// The entry of a province in an edition.
    public func entry(provinceID: String, year: Int) -> RankingEntry? { byYear[year]?[provinceID] }

    /// All entries of an edition, by rank (unranked last), ties in Vietnamese name order.
    public func entries(year: Int) -> [RankingEntry] {
        (byYear[year] ?? [:]).values.sorted { a, b in
            switch (a.rank, b.rank) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return VietnameseCollation.areInIncreasingOrder(name(a.provinceID), name(b.provinceID))
            }
        }
    }

    /// The change of one province in `year`, or `nil` when the edition has no entry for it.
    public func change(provinceID: String, year: Int) -> RankChange? {
        guard let current = entry(provinceID: provinceID, year: year) else { return nil }
        var result = RankChange(index: index, year: year, provinceID: provinceID, rank: current.rank, of: current.of,
                                score: current.score, rankComputed: current.rankComputed, previousYear: nil, previousRank: nil,
                                previousOf: nil, previousScore: nil, change: nil, scoreChange: nil, caveats: [])
        result.caveats += incompleteness(of: current)
        // The previous edition that ranked this province (not always year - 1).
        let earlier = years.filter { $0 < year }.reversed()
        if let previous = earlier.lazy.compactMap({ self.entry(provinceID: provinceID, year: $0) }).first(where: { $0.rank != nil || $0.score != nil }) {
            result.previousYear = previous.year
            result.previousRank = previous.rank
            result.previousOf = previous.of
            result.previousScore = previous.score
            if let rank = current.rank, let previousRank = previous.rank { result.change = previousRank - rank }
            // Across a methodology break the scores measure different things: the rank change stays, the score change goes.
            if let methodBreak = MethodologyBreaks.between(index, previousYear: previous.year, year: year) {
                result.caveats.append(.methodChange(methodBreak))
            } else if let score = current.score, let previousScore = previous.score {
                result.scoreChange = DecimalArithmetic.difference(score, previousScore)
            }
            if previous.of != current.of { result.caveats.append(.differentFieldSize(of: current.of, previousOf: previous.of)) }
            let previousIncomplete = incompleteness(of: previous)
            for caveat in previousIncomplete where !result.caveats.contains(caveat) { result.caveats.append(caveat) }
            if previous.rankComputed && previousIncomplete.isEmpty && result.change != nil {
                result.caveats.append(.previousRankComputed(year: previous.year))
            }
            return result
        }
        // A unit formed by the 2025 reorganisation: show where its predecessors stood, never a change.
        let predecessors = registry.province(id: provinceID).map { registry.predecessors(of: $0) } ?? []
        if !predecessors.isEmpty {
            let predecessorYears = predecessorsByYear.keys.filter { predecessorsIncludeSameYear ? $0 <= year : $0 < year }.sorted(by: >)
            for y in predecessorYears {
                let ranks = predecessors.compactMap { p in predecessorsByYear[y]?[p.id] }
                guard !ranks.isEmpty else { continue }
                result.previousYear = y
                result.caveats.append(.acrossReorganisation(previousYear: y, predecessors: predecessors.map { p in
                    let e = predecessorsByYear[y]?[p.id]
                    return PredecessorRank(provinceID: p.id, rank: e?.rank, of: e?.of ?? ranks[0].of, score: e?.score)
                }))
                break
            }
        }
        return result
    }

    /// The changes of every province in an edition, in leaderboard order.
    public func changes(year: Int) -> [RankChange] {
        entries(year: year).compactMap { change(provinceID: $0.provinceID, year: year) }
    }

    private func incompleteness(of entry: RankingEntry) -> [RankCaveat] {
        guard entry.rankComputed, let edition = editions[entry.year], !edition.scoresComplete else { return [] }
        return [.computedFromIncompleteScores(index: index, year: entry.year, scored: edition.scored, of: edition.of)]
    }

    private func name(_ id: String) -> String { registry.province(id: id)?.name ?? id }
}
