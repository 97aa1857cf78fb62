import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import GRDB

extension ChiSoStore {
    /// Every ingested file, oldest first.
    public func fetchSources() throws(StoreError) -> [SourceRecord] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM source ORDER BY id").map(SourceRecord.init(row:)) }
    }

    /// Finds the source already loaded with these bytes (and, when given, these ingest options), if any.
    public func fetchSource(sha256: String, options: String? = nil) throws(StoreError) -> SourceRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM source WHERE sha256 = ?1 AND (?2 IS NULL OR options = ?2)", arguments: [sha256, options])
                .map(SourceRecord.init(row:))
        }
    }

    /// Removes a source and every row it brought: the source named `fileName` (as `chiso sources` lists it),
    /// else the one loaded from `path` (the absolute path of the file as the user names it).
    public func removeSource(fileName: String, path: String? = nil) throws(StoreError) -> SourceRecord? {
        do {
            return try write { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM source WHERE file_name = ?", arguments: [fileName])
                        ?? (path == nil ? nil : try Row.fetchOne(db, sql: "SELECT * FROM source WHERE path = ?", arguments: [path])) else { return nil }
                let source = SourceRecord(row: row)
                try Self.deleteRows(of: source.id, db)
                return source
            }
        } catch { throw Self.wrap(error) }
    }

    /// The listed name of the source a load of the file `fileName` from `path` would replace (its earlier
    /// version: the same path, or the same name where no path is recorded), if any.
    package func replacedSourceName(fileName: String, path: String?) throws(StoreError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: """
                SELECT file_name FROM source WHERE (file_name = ?1 AND (path IS NULL OR ?2 IS NULL OR path = ?2)) OR (?2 IS NOT NULL AND path = ?2)
                ORDER BY file_name = ?1 DESC LIMIT 1
                """, arguments: [fileName, path])
        }
    }

    /// Data tables reference `source(id)` with ON DELETE CASCADE: deleting the source deletes its rows.
    package static func deleteRows(of sourceID: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM source WHERE id = ?", arguments: [sourceID])
    }

    /// Inserts the source row, replacing an earlier file of the same name. Returns the new id and the replaced source.
    package static func insertSource(_ file: SourceFile, rowCount: Int, ingestedAt: String, _ db: Database) throws -> (Int64, SourceRecord?) {
        let (previous, name) = try replaceEarlierVersion(of: file, db)
        try db.execute(sql: "INSERT INTO source (file_name, sha256, kind, ingested_at, row_count, options, path) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       arguments: [name, file.sha256, file.kind.rawValue, ingestedAt, rowCount, file.options, file.path])
        return (db.lastInsertedRowID, previous)
    }

    /// Deletes the earlier version of `file` with its rows, and returns it with the name the new source takes.
    package static func replaceEarlierVersion(of file: SourceFile, _ db: Database) throws -> (previous: SourceRecord?, name: String) {
        var previous: SourceRecord?
        var taken = Set<String>()
        // The earlier version of this file: the same bytes (read again, perhaps with other options), the same path,
        // or the same name where a path is not recorded. A file of the same name from another folder is another source.
        let candidates = try Row.fetchAll(db, sql: """
            SELECT * FROM source WHERE sha256 = ?1 OR file_name = ?2
               OR (length(file_name) > length(?2) AND substr(file_name, -length(?2) - 1) = '/' || ?2) OR path = ?3
            ORDER BY file_name = ?2 DESC, id
            """, arguments: [file.sha256, file.fileName, file.path])
        for row in candidates {
            let source = SourceRecord(row: row)
            let storedPath: String? = row["path"]
            let same = source.sha256 == file.sha256 || (storedPath != nil && storedPath == file.path)
                || (source.fileName == file.fileName && (storedPath == nil || file.path == nil))
            if same {
                previous = previous ?? source
                try deleteRows(of: source.id, db)
            } else {
                taken.insert(source.fileName)
            }
        }
        // Named by as much of its path as tells it from the other: q2/thong-ke.csv beside thong-ke.csv (from q1/).
        var name = file.fileName
        if taken.contains(name), let path = file.path {
            let parts = path.split(separator: "/").map(String.init)
            var k = 2
            while taken.contains(name) && k <= parts.count { name = parts.suffix(k).joined(separator: "/"); k += 1 }
        }
        return (previous, name)
    }
}

extension SourceRecord {
    package init(row: Row) {
        self.init(id: row["id"], fileName: row["file_name"], sha256: row["sha256"], kind: row["kind"],
                  ingestedAt: row["ingested_at"], rowCount: row["row_count"])
    }
}
