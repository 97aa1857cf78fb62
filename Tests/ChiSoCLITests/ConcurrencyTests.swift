import ChiSoKit
import Foundation
import Testing

/// A CI job and an analyst may use one database at once: every process waits its turn (SQLite's busy
/// timeout, immediate write transactions) instead of failing with "database is locked", and no row is
/// lost or duplicated.
@Suite("Concurrent use of one database", .serialized)
struct ConcurrencyTests {
    /// Every row of `ranking` and `component`, named by its source file instead of its source id (which
    /// depends on the order the loads happened in).
    static func content(of path: String) throws -> [String] {
        let store = try ChiSoStore(path: path, readOnly: true)
        defer { try? store.close() }
        var lines: [String] = []
        for sql in [
            "SELECT s.file_name, r.index_code, r.year, r.province_id, r.score, r.rank, r.of_count, r.source_line FROM ranking r JOIN source s ON s.id = r.source_id",
            "SELECT s.file_name, c.index_code, c.year, c.province_id, c.component, c.value, c.source_line FROM component c JOIN source s ON s.id = c.source_id",
            "SELECT file_name, sha256, kind, ingested_at, row_count FROM source",
        ] {
            lines += try store.query(sql).rows.map { "\($0)" }
        }
        return lines.sorted()
    }

    @Test("two ingests and a build started together on one database all finish, and the data equals loading one after the other")
    func twoIngestsAndABuild() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("shared.sqlite").path
        let seed = dir.appendingPathComponent("seed.csv")
        try "index,year,province,score,rank,of\nPCI,2021,Phú Yên,64.17,35,63\nPCI,2021,Bình Định,66.1,20,63\n".write(to: seed, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["ingest", "--db", db, seed.path]).status == 0)
        // A takes a few tenths of a second to write in a debug build; B and the build start while A holds the write lock.
        let a = dir.appendingPathComponent("a.csv"), b = dir.appendingPathComponent("b.csv")
        try syntheticLoad(index: "XA", editions: 3, components: 50).write(to: a, atomically: true, encoding: .utf8)
        try syntheticLoad(index: "XB", editions: 2, components: 40).write(to: b, atomically: true, encoding: .utf8)
        let notebooks = dir.appendingPathComponent("nb")
        try FileManager.default.createDirectory(at: notebooks, withIntermediateDirectories: true)
        try "out: site\nnotebooks: nb\nsource_date: 2026-11-25\n".write(to: dir.appendingPathComponent("chiso.yml"), atomically: true, encoding: .utf8)
        try "# Rows\n\n```sql counts\nSELECT index_code, count(*) AS n FROM component GROUP BY index_code ORDER BY index_code\n```\n"
            .write(to: notebooks.appendingPathComponent("rows.md"), atomically: true, encoding: .utf8)

        let journal = db + "-journal"
        let ingestA = try CLIProcess(["ingest", "--db", db, "--of", "63", a.path])
        // Start the others once A is inside its write transaction (its rollback journal exists).
        let aWriting = waitUntil(timeout: 30) { FileManager.default.fileExists(atPath: journal) || !ingestA.isRunning }
        let ingestB = try CLIProcess(["ingest", "--db", db, "--of", "63", b.path])
        let build = try CLIProcess(["build", "--config", dir.appendingPathComponent("chiso.yml").path, "--db", db])
        let (resultA, resultB, resultBuild) = (ingestA.wait(), ingestB.wait(), build.wait())

        #expect(aWriting)
        for (name, result) in [("ingest a", resultA), ("ingest b", resultB), ("build", resultBuild)] {
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(!result.stderr.contains("locked"), "\(name): \(result.stderr)")
        }
        #expect(resultA.stderr.contains("loaded 189 rows (XA 2000, XA 2001, XA 2002)"), "\(resultA.stderr)")
        #expect(resultB.stderr.contains("loaded 126 rows (XB 2000, XB 2001)"), "\(resultB.stderr)")

        // The same three files loaded one after the other.
        let reference = dir.appendingPathComponent("reference.sqlite").path
        for file in [seed, a, b] { #expect(try CLI.run(["ingest", "--db", reference, "--of", "63", file.path]).status == 0) }
        let shared = try Self.content(of: db)
        #expect(shared.count == 3 + 3 * 63 * 50 + 2 * 63 * 40 + 2)
        #expect(shared == (try Self.content(of: reference)))
    }

    @Test("processes that create a new database at the same moment all succeed (the schema is made once)")
    func newDatabaseOpenedAtOnce() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Only ingest creates a named database (a read command naming a missing one is an error), so six ingests race.
        let files = try (0..<6).map { i in
            let file = dir.appendingPathComponent("pci-\(2010 + i).csv")
            try "province,score\nPhú Yên,6\(i).5\n".write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
        for round in 0..<5 {
            let db = dir.appendingPathComponent("new-\(round).sqlite").path
            let processes = try files.enumerated().map { i, file in try CLIProcess(["ingest", "--db", db, "--index", "PCI", "--year", "\(2010 + i)", file]) }
            for result in processes.map({ $0.wait() }) {
                #expect(result.status == 0 && result.stderr.contains("loaded 1 row "), "round \(round): \(result.stderr)")
            }
            let sources = try CLI.run(["sources", "--db", db, "--format", "csv"])
            #expect(sources.stdout.split(separator: "\n").count == 7, "round \(round): \(sources.stdout)")
        }
    }
}
