import ChiSoCore
import ChiSoCSV
import Crypto
import Foundation

/// Writes rejected rows as CSV: the file's header plus a `reject_reason` column holding the
/// diagnostic (`file:line:column: error: ...`), so a user can fix the rows and load them again.
package final class RejectWriter {
    package let path: String
    private let header: [String]
    private var handle: UnsafeMutablePointer<FILE>?
    /// A regular file was made (opened, possibly closed since): the one thing `discard` deletes
    /// (never a device such as /dev/null given as --reject-file).
    private var created = false
    private var buffer: [UInt8] = []
    private let writer = CSVWriter()
    package private(set) var count = 0

    package init(path: String, header: [String]) {
        self.path = path; self.header = header
    }

    package func write(fields: [String], reason: Diagnostic) throws(IngestError) {
        try write(fields: fields, reasons: [reason])
    }

    /// Writes a row with every problem found in it (joined by " | " in `reject_reason`).
    package func write(fields: [String], reasons: [Diagnostic]) throws(IngestError) {
        if handle == nil {
            guard let opened = fopen(path, "wb") else { throw failure(errno) }
            handle = opened
            var info = stat()
            created = fstat(fileno(opened), &info) == 0 && info.st_mode & S_IFMT == S_IFREG
            writer.append(record: header + ["reject_reason"], to: &buffer)
        }
        var row = fields
        // A ragged row keeps its own cells; the reason is always the last column.
        if row.count < header.count { row += Array(repeating: "", count: header.count - row.count) }
        writer.append(record: row + [reasons.map(\.description).joined(separator: " | ")], to: &buffer)
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
