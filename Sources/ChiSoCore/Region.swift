/// The six socio-economic regions of Vietnam, as used by the General Statistics Office (GSO) and as the
/// planning regions of the National Master Plan (Resolution 81/2023/QH15).
///
/// Membership of the 63 pre-2025 provinces: 14 / 11 / 14 / 5 / 6 / 13, in case order.
public enum Region: String, CaseIterable, Sendable, Codable {
    case northernMidlandsAndMountains = "northern-midlands-mountains"
    case redRiverDelta = "red-river-delta"
    case northCentralAndCentralCoast = "north-central-central-coast"
    case centralHighlands = "central-highlands"
    case southeast = "southeast"
    case mekongDelta = "mekong-delta"

    public var vietnameseName: String {
        switch self {
        case .northernMidlandsAndMountains: "Trung du và miền núi phía Bắc"
        case .redRiverDelta: "Đồng bằng sông Hồng"
        case .northCentralAndCentralCoast: "Bắc Trung Bộ và duyên hải miền Trung"
        case .centralHighlands: "Tây Nguyên"
        case .southeast: "Đông Nam Bộ"
        case .mekongDelta: "Đồng bằng sông Cửu Long"
        }
    }

    public var englishName: String {
        switch self {
        case .northernMidlandsAndMountains: "Northern Midlands and Mountains"
        case .redRiverDelta: "Red River Delta"
        case .northCentralAndCentralCoast: "North Central and Central Coast"
        case .centralHighlands: "Central Highlands"
        case .southeast: "Southeast"
        case .mekongDelta: "Mekong River Delta"
        }
    }
}

/// The traditional eight regions of Vietnam, still used in reports that compare, for example, the
/// South Central Coast with the North Central Coast.
///
/// They refine `Region`: the Northern Midlands and Mountains plus Quảng Ninh split into Northwest (4) and
/// Northeast (11); the North Central and Central Coast splits into North Central Coast (6) and South Central
/// Coast (8, Đà Nẵng to Bình Thuận). Membership of the 63 pre-2025 provinces: 4 / 11 / 10 / 6 / 8 / 5 / 6 / 13.
public enum Subregion: String, CaseIterable, Sendable, Codable {
    case northwest = "northwest"
    case northeast = "northeast"
    case redRiverDelta = "red-river-delta"
    case northCentralCoast = "north-central-coast"
    case southCentralCoast = "south-central-coast"
    case centralHighlands = "central-highlands"
    case southeast = "southeast"
    case mekongDelta = "mekong-delta"

    public var vietnameseName: String {
        switch self {
        case .northwest: "Tây Bắc"
        case .northeast: "Đông Bắc"
        case .redRiverDelta: "Đồng bằng sông Hồng"
        case .northCentralCoast: "Bắc Trung Bộ"
        case .southCentralCoast: "Duyên hải Nam Trung Bộ"
        case .centralHighlands: "Tây Nguyên"
        case .southeast: "Đông Nam Bộ"
        case .mekongDelta: "Đồng bằng sông Cửu Long"
        }
    }

    public var englishName: String {
        switch self {
        case .northwest: "Northwest"
        case .northeast: "Northeast"
        case .redRiverDelta: "Red River Delta"
        case .northCentralCoast: "North Central Coast"
        case .southCentralCoast: "South Central Coast"
        case .centralHighlands: "Central Highlands"
        case .southeast: "Southeast"
        case .mekongDelta: "Mekong River Delta"
        }
    }
}
