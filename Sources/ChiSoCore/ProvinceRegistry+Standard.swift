// The registry's data, compiled in so that resolving a name never touches the file system.
//
// Codes, names, official names and the 2025 old -> new mapping are those of
// datasets/provinces/provinces_63.csv and provinces_34_2025.csv (see /work/shared/data/SOURCES.md:
// SRC_VP, checked against GSO codes and Resolution 202/2025/QH15); ProvinceTableTests fails if they drift.
// Regions: GSO regional classification (six socio-economic regions, 14/11/14/5/6/13 provinces) and the
// traditional eight regions (4/11/10/6/8/5/6/13); the CSVs carry no regions.

extension ProvinceRegistry {
    /// The 63 pre-2025 provinces by code, then Hà Tây, then the 34 units of 2025.
    package static let standardProvinces: [Province] = provinces63 + [haTay] + units2025

    /// The 63 provinces valid until 2025-06-30; `into` is the code of the 2025 unit that absorbed each.
    private static let provinces63: [Province] = [
        old("01", "Hà Nội", "Ha Noi", "Thành phố Hà Nội", .city, .redRiverDelta, .redRiverDelta, into: "01", after: ["HT"]),
        old("02", "Hà Giang", "Ha Giang", "Tỉnh Hà Giang", .province, .northernMidlandsAndMountains, .northeast, into: "08"),
        old("04", "Cao Bằng", "Cao Bang", "Tỉnh Cao Bằng", .province, .northernMidlandsAndMountains, .northeast, into: "04"),
        old("06", "Bắc Kạn", "Bac Kan", "Tỉnh Bắc Kạn", .province, .northernMidlandsAndMountains, .northeast, into: "19", alias: ["Bắc Cạn"]),
        old("08", "Tuyên Quang", "Tuyen Quang", "Tỉnh Tuyên Quang", .province, .northernMidlandsAndMountains, .northeast, into: "08"),
        old("10", "Lào Cai", "Lao Cai", "Tỉnh Lào Cai", .province, .northernMidlandsAndMountains, .northeast, into: "15"),
        old("11", "Điện Biên", "Dien Bien", "Tỉnh Điện Biên", .province, .northernMidlandsAndMountains, .northwest, into: "11"),
        old("12", "Lai Châu", "Lai Chau", "Tỉnh Lai Châu", .province, .northernMidlandsAndMountains, .northwest, into: "12"),
        old("14", "Sơn La", "Son La", "Tỉnh Sơn La", .province, .northernMidlandsAndMountains, .northwest, into: "14"),
        old("15", "Yên Bái", "Yen Bai", "Tỉnh Yên Bái", .province, .northernMidlandsAndMountains, .northeast, into: "15"),
        old("17", "Hoà Bình", "Hoa Binh", "Tỉnh Hoà Bình", .province, .northernMidlandsAndMountains, .northwest, into: "25"),
        old("19", "Thái Nguyên", "Thai Nguyen", "Tỉnh Thái Nguyên", .province, .northernMidlandsAndMountains, .northeast, into: "19"),
        old("20", "Lạng Sơn", "Lang Son", "Tỉnh Lạng Sơn", .province, .northernMidlandsAndMountains, .northeast, into: "20"),
        old("22", "Quảng Ninh", "Quang Ninh", "Tỉnh Quảng Ninh", .province, .redRiverDelta, .northeast, into: "22"),
        old("24", "Bắc Giang", "Bac Giang", "Tỉnh Bắc Giang", .province, .northernMidlandsAndMountains, .northeast, into: "24"),
        old("25", "Phú Thọ", "Phu Tho", "Tỉnh Phú Thọ", .province, .northernMidlandsAndMountains, .northeast, into: "25"),
        old("26", "Vĩnh Phúc", "Vinh Phuc", "Tỉnh Vĩnh Phúc", .province, .redRiverDelta, .redRiverDelta, into: "25"),
        old("27", "Bắc Ninh", "Bac Ninh", "Tỉnh Bắc Ninh", .province, .redRiverDelta, .redRiverDelta, into: "24"),
        old("30", "Hải Dương", "Hai Duong", "Tỉnh Hải Dương", .province, .redRiverDelta, .redRiverDelta, into: "31"),
        old("31", "Hải Phòng", "Hai Phong", "Thành phố Hải Phòng", .city, .redRiverDelta, .redRiverDelta, into: "31"),
        old("33", "Hưng Yên", "Hung Yen", "Tỉnh Hưng Yên", .province, .redRiverDelta, .redRiverDelta, into: "33"),
        old("34", "Thái Bình", "Thai Binh", "Tỉnh Thái Bình", .province, .redRiverDelta, .redRiverDelta, into: "33"),
        old("35", "Hà Nam", "Ha Nam", "Tỉnh Hà Nam", .province, .redRiverDelta, .redRiverDelta, into: "37"),
        old("36", "Nam Định", "Nam Dinh", "Tỉnh Nam Định", .province, .redRiverDelta, .redRiverDelta, into: "37"),
        old("37", "Ninh Bình", "Ninh Binh", "Tỉnh Ninh Bình", .province, .redRiverDelta, .redRiverDelta, into: "37"),
        old("38", "Thanh Hóa", "Thanh Hoa", "Tỉnh Thanh Hóa", .province, .northCentralAndCentralCoast, .northCentralCoast, into: "38"),
        old("40", "Nghệ An", "Nghe An", "Tỉnh Nghệ An", .province, .northCentralAndCentralCoast, .northCentralCoast, into: "40"),
        old("42", "Hà Tĩnh", "Ha Tinh", "Tỉnh Hà Tĩnh", .province, .northCentralAndCentralCoast, .northCentralCoast, into: "42"),
        old("44", "Quảng Bình", "Quang Binh", "Tỉnh Quảng Bình", .province, .northCentralAndCentralCoast, .northCentralCoast, into: "44"),
        old("45", "Quảng Trị", "Quang Tri", "Tỉnh Quảng Trị", .province, .northCentralAndCentralCoast, .northCentralCoast, into: "44"),
        old("46", "Thừa Thiên Huế", "Thua Thien Hue", "Thành phố Huế", .city, .northCentralAndCentralCoast, .northCentralCoast, into: "46", alias: ["Huế", "TT Huế"]),
        old("48", "Đà Nẵng", "Da Nang", "Thành phố Đà Nẵng", .city, .northCentralAndCentralCoast, .southCentralCoast, into: "48"),
        old("49", "Quảng Nam", "Quang Nam", "Tỉnh Quảng Nam", .province, .northCentralAndCentralCoast, .southCentralCoast, into: "48"),
        old("51", "Quảng Ngãi", "Quang Ngai", "Tỉnh Quảng Ngãi", .province, .northCentralAndCentralCoast, .southCentralCoast, into: "51"),
        old("52", "Bình Định", "Binh Dinh", "Tỉnh Bình Định", .province, .northCentralAndCentralCoast, .southCentralCoast, into: "52"),
        old("54", "Phú Yên", "Phu Yen", "Tỉnh Phú Yên", .province, .northCentralAndCentralCoast, .southCentralCoast, into: "66"),
        old("56", "Khánh Hòa", "Khanh Hoa", "Tỉnh Khánh Hòa", .province, .northCentralAndCentralCoast, .southCentralCoast, into: "56"),
        old("58", "Ninh Thuận", "Ninh Thuan", "Tỉnh Ninh Thuận", .province, .northCentralAndCentralCoast, .southCentralCoast, into: "56"),
        old("60", "Bình Thuận", "Binh Thuan", "Tỉnh Bình Thuận", .province, .northCentralAndCentralCoast, .southCentralCoast, into: "68"),
        old("62", "Kon Tum", "Kon Tum", "Tỉnh Kon Tum", .province, .centralHighlands, .centralHighlands, into: "51"),
        old("64", "Gia Lai", "Gia Lai", "Tỉnh Gia Lai", .province, .centralHighlands, .centralHighlands, into: "52"),
        old("66", "Đắk Lắk", "Dak Lak", "Tỉnh Đắk Lắk", .province, .centralHighlands, .centralHighlands, into: "66", alias: ["Đắc Lắc", "Đắc Lắk"]),
        old("67", "Đắk Nông", "Dak Nong", "Tỉnh Đắk Nông", .province, .centralHighlands, .centralHighlands, into: "68", alias: ["Đắc Nông"]),
        old("68", "Lâm Đồng", "Lam Dong", "Tỉnh Lâm Đồng", .province, .centralHighlands, .centralHighlands, into: "68"),
        old("70", "Bình Phước", "Binh Phuoc", "Tỉnh Bình Phước", .province, .southeast, .southeast, into: "75"),
        old("72", "Tây Ninh", "Tay Ninh", "Tỉnh Tây Ninh", .province, .southeast, .southeast, into: "80"),
        old("74", "Bình Dương", "Binh Duong", "Tỉnh Bình Dương", .province, .southeast, .southeast, into: "79"),
        old("75", "Đồng Nai", "Dong Nai", "Tỉnh Đồng Nai", .province, .southeast, .southeast, into: "75"),
        old("77", "Bà Rịa - Vũng Tàu", "Ba Ria - Vung Tau", "Tỉnh Bà Rịa - Vũng Tàu", .province, .southeast, .southeast, into: "79", alias: ["BR-VT"]),
        old("79", "Hồ Chí Minh", "Ho Chi Minh", "Thành phố Hồ Chí Minh", .city, .southeast, .southeast, into: "79", alias: ["HCM", "HCMC", "TPHCM", "Sài Gòn"]),
        old("80", "Long An", "Long An", "Tỉnh Long An", .province, .mekongDelta, .mekongDelta, into: "80"),
        old("82", "Tiền Giang", "Tien Giang", "Tỉnh Tiền Giang", .province, .mekongDelta, .mekongDelta, into: "82"),
        old("83", "Bến Tre", "Ben Tre", "Tỉnh Bến Tre", .province, .mekongDelta, .mekongDelta, into: "86"),
        old("84", "Trà Vinh", "Tra Vinh", "Tỉnh Trà Vinh", .province, .mekongDelta, .mekongDelta, into: "86"),
        old("86", "Vĩnh Long", "Vinh Long", "Tỉnh Vĩnh Long", .province, .mekongDelta, .mekongDelta, into: "86"),
        old("87", "Đồng Tháp", "Dong Thap", "Tỉnh Đồng Tháp", .province, .mekongDelta, .mekongDelta, into: "82"),
        old("89", "An Giang", "An Giang", "Tỉnh An Giang", .province, .mekongDelta, .mekongDelta, into: "91"),
        old("91", "Kiên Giang", "Kien Giang", "Tỉnh Kiên Giang", .province, .mekongDelta, .mekongDelta, into: "91"),
        old("92", "Cần Thơ", "Can Tho", "Thành phố Cần Thơ", .city, .mekongDelta, .mekongDelta, into: "92"),
        old("93", "Hậu Giang", "Hau Giang", "Tỉnh Hậu Giang", .province, .mekongDelta, .mekongDelta, into: "92"),
        old("94", "Sóc Trăng", "Soc Trang", "Tỉnh Sóc Trăng", .province, .mekongDelta, .mekongDelta, into: "92"),
        old("95", "Bạc Liêu", "Bac Lieu", "Tỉnh Bạc Liêu", .province, .mekongDelta, .mekongDelta, into: "96"),
        old("96", "Cà Mau", "Ca Mau", "Tỉnh Cà Mau", .province, .mekongDelta, .mekongDelta, into: "96"),    ]

    /// Hà Tây, merged into Hà Nội by Resolution 15/2008/QH12 with effect from 2008-08-01; it has no code in
    /// the sources (PCI 2005-2008 name it only).
    private static let haTay = Province(
        id: "HT", code: nil, name: "Hà Tây", officialName: "Tỉnh Hà Tây", asciiName: "Ha Tay",
        isCentralCity: false, region: .redRiverDelta, subregion: .redRiverDelta,
        validFrom: nil, validTo: Day(year: 2008, month: 7, day: 31),
        predecessorIDs: [], successorIDs: ["01"])

    /// The 34 units valid from 2025-07-01 (Resolution 202/2025/QH15); `from` lists the old codes merged.
    ///
    /// A unit's region and subregion are those of the old province whose code it carries (the one holding
    /// the new administrative centre): Bắc Ninh 2025 (code 24, ex-Bắc Giang) counts as Northern Midlands and
    /// Mountains, Gia Lai 2025 (code 52, ex-Bình Định) as North Central and Central Coast.
    private static let units2025: [Province] = [
        new("01", "Hà Nội", "Ha Noi", "Thành phố Hà Nội", .city, from: ["01"]),
        new("04", "Cao Bằng", "Cao Bang", "Tỉnh Cao Bằng", .province, from: ["04"]),
        new("08", "Tuyên Quang", "Tuyen Quang", "Tỉnh Tuyên Quang", .province, from: ["02", "08"]),
        new("11", "Điện Biên", "Dien Bien", "Tỉnh Điện Biên", .province, from: ["11"]),
        new("12", "Lai Châu", "Lai Chau", "Tỉnh Lai Châu", .province, from: ["12"]),
        new("14", "Sơn La", "Son La", "Tỉnh Sơn La", .province, from: ["14"]),
        new("15", "Lào Cai", "Lao Cai", "Tỉnh Lào Cai", .province, from: ["10", "15"]),
        new("19", "Thái Nguyên", "Thai Nguyen", "Tỉnh Thái Nguyên", .province, from: ["06", "19"]),
        new("20", "Lạng Sơn", "Lang Son", "Tỉnh Lạng Sơn", .province, from: ["20"]),
        new("22", "Quảng Ninh", "Quang Ninh", "Tỉnh Quảng Ninh", .province, from: ["22"]),
        new("24", "Bắc Ninh", "Bac Ninh", "Tỉnh Bắc Ninh", .province, from: ["24", "27"]),
        new("25", "Phú Thọ", "Phu Tho", "Tỉnh Phú Thọ", .province, from: ["17", "25", "26"]),
        new("31", "Hải Phòng", "Hai Phong", "Thành phố Hải Phòng", .city, from: ["30", "31"]),
        new("33", "Hưng Yên", "Hung Yen", "Tỉnh Hưng Yên", .province, from: ["33", "34"]),
        new("37", "Ninh Bình", "Ninh Binh", "Tỉnh Ninh Bình", .province, from: ["35", "36", "37"]),
        new("38", "Thanh Hóa", "Thanh Hoa", "Tỉnh Thanh Hóa", .province, from: ["38"]),
        new("40", "Nghệ An", "Nghe An", "Tỉnh Nghệ An", .province, from: ["40"]),
        new("42", "Hà Tĩnh", "Ha Tinh", "Tỉnh Hà Tĩnh", .province, from: ["42"]),
        new("44", "Quảng Trị", "Quang Tri", "Tỉnh Quảng Trị", .province, from: ["44", "45"]),
        new("46", "Huế", "Hue", "Thành phố Huế", .city, from: ["46"], alias: ["Thừa Thiên Huế", "TT Huế"]),
        new("48", "Đà Nẵng", "Da Nang", "Thành phố Đà Nẵng", .city, from: ["48", "49"]),
        new("51", "Quảng Ngãi", "Quang Ngai", "Tỉnh Quảng Ngãi", .province, from: ["51", "62"]),
        new("52", "Gia Lai", "Gia Lai", "Tỉnh Gia Lai", .province, from: ["52", "64"]),
        new("56", "Khánh Hòa", "Khanh Hoa", "Tỉnh Khánh Hòa", .province, from: ["56", "58"]),
        new("66", "Đắk Lắk", "Dak Lak", "Tỉnh Đắk Lắk", .province, from: ["54", "66"], alias: ["Đắc Lắc", "Đắc Lắk"]),
        new("68", "Lâm Đồng", "Lam Dong", "Tỉnh Lâm Đồng", .province, from: ["60", "67", "68"]),
        new("75", "Đồng Nai", "Dong Nai", "Tỉnh Đồng Nai", .province, from: ["70", "75"]),
        new("79", "Hồ Chí Minh", "Ho Chi Minh", "Thành phố Hồ Chí Minh", .city, from: ["74", "77", "79"], alias: ["HCM", "HCMC", "TPHCM", "Sài Gòn"]),
        new("80", "Tây Ninh", "Tay Ninh", "Tỉnh Tây Ninh", .province, from: ["72", "80"]),
        new("82", "Đồng Tháp", "Dong Thap", "Tỉnh Đồng Tháp", .province, from: ["82", "87"]),
        new("86", "Vĩnh Long", "Vinh Long", "Tỉnh Vĩnh Long", .province, from: ["83", "84", "86"]),
        new("91", "An Giang", "An Giang", "Tỉnh An Giang", .province, from: ["89", "91"]),
        new("92", "Cần Thơ", "Can Tho", "Thành phố Cần Thơ", .city, from: ["92", "93", "94"]),
        new("96", "Cà Mau", "Ca Mau", "Tỉnh Cà Mau", .province, from: ["95", "96"]),    ]

    private enum Kind { case province, city }

    private static let lastDayBefore2025 = Day(year: 2025, month: 6, day: 30)
    private static let firstDay2025 = Day(year: 2025, month: 7, day: 1)

    private static func old(
        _ code: String, _ name: String, _ ascii: String, _ official: String, _ kind: Kind,
        _ region: Region, _ subregion: Subregion, into newCode: String,
        after predecessors: [String] = [], alias: [String] = []
    ) -> Province {
        Province(
            id: code, code: code, name: name, officialName: official, asciiName: ascii,
            isCentralCity: kind == .city, region: region, subregion: subregion,
            validFrom: nil, validTo: lastDayBefore2025,
            predecessorIDs: predecessors, successorIDs: [id2025(newCode)], alternativeNames: alias)
    }

    private static func new(
        _ code: String, _ name: String, _ ascii: String, _ official: String, _ kind: Kind,
        from oldCodes: [String], alias: [String] = []
    ) -> Province {
        guard let namesake = provinces63.first(where: { $0.code == code }) else {
            preconditionFailure("2025 unit \(code) carries no pre-2025 code")
        }
        return Province(
            id: id2025(code), code: code, name: name, officialName: official, asciiName: ascii,
            isCentralCity: kind == .city, region: namesake.region, subregion: namesake.subregion,
            validFrom: firstDay2025, validTo: nil,
            predecessorIDs: oldCodes, successorIDs: [], alternativeNames: alias)
    }

    private static func id2025(_ code: String) -> String { "2025-" + code }
}
