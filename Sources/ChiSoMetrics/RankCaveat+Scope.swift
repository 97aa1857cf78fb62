import ChiSoCore

extension RankCaveat {
    /// True when the caveat is about a whole edition (the same for every province in it).
    public var isEditionWide: Bool {
        switch self {
        case .computedFromIncompleteScores, .differentFieldSize, .methodChange, .previousRankComputed: return true
        case .acrossReorganisation: return false
        }
    }
}
