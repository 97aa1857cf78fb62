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

@Suite("CSVReader: records and fields")
struct CSVReaderTests {
    @Test func readsSimpleRecordsWithLF() throws {
        #expect(try readFields("code,name\n01,Hà Nội\n79,Hồ Chí Minh\n") == [
            ["code", "name"], ["01", "Hà Nội"], ["79", "Hồ Chí Minh"],
        ])
    }

    @Test func readsCRLF() throws {
        let records = try readRecords("a,b\r\nc,d\r\ne,f\r\n")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"]])
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(try readFields("a,b\r\nc,d\r\ne,f\r\n") == [["a", "b"], ["c", "d"], ["e", "f"]])
    }

    @Test func readsLoneCR() throws {
        let records = try readRecords("a,b\rc,d\re,f")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"]])
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(try readFields("a,b\rc,d\re,f\r") == [["a", "b"], ["c", "d"], ["e", "f"]])
    }

    @Test func readsMixedLineEndingsWithCorrectLines() throws {
        for size in everyChunkSize {
            let records = try readRecords("a\r\nb\rc\nd\r\r\ne", chunkSize: size)
            #expect(records.map(\.fields) == [["a"], ["b"], ["c"], ["d"], ["e"]], "chunk \(size)")
            // "\r\r\n" is a lone CR then a CRLF: one blank line between d and e.
            #expect(records.map(\.line) == [1, 2, 3, 4, 6], "chunk \(size)")
        }
    }

    @Test func stripsByteOrderMarkOnlyAtTheStart() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(try readFields(bom + Array("code,name\n01,x\n".utf8)) == [["code", "name"], ["01", "x"]])
        // A BOM later in the file is data (U+FEFF), kept as it is.
        let rows = try readFields(bom + Array("a\n".utf8) + bom + Array("b\n".utf8))
        #expect(rows == [["a"], ["\u{FEFF}b"]])
    }

    @Test func quotedFieldKeepsDelimiter() throws {
        let records = try readRecords("name,score\n\"Bà Rịa, Vũng Tàu\",63.2\n")
        #expect(records[1].fields == ["Bà Rịa, Vũng Tàu", "63.2"])
        #expect(records[1].quoted == [true, false])
        #expect(try readFields("name,score\n\"Bà Rịa, Vũng Tàu\",63.2\n")[1] == ["Bà Rịa, Vũng Tàu", "63.2"])
    }

    @Test func doubledQuotesAreUnescaped() throws {
        #expect(try readFields("\"Công ty \"\"ABC\"\"\",\"\"\"\",\"a\"\"\"\"b\"\n") == [
            ["Công ty \"ABC\"", "\"", "a\"\"b"]
        ])
    }

    @Test func multiLineFieldKeepsPhysicalLineNumbers() throws {
        let text = "id,note\n1,\"first line\nsecond line\r\nthird\"\n2,plain\n3,\"x\ny\",after\n4,end"
        for size in everyChunkSize {
            let records = try readRecords(text, chunkSize: size)
            #expect(records.map(\.fields) == [
                ["id", "note"], ["1", "first line\nsecond line\r\nthird"], ["2", "plain"],
                ["3", "x\ny", "after"], ["4", "end"],
            ], "chunk \(size)")
            #expect(records.map(\.line) == [1, 2, 5, 6, 8], "chunk \(size)")
            // A field after a multi-line field starts on a later line than its record.
            #expect(records[3].fieldLines == [6, 6, 7], "chunk \(size)")
        }
    }

    @Test func locationOfFieldIsFileLineAndSpreadsheetColumn() throws {
        var reader = try CSVReader(string: "a,b\n\"x\ny\",z,w\n", file: "data/pci.csv")
        var locations: [Location] = []
        var recordLocations: [Location] = []
        try reader.forEachRecord { record in
            for i in 0..<record.count { locations.append(record.location(ofField: i)) }
            recordLocations.append(record.location)
        }
        #expect(locations.map(\.description) == [
            "data/pci.csv:1:1", "data/pci.csv:1:2", "data/pci.csv:2:1", "data/pci.csv:3:2", "data/pci.csv:3:3",
        ])
        #expect(recordLocations == [Location(file: "data/pci.csv", line: 1, column: 1), Location(file: "data/pci.csv", line: 2, column: 1)])
    }

    @Test func readsSemicolonAndTab() throws {
        #expect(try readFields("a;b;\"c;d\"\n1,5;2;3\n", dialect: .semicolon) == [["a", "b", "c;d"], ["1,5", "2", "3"]])
        #expect(try readFields("a\tb\t\"c\td\"\n1\t \t3\n", dialect: .tab) == [["a", "b", "c\td"], ["1", " ", "3"]])
    }

    @Test func detectsDelimiterWhenNotGiven() throws {
        let semicolon = try CSVReader(string: "tỉnh;điểm;hạng\nHà Nội;64,17;10\n", file: "t.csv")
        #expect(semicolon.dialect == .semicolon)
        #expect(try semicolon.readAll() == [["tỉnh", "điểm", "hạng"], ["Hà Nội", "64,17", "10"]])
        let tab = try CSVReader(string: "a\tb\n1\t2\n", file: "t.csv", options: .init(chunkSize: 1))
        #expect(tab.dialect == .tab)
        #expect(try tab.readAll() == [["a", "b"], ["1", "2"]])
        let comma = try CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("x,\"a;b;c\"\n".utf8), file: "t.csv", options: .init(chunkSize: 2))
        #expect(comma.dialect == .comma)
    }

    @Test func preservesNFDTextByteForByte() throws {
        // "Hoà Bình" with combining grave (U+0300) as some Mac tools export it.
        let nfd = "Hoa\u{0300} Bi\u{0300}nh"
        let bytes = Array("code,name\n17,\(nfd)\n".utf8)
        for size in everyChunkSize {
            var reader = try CSVReader(bytes: bytes, file: "t.csv", dialect: .comma, options: .init(chunkSize: size))
            var raw: [[UInt8]] = []
            try reader.forEachRecord { record in
                raw.append(record.withBytes(1) { Array($0) })
            }
            #expect(raw == [Array("name".utf8), Array(nfd.utf8)], "chunk \(size)")
            #expect(raw[1] != Array("Hoà Bình".utf8))
        }
    }

    @Test func keepsLeadingAndTrailingSpaces() throws {
        #expect(try readFields("  a , b  ,\" c \"\n") == [["  a ", " b  ", " c "]])
    }

    @Test func readsEmptyFields() throws {
        let records = try readRecords("a,,b\n,\n\"\",x\n,,\n")
        #expect(records.map(\.fields) == [["a", "", "b"], ["", ""], ["", "x"], ["", "", ""]])
        #expect(records[2].quoted == [true, false])
        var reader = try CSVReader(string: "a,,\"\"\n", file: "t.csv")
        var empties: [Bool] = []
        try reader.forEachRecord { record in
            for i in 0..<record.count { empties.append(record.isEmpty(i)) }
        }
        #expect(empties == [false, true, true])
    }

    @Test func trailingDelimiterAtEndOfFileIsOneMoreEmptyField() throws {
        #expect(try readFields("a,b,") == [["a", "b", ""]])
        #expect(try readFields("a,b,\n") == [["a", "b", ""]])
    }

    @Test func controlBytesAndTabsInsideFieldsAreData() throws {
        // CR and LF are found with a "below 0x0E" test that also flags these: they must stay data.
        #expect(try readFields("a\u{01}b,c\u{0B}\u{0C}d,e\tf\n\"x\u{01}\u{08}y\",\u{00}\n") == [
            ["a\u{01}b", "c\u{0B}\u{0C}d", "e\tf"], ["x\u{01}\u{08}y", "\u{00}"],
        ])
        #expect(try readFields("0123456\u{01}89abcdef,x\n") == [["0123456\u{01}89abcdef", "x"]])
    }

    @Test func longFieldsCrossManyWords() throws {
        let long = String(repeating: "Thừa Thiên Huế 0123456789 ", count: 40)
        #expect(try readFields("\(long),\"\(long)\"\"\(long)\"\n\(long)") == [[long, long + "\"" + long], [long]])
    }

    @Test func lastLineWithoutNewline() throws {
        #expect(try readFields("a,b\nc,d") == [["a", "b"], ["c", "d"]])
        #expect(try readFields("a,b\nc,\"d\"") == [["a", "b"], ["c", "d"]])
        #expect(try readFields("x") == [["x"]])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let records = try readRecords("\n\na,b\n\n\r\nc,d\n\n")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(records.map(\.line) == [3, 6])
        // A line holding only spaces is data, and a quoted empty field is a record.
        #expect(try readFields(" \n\"\"\n") == [[" "], [""]])
    }

    @Test func raggedRowsAreHandedOverWithTheirCount() throws {
        var reader = try CSVReader(string: "a,b,c\n1,2\n1,2,3,4\n", file: "t.csv", hasHeader: true)
        var counts: [Int] = []
        try reader.forEachRecord { counts.append($0.count) }
        #expect(reader.header == ["a", "b", "c"])
        #expect(counts == [2, 4])
    }

    @Test func headerIsTheFirstRecord() throws {
        var reader = try CSVReader(
            string: "\ncode,name\n01,Hà Nội\n", file: "t.csv", hasHeader: true, options: .init(chunkSize: 3))
        #expect(reader.header == ["code", "name"])
        #expect(reader.headerLine == 2)
        var rows: [[String]] = []
        var lines: [Int] = []
        try reader.forEachRecord { record in
            rows.append(record.strings)
            lines.append(record.line)
        }
        #expect(rows == [["01", "Hà Nội"]])
        #expect(lines == [3])
    }

    @Test func headerOnlyFileHasNoRecordsAndNoError() throws {
        var reader = try CSVReader(string: "code,name\n", file: "t.csv", hasHeader: true)
        var count = 0
        try reader.forEachRecord { _ in count += 1 }
        #expect(count == 0)
        #expect(reader.header == ["code", "name"])
    }

    @Test func withBytesGivesDecodedFieldBytes() throws {
        var reader = try CSVReader(string: "56039,\"-12\",\"a\"\"b\"\n", file: "t.csv")
        var numbers: [Int] = []
        var third: [UInt8] = []
        try reader.forEachRecord { record in
            numbers.append(try record.withBytes(0) { try IntegerParser.parse($0) })
            numbers.append(try record.withBytes(1) { try IntegerParser.parse($0) })
            third = record.withBytes(2) { Array($0) }
        }
        #expect(numbers == [56039, -12])
        #expect(third == Array("a\"b".utf8))
    }

    @Test func aBodyThatCannotFailGetsATypedCSVError() {
        var seen: [String] = []
        do {
            var reader = try CSVReader(string: "a\n\"b\n", file: "t.csv")
            try reader.forEachRecord { record in
                seen.append(record[0])
            }
            Issue.record("no error")
        } catch {
            // `error` is a CSVError here, without a cast.
            #expect(error.kind == .unterminatedQuotedField)
            #expect(error.location == Location(file: "t.csv", line: 2, column: 1))
        }
        #expect(seen == ["a"])
    }

    @Test func forEachRecordRethrowsTheBodysError() throws {
        struct Stop: Error, Equatable {}
        var reader = try CSVReader(string: "a\nb\nc\n", file: "t.csv")
        var seen: [String] = []
        #expect(throws: Stop()) {
            try reader.forEachRecord { record in
                seen.append(record[0])
                if record[0] == "b" { throw Stop() }
            }
        }
        #expect(seen == ["a", "b"])
        // Reading goes on after the record that stopped it.
        #expect(try reader.readAll() == [["c"]])
    }

    @Test func manyFieldsInOneRecord() throws {
        let fields = (0..<1000).map { "f\($0)" }
        let text = fields.joined(separator: ",") + "\n" + fields.reversed().joined(separator: ",")
        #expect(try CSVReader(string: text, file: "t.csv", options: .init(chunkSize: 5)).readAll() == [fields, fields.reversed()])
    }

    @Test func readsAFileFromDisk() throws {
        let path = csvTemporaryPath("reader-disk.csv")
        try csvWriteFile(path, Array("\u{FEFF}code,name\r\n01,\"Hà Nội\"\r\n".utf8))
        defer { csvRemoveFile(path) }
        let reader = try CSVReader(path: path, displayName: "pci.csv", hasHeader: true, options: .init(chunkSize: 4))
        #expect(reader.file == "pci.csv")
        #expect(reader.header == ["code", "name"])
        #expect(try reader.readAll() == [["01", "Hà Nội"]])
    }

    @Test func missingFileIsUnreadable() {
        #expect(throws: CSVError(
            location: Location(file: "nope.csv", line: 1, column: 1),
            kind: .unreadable(reason: "No such file or directory"),
            message: "cannot read the file: No such file or directory; check the path and its permissions")
        ) {
            _ = try CSVReader(path: "/nonexistent/dir/nope.csv", displayName: "nope.csv")
        }
    }

    @Test func readsTheFixtureWithBOMCRLFQuotedCommaAndNFD() throws {
        let path = try #require(csvFixturePath("csv/bom-crlf-quoted-comma-nfd.csv"))
        let reader = try CSVReader(path: path, displayName: "bom-crlf-quoted-comma-nfd.csv", hasHeader: true)
        #expect(reader.header == ["province_code", "province_name", "score"])
        let rows = try reader.readAll()
        #expect(rows.count == 3)
        #expect(rows[0] == ["01", "Hà Nội", "64.17"])
        #expect(rows[1] == ["77", "Bà Rịa, Vũng Tàu", "63.2"])
        #expect(Array(rows[2][1].utf8) == Array("Hoa\u{0300} Bi\u{0300}nh".utf8))
        #expect(rows[2][0] == "17")
    }
}
