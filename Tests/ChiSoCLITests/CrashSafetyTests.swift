import ChiSoKit
import Foundation
import Testing

/// A load killed at any moment (SIGKILL: no handler runs, nothing is flushed) leaves the database as it
/// was before the load: SQLite's rollback journal undoes the open transaction when the file is next opened.
@Suite("Crash safety")
struct CrashSafetyTests {
    @Test("SIGKILL in the middle of a large load: the database opens, passes integrity_check and holds exactly the previous state")
    func killedDuringALoad() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("crash.sqlite").path
        let journal = db + "-journal"
        let seed = dir.appendingPathComponent("seed.csv")
        try "index,year,province,score,rank,of\nPCI,2021,Phú Yên,64.17,35,63\nPCI,2021,Bình Định,66.1,20,63\n".write(to: seed, atomically: true, encoding: .utf8)
        // An earlier version of the file being loaded (the same path): its replacement deletes these rows first, inside the
        // same transaction. (A file of the same name in another folder would be another source.)
        let later = dir.appendingPathComponent("v2")
        try FileManager.default.createDirectory(at: later, withIntermediateDirectories: true)
        let earlier = later.appendingPathComponent("load.csv")
        try syntheticLoad(index: "XLOAD", editions: 1, components: 2).write(to: earlier, atomically: true, encoding: .utf8)
        for file in [seed, earlier] { #expect(try CLI.run(["ingest", "--db", db, "--of", "63", file.path]).status == 0) }
        let before = try ChiSoStore(path: db).dump()

        // About 38,000 component rows, each checked against the store and inserted.
        let large = later.appendingPathComponent("load.csv")
        try syntheticLoad(index: "XLOAD", editions: 6, components: 100, value: 0.25).write(to: large, atomically: true, encoding: .utf8)
        let ingest = try CLIProcess(["ingest", "--db", db, "--of", "63", large.path])
        // The rollback journal appears with the transaction's first write. Once the changed pages outgrow SQLite's
        // page cache they are written into the database file itself (it grows): kill then, so that reopening
        // has real work to undo, not just an unused journal to ignore.
        let sizeBefore = try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int ?? 0
        let writing = waitUntil(timeout: 60) {
            let grown = ((try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0) > sizeBefore
            return (grown && FileManager.default.fileExists(atPath: journal)) || !ingest.isRunning
        }
        kill(ingest.pid, SIGKILL)
        let result = ingest.wait()
        #expect(writing)
        #expect(ingest.wasKilled && result.status == SIGKILL, "the load finished before it was killed: \(result.stderr)")
        // A hot journal left behind: the process died inside its transaction.
        #expect(FileManager.default.fileExists(atPath: journal))

        let store = try ChiSoStore(path: db)
        #expect(try store.checkIntegrity() == [])
        #expect(try store.dump() == before)
        // Opening rolled the hot journal back and removed it.
        #expect(!FileManager.default.fileExists(atPath: journal))
        try store.close()
        let sources = try CLI.run(["sources", "--db", db, "--format", "csv"])
        #expect(sources.status == 0 && sources.stdout.split(separator: "\n").count == 3, "\(sources.stdout)\(sources.stderr)")
    }

    @Test("SIGKILL while the default database is first built: no half-built chiso.sqlite appears; the next command builds it and clears the leftover")
    func killedWhileBuildingTheDefaultDatabase() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try CLIProcess(["sources", "--format", "json"], cwd: dir)
        let building = dir.appendingPathComponent("chiso.sqlite.building-\(first.pid)").path
        let started = waitUntil(timeout: 60) {
            ((try? FileManager.default.attributesOfItem(atPath: building)[.size] as? Int) ?? 0) > 0 || !first.isRunning
        }
        kill(first.pid, SIGKILL)
        _ = first.wait()
        #expect(started && first.wasKilled)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("chiso.sqlite").path))

        let second = try CLI.run(["sources", "--format", "json"], cwd: dir)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.hasPrefix("created chiso.sqlite from the bundled datasets"))
        // The killed build's copy is gone too.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["chiso.sqlite"])
        let store = try ChiSoStore(path: dir.appendingPathComponent("chiso.sqlite").path)
        #expect(try store.checkIntegrity() == [])
        #expect(try store.fetchSources().count == BundledDatabase.datasetFiles().count)
    }
}
