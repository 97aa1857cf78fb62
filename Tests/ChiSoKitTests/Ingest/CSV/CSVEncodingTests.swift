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

@Suite("CSVReader: text encoding")
struct CSVEncodingTests {
    /// "Tỉnh,Điểm / Hà Nội,64.17 / Đà Nẵng,70.12 / Thừa Thiên Huế,65.3" in Windows-1258, made with
    /// `iconv -f UTF-8 -t CP1258`: tones are separate bytes (0xD2 hook after "i" in "Tỉnh").
    static let windows1258: [UInt8] = [
        0x54, 0x69, 0xD2, 0x6E, 0x68, 0x2C, 0xD0, 0x69, 0xEA, 0xD2, 0x6D, 0x0A,
        0x48, 0xE0, 0x20, 0x4E, 0xF4, 0xF2, 0x69, 0x2C, 0x36, 0x34, 0x2E, 0x31,
        0x37, 0x0A, 0xD0, 0xE0, 0x20, 0x4E, 0xE3, 0xDE, 0x6E, 0x67, 0x2C, 0x37,
        0x30, 0x2E, 0x31, 0x32, 0x0A, 0x54, 0x68, 0xFD, 0xCC, 0x61, 0x20, 0x54,
        0x68, 0x69, 0xEA, 0x6E, 0x20, 0x48, 0x75, 0xEA, 0xEC, 0x2C, 0x36, 0x35,
        0x2E, 0x33, 0x0A,
    ]

    /// The same table in lower case in TCVN3, made with `iconv -f UTF-8 -t TCVN5712-1`:
    /// đ is 0xAE, à 0xB5, ẵ 0xBD, ê 0xAA.
    static let tcvn3: [UInt8] = [
        0x74, 0xD8, 0x6E, 0x68, 0x2C, 0xAE, 0x69, 0xD3, 0x6D, 0x0A, 0x68, 0xB5,
        0x20, 0x6E, 0xE9, 0x69, 0x2C, 0x36, 0x34, 0x2E, 0x31, 0x37, 0x0A, 0xAE,
        0xB5, 0x20, 0x6E, 0xBD, 0x6E, 0x67, 0x2C, 0x37, 0x30, 0x2E, 0x31, 0x32,
        0x0A, 0x74, 0x68, 0xF5, 0x61, 0x20, 0x74, 0x68, 0x69, 0xAA, 0x6E, 0x20,
        0x68, 0x75, 0xD5, 0x2C, 0x36, 0x35, 0x2E, 0x33, 0x0A,
    ]

    @Test func recognisesWindows1258AndSaysHowToConvert() throws {
        let error = try #require(readError(Self.windows1258, file: "pci-2019.csv"))
        #expect(error == CSVError(
            location: Location(file: "pci-2019.csv", line: 1, column: 1), kind: .legacyEncoding(.windows1258),
            message: "file is not UTF-8; it looks like Vietnamese text in Windows-1258 (CP1258); convert it with: "
                + "iconv -f CP1258 -t UTF-8 pci-2019.csv > pci-2019-utf8.csv"))
    }

    @Test func recognisesTCVN3AndSaysHowToConvert() throws {
        let error = try #require(readError(Self.tcvn3, file: "data/papi 2015.csv"))
        #expect(error.kind == .legacyEncoding(.tcvn3))
        #expect(error.location == Location(file: "data/papi 2015.csv", line: 1, column: 1))
        #expect(error.message.hasSuffix(
            "TCVN3 (TCVN 5712:1993); convert it with: iconv -f TCVN5712-1 -t UTF-8 'data/papi 2015.csv' > 'data/papi 2015-utf8.csv'"))
    }

    @Test func legacyDetectorTellsTheTwoApart() {
        #expect(LegacyEncodingDetector.detect(Self.windows1258) == .windows1258)
        #expect(LegacyEncodingDetector.detect(Self.tcvn3) == .tcvn3)
        // Latin-1 "Café, Müller": not UTF-8, but not Vietnamese either.
        #expect(LegacyEncodingDetector.detect(Array("Caf".utf8) + [0xE9, 0x2C, 0x20, 0x4D, 0xFC] + Array("ller".utf8)) == nil)
        // A UTF-8 file with one stray byte is a damaged UTF-8 file.
        #expect(LegacyEncodingDetector.detect(Array("Hà Nội, Đà Nẵng, Thừa Thiên Huế".utf8) + [0xAE]) == nil)
        #expect(LegacyEncodingDetector.detect([]) == nil)
    }

    @Test func invalidUTF8IsReportedAtTheLineAndFieldOfTheBadByte() throws {
        let bytes = Array("code,name\n01,Hà Nội\n02,Hà ".utf8) + [0xFF] + Array("Giang\n".utf8)
        let error = try #require(readErrorForEveryChunkSize(bytes, file: "x.csv"))
        #expect(error == CSVError(
            location: Location(file: "x.csv", line: 3, column: 2), kind: .invalidUTF8(0xFF),
            message: "byte 0xFF is not valid UTF-8; save the file as UTF-8 or convert it with "
                + "iconv -f <ENCODING> -t UTF-8 in.csv > out.csv"))
    }

    @Test func invalidUTF8InsideAMultiLineFieldUsesThePhysicalLine() throws {
        let bytes = Array("a,b\n1,\"first\r\nsecond ".utf8) + [0xC3, 0x28] + Array(" end\"\n".utf8)
        let error = try #require(readErrorForEveryChunkSize(bytes))
        #expect(error.kind == .invalidUTF8(0xC3))
        #expect(error.location == Location(file: "t.csv", line: 3, column: 2))
    }

    @Test func truncatedSequenceAtEndOfFile() throws {
        let bytes = Array("a,b\n1,".utf8) + [0xE1, 0xBB]
        let error = try #require(readErrorForEveryChunkSize(bytes))
        #expect(error.kind == .invalidUTF8(0xE1))
        #expect(error.location == Location(file: "t.csv", line: 2, column: 2))
    }

    @Test func firstProblemInFileOrderWins() throws {
        // The bad byte comes before the unterminated quote.
        let bytes = Array("a\n".utf8) + [0xFF] + Array("\n\"open\n".utf8)
        #expect(readErrorForEveryChunkSize(bytes)?.kind == .invalidUTF8(0xFF))
        // Inside a field that never closes, the bad byte is reached before the end of the file.
        let inside = Array("\"open\n".utf8) + [0xFF]
        #expect(readErrorForEveryChunkSize(inside)?.kind == .invalidUTF8(0xFF))
        // A quote error before the bad byte is reported first.
        let later = Array("a\"b\n".utf8) + [0xFF]
        #expect(readErrorForEveryChunkSize(later)?.kind == .quoteInUnquotedField)
    }

    @Test func validMultiByteSequencesAcrossChunkBoundaries() throws {
        // 2-, 3- and 4-byte sequences cut by every chunk size.
        let text = "ă,ệ,𝄞,Đắk Lắk\n\"ữ\"\"ự\",😀\n"
        #expect(try readFields(text) == [["ă", "ệ", "𝄞", "Đắk Lắk"], ["ữ\"ự", "😀"]])
    }

    @Test func rejectsOverlongSurrogatesAndOutOfRange() {
        for bad: [UInt8] in [[0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0x80]] {
            let error = readErrorForEveryChunkSize(Array("ok,".utf8) + bad + [0x0A])
            #expect(error?.kind == .invalidUTF8(bad[0]), "\(bad)")
            #expect(error?.location == Location(file: "t.csv", line: 1, column: 2), "\(bad)")
        }
    }
}

@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    /// Offset of the first invalid sequence, found the slow way: the longest valid prefix
    /// according to the standard library, then skip the valid characters before it.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var good = 0
        for end in stride(from: bytes.count, through: 0, by: -1) where String(validating: bytes[..<end], as: UTF8.self) != nil {
            good = end
            break
        }
        return good
    }

    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("ệ".utf8), Array("ơ".utf8), Array("😀".utf8), [0x80], [0xC3], [0xE1, 0xBB],
            [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0x80], [0xC1, 0xBF],
            [0xF4, 0x90], [0xF4, 0x8F, 0xBF, 0xBF], [0xEF, 0xBB, 0xBF], Array("abcdefghij".utf8), [0xFF],
            [0xC2, 0xA0], Array("Thừa Thiên Huế".utf8),
        ]
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                bytes += pieces.randomElement(using: &generator)!
            }
            let expected = Self.firstInvalidOffset(bytes)
            let actual = bytes.withUnsafeBufferPointer { buffer in
                UTF8Validation.validate(
                    buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, from: 0, to: bytes.count, isFinal: true)
            }
            #expect(actual == (expected.map { .invalid(offset: $0) } ?? .valid(resumeAt: bytes.count)), "\(bytes)")
        }
    }

    @Test func resumesATruncatedSequenceOnTheNextChunk() {
        let bytes: [UInt8] = Array("xyz".utf8) + [0xF0, 0x9F, 0x98, 0x80]
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            for cut in 4..<bytes.count {
                #expect(UTF8Validation.validate(base, from: 0, to: cut, isFinal: false) == .valid(resumeAt: 3))
                #expect(UTF8Validation.validate(base, from: 0, to: cut, isFinal: true) == .invalid(offset: 3))
            }
            #expect(UTF8Validation.validate(base, from: 3, to: bytes.count, isFinal: true) == .valid(resumeAt: bytes.count))
        }
    }
}
