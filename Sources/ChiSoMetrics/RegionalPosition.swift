import ChiSoCore

/// A province's place among the provinces of its region (one of the six socio-economic regions)
/// in one edition, by effective rank (published, or computed from the scores).
public struct RegionalPosition: Sendable, Equatable {
    /// A province of the region in the edition.
    public struct Member: Sendable, Equatable {
        public var provinceID: String
        public var rank: Int?
        public var of: Int
        public var score: Double?
        public var rankComputed: Bool
        /// Places gained since the previous edition (`RankChange.change`).
        public var change: Int?
    }

    public var index: String
    public var year: Int
    public var provinceID: String
    public var region: Region
    /// 1 + the number of members ranked strictly better (ties share a position); `nil` when the
    /// province has no rank in the edition.
    public var position: Int?
    /// Members with a rank in the store.
    public var ranked: Int
    /// Units of the region that existed when the edition was published.
    public var regionSize: Int
    /// True when the position can be quoted as "N of `ranked`": every unit of the region has a rank,
    /// or the store holds the whole edition (so a missing member was not ranked by the publisher).
    public var isComplete: Bool
    /// The region's members in the edition, best rank first (unranked last), ties in Vietnamese name order.
    public var members: [Member]

    /// The position of `provinceID` among the members of its region in `changes` (one edition's
    /// changes, as `RankChangeCalculator.changes(year:)` gives them).
    ///
    /// - Parameter edition: the edition's summary; when the store holds all of it, a region member
    ///   without a row was not ranked, and the position is complete.
    /// - Returns: `nil` when the province is not in `changes` or not in the registry.
    public static func make(provinceID: String, changes: [RankChange], edition: EditionSummary?,
                            registry: ProvinceRegistry = .standard) -> RegionalPosition? {
        guard let focal = changes.first(where: { $0.provinceID == provinceID }),
              let province = registry.province(id: provinceID) else { return nil }
        let region = province.region
        let members = changes
            .filter { registry.province(id: $0.provinceID)?.region == region }
            .map { Member(provinceID: $0.provinceID, rank: $0.rank, of: $0.of, score: $0.score, rankComputed: $0.rankComputed, change: $0.change) }
            .sorted { a, b in
                switch (a.rank, b.rank) {
                case let (x?, y?) where x != y: return x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default:
                    return VietnameseCollation.areInIncreasingOrder(registry.province(id: a.provinceID)?.name ?? a.provinceID,
                                                                    registry.province(id: b.provinceID)?.name ?? b.provinceID)
                }
            }
        let ranked = members.filter { $0.rank != nil }
        let position = focal.rank.map { rank in 1 + ranked.filter { $0.rank! < rank }.count }
        let day = EditionUnits.day(year: focal.year, provinceIDs: changes.map(\.provinceID), registry: registry)
        let size = EditionUnits.regionSize(region, on: day, registry: registry)
        let wholeEdition = edition.map { $0.present >= $0.of } ?? false
        return RegionalPosition(index: focal.index, year: focal.year, provinceID: provinceID, region: region, position: position,
                                ranked: ranked.count, regionSize: size, isComplete: ranked.count >= size || wholeEdition,
                                members: members)
    }
}
