import Foundation
import Testing
import ChiSoKit

private let registry = ProvinceRegistry.standard
private func day(_ iso: String) -> Day { Day(iso: iso)! }
private let in2021 = day("2021-06-01")
private let in2025 = day("2025-08-01")

@Suite struct ProvinceResolutionTests {
    /// Spellings seen in PCI/PAPI workbooks and the press, resolved on 2021-06-01 to the expected id.
    @Test(arguments: [
        ("Hòa Bình", "17"), ("Hoà Bình", "17"), ("Hoa Binh", "17"), ("HOÀ BÌNH", "17"),
        ("Thanh Hóa", "38"), ("Thanh Hoá", "38"), ("Thanh Hoa", "38"),
        ("Khánh Hòa", "56"), ("Khánh Hoà", "56"), ("Khanh Hoa", "56"),
        ("Đắk Lắk", "66"), ("Đăk Lăk", "66"), ("Dak Lak", "66"), ("Đắc Lắc", "66"), ("Đak Lak", "66"),
        ("Đắc Lắk", "66"), ("Daklak", "66"), ("Tỉnh Đắk Lắk", "66"),
        ("Đắk Nông", "67"), ("Đăk Nông", "67"), ("Dak Nong", "67"), ("Đak Nông", "67"),
        ("Kon Tum", "62"), ("Kontum", "62"),
        ("TP HCM", "79"), ("TP.HCM", "79"), ("Tp.HCM", "79"), ("HCM", "79"), ("HCMC", "79"), ("TPHCM", "79"),
        ("Hồ Chí Minh", "79"), ("Ho Chi Minh City", "79"), ("Thành phố Hồ Chí Minh", "79"),
        ("TP. Hồ Chí Minh", "79"), ("TP.Hồ Chí Minh", "79"), ("Sài Gòn", "79"), ("Saigon", "79"),
        ("Thừa Thiên Huế", "46"), ("Thừa Thiên - Huế", "46"), ("Thừa Thiên-Huế", "46"), ("Thừa Thiên–Huế", "46"),
        ("Huế", "46"), ("Hue", "46"), ("TT-Huế", "46"), ("TT.Huế", "46"), ("TT- Huế", "46"),
        ("Thua Thien Hue", "46"), ("Tỉnh Thừa Thiên Huế", "46"),
        ("Hà Nội", "01"), ("Hanoi", "01"), ("Ha Noi", "01"), ("Thành phố Hà Nội", "01"), ("Hanoi City", "01"),
        ("Hải Phòng", "31"), ("Haiphong", "31"),
        ("Bà Rịa - Vũng Tàu", "77"), ("Bà Rịa-Vũng Tàu", "77"), ("Bà Rịa–Vũng Tàu", "77"), ("Bà Rịa — Vũng Tàu", "77"),
        ("BR-VT", "77"), ("BRVT", "77"), ("Ba Ria Vung Tau", "77"),
        ("Tỉnh Phú Yên", "54"), ("T. Phú Yên", "54"), ("  phú   yên\t", "54"), ("PHÚ YÊN", "54"), ("Phu Yen Province", "54"),
        ("Bắc Kạn", "06"), ("Bắc Cạn", "06"), ("Bac Can", "06"),
        ("Quàng Ngãi", "51"), ("Đà Nẵng", "48"), ("Danang", "48"), ("Cần Thơ", "92"),
    ])
    func resolvesKnownSpellings(_ query: String, _ id: String) throws {
        #expect(try registry.resolve(query, on: in2021).id == id)
    }

    @Test(arguments: [
        ("TP HCM", "2025-79"), ("Sài Gòn", "2025-79"), ("Huế", "2025-46"), ("Thừa Thiên Huế", "2025-46"),
        ("TT-Huế", "2025-46"), ("Đắc Lắc", "2025-66"), ("Hanoi", "2025-01"), ("Bắc Ninh", "2025-24"),
        ("Đồng Tháp", "2025-82"), ("Thành phố Đà Nẵng", "2025-48"), ("Gia Lai", "2025-52"),
    ])
    func resolvesSpellingsAfterTheMerger(_ query: String, _ id: String) throws {
        #expect(try registry.resolve(query, on: in2025).id == id)
    }

    @Test func ignoresUnicodeNormalisation() throws {
        for name in ["Phú Yên", "Đắk Lắk", "Thừa Thiên Huế", "Bà Rịa – Vũng Tàu", "Quảng Ngãi"] {
            let nfd = name.decomposedStringWithCanonicalMapping
            let nfc = name.precomposedStringWithCanonicalMapping
            #expect(Array(nfd.unicodeScalars) != Array(nfc.unicodeScalars))
            #expect(ProvinceRegistry.matchingKey(nfd) == ProvinceRegistry.matchingKey(nfc))
            #expect(try registry.resolve(nfd, on: in2021) == registry.resolve(nfc, on: in2021))
        }
    }

    @Test func matchingKeyIsCompactLowercaseASCII() {
        #expect(ProvinceRegistry.matchingKey("TP. Hồ Chí Minh") == "hochiminh")
        #expect(ProvinceRegistry.matchingKey("Ho Chi Minh City") == "hochiminh")
        #expect(ProvinceRegistry.matchingKey("Tỉnh Bà Rịa – Vũng Tàu") == "bariavungtau")
        #expect(ProvinceRegistry.matchingKey("Đắk Lắk") == "daklak")
        #expect(ProvinceRegistry.matchingKey("Thanh Hóa") == "thanhhoa")  // "Thanh" is not "Thành phố"
        #expect(ProvinceRegistry.matchingKey("Thành phố") == "thanhpho")  // a prefix alone is kept
        #expect(ProvinceRegistry.matchingKey("\u{00D0}ồng Nai") == "dongnai")  // eth used for Đ
    }

    @Test(arguments: [("54", "54"), ("054", "54"), ("54.0", "54"), (" 54 ", "54"), ("54.00", "54"), ("1", "01"),
                      ("01", "01"), ("1.0", "01"), ("0079", "79")])
    func resolvesCodesAsSpreadsheetsWriteThem(_ query: String, _ id: String) throws {
        #expect(try registry.resolve(query, on: in2021).id == id)
    }

    @Test func normalizesCodes() {
        #expect(ProvinceRegistry.normalizedCode("5") == "05")
        #expect(ProvinceRegistry.normalizedCode("54.5") == nil)
        #expect(ProvinceRegistry.normalizedCode("54.") == nil)
        #expect(ProvinceRegistry.normalizedCode("Phú Yên") == nil)
        #expect(ProvinceRegistry.normalizedCode("١٢") == nil)  // Arabic-Indic digits are not codes
    }

    @Test func resolvesIDs() throws {
        #expect(try registry.resolve("2025-24", on: in2025).name == "Bắc Ninh")
        #expect(try registry.resolve("HT", on: day("2007-01-01")).name == "Hà Tây")
    }

    @Test func everySpellingInTheTableResolvesToItsOwnUnit() throws {
        for iso in ["2007-01-01", "2021-06-01", "2025-06-30", "2025-07-01", "2030-01-01"] {
            for province in registry.provinces(validOn: day(iso)) {
                let spellings = [province.name, province.officialName, province.asciiName] + province.alternativeNames
                    + [province.code].compactMap { $0 }
                for spelling in spellings {
                    #expect(try registry.resolve(spelling, on: day(iso)) == province, "\(spelling) on \(iso)")
                }
            }
        }
    }
}

@Suite struct ProvinceLookupErrorTests {
    @Test func nameOfAMergedProvinceAfterTheMerger() {
        let phuYen = registry.province(id: "54")!
        #expect(throws: ProvinceLookupError.notValid(
            query: "Phú Yên", province: phuYen, on: in2025, replacements: [registry.province(id: "2025-66")!])
        ) { try registry.resolve("Phú Yên", on: in2025) }
        #expect(message { try registry.resolve("Phu Yen", on: in2025) }
            == "Phú Yên was merged into Đắk Lắk on 2025-07-01; use Đắk Lắk or a date before 2025-07-01")
    }

    @Test func codeOfAMergedProvinceAfterTheMerger() {
        #expect(message { try registry.resolve("54", on: in2025) }
            == "\"54\" is Phú Yên (code 54), which was merged into Đắk Lắk on 2025-07-01; use Đắk Lắk or a date before 2025-07-01")
    }

    @Test func haTayAfter2008() {
        #expect(message { try registry.resolve("Hà Tây", on: day("2021-01-01")) }
            == "Hà Tây was merged into Hà Nội on 2008-08-01; use Hà Nội or a date before 2008-08-01")
        // After 2025 the replacement is the 2025 Hà Nội, reached through the chain HT -> 01 -> 2025-01.
        guard case .notValid(_, _, _, let replacements)? = error({ try registry.resolve("Ha Tay", on: in2025) }) else {
            Issue.record("expected notValid"); return
        }
        #expect(replacements.map { $0.id } == ["2025-01"])
    }

    @Test func a2025UnitBeforeItExisted() {
        #expect(message { try registry.resolve("2025-66", on: day("2021-01-01")) }
            == "\"2025-66\" is Đắk Lắk (code 66), which exists only from 2025-07-01; on 2021-01-01 use Phú Yên or Đắk Lắk, or a date from 2025-07-01")
    }

    @Test func unknownNameSuggestsCloseNames() {
        #expect(throws: ProvinceLookupError.unknown(query: "Phu Yeen", suggestions: ["Phú Yên", "Phú Thọ"])) {
            try registry.resolve("Phu Yeen", on: in2021)
        }
        #expect(message { try registry.resolve("Phu Yeen", on: in2021) }
            == "unknown province \"Phu Yeen\"; did you mean Phú Yên, Phú Thọ?")
        #expect(suggestions { try registry.resolve("Quang", on: in2021) } == ["Quảng Bình", "Quảng Nam", "Quảng Ngãi"])
        #expect(suggestions { try registry.resolve("Ha Tinhh", on: in2021) }.first == "Hà Tĩnh")
    }

    @Test func unknownNameWithoutCloseNames() {
        #expect(throws: ProvinceLookupError.unknown(query: "Atlantis", suggestions: [])) {
            try registry.resolve("Atlantis", on: in2021)
        }
        #expect(message { try registry.resolve("Atlantis", on: in2021) }
            == "unknown province \"Atlantis\"; write a province name such as \"Phú Yên\" or its 2-digit GSO code such as \"54\"")
        #expect(message { try registry.resolve("  ", on: in2021) }
            == "the province is empty; write a province name such as \"Phú Yên\" or its 2-digit GSO code such as \"54\"")
    }

    @Test func unknownCode() {
        #expect(throws: ProvinceLookupError.unknownCode(query: "5", code: "05")) { try registry.resolve("5", on: in2021) }
        #expect(message { try registry.resolve("5", on: in2021) }
            == "no province has GSO code 05 (written \"5\"); codes run from 01 (Hà Nội) to 96 (Cà Mau), check the code or write the province name")
        #expect(throws: ProvinceLookupError.unknownCode(query: "100", code: "100")) { try registry.resolve("100", on: in2021) }
    }

    /// No two units of the standard registry share a spelling at the same time, so ambiguity needs a custom one:
    /// Sông Bé, split in 1997 into Bình Dương and Bình Phước.
    @Test func nameSharedByTwoValidUnitsIsAmbiguous() {
        func unit(_ code: String, _ name: String) -> Province {
            Province(id: code, code: code, name: name, officialName: "Tỉnh \(name)", asciiName: name,
                     isCentralCity: false, region: .southeast, subregion: .southeast, validFrom: nil, validTo: nil,
                     predecessorIDs: [], successorIDs: [], alternativeNames: ["Sông Bé"])
        }
        let custom = ProvinceRegistry(provinces: [unit("70", "Bình Phước"), unit("74", "Bình Dương")])
        #expect(throws: ProvinceLookupError.ambiguous(query: "Song Be", candidates: custom.all, on: in2021)) {
            try custom.resolve("Song Be", on: in2021)
        }
        #expect(message { try custom.resolve("Song Be", on: in2021) }
            == "\"Song Be\" matches 2 units valid on 2021-06-01: Bình Phước (code 70), Bình Dương (code 74); write the code instead of the name")
        #expect(custom.matches("sông bé").count == 2)
    }

    /// The lookup error `body` throws; any other outcome is recorded as a failure.
    @Test func renamedUnitSaysBecame() {
        func unit(_ id: String, _ name: String, from: Day?, to: Day?, before: [String], after: [String]) -> Province {
            Province(id: id, code: "46", name: name, officialName: name, asciiName: name, isCentralCity: true,
                     region: .northCentralAndCentralCoast, subregion: .northCentralCoast, validFrom: from, validTo: to,
                     predecessorIDs: before, successorIDs: after)
        }
        let custom = ProvinceRegistry(provinces: [
            unit("46", "Thừa Thiên Huế", from: nil, to: day("2025-06-30"), before: [], after: ["2025-46"]),
            unit("2025-46", "Huế", from: day("2025-07-01"), to: nil, before: ["46"], after: []),
        ])
        #expect(message { try custom.resolve("Thừa Thiên Huế", on: in2025) }
            == "Thừa Thiên Huế became Huế on 2025-07-01; use Huế or a date before 2025-07-01")
    }

    private func error(_ body: () throws -> Province) -> ProvinceLookupError? {
        do {
            let province = try body()
            Issue.record("expected a lookup error, got \(province.id)")
        } catch let error as ProvinceLookupError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    private func message(_ body: () throws -> Province) -> String? {
        error(body)?.message
    }

    private func suggestions(_ body: () throws -> Province) -> [String] {
        guard case .unknown(_, let suggestions)? = error(body) else { return [] }
        return suggestions
    }
}
