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

    /// Removes a source and every row it brought.
    public func removeSource(fileName: String) throws(StoreError) -> SourceRecord? {
        do {
            return try write { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM source WHERE file_name = ?", arguments: [fileName]) else { return nil }
                let source = SourceRecord(row: row)
                try Self.deleteRows(of: source.id, db)
                return source
            }
        } catch { throw Self.wrap(error) }
    }

    /// Data tables reference `source(id)` with ON DELETE CASCADE: deleting the source deletes its rows.
    package static func deleteRows(of sourceID: Int64, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM source WHERE id = ?", arguments: [sourceID])
    }

    /// Inserts the source row, replacing an earlier file of the same name. Returns the new id and the replaced source.
    package static func insertSource(_ file: SourceFile, rowCount: Int, ingestedAt: String, _ db: Database) throws -> (Int64, SourceRecord?) {
        var previous: SourceRecord?
        // The same bytes read with other options (another --column, --of, --as-of ...) are a reload too.
        for row in try Row.fetchAll(db, sql: "SELECT * FROM source WHERE file_name = ? OR sha256 = ? ORDER BY file_name = ? DESC",
                                    arguments: [file.fileName, file.sha256, file.fileName]) {
            let source = SourceRecord(row: row)
            previous = previous ?? source
            try deleteRows(of: source.id, db)
        }
        try db.execute(sql: "INSERT INTO source (file_name, sha256, kind, ingested_at, row_count, options) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [file.fileName, file.sha256, file.kind.rawValue, ingestedAt, rowCount, file.options])
        return (db.lastInsertedRowID, previous)
    }
}

extension SourceRecord {
    package init(row: Row) {
        self.init(id: row["id"], fileName: row["file_name"], sha256: row["sha256"], kind: row["kind"],
                  ingestedAt: row["ingested_at"], rowCount: row["row_count"])
    }
}
