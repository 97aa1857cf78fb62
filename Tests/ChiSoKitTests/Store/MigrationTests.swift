import Foundation
import GRDB
import Testing

@testable import ChiSoCore
@testable import ChiSoStore

@Suite("Schema migrations")
struct MigrationTests {
    private func temporaryPath() throws -> (path: String, cleanup: () -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir.appendingPathComponent("db.sqlite").path, { try? FileManager.default.removeItem(at: dir) })
    }

    /// Makes the database at `path` as the release of `version` left it, holding Phú Yên, then what
    /// `fill` writes; returns what `fill` returns.
    private func database<T>(at path: String, version: String, _ fill: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: version)
        return try queue.write { db in
            try db.execute(sql: "INSERT INTO province (id, code, name, name_ascii, official_name, region, subregion) VALUES ('54', '54', 'Phú Yên', 'Phu Yen', 'Tỉnh Phú Yên', 'north-central-and-central-coast', 'south-central-coast')")
            return try fill(db)
        }
    }

    @Test("a database made by the first release (v1) is brought up to the current schema, its rows kept")
    func upgradesFromV1() throws {
        let (path, cleanup) = try temporaryPath()
        defer { cleanup() }
        let appliedBefore = try database(at: path, version: "v1 rankings") { try Schema.migrator.appliedIdentifiers($0) }
        #expect(appliedBefore == ["v1 rankings"])
        let store = try ChiSoStore(path: path)
        let applied = try store.read { try Schema.migrator.appliedIdentifiers($0) }
        #expect(applied == Set(Schema.migrator.migrations))
        #expect(try store.read { try $0.tableExists("admin_rollup_row") && $0.viewExists("admin_rollup") })
        // The province table is rewritten from the registry on every write; reads see the v1 row as it was.
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT name FROM province WHERE id = '54'") } == "Phú Yên")
        #expect(try store.checkIntegrity().isEmpty)
    }

    @Test("a database a newer ChiSo migrated is refused on every open, read-only included, and left as it was")
    func refusesNewerSchema() throws {
        let (path, cleanup) = try temporaryPath()
        defer { cleanup() }
        do {
            let store = try ChiSoStore(path: path)
            try store.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99 something newer')")
            }
            try store.close()
        }
        let before = FileManager.default.contents(atPath: path)
        for readOnly in [false, true] {
            #expect(throws: StoreError.newerSchema(path: path, unknown: ["v99 something newer"])) {
                _ = try ChiSoStore(path: path, readOnly: readOnly)
            }
        }
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("a new file is made with every migration, synced once, and its connection writes with full syncs again")
    func newFileMadeWhole() throws {
        let (path, cleanup) = try temporaryPath()
        defer { cleanup() }
        let store = try ChiSoStore(path: path)
        #expect(try store.read { try Schema.migrator.appliedIdentifiers($0) } == Set(Schema.migrator.migrations))
        // The migrations of a new file run without a sync each; the loads after them must not.
        #expect(try store.queue.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
        #expect(try store.checkIntegrity().isEmpty)
        // An empty file (made by `touch`) is new too; an existing database is migrated as before.
        let (emptyPath, cleanupEmpty) = try temporaryPath()
        defer { cleanupEmpty() }
        #expect(FileManager.default.createFile(atPath: emptyPath, contents: Data()))
        let fromEmpty = try ChiSoStore(path: emptyPath)
        #expect(try fromEmpty.read { try Schema.migrator.appliedIdentifiers($0) } == Set(Schema.migrator.migrations))
        #expect(try fromEmpty.queue.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
        let again = try ChiSoStore(path: path)
        #expect(try again.queue.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
    }

    @Test("migrations are append-only: the shipped identifiers keep their order")
    func shippedMigrations() {
        // A new migration goes at the end; renaming or reordering one would re-run it on users' databases.
        #expect(Schema.migrator.migrations == ["v1 rankings", "v2 administrative procedures", "v3 service index", "v4 service cohorts per unit and year",
                                               "v5 carried over, source paths", "v6 procedure catalogue", "v7 statistics service counts", "v8 component labels",
                                               "v9 procedure rollups per province and year", "v10 procedure code index",
                                               "v11 unit rollups per province and year"])
    }

    @Test("v4 packs the v3 cohort rows (one per unit and month) into one per unit and year; the view shows the same rows")
    func packsServiceCohorts() throws {
        let (path, cleanup) = try temporaryPath()
        defer { cleanup() }
        let counts = ServiceCounts.columns.joined(separator: ", ")
        let select = "SELECT source_id, province_id, month, year, unit_id, level, as_of, \(counts) FROM admin_service_rollup ORDER BY source_id, unit_id, month"
        let before = try database(at: path, version: "v3 service index") { db in
            try db.execute(sql: """
                INSERT INTO source (id, file_name, sha256, kind, row_count, ingested_at, options) VALUES
                    (1, 'a.csv', 'aa', 'dossiers', 9, '2024-01-01T00:00:00Z', '{}'), (2, 'b.csv', 'bb', 'dossiers', 5, '2024-01-01T00:00:00Z', '{}');
                INSERT INTO admin_unit (id, province_id, code, name, level) VALUES (1, '54', '54.SO', 'Sở', 'province'), (2, '54', '54.X', 'Xã', 'commune');
                """)
            // Source 1 states no optional column; source 2 does (satisfied_yes, fee_paid_online).
            let n = ServiceCounts.columns.count
            func row(_ id: Int64, _ source: Int, _ month: String, _ unit: Int, _ level: String, _ values: [Int]) throws {
                try db.execute(sql: "INSERT INTO admin_service_rollup (id, source_id, province_id, month, year, unit_id, level, as_of, \(counts)) VALUES (?, ?, '54', ?, ?, ?, ?, '2023-12-31', \(Array(repeating: "?", count: n).joined(separator: ", ")))",
                               arguments: StatementArguments([id, source, month, Int(month.prefix(4))!, unit, level] as [any DatabaseValueConvertible] + values.map { $0 as any DatabaseValueConvertible }))
            }
            func values(_ seed: Int, flags: Bool) -> [Int] {
                (0..<n).map { i in i < 12 ? seed * 100 + i : (flags && i % 7 == 0 ? seed + i : 0) }
            }
            try row(1 << 32 | 1, 1, "2023-01", 1, "province", values(1, flags: false))
            try row(1 << 32 | 2, 1, "2023-03", 1, "province", values(2, flags: false))
            try row(1 << 32 | 3, 1, "2022-12", 2, "commune", values(3, flags: false))
            try row(2 << 32 | 1, 2, "2023-02", 2, "commune", values(4, flags: true))
            try row(2 << 32 | 2, 2, "2023-11", 2, "commune", values(5, flags: true))
            return try Row.fetchAll(db, sql: select)
        }
        let store = try ChiSoStore(path: path)
        let after = try store.read { try Row.fetchAll($0, sql: select) }
        #expect(after == before)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM admin_service_cohort") } == 3)  // (1, 2023), (2, 2022), (2, 2023)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM admin_service_cohort WHERE flags IS NOT NULL") } == 1)
        // Removing a source removes its cohorts.
        try store.write { try $0.execute(sql: "DELETE FROM source WHERE id = 1") }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM admin_service_rollup") } == 2)
        #expect(try store.checkIntegrity().isEmpty)
    }

    /// A dossier log (source 1) and a statistics file (source 2), for the rollup migrations' tests.
    private static let twoSources = """
        INSERT INTO source (id, file_name, sha256, kind, row_count, ingested_at, options) VALUES
            (1, 'a.csv', 'aa', 'dossiers', 9, '2024-01-01T00:00:00Z', '{}'), (2, 's.csv', 'bb', 'statistics', 2, '2024-01-01T00:00:00Z', '{}');
        """
    /// The columns of the rollup rows (`admin_rollup` until v9, `admin_rollup_row` after), then VALUES.
    private static let rollupColumns = """
        (id, source_id, grain, province_id, period, year, first_day, last_day, unit_id, level, procedure_id, field_id,
            received_total, received_online, received_full_online, received_direct, received_postal,
            resolved_total, resolved_on_time, resolved_late, pending) VALUES
        """

    @Test("v9 packs the procedure rows of admin_rollup per province and year; the view shows the same rows, ids included")
    func packsProcedureRollups() throws {
        let (path, cleanup) = try temporaryPath()
        defer { cleanup() }
        let select = "SELECT * FROM admin_rollup ORDER BY id"
        let before = try database(at: path, version: "v8 component labels") { db in
            try db.execute(sql: """
                \(Self.twoSources)
                INSERT INTO admin_rollup \(Self.rollupColumns)
                    (4294967297, 1, 'province', '54', '2023-01', 2023, '2023-01-01', '2023-01-31', NULL, NULL, NULL, NULL, 5, 2, 1, 3, 0, 4, 3, 1, 1),
                    (4294967298, 1, 'unit', '54', '2023', 2023, '2023-01-01', '2023-12-31', 7, 'province', NULL, NULL, 5, 2, 1, 3, 0, 4, 3, 1, 1),
                    (4294967299, 1, 'procedure', '54', '2023', 2023, '2023-01-01', '2023-02-28', NULL, NULL, 11, 3, 3, 1, 0, 2, 0, 3, 2, 1, 0),
                    (4294967300, 1, 'procedure', '54', '2023', 2023, '2023-02-01', '2023-12-31', NULL, NULL, 12, NULL, 2, 1, 1, 1, 0, 1, 1, 0, 1),
                    (4294967301, 1, 'procedure', '54', '2022', 2022, '2022-12-01', '2022-12-31', NULL, NULL, 11, 3, 1, 0, 0, 1, 0, 0, 0, 0, 1),
                    (4294967302, 1, 'procedure', '54', '2023', 2023, '2023-03-01', '2023-03-31', NULL, NULL, 13, 3, 1, 1, 0, 0, 0, 1, 1, 0, 0),
                    (8589934593, 2, 'procedure', '54', '2023', 2023, '2023-01-01', '2023-03-31', NULL, NULL, NULL, 3, 10, 4, NULL, NULL, NULL, 8, 7, 1, 2);
                """)
            return try Row.fetchAll(db, sql: select)
        }
        let store = try ChiSoStore(path: path)
        let after = try store.read { try Row.fetchAll($0, sql: select) }
        #expect(after == before)
        // Source 1's procedure rows: ids 3-4 (2023), 5 (2022), 6 (2023 again, a new run); source 2's: one.
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM admin_procedure_rollup") } == 4)
        // The unit row is packed too, by v11.
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM admin_rollup_row") } == 1)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM admin_unit_rollup") } == 1)
        // Removing a source removes its rows of both tables.
        try store.write { try $0.execute(sql: "DELETE FROM source WHERE id = 1") }
        #expect(try store.read { try Int.fetchAll($0, sql: "SELECT id FROM admin_rollup") } == [8589934593])
        #expect(try store.checkIntegrity().isEmpty)
    }

    @Test("v11 packs the yearly unit rows of admin_rollup per province and year; the view shows the same rows, ids included")
    func packsUnitRollups() throws {
        let (path, cleanup) = try temporaryPath()
        defer { cleanup() }
        let select = "SELECT * FROM admin_rollup ORDER BY id"
        let before = try database(at: path, version: "v10 procedure code index") { db in
            try db.execute(sql: """
                \(Self.twoSources)
                INSERT INTO admin_rollup_row \(Self.rollupColumns)
                    (4294967297, 1, 'province', '54', '2023-01', 2023, '2023-01-01', '2023-01-31', NULL, NULL, NULL, NULL, 9, 2, 1, 3, 0, 4, 3, 1, 1),
                    (4294967298, 1, 'unit', '54', '2022', 2022, '2022-12-01', '2022-12-31', 7, 'commune', NULL, NULL, 1, 0, 0, 1, 0, 0, 0, 0, 1),
                    (4294967299, 1, 'unit', '54', '2023', 2023, '2023-01-01', '2023-12-31', 7, 'commune', NULL, NULL, 5, 2, 1, 3, 0, 4, 3, 1, 1),
                    (4294967300, 1, 'unit', '54', '2023', 2023, '2023-02-01', '2023-11-30', 8, 'district', NULL, NULL, 3, 1, 0, 2, 0, 3, 2, 1, 0),
                    (4294967301, 1, 'province', '54', '2023-02', 2023, '2023-02-01', '2023-02-28', NULL, NULL, NULL, NULL, 3, 1, 0, 2, 0, 3, 2, 1, 0),
                    (4294967302, 1, 'unit', '54', '2023', 2023, '2023-03-01', '2023-03-31', 9, 'commune', NULL, NULL, 1, 1, 0, 0, 0, 1, 1, 0, 0),
                    (8589934593, 2, 'province', '54', '2023-Q1', 2023, '2023-01-01', '2023-03-31', NULL, NULL, NULL, NULL, 10, 4, NULL, NULL, NULL, 8, 7, 1, 2),
                    (8589934594, 2, 'unit', '54', '2023', 2023, '2023-01-01', '2023-03-31', NULL, 'district', NULL, NULL, 10, 4, NULL, NULL, NULL, 8, 7, 1, NULL),
                    (8589934595, 2, 'unit', '54', '2023-Q1', 2023, '2023-01-01', '2023-03-31', 8, 'district', NULL, NULL, 2, NULL, NULL, NULL, NULL, 2, 2, 0, NULL);
                """)
            return try Row.fetchAll(db, sql: select)
        }
        let store = try ChiSoStore(path: path)
        #expect(try store.read { try Row.fetchAll($0, sql: select) } == before)
        // Source 1: 2022 (id 2), 2023 (ids 3-4), 2023 again after a province row (id 6, a new run);
        // source 2: its yearly level row; its quarterly unit row stays a row, as do the province rows.
        let packs = try store.read { try Row.fetchAll($0, sql: "SELECT id, year, json_array_length(cells) FROM admin_unit_rollup ORDER BY id") }
        #expect(packs.map { [$0[0] as Int64, $0[1] as Int64, $0[2] as Int64] } == [
            [4294967298, 2022, 1], [4294967299, 2023, 2], [4294967302, 2023, 1], [8589934594, 2023, 1]])
        #expect(try store.read { try Int64.fetchAll($0, sql: "SELECT id FROM admin_rollup_row ORDER BY id") } == [4294967297, 4294967301, 8589934593, 8589934595])
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT cells FROM admin_unit_rollup WHERE source_id = 2") }
                == #"[[null,"district",19358,19447,10,4,null,null,null,8,7,1,null]]"#)
        // Removing a source removes its rows of every table.
        try store.write { try $0.execute(sql: "DELETE FROM source WHERE id = 1") }
        #expect(try store.read { try Int64.fetchAll($0, sql: "SELECT id FROM admin_rollup ORDER BY id") } == [8589934593, 8589934594, 8589934595])
        #expect(try store.checkIntegrity().isEmpty)
    }

    @Test("v10 keeps a v9 database's procedure codes and ids, their uniqueness now in a named index; dossier_detail reads them as before")
    func procedureCodeIndex() throws {
        let (path, cleanup) = try temporaryPath()
        defer { cleanup() }
        let select = "SELECT * FROM dossier_detail ORDER BY source_line"
        let before = try database(at: path, version: "v9 procedure rollups per province and year") { db in
            try db.execute(sql: """
                INSERT INTO source (id, file_name, sha256, kind, row_count, ingested_at, options) VALUES (1, 'a.csv', 'aa', 'dossiers', 2, '2024-01-01T00:00:00Z', '{}');
                INSERT INTO admin_unit (id, province_id, code, name, level) VALUES (1, '54', '54.SO.TP', 'Sở Tư pháp', 'province');
                INSERT INTO admin_procedure (id, code) VALUES (1, '1.001193.000.00.00.H36'), (5, '2.000001.000.00.00.H36');
                INSERT INTO dossier (id, dossier_id, unit_id, procedure_id, field_id, received_at, channel, online_level, due_day, resolved_at) VALUES
                    (4294967298, 'H36.1-230101-0001', 1, 1, NULL, 1672563600, 1, 1, 19360, NULL),
                    (4294967299, 'H36.1-230101-0002', 1, 5, NULL, 1672563700, 2, NULL, 19361, 1672650000);
                """)
            return try Row.fetchAll(db, sql: select)
        }
        let store = try ChiSoStore(path: path)
        #expect(try store.read { try Row.fetchAll($0, sql: select) } == before)
        #expect(try store.read { try Row.fetchAll($0, sql: "SELECT id, code FROM admin_procedure ORDER BY id") }.map { [$0[0] as Int64, $0[1] as String] as [AnyHashable] }
                == [[1, "1.001193.000.00.00.H36"], [5, "2.000001.000.00.00.H36"]])
        let indexes = try store.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'admin_procedure' ORDER BY name") }
        #expect(indexes == ["admin_procedure_by_code"])
        #expect(throws: (any Error).self) { try store.write { try $0.execute(sql: "INSERT INTO admin_procedure (id, code) VALUES (6, '1.001193.000.00.00.H36')") } }
        #expect(try store.checkIntegrity().isEmpty)
    }

    @Test("v5 and v6 keep a v4 database's statistics rows (their service counts not stated) and add the catalogue table")
    func catalogueAndStatisticsCounts() throws {
        let (path, cleanup) = try temporaryPath()
        defer { cleanup() }
        try database(at: path, version: "v4 service cohorts per unit and year") { db in
            try db.execute(sql: "INSERT INTO source (id, file_name, sha256, kind, row_count, ingested_at, options) VALUES (1, 's.csv', 'aa', 'statistics', 1, '2024-01-01T00:00:00Z', '{}')")
            try db.execute(sql: "INSERT INTO admin_statistic (id, period, reported, first_day, last_day, province_id, received_total) VALUES (4294967298, '2023', '2023', '2023-01-01', '2023-12-31', '54', 10)")
        }
        let store = try ChiSoStore(path: path)
        #expect(Array(Schema.migrator.migrations.dropFirst(5).prefix(2)) == ["v6 procedure catalogue", "v7 statistics service counts"])
        #expect(try store.query("SELECT received_total, synced, paid_online FROM admin_statistic").rows == [[.integer(10), .null, .null]])
        #expect(try store.query("SELECT count(*) FROM admin_procedure_catalogue").rows == [[.integer(0)]])
        // No service counts: not for the index.
        #expect(try store.fetchServiceStatistics(provinceID: "54", years: 2023...2023).isEmpty)
        #expect(try store.checkIntegrity().isEmpty)
    }
}
