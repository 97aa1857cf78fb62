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
/// the end each file is read back alone and its cells summed: memory is bounded by the cap and one
/// partition's cells, not by the data's cardinality.
///
/// Cells go to `partitions` files by a hash of their key, so a key's partial counts all meet in
/// one file. The files are unlinked as soon as they are made (they vanish with the process). A
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

    /// `width`: the values of one cell (`DossierRollupCells.stride`, `ServiceCells.spillWidth`).
    package init(width: Int = DossierRollupCells.stride, directory: String = FileManager.default.temporaryDirectory.path,
                 writer: @escaping IDHashSpill.Writer = { fd, bytes, count in write(fd, bytes, count) }) {
        recordWords = 2 + width
        self.directory = directory
        self.writer = writer
        buffers = Array(repeating: [], count: Self.partitions)
        for _ in 0..<Self.partitions {
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

    @inline(__always)
    package static func partition(_ key: UInt64) -> Int { Int(truncatingIfNeeded: ByteHash.mix(key) >> 58) }

    /// Adds one cell (`values`: the cell's `width` values), to the partition of `partitionKey`
    /// (default: of the key itself).
    package func append(key: UInt64, partitionKey: UInt64? = nil, _ values: UnsafeBufferPointer<Int32>) {
        let p = Self.partition(partitionKey ?? key)
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

    private func error(_ code: Int32) -> IngestError {
        .unwritable(path: directory, what: "the temporary file of the rollup counts", reason: String(cString: strerror(code)),
                    advice: "free some space there, or set TMPDIR to a folder with room")
    }
}
