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
        let ingestor = Ingestor(store: store, timestamp: timestamp)
        return try datasetFiles().map { url in
            // Rankings and administrative-procedure statistics alike: the kind is told from the header.
            try ingestor.ingest(path: url.path, displayName: "datasets/" + url.lastPathComponent)
        }
    }

    /// Opens the database at `path`, first building it from the bundled datasets if it does not exist.
    ///
    /// The database is built under a temporary name and renamed into place, so a half-built default
    /// database is never seen, even if the process is killed.
    public static func openOrCreate(at path: String, timestamp: String, log: (String) -> Void) throws -> ChiSoStore {
        if FileManager.default.fileExists(atPath: path) { return try ChiSoStore(path: path) }
        let building = "\(path).building-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: building) }
        do {
            let store = try ChiSoStore(path: building)
            let summaries = try load(into: store, timestamp: timestamp)
            try store.close()
            log("created \(path) from the bundled datasets (\(summaries.count) files, \(summaries.map(\.rows).reduce(0, +)) rows; see datasets/SOURCES.md)")
        }
        if rename(building, path) != 0 {
            throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        return try ChiSoStore(path: path)
    }
}
