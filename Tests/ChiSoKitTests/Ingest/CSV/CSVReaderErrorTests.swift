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

@Suite("CSVReader: errors and their locations")
struct CSVReaderErrorTests {
    @Test func unterminatedQuoteIsReportedWhereTheQuoteOpened() throws {
        let text = "code,name,note\n01,Hà Nội,ok\n02,\"Hà Giang,x\n03,Cao Bằng,y\n"
        let error = try #require(readErrorForEveryChunkSize(Array(text.utf8), file: "pci.csv"))
        #expect(error.kind == .unterminatedQuotedField)
        #expect(error.location == Location(file: "pci.csv", line: 3, column: 2))
        #expect(error.description.hasPrefix("pci.csv:3:2: error: [ingest] quoted field opened here is never closed"))
    }

    @Test func quoteInsideUnquotedField() throws {
        let text = "a,b\n1,Công ty \"ABC\"\n"
        let error = try #require(readErrorForEveryChunkSize(Array(text.utf8)))
        #expect(error == CSVError(
            location: Location(file: "t.csv", line: 2, column: 2), kind: .quoteInUnquotedField,
            message: "a \" appears inside a field that does not start with a quote; put the whole field in quotes "
                + "and write the inner quote twice, e.g. \"Công ty \"\"ABC\"\"\""))
    }

    @Test func characterAfterClosingQuote() throws {
        let error = try #require(readErrorForEveryChunkSize(Array("a,b\nx,\"abc\"def\n".utf8)))
        #expect(error.kind == .unexpectedCharacterAfterQuote(UInt8(ascii: "d")))
        #expect(error.location == Location(file: "t.csv", line: 2, column: 2))
        #expect(error.message.hasPrefix("unexpected character 'd' after the closing quote"))
        // A space after the closing quote is just as wrong (the space would be lost).
        let space = try #require(readErrorForEveryChunkSize(Array("\"a\" ,b\n".utf8)))
        #expect(space.kind == .unexpectedCharacterAfterQuote(0x20))
        #expect(space.location == Location(file: "t.csv", line: 1, column: 1))
    }

    @Test func emptyFile() throws {
        let expected = CSVError(
            location: Location(file: "t.csv", line: 1, column: 1), kind: .emptyFile,
            message: "file is empty (no header and no rows); check the path or export the data again")
        #expect(readErrorForEveryChunkSize([]) == expected)
        #expect(readErrorForEveryChunkSize([0xEF, 0xBB, 0xBF]) == expected)
        #expect(readErrorForEveryChunkSize(Array("\n\r\n\r".utf8)) == expected)
        #expect(throws: expected) { _ = try CSVReader(bytes: [], file: "t.csv", hasHeader: true) }
        #expect(throws: expected) { _ = try CSVReader(bytes: [], file: "t.csv").readAll() }
    }

    @Test func fieldOverTheLimitSaysTheLimitAndHowToRaiseIt() throws {
        let big = String(repeating: "x", count: 1025)
        for text in ["a,b\nc,\(big)\n", "a,b\nc,\"\(big)\"\n", "a,b\nc,\"\(big)"] {
            for size in [3, 64, 4096] {
                let error = try #require(readError(
                    Array(text.utf8), options: .init(chunkSize: size, fieldSizeLimit: 1024)), "\(text.prefix(8)) \(size)")
                #expect(error.kind == .fieldTooLarge(limit: 1024))
                #expect(error.location == Location(file: "t.csv", line: 2, column: 2))
                #expect(error.message.contains("larger than 1 KiB"))
                #expect(error.message.contains("raise the limit (CSVReader.Options.fieldSizeLimit)"))
            }
        }
        // Exactly at the limit is fine.
        let exact = String(repeating: "x", count: 1024)
        let reader = try CSVReader(string: "\(exact),\"\(exact)\"\n", file: "t.csv", options: .init(chunkSize: 100, fieldSizeLimit: 1024))
        #expect(try reader.readAll() == [[exact, exact]])
    }

    @Test func defaultFieldLimitIsOneMebibyte() throws {
        #expect(CSVReader.Options().fieldSizeLimit == 1 << 20)
        let huge = [UInt8](repeating: 0x61, count: (1 << 20) + 1)
        let error = try #require(readError(huge))
        #expect(error.kind == .fieldTooLarge(limit: 1 << 20))
        #expect(error.message.contains("larger than 1 MiB"))
    }

    @Test func recordOverTheLimit() throws {
        let text = String(repeating: "abc,", count: 100) + "\n"
        let error = try #require(readError(
            Array(text.utf8), options: .init(chunkSize: 16, fieldSizeLimit: 64, recordSizeLimit: 256)))
        #expect(error.kind == .recordTooLarge(limit: 256))
        #expect(error.location == Location(file: "t.csv", line: 1, column: 1))
    }

    @Test func recordLimitCountsFromTheFirstByteToTheEndOfTheLastField() throws {
        let options = CSVReader.Options(chunkSize: 3, fieldSizeLimit: 100, recordSizeLimit: 10)
        let fits = try CSVReader(string: "ab,\"cd\",ef\r\n1234567890\n", file: "t.csv", options: options)
        #expect(try fits.readAll() == [["ab", "cd", "ef"], ["1234567890"]])
        for text in ["ab,\"cd\",efg\n", "a,b,c,d,e,f\n", "12345678901\n", "x\n\"123456789\"\n"] {
            let error = try #require(readError(Array(text.utf8), options: options), "\(text)")
            #expect(error.kind == .recordTooLarge(limit: 10), "\(text)")
            #expect(error.message.contains("larger than 10 bytes"), "\(text)")
        }
    }

    @Test func recordsBeforeAnErrorAreHandedOver() throws {
        var reader = try CSVReader(string: "a\nb\n\"c\n", file: "t.csv", options: .init(chunkSize: 2))
        var seen: [String] = []
        #expect(throws: CSVError.self) {
            try reader.forEachRecord { seen.append($0[0]) }
        }
        #expect(seen == ["a", "b"])
    }
}
