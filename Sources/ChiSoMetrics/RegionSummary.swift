import ChiSoCore

/// One region's figures in one edition: how many of its provinces are ranked, the best and the
/// worst, the median rank, the mean score and how many moved up or down.
public struct RegionSummary: Sendable, Equatable {
    public var region: Region
    /// Units of the region that existed when the edition was published.
    public var provinces: Int
    /// Members with a rank in the store.
    public var ranked: Int
    /// The best-ranked member (ties: first in Vietnamese name order).
    public var best: RankChange?
    /// The worst-ranked member (ties: first in Vietnamese name order).
    public var worst: RankChange?
    /// The median of the members' ranks (the mean of the middle two for an even count).
    public var medianRank: Double?
    /// The mean score of the members with a score, and how many have one.
    public var meanScore: Double?
    public var scored: Int
    /// Members that moved up, down, or kept their rank since their previous edition.
    public var up: Int
    public var down: Int
    public var unchanged: Int

    /// A summary for every region with at least one member in `changes` (one edition's changes), in
    /// `Region.allCases` order.
    public static func make(_ changes: [RankChange], registry: ProvinceRegistry = .standard) -> [RegionSummary] {
        guard let year = changes.first?.year else { return [] }
        let day = EditionUnits.day(year: year, provinceIDs: changes.map(\.provinceID), registry: registry)
        func name(_ c: RankChange) -> String { registry.province(id: c.provinceID)?.name ?? c.provinceID }
        return Region.allCases.compactMap { region in
            let members = changes.filter { registry.province(id: $0.provinceID)?.region == region }
            guard !members.isEmpty else { return nil }
            let ranked = members.filter { $0.rank != nil }.sorted { a, b in
                a.rank! != b.rank! ? a.rank! < b.rank! : VietnameseCollation.areInIncreasingOrder(name(a), name(b))
            }
            let worst = ranked.last.map { last in ranked.first { $0.rank == last.rank }! }
            let ranks = ranked.map { Double($0.rank!) }
            var median: Double?
            if !ranks.isEmpty {
                let mid = ranks.count / 2
                median = ranks.count % 2 == 1 ? ranks[mid] : (ranks[mid - 1] + ranks[mid]) / 2
            }
            let scores = members.compactMap(\.score)
            return RegionSummary(
                region: region, provinces: EditionUnits.regionSize(region, on: day, registry: registry), ranked: ranked.count,
                best: ranked.first, worst: worst, medianRank: median,
                meanScore: scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count), scored: scores.count,
                up: members.filter { ($0.change ?? 0) > 0 }.count, down: members.filter { ($0.change ?? 0) < 0 }.count,
                unchanged: members.filter { $0.change == 0 }.count)
        }
    }
}
