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

@Suite("CSVDialect")
struct CSVDialectTests {
    @Test func detectsTheMostFrequentDelimiter() {
        #expect(CSVDialect.detect(headerLine: "code,name,score") == .comma)
        #expect(CSVDialect.detect(headerLine: "mã;tên;điểm") == .semicolon)
        #expect(CSVDialect.detect(headerLine: "a\tb\tc") == .tab)
        #expect(CSVDialect.detect(headerLine: "a;b;c,d") == .semicolon)
    }

    @Test func countsOnlyOutsideQuotes() {
        #expect(CSVDialect.detect(headerLine: "\"a;b;c\",d") == .comma)
        #expect(CSVDialect.detect(headerLine: "\"x,y,z\";w") == .semicolon)
    }

    @Test func looksOnlyAtTheFirstPhysicalLine() {
        #expect(CSVDialect.detect(headerLine: "a;b\nc,d,e,f,g") == .semicolon)
        #expect(CSVDialect.detect(headerLine: "a;b\rc,d,e,f,g") == .semicolon)
    }

    @Test func tiesAndSingleColumnsGoToComma() {
        #expect(CSVDialect.detect(headerLine: "province") == .comma)
        #expect(CSVDialect.detect(headerLine: "a;b,c") == .comma)
        #expect(CSVDialect.detect(headerLine: "a;b\tc") == .semicolon)
        #expect(CSVDialect.detect(headerLine: "") == .comma)
    }

    @Test func describesItself() {
        #expect(CSVDialect.comma.description == "comma")
        #expect(CSVDialect.tab.description == "tab")
        #expect(CSVDialect(delimiter: UInt8(ascii: "|")).description == "'|'")
    }
}
