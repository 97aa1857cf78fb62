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

/// `SourceLocation` alone is ambiguous in tests: Swift Testing has one too.
private typealias Location = ChiSoKit.SourceLocation

@Suite("IntegerParser")
struct IntegerParserTests {
    @Test func parsesDigitsWithOptionalMinus() throws {
        #expect(try IntegerParser.parse("56039") == 56039)
        #expect(try IntegerParser.parse("-3") == -3)
        #expect(try IntegerParser.parse("007") == 7)
        #expect(try IntegerParser.parse("0") == 0)
        #expect(try IntegerParser.parse("9223372036854775807") == Int.max)
        #expect(try IntegerParser.parse("-9223372036854775808") == Int.min)
    }

    @Test(arguments: [
        ("", NumberSyntaxError.Reason.empty),
        ("56.039", .notWholeNumber),
        ("56,039", .notWholeNumber),
        ("1 234", .notWholeNumber),
        ("3.5", .notWholeNumber),
        ("12%", .percentSign),
        ("+7", .notANumber),
        (" 5", .notANumber),
        ("5 ", .notWholeNumber),
        ("-", .notANumber),
        ("--5", .notANumber),
        ("5-", .notANumber),
        ("—", .notANumber),
        ("1e5", .notANumber),
        ("٣", .notANumber),
        ("9223372036854775808", .outOfRange),
        ("-9223372036854775809", .outOfRange),
        ("123456789012345678901234567890", .outOfRange),
    ])
    func rejectsWithAReason(text: String, reason: NumberSyntaxError.Reason) {
        #expect(throws: NumberSyntaxError(text: text, reason: reason)) { try IntegerParser.parse(text) }
    }

    @Test func messagesSayWhatToWrite() {
        #expect(NumberSyntaxError(text: "56.039", reason: .notWholeNumber).message
            == "\"56.039\" is not a whole number; write digits only, without thousands separators or decimals")
        #expect(NumberSyntaxError(text: "12%", reason: .percentSign).message
            == "\"12%\" has a percent sign; write the number alone (12 for a percentage, or 0.12 for a ratio, as the column expects)")
    }

    @Test func agreesWithTheStandardLibraryOnRandomIntegers() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let value = Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0...63, using: &generator)
            #expect(try IntegerParser.parse(String(value)) == value)
        }
    }
}

@Suite("DecimalParser")
struct DecimalParserTests {
    let point = DecimalParser(style: .point)
    let comma = DecimalParser(style: .comma)

    @Test func parsesPointAndCommaStyles() throws {
        #expect(try point.parse("64.17") == 64.17)
        #expect(try comma.parse("64,17") == 64.17)
        #expect(try comma.parse("0,6077") == 0.6077)
        #expect(try point.parse("-3") == -3)
        #expect(try comma.parse("-3") == -3)
        #expect(try point.parse("0.1") == 0.1)
        #expect(try point.parse("100") == 100)
        #expect(try point.parse("007.50") == 7.5)
    }

    @Test func resultsAreCorrectlyRounded() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let integer = String(UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator))
            let fraction = String((0..<Int.random(in: 1...25, using: &generator)).map { _ in "0123456789".randomElement(using: &generator)! })
            let negative = Bool.random(using: &generator) ? "-" : ""
            let text = "\(negative)\(integer).\(fraction)"
            #expect(try point.parse(text) == Double(text)!, "\(text)")
            let commaText = "\(negative)\(integer),\(fraction)"
            #expect(try comma.parse(commaText) == Double(text)!, "\(commaText)")
        }
    }

    @Test(arguments: [
        ("", DecimalStyle.point, NumberSyntaxError.Reason.empty),
        ("12%", .point, .percentSign),
        ("12,5%", .comma, .percentSign),
        ("1 234,5", .comma, .digitGrouping),
        ("1\u{00A0}234,5", .comma, .digitGrouping),
        ("1.234.567", .point, .digitGrouping),
        ("1.234,5", .comma, .digitGrouping),
        ("1,234.5", .point, .digitGrouping),
        ("1,234", .point, .digitGrouping),
        ("1.234", .comma, .digitGrouping),
        ("64,17", .point, .wrongDecimalSeparator(expected: .point)),
        ("0,123", .point, .wrongDecimalSeparator(expected: .point)),
        ("64.17", .comma, .wrongDecimalSeparator(expected: .comma)),
        ("+7", .point, .notANumber),
        (".5", .point, .notANumber),
        ("5.", .point, .notANumber),
        ("-", .point, .notANumber),
        ("1e5", .point, .notANumber),
        ("NaN", .point, .notANumber),
        ("inf", .point, .notANumber),
        (" 64.17", .point, .notANumber),
        ("—", .point, .notANumber),
        ("0x1A", .point, .notANumber),
    ])
    func rejectsWithAReason(text: String, style: DecimalStyle, reason: NumberSyntaxError.Reason) {
        #expect(throws: NumberSyntaxError(text: text, reason: reason)) {
            try DecimalParser(style: style).parse(text)
        }
    }

    @Test func wrongSeparatorMessageSuggestsTheDeclaration() {
        #expect(NumberSyntaxError(text: "64,17", reason: .wrongDecimalSeparator(expected: .point)).message
            == "\"64,17\" uses a decimal comma (,) but this file uses a decimal point; "
            + "write it with the file's separator or declare --decimal comma")
    }

    @Test func parsesFieldBytesWithoutStrings() throws {
        var reader = try CSVReader(string: "tỉnh;điểm\nHà Nội;64,17\nHuế;\"0,6077\"\n", file: "t.csv", hasHeader: true)
        let parser = DecimalParser(style: .comma)
        var scores: [Double] = []
        try reader.forEachRecord { record in
            scores.append(try record.withBytes(1) { try parser.parse($0) })
        }
        #expect(scores == [64.17, 0.6077])
    }
}

@Suite("DecimalStyleDetector")
struct DecimalStyleDetectorTests {
    private func location(_ line: Int, _ column: Int) -> Location { Location(file: "f.csv", line: line, column: column) }

    @Test(arguments: [
        ("64.17", DecimalEvidence.point), ("64,17", .comma), ("0,6077", .comma), ("0.6077", .point),
        ("1.234", .ambiguous), ("1,234", .ambiguous), ("-12,345", .ambiguous), ("999.999", .ambiguous),
        ("0.123", .point), ("0,123", .comma), ("1234.567", .point), ("1234,567", .comma), ("01.234", .point),
        ("1.2345", .point), ("1,23", .comma), ("56039", .none), ("-3", .none), ("1.234.567", .none),
        ("abc", .none), ("", .none), ("1.", .none), ("12%", .none),
    ])
    func evidenceOfOneValue(text: String, evidence: DecimalEvidence) {
        #expect(DecimalStyle.evidence(in: text) == evidence)
    }

    @Test func oneProvingValueDecidesTheFile() throws {
        var detector = DecimalStyleDetector()
        detector.observe("1.234", at: location(2, 3))
        detector.observe("56", at: location(3, 3))
        detector.observe("64.17", at: location(4, 3))
        detector.observe("70.5", at: location(5, 3))
        #expect(detector.verdict == .point(.init(text: "64.17", location: location(4, 3))))
        #expect(try detector.resolve(declared: nil) == .point)
        #expect(try DecimalParser(style: detector.resolve(declared: nil)).parse("1.234") == 1.234)

        var commas = DecimalStyleDetector()
        commas.observe("1,234", at: location(2, 2))
        commas.observe("0,6077", at: location(7, 2))
        #expect(try commas.resolve(declared: nil) == .comma)
    }

    @Test func ambiguousValuesAloneAreAnErrorWithAFix() throws {
        var detector = DecimalStyleDetector()
        detector.observe("12", at: location(2, 3))
        detector.observe("1.234", at: location(4, 3))
        detector.observe("2.500", at: location(5, 3))
        let value = DecimalStyleDetector.Evidence(text: "1.234", location: location(4, 3))
        #expect(detector.verdict == .undecided(ambiguous: value))
        let error = DecimalStyleError(
            kind: .ambiguous(value), location: location(4, 3),
            message: "ambiguous number \"1.234\": it could have a decimal or a thousands separator and no other "
                + "value in the file shows which; declare --decimal point or --decimal comma")
        #expect(throws: error) { try detector.resolve(declared: nil) }
        #expect(error.description.hasPrefix("f.csv:4:3: error: [ingest] ambiguous number \"1.234\""))
        #expect(try detector.resolve(declared: .comma) == .comma)
    }

    @Test func mixedStylesAreAConflict() {
        var detector = DecimalStyleDetector()
        detector.observe("64.17", at: location(3, 2))
        detector.observe("0,6077", at: location(9, 2))
        let point = DecimalStyleDetector.Evidence(text: "64.17", location: location(3, 2))
        let comma = DecimalStyleDetector.Evidence(text: "0,6077", location: location(9, 2))
        #expect(detector.verdict == .conflict(point: point, comma: comma))
        #expect(throws: DecimalStyleError(
            kind: .conflict(point: point, comma: comma), location: location(9, 2),
            message: "the file mixes decimal separators: \"64.17\" at f.csv:3:2 uses a point but \"0,6077\" at "
                + "f.csv:9:2 uses a comma; write every number with the same separator")
        ) { try detector.resolve(declared: nil) }
    }

    @Test func integersOnlyNeedNoDecision() throws {
        var detector = DecimalStyleDetector()
        detector.observe("56039", at: location(2, 2))
        detector.observe("-3", at: location(3, 2))
        #expect(detector.verdict == .undecided(ambiguous: nil))
        #expect(try detector.resolve(declared: nil) == .point)
    }
}
