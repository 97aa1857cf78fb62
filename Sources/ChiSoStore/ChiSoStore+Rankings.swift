import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import GRDB

/// The validated records of one rankings file.
public struct RankingBatch: Sendable, Equatable {
    public var source: SourceFile
    public var records: [RankingRecord]
    /// Editions ("PCI|2022") whose rows from these files (by name) the batch supersedes: a complete edition
    /// replacing a bundled partial one, for that edition only (the files' other editions stay).
    public var superseding: [String: [String]] = [:]
    public init(source: SourceFile, records: [RankingRecord], superseding: [String: [String]] = [:]) {
        self.source = source; self.records = records; self.superseding = superseding
    }
}

extension ChiSoStore {
    /// Loads a batch in one transaction: all rows or none.
    ///
    /// The same bytes loaded twice with the same options change nothing; a file with the same name and
    /// other bytes, or the same bytes with other options, replaces the rows its earlier version brought; a row that another file already brought is an error.
    public func load(_ batch: RankingBatch, ingestedAt: String) throws(StoreError) -> LoadOutcome {
        if let previous = try fetchSource(sha256: batch.source.sha256, options: batch.source.options) { return .unchanged(previous: previous) }
        do {
            return try write { db in
                if let previous = try Row.fetchOne(db, sql: "SELECT * FROM source WHERE sha256 = ? AND options = ?",
                                                   arguments: [batch.source.sha256, batch.source.options]) {
                    return .unchanged(previous: SourceRecord(row: previous))
                }
                let (sourceID, replaced) = try Self.insertSource(batch.source, rowCount: batch.records.count, ingestedAt: ingestedAt, db)
                for (edition, files) in batch.superseding.sorted(by: { $0.key < $1.key }) {
                    let parts = edition.split(separator: "|")
                    guard parts.count == 2, let year = Int(parts[1]) else { continue }
                    for file in files {
                        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE file_name = ?", arguments: [file]) else { continue }
                        try db.execute(sql: "DELETE FROM ranking WHERE source_id = ? AND index_code = ? AND year = ?", arguments: [id, String(parts[0]), year])
                        let removed = db.changesCount
                        try db.execute(sql: "DELETE FROM component WHERE source_id = ? AND index_code = ? AND year = ?", arguments: [id, String(parts[0]), year])
                        try db.execute(sql: "UPDATE source SET row_count = MAX(row_count - ?, 0) WHERE id = ?", arguments: [removed, id])
                    }
                }
                try Self.checkConflicts(batch, sourceID: sourceID, db)
                let insertRanking = try db.makeStatement(sql: """
                    INSERT INTO ranking (index_code, year, province_id, score, rank, of_count, note, citation, source_id, source_line)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                let insertComponent = try db.makeStatement(sql: """
                    INSERT INTO component (index_code, year, province_id, component, value, source_id, source_line)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
                for r in batch.records {
                    // A record with components only (a sub-index file) adds to the edition without claiming its rank row.
                    if r.score != nil || r.rank != nil {
                        try insertRanking.execute(arguments: [r.index, r.year, r.provinceID, r.score, r.rank, r.of, r.note, r.citation, sourceID, r.line])
                    }
                    for key in r.components.keys.sorted() {
                        try insertComponent.execute(arguments: [r.index, r.year, r.provinceID, key, r.components[key]!, sourceID, r.line])
                    }
                }
                return replaced.map { .replaced(rows: batch.records.count, previous: $0) } ?? .loaded(rows: batch.records.count)
            }
        } catch {
            throw Self.wrap(error)
        }
    }

    private static func checkConflicts(_ batch: RankingBatch, sourceID: Int64, _ db: Database) throws {
        let existing = try db.makeStatement(sql: """
            SELECT r.source_line, s.file_name, p.name FROM ranking r JOIN source s ON s.id = r.source_id
            JOIN province p ON p.id = r.province_id
            WHERE r.index_code = ? AND r.year = ? AND r.province_id = ?
            """)
        let existingComponent = try db.makeStatement(sql: """
            SELECT c.source_line, s.file_name, p.name FROM component c JOIN source s ON s.id = c.source_id
            JOIN province p ON p.id = c.province_id
            WHERE c.index_code = ? AND c.year = ? AND c.province_id = ? AND c.component = ?
            """)
        var checkedEditions = Set<String>()
        for r in batch.records {
            for key in r.components.keys.sorted() {
                if let row = try Row.fetchOne(existingComponent, arguments: [r.index, r.year, r.provinceID, key]) {
                    throw StoreError.alreadyLoaded(index: r.index, year: r.year, province: "\(row[2] as String) (\(key))", file: batch.source.fileName,
                                                   line: r.line, otherFile: row[1], otherLine: row[0])
                }
            }
            guard r.score != nil || r.rank != nil else { continue }
            if let row = try Row.fetchOne(existing, arguments: [r.index, r.year, r.provinceID]) {
                throw StoreError.alreadyLoaded(index: r.index, year: r.year, province: row[2], file: batch.source.fileName,
                                               line: r.line, otherFile: row[1], otherLine: row[0])
            }
            guard checkedEditions.insert("\(r.index)|\(r.year)").inserted else { continue }
            if let row = try Row.fetchOne(db, sql: """
                SELECT r.of_count, s.file_name FROM ranking r JOIN source s ON s.id = r.source_id
                WHERE r.index_code = ? AND r.year = ? AND r.of_count <> ? LIMIT 1
                """, arguments: [r.index, r.year, r.of]) {
                throw StoreError.conflictingOf(index: r.index, year: r.year, of: r.of, storedOf: row[0], file: batch.source.fileName,
                                               line: r.line, otherFile: row[1])
            }
        }
    }

    /// Every index code in the store, sorted.
    public func fetchIndexes() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT index_code FROM ranking ORDER BY index_code") }
    }

    /// The editions of `index` (or of every index), oldest first.
    public func fetchEditions(index: String? = nil) throws(StoreError) -> [EditionSummary] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM edition WHERE ?1 IS NULL OR index_code = ?1 ORDER BY index_code, year
                """, arguments: [index]).map { row in
                EditionSummary(index: row["index_code"], year: row["year"], of: row["of_count"], present: row["provinces_present"],
                               scored: row["provinces_scored"], ranksPublished: row["ranks_published"])
            }
        }
    }

    /// All entries of one edition, in rank order (unranked last).
    public func fetchEntries(index: String, year: Int) throws(StoreError) -> [RankingEntry] {
        try fetchEntries(where: "e.index_code = ? AND e.year = ?", [index, year])
    }

    /// Every entry of every edition of `index`.
    public func fetchEntries(index: String) throws(StoreError) -> [RankingEntry] {
        try fetchEntries(where: "e.index_code = ?", [index])
    }

    /// Every edition's entry for these provinces in `index` (all indexes when nil), oldest first.
    public func fetchEntries(index: String?, provinceIDs: [String]) throws(StoreError) -> [RankingEntry] {
        guard !provinceIDs.isEmpty else { return [] }
        let marks = databaseQuestionMarks(count: provinceIDs.count)
        var arguments: [any DatabaseValueConvertible] = provinceIDs
        var condition = "e.province_id IN (\(marks))"
        if let index { condition += " AND e.index_code = ?"; arguments.append(index) }
        return try fetchEntries(where: condition, StatementArguments(arguments.map { $0.databaseValue }))
    }

    private func fetchEntries(where condition: String, _ arguments: StatementArguments) throws(StoreError) -> [RankingEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.*, s.file_name FROM ranking_effective e JOIN source s ON s.id = e.source_id
                WHERE \(condition)
                ORDER BY e.index_code, e.year, e.rank IS NULL, e.rank, e.province_id
                """, arguments: arguments).map { row in
                RankingEntry(index: row["index_code"], year: row["year"], provinceID: row["province_id"], score: row["score"],
                             rank: row["rank"], rankComputed: row["rank_computed"], of: row["of_count"], note: row["note"],
                             citation: row["citation"], sourceFile: row["file_name"], sourceLine: row["source_line"])
            }
        }
    }

    /// Component values of one edition, for some provinces or all.
    public func fetchComponents(index: String, year: Int? = nil, provinceIDs: [String]? = nil) throws(StoreError) -> [ComponentValue] {
        var condition = "c.index_code = ?"
        var arguments: [DatabaseValue] = [index.databaseValue]
        if let year { condition += " AND c.year = ?"; arguments.append(year.databaseValue) }
        if let provinceIDs {
            condition += " AND c.province_id IN (\(databaseQuestionMarks(count: max(provinceIDs.count, 1))))"
            arguments += provinceIDs.isEmpty ? [DatabaseValue.null] : provinceIDs.map(\.databaseValue)
        }
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.*, s.file_name FROM component c JOIN source s ON s.id = c.source_id
                WHERE \(condition) ORDER BY c.year, c.province_id, c.component
                """, arguments: StatementArguments(arguments)).map { row in
                ComponentValue(index: row["index_code"], year: row["year"], provinceID: row["province_id"],
                               component: row["component"], value: row["value"], sourceFile: row["file_name"])
            }
        }
    }
}
