import ChiSoCore

/// A problem that stops reading a CSV file: broken quoting, a wrong text encoding, an empty
/// file, a field too large to be real data.
///
/// Ragged rows are *not* a `CSVError`: the reader hands every record over with its field
/// count and the ingest layer decides what a valid row looks like.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the problem is; for an unterminated quote, where the quote opened.
    public var location: SourceLocation
    public var kind: Kind
    /// What is wrong and what to do about it, without the location prefix.
    public var message: String

    public enum Kind: Equatable, Sendable {
        /// A quoted field whose closing quote never comes before the end of the file.
        case unterminatedQuotedField
        /// A `"` in the middle of a field that does not start with a quote (`ab"c`).
        case quoteInUnquotedField
        /// Something other than a delimiter or line end right after a closing quote (`"ab"c`).
        case unexpectedCharacterAfterQuote(UInt8)
        /// A byte sequence that is not UTF-8 and does not look like a known legacy encoding.
        case invalidUTF8(UInt8)
        /// The file is not UTF-8 but its bytes look like a Vietnamese legacy encoding.
        case legacyEncoding(LegacyVietnameseEncoding)
        /// No records at all: zero bytes, only a byte order mark, or only blank lines.
        case emptyFile
        /// One field is larger than the configured limit (in bytes).
        case fieldTooLarge(limit: Int)
        /// One record (row) is larger than the configured limit (in bytes).
        case recordTooLarge(limit: Int)
        /// The file could not be opened or read.
        case unreadable(reason: String)
        /// A workbook that cannot be read: damaged, encrypted, no such sheet.
        case workbook
        /// A file of another kind than CSV or .xlsx (a legacy .xls, an .ods, a PDF): the message says how to save it.
        case notATable
    }

    public init(location: SourceLocation, kind: Kind, message: String) {
        self.location = location
        self.kind = kind
        self.message = message
    }

    /// The diagnostic line: `file:line:column: error: [ingest] message` (the Ingest layer's category).
    public var description: String { "\(location): error: [ingest] \(message)" }
}

/// A pre-Unicode Vietnamese encoding that CSV files exported from old Windows tools still use.
public enum LegacyVietnameseEncoding: String, Equatable, Sendable {
    /// Windows-1258: base letters in 0xC0-0xFF plus combining tone bytes (0xCC, 0xEC, 0xD2, 0xDE, 0xF2).
    case windows1258
    /// TCVN 5712:1993 "VN3" (TCVN3, ABC fonts such as `.VnTime`): precomposed lower-case letters.
    case tcvn3

    /// The name `iconv` knows the encoding by.
    public var iconvName: String {
        switch self {
        case .windows1258: "CP1258"
        case .tcvn3: "TCVN5712-1"
        }
    }

    /// A human name for messages.
    public var displayName: String {
        switch self {
        case .windows1258: "Windows-1258 (CP1258)"
        case .tcvn3: "TCVN3 (TCVN 5712:1993)"
        }
    }
}

extension CSVError {
    package static func unterminatedQuote(at location: SourceLocation) -> CSVError {
        CSVError(
            location: location, kind: .unterminatedQuotedField,
            message: "quoted field opened here is never closed; add the closing \" "
                + "(a quote inside a quoted field is written twice: \"\")")
    }

    package static func quoteInUnquotedField(at location: SourceLocation) -> CSVError {
        CSVError(
            location: location, kind: .quoteInUnquotedField,
            message: "a \" appears inside a field that does not start with a quote; "
                + "put the whole field in quotes and write the inner quote twice, "
                + "e.g. \"Công ty \"\"ABC\"\"\"")
    }

    package static func unexpectedAfterQuote(_ byte: UInt8, at location: SourceLocation) -> CSVError {
        CSVError(
            location: location, kind: .unexpectedCharacterAfterQuote(byte),
            message: "unexpected \(describe(byte)) after the closing quote; a quoted field must "
                + "end at a delimiter or the end of the line: put the whole field in quotes and "
                + "write inner quotes twice (\"\")")
    }

    package static func invalidUTF8(_ byte: UInt8, at location: SourceLocation) -> CSVError {
        CSVError(
            location: location, kind: .invalidUTF8(byte),
            message: "byte \(hex(byte)) is not valid UTF-8; save the file as UTF-8 or convert it "
                + "with iconv -f <ENCODING> -t UTF-8 in.csv > out.csv")
    }

    package static func legacyEncoding(_ encoding: LegacyVietnameseEncoding, at location: SourceLocation) -> CSVError {
        let input = location.file
        let output = utf8Name(for: input)
        return CSVError(
            location: location, kind: .legacyEncoding(encoding),
            message: "file is not UTF-8; it looks like Vietnamese text in \(encoding.displayName); "
                + "convert it with: iconv -f \(encoding.iconvName) -t UTF-8 \(shellQuoted(input)) "
                + "> \(shellQuoted(output))")
    }

    package static func emptyFile(_ file: String) -> CSVError {
        CSVError(
            location: SourceLocation(file: file, line: 1, column: 1), kind: .emptyFile,
            message: "file is empty (no header and no rows); check the path or export the data again")
    }

    package static func fieldTooLarge(limit: Int, at location: SourceLocation) -> CSVError {
        CSVError(
            location: location, kind: .fieldTooLarge(limit: limit),
            message: "field is larger than \(byteCount(limit)); this usually means a quote is "
                + "missing earlier in the file; if the field is real, raise the limit "
                + "(CSVReader.Options.fieldSizeLimit)")
    }

    package static func recordTooLarge(limit: Int, at location: SourceLocation) -> CSVError {
        CSVError(
            location: location, kind: .recordTooLarge(limit: limit),
            message: "row is larger than \(byteCount(limit)); check the line endings and quotes; "
                + "if the row is real, raise the limit (CSVReader.Options.recordSizeLimit)")
    }

    package static func unreadable(_ file: String, reason: String) -> CSVError {
        CSVError(
            location: SourceLocation(file: file, line: 1, column: 1), kind: .unreadable(reason: reason),
            message: "cannot read the file: \(reason); check the path and its permissions")
    }

    package static func workbook(_ message: String, at location: SourceLocation) -> CSVError {
        CSVError(location: location, kind: .workbook, message: message)
    }

    package static func notATable(_ message: String, file: String) -> CSVError {
        CSVError(location: SourceLocation(file: file, line: 1, column: 1), kind: .notATable, message: message)
    }

    package static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    package static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "character '\(Character(Unicode.Scalar(byte)))'" }
        if byte == 0x20 { return "space" }
        return "byte \(hex(byte))"
    }

    package static func byteCount(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    package static func utf8Name(for file: String) -> String {
        let slash = file.lastIndex(of: "/")
        let dot = file.lastIndex(of: ".")
        if let dot, slash.map({ $0 < dot }) ?? true, dot != file.startIndex {
            return String(file[..<dot]) + "-utf8" + String(file[dot...])
        }
        return file + "-utf8"
    }

    package static func shellQuoted(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
                || b == 0x2D || b == 0x2E || b == 0x2F || b == 0x5F || b >= 0x80
        }
        if plain && !text.isEmpty { return text }
        return "'" + text.replacingAll("'", with: "'\\''") + "'"
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
