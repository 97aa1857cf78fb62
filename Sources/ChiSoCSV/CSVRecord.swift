import ChiSoCore

/// One record (row) of a CSV file, lent to the body of `CSVReader.forEachRecord` without copying.
///
/// The record points into the reader's buffer, so it is non-copyable and only valid inside the
/// closure: copy out what you keep (`self[i]` makes a `String`). Field indices are 0-based;
/// locations (`location(ofField:)`) are 1-based, like a spreadsheet column.
/// Ragged rows are not an error here: check `count` against the header yourself.
public struct CSVRecord: ~Copyable {
    /// First byte of the record in the reader's buffer; field offsets are relative to it.
    @usableFromInline package let base: UnsafePointer<UInt8>
    @usableFromInline package let spans: UnsafePointer<CSVFieldSpan>
    /// Number of fields in this record (at least 1).
    public let count: Int
    /// Physical line (1-based) where the record starts.
    public let line: Int
    /// The reader's file name (a pointer, so lending a record retains nothing).
    @usableFromInline package let fileName: UnsafePointer<String>
    /// The worksheet of a workbook (nil for a CSV file): `line` is its row, field `i` its column `i + 1`.
    @usableFromInline package let sheetName: UnsafePointer<String?>

    @usableFromInline
    package init(
        base: UnsafePointer<UInt8>, spans: UnsafePointer<CSVFieldSpan>, count: Int, line: Int,
        file: UnsafePointer<String>, sheet: UnsafePointer<String?>
    ) {
        self.base = base
        self.spans = spans
        self.count = count
        self.line = line
        self.fileName = file
        self.sheetName = sheet
    }

    /// The file name used in locations.
    @inlinable
    public var file: String { fileName.pointee }

    /// The worksheet, when the record is a row of a workbook.
    @inlinable
    public var sheet: String? { sheetName.pointee }

    @inlinable
    package func span(_ i: Int) -> CSVFieldSpan {
        precondition(i >= 0 && i < count, "field index \(i) out of range 0..<\(count)")
        return spans[i]
    }

    /// The decoded text of field `i`: quotes removed, doubled quotes unescaped, bytes otherwise
    /// exactly as in the file (no trimming, no Unicode normalization).
    @inlinable
    public subscript(i: Int) -> String {
        let s = span(i)
        return String(
            decoding: UnsafeBufferPointer(start: base + Int(s.start), count: Int(s.end &- s.start)),
            as: UTF8.self)
    }

    /// Whether field `i` has no bytes (`a,,b` or `a,"",b`).
    @inlinable
    public func isEmpty(_ i: Int) -> Bool {
        let s = span(i)
        return s.start == s.end
    }

    /// Whether field `i` was written in quotes (`""` is empty but quoted).
    @inlinable
    public func isQuoted(_ i: Int) -> Bool {
        span(i).flags & CSVFieldSpan.quoted != 0
    }

    /// Calls `body` with the decoded bytes of field `i` (UTF-8, quotes already unescaped),
    /// without allocating: the way to parse numbers and dates on the hot path.
    /// The buffer is only valid inside `body`.
    @inlinable
    public func withBytes<Result, Failure: Error>(
        _ i: Int, _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let s = span(i)
        return try body(UnsafeRawBufferPointer(start: base + Int(s.start), count: Int(s.end &- s.start)))
    }

    /// Where field `i` starts: the record's file, the physical line of the field's first byte
    /// (later than `line` after a multi-line quoted field) and column `i + 1`.
    @inlinable
    public func location(ofField i: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + Int(span(i).lineDelta), column: i + 1, sheet: sheet)
    }

    /// Where the record starts (column 1).
    public var location: SourceLocation { SourceLocation(file: file, line: line, column: 1, sheet: sheet) }

    /// All fields decoded, for small files and tests.
    public var strings: [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        for i in 0..<count { result.append(self[i]) }
        return result
    }
}

/// Where a field's decoded bytes are, relative to the start of its record.
@usableFromInline
package struct CSVFieldSpan {
    @usableFromInline package var start: UInt32
    @usableFromInline package var end: UInt32
    /// Physical lines between the record's first line and this field's first line.
    @usableFromInline package var lineDelta: UInt32
    @usableFromInline package var flags: UInt32

    @usableFromInline package static let quoted: UInt32 = 1
    @usableFromInline package static let hasDoubledQuotes: UInt32 = 2

    @usableFromInline
    package init(start: UInt32, end: UInt32, lineDelta: UInt32, flags: UInt32) {
        self.start = start
        self.end = end
        self.lineDelta = lineDelta
        self.flags = flags
    }
}
