import CWriteback
import Foundation

/// Starts writing a database file's pages to disk while a load is still going on.
///
/// A load writes tens of megabytes that SQLite hands to the kernel as it goes, and the commit's
/// `fdatasync` then waits for all of them to reach the disk: ~0.25 s of a 1M-row log's load spent
/// idle at the end. Asking the kernel to start that writeback every few megabytes
/// (`sync_file_range(SYNC_FILE_RANGE_WRITE)`, which does not wait) overlaps the disk with the parse;
/// the commit's `fdatasync` still decides durability, and reports any write error. A hint: if the
/// file cannot be opened or the call fails, the load goes on and the commit writes everything.
final class FileWriteback {
    private let descriptor: Int32
    /// Bytes written since the last writeback was started (estimated by the callers).
    private var pending = 0
    /// How much to let accumulate between two calls: each call walks the file's dirty pages.
    static let interval = 4 << 20

    /// Nil for an in-memory or temporary database (no file), or one that cannot be opened.
    init?(path: String) {
        guard !path.isEmpty, path != ":memory:" else { return nil }
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
    }

    deinit { close(descriptor) }

    /// Notes `bytes` more written; starts a writeback when enough has accumulated.
    func wrote(_ bytes: Int) {
        pending &+= bytes
        guard pending >= Self.interval else { return }
        pending = 0
        _ = chiso_start_writeback(descriptor)
    }
}
