import Testing
import TestSupport

@Suite struct GoldenFileTests {
    @Test func identicalTextsHaveNoDifference() {
        #expect(GoldenFile.firstDifference(expected: "a\nb\n", actual: "a\nb\n") == nil)
    }

    @Test func reportsTheFirstDifferingLine() throws {
        let d = try #require(GoldenFile.firstDifference(expected: "a\nb\nc\n", actual: "a\nB\nc\n"))
        #expect(d.line == 2 && d.expected == "b" && d.actual == "B")
    }

    @Test func aMissingLineIsADifference() throws {
        let d = try #require(GoldenFile.firstDifference(expected: "a\nb", actual: "a"))
        #expect(d.line == 2 && d.expected == "b" && d.actual == nil)
    }

    @Test func normalizationFormsAreNotEqual() throws {
        // "ú" precomposed vs "u" + combining acute: equal as Swift Strings, different bytes on disk.
        #expect("Phú" == "Phu\u{0301}")
        let d = try #require(GoldenFile.firstDifference(expected: "Phú", actual: "Phu\u{0301}"))
        #expect(d.line == 1)
    }
}
