import Foundation
import ChiSoCore
import ChiSoCSV

/// The dossier ids of a file, as (64-bit hash, line) pairs spilled to temporary files while the
/// rows go by, then searched for repeated hashes: an exact duplicate check whose memory does not
/// grow with the file (no id is held; each partition is read back alone).
///
/// Pairs go to `partitions` files by the hash's top bits, so that a partition's hashes fit a
/// 2 MiB table. The files are unlinked as soon as they are made: they disappear with the
/// process, whatever happens.
package final class IDHashSpill {
    private var descriptors: [Int32] = []
    private var buffers: [[UInt64]]
    private let shift: UInt64
    /// Where the files are made (the system's temporary folder, `TMPDIR`, by default).
    package let directory: String
    /// Writes bytes to a descriptor (`write(2)`; tests give one that fails like a full disk).
    package typealias Writer = (_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int
    private let writer: Writer
    /// The `errno` of the first write or read that failed: the check cannot be trusted after it.
    package private(set) var failure: Int32?
    /// Pairs buffered per partition before a write: 4 KiB, so that even 256 partitions stay small (1 MiB).
    private static let bufferPairs = 256
    /// Hashes per partition the table is sized for.
    package static let partitionTarget = 1 << 17

    /// A spill for about `expectedRows` rows, or nil when no temporary file can be made (the
    /// caller then checks by SQL).
    package init?(expectedRows: Int, directory: String = FileManager.default.temporaryDirectory.path,
                  writer: @escaping Writer = { fd, bytes, count in write(fd, bytes, count) }) {
        self.directory = directory
        self.writer = writer
        var bits = 0
        while (Self.partitionTarget << bits) < expectedRows && bits < 10 { bits += 1 }
        shift = UInt64(64 - bits)
        buffers = Array(repeating: [], count: 1 << bits)
        for _ in 0..<(1 << bits) {
            guard case .success(let fd) = SpillFile.make(in: directory, prefix: "chiso-ids") else { descriptors.forEach { close($0) }; return nil }
            descriptors.append(fd)
        }
        for i in buffers.indices { buffers[i].reserveCapacity(Self.bufferPairs * 2) }
    }

    deinit { descriptors.forEach { close($0) } }

    /// Closes the files now rather than at deinit (closing frees their pages in the page cache, tens
    /// of milliseconds for a national log's spill): nothing can be read from the spill after.
    package func discard() {
        descriptors.forEach { close($0) }
        descriptors = []
    }

    @inline(__always)
    package func append(hash: UInt64, line: Int) {
        let p = shift == 64 ? 0 : Int(hash >> shift)
        buffers[p].append(hash)
        buffers[p].append(UInt64(line))
        if buffers[p].count >= Self.bufferPairs * 2 { flush(p) }
    }

    /// Writes partition `p`'s buffer; a failure is kept (and reported by `repeatedHashes`), never skipped.
    private func flush(_ p: Int) {
        guard failure == nil else { buffers[p].removeAll(keepingCapacity: true); return }
        failure = buffers[p].withUnsafeBytes { SpillFile.writeAll(descriptors[p], $0, writer) }
        buffers[p].removeAll(keepingCapacity: true)
    }

    /// Calls `body` with every pair of partition `p`.
    private func forEach(_ p: Int, _ body: (_ hash: UInt64, _ line: Int) -> Void) throws(IngestError) {
        var chunk = [UInt64](repeating: 0, count: Self.bufferPairs * 2)
        var offset: off_t = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(descriptors[p], $0.baseAddress!, $0.count, offset) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw error(errno) }
            if n == 0 { break }
            // Pairs are 16 bytes; a read that ends inside one is read again from its start.
            let whole = n / 16 * 16
            guard whole > 0 else { throw error(EIO) }
            offset += off_t(whole)
            for i in stride(from: 0, to: whole / 8, by: 2) { body(chunk[i], Int(chunk[i + 1])) }
        }
    }

    private func error(_ code: Int32) -> IngestError {
        .unwritable(path: directory, what: "the temporary file of the duplicate check", reason: String(cString: strerror(code)),
                    advice: "free some space there, or set TMPDIR to a folder with room")
    }

    /// The lines of every hash seen more than once, each group in line order; an error when a
    /// write or read of the spill failed (the check would miss duplicates).
    package func repeatedHashes() throws(IngestError) -> [[Int]] {
        for p in buffers.indices { flush(p) }
        if let failure { throw error(failure) }
        var groups: [[Int]] = []
        for p in descriptors.indices {
            // Pass 1: which hashes repeat (open addressing on the hashes alone; 0 marks empty).
            var seen = IntegerSet(capacity: Self.partitionTarget)
            var repeated = Set<UInt64>()
            try forEach(p) { hash, _ in if !seen.insert(hash) { repeated.insert(hash) } }
            guard !repeated.isEmpty else { continue }
            // Pass 2: their lines.
            var lines: [UInt64: [Int]] = [:]
            try forEach(p) { hash, line in if repeated.contains(hash) { lines[hash, default: []].append(line) } }
            groups += lines.values.map { $0.sorted() }
        }
        return groups.sorted { $0[0] < $1[0] }
    }
}
