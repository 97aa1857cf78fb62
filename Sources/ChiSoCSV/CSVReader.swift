import ChiSoCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 CSV reader working on raw bytes.
///
/// Reads the file in chunks (`Options.chunkSize`, 1 MiB by default), so memory stays flat however
/// large the file: about two chunks plus the longest record. It
/// - strips a UTF-8 byte order mark and validates UTF-8 while splitting fields (eight bytes at a
///   time); a file in Windows-1258 or TCVN3 is recognised and the error says how to convert it;
/// - accepts LF, CRLF and lone CR line ends (mixed, too);
/// - handles quoted fields with doubled quotes (`"a ""b"""`), delimiters and line breaks inside;
/// - keeps every byte of a field as data: leading and trailing spaces, NFD text (callers trim
///   and normalize);
/// - skips blank lines (no bytes at all between two line ends) but counts them in line numbers;
///   a row holding one empty field must be written `""`, as `CSVWriter` does.
///
/// Ragged rows are not the reader's business: each record tells its `count`.
///
/// ```swift
/// var reader = try CSVReader(path: "pci.csv", hasHeader: true)
/// try reader.forEachRecord { record in
///     let rank = try record.withBytes(2) { try IntegerParser.parse($0) }
///     ...
/// }
/// ```
///
/// The reader owns its buffer and file descriptor, so it is non-copyable; records lent to
/// `forEachRecord` point into the buffer and are only valid inside the closure.
public struct CSVReader: ~Copyable {
    /// Buffer sizes and the limits that stop a broken file from filling memory.
    public struct Options: Sendable, Equatable {
        /// How many bytes one `read(2)` asks for.
        public var chunkSize: Int
        /// Largest field in bytes (between the quotes, doubled quotes counted twice).
        public var fieldSizeLimit: Int
        /// Largest record (row) in bytes, from its first byte to the end of its last field
        /// (line end excluded); below 2 GiB.
        public var recordSizeLimit: Int
        /// For a workbook: the sheet to read, by name or 1-based number; nil reads the first sheet with a table.
        public var sheet: String?

        public init(chunkSize: Int = 1 << 20, fieldSizeLimit: Int = 1 << 20, recordSizeLimit: Int = 64 << 20, sheet: String? = nil) {
            precondition(chunkSize > 0 && fieldSizeLimit > 0 && recordSizeLimit > 0)
            precondition(recordSizeLimit < Int(Int32.max), "recordSizeLimit must be below 2 GiB")
            self.chunkSize = chunkSize
            self.fieldSizeLimit = fieldSizeLimit
            self.recordSizeLimit = recordSizeLimit
            self.sheet = sheet
        }
    }

    /// The name used in locations: the display name, or the path.
    public var file: String { fileName.pointee }
    /// Records point here instead of retaining a `String` each.
    private let fileName: UnsafeMutablePointer<String>
    /// The delimiter given, or the one detected from the first line.
    public private(set) var dialect: CSVDialect = .comma
    /// The first record, when the reader was created with `hasHeader: true`.
    public private(set) var header: [String]?
    /// The physical line of the header (1 unless the file starts with blank lines).
    public private(set) var headerLine: Int?
    public let options: Options
    /// The worksheet read, when the file is an .xlsx workbook (locations then read `file.xlsx:Sheet1!C7`).
    public var sheet: String? { sheetName.pointee }
    /// How the table was found in a workbook (the sheet chosen, title rows skipped), or how the text
    /// was decoded (UTF-16): for the user, as notes.
    public private(set) var notes: [String] = []
    private let sheetName: UnsafeMutablePointer<String?>
    /// The sheet, when the file is a workbook; records then come from it instead of the buffer.
    private var table: WorkbookTable?
    /// Set for UTF-16 text: raw bytes are turned into UTF-8 before parsing.
    private var utf16: UTF16Transcoder?
    private var transcoded: [UInt8] = []
    private var transcodedOffset = 0

    // Input: a file descriptor, or an array read chunk by chunk (tests use tiny chunks).
    private let descriptor: Int32
    private let bytesSource: [UInt8]
    private var bytesOffset = 0

    // The buffer: bytes [0, end) are loaded; the current record starts at `position`.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var position = 0
    private var end = 0
    /// Offset in the file of `buffer[0]`.
    private var bufferFileOffset = 0
    private var atEOF = false
    /// Physical line at `position`.
    private var line = 1

    // Parse state of a record cut by the end of the buffer: the fields before `pendingOffset`
    // are done; the next field starts there, on `pendingLine`.
    private var inRecord = false
    private var recordLine = 1
    private var pendingFields = 0
    private var pendingOffset = 0
    private var pendingLine = 1
    private var pendingDoubledQuotes = false

    // The last completed record.
    private var recordStart = 0
    private var spans: UnsafeMutablePointer<CSVFieldSpan>
    private var spanCapacity = 64
    private var recordsRead = 0

    /// Byte classes for the last few bytes before a scan limit (`SpecialByteScanner`):
    /// bit 0 ends an unquoted field (delimiter, quote, CR, LF), bit 1 interrupts a quoted field
    /// (quote, CR, LF), bit 2 is a non-ASCII byte.
    private let classes: UnsafeMutablePointer<UInt8>

    /// Opens the file at `path`. `displayName` is what locations show (default: `path`);
    /// a nil `dialect` is detected from the first line.
    public init(
        path: String, displayName: String? = nil, dialect: CSVDialect? = nil, hasHeader: Bool = false,
        options: Options = Options()
    ) throws(CSVError) {
        let name = displayName ?? path
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        if fd < 0 { throw CSVError.unreadable(name, reason: CSVReader.errorText(errno)) }
        try self.init(descriptor: fd, bytes: [], file: name, dialect: dialect, hasHeader: hasHeader, options: options)
    }

    /// Reads CSV from memory; `file` is the name used in locations.
    public init(
        bytes: [UInt8], file: String, dialect: CSVDialect? = nil, hasHeader: Bool = false,
        options: Options = Options()
    ) throws(CSVError) {
        try self.init(descriptor: -1, bytes: bytes, file: file, dialect: dialect, hasHeader: hasHeader, options: options)
    }

    /// Reads CSV from a string (its UTF-8 bytes); `file` is the name used in locations.
    public init(
        string: String, file: String, dialect: CSVDialect? = nil, hasHeader: Bool = false,
        options: Options = Options()
    ) throws(CSVError) {
        try self.init(bytes: Array(string.utf8), file: file, dialect: dialect, hasHeader: hasHeader, options: options)
    }

    private init(
        descriptor: Int32, bytes: [UInt8], file: String, dialect: CSVDialect?, hasHeader: Bool, options: Options
    ) throws(CSVError) {
        self.descriptor = descriptor
        self.bytesSource = bytes
        fileName = .allocate(capacity: 1)
        fileName.initialize(to: file)
        sheetName = .allocate(capacity: 1)
        sheetName.initialize(to: nil)
        self.options = options
        capacity = max(options.chunkSize * 2, FileFormat.prefixLength)
        buffer = .allocate(capacity: capacity)
        spans = .allocate(capacity: spanCapacity)
        classes = .allocate(capacity: 256)
        classes.initialize(repeating: 0, count: 256)
        if try openOtherFormat(file: file) {
            if hasHeader {
                guard let row = try readRecord() else { throw CSVError.emptyFile(file) }
                header = row
                headerLine = recordLine
            }
            return
        }
        try fillStart()
        // Exactly the detection window, never "whatever the chunks loaded": the dialect must not depend on the chunk size.
        let window = min(end - position, Self.detectionWindow(options))
        let chosen = dialect ?? CSVDialect.detect(headerLine: UnsafeBufferPointer(start: buffer + position, count: window))
        self.dialect = chosen
        for byte in [chosen.delimiter, CSVByte.quote, CSVByte.cr, CSVByte.lf] { classes[Int(byte)] |= 1 }
        for byte in [CSVByte.quote, CSVByte.cr, CSVByte.lf] { classes[Int(byte)] |= 2 }
        for byte in 0x80...0xFF { classes[byte] |= 4 }
        if hasHeader {
            guard let row = try readRecord() else { throw CSVError.emptyFile(file) }
            header = row
            headerLine = recordLine
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        fileName.deinitialize(count: 1)
        fileName.deallocate()
        sheetName.deinitialize(count: 1)
        sheetName.deallocate()
        buffer.deallocate()
        spans.deallocate()
        classes.deallocate()
    }

    /// Looks at the first bytes: a workbook is opened as a table, UTF-16 is set up to be turned
    /// into UTF-8, and the formats ChiSo does not read are refused with advice. True for a workbook.
    private mutating func openOtherFormat(file: String) throws(CSVError) -> Bool {
        while !atEOF && end < FileFormat.prefixLength { try fill() }
        let format = FileFormat.sniff(UnsafeBufferPointer(start: buffer, count: end))
        if let refusal = format.refusal { throw CSVError.notATable(refusal, file: file) }
        switch format {
        case .utf16(let bigEndian):
            // Turn what is loaded, then every later chunk, into UTF-8 (the BOM becomes EF BB BF and is stripped as usual).
            var transcoder = UTF16Transcoder(bigEndian: bigEndian)
            var out: [UInt8] = []
            transcoder.transcode(UnsafeBufferPointer(start: buffer, count: end), into: &out, final: atEOF)
            utf16 = transcoder
            transcoded = out
            transcodedOffset = 0
            end = 0
            if atEOF && !out.isEmpty { atEOF = false }
            notes.append("read as UTF-16 \(bigEndian ? "big" : "little")-endian text (Excel's \"Unicode Text\"); "
                + "CSV UTF-8 is the better export")
            return false
        case .zip:
            let source: ByteSource
            if descriptor >= 0 {
                var st = stat()
                if fstat(descriptor, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG {
                    let copy = dup(descriptor)
                    if copy < 0 { throw CSVError.unreadable(file, reason: CSVReader.errorText(errno)) }
                    source = ByteSource(descriptor: copy)
                } else {
                    // A pipe: the central directory is at the end, so the whole workbook is needed.
                    var all = Array(UnsafeBufferPointer(start: buffer, count: end))
                    while !atEOF { end = 0; try fill(); all.append(contentsOf: UnsafeBufferPointer(start: buffer, count: end)) }
                    source = ByteSource(bytes: all)
                }
            } else {
                source = ByteSource(bytes: bytesSource)
            }
            let table = try WorkbookTable(source: source, file: file, sheet: options.sheet)
            sheetName.pointee = table.sheetName
            notes += table.notes
            self.table = table
            return true
        default:
            return false
        }
    }

    /// Loads enough of the start to strip a BOM and to see the first physical line
    /// (up to 1 MiB of it) for delimiter detection.
    private mutating func fillStart() throws(CSVError) {
        while !atEOF && end < 3 { try fill() }
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            position = 3
        }
        while !atEOF && end - position < Self.detectionWindow(options) {
            let loaded = UnsafeBufferPointer(start: buffer + position, count: end - position)
            if loaded.contains(where: { $0 == CSVByte.lf || $0 == CSVByte.cr }) { break }
            try fill()
        }
    }

    /// How much of the first line delimiter detection looks at.
    private static func detectionWindow(_ options: Options) -> Int { min(options.recordSizeLimit, 1 << 20) }

    // MARK: - Reading records

    /// Calls `body` with every remaining record, in file order. Throws `CSVError` for broken
    /// input (the records before it have been handed over), and rethrows what `body` throws.
    /// A file with no record at all (not even a header) is an `emptyFile` error.
    public mutating func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
        while true {
            let count = try nextRecord()
            if count == 0 {
                if recordsRead == 0 { throw CSVError.emptyFile(file) }
                return
            }
            let record = CSVRecord(
                base: recordBase, spans: recordSpans, count: count, line: recordLine, file: fileName, sheet: sheetName)
            try body(record)
        }
    }

    /// Calls `body` with every remaining record, in file order; the same as the throwing form,
    /// for a body that cannot fail, so the only error is a typed `CSVError`.
    public mutating func forEachRecord(_ body: (borrowing CSVRecord) -> Void) throws(CSVError) {
        while true {
            let count = try nextRecord()
            if count == 0 {
                if recordsRead == 0 { throw CSVError.emptyFile(file) }
                return
            }
            let record = CSVRecord(
                base: recordBase, spans: recordSpans, count: count, line: recordLine, file: fileName, sheet: sheetName)
            body(record)
        }
    }

    /// The next record decoded into strings, or nil at the end of the file.
    /// Convenient for small files; `forEachRecord` allocates nothing per field.
    public mutating func readRecord() throws(CSVError) -> [String]? {
        let count = try nextRecord()
        if count == 0 { return nil }
        let record = CSVRecord(base: recordBase, spans: recordSpans, count: count, line: recordLine, file: fileName, sheet: sheetName)
        return record.strings
    }

    /// All remaining records decoded into strings, consuming the reader (so it also works on a
    /// temporary: `try CSVReader(string: text, file: "t.csv").readAll()`).
    /// Throws `emptyFile` for a file with no record.
    public consuming func readAll() throws(CSVError) -> [[String]] {
        var rows: [[String]] = []
        while let row = try readRecord() { rows.append(row) }
        if recordsRead == 0 { throw CSVError.emptyFile(file) }
        return rows
    }

    /// Parses the next record into `spans`; returns its field count, or 0 at the end of input.
    ///
    /// Every position where the parser decides something (a field or record over its limit, an
    /// invalid byte, a quote error) is a property of the input, never of where a chunk ends:
    /// a record cut by the end of the buffer is resumed at the start of its unfinished field
    /// once more bytes are loaded, and scans stop at the size limits themselves. So the outcome
    /// is the same for every chunk size (the tests check sizes 1 to 7).
    private mutating func nextRecord() throws(CSVError) -> Int {
        if let table {
            guard try table.next(file: file) else { return 0 }
            recordLine = table.line
            recordsRead &+= 1
            return table.count
        }
        let fieldLimit = options.fieldSizeLimit
        let recordLimit = options.recordSizeLimit
        let scanner = SpecialByteScanner(delimiter: dialect.delimiter)
        let delimiter = dialect.delimiter
        let classes = UnsafePointer(self.classes)
        outer: while true {
            let base = UnsafePointer(buffer)
            let end = self.end
            let eof = atEOF
            var p: Int
            var ln: Int
            var n: Int
            if inRecord {
                p = position &+ pendingOffset
                ln = pendingLine
                n = pendingFields
            } else {
                p = position
                ln = line
                // Blank lines are skipped; a CR as the last loaded byte needs the next byte
                // to tell CR from CRLF.
                while p < end {
                    let c = base[p]
                    if c == CSVByte.lf {
                        ln &+= 1
                        p &+= 1
                    } else if c == CSVByte.cr {
                        if p &+ 1 < end {
                            p &+= base[p &+ 1] == CSVByte.lf ? 2 : 1
                        } else if eof {
                            p &+= 1
                        } else {
                            break
                        }
                        ln &+= 1
                    } else {
                        break
                    }
                }
                position = p
                line = ln
                if p == end || base[p] == CSVByte.cr {
                    if eof { return 0 }
                    try fill()
                    continue outer
                }
                inRecord = true
                recordLine = ln
                pendingDoubledQuotes = false
                n = 0
            }
            let rs = position
            let recordLineHere = recordLine
            // A scan reaching this offset has seen more than `recordLimit` bytes of the record.
            let recordBound = rs &+ recordLimit &+ 1
            var spans = self.spans
            var spanCapacity = self.spanCapacity
            var lastFieldEnd = p
            // Whether any field of the record has "" to unescape (also those before a refill).
            var anyDoubledQuotes = pendingDoubledQuotes

            fields: while true {
                if n == spanCapacity {
                    growSpans()
                    spans = self.spans
                    spanCapacity = self.spanCapacity
                }
                if p >= recordBound { throw recordTooLarge(line: recordLineHere) }

                // Fast path for the common case: unquoted fields with clean UTF-8, ending well
                // inside the buffer and the limits. Anything else (a quote, the end of the loaded
                // bytes, a limit, a byte to check exactly) leaves to the general code below,
                // which starts over at the same field.
                if p < end && base[p] != CSVByte.quote {
                    let scanLimit = min(end, recordBound)
                    let lineDelta = UInt32(truncatingIfNeeded: ln &- recordLineHere)
                    while true {
                        var suspicious = false
                        let q = scanner.endOfUnquotedField(base, from: p, to: scanLimit, classes: classes, suspicious: &suspicious)
                        if q == scanLimit || suspicious || q &- p > fieldLimit { break }
                        let c = base[q]
                        let span = CSVFieldSpan(
                            start: UInt32(truncatingIfNeeded: p &- rs), end: UInt32(truncatingIfNeeded: q &- rs),
                            lineDelta: lineDelta, flags: 0)
                        if c == delimiter {
                            spans[n] = span
                            n &+= 1
                            p = q &+ 1
                            if n == spanCapacity {
                                growSpans()
                                spans = self.spans
                                spanCapacity = self.spanCapacity
                            }
                            if p >= scanLimit || base[p] == CSVByte.quote { continue fields }
                            continue
                        }
                        if c == CSVByte.quote || (c == CSVByte.cr && q &+ 1 == end) { break }
                        // The line end closes the record.
                        spans[n] = span
                        n &+= 1
                        lastFieldEnd = q
                        p = q &+ 1
                        ln &+= 1
                        if c == CSVByte.cr && base[p] == CSVByte.lf { p &+= 1 }
                        break fields
                    }
                }

                let fieldStart = p
                let fieldLine = ln
                var contentStart = p
                let contentEnd: Int
                var flags: UInt32 = 0

                if p < end && base[p] == CSVByte.quote {
                    p &+= 1
                    contentStart = p
                    flags = CSVFieldSpan.quoted
                    let fieldBound = contentStart &+ fieldLimit &+ 1
                    let bound = min(fieldBound, recordBound)
                    quoted: while true {
                        let runStart = p
                        var suspicious = false
                        p = scanner.endOfQuotedRun(base, from: p, to: min(end, bound), classes: classes, suspicious: &suspicious)
                        if p >= bound {
                            if suspicious { try validate(from: runStart, to: p, isFinal: false, line: ln, column: n &+ 1) }
                            throw fieldBound <= recordBound
                                ? fieldTooLarge(line: fieldLine, column: n &+ 1) : recordTooLarge(line: recordLineHere)
                        }
                        if p == end {
                            if !eof {
                                saveField(start: fieldStart, line: fieldLine, fields: n, doubledQuotes: anyDoubledQuotes)
                                try fill()
                                continue outer
                            }
                            if suspicious { try validate(from: runStart, to: p, isFinal: true, line: ln, column: n &+ 1) }
                            throw CSVError.unterminatedQuote(at: SourceLocation(file: file, line: fieldLine, column: n &+ 1))
                        }
                        if suspicious { try validate(from: runStart, to: p, isFinal: true, line: ln, column: n &+ 1) }
                        let c = base[p]
                        if c == CSVByte.quote {
                            if p &+ 1 == end && !eof {
                                saveField(start: fieldStart, line: fieldLine, fields: n, doubledQuotes: anyDoubledQuotes)
                                try fill()
                                continue outer
                            }
                            if p &+ 1 < end && base[p &+ 1] == CSVByte.quote {
                                flags |= CSVFieldSpan.hasDoubledQuotes
                                anyDoubledQuotes = true
                                p &+= 2
                                continue quoted
                            }
                            contentEnd = p
                            p &+= 1
                            break quoted
                        } else if c == CSVByte.lf {
                            ln &+= 1
                            p &+= 1
                        } else {
                            if p &+ 1 == end && !eof {
                                saveField(start: fieldStart, line: fieldLine, fields: n, doubledQuotes: anyDoubledQuotes)
                                try fill()
                                continue outer
                            }
                            ln &+= 1
                            p &+= p &+ 1 < end && base[p &+ 1] == CSVByte.lf ? 2 : 1
                        }
                    }
                    if p < end {
                        let c = base[p]
                        if c != delimiter && c != CSVByte.lf && c != CSVByte.cr {
                            throw CSVError.unexpectedAfterQuote(c, at: SourceLocation(file: file, line: ln, column: n &+ 1))
                        }
                    } else if !eof {
                        saveField(start: fieldStart, line: fieldLine, fields: n, doubledQuotes: anyDoubledQuotes)
                        try fill()
                        continue outer
                    }
                    lastFieldEnd = p
                } else {
                    let fieldBound = contentStart &+ fieldLimit &+ 1
                    let bound = min(fieldBound, recordBound)
                    var suspicious = false
                    p = scanner.endOfUnquotedField(base, from: p, to: min(end, bound), classes: classes, suspicious: &suspicious)
                    if p >= bound {
                        if suspicious { try validate(from: fieldStart, to: p, isFinal: false, line: ln, column: n &+ 1) }
                        throw fieldBound <= recordBound
                                ? fieldTooLarge(line: fieldLine, column: n &+ 1) : recordTooLarge(line: recordLineHere)
                    }
                    if p == end && !eof {
                        saveField(start: fieldStart, line: fieldLine, fields: n, doubledQuotes: anyDoubledQuotes)
                        try fill()
                        continue outer
                    }
                    if suspicious { try validate(from: fieldStart, to: p, isFinal: true, line: ln, column: n &+ 1) }
                    if p < end && base[p] == CSVByte.quote {
                        throw CSVError.quoteInUnquotedField(at: SourceLocation(file: file, line: ln, column: n &+ 1))
                    }
                    contentEnd = p
                    lastFieldEnd = p
                }

                spans[n] = CSVFieldSpan(
                    start: UInt32(truncatingIfNeeded: contentStart &- rs), end: UInt32(truncatingIfNeeded: contentEnd &- rs),
                    lineDelta: UInt32(truncatingIfNeeded: fieldLine &- recordLineHere), flags: flags)
                n &+= 1

                if p == end { break fields }  // end of file
                let c = base[p]
                if c == delimiter {
                    // After a delimiter at the very end of the file comes one more, empty field.
                    p &+= 1
                    continue fields
                }
                if c == CSVByte.lf {
                    ln &+= 1
                    p &+= 1
                    break fields
                }
                // CR: look at the next byte for CRLF; redo this field once it is loaded.
                if p &+ 1 == end && !eof {
                    saveField(start: fieldStart, line: fieldLine, fields: n &- 1, doubledQuotes: anyDoubledQuotes)
                    try fill()
                    continue outer
                }
                ln &+= 1
                p &+= p &+ 1 < end && base[p &+ 1] == CSVByte.lf ? 2 : 1
                break fields
            }

            // The record is complete.
            if lastFieldEnd &- rs > recordLimit { throw recordTooLarge(line: recordLineHere) }
            inRecord = false
            recordStart = rs
            position = p
            line = ln
            recordsRead &+= 1
            if anyDoubledQuotes {
                for i in 0..<n where spans[i].flags & CSVFieldSpan.hasDoubledQuotes != 0 {
                    unescape(field: i, recordStart: rs)
                }
            }
            return n
        }
    }

    /// Where the last record's bytes and field spans are: the buffer, or the workbook's row.
    private var recordBase: UnsafePointer<UInt8> { table.map { UnsafePointer($0.base) } ?? UnsafePointer(buffer + recordStart) }
    private var recordSpans: UnsafePointer<CSVFieldSpan> { table.map { UnsafePointer($0.spans) } ?? UnsafePointer(spans) }

    /// Remembers where the unfinished field of the current record starts, before `fill()`.
    private mutating func saveField(start fieldStart: Int, line fieldLine: Int, fields: Int, doubledQuotes: Bool) {
        pendingOffset = fieldStart &- position
        pendingLine = fieldLine
        pendingFields = fields
        pendingDoubledQuotes = doubledQuotes
    }

    /// Removes one quote of every doubled pair, in place; the field only shrinks.
    private mutating func unescape(field i: Int, recordStart rs: Int) {
        let s = spans[i]
        let buffer = self.buffer
        var read = rs + Int(s.start)
        let stop = rs + Int(s.end)
        // Nothing moves before the first quote.
        read = SpecialByteScanner.nextQuote(UnsafePointer(buffer), from: read, to: stop)
        var write = read
        while read < stop {
            // Here buffer[read] is the first quote of a pair: keep one, skip the other.
            buffer[write] = CSVByte.quote
            write &+= 1
            read &+= 2
            let next = SpecialByteScanner.nextQuote(UnsafePointer(buffer), from: read, to: stop)
            // Moving left by at least one byte: an overlapping forward copy is safe.
            (buffer + write).update(from: buffer + read, count: next &- read)
            write &+= next &- read
            read = next
        }
        spans[i].end = UInt32(truncatingIfNeeded: write - rs)
    }

    private mutating func growSpans() {
        let bigger = UnsafeMutablePointer<CSVFieldSpan>.allocate(capacity: spanCapacity * 2)
        bigger.moveInitialize(from: spans, count: spanCapacity)
        spans.deallocate()
        spans = bigger
        spanCapacity *= 2
    }

    // MARK: - Errors

    /// Checks `buffer[from..<to]`, a run of field bytes on one physical line, exactly; throws
    /// for the first invalid sequence. `isFinal` is false when the run was cut by a size limit
    /// (a character cut there is not an error).
    private func validate(from: Int, to: Int, isFinal: Bool, line: Int, column: Int) throws(CSVError) {
        guard case .invalid(let offset) = UTF8Validation.validate(buffer, from: from, to: to, isFinal: isFinal) else {
            return
        }
        let location = SourceLocation(file: file, line: line, column: column)
        if let encoding = LegacyEncodingDetector.detect(sample(around: bufferFileOffset + offset)) {
            throw CSVError.legacyEncoding(encoding, at: location)
        }
        throw CSVError.invalidUTF8(buffer[offset], at: location)
    }

    private func fieldTooLarge(line: Int, column: Int) -> CSVError {
        .fieldTooLarge(limit: options.fieldSizeLimit, at: SourceLocation(file: file, line: line, column: column))
    }

    private func recordTooLarge(line: Int) -> CSVError {
        .recordTooLarge(limit: options.recordSizeLimit, at: SourceLocation(file: file, line: line, column: 1))
    }

    /// Up to 64 KiB of the file from a little before `fileOffset`, read independently of the
    /// buffer so that the encoding verdict does not depend on the chunk size.
    private func sample(around fileOffset: Int) -> [UInt8] {
        let start = max(0, fileOffset - 4096)
        let length = 64 << 10
        if descriptor < 0 {
            return Array(bytesSource[start..<min(bytesSource.count, start + length)])
        }
        var bytes = [UInt8](repeating: 0, count: length)
        var filled = 0
        while filled < length {
            let n = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + filled, length - filled, off_t(start + filled))
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            filled += n
        }
        if filled == 0 {
            // Not seekable (a pipe): the loaded bytes will do.
            return Array(UnsafeBufferPointer(start: buffer, count: end))
        }
        return Array(bytes[..<filled])
    }

    private static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    // MARK: - Input

    /// Moves the unfinished record to the front, then appends one chunk (or sets `atEOF`).
    private mutating func fill() throws(CSVError) {
        if position > 0 {
            let keep = end - position
            if keep > 0 { buffer.update(from: buffer + position, count: keep) }
            end = keep
            bufferFileOffset += position
            position = 0
        }
        let want = options.chunkSize
        if capacity - end < want {
            let newCapacity = max(capacity * 2, end + want)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity = newCapacity
        }
        let count = try readInput(into: buffer + end, count: want)
        if count == 0 { atEOF = true }
        end += count
    }

    private mutating func readInput(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws(CSVError) -> Int {
        guard utf16 != nil else { return try readRaw(into: destination, count: count) }
        while transcodedOffset == transcoded.count {
            // UTF-16 → UTF-8 takes at most 3 bytes for 2.
            var raw = [UInt8](repeating: 0, count: max(2, count * 2 / 3))
            let n = try raw.withUnsafeMutableBufferPointer { (b) throws(CSVError) -> Int in try readRaw(into: b.baseAddress!, count: b.count) }
            transcoded.removeAll(keepingCapacity: true)
            transcodedOffset = 0
            raw.withUnsafeBufferPointer { utf16!.transcode(UnsafeBufferPointer(rebasing: $0[0..<n]), into: &transcoded, final: n == 0) }
            if n == 0 && transcoded.isEmpty { return 0 }
        }
        let n = min(count, transcoded.count - transcodedOffset)
        transcoded.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + transcodedOffset, count: n) }
        transcodedOffset += n
        return n
    }

    private mutating func readRaw(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws(CSVError) -> Int {
        if descriptor < 0 {
            let n = min(count, bytesSource.count - bytesOffset)
            if n > 0 {
                bytesSource.withUnsafeBufferPointer { source in
                    destination.update(from: source.baseAddress! + bytesOffset, count: n)
                }
                bytesOffset += n
            }
            return n
        }
        while true {
            let n = read(descriptor, destination, count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw CSVError.unreadable(file, reason: CSVReader.errorText(errno))
        }
    }
}
