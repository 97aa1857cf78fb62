import ChiSoCore
import ChiSoCSV
import Crypto
import Foundation

/// What the user told `chiso ingest` about an administrative-procedure file.
public struct AdminIngestOptions: Sendable, Equatable, Codable {
    /// `nil`: the whole file loads or nothing does. `n`: good rows load, up to `n` bad rows are
    /// written to the reject file; more than `n` and nothing loads.
    public var maxErrors: Int?
    /// Where rejected rows go (default: `<file name>.rejects.csv` in the current folder).
    public var rejectFile: String?
    /// `FIELD=HEADER` mappings (`--column`), as for rankings files; nil when none were given.
    public var columns: [String: String]?
    /// For a workbook: the sheet to read (name or 1-based number); nil reads the first sheet with a table.
    public var sheet: String?
    /// How dates written with slashes read (`20/04/2024`): nil until told from the file (`DateOrderDetector`) or given.
    public var dateOrder: DateOrder?

    public init(maxErrors: Int? = nil, rejectFile: String? = nil, columns: [String: String]? = nil, sheet: String? = nil, dateOrder: DateOrder? = nil) {
        self.maxErrors = maxErrors; self.rejectFile = rejectFile; self.columns = columns; self.sheet = sheet; self.dateOrder = dateOrder
    }

    /// How the reader opens the file (the sheet of a workbook).
    package var readerOptions: CSVReader.Options { CSVReader.Options(sheet: sheet) }

    /// The reject file for `file`: the one given, or `<base name without .csv>.rejects.csv`.
    public func rejectPath(for file: String) -> String {
        if let rejectFile { return rejectFile }
        var base = URL(fileURLWithPath: file).lastPathComponent
        if base.lowercased().hasSuffix(".csv") { base.removeLast(4) } else if base.lowercased().hasSuffix(".xlsx") { base.removeLast(5) }
        return base + ".rejects.csv"
    }
}

/// Progress of a long ingest, for a terminal display.
public struct IngestProgress: Sendable, Equatable {
    public var rows: Int
    /// Bytes of the file read so far (approximate: line ends and quotes are estimated).
    public var bytes: Int
    public var totalBytes: Int
}

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
        writer.append(record: row + [reason.description], to: &buffer)
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

/// SHA-256 of a file, read in chunks (the identity of a source, without holding the file).
package enum FileDigest {
    package static func sha256(path: String) throws(IngestError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var hasher = SHA256()
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer, size)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: n))
        }
        return hasher.finalize().map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }

    /// Computes the digest on its own thread; the result (or the error text) arrives in the handoff.
    package static func start(path: String) -> Handoff<Result<String, IngestError>> {
        let handoff = Handoff<Result<String, IngestError>>()
        let thread = Thread {
            handoff.set(Result { () throws(IngestError) -> String in try sha256(path: path) })
        }
        thread.name = "chiso-sha256"
        thread.start()
        return handoff
    }
}

/// Looks up the province of a code or name on a day, caching what it found.
package struct ProvinceLookup {
    package let registry: ProvinceRegistry
    /// Provinces seen, by dense index.
    package private(set) var provinces: [Province] = []
    private var indexByID: [String: Int32] = [:]
    private var validity: [(from: Int, to: Int)] = []
    /// Province indexes by the text written (a code or a name).
    private var byText = ByteInterner(capacity: 256)
    private var textCandidates: [[Int32]] = []

    package init(registry: ProvinceRegistry) { self.registry = registry }

    package func province(_ index: Int32) -> Province { provinces[Int(index)] }

    package mutating func index(of province: Province) -> Int32 {
        if let i = indexByID[province.id] { return i }
        let i = Int32(provinces.count)
        provinces.append(province)
        indexByID[province.id] = i
        validity.append((province.validFrom.map(DayNumber.from) ?? Int.min, province.validTo.map(DayNumber.from) ?? Int.max))
        return i
    }

    /// The province the text denotes on `day` (a day number).
    @inline(__always)
    package mutating func resolve(_ text: UnsafeRawBufferPointer, day: Int) -> Result<Int32, ProvinceLookupError> {
        if let slot = byText.find(text) {
            for candidate in textCandidates[Int(slot)] where validity[Int(candidate)].from <= day && day <= validity[Int(candidate)].to {
                return .success(candidate)
            }
        }
        return slowResolve(String(decoding: text, as: UTF8.self), day: day)
    }

    private mutating func slowResolve(_ text: String, day: Int) -> Result<Int32, ProvinceLookupError> {
        do {
            let province = try registry.resolve(text, on: DayNumber.day(day))
            let index = index(of: province)
            let (slot, isNew) = byText.intern(text)
            if isNew { textCandidates.append([]) }
            if !textCandidates[Int(slot)].contains(index) { textCandidates[Int(slot)].append(index) }
            return .success(index)
        } catch {
            return .failure(error)
        }
    }
}
