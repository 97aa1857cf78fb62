import Foundation
import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import GRDB

extension ChiSoStore {
    /// Runs `body` with a load of the administrative-procedure tables inside one write transaction:
    /// the file's rows all go in, or (when `body` throws) none do.
    package func withAdministrativeLoad<T>(_ body: (AdministrativeTableWriter) throws -> T) throws -> T {
        try write { db in try body(try AdministrativeTableWriter(db: db)) }
    }

    /// Runs `body` with a load that changes nothing and takes no write lock: `chiso validate`.
    ///
    /// The load runs the very statements of a real one, against TEMP tables that shadow the
    /// administrative tables (SQLite resolves an unqualified name in the temp schema first): the
    /// dictionaries, sources and rollups are copied in one short read (without the rows of an earlier
    /// file named `replacing`, which the real load would replace), dossier and statistics tables start
    /// empty. Writes to TEMP tables lock nothing in the database file, so an ingest in another process
    /// proceeds meanwhile; the temp tables are dropped at the end.
    /// `CREATE TEMP TABLE` with the definition of `table`, or nil when the definition names other
    /// tables (a TEMP table's foreign keys would look for their parents in the temp schema).
    private static func temporaryCopy(of table: String, _ db: Database) throws -> String? {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]),
              sql.hasPrefix("CREATE TABLE "), sql.range(of: "REFERENCES", options: .caseInsensitive) == nil else { return nil }
        return "CREATE TEMP TABLE " + sql.dropFirst("CREATE TABLE ".count)
    }

    package func withAdministrativeDryRun<T>(replacing fileName: String, path: String? = nil, _ body: (AdministrativeTableWriter) throws -> T) throws -> T {
        let copied = ["source", "admin_unit", "admin_procedure", "admin_field"]
        // Rollups other files brought take part in the overlap checks; those of the file replaced do not.
        let rollups = ["admin_rollup_row", "admin_unit_rollup", "admin_procedure_rollup", "admin_service_cohort", "admin_procedure_catalogue"]
        do {
            return try queue.writeWithoutTransaction { db in
                var tables: [String] = []
                try db.inTransaction(.deferred) {
                    // Every administrative table is shadowed, those a later migration adds too, so a
                    // dry run can never write to the database file.
                    let all = try String.fetchAll(db, sql: "SELECT name FROM main.sqlite_master WHERE type = 'table' AND (name LIKE 'admin%' OR name IN ('source', 'dossier'))")
                    for table in all {
                        if copied.contains(table) {
                            try db.execute(sql: "CREATE TEMP TABLE \(table) AS SELECT * FROM main.\(table)")
                        } else if rollups.contains(table) {
                            try db.execute(sql: """
                                CREATE TEMP TABLE \(table) AS SELECT * FROM main.\(table)
                                WHERE source_id NOT IN (SELECT id FROM main.source WHERE (file_name = ?1 AND (path IS NULL OR ?2 IS NULL OR path = ?2))
                                                                                    OR (?2 IS NOT NULL AND path = ?2))
                                """, arguments: [fileName, path])
                        } else if let create = try Self.temporaryCopy(of: table, db) {
                            // The table's own definition, so that `id` stays the rowid: the dry run then looks rows
                            // up by id as the load does (a plain column meant a scan of the table per lookup:
                            // 57 s to validate a 1M-row log with 2,000 repeated ids, against 1.5 s to load it).
                            try db.execute(sql: create)
                        } else {
                            try db.execute(sql: "CREATE TEMP TABLE \(table) AS SELECT * FROM main.\(table) WHERE 0")
                        }
                        tables.append(table)
                    }
                    // The view over the rollup tables, over their TEMP copies (a view of the main schema reads the main tables).
                    try db.execute(sql: "CREATE TEMP VIEW admin_rollup AS \(Schema.rollupView)")
                    return .commit
                }
                defer {
                    try? db.execute(sql: "DROP VIEW IF EXISTS temp.admin_rollup")
                    for table in tables { try? db.execute(sql: "DROP TABLE IF EXISTS temp.\(table)") }
                }
                var result: T?
                try db.inTransaction(.deferred) {
                    result = try body(try AdministrativeTableWriter(db: db))
                    return .rollback
                }
                return result!
            }
        } catch let error as DatabaseError {
            throw Self.wrap(error)
        }
    }

    /// The names of the files behind a province's dossier figures of `years`, sorted: a report's footer lists them.
    public func fetchRollupSourceFiles(provinceID: String, years: ClosedRange<Int>) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT file_name FROM source WHERE id IN (
                    SELECT source_id FROM admin_rollup_row WHERE province_id = ?1 AND year BETWEEN ?2 AND ?3
                    UNION SELECT source_id FROM admin_unit_rollup WHERE province_id = ?1 AND year BETWEEN ?2 AND ?3
                    UNION SELECT source_id FROM admin_procedure_rollup WHERE province_id = ?1 AND year BETWEEN ?2 AND ?3)
                ORDER BY file_name
                """, arguments: [provinceID, years.lowerBound, years.upperBound])
        }
    }

    /// The rollup rows of one breakdown for one province (every province when `provinceID` is nil)
    /// over a span of years, as `ProcedureRateCalculator` reads them.
    public func fetchRollups(grain: RollupGrain, provinceID: String?, years: ClosedRange<Int>) throws(StoreError) -> [DossierRollup] {
        let select = """
            SELECT r.province_id, r.period, r.first_day, r.last_day, u.code, u.name, r.level, p.code, f.name,
                   r.received_total, r.received_online, r.received_full_online, r.received_direct, r.received_postal,
                   r.resolved_total, r.resolved_on_time, r.resolved_late, r.pending
            FROM admin_rollup r
            LEFT JOIN admin_unit u ON u.id = r.unit_id
            LEFT JOIN admin_procedure p ON p.id = r.procedure_id
            LEFT JOIN admin_field f ON f.id = r.field_id
            """
        let sql: String
        var arguments: StatementArguments
        if let provinceID {
            sql = select + " WHERE r.province_id = ? AND r.grain = ? AND r.year BETWEEN ? AND ?"
            arguments = [provinceID, grain.rawValue, years.lowerBound, years.upperBound]
        } else {
            sql = select + " WHERE r.grain = ? AND r.year BETWEEN ? AND ?"
            arguments = [grain.rawValue, years.lowerBound, years.upperBound]
        }
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row -> DossierRollup? in
                guard let period = CalendarPeriod(row[1] as String), let first = Day(iso: row[2]), let last = Day(iso: row[3]) else { return nil }
                var counts = DossierCounts()
                for (i, measure) in DossierCounts.measures.enumerated() { counts[keyPath: measure] = row[9 + i] }
                return DossierRollup(grain: grain, provinceID: row[0], period: period, firstDay: first, lastDay: last,
                                     unitCode: row[4], unitName: row[5], level: (row[6] as String?).flatMap(AdministrativeLevel.init(rawValue:)),
                                     procedureCode: row[7], field: row[8], counts: counts)
            }
        }
    }

    /// The years with dossier statistics, for one province or all.
    public func fetchRollupYears(provinceID: String?) throws(StoreError) -> [Int] {
        try read { db in
            if let provinceID {
                return try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM admin_rollup_row WHERE province_id = ? AND grain = 'province' ORDER BY year", arguments: [provinceID])
            }
            return try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM admin_rollup_row WHERE grain = 'province' ORDER BY year")
        }
    }
}
