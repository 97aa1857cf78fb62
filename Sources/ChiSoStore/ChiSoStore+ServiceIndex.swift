import ChiSoCore
import ChiSoIngest
import GRDB
import GRDBSQLite

extension AdministrativeTableWriter {
    /// Writes the service-index cohort cells of the file (`admin_service_rollup`), 16 to a
    /// statement, bound with the raw SQLite API. Call after `finish`, in the same transaction.
    /// `withFlags` false (a log without the optional columns): only the cohort counts are written,
    /// the flag counts keep their default, 0.
    package func insertServiceRollups(withFlags: Bool, _ records: (_ body: (ServiceCells.Record) throws -> Void) throws -> Void) throws {
        let fixed = ["id", "source_id", "province_id", "month", "year", "unit_id", "level", "as_of"]
        let counted = withFlags ? ServiceCounts.columns.count : ServiceCells.coreStride
        let columns = fixed + ServiceCounts.columns.prefix(counted)
        func sql(_ rows: Int) -> String {
            "INSERT INTO admin_service_rollup (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")", count: rows).joined(separator: ",")
        }
        let perStatement = withFlags ? 16 : 32
        let multiStatement = try db.makeStatement(sql: sql(perStatement))
        let singleStatement = try db.makeStatement(sql: sql(1))
        defer { withExtendedLifetime((multiStatement, singleStatement)) {} }
        let multi = multiStatement.sqliteStatement, single = singleStatement.sqliteStatement
        func bind(_ s: OpaquePointer, _ index: Int32, _ text: String) {
            var text = text
            text.withUTF8 { _ = sqlite3_bind_text(s, index, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), Int32($0.count), AdministrativeTableWriter.transient) }
        }
        // Months and the last day repeat: their text is made once.
        var monthTexts: [CalendarPeriod: String] = [:]
        var asOfText: (Day, String)?
        func bind(_ s: OpaquePointer, row k: Int, _ n: Int, _ r: ServiceCells.Record) {
            let p = Int32(k * columns.count)
            sqlite3_bind_int64(s, p + 1, rowID(line: n))
            sqlite3_bind_int64(s, p + 2, sourceID)
            bind(s, p + 3, r.provinceID)
            if monthTexts[r.month] == nil { monthTexts[r.month] = r.month.description }
            bind(s, p + 4, monthTexts[r.month]!)
            sqlite3_bind_int64(s, p + 5, Int64(r.month.year))
            sqlite3_bind_int64(s, p + 6, r.unitID)
            bind(s, p + 7, r.level.rawValue)
            if asOfText?.0 != r.asOf { asOfText = (r.asOf, r.asOf.description) }
            bind(s, p + 8, asOfText!.1)
            r.counts.values.withUnsafeBufferPointer { v in
                for i in 0..<counted { sqlite3_bind_int64(s, p + 9 + Int32(i), Int64(v[i])) }
            }
        }
        func step(_ statement: OpaquePointer) throws {
            let code = sqlite3_step(statement)
            sqlite3_reset(statement)
            if code != SQLITE_DONE {
                throw StoreError.sqlite(message: String(cString: sqlite3_errmsg(db.sqliteConnection!)), sql: String(cString: sqlite3_sql(statement)))
            }
        }
        var pending: [ServiceCells.Record] = []
        pending.reserveCapacity(perStatement)
        var n = 0
        try records { r in
            pending.append(r)
            if pending.count == perStatement {
                for (k, record) in pending.enumerated() { bind(multi, row: k, n + k + 1, record) }
                try step(multi)
                n += perStatement
                pending.removeAll(keepingCapacity: true)
            }
        }
        for record in pending {
            n += 1
            bind(single, row: 0, n, record)
            try step(single)
        }
    }
}

extension ChiSoStore {
    /// The service-index cohort rows of one province over a span of years (by year of receipt),
    /// as `ServiceIndexCalculator` reads them.
    public func fetchServiceRollups(provinceID: String, years: ClosedRange<Int>) throws(StoreError) -> [ServiceRollup] {
        let sql = """
            SELECT r.province_id, r.month, u.code, u.name, r.level, r.as_of, \(ServiceCounts.columns.map { "r." + $0 }.joined(separator: ", "))
            FROM admin_service_rollup r JOIN admin_unit u ON u.id = r.unit_id
            WHERE r.province_id = ? AND r.year BETWEEN ? AND ?
            """
        return try read { db in
            var out: [ServiceRollup] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: [provinceID, years.lowerBound, years.upperBound])
            let n = ServiceCounts.columns.count
            while let row = try cursor.next() {
                guard let month = CalendarPeriod(row[1] as String), let asOf = Day(iso: row[5]),
                      let level = AdministrativeLevel(rawValue: row[4]) else { continue }
                var values = [Int](repeating: 0, count: n)
                for i in 0..<n { values[i] = row[6 + i] }
                out.append(ServiceRollup(provinceID: row[0], month: month, unitCode: row[2], unitName: row[3], level: level,
                                         asOf: asOf, counts: ServiceCounts(values: values)))
            }
            return out
        }
    }

    /// The years of receipt with service-index cohorts, for one province.
    public func fetchServiceRollupYears(provinceID: String) throws(StoreError) -> [Int] {
        try read { db in
            try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM admin_service_rollup WHERE province_id = ? ORDER BY year", arguments: [provinceID])
        }
    }
}

extension ChiSoStore {
    /// Recounts the service-index cohorts of every dossier row in SQL (`Schema.serviceCohortsFromDossiers`),
    /// replacing those counted at ingest (the optional columns' counts are lost: the dossier table
    /// does not keep them). For the tests, which compare both countings.
    package func recountServiceCohortsInSQL() throws {
        try write { db in
            try db.execute(sql: "DELETE FROM admin_service_rollup")
            try db.execute(sql: Schema.serviceCohortsFromDossiers)
        }
    }
}
