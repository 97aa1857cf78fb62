/// A province-level administrative unit (tỉnh or thành phố trực thuộc trung ương) over its period of validity.
///
/// The same GSO code can denote different units in different periods (24 was Bắc Giang until 2025-06-30
/// and is Bắc Ninh from 2025-07-01), so `id`, not `code`, is the stable key.
public struct Province: Hashable, Sendable, Identifiable {
    /// Stable key: the 2-digit GSO code for the 63 provinces valid until 2025-06-30 ("54"), "HT" for Hà Tây,
    /// and "2025-" plus the code for the 34 units valid from 2025-07-01 ("2025-24").
    public let id: String
    /// The 2-digit GSO code with its leading zero ("01"); `nil` for Hà Tây, which had none in the sources.
    public let code: String?
    /// Short name with diacritics, without "Tỉnh"/"Thành phố" ("Hoà Bình", "Hồ Chí Minh").
    public let name: String
    /// Official name on the last day of validity ("Tỉnh Phú Yên", "Thành phố Hồ Chí Minh").
    ///
    /// For code 46 this is "Thành phố Huế" (as in the sources), although the unit was "Tỉnh Thừa Thiên Huế"
    /// until 2024-12-31.
    public let officialName: String
    /// `name` without diacritics ("Phu Yen"), for joins with sources that drop them.
    public let asciiName: String
    /// A centrally-governed city (thành phố trực thuộc trung ương) on the last day of validity.
    public let isCentralCity: Bool
    /// Six-region classification (GSO).
    public let region: Region
    /// Traditional eight-region classification.
    public let subregion: Subregion
    /// First valid day; `nil` when the unit existed before `ProvinceRegistry.horizon`.
    public let validFrom: Day?
    /// Last valid day; `nil` while the unit still exists.
    public let validTo: Day?
    /// Ids of the units this one absorbed or continues.
    public let predecessorIDs: [String]
    /// Ids of the units that absorbed or continue this one.
    public let successorIDs: [String]
    /// Other spellings used in sources ("HCM", "Sài Gòn", "TT-Huế"); name matching accepts them.
    public let alternativeNames: [String]

    public init(
        id: String, code: String?, name: String, officialName: String, asciiName: String,
        isCentralCity: Bool, region: Region, subregion: Subregion,
        validFrom: Day?, validTo: Day?, predecessorIDs: [String], successorIDs: [String],
        alternativeNames: [String] = []
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.officialName = officialName
        self.asciiName = asciiName
        self.isCentralCity = isCentralCity
        self.region = region
        self.subregion = subregion
        self.validFrom = validFrom
        self.validTo = validTo
        self.predecessorIDs = predecessorIDs
        self.successorIDs = successorIDs
        self.alternativeNames = alternativeNames
    }

    /// `true` when `day` lies within the unit's validity period (both ends inclusive).
    public func isValid(on day: Day) -> Bool {
        if let validFrom, day < validFrom { return false }
        if let validTo, day > validTo { return false }
        return true
    }

    /// The validity period in words, "until 2025-06-30", "from 2025-07-01" or "2004-01-01 to 2008-07-31".
    public var validityDescription: String {
        switch (validFrom, validTo) {
        case (nil, nil): "without end"
        case (nil, let to?): "until \(to)"
        case (let from?, nil): "from \(from)"
        case (let from?, let to?): "\(from) to \(to)"
        }
    }

    /// "Phú Yên (code 54)", or just the name when there is no code.
    package var nameWithCode: String {
        code.map { "\(name) (code \($0))" } ?? name
    }
}
