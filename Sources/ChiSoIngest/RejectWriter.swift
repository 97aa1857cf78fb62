import ChiSoCore
import ChiSoCSV
import Crypto
import Foundation

/// Writes rejected rows as CSV: the file's header plus a `reject_reason` column holding the
/// diagnostic (`file:line:column: error: ...`), so a user can fix the rows and load them again.
/// The rows are written as the input wrote them: its delimiter, its line ending, its BOM, and the
/// cells it quoted in quotes (a workbook's rows become CSV UTF-8 with a BOM, as Excel saves it).
package final class RejectWriter {
    /// How the input file writes its text.
    package struct Format: Sendable, Equatable {
        package var delimiter: UInt8 = CSVByte.comma
        package var crlf = false
        package var bom = false

        package init(delimiter: UInt8 = CSVByte.comma, crlf: Bool = false, bom: Bool = false) {
            self.delimiter = delimiter; self.crlf = crlf; self.bom = bom
        }

        /// The format of the file at `path`, read with `delimiter`: a BOM (UTF-8 or UTF-16) and CRLF line ends
        /// are kept; a workbook's rejects are CSV UTF-8 with a BOM and CRLF, as Excel saves CSV.
        package static func of(path: String, delimiter: UInt8) -> Format {
            guard let handle = FileHandle(forReadingAtPath: path) else { return Format(delimiter: delimiter) }
            defer { try? handle.close() }
            let start = [UInt8]((try? handle.read(upToCount: 1 << 16)) ?? Data())
            if start.starts(with: [0x50, 0x4B]) { return Format(delimiter: CSVByte.comma, crlf: true, bom: true) }
            let bom = start.starts(with: [0xEF, 0xBB, 0xBF]) || start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF])
            let utf16 = start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF])
            // CR before the first LF: "\r\n" in UTF-8, "\r\0\n\0" or "\0\r\0\n" in UTF-16.
            var crlf = false
            if let lf = start.firstIndex(of: CSVByte.lf) {
                crlf = (lf >= 1 && start[lf - 1] == CSVByte.cr) || (utf16 && lf >= 2 && start[lf - 2] == CSVByte.cr)
            }
            return Format(delimiter: delimiter, crlf: crlf, bom: bom)
        }
    }

    package let path: String
    private let header: [String]
    private let format: Format
    private var handle: UnsafeMutablePointer<FILE>?
    /// A regular file was made (opened, possibly closed since): the one thing `discard` deletes
    /// (never a device such as /dev/null given as --reject-file).
    private var created = false
    private var buffer: [UInt8] = []
    package private(set) var count = 0

    package init(path: String, header: [String], format: Format = Format()) {
        self.path = path; self.header = header; self.format = format
    }

    /// Appends one record: a cell in quotes when the input quoted it, or when it must be.
    private func append(_ fields: [String], quoted: [Bool]?) {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(format.delimiter) }
            let bytes = Array(field.utf8)
            let must = bytes.contains { $0 == format.delimiter || $0 == CSVByte.quote || $0 == CSVByte.cr || $0 == CSVByte.lf }
            if must || (quoted.map { i < $0.count && $0[i] } ?? false) {
                buffer.append(CSVByte.quote)
                for b in bytes { buffer.append(b); if b == CSVByte.quote { buffer.append(b) } }
                buffer.append(CSVByte.quote)
            } else {
                buffer.append(contentsOf: bytes)
            }
        }
        if format.crlf { buffer.append(CSVByte.cr) }
        buffer.append(CSVByte.lf)
    }

    package func write(fields: [String], reason: Diagnostic) throws(IngestError) {
        try write(fields: fields, reasons: [reason])
    }

    /// Writes a row with every problem found in it (joined by " | " in `reject_reason`); `quoted`: which
    /// cells the input wrote in quotes.
    package func write(fields: [String], quoted: [Bool]? = nil, reasons: [Diagnostic]) throws(IngestError) {
        if handle == nil {
            guard let opened = fopen(path, "wb") else { throw failure(errno) }
            handle = opened
            var info = stat()
            created = fstat(fileno(opened), &info) == 0 && info.st_mode & S_IFMT == S_IFREG
            if format.bom { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
            append(header + ["reject_reason"], quoted: nil)
        }
        var row = fields
        // A ragged row keeps its own cells; the reason is always the last column.
        if row.count < header.count { row += Array(repeating: "", count: header.count - row.count) }
        append(row + [reasons.map(\.description).joined(separator: " | ")], quoted: quoted)
        count += 1
        if buffer.count > 1 << 16 { try flush() }
    }

    /// The error for a failed write (a full disk, a file that cannot be made).
    private func failure(_ code: Int32) -> IngestError {
        .unwritable(path: path, what: "the reject file", reason: String(cString: strerror(code)),
                    advice: "free some space or choose another --reject-file")
    }

    /// Writes the buffered rows; a short write (a full disk) is an error, never a truncated file.
    private func flush() throws(IngestError) {
        guard let handle, !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        guard written == buffer.count else { throw failure(ferror(handle) != 0 ? errno : EIO) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Finishes the file (if any row was written): every byte on disk, or an error (the caller then
    /// refuses the load and deletes the file).
    package func close() throws(IngestError) {
        guard let handle else { return }
        do { try flush() } catch {
            discard()
            throw error
        }
        self.handle = nil
        // fflush and fclose report what the buffered writes could not store.
        var code: Int32 = 0
        if fflush(handle) != 0 { code = errno }
        if fclose(handle) != 0 && code == 0 { code = errno }
        if code != 0 {
            discard()
            throw failure(code)
        }
    }

    /// Closes and deletes the file: used when the load fails as a whole (also after `close`, when
    /// the commit that followed failed).
    package func discard() {
        if let handle { fclose(handle) }
        if created { unlink(path) }
        handle = nil
        created = false
        buffer.removeAll()
        count = 0
    }
}
