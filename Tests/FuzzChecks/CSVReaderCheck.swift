import ChiSoKit

/// What reading `bytes` gives: every record's fields and line, or the error.
enum CSVOutcome: Equatable {
    case records([[[UInt8]]], lines: [Int], dialect: CSVDialect)
    case failure(CSVError)
}

func readCSV(_ bytes: [UInt8], dialect: CSVDialect? = nil, options: CSVReader.Options) -> CSVOutcome {
    do {
        var reader = try CSVReader(bytes: bytes, file: "f.csv", dialect: dialect, options: options)
        var records: [[[UInt8]]] = []
        var lines: [Int] = []
        try reader.forEachRecord { record in
            var fields: [[UInt8]] = []
            for i in 0..<record.count { fields.append(record.withBytes(i) { Array($0) }) }
            records.append(fields)
            lines.append(record.line)
        }
        return .records(records, lines: lines, dialect: reader.dialect)
    } catch {
        return .failure(error)
    }
}

/// Properties:
/// - the outcome does not depend on the chunk size (1 to 8 bytes against 1 MiB), with default limits and tiny ones;
/// - records come only from valid UTF-8 (or UTF-16 with a byte order mark, or a workbook);
/// - what was read, written back by `CSVWriter` in the same dialect, reads back identical.
public func checkCSVReader(_ bytes: [UInt8]) throws(FuzzCheckFailure) {
    let chunk = 1 + (bytes.first.map { Int($0) } ?? 0) % 8
    for options in [CSVReader.Options(), CSVReader.Options(fieldSizeLimit: 16, recordSizeLimit: 64)] {
        let reference = readCSV(bytes, options: CSVReader.Options(chunkSize: 1 << 20, fieldSizeLimit: options.fieldSizeLimit, recordSizeLimit: options.recordSizeLimit))
        let small = readCSV(bytes, options: CSVReader.Options(chunkSize: chunk, fieldSizeLimit: options.fieldSizeLimit, recordSizeLimit: options.recordSizeLimit))
        try require(reference == small, "chunk size \(chunk) changes the outcome: \(reference) vs \(small)")
    }
    guard case .records(let records, _, let dialect) = readCSV(bytes, options: .init()) else { return }
    // UTF-16 (a byte order mark FF FE or FE FF) is turned into UTF-8, and a ZIP is read as a workbook
    // (FuzzXLSXReader): neither is checked as UTF-8 text here.
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0x50, 0x4B]) { return }
    try require(String(validating: bytes, as: UTF8.self) != nil, "records read from invalid UTF-8")
    // A record always has a field (a blank line is skipped, not a record of none).
    try require(records.allSatisfy { !$0.isEmpty }, "a record without fields")
    let text = records.map { $0.map { String(decoding: $0, as: UTF8.self) } }
    let written = CSVWriter(dialect: dialect).bytes(for: text)
    guard case .records(let again, _, _) = readCSV(written, dialect: dialect, options: .init()) else {
        throw FuzzCheckFailure("written records do not read back: \(text)")
    }
    try require(again == records, "round trip changed the records: \(records) -> \(again)")
}
