import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Rollup cells written out of memory: when a dossier log has more distinct cells (thousands of
/// procedures × fields × years per province, units by the thousand) than `DossierRollupCells.cap`, the
/// cells counted so far go to temporary files and counting starts again with an empty table. At
/// the end each file is read back alone and its cells summed (`forEachGroup`); a file of more than
/// `groupCells` cells is first split in parts by further bits of the same hash. Memory is bounded by
/// the cap and `groupCells`, not by the data's cardinality.
///
/// Cells go to `partitions` files by a hash of their key, so a key's partial counts all meet in
/// one file (and in one part of it). The files are unlinked as soon as they are made (they vanish with the process). A
/// failed write or read is kept and reported when the cells are read: never a cell silently lost.
package final class RollupCellSpill {
    /// A cell on disk: its key (two 32-bit halves), then the cell's `width` values.
    package let recordWords: Int
    /// The values of one cell.
    package var width: Int { recordWords - 2 }
    package static let partitions = 64
    /// Words buffered per partition before a write (13 KiB: 64 partitions cost under 1 MiB).
    private static let bufferWords = 256 * 13
    private var descriptors: [Int32] = []
    // Unchecked: `append` runs for every cell spilled (millions in a national log), and the dynamic
    // exclusivity check of a class's stored property cost a tenth of it; one thread uses a spill at a time.
    @exclusivity(unchecked) private var buffers: [[Int32]]
    package let directory: String
    private let writer: IDHashSpill.Writer
    /// The `errno` of the first failure.
    @exclusivity(unchecked) package private(set) var failure: Int32?
    /// Cells written, for the phase log.
    @exclusivity(unchecked) package private(set) var written = 0
    /// Cells written to each partition.
    @exclusivity(unchecked) private var counts: [Int]
    /// 0 for the spill of a load; 1, 2, … for the spill a too-large partition of the level above is split
    /// into (by the next six bits of the same hash).
    private let level: Int
    /// Partitions: `partitions` at level 0; below, as few as make each part small enough (a power of
    /// two): every part adds rows to the store, whose packed procedure rows hold one part's cells.
    private let fanout: Int
    /// The most cells `forEachGroup` hands over at once: about 5 MiB of merge table (64 partitions of it
    /// held 206,000 cells each, 20 MiB, on a 10M-row high-cardinality log).
    package static let groupCells = 1 << 16

    /// `width`: the values of one cell (`DossierRollupCells.stride`, `ServiceCells.spillWidth`).
    package convenience init(width: Int = DossierRollupCells.stride, directory: String = FileManager.default.temporaryDirectory.path,
                 writer: @escaping IDHashSpill.Writer = { fd, bytes, count in write(fd, bytes, count) }) {
        self.init(width: width, directory: directory, writer: writer, level: 0, fanout: Self.partitions)
    }

    private init(width: Int, directory: String, writer: @escaping IDHashSpill.Writer, level: Int, fanout: Int) {
        recordWords = 2 + width
        self.directory = directory
        self.writer = writer
        self.level = level
        self.fanout = fanout
        counts = Array(repeating: 0, count: fanout)
        buffers = Array(repeating: [], count: fanout)
        for _ in 0..<fanout {
            switch SpillFile.make(in: directory, prefix: "chiso-cells") {
            case .success(let fd): descriptors.append(fd)
            case .failure(let error): failure = error.code
            }
            if failure != nil { break }
        }
    }

    deinit { descriptors.forEach { close($0) } }

    /// Closes the files now rather than at deinit (closing frees their pages in the page cache, tens
    /// of milliseconds for a national log's spill): nothing can be read from the spill after.
    package func discard() {
        descriptors.forEach { close($0) }
        descriptors = []
    }

    /// The partition of a key at level 0.
    @inline(__always)
    package static func partition(_ key: UInt64) -> Int { Int(truncatingIfNeeded: ByteHash.mix(key) >> 58) }

    /// The partition of a key in this spill: six bits of its hash, the top ones at level 0, the next
    /// six below (as many of them as `fanout` needs).
    @inline(__always)
    private func partition(_ key: UInt64) -> Int { Int(truncatingIfNeeded: ByteHash.mix(key) >> (58 - 6 * level)) & (fanout - 1) }

    /// Adds one cell (`values`: the cell's `width` values), to the partition of `partitionKey`
    /// (default: of the key itself).
    package func append(key: UInt64, partitionKey: UInt64? = nil, _ values: UnsafeBufferPointer<Int32>) {
        let p = partition(partitionKey ?? key)
        counts[p] &+= 1
        buffers[p].append(Int32(truncatingIfNeeded: key))
        buffers[p].append(Int32(truncatingIfNeeded: key >> 32))
        buffers[p].append(contentsOf: values)
        written &+= 1
        if buffers[p].count + recordWords > Self.bufferWords { flush(p) }
    }

    private func flush(_ p: Int) {
        defer { buffers[p].removeAll(keepingCapacity: true) }
        guard failure == nil, p < descriptors.count else { return }
        failure = buffers[p].withUnsafeBytes { SpillFile.writeAll(descriptors[p], $0, writer) }
    }

    /// Writes what is buffered; then `forEach` reads every cell back.
    package func finish() throws(IngestError) {
        for p in buffers.indices { flush(p) }
        if let failure { throw error(failure) }
    }

    /// Calls `body` with every cell written to partition `p`.
    package func forEach(partition p: Int, _ body: (_ key: UInt64, _ values: UnsafeBufferPointer<Int32>) -> Void) throws(IngestError) {
        let words = recordWords
        var chunk = [Int32](repeating: 0, count: max(1, Self.bufferWords / words) * words)
        var offset: off_t = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(descriptors[p], $0.baseAddress!, $0.count, offset) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw error(errno) }
            if n == 0 { break }
            let records = n / (words * 4)
            guard records > 0 else { throw error(EIO) }
            offset += off_t(records * words * 4)
            chunk.withUnsafeBufferPointer { c in
                for r in 0..<records {
                    let base = r * words
                    let key = UInt64(UInt32(bitPattern: c[base])) | UInt64(UInt32(bitPattern: c[base + 1])) << 32
                    body(key, UnsafeBufferPointer(rebasing: c[(base + 2)..<(base + words)]))
                }
            }
        }
    }

    /// Calls `body` with the cells of partition `p` in groups of at most `limit` cells: the whole
    /// partition when it holds no more, else split (into a spill of the next level, and again if
    /// needed) so that merging a group holds a bounded number of cells in memory whatever the log's
    /// cardinality. `body` gets a function that reads the group's cells and the test of whether a cell
    /// (by its partition key) belongs to the group, for the cells still in memory. Every group of the
    /// partition is handed over, empty ones included (cells in memory may belong to them).
    package func forEachGroup(partition p: Int, limit: Int = groupCells, partitionKey: (UInt64) -> UInt64,
                              _ body: (_ read: ((_ key: UInt64, _ values: UnsafeBufferPointer<Int32>) -> Void) throws(IngestError) -> Void,
                                       _ holds: (_ partitionKey: UInt64) -> Bool) throws -> Void) throws {
        try forEachGroup(partition: p, limit: limit, partitionKey: partitionKey, within: { _ in true }, body)
    }

    private func forEachGroup(partition p: Int, limit: Int, partitionKey: (UInt64) -> UInt64, within: (UInt64) -> Bool,
                              _ body: (_ read: ((UInt64, UnsafeBufferPointer<Int32>) -> Void) throws(IngestError) -> Void,
                                       _ holds: (UInt64) -> Bool) throws -> Void) throws {
        let holds = { (key: UInt64) in within(key) && self.partition(key) == p }
        // Nine levels use 54 of the hash's 64 bits; past them a partition is merged whole.
        guard counts[p] > limit && level < 8 else {
            return try body({ visit throws(IngestError) in try forEach(partition: p, visit) }, holds)
        }
        var parts = 2
        while parts < Self.partitions && counts[p] > parts * limit { parts <<= 1 }
        let split = RollupCellSpill(width: width, directory: directory, writer: writer, level: level + 1, fanout: parts)
        if let failure = split.failure { throw error(failure) }
        try forEach(partition: p) { key, values in split.append(key: key, partitionKey: partitionKey(key), values) }
        try split.finish()
        for q in 0..<parts {
            try split.forEachGroup(partition: q, limit: limit, partitionKey: partitionKey, within: holds, body)
        }
    }

    private func error(_ code: Int32) -> IngestError {
        .unwritable(path: directory, what: "the temporary file of the rollup counts", reason: String(cString: strerror(code)),
                    advice: "free some space there, or set TMPDIR to a folder with room")
    }
}
