import ChiSoKit
import ChiSoApp
@testable import ChiSoIngest
import ChiSoStore
import GRDB
import Foundation
import Testing

/// Nothing crashes and nothing is lost: rows refused for one reason leave no trace, logs of many
/// internal batches, duplicate ids far apart, and files that cannot be written.
@Suite("Ingest robustness")
struct IngestRobustnessTests {
    /// The single integer a query returns.
    static func count(_ store: ChiSoStore, _ sql: String) throws -> Int {
        guard case .integer(let n)? = try store.query(sql).rows.first?.first else { throw QueryError(message: "no integer from \(sql)") }
        return Int(n)
    }

    static let levelHeader = "dossier_id,province_code,unit_code,level,procedure_code,received_at,channel,due_at,resolved_at"
    /// A first unit with an unknown level, then a second new unit: crashed with "Index out of range"
    /// (the first code was interned before its row was refused, so the unit table fell out of step).
    static let unknownLevelThenNewUnit = """
        \(levelHeader)
        A-1,54,54.U1,foo,1.001,2023-03-10T09:00:00+07:00,online,2023-03-20,
        A-2,54,54.U2,,1.001,2023-03-11T09:00:00+07:00,online,2023-03-21,

        """

    @Test("an unknown level on a new unit, then another new unit: refused with the cell, the store unchanged")
    func unknownLevelThenNewUnit() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let before = try store.dump()
        let path = try folder.write("log.csv", Self.unknownLevelThenNewUnit)
        let error = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: path) }
        #expect(error?.description.hasPrefix("\(path):2:4: error: [ingest] level \"foo\" is not province, district or commune") == true, "\(String(describing: error))")
        #expect(try store.dump() == before)
    }

    @Test("with --max-errors a refused row adds no unit, procedure or field; the good rows load")
    func rejectedRowsRegisterNothing() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let text = Self.unknownLevelThenNewUnit + """
            A-3,54,54.U3,,9.999,2023-03-11T09:00:00+07:00,fax,2023-03-21,
            A-4,54,54.U2,commune,1.001,2023-03-11T09:00:00+07:00,online,2023-03-21,
            A-5,54,54.U4,district,7.777,2023-03-12T09:00:00+07:00,online,2023-03-21,

            """
        let path = try folder.write("log.csv", text)
        let summary = try makeAdminIngestor(store).ingest(path: path, adminOptions: AdminIngestOptions(maxErrors: 10, rejectFile: folder.path("r.csv")))
        #expect(summary.outcome == .loaded(rows: 2))
        #expect(summary.rejectedRows == 3)
        // 54.U1 (unknown level), 54.U3 (unknown channel) and 9.999 came only with refused rows.
        let units = try store.query("SELECT code FROM admin_unit ORDER BY code").rows.map { $0.first }
        #expect(units == [.text("54.U2"), .text("54.U4")])
        let procedures = try store.query("SELECT code FROM admin_procedure ORDER BY code").rows.map { $0.first }
        #expect(procedures == [.text("1.001"), .text("7.777")])
        #expect(try Self.count(store, "SELECT sum(received_total) FROM admin_rollup WHERE grain = 'province'") == 2)
    }

    @Test("statistics: a refused row adds no unit, procedure or field")
    func rejectedStatisticsRegisterNothing() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let text = """
            period,province,unit_code,unit_name,level,procedure_code,field,received_total,received_online,resolved_total
            2023-Q1,54,54.SO.TP,Sở Tư pháp,province,1.001,Hộ tịch,10,4,8
            2023-Q1,54,54.NEW,Sở Mới,province,9.999,Lĩnh vực mới,-5,0,0
            2023-Q1,54,54.OTHER,Sở Khác,province,8.888,Khác,5,9,1

            """
        let path = try folder.write("stats.csv", text)
        let summary = try makeAdminIngestor(store).ingest(path: path, adminOptions: AdminIngestOptions(maxErrors: 5, rejectFile: folder.path("r.csv")))
        #expect(summary.outcome == .loaded(rows: 1))
        #expect(summary.rejectedRows == 2)
        #expect(try store.query("SELECT code FROM admin_unit").rows.map { $0.first } == [.text("54.SO.TP")])
        #expect(try store.query("SELECT code FROM admin_procedure").rows.map { $0.first } == [.text("1.001")])
        #expect(try store.query("SELECT name FROM admin_field").rows.map { $0.first } == [.text("Hộ tịch")])
    }

    // MARK: - Many batches

    /// A log of `rows` dossiers (more than three internal batches of 4,096), ids `D-<line>`, except
    /// that the lines in `repeats` take the id of another line.
    static func bigLog(rows: Int, repeats: [Int: Int]) -> String {
        var out = "dossier_id,province_code,unit_code,procedure_code,field,received_at,channel,due_at,resolved_at\n"
        out.reserveCapacity(rows * 90)
        let start = DayNumber.from(year: 2023, month: 1, day: 1)
        for i in 0..<rows {
            let line = i + 2
            let id = repeats[line].map { "D-\($0)" } ?? "D-\(line)"
            let day = start + (i * 7) % 365
            let received = "\(DayNumber.day(day))T09:00:00+07:00"
            let resolved = i % 5 == 0 ? "" : "\(DayNumber.day(day + i % 9))T10:00:00+07:00"
            out += "\(id),54,54.U\(i % 37),P\(i % 101),F\(i % 11),\(received),\(["online", "direct", "postal"][i % 3]),\(DayNumber.day(day + 5)),\(resolved)\n"
        }
        return out
    }

    /// `log` with the optional yes/no columns `satisfied`, `fee_required` and `paid_online`,
    /// cycling through yes, no and empty.
    static func flagged(_ log: String) -> String {
        let values = ["có", "không", "", "1", "0"]
        return log.split(separator: "\n").enumerated().map { i, line in
            i == 0 ? line + ",satisfied,fee_required,paid_online"
                   : line + ",\(values[i % 5]),\(values[i % 3]),\(values[i % 4])"
        }.joined(separator: "\n") + "\n"
    }

    @Test("a log of more than three batches with ids repeated across batches: refused naming both lines; with --max-errors loaded once each")
    func manyBatchesWithDuplicates() throws {
        let rows = DossierParser.batchRows * 3 + 1_000
        // Line 9,000 repeats line 7 (batch 3 against batch 1), line 13,001 repeats line 4,200 (batch 4 against batch 2).
        let repeats = [9_000: 7, 13_001: 4_200]
        let folder = try TemporaryFolder()
        let path = try folder.write("big.csv", Self.bigLog(rows: rows, repeats: repeats))
        let store = try ChiSoStore(path: nil)
        let before = try store.dump()
        let error = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: path) }
        let message = error?.description ?? ""
        #expect(message.contains("\(path):9000:1: error: [ingest] dossier_id D-7 appears again (first on line 7)"), "\(message)")
        #expect(message.contains("\(path):13001:1: error: [ingest] dossier_id D-4200 appears again (first on line 4200)"), "\(message)")
        #expect(try store.dump() == before)

        let summary = try makeAdminIngestor(store).ingest(path: path, adminOptions: AdminIngestOptions(maxErrors: 5, rejectFile: folder.path("r.csv")))
        #expect(summary.outcome == .loaded(rows: rows - 2))
        #expect(summary.rejectedRows == 2)
        #expect(try Self.count(store, "SELECT count(*) FROM dossier") == rows - 2)
        #expect(try Self.count(store, "SELECT count(DISTINCT dossier_id) FROM dossier") == rows - 2)
        #expect(try Self.count(store, "SELECT sum(received_total) FROM admin_rollup WHERE grain = 'province'") == rows - 2)
        #expect(try Self.count(store, "SELECT sum(received_total) FROM admin_rollup WHERE grain = 'unit'") == rows - 2)
        #expect(try Self.count(store, "SELECT sum(received_total) FROM admin_rollup WHERE grain = 'procedure'") == rows - 2)
        // Every row kept its own line and id, across batches (the row id is the source and the line).
        #expect(try Self.count(store, "SELECT count(*) FROM dossier WHERE dossier_id <> 'D-' || (id & 4294967295)") == 0)
        #expect(try Self.count(store, "SELECT count(*) FROM dossier WHERE (id & 4294967295) IN (9000, 13001)") == 0)
        // Pending rows: every fifth.
        #expect(try Self.count(store, "SELECT count(*) FROM dossier WHERE resolved_at IS NULL") == (rows + 4) / 5)
        let rejects = try CSVReader(path: folder.path("r.csv"), hasHeader: true).readAll()
        #expect(rejects.map { $0[0] } == ["D-7", "D-4200"])
    }

    @Test("row ids are the source and the line, whether SQLite appends the row or it is bound: gaps from refused rows, a quoted line break, a second file")
    func rowIDsAcrossGapsAndFiles() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let first = DossierParser.batchRows + 500
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("first.csv", Self.bigLog(rows: first, repeats: [:])))
        // The second log: every 97th row refused (an unknown channel), every 1,000th with a unit
        // name over two lines (the next row starts two lines further down).
        var lines = ["dossier_id,province_code,unit_code,unit_name,procedure_code,received_at,channel,due_at,resolved_at"]
        var line = 2
        var kept: [Int] = []
        for i in 0..<(DossierParser.batchRows * 2 + 300) {
            let unit = i % 1_000 == 999 ? "54.W\(i),\"Phòng\nTư pháp \(i)\"" : "54.V\(i % 3),Phòng \(i % 3)"
            let channel = i % 97 == 50 ? "fax" : "online"
            lines.append("E-\(line),54,\(unit),P1,2023-03-10T09:00:00+07:00,\(channel),2023-03-20,")
            if channel != "fax" { kept.append(line) }
            line += i % 1_000 == 999 ? 2 : 1
        }
        let path = try folder.write("second.csv", lines.joined(separator: "\n") + "\n")
        let summary = try makeAdminIngestor(store).ingest(path: path, adminOptions: AdminIngestOptions(maxErrors: 100, rejectFile: folder.path("r.csv")))
        #expect(summary.outcome == .loaded(rows: kept.count))
        let rows = try store.query("SELECT id >> 32, id & 4294967295, dossier_id FROM dossier ORDER BY id").rows
        #expect(rows.count == first + kept.count)
        // The first file: its source, lines 2...; the second: the next source, the lines of the rows kept.
        let sources = try store.query("SELECT id FROM source WHERE kind = 'dossiers' ORDER BY id").rows.map { $0[0] }
        #expect(sources.count == 2)
        let expected = (0..<first).map { [sources[0], .integer(Int64($0 + 2)), .text("D-\($0 + 2)")] }
            + kept.map { [sources[1], .integer(Int64($0)), .text("E-\($0)")] }
        #expect(rows == expected)
    }

    // MARK: - Rollups in bounded memory

    /// Every rollup row but its id, sorted.
    static func rollups(_ store: ChiSoStore) throws -> [[QueryResult.Cell]] {
        try store.query("""
            SELECT grain, province_id, period, year, first_day, last_day, unit_id, level, procedure_id, field_id,
                   received_total, received_online, received_full_online, received_direct, received_postal,
                   resolved_total, resolved_on_time, resolved_late, pending
            FROM admin_rollup ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
            """).rows
    }

    @Test("rollups spilled to disk (a tiny cell cap) equal rollups kept in memory, rejected duplicates taken back out included; also when the spilled partitions are too large to merge at once and are split, twice over",
          arguments: [(1, nil), (16, nil), (1_000, nil), (16, 40), (16, 12)] as [(Int, Int?)])
    func spilledRollupsEqualInMemory(cap: Int, group: Int?) throws {
        let folder = try TemporaryFolder()
        let files = [
            try folder.write("big.csv", Self.bigLog(rows: DossierParser.batchRows * 3 + 1_000, repeats: [9_000: 7, 13_001: 4_200])),
            try folder.write("generated.csv", GeneratedDossierSet(count: 2_000, seed: 7).log),
            try folder.write("flagged.csv", Self.flagged(Self.bigLog(rows: 6_000, repeats: [5_000: 30]))),
        ]
        for path in files {
            var results: [[[QueryResult.Cell]]] = []
            var cohorts: [[[QueryResult.Cell]]] = []
            for cellCap in [nil, cap] as [Int?] {
                let store = try ChiSoStore(path: nil)
                var ingestor = makeAdminIngestor(store)
                ingestor.rollupCellCap = .some(cellCap)
                if cellCap != nil { ingestor.spillGroupCells = group }
                let summary = try ingestor.ingest(path: path, adminOptions: AdminIngestOptions(maxErrors: 10, rejectFile: folder.path("r.csv")))
                #expect(summary.outcome != nil)
                results.append(try Self.rollups(store))
                cohorts.append(try store.query("SELECT * FROM admin_service_rollup ORDER BY unit_id, month").rows)
            }
            #expect(results[0].count > 50)
            #expect(results[0] == results[1], "\(path): spilled rollups differ")
            #expect(cohorts[0].count > 50)
            #expect(cohorts[0] == cohorts[1], "\(path): spilled service-index cohorts differ")
        }
    }

    @Test("spilled rollup cells read back: every dossier once in each breakdown; after a writer that failed mid-way they can be read again")
    func spilledCellsReadBack() throws {
        var scan = DossierLogScan()
        let province = scan.provinces.index(of: ProvinceRegistry.standard.province(id: "54")!)
        scan.units = (0..<40).map { LoadedUnit(dbID: Int64($0 + 1), provinceIndex: province, code: "U\($0)", level: .commune) }
        var cells = DossierRollupCells()
        cells.cap = 16
        let start = Int64(DayNumber.from(year: 2023, month: 1, day: 1)) * 86_400
        for i in 0..<3_000 {
            let received = start + Int64(i % 700) * 86_400 + 32_400
            cells.count(DossierValues(province: province, unit: Int32(i % 40), procedure: Int32(i % 500), field: -1, received: received,
                                      resolved: i % 4 == 0 ? DossierBatch.pending : received + 3_600, due: Int32(received / 86_400 + 2),
                                      channel: UInt8(1 + i % 3), level: 0), sign: 1)
        }
        #expect((cells.spill?.written ?? 0) > 1_000)
        var all: [RollupRecord] = []
        try cells.forEachRecord(scan) { all.append($0) }
        // Every dossier once in each breakdown, whatever the spill did.
        for grain in [RollupGrain.province, .unit, .procedure] {
            #expect(all.filter { $0.grain == grain }.reduce(0) { $0 + ($1.counts.receivedTotal ?? 0) } == 3_000)
        }
        struct WriterFailed: Error {}
        var taken = 0
        #expect(throws: WriterFailed.self) {
            try cells.forEachRecord(scan) { _ in
                taken += 1
                if taken == 3 { throw WriterFailed() }
            }
        }
        var again = 0
        try cells.forEachRecord(scan) { _ in again += 1 }
        #expect(again == all.count)
    }

    @Test("procedure cells: more than one row's worth in a province and year still equal a recount from the dossier table")
    func procedureCellsAcrossRows() throws {
        let folder = try TemporaryFolder()
        // Every row its own procedure: cellsPerPackedRow + 800 cells in Phú Yên's 2023.
        let rows = AdministrativeTableWriter.cellsPerPackedRow + 800
        var log = "dossier_id,province_code,unit_code,procedure_code,field,received_at,channel,due_at,resolved_at\n"
        for i in 0..<rows {
            let day = DayNumber.day(DayNumber.from(year: 2023, month: 1, day: 1) + i % 360)
            log += "D-\(i),54,54.U\(i % 13),P\(i),\(i % 4 == 0 ? "" : "F\(i % 7)"),\(day)T09:00:00+07:00,\(i % 2 == 0 ? "online" : "direct"),\(day),\(i % 3 == 0 ? "" : "\(day)T10:00:00+07:00")\n"
        }
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("many.csv", log))
        #expect(try Self.count(store, "SELECT count(*) FROM admin_procedure_rollup WHERE province_id = '54' AND year = 2023") == 2)
        // The oracle: the dossiers grouped in SQL, independently of the cells and their JSON.
        let recount = try store.query("""
            SELECT p.code, f.name, count(*), sum(d.channel = 1), sum(d.channel = 2), sum(d.resolved_at IS NOT NULL), sum(d.resolved_at IS NULL),
                   date(min(d.received_at), 'unixepoch'), date(max(coalesce(d.resolved_at, d.received_at)), 'unixepoch')
            FROM dossier d JOIN admin_procedure p ON p.id = d.procedure_id LEFT JOIN admin_field f ON f.id = d.field_id
            GROUP BY 1, 2 ORDER BY 1, 2
            """).rows
        let view = try store.query("""
            SELECT p.code, f.name, r.received_total, r.received_online, r.received_direct, r.resolved_total, r.pending,
                   r.first_day, r.last_day
            FROM admin_rollup r JOIN admin_procedure p ON p.id = r.procedure_id LEFT JOIN admin_field f ON f.id = r.field_id
            WHERE r.grain = 'procedure' ORDER BY 1, 2
            """).rows
        #expect(view.count == rows)
        #expect(view.map { Array($0.prefix(7)) } == recount.map { Array($0.prefix(7)) })
        // A cell covers the months of its dossiers: first and last day within them.
        for (v, r) in zip(view, recount) {
            guard case .text(let first) = v[7], case .text(let last) = v[8], case .text(let a) = r[7], case .text(let b) = r[8] else { Issue.record("days"); continue }
            #expect(first <= a && b <= last && first.hasSuffix("-01"), "\(v)")
        }
        #expect(try Self.count(store, "SELECT count(DISTINCT id) FROM admin_rollup") == Self.count(store, "SELECT count(*) FROM admin_rollup"))
    }

    @Test("unit cells: more than one row's worth in a province and year still equal a recount from the dossier table")
    func unitCellsAcrossRows() throws {
        let folder = try TemporaryFolder()
        // Every row its own unit: cellsPerPackedRow + 800 cells in Phú Yên's 2023, levels of all three kinds.
        let rows = AdministrativeTableWriter.cellsPerPackedRow + 800
        let levels = ["province", "district", "commune"]
        var log = "dossier_id,province_code,unit_code,level,procedure_code,received_at,channel,due_at,resolved_at\n"
        for i in 0..<rows {
            let day = DayNumber.day(DayNumber.from(year: 2023, month: 1, day: 1) + i % 360)
            log += "D-\(i),54,54.U\(i),\(levels[i % 3]),P\(i % 17),\(day)T09:00:00+07:00,\(i % 2 == 0 ? "online" : "direct"),\(day),\(i % 3 == 0 ? "" : "\(day)T10:00:00+07:00")\n"
        }
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("units.csv", log))
        #expect(try Self.count(store, "SELECT count(*) FROM admin_unit_rollup WHERE province_id = '54' AND year = 2023") == 2)
        #expect(try Self.count(store, "SELECT count(*) FROM admin_rollup_row WHERE grain = 'unit'") == 0)
        // The oracle: the dossiers grouped in SQL, independently of the cells and their JSON.
        let recount = try store.query("""
            SELECT u.code, u.level, count(*), sum(d.channel = 1), sum(d.channel = 2), sum(d.resolved_at IS NOT NULL), sum(d.resolved_at IS NULL)
            FROM dossier d JOIN admin_unit u ON u.id = d.unit_id
            GROUP BY 1, 2 ORDER BY 1, 2
            """).rows
        let view = try store.query("""
            SELECT u.code, r.level, r.received_total, r.received_online, r.received_direct, r.resolved_total, r.pending
            FROM admin_rollup r JOIN admin_unit u ON u.id = r.unit_id
            WHERE r.grain = 'unit' ORDER BY 1, 2
            """).rows
        #expect(view.count == rows)
        #expect(view == recount)
        #expect(try Self.count(store, "SELECT count(DISTINCT id) FROM admin_rollup") == Self.count(store, "SELECT count(*) FROM admin_rollup"))
    }

    @Test("the database refuses a rollup row while the threads that prepare them wait: the ingest fails with SQLite's message, the store is unchanged",
          arguments: ["admin_procedure_rollup", "admin_unit_rollup", "admin_service_cohort"])
    func writerFailsWhilePreparersWait(table: String) throws {
        let folder = try TemporaryFolder()
        // Every row its own procedure: two packed rows of procedure cells (more than one chunk), cohorts of 13 units.
        var log = "dossier_id,province_code,unit_code,procedure_code,received_at,channel,due_at,resolved_at\n"
        for i in 0..<(AdministrativeTableWriter.cellsPerPackedRow + 800) {
            let day = DayNumber.day(DayNumber.from(year: 2023, month: 1, day: 1) + i % 360)
            log += "D-\(i),54,54.U\(i % 13),P\(i),\(day)T09:00:00+07:00,online,\(day),\n"
        }
        let store = try ChiSoStore(path: nil)
        try store.queue.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON \(table) BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
        }
        let before = try store.dump()
        let error = #expect(throws: (any Error).self) { try makeAdminIngestor(store).ingest(path: try folder.write("many.csv", log)) }
        #expect("\(String(describing: error))".contains("refused by the test"), "\(String(describing: error))")
        #expect(try store.dump() == before)
        // The store still takes the log once the trigger is gone.
        try store.queue.write { db in try db.execute(sql: "DROP TRIGGER refuse") }
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("many.csv", log))
        #expect(try Self.count(store, "SELECT sum(received_total) FROM admin_rollup WHERE grain = 'procedure'") == AdministrativeTableWriter.cellsPerPackedRow + 800)
    }

    @Test("the rollup spill on a full disk: the ingest fails with a message and the store is unchanged")
    func rollupSpillOnFullDisk() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("big.csv", Self.bigLog(rows: 3_000, repeats: [:]))
        let store = try ChiSoStore(path: nil)
        let before = try store.dump()
        var ingestor = makeAdminIngestor(store)
        ingestor.rollupCellCap = .some(10)
        // The id spill writes its 48 KB at the end; the cell spill fills the room first.
        ingestor.spillWriter = Self.fullDisk(after: 4_096)
        let error = #expect(throws: IngestError.self) { try ingestor.ingest(path: path) }
        #expect(error?.description.contains("No space left on device; nothing was loaded") == true, "\(String(describing: error))")
        #expect(try store.dump() == before)
    }

    // MARK: - Files that cannot be written

    /// A writer that takes `room` bytes, then fails like a full disk.
    static func fullDisk(after room: Int) -> IDHashSpill.Writer {
        nonisolated(unsafe) var left = room
        return { _, _, count in
            guard left > 0 else { errno = ENOSPC; return -1 }
            let n = min(count, left)
            left -= n
            return n
        }
    }

    @Test("the duplicate-id spill on a full disk: the ingest fails with a message and the store is unchanged", arguments: [0, 20_000])
    func spillOnFullDisk(room: Int) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("big.csv", Self.bigLog(rows: 5_000, repeats: [:]))
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("first.csv", Self.bigLog(rows: 10, repeats: [:]).replacingOccurrences(of: ",54,", with: ",62,")))
        let before = try store.dump()
        var ingestor = makeAdminIngestor(store)
        ingestor.spillWriter = Self.fullDisk(after: room)
        let error = #expect(throws: IngestError.self) { try ingestor.ingest(path: path) }
        #expect(error?.description.contains("error: [ingest] cannot write the temporary file of the duplicate check: No space left on device; nothing was loaded") == true,
                "\(String(describing: error))")
        #expect(try store.dump() == before)
    }

    @Test("the statistics duplicate check on a full disk: the ingest fails and the store is unchanged")
    func statisticsSpillOnFullDisk() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("stats.csv", GeneratedDossierSet(count: 300, seed: 3).aggregate)
        let store = try ChiSoStore(path: nil)
        let before = try store.dump()
        var ingestor = makeAdminIngestor(store)
        ingestor.spillWriter = Self.fullDisk(after: 100)
        let error = #expect(throws: IngestError.self) { try ingestor.ingest(path: path) }
        #expect(error?.description.contains("No space left on device; nothing was loaded") == true, "\(String(describing: error))")
        #expect(try store.dump() == before)
    }

    @Test("a reject file on a full device (/dev/full): the ingest fails, the store is unchanged, the device is left alone",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")), arguments: [SourceFile.Kind.dossiers, .statistics])
    func rejectFileOnFullDevice(kind: SourceFile.Kind) throws {
        let folder = try TemporaryFolder()
        let text = kind == .dossiers
            ? Self.unknownLevelThenNewUnit
            : "period,province,unit_code,received_total,received_online\n2023-Q1,54,54.A,10,4\n2023-Q1,54,54.B,-1,0\n"
        let path = try folder.write("f.csv", text)
        let store = try ChiSoStore(path: nil)
        let before = try store.dump()
        let error = #expect(throws: IngestError.self) {
            try makeAdminIngestor(store).ingest(path: path, adminOptions: AdminIngestOptions(maxErrors: 5, rejectFile: "/dev/full"))
        }
        #expect(error == .unwritable(path: "/dev/full", what: "the reject file", reason: "No space left on device",
                                     advice: "free some space or choose another --reject-file"))
        #expect(try store.dump() == before)
        #expect(FileManager.default.fileExists(atPath: "/dev/full"))
    }

    @Test("a reject file in a folder that does not exist: refused before anything loads")
    func rejectFileInMissingFolder() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("f.csv", Self.unknownLevelThenNewUnit)
        let store = try ChiSoStore(path: nil)
        let before = try store.dump()
        let rejectPath = folder.path("missing/r.csv")
        let error = #expect(throws: IngestError.self) {
            try makeAdminIngestor(store).ingest(path: path, adminOptions: AdminIngestOptions(maxErrors: 5, rejectFile: rejectPath))
        }
        #expect(error?.description == "\(rejectPath): error: [ingest] cannot write the reject file: No such file or directory; nothing was loaded: free some space or choose another --reject-file")
        #expect(try store.dump() == before)
    }
}

/// Day numbers against an independent oracle: Foundation's Gregorian calendar, every day of 1900–2200.
@Suite("Day numbers")
struct DayNumberOracleTests {
    @Test("DayNumber agrees with Foundation's Gregorian calendar on every day of 1900-2200")
    func gregorian() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let first = try #require(calendar.date(from: DateComponents(year: 1900, month: 1, day: 1)))
        let last = try #require(calendar.date(from: DateComponents(year: 2200, month: 12, day: 31)))
        // Foundation counts seconds from 1970-01-01, as day numbers count days.
        let firstNumber = Int((first.timeIntervalSince1970 / 86_400).rounded())
        let lastNumber = Int((last.timeIntervalSince1970 / 86_400).rounded())
        #expect(lastNumber - firstNumber + 1 == 109_938)
        var mismatches: [String] = []
        for number in firstNumber...lastNumber {
            let date = Date(timeIntervalSince1970: Double(number) * 86_400)
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            let expected = (c.year!, c.month!, c.day!)
            let civil = DayNumber.civil(number)
            if civil != expected || DayNumber.from(year: c.year!, month: c.month!, day: c.day!) != number {
                mismatches.append("\(number): \(civil) vs \(expected)")
                if mismatches.count > 5 { break }
            }
            if c.day == 1 {
                let days = calendar.range(of: .day, in: .month, for: date)!.count
                if DayNumber.daysIn(month: c.month!, year: c.year!) != days { mismatches.append("days in \(c.year!)-\(c.month!)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}
