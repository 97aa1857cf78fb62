/// What a file is, from its first bytes: text (CSV), UTF-16 text, an .xlsx workbook, or a kind
/// ChiSo refuses with advice (a legacy .xls, an .ods, a PDF, a web page saved with an Excel name).
package enum FileFormat: Equatable {
    case text
    /// UTF-16 with a byte order mark: what Excel's "Unicode Text" writes (little-endian, tab-separated).
    case utf16(bigEndian: Bool)
    /// A ZIP package: an Office Open XML workbook, unless its parts say otherwise.
    case zip
    /// OpenDocument (LibreOffice): a ZIP whose first entry is `mimetype`.
    case openDocument
    /// An OLE compound file (`D0 CF 11 E0`): Excel 97–2003, or an encrypted .xlsx.
    case legacyExcel
    case pdf
    /// An HTML table, as some portals export under an `.xls` name.
    case html

    /// Bytes enough to tell: 64.
    package static let prefixLength = 64

    package static func sniff(_ b: UnsafeBufferPointer<UInt8>) -> FileFormat {
        func starts(_ s: [UInt8], at offset: Int = 0) -> Bool {
            guard b.count >= offset + s.count else { return false }
            for i in 0..<s.count where b[offset + i] != s[i] { return false }
            return true
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            return starts(Array("mimetype".utf8), at: 30) ? .openDocument : .zip
        }
        if starts([0x50, 0x4B, 0x05, 0x06]) { return .zip }  // an empty archive
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyExcel }
        if starts([0xFF, 0xFE]) { return .utf16(bigEndian: false) }
        if starts([0xFE, 0xFF]) { return .utf16(bigEndian: true) }
        if starts(Array("%PDF".utf8)) { return .pdf }
        // "<html", "<!DOCTYPE html", "<table", after a UTF-8 BOM or spaces.
        var i = starts([0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < b.count && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D) { i += 1 }
        let lower = b[i...].prefix(16).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for tag in ["<html", "<!doctype html", "<table", "<meta"] where lower.starts(with: Array(tag.utf8)) { return .html }
        return .text
    }

    /// The refusal for a format ChiSo does not read, with what to do.
    package var refusal: String? {
        switch self {
        case .legacyExcel:
            "this is an Excel 97–2003 workbook: save it as .xlsx or CSV UTF-8 (File › Save As in Excel or LibreOffice; "
                + "a password-protected workbook is stored the same way: remove the password first)"
        case .openDocument:
            "this is an OpenDocument spreadsheet (ODS): save it as .xlsx or CSV UTF-8 (File › Save As in LibreOffice)"
        case .pdf:
            "this is a PDF, not a table: get the table as .xlsx or CSV UTF-8 from whoever published it"
        case .html:
            "this is a web page (HTML), as some portals export under an Excel name: open it in Excel and save it as .xlsx or CSV UTF-8"
        case .text, .utf16, .zip:
            nil
        }
    }
}

/// Turns UTF-16 into UTF-8 as the bytes arrive (the pieces may split a character anywhere).
package struct UTF16Transcoder {
    package let bigEndian: Bool
    /// An odd byte, or a high surrogate waiting for its low half.
    private var pendingByte: UInt8?
    private var pendingHigh: UInt16?

    package init(bigEndian: Bool) { self.bigEndian = bigEndian }

    /// Appends the UTF-8 of `input` to `output`; at `final`, a lone half character becomes U+FFFD.
    package mutating func transcode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], final: Bool) {
        var i = 0
        func unit(_ a: UInt8, _ b: UInt8) -> UInt16 { bigEndian ? UInt16(a) << 8 | UInt16(b) : UInt16(b) << 8 | UInt16(a) }
        func emit(_ scalar: UInt32) {
            if scalar < 0x80 {
                output.append(UInt8(scalar))
            } else if scalar < 0x800 {
                output.append(UInt8(0xC0 | scalar >> 6)); output.append(UInt8(0x80 | scalar & 0x3F))
            } else if scalar < 0x10000 {
                output.append(UInt8(0xE0 | scalar >> 12)); output.append(UInt8(0x80 | scalar >> 6 & 0x3F)); output.append(UInt8(0x80 | scalar & 0x3F))
            } else {
                output.append(UInt8(0xF0 | scalar >> 18)); output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
                output.append(UInt8(0x80 | scalar >> 6 & 0x3F)); output.append(UInt8(0x80 | scalar & 0x3F))
            }
        }
        func take(_ u: UInt16) {
            if let high = pendingHigh {
                pendingHigh = nil
                if u >= 0xDC00 && u <= 0xDFFF {
                    emit(0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(u - 0xDC00))
                    return
                }
                emit(0xFFFD)
            }
            if u >= 0xD800 && u <= 0xDBFF { pendingHigh = u } else if u >= 0xDC00 && u <= 0xDFFF { emit(0xFFFD) } else { emit(UInt32(u)) }
        }
        if let first = pendingByte, input.count > 0 {
            pendingByte = nil
            take(unit(first, input[0]))
            i = 1
        }
        while i + 1 < input.count {
            take(unit(input[i], input[i + 1]))
            i += 2
        }
        if i < input.count { pendingByte = input[i] }
        if final {
            if pendingHigh != nil || pendingByte != nil { emit(0xFFFD) }
            pendingHigh = nil
            pendingByte = nil
        }
    }
}
