import ChiSoCore
import ChiSoIngest
import GRDB
import GRDBSQLite

extension AdministrativeTableWriter {
    /// Writes the service-index cohorts of the file (`admin_service_cohort`): one row per unit and
    /// year, its months as JSON arrays written here byte by byte (no `JSONEncoder`: a national log
    /// has tens of thousands of rows). Call after `finish`, in the same transaction.
    /// `withFlags` false (a log without the optional columns): `flags` stays NULL.
    package func insertServiceCohorts(withFlags: Bool, _ cohorts: (_ body: (borrowing ServiceCells.Cohort) throws -> Void) throws -> Void) throws {
        var preparer = CohortPreparer(withFlags: withFlags)
        try cohorts { cohort in
            preparer.add(cohort)
            if preparer.isFull { try insertServiceCohorts(preparer.take()) }
        }
        try insertServiceCohorts(preparer.take())
    }

    /// Writes cohort rows made ready by a `CohortPreparer` (on any thread), in the order it made them.
    package func insertServiceCohorts(_ prepared: PreparedCohorts) throws {
        // Several rows a statement, OR FAIL: no statement journal (see `insertRollups`).
        let perStatement = 16
        if cohortStatements == nil {
            func sql(rows: Int) -> String {
                "INSERT OR FAIL INTO admin_service_cohort (id, source_id, province_id, year, unit_id, as_of, months, flags) VALUES "
                    + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
            }
            cohortStatements = (try db.makeStatement(sql: sql(rows: 1)), try db.makeStatement(sql: sql(rows: perStatement)))
        }
        let single = cohortStatements!.single.sqliteStatement, multi = cohortStatements!.multi.sqliteStatement
        try prepared.text.withUnsafeBufferPointer { text in
            // Bound without a copy (SQLITE_STATIC): the text outlives the steps below.
            func slice(_ range: Range<Int32>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: text[Int(range.lowerBound)..<Int(range.upperBound)]) }
            let rows = prepared.rows
            try insertInChunks(rows.count, perStatement: perStatement, single: single, multi: multi) { s, k, i in
                let row = rows[i], p = Int32(k * 8)
                var rc = sqlite3_bind_int64(s, p + 1, rowID(line: row.number))
                rc |= sqlite3_bind_int64(s, p + 2, sourceID)
                rc |= sqlite3_bind_int64(s, p + 4, Int64(row.year))
                rc |= sqlite3_bind_int64(s, p + 5, row.unitID)
                rc |= Self.bindText(s, p + 3, slice(row.provinceID)) | Self.bindText(s, p + 6, slice(row.asOf)) | Self.bindText(s, p + 7, slice(row.months))
                return rc | (row.flags.map { Self.bindText(s, p + 8, slice($0)) } ?? sqlite3_bind_null(s, p + 8))
            }
        }
        writeback?.wrote(prepared.text.count)
    }

    /// Appends `values` as a JSON array of arrays of `width` integers: `[[1,2],[3,4]]`.
    static func appendJSONRows(_ values: [Int32], width: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        // Each inner array is made in a buffer on the stack and appended at once: a byte at a time,
        // the array's checks cost more than the digits.
        values.withUnsafeBufferPointer { v in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: width * 12 + 3) { buffer in
                let p = buffer.baseAddress!
                var start = 0
                while start < v.count {
                    var n = 0
                    if start > 0 { p[n] = UInt8(ascii: ","); n += 1 }
                    p[n] = UInt8(ascii: "["); n += 1
                    for k in 0..<min(width, v.count - start) {
                        if k > 0 { p[n] = UInt8(ascii: ","); n += 1 }
                        n += writeJSON(Int64(v[start + k]), to: p + n)
                    }
                    p[n] = UInt8(ascii: "]"); n += 1
                    out.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
                    start += width
                }
            }
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Appends `value` as a JSON number (`null` when nil), digit by digit: the JSON columns of the
    /// rollup tables are written here, not with `JSONEncoder`, a number at a time by the million.
    static func appendJSON(_ value: Int64?, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            out.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress!, count: writeJSON(value, to: buffer.baseAddress!)))
        }
    }

    /// Writes `value` as a JSON number (`null` when nil) at `p`; returns the bytes written (at most 20).
    @inline(__always)
    static func writeJSON(_ value: Int64?, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard let value else {
            for (i, byte) in "null".utf8.enumerated() { p[i] = byte }
            return 4
        }
        // Most counts of a cell are 0 or a single digit: one byte, no division.
        if value >= 0 && value < 10 { p[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value); return 1 }
        var n = 0
        if value < 0 { p[0] = UInt8(ascii: "-"); n = 1 }
        var v = value.magnitude
        // The digits backwards, then turned around.
        let first = n
        repeat { p[n] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10); v /= 10; n += 1 } while v > 0
        var (i, j) = (first, n - 1)
        while i < j { (p[i], p[j]) = (p[j], p[i]); i += 1; j -= 1 }
        return n
    }
}

/// Cohort rows ready to insert (`AdministrativeTableWriter.insertServiceCohorts(_:)`): their texts
/// side by side in one buffer, each row's as ranges of it.
package struct PreparedCohorts: Sendable {
    package struct Row: Sendable {
        var number: Int
        var year: Int
        var unitID: Int64
        var provinceID: Range<Int32>, asOf: Range<Int32>, months: Range<Int32>
        var flags: Range<Int32>?
    }
    var rows: [Row] = []
    var text: [UInt8] = []
}

/// Makes service-index cohorts into rows to insert, away from the database (so that another
/// thread can do it while the writer writes). Cohorts are numbered in the order they come.
package struct CohortPreparer {
    private let withFlags: Bool
    private var number = 0
    private var ready = PreparedCohorts()

    package init(withFlags: Bool) { self.withFlags = withFlags }

    package mutating func add(_ cohort: borrowing ServiceCells.Cohort) {
        number += 1
        func append(_ write: (inout [UInt8]) -> Void) -> Range<Int32> {
            let start = Int32(ready.text.count)
            write(&ready.text)
            return start..<Int32(ready.text.count)
        }
        let province = append { $0.append(contentsOf: cohort.provinceID.utf8) }
        let asOf = append { $0.append(contentsOf: cohort.asOf.description.utf8) }
        let months = append { AdministrativeTableWriter.appendJSONRows(cohort.months, width: ServiceCells.Cohort.monthWidth, to: &$0) }
        let flags = withFlags ? append { AdministrativeTableWriter.appendJSONRows(cohort.flags, width: ServiceCells.Cohort.flagWidth, to: &$0) } : nil
        ready.rows.append(PreparedCohorts.Row(number: number, year: cohort.year, unitID: cohort.unitID, provinceID: province, asOf: asOf, months: months, flags: flags))
    }

    /// Enough is ready to write (about 256 KiB of text, or 1,024 rows).
    package var isFull: Bool { ready.text.count >= 256 << 10 || ready.rows.count >= 1024 }

    /// What is ready.
    package mutating func take() -> PreparedCohorts {
        defer { ready = PreparedCohorts() }
        return ready
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

    /// The statistics rows of one province over a span of years (by reported period) from the files
    /// that state any service-index count, every row of those files (a row without a count leaves
    /// it not stated), as `ServiceIndexCalculator` reads them.
    public func fetchServiceStatistics(provinceID: String, years: ClosedRange<Int>) throws(StoreError) -> [ServiceStatistic] {
        let columns = ServiceStatisticColumn.allCases
        let sql = """
            SELECT st.reported, u.code, u.name, coalesce(st.level, u.level), src.file_name, coalesce(st.received_total, 0),
                   \(columns.map { "st." + $0.rawValue }.joined(separator: ", "))
            FROM admin_statistic st JOIN source src ON src.id = st.id >> 32 LEFT JOIN admin_unit u ON u.id = st.unit_id
            WHERE st.province_id = ? AND CAST(substr(st.reported, 1, 4) AS INTEGER) BETWEEN ? AND ?
              AND st.id >> 32 IN (SELECT DISTINCT id >> 32 FROM admin_statistic WHERE province_id = ?
                                  AND coalesce(\(columns.map(\.rawValue).joined(separator: ", "))) IS NOT NULL)
            """
        return try read { db in
            var out: [ServiceStatistic] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: [provinceID, years.lowerBound, years.upperBound, provinceID])
            while let row = try cursor.next() {
                guard let period = CalendarPeriod(row[0] as String) else { continue }
                var counts: [ServiceStatisticColumn: Int] = [:]
                for (i, column) in columns.enumerated() { if let n = row[6 + i] as Int? { counts[column] = n } }
                out.append(ServiceStatistic(provinceID: provinceID, period: period, unitCode: row[1], unitName: row[2],
                                            level: (row[3] as String?).flatMap(AdministrativeLevel.init(rawValue:)),
                                            file: row[4], received: row[5], counts: counts))
            }
            return out
        }
    }

    /// The years of receipt with service-index cohorts, for one province.
    public func fetchServiceRollupYears(provinceID: String) throws(StoreError) -> [Int] {
        try read { db in
            try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM admin_service_cohort WHERE province_id = ? ORDER BY year", arguments: [provinceID])
        }
    }
}

extension ChiSoStore {
    /// Recounts the service-index cohorts of every dossier row in SQL (`Schema.serviceCohortsFromDossiers`),
    /// replacing those counted at ingest (the optional columns' counts are lost: the dossier table
    /// does not keep them). For the tests, which compare both countings.
    package func recountServiceCohortsInSQL() throws {
        try write { db in
            try db.execute(sql: "DELETE FROM admin_service_cohort")
            try db.execute(sql: Schema.serviceCohortsFromDossiers)
        }
    }
}
