import Foundation
import Testing
import ChiSoKit

@Suite struct VietnameseCollationTests {
    private func inOrder(_ names: [String]) -> Bool {
        zip(names, names.dropFirst()).allSatisfy { VietnameseCollation.areInIncreasingOrder($0, $1) }
    }

    @Test func dComesBeforeĐAndĐBeforeE() {
        #expect(inOrder(["Dương", "Đà Nẵng", "Gia Lai"]))
        #expect(inOrder(["Duy", "Đà", "Em"]))
        #expect(!VietnameseCollation.areInIncreasingOrder("Đà Nẵng", "Dương"))
    }

    @Test func lettersWithBreveCircumflexAndHornFollowTheirBase() {
        #expect(inOrder(["An Giang", "Ăn", "Ân", "Bạc Liêu"]))
        #expect(inOrder(["e", "ê", "f"]))
        #expect(inOrder(["o", "ô", "ơ", "p"]))
        #expect(inOrder(["u", "ư", "v"]))
    }

    @Test func tonesOnlyBreakTies() {
        #expect(inOrder(["ba", "bà", "bả", "bã", "bá", "bạ"]))
        // Letters decide first: "Hạ Long" (nặng) before "Hà Nam" (huyền) because l < n.
        #expect(inOrder(["Hạ Long", "Hà Nam"]))
        #expect(inOrder(["Bá A", "Ba B"]))
    }

    @Test func caseComesLast() {
        #expect(inOrder(["an", "An", "àn"]))
    }

    @Test func normalisationFormDoesNotMatter() {
        let nfc = "Đắk Lắk".precomposedStringWithCanonicalMapping
        let nfd = "Đắk Lắk".decomposedStringWithCanonicalMapping
        #expect(Array(nfc.unicodeScalars) != Array(nfd.unicodeScalars))
        #expect(VietnameseCollation.sortKey(nfc) == VietnameseCollation.sortKey(nfd))
    }

    @Test func toleratesAStringThatStartsWithAMark() {
        #expect(VietnameseCollation.sortKey("\u{0301}a").count > 0)
        #expect(inOrder(["\u{0301}a", "a"]) || inOrder(["a", "\u{0301}a"]))
    }

    @Test func sortsTheProvincesAsADictionaryWould() {
        let names = ProvinceRegistry.standard.all.prefix(63).map(\.name)
        let sorted = VietnameseCollation.sorted(names)
        #expect(sorted == names.sorted(by: VietnameseCollation.areInIncreasingOrder))
        #expect(sorted.first == "An Giang")
        #expect(sorted.last == "Yên Bái")
        let start = sorted.firstIndex(of: "Cà Mau")!
        #expect(Array(sorted[start..<start + 11]) == [
            "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
            "Đồng Tháp", "Gia Lai", "Hà Giang",
        ])
    }
}
