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

@Suite("CSVWriter")
struct CSVWriterTests {
    @Test func quotesOnlyWhenNeeded() {
        let writer = CSVWriter()
        #expect(writer.string(for: [
            ["01", "Hà Nội", " 64.17 "],
            ["77", "Bà Rịa, Vũng Tàu", "say \"hi\""],
            ["a\nb", "c\rd", ""],
        ]) == "01,Hà Nội, 64.17 \n77,\"Bà Rịa, Vũng Tàu\",\"say \"\"hi\"\"\"\n\"a\nb\",\"c\rd\",\n")
    }

    @Test func quotesTheDelimiterOfItsDialect() {
        #expect(CSVWriter(dialect: .semicolon).string(for: [["a,b", "c;d"]]) == "a,b;\"c;d\"\n")
        #expect(CSVWriter(dialect: .tab).string(for: [["a,b", "c\td"]]) == "a,b\t\"c\td\"\n")
    }

    @Test func writesCRLFWhenAsked() {
        #expect(CSVWriter(lineEnding: .crlf).string(for: [["a", "b"], ["c", "d"]]) == "a,b\r\nc,d\r\n")
    }

    @Test func aRecordOfOneEmptyFieldIsNotABlankLine() throws {
        let text = CSVWriter().string(for: [["x"], [""], ["y"]])
        #expect(text == "x\n\"\"\ny\n")
        #expect(try CSVReader(string: text, file: "t.csv").readAll() == [["x"], [""], ["y"]])
    }

    @Test func aLeadingByteOrderMarkCharacterIsQuoted() throws {
        let text = CSVWriter().string(for: [["\u{FEFF}a", "b"]])
        #expect(text == "\"\u{FEFF}a\",b\n")
        let rows = try CSVReader(string: text, file: "t.csv").readAll()
        #expect(rows.map { $0.map { Array($0.utf8) } } == [[Array("\u{FEFF}a".utf8), Array("b".utf8)]])
    }

    @Test func neutralizesFormulasButLeavesNumbersAlone() {
        let writer = CSVWriter(neutralizeFormulas: true)
        let row = ["=SUM(A1:A9)", "+cmd|' /C calc'!A0", "-3", "+7", "-0,5", "-2.75", "@SUM(1)", "\tx", "\r=1", "-", "-3a", "Hà Nội", "a=b"]
        #expect(writer.string(for: [row]) ==
            "'=SUM(A1:A9),'+cmd|' /C calc'!A0,-3,+7,\"-0,5\",-2.75,'@SUM(1),'\tx,\"'\r=1\",'-,'-3a,Hà Nội,a=b\n")
        #expect(CSVWriter().string(for: [["=1+1"]]) == "=1+1\n")
    }

    @Test(arguments: [
        ("-3", true), ("+7", true), ("64.17", true), ("0,6077", true), ("-", false), ("1.", false),
        (".5", false), ("1.2.3", false), ("1e5", false), ("", false), ("=1", false),
    ])
    func plainNumbers(text: String, isNumber: Bool) {
        #expect(CSVWriter.isPlainNumber(text) == isNumber)
    }

    @Test func writesOneLine() {
        #expect(CSVWriter(neutralizeFormulas: true).string(for: [["=1", "Hà Nội, Việt Nam"]]) == "'=1,\"Hà Nội, Việt Nam\"\n")
    }

    @Test func appendsToAString() {
        var output = "header\n"
        CSVWriter().append(record: ["a", "b c"], to: &output)
        #expect(output == "header\na,b c\n")
    }
}
