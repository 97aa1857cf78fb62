extension Region {
    /// The region named by its key (`central-highlands`), its Vietnamese name ("Tây Nguyên", any case,
    /// with or without diacritics) or its English name; `nil` for anything else.
    public init?(named text: String) {
        let key = RegionNames.key(text)
        guard let match = Region.allCases.first(where: { r in [r.rawValue, r.vietnameseName, r.englishName].contains { RegionNames.key($0) == key } })
        else { return nil }
        self = match
    }
}

extension Subregion {
    /// The sub-region named by its key (`south-central-coast`), its Vietnamese name ("Duyên hải Nam
    /// Trung Bộ", any case, with or without diacritics) or its English name; `nil` for anything else.
    public init?(named text: String) {
        let key = RegionNames.key(text)
        guard let match = Subregion.allCases.first(where: { r in [r.rawValue, r.vietnameseName, r.englishName].contains { RegionNames.key($0) == key } })
        else { return nil }
        self = match
    }
}

enum RegionNames {
    /// Words of the folded name joined by single spaces: "Tây-Nguyên", "tay nguyen" and "TÂY NGUYÊN" agree.
    static func key(_ text: String) -> String {
        ProvinceRegistry.folded(text).split(separator: " ").joined(separator: " ")
    }
}
