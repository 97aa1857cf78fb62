import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore
import Foundation

/// The datasets that travel with ChiSo (package resources) and the default database built from them.
public enum BundledDatabase {
    /// Used when neither `--db` nor `CHISO_DB` names a database.
    public static let defaultPath = "chiso.sqlite"

    /// The bundled dataset folder (`datasets/` in the repository).
    public static var datasetsURL: URL { Bundle.module.url(forResource: "datasets", withExtension: nil)! }

    /// The loadable files: the CSVs at the top of `datasets/`, in name order (sub-folders hold
    /// reference copies and checks, not data to load).
    public static func datasetFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: datasetsURL.path)) ?? []
        return names.filter { $0.hasSuffix(".csv") }.sorted().map { datasetsURL.appendingPathComponent($0) }
    }

    /// Loads every bundled dataset into `store`.
    public static func load(into store: ChiSoStore, timestamp: String) throws -> [IngestSummary] {
        var ingestor = Ingestor(store: store, timestamp: timestamp)
        ingestor.recordsPaths = false
        return try datasetFiles().map { url in
            // Rankings and administrative-procedure statistics alike: the kind is told from the header.
            try ingestor.ingest(path: url.path, displayName: "datasets/" + url.lastPathComponent)
        }
    }

    /// Opens the database at `path`, first building it from the bundled datasets if it does not exist.
    ///
    /// The database is built under a temporary name and moved into place, so a half-built default
    /// database is never seen, even if the process is killed; and a database another process put there
    /// in the meantime (which may already hold files a user loaded) is kept, never replaced.
    public static func openOrCreate(at path: String, timestamp: String, log: (String) -> Void) throws -> ChiSoStore {
        if FileManager.default.fileExists(atPath: path) { return try ChiSoStore(path: path) }
        removeAbandonedBuilds(of: path)
        let building = "\(path).building-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: building) }
        let store = try ChiSoStore(path: building)
        let summaries = try load(into: store, timestamp: timestamp)
        try store.close()
        if try install(building, at: path) {
            log("created \(path) from the bundled datasets (\(summaries.count) files, \(summaries.map(\.rows).reduce(0, +)) rows; see datasets/SOURCES.md)")
        }
        return try ChiSoStore(path: path)
    }

    /// Deletes the half-built copies (and their journals) that killed processes left beside `path`.
    package static func removeAbandonedBuilds(of path: String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + ".building-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
            // A live process is still building (kill with signal 0 only asks whether it exists).
            guard let pid = Int32(digits), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// Moves the finished database `building` to `path` unless a file is already there. Returns whether it did.
    ///
    /// link(2) fails when `path` exists, where rename(2) would silently replace it (losing whatever was
    /// loaded into it since another process created it).
    package static func install(_ building: String, at path: String) throws(StoreError) -> Bool {
        if link(building, path) == 0 { return true }
        let error = errno
        if error == EEXIST { return false }
        // A file system without hard links: rename, if nothing is there yet (a narrow race remains).
        if error == EPERM || error == EOPNOTSUPP {
            if FileManager.default.fileExists(atPath: path) { return false }
            if rename(building, path) == 0 { return true }
        }
        throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
    }
}
