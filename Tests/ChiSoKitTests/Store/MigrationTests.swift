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

    @Test("a database made by the first release (v1) is brought up to the current schema, its rows kept")
    func upgradesFromV1() throws {
        let (path, cleanup) = try temporaryPath()
        defer { cleanup() }
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v1 rankings")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO province (id, code, name, name_ascii, official_name, region, subregion) VALUES ('54', '54', 'Phú Yên', 'Phu Yen', 'Tỉnh Phú Yên', 'north-central-and-central-coast', 'south-central-coast')")
            }
            #expect(try queue.read { try Schema.migrator.appliedIdentifiers($0) } == ["v1 rankings"])
        }
        let store = try ChiSoStore(path: path)
        let applied = try store.read { try Schema.migrator.appliedIdentifiers($0) }
        #expect(applied == Set(Schema.migrator.migrations))
        #expect(try store.read { try $0.tableExists("admin_rollup") })
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
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9 something newer')")
            }
            try store.close()
        }
        let before = FileManager.default.contents(atPath: path)
        for readOnly in [false, true] {
            #expect(throws: StoreError.newerSchema(path: path, unknown: ["v9 something newer"])) {
                _ = try ChiSoStore(path: path, readOnly: readOnly)
            }
        }
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("migrations are append-only: the shipped identifiers keep their order")
    func shippedMigrations() {
        // A new migration goes at the end; renaming or reordering one would re-run it on users' databases.
        #expect(Array(Schema.migrator.migrations.prefix(2)) == ["v1 rankings", "v2 administrative procedures"])
    }
}
