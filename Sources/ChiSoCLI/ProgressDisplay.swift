import ChiSoApp
import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore
import Foundation

/// `chiso ingest`'s progress line on a terminal: rows, MB/s and time left, rewritten in place
/// at most ten times a second. Never used when stderr is not a terminal.
final class ProgressDisplay: @unchecked Sendable {
    private let file: String
    private let started = Date()
    private let lock = NSLock()
    private var lastShown = Date.distantPast
    private var shown = false

    init(file: String) { self.file = file }

    func update(_ progress: IngestProgress) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastShown) >= 0.1 else { return }
        lastShown = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(progress.bytes) / elapsed
        var line = "\r\(file): \(Count.of(progress.rows, "row")), \(NumberFormat.decimal(rate / 1_000_000, places: 1, .en)) MB/s"
        if progress.totalBytes > 0 && rate > 0 {
            let left = Double(max(progress.totalBytes - progress.bytes, 0)) / rate
            line += ", \(Int(Double(progress.bytes) * 100 / Double(progress.totalBytes)))%, ETA \(Int(left.rounded(.up))) s"
        }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        shown = true
    }

    /// Clears the line before the summary is printed.
    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
