import Foundation
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

/// Chunk sizes that put a chunk boundary at every byte of small inputs, plus the default.
let everyChunkSize = Array(1...7) + [1 << 20]

/// A record copied out of the reader, with everything a test wants to compare.
/// Equality compares the fields' bytes: `String` equality would let NFD equal NFC.
struct CSVTestRecord: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    /// Physical line where each field starts.
    var fieldLines: [Int]
    var quoted: [Bool]

    init(line: Int, fields: [String], fieldLines: [Int], quoted: [Bool]) {
        self.line = line
        self.fields = fields
        self.fieldLines = fieldLines
        self.quoted = quoted
    }

    static func == (a: CSVTestRecord, b: CSVTestRecord) -> Bool {
        a.line == b.line && a.fieldLines == b.fieldLines && a.quoted == b.quoted
            && a.fields.map { Array($0.utf8) } == b.fields.map { Array($0.utf8) }
    }

    var description: String { "\(line): \(fields) lines \(fieldLines) quoted \(quoted)" }
}

/// Reads every record of `bytes` with the given chunk size.
func readRecords(
    _ bytes: [UInt8], file: String = "t.csv", dialect: CSVDialect? = .comma, chunkSize: Int = 1 << 20,
    hasHeader: Bool = false
) throws -> [CSVTestRecord] {
    var reader = try CSVReader(
        bytes: bytes, file: file, dialect: dialect, hasHeader: hasHeader,
        options: .init(chunkSize: chunkSize))
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
    return records
}

func readRecords(
    _ text: String, file: String = "t.csv", dialect: CSVDialect? = .comma, chunkSize: Int = 1 << 20
) throws -> [CSVTestRecord] {
    try readRecords(Array(text.utf8), file: file, dialect: dialect, chunkSize: chunkSize)
}

/// The fields of every record, read with every chunk size; fails if two chunk sizes disagree.
func readFields(
    _ bytes: [UInt8], dialect: CSVDialect? = .comma, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> [[String]] {
    let reference = try readRecords(bytes, dialect: dialect)
    for size in everyChunkSize.dropLast() {
        let records = try readRecords(bytes, dialect: dialect, chunkSize: size)
        #expect(records == reference, "chunk size \(size)", sourceLocation: sourceLocation)
    }
    return reference.map(\.fields)
}

func readFields(
    _ text: String, dialect: CSVDialect? = .comma, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> [[String]] {
    try readFields(Array(text.utf8), dialect: dialect, sourceLocation: sourceLocation)
}

/// The `CSVError` reading `bytes` throws with the given chunk size (nil if none).
func readError(
    _ bytes: [UInt8], file: String = "t.csv", dialect: CSVDialect? = .comma, chunkSize: Int = 1 << 20,
    options: CSVReader.Options? = nil
) -> CSVError? {
    do {
        var reader = try CSVReader(
            bytes: bytes, file: file, dialect: dialect, options: options ?? .init(chunkSize: chunkSize))
        try reader.forEachRecord { _ in }
        return nil
    } catch {
        return error
    }
}

/// The error for every chunk size; fails if two chunk sizes disagree.
func readErrorForEveryChunkSize(
    _ bytes: [UInt8], file: String = "t.csv", dialect: CSVDialect? = .comma,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> CSVError? {
    let reference = readError(bytes, file: file, dialect: dialect)
    for size in everyChunkSize.dropLast() {
        #expect(
            readError(bytes, file: file, dialect: dialect, chunkSize: size) == reference, "chunk size \(size)",
            sourceLocation: sourceLocation)
    }
    return reference
}

// MARK: - Files

func csvTemporaryPath(_ name: String) -> String {
    NSTemporaryDirectory() + "chiso-csv-\(ProcessInfo.processInfo.processIdentifier)-\(name)"
}

func csvWriteFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func csvRemoveFile(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// The path of a file under `Tests/ChiSoKitTests/Fixtures`.
func csvFixturePath(_ relative: String) -> String? {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent(relative).path
}
