import CWriteback
import Dispatch
import Foundation

/// Starts writing a database file's pages to disk while a load is still going on.
///
/// A load writes tens of megabytes that SQLite hands to the kernel as it goes, and the commit's
/// `fdatasync` then waits for all of them to reach the disk: ~0.25 s of a 1M-row log's load spent
/// idle at the end. Asking the kernel to start that writeback every few megabytes
/// (`sync_file_range(SYNC_FILE_RANGE_WRITE)`, which does not wait for the disk) overlaps the disk with
/// the parse; the commit's `fdatasync` still decides durability, and reports any write error. The call
/// itself can block for milliseconds when the disk's queue is full, so it runs on a queue of its own,
/// never on the writer's thread. A hint: if the file cannot be opened or the call fails, the load goes
/// on and the commit writes everything.
final class FileWriteback: @unchecked Sendable {
    private let descriptor: Int32
    private let queue = DispatchQueue(label: "chiso-writeback", qos: .utility)
    private let lock = NSLock()
    /// Bytes written since the last writeback was asked for (estimated by the callers; the writer's thread only).
    private var pending = 0
    /// A writeback is queued or running (under `lock`).
    private var busy = false
    /// How much to let accumulate between two calls: each call walks the file's dirty pages.
    static let interval = 2 << 20

    /// Nil for an in-memory or temporary database (no file), or one that cannot be opened.
    init?(path: String) {
        guard !path.isEmpty, path != ":memory:" else { return nil }
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
    }

    deinit {
        queue.sync {}  // the last call done before the descriptor goes
        close(descriptor)
    }

    /// Notes `bytes` more written; asks for a writeback when enough has accumulated and none is under way.
    func wrote(_ bytes: Int) {
        pending &+= bytes
        guard pending >= Self.interval else { return }
        lock.lock()
        let start = !busy
        busy = true
        lock.unlock()
        guard start else { return }
        pending = 0
        queue.async { [self] in
            _ = chiso_start_writeback(descriptor)
            lock.lock(); busy = false; lock.unlock()
        }
    }
}
