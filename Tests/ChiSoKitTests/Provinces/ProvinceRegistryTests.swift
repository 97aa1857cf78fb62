import Testing
import ChiSoKit
@testable import ChiSoCore
@testable import ChiSoCSV
@testable import ChiSoIngest
@testable import ChiSoStore
@testable import ChiSoMetrics
@testable import ChiSoReport
@testable import ChiSoNotebook
@testable import ChiSoApp

private let registry = ProvinceRegistry.standard
private func day(_ iso: String) -> Day { Day(iso: iso)! }

@Suite struct ProvinceRegistryTests {
    @Test func listsThe63ByCodeThenHaTayThenThe34() {
        let ids = registry.all.map(\.id)
        #expect(ids.count == 98)
        #expect(ids.first == "01")
        #expect(ids[62] == "96")
        #expect(ids[63] == "HT")
        #expect(ids[64] == "2025-01")
        #expect(ids.last == "2025-96")
        #expect(Array(ids[..<63]) == ids[..<63].sorted())
        #expect(Array(ids[64...]) == ids[64...].sorted())
        #expect(Set(ids).count == ids.count)
    }

    @Test(arguments: [
        ("2007-01-01", 64), ("2008-07-31", 64), ("2008-08-01", 63), ("2021-06-01", 63),
        ("2025-06-30", 63), ("2025-07-01", 34), ("2040-01-01", 34),
    ])
    func countsTheUnitsValidOnADay(_ iso: String, _ expected: Int) {
        #expect(registry.provinces(validOn: day(iso)).count == expected)
    }

    @Test func haTayExistedUntilJuly2008() throws {
        let haTay = try #require(registry.province(id: "HT"))
        #expect(haTay.code == nil)
        #expect(haTay.validTo == day("2008-07-31"))
        #expect(registry.provinces(validOn: day("2007-01-01")).contains(haTay))
        #expect(!registry.provinces(validOn: day("2008-08-01")).contains(haTay))
        #expect(registry.successors(of: haTay).map(\.id) == ["01"])
        #expect(registry.predecessors(of: registry.province(id: "01")!).map(\.id) == ["HT"])
        #expect(try registry.resolve("Hà Tây", on: day("2007-01-01")) == haTay)
    }

    @Test func newDakLakWasFormedFromDakLakAndPhuYen() throws {
        let dakLak = try #require(registry.province(id: "2025-66"))
        #expect(Set(registry.predecessors(of: dakLak).map(\.name)) == ["Đắk Lắk", "Phú Yên"])
        #expect(dakLak.validFrom == day("2025-07-01"))
        #expect(dakLak.validTo == nil)
        let phuYen = try #require(registry.province(id: "54"))
        #expect(registry.successors(of: phuYen) == [dakLak])
        #expect(phuYen.validTo == day("2025-06-30"))
    }

    @Test func successorsAndPredecessorsAgreeAndLeaveNoGap() throws {
        for province in registry.all {
            for successor in registry.successors(of: province) {
                #expect(successor.predecessorIDs.contains(province.id), "\(successor.id) does not list \(province.id)")
                #expect(successor.validFrom == nil || successor.validFrom == province.validTo?.adding(days: 1),
                        "gap between \(province.id) and \(successor.id)")
            }
            for predecessor in registry.predecessors(of: province) {
                #expect(predecessor.successorIDs.contains(province.id), "\(predecessor.id) does not list \(province.id)")
            }
            #expect(registry.successors(of: province).count == province.successorIDs.count, "dangling id in \(province.id)")
            #expect(registry.predecessors(of: province).count == province.predecessorIDs.count, "dangling id in \(province.id)")
        }
        // Every old province except Hà Tây went into exactly one 2025 unit.
        for old in registry.provinces(validOn: day("2025-06-30")) {
            #expect(old.successorIDs.count == 1 && old.successorIDs[0].hasPrefix("2025-"), "\(old.id)")
        }
    }

    /// Codes 15, 24, 44, 52, 80, 82 and 91 denote another province from 2025-07-01; 46 is the same unit renamed.
    @Test func codesReusedIn2025() {
        let before = registry.provinces(validOn: day("2025-06-30"))
        let after = registry.provinces(validOn: day("2025-07-01"))
        let changed = after.filter { unit in before.first { $0.code == unit.code }?.name != unit.name }
        #expect(changed.map(\.code) == ["15", "24", "44", "46", "52", "80", "82", "91"])
    }

    @Test func codeMeansWhatItMeantOnTheDay() throws {
        #expect(try registry.resolve("24", on: day("2024-01-01")).name == "Bắc Giang")
        #expect(try registry.resolve("24", on: day("2025-07-01")).name == "Bắc Ninh")
        #expect(try registry.resolve("24", on: day("2025-07-01")).id == "2025-24")
        #expect(try registry.resolve("15", on: day("2025-06-30")).name == "Yên Bái")
        #expect(try registry.resolve("15", on: day("2025-07-01")).name == "Lào Cai")
        #expect(registry.matches("24").map(\.id) == ["24", "2025-24"])
    }

    @Test func nameInBothPeriodsResolvesByDate() throws {
        for name in ["Bắc Ninh", "Đồng Tháp", "Hà Nội", "Huế", "Cao Bằng", "Lâm Đồng"] {
            let old = try registry.resolve(name, on: day("2025-06-30"))
            let new = try registry.resolve(name, on: day("2025-07-01"))
            #expect(!old.id.hasPrefix("2025-"), "\(name)")
            #expect(new.id.hasPrefix("2025-"), "\(name)")
        }
        #expect(try registry.resolve("Bắc Ninh", on: day("2021-01-01")).code == "27")
        #expect(try registry.resolve("Đồng Tháp", on: day("2021-01-01")).code == "87")
        #expect(try registry.resolve("Đồng Tháp", on: day("2025-08-01")).code == "82")
        #expect(registry.matches("Bắc Ninh").map(\.id) == ["27", "2025-24"])
    }
}

@Suite struct RegionTests {
    private var provinces63: [Province] { registry.provinces(validOn: day("2021-06-01")) }

    @Test func sixRegionsHold14_11_14_5_6_13Provinces() {
        let counts = Region.allCases.map { region in provinces63.filter { $0.region == region }.count }
        #expect(counts == [14, 11, 14, 5, 6, 13])
    }

    @Test func eightSubregionsHold4_11_10_6_8_5_6_13Provinces() {
        let counts = Subregion.allCases.map { subregion in provinces63.filter { $0.subregion == subregion }.count }
        #expect(counts == [4, 11, 10, 6, 8, 5, 6, 13])
    }

    @Test func southCentralCoastRunsFromDaNangToBinhThuan() {
        let names = provinces63.filter { $0.subregion == .southCentralCoast }.map(\.name)
        #expect(names == ["Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận"])
    }

    @Test func subregionsRefineRegionsExceptQuangNinh() {
        for province in provinces63 {
            let expected: Region = switch province.subregion {
            case .northwest, .northeast: .northernMidlandsAndMountains
            case .redRiverDelta: .redRiverDelta
            case .northCentralCoast, .southCentralCoast: .northCentralAndCentralCoast
            case .centralHighlands: .centralHighlands
            case .southeast: .southeast
            case .mekongDelta: .mekongDelta
            }
            if province.name == "Quảng Ninh" {
                #expect(province.region == .redRiverDelta && province.subregion == .northeast)
            } else {
                #expect(province.region == expected, "\(province.name)")
            }
        }
    }

    @Test func a2025UnitTakesTheRegionOfTheProvinceWhoseCodeItCarries() throws {
        for unit in registry.provinces(validOn: day("2025-07-01")) {
            let namesake = try #require(registry.province(id: unit.code!))
            #expect(unit.region == namesake.region && unit.subregion == namesake.subregion, "\(unit.id)")
        }
        #expect(registry.province(id: "2025-24")?.region == .northernMidlandsAndMountains)  // code of Bắc Giang
        let counts = Region.allCases.map { region in
            registry.provinces(validOn: day("2025-07-01")).filter { $0.region == region }.count
        }
        #expect(counts == [10, 5, 9, 2, 2, 6])
    }

    @Test func namesAndRawValues() {
        #expect(Region.allCases.map(\.vietnameseName) == [
            "Trung du và miền núi phía Bắc", "Đồng bằng sông Hồng", "Bắc Trung Bộ và duyên hải miền Trung",
            "Tây Nguyên", "Đông Nam Bộ", "Đồng bằng sông Cửu Long",
        ])
        #expect(Region(rawValue: "north-central-central-coast") == .northCentralAndCentralCoast)
        #expect(Subregion.southCentralCoast.englishName == "South Central Coast")
        #expect(Set(Subregion.allCases.map(\.vietnameseName)).count == 8)
    }
}

@Suite("Province name folding")
struct ProvinceNameFoldingTests {
    /// The table-based fold must give exactly what Unicode decomposition gives.
    @Test("the fast fold equals the decomposition fold on every spelling the registry knows and on the Vietnamese alphabet")
    func fastFoldEqualsDecomposition() throws {
        var texts = ProvinceRegistry.standard.all.flatMap { [$0.name, $0.officialName, $0.asciiName] + $0.alternativeNames }
        texts += ["ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬàáảãạăằắẳẵặâầấẩẫậ ÈÉẺẼẸÊỀẾỂỄỆèéẻẽẹêềếểễệ ÌÍỈĨỊìíỉĩị", "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢòóỏõọôồốổỗộơờớởỡợ",
                  "ÙÚỦŨỤƯỪỨỬỮỰùúủũụưừứửữự ỲÝỶỸỴỳýỷỹỵ Đđ Ðð", "Tỉnh Phú Yên", "TP. Hồ Chí Minh", "Thừa Thiên - Huế",
                  "Phu\u{0301} Yên", "Hòa Bình", "Hoà Bình", "Đắk Lắk", "Bà Rịa–Vũng Tàu", "(Hà Nội)", "Cần Thơ City"]
        var fast = 0
        for text in texts {
            let folded = try #require(Optional(ProvinceRegistry.folded(text)))
            if let ascii = ProvinceRegistry.foldedASCII(text) {
                fast += 1
                #expect(ascii == folded, "\(text)")
            }
            #expect(ProvinceRegistry.matchingWords(text) == ProvinceRegistry.stripAffixes(folded), "\(text)")
        }
        #expect(fast == texts.count)
        // Anything else goes the slow way, and still folds.
        #expect(ProvinceRegistry.foldedASCII("Ça ß") == nil)
        #expect(ProvinceRegistry.matchingKey("Ça") == "ca")
    }
}
