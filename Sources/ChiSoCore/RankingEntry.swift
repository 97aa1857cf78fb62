/// A province's figures in one edition as the store reads them back: the rank is the published one,
/// or computed from the scores (`rankComputed`).
public struct RankingEntry: Sendable, Equatable {
    public var index: String
    public var year: Int
    public var provinceID: String
    public var score: Double?
    public var rank: Int?
    public var rankComputed: Bool
    public var of: Int
    public var note: String?
    public var citation: String?
    public var sourceFile: String
    public var sourceLine: Int

    public init(index: String, year: Int, provinceID: String, score: Double? = nil, rank: Int?, rankComputed: Bool = false,
                of: Int, note: String? = nil, citation: String? = nil, sourceFile: String = "", sourceLine: Int = 0) {
        self.index = index; self.year = year; self.provinceID = provinceID; self.score = score; self.rank = rank
        self.rankComputed = rankComputed; self.of = of; self.note = note; self.citation = citation
        self.sourceFile = sourceFile; self.sourceLine = sourceLine
    }
}
