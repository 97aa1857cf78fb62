/// One edition (index and year) and how complete the store's copy of it is.
public struct EditionSummary: Sendable, Equatable {
    public var index: String
    public var year: Int
    /// How many provinces the edition ranked.
    public var of: Int
    /// Provinces with a row in the store.
    public var present: Int
    /// Provinces with a score.
    public var scored: Int
    /// Provinces whose rank was published (not computed).
    public var ranksPublished: Int
    public init(index: String, year: Int, of: Int, present: Int, scored: Int, ranksPublished: Int) {
        self.index = index; self.year = year; self.of = of; self.present = present; self.scored = scored; self.ranksPublished = ranksPublished
    }

    /// Computed ranks are exact only when every ranked province's score is known.
    public var scoresComplete: Bool { scored >= of }
}
