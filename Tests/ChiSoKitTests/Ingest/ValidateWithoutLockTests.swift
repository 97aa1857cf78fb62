import Foundation
import GRDB
import Testing

@testable import ChiSoApp
@testable import ChiSoCore
@testable import ChiSoIngest
@testable import ChiSoStore

@Suite("Validation writes nothing and takes no write lock")
struct ValidateWithoutLockTests {
    static let rows = [
        "H-1,54,54.SO.TP,Sở Tư pháp,1.001193,Hộ tịch,2023-03-01T09:00:00+07:00,online,full,2023-03-03,2023-03-02T10:00:00+07:00,resolved",
        "H-2,54,54.SO.TP,Sở Tư pháp,1.001193,Hộ tịch,2023-03-02T09:00:00+07:00,direct,,2023-03-04,2023-03-03T10:00:00+07:00,resolved",
        "H-1,54,54.SO.TP,Sở Tư pháp,1.001193,Hộ tịch,2023-03-05T09:00:00+07:00,direct,,2023-03-09,,pending",
    ]

    @Test("validate runs every check, the duplicate id included, while another connection holds the write lock")
    func validatesUnderAWriteLock() throws {
        let folder = try TemporaryFolder()
        let dbPath = folder.path("chiso.sqlite")
        let store = try ChiSoStore(path: dbPath)
        let good = try folder.write("good.csv", dossierHeader + "\r\n" + Self.rows[0] + "\r\n")
        _ = try makeAdminIngestor(store).ingest(path: good)
        let before = try store.dump()
        let log = try folder.write("log.csv", ([dossierHeader] + Self.rows).joined(separator: "\r\n") + "\r\n")

        // Another process is in the middle of an ingest: it holds the database's write lock.
        let other = try DatabaseQueue(path: dbPath)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let started = Date()
            let error = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: log, write: false) }
            #expect(error?.description.hasSuffix("log.csv:4:1: error: [ingest] dossier_id H-1 appears again (first on line 2); keep one row per dossier") == true,
                    "\(String(describing: error))")
            // Waiting for the lock would take the busy timeout (60 s).
            #expect(Date().timeIntervalSince(started) < 30)

            // April: no overlap with the March file already loaded (which validation does check).
            let april = Self.rows.prefix(2).map { $0.replacingOccurrences(of: "2023-03", with: "2023-04") }
            let clean = try folder.write("clean.csv", ([dossierHeader] + april).joined(separator: "\r\n") + "\r\n")
            let summary = try makeAdminIngestor(store).ingest(path: clean, write: false)
            #expect(summary.rows == 2 && summary.outcome == nil)
        }
        #expect(try store.dump() == before)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_temp_master") } == 0)
    }

    @Test("validating a corrected file with the name of a loaded one does not count the loaded one as an overlap")
    func replacingFileName() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: folder.path("chiso.sqlite"))
        let v1 = try folder.write("log.csv", dossierHeader + "\r\n" + Self.rows[0] + "\r\n")
        _ = try makeAdminIngestor(store).ingest(path: v1)
        let v2 = try folder.write("log.csv", ([dossierHeader] + Self.rows.prefix(2)).joined(separator: "\r\n") + "\r\n")
        let validated = try makeAdminIngestor(store).ingest(path: v2, write: false)
        #expect(validated.rows == 2)
        let loaded = try makeAdminIngestor(store).ingest(path: v2)
        #expect(loaded.rows == 2)
    }
}
