import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import GRDB
import GRDBSQLite

/// One file's load into the administrative-procedure tables, inside the store's write transaction.
///
/// Rows go in through prepared statements bound with the raw SQLite API (GRDB's
/// `Statement.sqliteStatement`), 64 rows per statement: binding through `StatementArguments`
/// allocates per value and would cost more than everything else of the load.
package final class AdministrativeTableWriter: AdministrativeSink {
    package let db: Database
    /// The id the file's `source` row will get (the rows are written first, the source row last).
    package let sourceID: Int64
    private let connection: OpaquePointer
    private var dossierMulti: Statement?
    private var dossierSingle: Statement?
    /// The id of the last dossier row inserted, when it is the largest in the table (see `insertDossiers`).
    private var lastDossierRowID: Int64?
    private var rollupStatements: (single: Statement, multi: Statement)?
    /// The inserts of packed cells, by table: one row and `rollupRowsPerStatement` rows a statement.
    private var packStatements: [PackedCells.Kind: (single: Statement, multi: Statement)] = [:]
    var cohortStatements: (single: Statement, multi: Statement)?
    private var procedureInsert: Statement?
    private var unitInsert: Statement?
    private var procedureMulti: Statement?
    private var unitMulti: Statement?
    /// How many procedure codes the database holds (from `loadDictionaries`, then those this load added).
    private var knownProcedures = 0
    /// This load dropped the code index; the last `insertDictionaryAdditions` makes it again.
    private var codeIndexDropped = false
    /// Days and periods repeat (a few hundred distinct among tens of thousands of rows).
    private var rollupTexts = RollupTexts()
    private var statisticInsert: Statement?
    private var statisticMulti: Statement?
    /// The database file's pages go to disk while the load goes on (nil in memory or a dry run's TEMP tables).
    let writeback: FileWriteback?
    package static let rowsPerStatement = 64
    /// SQLite copies the bound text (SQLITE_TRANSIENT).
    package static var transient: sqlite3_destructor_type { unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self) }

    package init(db: Database) throws {
        self.db = db
        connection = db.sqliteConnection!
        writeback = sqlite3_db_filename(connection, "main").flatMap { FileWriteback(path: String(cString: $0)) }
        sourceID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM source") ?? 0) + 1
    }

    /// The rowid of a file's row: its source in the high 32 bits, its line in the low.
    @inline(__always)
    package func rowID(line: Int) -> Int64 { sourceID << 32 | Int64(line) }

    package func loadDictionaries() throws -> AdminDictionaries {
        var d = AdminDictionaries()
        d.units = try Row.fetchAll(db, sql: "SELECT id, province_id, code, name, level FROM admin_unit ORDER BY id").map { row in
            AdminUnitEntry(id: row[0], provinceID: row[1], code: row[2], name: row[3], level: AdministrativeLevel(rawValue: row[4]) ?? .province)
        }
        d.procedures = try Row.fetchAll(db, sql: "SELECT id, code FROM admin_procedure ORDER BY id").map { ($0[0], $0[1]) }
        knownProcedures = d.procedures.count
        d.fields = try Row.fetchAll(db, sql: "SELECT id, name FROM admin_field ORDER BY id").map { ($0[0], $0[1]) }
        // Catalogues that contradict each other are refused at their load: max() merges what they state.
        d.catalogue = try Row.fetchAll(db, sql: """
            SELECT procedure_id, max(full_online_eligible), max(fee_required) FROM admin_procedure_catalogue GROUP BY procedure_id
            """).map { row in (row[0], (row[1] as Int?).map { $0 != 0 }, (row[2] as Int?).map { $0 != 0 }) }
        return d
    }

    // MARK: - Procedure catalogues

    /// Writes a catalogue's procedures (adding codes the database does not know yet). A procedure
    /// another loaded catalogue states otherwise is an error at the row and column of this file,
    /// naming the other file. Call after `finish` (which removes an earlier file of the same name).
    package func insertCatalogue(_ entries: [ProcedureCatalogueEntry], file: String) throws {
        let find = try db.makeStatement(sql: "SELECT id FROM admin_procedure WHERE code = ?")
        let others = try db.makeStatement(sql: """
            SELECT c.full_online_eligible, c.fee_required, s.file_name, c.id & 4294967295
            FROM admin_procedure_catalogue c JOIN source s ON s.id = c.source_id
            WHERE c.procedure_id = ? AND c.source_id <> ?
            """)
        let insert = try db.makeStatement(sql: """
            INSERT INTO admin_procedure_catalogue (id, source_id, procedure_id, full_online_eligible, fee_required) VALUES (?, ?, ?, ?, ?)
            """)
        var problems: [Diagnostic] = []
        for entry in entries {
            let id: Int64
            if let known = try Int64.fetchOne(find, arguments: [entry.code]) {
                id = known
                for row in try Row.fetchAll(others, arguments: [id, sourceID]) {
                    for (flag, column, theirs) in [(ServiceFlag.fullOnlineEligible, entry.eligibleColumn, row[0] as Int?), (.feeRequired, entry.feeColumn, row[1] as Int?)] {
                        guard let mine = entry.value(flag), let theirs, mine != (theirs != 0) else { continue }
                        let other: String = row[2], otherLine: Int = row[3]
                        problems.append(Diagnostic(SourceLocation(file: file, line: entry.line, column: column), .csv(
                            "procedure \(entry.code) has \(flag.rawValue) \(mine ? "yes" : "no") here but \(theirs != 0 ? "yes" : "no") in the catalogue \(other) "
                                + "(line \(otherLine)), loaded before; correct one of the two, or remove the other with `chiso sources --remove \(other)`")))
                    }
                }
            } else {
                try db.execute(sql: "INSERT INTO admin_procedure (code) VALUES (?)", arguments: [entry.code])
                id = db.lastInsertedRowID
            }
            try insert.execute(arguments: [rowID(line: entry.line), sourceID, id, entry.fullOnlineEligible.map { $0 ? 1 : 0 }, entry.feeRequired.map { $0 ? 1 : 0 }])
        }
        if !problems.isEmpty { throw IngestError.invalid(problems) }
    }

    /// The dossier logs already loaded that hold dossiers of these procedures (by code), by file
    /// name: their cohorts were counted without this catalogue.
    package func dossierLogs(withProcedures codes: [String]) throws -> [String] {
        guard !codes.isEmpty else { return [] }
        // The procedure rollups of the logs (the view's procedure cells): a few per procedure and year, not the dossiers.
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS catalogue_codes (code TEXT PRIMARY KEY)")
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.catalogue_codes") }
        let add = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.catalogue_codes (code) VALUES (?)")
        for code in codes { try add.execute(arguments: [code]) }
        return try String.fetchAll(db, sql: """
            SELECT DISTINCT s.file_name FROM admin_rollup r JOIN source s ON s.id = r.source_id
            JOIN admin_procedure p ON p.id = r.procedure_id JOIN temp.catalogue_codes c ON c.code = p.code
            WHERE r.grain = 'procedure' AND s.kind = 'dossiers' ORDER BY s.id
            """)
    }

    // Prepared once and bound with the raw API: a log brings thousands of units, and compiling the SQL
    // for each, or GRDB's boxed arguments, cost more than inserting it.
    package func insertUnit(_ unit: AdminUnitEntry) throws {
        if unitInsert == nil { unitInsert = try db.makeStatement(sql: Self.unitSQL(rows: 1)) }
        let s = unitInsert!.sqliteStatement
        try check(Self.bind(unit, to: s, row: 0), s)
        try step(s)
    }

    private static func unitSQL(rows: Int) -> String {
        "INSERT OR FAIL INTO admin_unit (id, province_id, code, name, level) VALUES " + Array(repeating: "(?,?,?,?,?)", count: rows).joined(separator: ",")
    }

    /// Binds `unit` as row `row` of a unit statement; SQLite's result codes or-ed.
    private static func bind(_ unit: AdminUnitEntry, to s: OpaquePointer, row: Int) -> Int32 {
        let p = Int32(row * 5)
        return sqlite3_bind_int64(s, p + 1, unit.id) | bindText(s, p + 2, unit.provinceID) | bindText(s, p + 3, unit.code)
            | bindText(s, p + 4, unit.name) | bindText(s, p + 5, unit.level.rawValue)
    }

    /// Binds a copy of `text` (SQLITE_TRANSIENT).
    static func bindText(_ s: OpaquePointer, _ index: Int32, _ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { sqlite3_bind_text(s, index, UnsafeRawPointer($0.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self), Int32($0.count), transient) }
    }

    /// Binds `bytes` without a copy (SQLITE_STATIC): they must outlive the statement's step.
    static func bindText(_ s: OpaquePointer, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        // A zero-length buffer may have no address; SQLite takes any non-null pointer for "".
        let pointer = bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!
        return sqlite3_bind_text(s, index, pointer.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
    }

    /// Bound with the raw API: a log can bring hundreds of thousands of codes, and GRDB's cached
    /// statement lookup and arguments cost about as much as SQLite's insert.
    package func insertProcedure(id: Int64, code: String) throws {
        var code = code
        try code.withUTF8 { try insertProcedure(id: id, code: $0) }
    }

    private func insertProcedure(id: Int64, code: UnsafeBufferPointer<UInt8>) throws {
        if procedureInsert == nil { procedureInsert = try db.makeStatement(sql: "INSERT INTO admin_procedure (id, code) VALUES (?, ?)") }
        let s = procedureInsert!.sqliteStatement
        try check(sqlite3_bind_int64(s, 1, id) | Self.bindText(s, 2, code), s)
        try step(s)
    }

    /// Writes the units, procedures and fields a dossier log brought, after its rows.
    ///
    /// Called with what was held each time it grew large (`final` false), then once after the rows.
    /// When the new codes are many beside those the database holds (a first load, a national log), the
    /// code index is dropped, the codes appended in id order and the index made again by one sort at the end:
    /// 275,473 codes take 0.32 s that way (appends 0.12 s, the sort 0.20 s) against 0.94 s through the
    /// index (sqlite3 shell, the high-cardinality log's codes). A few new codes go through the index: a
    /// sort of every code the database holds would cost more. A dry run's TEMP copy of the table has
    /// no index, and the database's own is left alone. A code twice fails the index either way.
    package func insertDictionaryAdditions(_ additions: DictionaryAdditions, final: Bool = true) throws {
        // Units 64 a statement: the level's CHECK (level IN (…)) makes a small index each time a statement
        // runs, most of a unit's cost one by one (84 ms for the 8,385 units of the 1M-row realistic log). OR FAIL:
        // no statement journal (see `insertRollups`).
        let units = additions.units
        if !units.isEmpty {
            // Kept in properties: a local would be released after its last use, finalizing the statement.
            if unitMulti == nil { unitMulti = try db.makeStatement(sql: Self.unitSQL(rows: Self.rowsPerStatement)) }
            if unitInsert == nil { unitInsert = try db.makeStatement(sql: Self.unitSQL(rows: 1)) }
            try insertInChunks(units.count, perStatement: Self.rowsPerStatement, single: unitInsert!.sqliteStatement,
                               multi: unitMulti!.sqliteStatement) { s, k, i in Self.bind(units[i], to: s, row: k) }
        }
        for field in additions.fields { try insertField(id: field.id, name: field.name) }
        if additions.procedureCount > 0 && !codeIndexDropped {
            let shadowed = try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM temp.sqlite_master WHERE name = 'admin_procedure'") ?? false
            codeIndexDropped = !shadowed && additions.procedureCount >= 1024 && additions.procedureCount >= knownProcedures / 4
            if codeIndexDropped { try db.execute(sql: "DROP INDEX admin_procedure_by_code") }
        }
        try appendProcedures(additions)
        knownProcedures += additions.procedureCount
        if final && codeIndexDropped {
            try db.execute(sql: "CREATE UNIQUE INDEX admin_procedure_by_code ON admin_procedure(code)")
            codeIndexDropped = false
        }
    }

    private func appendProcedures(_ additions: DictionaryAdditions) throws {
        // 64 rows a statement (one statement's overhead was most of an append's cost), OR FAIL (no statement
        // journal, see `insertRollups`); the rest one by one.
        if procedureMulti == nil {
            procedureMulti = try db.makeStatement(sql: "INSERT OR FAIL INTO admin_procedure (id, code) VALUES " + Array(repeating: "(?,?)", count: Self.rowsPerStatement).joined(separator: ","))
        }
        let multi = procedureMulti!.sqliteStatement
        var k = 0, rc: Int32 = SQLITE_OK
        let whole = additions.procedureCount / Self.rowsPerStatement * Self.rowsPerStatement
        try additions.forEachProcedure { id, code in
            guard k < whole else { return try insertProcedure(id: id, code: code) }
            let p = Int32(k % Self.rowsPerStatement * 2)
            // The additions' bytes outlive the step.
            rc |= sqlite3_bind_int64(multi, p + 1, id) | Self.bindText(multi, p + 2, code)
            k += 1
            if k % Self.rowsPerStatement == 0 {
                try check(rc, multi)
                try step(multi)
                rc = SQLITE_OK
            }
        }
    }

    package func insertField(id: Int64, name: String) throws {
        try db.cachedStatement(sql: "INSERT INTO admin_field (id, name) VALUES (?, ?)").execute(arguments: [id, name])
    }

    // MARK: - Dossier rows

    private static func dossierSQL(rows: Int) -> String {
        "INSERT OR FAIL INTO dossier (id, dossier_id, unit_id, procedure_id, field_id, received_at, channel, online_level, due_day, resolved_at) VALUES "
            + Array(repeating: "(?,?,?,?,?,?,?,?,?,?)", count: rows).joined(separator: ",")
    }

    /// Inserts every row of `batch`.
    package func insertDossiers(_ batch: borrowing DossierBatch) throws {
        if dossierMulti == nil {
            dossierMulti = try db.makeStatement(sql: Self.dossierSQL(rows: Self.rowsPerStatement))
            dossierSingle = try db.makeStatement(sql: Self.dossierSQL(rows: 1))
            // This file's ids are above every id in the table (its source is the newest): a row on the line
            // after the previous one then gets its id from SQLite as max(id) + 1, and SQLite appends it
            // without searching the table for the id first (~15% of the insert's time). Only where `id` is
            // the rowid: a dry run's TEMP copy (CREATE TABLE … AS SELECT) has a plain column, which NULL would leave empty.
            let idIsRowID = try Bool.fetchOne(db, sql: "SELECT pk = 1 AND type = 'INTEGER' FROM pragma_table_info('dossier') WHERE name = 'id'") ?? false
            let largest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM dossier") ?? 0
            lastDossierRowID = idIsRowID && largest < sourceID << 32 ? largest : nil
        }
        let multi = dossierMulti!.sqliteStatement, single = dossierSingle!.sqliteStatement
        let n = batch.count
        let perStatement = Self.rowsPerStatement
        let source = sourceID << 32
        // nil: every row's id is bound.
        var last = lastDossierRowID
        defer { lastDossierRowID = last }
        try batch.ids.withUnsafeBufferPointer { ids in
            try batch.rows.withUnsafeBufferPointer { rows in
                let idBase = UnsafeRawPointer(ids.baseAddress ?? UnsafePointer(bitPattern: 1)!)
                var row = 0
                var idStart = 0
                // Every bind's result code, or-ed: SQLITE_OK is 0, so any failure leaves it non-zero.
                var rc: Int32 = SQLITE_OK
                while row < n {
                    let take = n - row >= perStatement ? perStatement : 1
                    let statement = take == perStatement ? multi : single
                    for k in 0..<take {
                        let r = rows[row &+ k]
                        let p = Int32(k &* 10)
                        let idEnd = Int(r.idEnd)
                        let id = source | r.line
                        if let previous = last {
                            rc |= id == previous &+ 1 ? sqlite3_bind_null(statement, p + 1) : sqlite3_bind_int64(statement, p + 1, id)
                            last = id
                        } else {
                            rc |= sqlite3_bind_int64(statement, p + 1, id)
                        }
                        rc |= sqlite3_bind_text(statement, p + 2, idBase.advanced(by: idStart).assumingMemoryBound(to: CChar.self), Int32(idEnd &- idStart), nil)
                        idStart = idEnd
                        rc |= sqlite3_bind_int64(statement, p + 3, Int64(r.unitID))
                        rc |= sqlite3_bind_int64(statement, p + 4, Int64(r.procedureID))
                        if r.fieldID > 0 { rc |= sqlite3_bind_int64(statement, p + 5, Int64(r.fieldID)) } else { rc |= sqlite3_bind_null(statement, p + 5) }
                        rc |= sqlite3_bind_int64(statement, p + 6, r.received)
                        rc |= sqlite3_bind_int64(statement, p + 7, Int64(r.channel))
                        if r.level > 0 { rc |= sqlite3_bind_int64(statement, p + 8, Int64(r.level)) } else { rc |= sqlite3_bind_null(statement, p + 8) }
                        rc |= sqlite3_bind_int64(statement, p + 9, Int64(r.due))
                        if r.resolved != DossierBatch.pending { rc |= sqlite3_bind_int64(statement, p + 10, r.resolved) } else { rc |= sqlite3_bind_null(statement, p + 10) }
                    }
                    try check(rc, statement)
                    try step(statement)
                    row &+= take
                }
            }
        }
        // About 60 bytes a row in the table (61 MB for the 1M-row benchmark logs).
        writeback?.wrote(n &* 60)
    }

    /// Inserts `count` rows with `multi` (`perStatement` rows a statement) while whole statements
    /// fill, the rest with `single`; `bind(statement, k, i)` binds row `i` as the statement's row `k`
    /// and returns SQLite's result codes or-ed.
    func insertInChunks(_ count: Int, perStatement: Int, single: OpaquePointer, multi: OpaquePointer,
                        _ bind: (_ statement: OpaquePointer, _ k: Int, _ i: Int) -> Int32) throws {
        var i = 0
        while i < count {
            let take = count - i >= perStatement ? perStatement : 1
            let statement = take == 1 ? single : multi
            var rc: Int32 = SQLITE_OK
            for k in 0..<take { rc |= bind(statement, k, i + k) }
            try check(rc, statement)
            try step(statement)
            i += take
        }
    }

    /// Refuses to run a statement whose values did not all bind (its parameters would hold stale values).
    @inline(__always)
    func check(_ rc: Int32, _ statement: OpaquePointer) throws {
        guard rc != SQLITE_OK else { return }
        let message = String(cString: sqlite3_errmsg(connection))
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        throw StoreError.sqlite(message: "a value could not be bound (\(message))", sql: String(cString: sqlite3_sql(statement)))
    }

    @inline(__always)
    func step(_ statement: OpaquePointer) throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        if code != SQLITE_DONE {
            throw StoreError.sqlite(message: String(cString: sqlite3_errmsg(connection)), sql: String(cString: sqlite3_sql(statement)))
        }
    }

    /// The dossier ids of some lines of this file (point lookups), in line order.
    package func dossierIDs(lines: [Int]) throws -> [(line: Int, id: String)] {
        let statement = try db.makeStatement(sql: "SELECT dossier_id FROM dossier WHERE id = ?")
        var out: [(Int, String)] = []
        for line in lines.sorted() {
            if let id = try String.fetchOne(statement, arguments: [rowID(line: line)]) { out.append((line, id)) }
        }
        return out
    }

    /// Lines of this file's rows whose dossier id appears more than once, the first line of each
    /// id first, by SQL (sorting on disk when needed): the exhaustive check for very large files.
    package func duplicateDossierLines() throws -> [(id: String, lines: [Int])] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT dossier_id, group_concat(id & 4294967295) FROM (
                SELECT dossier_id, id FROM dossier WHERE id BETWEEN ? AND ? AND dossier_id IN (
                    SELECT dossier_id FROM dossier WHERE id BETWEEN ? AND ? GROUP BY dossier_id HAVING count(*) > 1)
                ORDER BY id)
            GROUP BY dossier_id
            """, arguments: [sourceID << 32, sourceID << 32 | 0xFFFF_FFFF, sourceID << 32, sourceID << 32 | 0xFFFF_FFFF])
        return rows.map { row in
            let lines = (row[1] as String).split(separator: ",").compactMap { Int($0) }.sorted()
            return (row[0], lines)
        }
    }

    package func deleteDossier(line: Int) throws {
        try db.execute(sql: "DELETE FROM dossier WHERE id = ?", arguments: [rowID(line: line)])
    }

    // MARK: - Statistics rows

    private static func statisticSQL(rows: Int) -> String {
        """
        INSERT INTO admin_statistic (id, period, reported, first_day, last_day, province_id, unit_id, level, procedure_id, field_id,
            received_total, received_online, received_full_online, received_direct, received_postal,
            resolved_total, resolved_on_time, resolved_late, pending, note, citation, received_carried_over,
            synced, result_electronic, digitized, reused_data, citizen_data, satisfied, rated, fee_required, paid_online) VALUES
        """ + Array(repeating: "(" + Array(repeating: "?", count: statisticColumns).joined(separator: ",") + ")", count: rows).joined(separator: ",")
    }

    /// The values bound per statistics row.
    private static let statisticColumns = 22 + ServiceStatisticColumn.allCases.count

    /// Inserts statistics rows, 32 to a statement, bound with the raw SQLite API.
    package func insertStatistics(_ rows: [StatisticValues]) throws {
        if statisticMulti == nil {
            statisticMulti = try db.makeStatement(sql: Self.statisticSQL(rows: 32))
            statisticInsert = try db.makeStatement(sql: Self.statisticSQL(rows: 1))
        }
        let multi = statisticMulti!.sqliteStatement, single = statisticInsert!.sqliteStatement
        var rc: Int32 = SQLITE_OK
        func bind(_ s: OpaquePointer, _ index: Int32, _ text: String?) {
            guard var text else { rc |= sqlite3_bind_null(s, index); return }
            text.withUTF8 { rc |= sqlite3_bind_text(s, index, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), Int32($0.count), AdministrativeTableWriter.transient) }
        }
        func bind(_ s: OpaquePointer, _ index: Int32, _ value: Int64?) {
            if let value { rc |= sqlite3_bind_int64(s, index, value) } else { rc |= sqlite3_bind_null(s, index) }
        }
        var row = 0
        while row < rows.count {
            let take = rows.count - row >= 32 ? 32 : 1
            let s = take == 32 ? multi : single
            for k in 0..<take {
                let r = rows[row + k]
                let p = Int32(k * Self.statisticColumns)
                rc |= sqlite3_bind_int64(s, p + 1, rowID(line: r.line))
                bind(s, p + 2, r.period); bind(s, p + 3, r.reported); bind(s, p + 4, r.firstDay); bind(s, p + 5, r.lastDay)
                bind(s, p + 6, r.provinceID); bind(s, p + 7, r.unitID); bind(s, p + 8, r.level); bind(s, p + 9, r.procedureID)
                bind(s, p + 10, r.fieldID)
                for i in 0..<9 { bind(s, p + 11 + Int32(i), r.counts[i]) }
                bind(s, p + 20, r.note); bind(s, p + 21, r.citation); bind(s, p + 22, r.counts[9])
                for i in 0..<ServiceStatisticColumn.allCases.count { bind(s, p + 23 + Int32(i), r.service[i]) }
            }
            try check(rc, s)
            try step(s)
            row += take
        }
    }

    /// The identifying values and counts of some lines of this file (point lookups).
    package func statistics(lines: [Int]) throws -> [Int: (key: StatisticKey, counts: [Int64?])] {
        let statement = try db.makeStatement(sql: """
            SELECT first_day, last_day, province_id, unit_id, level, procedure_id, field_id,
                   received_total, received_online, received_full_online, received_direct, received_postal,
                   resolved_total, resolved_on_time, resolved_late, pending
            FROM admin_statistic WHERE id = ?
            """)
        var out: [Int: (key: StatisticKey, counts: [Int64?])] = [:]
        for line in lines {
            guard let row = try Row.fetchOne(statement, arguments: [rowID(line: line)]) else { continue }
            out[line] = (StatisticKey(firstDay: row[0], lastDay: row[1], provinceID: row[2], unitID: row[3], level: row[4],
                                      procedureID: row[5], fieldID: row[6]), (7..<16).map { row[$0] as Int64? })
        }
        return out
    }

    package func deleteStatistic(line: Int) throws {
        try db.execute(sql: "DELETE FROM admin_statistic WHERE id = ?", arguments: [rowID(line: line)])
    }

    // MARK: - Finishing

    /// The SHA-256 of every file already loaded.
    package func knownDigests(options: String? = nil) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT sha256 FROM source WHERE ?1 IS NULL OR options = ?1", arguments: [options]))
    }

    /// The source with these bytes (and, when given, these ingest options), if already loaded.
    package func existingSource(sha256: String, options: String? = nil) throws -> SourceRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM source WHERE sha256 = ?1 AND (?2 IS NULL OR options = ?2)", arguments: [sha256, options])
            .map(SourceRecord.init(row:))
    }

    /// Replaces an earlier file of the same name, writes the source row and the rollups, and checks
    /// that no other file already counted the same units over the same days.
    ///
    /// `rollups` calls its argument with every rollup record (it may be called more than once):
    /// records are made on the fly, not held as an array.
    package func finish(source: SourceFile, rowCount: Int, ingestedAt: String,
                rollups: (_ body: (RollupRecord) throws -> Void) throws -> Void) throws -> LoadOutcome {
        let outcome = try recordSource(source, rowCount: rowCount, ingestedAt: ingestedAt, checking: rollups)
        try insertRollups(rollups)
        return outcome
    }

    /// `finish` without writing the rollups: the caller writes them with `insertRollups(_:)`
    /// (prepared on other threads). `rollups` is read for the overlap check only.
    package func recordSource(_ source: SourceFile, rowCount: Int, ingestedAt: String,
                              checking rollups: (_ body: (RollupRecord) throws -> Void) throws -> Void) throws -> LoadOutcome {
        let (previous, name) = try ChiSoStore.replaceEarlierVersion(of: source, db)
        try checkOverlap(rollups, fileName: name)
        try db.execute(sql: "INSERT INTO source (id, file_name, sha256, kind, ingested_at, row_count, options, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [sourceID, name, source.sha256, source.kind.rawValue, ingestedAt, rowCount, source.options, source.path])
        return previous.map { .replaced(rows: rowCount, previous: $0) } ?? .loaded(rows: rowCount)
    }

    /// Writes the rollups: the yearly unit and procedure cells as JSON, one row of `admin_unit_rollup`
    /// and one of `admin_procedure_rollup` per province and year (more when the records of one come
    /// in several runs, or past `cellsPerPackedRow`), the other breakdowns as rows of
    /// `admin_rollup_row`, 16 to a statement. Every record gets the next row number of the file,
    /// whichever table holds it.
    private func insertRollups(_ rollups: (_ body: (RollupRecord) throws -> Void) throws -> Void) throws {
        var preparer = RollupPreparer()
        try rollups { r in
            preparer.add(r)
            if preparer.isFull { try insertRollups(preparer.take()) }
        }
        try insertRollups(preparer.finish())
    }

    /// Writes rollups made ready by a `RollupPreparer` (on any thread), in the order it made them.
    package func insertRollups(_ prepared: PreparedRollups) throws {
        // Several rows a statement, OR FAIL: SQLite keeps a statement journal (a copy of every page the
        // statement changes, to undo it alone) for a statement of several rows that may abort, and
        // OR FAIL does not undo, so it keeps none. A failure fails the whole load, rolled back anyway.
        if rollupStatements == nil {
            func sql(rows: Int) -> String {
                """
                INSERT OR FAIL INTO admin_rollup_row (id, source_id, grain, province_id, period, year, first_day, last_day, unit_id, level, procedure_id, field_id,
                    received_total, received_online, received_full_online, received_direct, received_postal,
                    resolved_total, resolved_on_time, resolved_late, pending) VALUES
                """ + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
            }
            rollupStatements = (try db.makeStatement(sql: sql(rows: 1)), try db.makeStatement(sql: sql(rows: Self.rollupRowsPerStatement)))
            for (kind, table) in [(PackedCells.Kind.procedure, "admin_procedure_rollup"), (.unit, "admin_unit_rollup")] {
                func sql(rows: Int) -> String {
                    "INSERT OR FAIL INTO \(table) (id, source_id, province_id, year, cells) VALUES "
                        + Array(repeating: "(?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
                }
                packStatements[kind] = (try db.makeStatement(sql: sql(rows: 1)), try db.makeStatement(sql: sql(rows: Self.rollupRowsPerStatement)))
            }
        }
        let single = rollupStatements!.single.sqliteStatement
        let multi = rollupStatements!.multi.sqliteStatement
        var rc: Int32 = SQLITE_OK
        func bind(_ s: OpaquePointer, _ index: Int32, _ text: String) { rc |= Self.bindText(s, index, text) }
        func bind(_ s: OpaquePointer, _ index: Int32, _ value: Int64?) {
            if let value { rc |= sqlite3_bind_int64(s, index, value) } else { rc |= sqlite3_bind_null(s, index) }
        }
        func bind(_ s: OpaquePointer, row k: Int, _ n: Int, _ r: RollupRecord) {
            let p = Int32(k * 21)
            rc |= sqlite3_bind_int64(s, p + 1, rowID(line: n))
            rc |= sqlite3_bind_int64(s, p + 2, sourceID)
            bind(s, p + 3, r.grain.rawValue)
            bind(s, p + 4, r.provinceID)
            bind(s, p + 5, rollupTexts.period(r.period))
            rc |= sqlite3_bind_int64(s, p + 6, Int64(r.period.year))
            bind(s, p + 7, rollupTexts.day(r.firstDayNumber))
            bind(s, p + 8, rollupTexts.day(r.lastDayNumber))
            bind(s, p + 9, r.unitID)
            if let level = r.level { bind(s, p + 10, level.rawValue) } else { rc |= sqlite3_bind_null(s, p + 10) }
            bind(s, p + 11, r.procedureID)
            bind(s, p + 12, r.fieldID)
            let c = r.counts
            bind(s, p + 13, c.receivedTotal.map(Int64.init)); bind(s, p + 14, c.receivedOnline.map(Int64.init))
            bind(s, p + 15, c.receivedFullOnline.map(Int64.init)); bind(s, p + 16, c.receivedDirect.map(Int64.init))
            bind(s, p + 17, c.receivedPostal.map(Int64.init)); bind(s, p + 18, c.resolvedTotal.map(Int64.init))
            bind(s, p + 19, c.resolvedOnTime.map(Int64.init)); bind(s, p + 20, c.resolvedLate.map(Int64.init))
            bind(s, p + 21, c.pending.map(Int64.init))
        }
        // Packed rows several a statement too: one a statement, a packed row cost 5 µs before its bytes
        // (22,000 of them on a 1M-row log whose cells were spilled: each province-year comes in every partition).
        for kind in [PackedCells.Kind.procedure, .unit] {
            let packs = prepared.packs.filter { $0.kind == kind }
            guard !packs.isEmpty, let statements = packStatements[kind] else { continue }
            try insertInChunks(packs.count, perStatement: Self.rollupRowsPerStatement, single: statements.single.sqliteStatement,
                               multi: statements.multi.sqliteStatement) { s, k, i in
                let pack = packs[i], p = Int32(k * 5)
                rc = sqlite3_bind_int64(s, p + 1, rowID(line: pack.number))
                rc |= sqlite3_bind_int64(s, p + 2, sourceID)
                bind(s, p + 3, pack.provinceID)
                rc |= sqlite3_bind_int64(s, p + 4, Int64(pack.year))
                // Bound without a copy (SQLITE_STATIC): `prepared` holds the bytes until after the step.
                pack.json.withUnsafeBufferPointer { rc |= sqlite3_bind_text(s, p + 5, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), Int32($0.count), nil) }
                return rc
            }
        }
        let rows = prepared.rows
        try insertInChunks(rows.count, perStatement: Self.rollupRowsPerStatement, single: single, multi: multi) { s, k, i in
            rc = SQLITE_OK
            bind(s, row: k, rows[i].number, rows[i].record)
            return rc
        }
        // About 80 bytes a rollup row, and the cells' JSON.
        writeback?.wrote(prepared.rows.count &* 80 &+ prepared.packs.reduce(0) { $0 &+ $1.json.count })
    }

    /// Rows of `admin_rollup_row` bound to one statement (21 values each).
    static let rollupRowsPerStatement = 16

    /// The most cells one row of `admin_procedure_rollup` or `admin_unit_rollup` holds (about 0.4 MB
    /// of JSON): a national log's province-year can have tens of thousands of procedures, and the
    /// text is built in memory.
    package static let cellsPerPackedRow = 8192

    /// Two files counting the same unit (or level, or whole province) over overlapping days would
    /// count those dossiers twice. Compared in memory against the other files' unit rollups of the
    /// same provinces (none, usually), so the check costs nothing for a first load.
    private func checkOverlap(_ rollups: (_ body: (RollupRecord) throws -> Void) throws -> Void, fileName: String) throws {
        // Other sources' rows have lower ids (this file's source id is the highest): none, nothing to compare.
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM admin_rollup_row WHERE id < ?1) OR EXISTS (SELECT 1 FROM admin_unit_rollup WHERE id < ?1)",
                                arguments: [sourceID << 32]) == true else { return }
        var provinceSet = Set<String>()
        try rollups { if $0.grain == .unit { provinceSet.insert($0.provinceID) } }
        let provinces = provinceSet.sorted()
        guard !provinces.isEmpty else { return }
        struct Other { var unitID: Int64?; var level: String?; var firstDay: String; var lastDay: String; var file: String }
        var byProvince: [String: [Other]] = [:]
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.province_id, r.unit_id, r.level, r.first_day, r.last_day, s.file_name
            FROM admin_rollup r JOIN source s ON s.id = r.source_id
            WHERE r.province_id IN (\(databaseQuestionMarks(count: provinces.count))) AND r.grain = 'unit' AND r.source_id <> ?
            """, arguments: StatementArguments(provinces.map(\.databaseValue) + [sourceID.databaseValue]))
        guard !rows.isEmpty else { return }
        var mine: [RollupRecord] = []
        try rollups { if $0.grain == .unit { mine.append($0) } }
        for row in rows {
            byProvince[row[0], default: []].append(Other(unitID: row[1], level: row[2], firstDay: row[3], lastDay: row[4], file: row[5]))
        }
        // Every overlapping unit is named (grouped by the file that already counts it), not only the first.
        var files: [String] = []
        var overlaps: [String: [(place: String, units: [String])]] = [:]
        for r in mine.sorted(by: { ($0.provinceID, $0.firstDay, $0.unitID ?? 0) < ($1.provinceID, $1.firstDay, $1.unitID ?? 0) }) {
            let (first, last) = (r.firstDay.description, r.lastDay.description)
            for o in byProvince[r.provinceID] ?? [] where o.firstDay <= last && first <= o.lastDay
                && (r.unitID == nil || o.unitID == nil || r.unitID == o.unitID)
                && (r.level == nil || o.level == nil || r.level!.rawValue == o.level) {
                let province = registryName(r.provinceID)
                let what: String
                if let unitID = r.unitID, let unit = try Row.fetchOne(db, sql: "SELECT code, name FROM admin_unit WHERE id = ?", arguments: [unitID]) {
                    let (code, name): (String, String) = (unit[0], unit[1])
                    what = code == name ? code : "\(name) (\(code))"
                } else if let unitID = r.unitID {
                    what = "unit \(unitID)"
                } else if let level = r.level {
                    what = "the \(level.rawValue)-level units"
                } else {
                    what = "the whole province"
                }
                let place = "of \(province) over \(first)..\(last)" + (o.firstDay == first && o.lastDay == last ? "" : " (there \(o.firstDay)..\(o.lastDay))")
                if overlaps[o.file] == nil { files.append(o.file) }
                var groups = overlaps[o.file, default: []]
                if let g = groups.firstIndex(where: { $0.place == place }) {
                    if !groups[g].units.contains(what) { groups[g].units.append(what) }
                } else {
                    groups.append((place, [what]))
                }
                overlaps[o.file] = groups
            }
        }
        if let otherFile = files.first {
            func list(_ words: [String]) -> String { words.count == 1 ? words[0] : words.dropLast().joined(separator: ", ") + " and " + words.last! }
            throw StoreError.overlappingCounts(file: fileName, what: overlaps[otherFile]!.map { "\(list($0.units)) \($0.place)" }.joined(separator: "; "),
                                               days: "", otherFile: otherFile, otherDays: "")
        }
    }

    private func registryName(_ provinceID: String) -> String {
        ProvinceRegistry.standard.province(id: provinceID)?.name ?? provinceID
    }
}

/// Rollup rows ready to insert (`AdministrativeTableWriter.insertRollups(_:)`): the unit and
/// procedure cells packed as JSON, the other records as they are, each with its number in the file's order.
package struct PreparedRollups: Sendable {
    package var packs: [(kind: PackedCells.Kind, number: Int, provinceID: String, year: Int, json: [UInt8])] = []
    package var rows: [(number: Int, record: RollupRecord)] = []
}

/// Makes rollup records into rows to insert, away from the database (so that another thread can
/// do it while the writer writes). Records are numbered in the order they come.
package struct RollupPreparer {
    private var number = 0
    private var pack = PackedCells(.procedure)
    private var ready = PreparedRollups()
    private var readyBytes = 0

    package init() {}

    package mutating func add(_ r: RollupRecord) {
        number += 1
        if let kind = PackedCells.kind(of: r) {
            // A cell's id is its row's id plus its place in the row: a row holds consecutive numbers only.
            if pack.count > 0 && (pack.count >= AdministrativeTableWriter.cellsPerPackedRow || pack.kind != kind
                                  || pack.year != r.period.year || pack.provinceID != r.provinceID || pack.firstNumber + pack.count != number) {
                closePack()
            }
            if pack.count == 0 { pack = PackedCells(kind) }
            pack.append(r, number: number)
        } else {
            ready.rows.append((number, r))
        }
    }

    /// Enough is ready to write (about 256 KiB of JSON, or 1,024 rows).
    package var isFull: Bool { readyBytes >= 256 << 10 || ready.rows.count >= 1024 }

    /// What is ready; the packed row being filled stays.
    package mutating func take() -> PreparedRollups {
        defer { ready = PreparedRollups(); readyBytes = 0 }
        return ready
    }

    /// Everything left, the last packed row closed.
    package mutating func finish() -> PreparedRollups {
        closePack()
        return take()
    }

    private mutating func closePack() {
        guard pack.count > 0 else { return }
        pack.close()
        ready.packs.append((pack.kind, pack.firstNumber, pack.provinceID, pack.year, pack.json))
        readyBytes += pack.json.count
        pack = PackedCells(pack.kind)
    }
}

/// The text of days and periods, kept: a few hundred distinct among tens of thousands of rows.
struct RollupTexts {
    private var days: [Int32: String] = [:]
    private var periods: [CalendarPeriod: String] = [:]

    /// The ISO text of a day number.
    mutating func day(_ number: Int32) -> String {
        if let t = days[number] { return t }
        let t = DayNumber.day(Int(number)).description
        days[number] = t
        return t
    }

    mutating func period(_ period: CalendarPeriod) -> String {
        if let t = periods[period] { return t }
        let t = period.description
        periods[period] = t
        return t
    }
}

/// The cells of one province and year being written as one JSON array, a row of
/// `admin_procedure_rollup` (`[[procedure_id, field_id, first_day, last_day, received_total, …, pending], …]`)
/// or of `admin_unit_rollup` (`[[unit_id, level, first_day, …], …]`).
package struct PackedCells {
    /// Which table the row goes to.
    package enum Kind: Sendable { case unit, procedure }

    let kind: Kind
    var provinceID = ""
    var year = 0
    var firstNumber = 0
    var count = 0
    var json: [UInt8] = [UInt8(ascii: "[")]

    init(_ kind: Kind) { self.kind = kind }

    /// The table that packs the record, if one does: yearly unit and procedure cells (the others,
    /// province months or reported periods, and breakdowns no file makes today, stay rows).
    static func kind(of r: RollupRecord) -> Kind? {
        guard r.period.kind == .year else { return nil }
        switch r.grain {
        case .unit where r.procedureID == nil && r.fieldID == nil: return .unit
        case .procedure where r.unitID == nil && r.level == nil: return .procedure
        default: return nil
        }
    }

    mutating func append(_ r: RollupRecord, number: Int) {
        if count == 0 { provinceID = r.provinceID; year = r.period.year; firstNumber = number } else { json.append(UInt8(ascii: ",")) }
        count += 1
        let c = r.counts
        // The cell's text is made in a buffer on the stack and appended at once: a byte at a time,
        // the array's checks cost more than the digits (a national log has millions of cells).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 13 * 21 + 2) { buffer in
            let p = buffer.baseAddress!
            var n = 0
            p[n] = UInt8(ascii: "["); n += 1
            func write(_ value: Int64?) { n += Self.write(value, p + n) }
            func write(_ value: Int?) { n += Self.write(value.map(Int64.init), p + n) }
            switch kind {
            case .procedure:
                write(r.procedureID); write(r.fieldID)
            case .unit:
                write(r.unitID)
                // A level's name is a few ASCII letters (`AdministrativeLevel`): nothing to escape.
                if let level = r.level {
                    p[n] = UInt8(ascii: "\""); n += 1
                    for byte in level.rawValue.utf8 { p[n] = byte; n += 1 }
                    p[n] = UInt8(ascii: "\""); p[n + 1] = UInt8(ascii: ","); n += 2
                } else {
                    write(nil as Int64?)
                }
            }
            write(Int64(r.firstDayNumber)); write(Int64(r.lastDayNumber))
            write(c.receivedTotal); write(c.receivedOnline); write(c.receivedFullOnline); write(c.receivedDirect); write(c.receivedPostal)
            write(c.resolvedTotal); write(c.resolvedOnTime); write(c.resolvedLate); write(c.pending)
            p[n - 1] = UInt8(ascii: "]")  // the last value's comma
            json.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        }
    }

    mutating func close() { json.append(UInt8(ascii: "]")) }

    /// Writes one value (`null` when nil) and its comma at `p`; returns the bytes written (at most 21).
    @inline(__always)
    private static func write(_ value: Int64?, _ p: UnsafeMutablePointer<UInt8>) -> Int {
        let n = AdministrativeTableWriter.writeJSON(value, to: p)
        p[n] = UInt8(ascii: ",")
        return n + 1
    }
}
