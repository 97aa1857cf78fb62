import PropertyBased
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

/// Whatever a correct writer writes, the reader reads back byte for byte,
/// for every delimiter, line ending and chunk size.
@Suite("CSV round trip (property-based)")
struct CSVRoundTripTests {
    /// Characters that stress quoting and line handling: quotes, every delimiter, CR, LF,
    /// spaces, Vietnamese letters (NFC and NFD), a 4-byte emoji, U+FEFF, formula starters.
    static let alphabet: [Character] = [
        "a", "Z", "0", "9", " ", "\"", ",", ";", "\t", "\r", "\n", "ă", "Đ", "ệ", "ữ",
        "e\u{0302}\u{0301}", "😀", "\u{FEFF}", "=", "-", "'", ".",
    ]

    static let field = Gen<Character?>.element(of: alphabet).map { $0! }.string(of: 0...6)
    static let table = field.array(of: 1...5).array(of: 1...8)
    static let delimiter = Gen<CSVDialect?>.element(of: CSVDialect.detectable).map { $0! }

    @Test func writtenTablesReadBackIdentical() async {
        await propertyCheck(
            count: 300, input: Self.table, Self.delimiter, Gen.bool, Gen.int(in: 1...9)
        ) { table, dialect, crlf, chunkSize in
            let writer = CSVWriter(dialect: dialect, lineEnding: crlf ? .crlf : .lf)
            let bytes = writer.bytes(for: table)
            let expected = table.map { $0.map { Array($0.utf8) } }
            for size in [chunkSize, 1 << 20] {
                var reader = try CSVReader(bytes: bytes, file: "t.csv", dialect: dialect, options: .init(chunkSize: size))
                var actual: [[[UInt8]]] = []
                try reader.forEachRecord { record in
                    var row: [[UInt8]] = []
                    for i in 0..<record.count { row.append(record.withBytes(i) { Array($0) }) }
                    actual.append(row)
                }
                #expect(actual == expected, "chunk size \(size)")
            }
        }
    }

    @Test func lastLineWithoutLineEndReadsBackToo() async {
        await propertyCheck(count: 200, input: Self.table, Self.delimiter, Gen.int(in: 1...7)) { table, dialect, chunkSize in
            var bytes = CSVWriter(dialect: dialect).bytes(for: table)
            bytes.removeLast()
            let reader = try CSVReader(bytes: bytes, file: "t.csv", dialect: dialect, options: .init(chunkSize: chunkSize))
            let rows = try reader.readAll()
            #expect(rows.map { $0.map { Array($0.utf8) } } == table.map { $0.map { Array($0.utf8) } })
        }
    }
}

/// Any input, well-formed or not, gives the same records or the same error at every chunk size,
/// with the default limits and with tiny ones (so the size-limit paths are hit too).
@Suite("CSVReader chunk-size independence (property-based)")
struct CSVChunkIndependenceTests {
    /// Pieces of valid and broken CSV: lone quotes, stray bytes, CR, CRLF, control bytes, tabs,
    /// 2-, 3- and 4-byte characters.
    static let pieces: [[UInt8]] = [
        Array("a".utf8), Array("ệ".utf8), Array("ơ".utf8), Array("😀".utf8), Array(",".utf8), Array(";".utf8),
        Array("\"".utf8), Array("\"\"".utf8), Array("\n".utf8), Array("\r".utf8), Array("\r\n".utf8),
        Array(" ".utf8), Array("\t".utf8), [0x01], [0x0B], Array("Hà Nội".utf8), Array("abcdefghij".utf8),
        [0xFF], [0xE1, 0xBB], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], Array("12,5".utf8),
    ]

    static let input = Gen<[UInt8]?>.element(of: pieces).map { $0! }.array(of: 0...40).map { Array($0.joined()) }

    enum Outcome: Equatable {
        case records([CSVTestRecord])
        case failure(CSVError)
    }

    static func outcome(_ bytes: [UInt8], chunkSize: Int, fieldLimit: Int, recordLimit: Int, dialect: CSVDialect? = .comma) -> Outcome {
        // A body that cannot fail: `forEachRecord` then throws a typed CSVError.
        do {
            var reader = try CSVReader(
                bytes: bytes, file: "t.csv", dialect: dialect,
                options: .init(chunkSize: chunkSize, fieldSizeLimit: fieldLimit, recordSizeLimit: recordLimit))
            var records: [CSVTestRecord] = []
            try reader.forEachRecord { record in
                var lines: [Int] = []
                var quoted: [Bool] = []
                for i in 0..<record.count {
                    lines.append(record.location(ofField: i).line)
                    quoted.append(record.isQuoted(i))
                }
                records.append(CSVTestRecord(line: record.line, fields: record.strings, fieldLines: lines, quoted: quoted))
            }
            return .records(records)
        } catch {
            return .failure(error)
        }
    }

    /// With the delimiter given, and detected from the first line (found by the fuzzer: detection used to
    /// look at however much of a long first line the chunks had loaded).
    @Test(arguments: [CSVDialect.comma, nil])
    func sameOutcomeForEveryChunkSize(dialect: CSVDialect?) async {
        await propertyCheck(count: 300, input: Self.input) { bytes in
            for (fieldLimit, recordLimit) in [(1 << 20, 64 << 20), (6, 24)] {
                let reference = Self.outcome(bytes, chunkSize: 1 << 20, fieldLimit: fieldLimit, recordLimit: recordLimit, dialect: dialect)
                for size in 1...7 {
                    let outcome = Self.outcome(bytes, chunkSize: size, fieldLimit: fieldLimit, recordLimit: recordLimit, dialect: dialect)
                    #expect(outcome == reference, "chunk size \(size), limits \(fieldLimit) \(recordLimit)")
                }
            }
        }
    }

    /// Records come back only from valid UTF-8, and an encoding error only from invalid UTF-8.
    @Test func encodingErrorsExactlyForInvalidUTF8() async {
        await propertyCheck(count: 300, input: Self.input) { bytes in
            let isValid = String(validating: bytes, as: UTF8.self) != nil
            switch Self.outcome(bytes, chunkSize: 3, fieldLimit: 1 << 20, recordLimit: 64 << 20) {
            case .records:
                #expect(isValid)
            case .failure(let error):
                switch error.kind {
                case .invalidUTF8, .legacyEncoding: #expect(!isValid, "\(error)")
                default: break
                }
            }
        }
    }
}
