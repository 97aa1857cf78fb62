import ChiSoCore

/// Writes RFC 4180 CSV that `CSVReader` (and spreadsheets) read back unchanged.
///
/// A field is quoted only when it must be: it contains the delimiter, a quote, CR or LF; it
/// starts with U+FEFF (which a reader would take for a byte order mark); or it is the only field
/// of its record and empty (an empty line would read as a blank line and be skipped).
/// Quotes inside are doubled. Text is written byte for byte (no normalization).
///
/// `neutralizeFormulas` makes files safe to open in a spreadsheet (CSV injection): a text cell
/// starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so a spreadsheet shows it as
/// text instead of running it. Plain numbers are left alone ("-3", "+7", "-0,5" stay numbers:
/// a spreadsheet reads them as numbers, not formulas). The change is one-way: turn it off for
/// files meant to be read back by a program.
public struct CSVWriter: Sendable, Equatable {
    public enum LineEnding: Sendable, Equatable {
        case lf
        case crlf
    }

    public var dialect: CSVDialect
    public var lineEnding: LineEnding
    public var neutralizeFormulas: Bool

    public init(dialect: CSVDialect = .comma, lineEnding: LineEnding = .lf, neutralizeFormulas: Bool = false) {
        self.dialect = dialect
        self.lineEnding = lineEnding
        self.neutralizeFormulas = neutralizeFormulas
    }

    /// Appends one record and its line end to `output`.
    /// A record with no fields is written as an empty line (which a reader skips).
    public func append(record fields: some Collection<String>, to output: inout [UInt8]) {
        let single = fields.count == 1
        var first = true
        for field in fields {
            if !first { output.append(dialect.delimiter) }
            first = false
            appendField(field, aloneInRecord: single, to: &output)
        }
        switch lineEnding {
        case .lf: output.append(CSVByte.lf)
        case .crlf: output.append(contentsOf: [CSVByte.cr, CSVByte.lf])
        }
    }

    /// Appends one record and its line end to `output`.
    public func append(record fields: some Collection<String>, to output: inout String) {
        var bytes: [UInt8] = []
        append(record: fields, to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    /// The CSV text of `rows`, each followed by a line end.
    public func bytes(for rows: some Sequence<some Collection<String>>) -> [UInt8] {
        var output: [UInt8] = []
        for row in rows { append(record: row, to: &output) }
        return output
    }

    /// The CSV text of `rows`, each followed by a line end.
    public func string(for rows: some Sequence<some Collection<String>>) -> String {
        String(decoding: bytes(for: rows), as: UTF8.self)
    }

    /// Whether `text` is a plain number that `neutralizeFormulas` leaves alone: an optional sign,
    /// digits, and at most one `.` or `,` followed by digits.
    public static func isPlainNumber(_ text: String) -> Bool {
        var utf8 = text.utf8[...]
        if let sign = utf8.first, sign == 0x2B || sign == 0x2D { utf8 = utf8.dropFirst() }
        var digitsBefore = 0
        while let b = utf8.first, b &- 0x30 <= 9 {
            digitsBefore += 1
            utf8 = utf8.dropFirst()
        }
        guard digitsBefore > 0 else { return false }
        if let separator = utf8.first, separator == 0x2E || separator == 0x2C {
            utf8 = utf8.dropFirst()
            var digitsAfter = 0
            while let b = utf8.first, b &- 0x30 <= 9 {
                digitsAfter += 1
                utf8 = utf8.dropFirst()
            }
            guard digitsAfter > 0 else { return false }
        }
        return utf8.isEmpty
    }

    private func appendField(_ field: String, aloneInRecord: Bool, to output: inout [UInt8]) {
        var text = field
        if neutralizeFormulas, let first = text.utf8.first,
            first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == CSVByte.tab
                || first == CSVByte.cr,
            !Self.isPlainNumber(text)
        {
            text = "'" + text
        }
        let utf8 = text.utf8
        let delimiter = dialect.delimiter
        var needsQuotes = (aloneInRecord && utf8.isEmpty) || utf8.starts(with: [0xEF, 0xBB, 0xBF])
        if !needsQuotes {
            needsQuotes = utf8.contains { $0 == delimiter || $0 == CSVByte.quote || $0 == CSVByte.cr || $0 == CSVByte.lf }
        }
        guard needsQuotes else {
            output.append(contentsOf: utf8)
            return
        }
        output.append(CSVByte.quote)
        for byte in utf8 {
            output.append(byte)
            if byte == CSVByte.quote { output.append(CSVByte.quote) }
        }
        output.append(CSVByte.quote)
    }
}
