import ChiSoKit
import Foundation
import Testing

/// Data on the way in is never half-written: a full disk, a killed process, or cells that try to drive
/// the terminal leave the database as it was and say what happened.
@Suite("Data path robustness")
struct DataPathRobustnessTests {
    static let logHeader = "dossier_id,province_code,unit_code,unit_name,procedure_code,field,received_at,channel,online_level,due_at,resolved_at,status"

    /// A dossier log of `rows` rows in province `province` (62 Kon Tum by default) in `year`.
    static func dossierLog(rows: Int, province: String = "62", year: Int = 2022) -> String {
        var out = logHeader + "\n"
        out.reserveCapacity(rows * 130)
        for i in 0..<rows {
            let month = 1 + i % 12, day = 1 + i % 27
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            let received = "\(year)-\(two(month))-\(two(day))T09:00:00+07:00"
            let resolved = i % 4 == 0 ? "" : "\(year)-\(two(month))-\(two(day))T15:00:00+07:00"
            out += "K-\(i),\(province),\(province).U\(i % 53),Đơn vị \(i % 53),P.\(i % 211),Lĩnh vực \(i % 7),\(received),online,full,\(year)-\(two(month))-28,\(resolved),\(resolved.isEmpty ? "pending" : "resolved")\n"
        }
        return out
    }

    /// A statistics file of `rows` rows (one per unit, procedure and month of `year`).
    static func statistics(rows: Int, province: String = "62", year: Int = 2021) -> String {
        var out = "period,province,unit_code,procedure_code,received_total,received_online,resolved_total,resolved_on_time,resolved_late,pending\n"
        out.reserveCapacity(rows * 60)
        for i in 0..<rows {
            let month = 1 + i % 12
            out += "\(year)-\(month < 10 ? "0" : "")\(month),\(province),\(province).S\(i / 12 % 400),P.\(i / 4_800),10,4,8,7,1,2\n"
        }
        return out
    }

    /// A database holding a dossier log and a statistics file (Phú Yên), and its dump.
    static func seeded(in dir: URL) throws -> (db: String, dump: String, bytes: Data) {
        let db = dir.appendingPathComponent("db.sqlite").path
        let log = dir.appendingPathComponent("seed-log.csv"), stats = dir.appendingPathComponent("seed-stats.csv")
        try dossierLog(rows: 30, province: "54", year: 2023).write(to: log, atomically: true, encoding: .utf8)
        try statistics(rows: 24, province: "54", year: 2023).write(to: stats, atomically: true, encoding: .utf8)
        for file in [log, stats] {
            let result = try CLI.run(["ingest", "--db", db, file.path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        return (db, try ChiSoStore(path: db, readOnly: true).dump(), try Data(contentsOf: URL(fileURLWithPath: db)))
    }

    // MARK: - Terminal escapes

    @Test("escape sequences and control characters from cells are shown escaped in messages, never sent to the terminal")
    func escapedMessages() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, dump, _) = try Self.seeded(in: dir)
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[31mfax\u{9B}1m\u{202E}lmth.exe"
        let file = dir.appendingPathComponent("hostile.csv")
        try (Self.logHeader + "\nH-1,62,62.U1,U,P.1,F,2022-03-01T09:00:00+07:00,\"\(hostile)\",,2022-03-05,,pending\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["ingest", "--db", db, file.path])
        #expect(result.status == 1)
        #expect(!result.stderr.unicodeScalars.contains { ControlCharacterEscaping.needsEscape($0) && $0 != "\n" }, "\(result.stderr.debugDescription)")
        #expect(result.stderr.contains(#"channel "\u{1B}]0;pwned\u{7}\u{1B}[2J\u{1B}[31mfax\u{9B}1m\u{202E}lmth.exe" is not online, direct or postal"#),
                "\(result.stderr)")
        #expect(try ChiSoStore(path: db, readOnly: true).dump() == dump)
    }

    // MARK: - Full disks

    @Test("a reject file that cannot be written whole (/dev/full): exit 1 with the reason, the database unchanged",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func rejectFileOnFullDevice() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, dump, bytes) = try Self.seeded(in: dir)
        let file = dir.appendingPathComponent("log.csv")
        try (Self.dossierLog(rows: 50) + "X-1,62,62.U1,Đơn vị 1,P.1,F,2022-03-01T09:00:00+07:00,fax,,2022-03-05,,pending\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["ingest", "--db", db, "--max-errors", "5", "--reject-file", "/dev/full", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("/dev/full: error: [ingest] cannot write the reject file: No space left on device; nothing was loaded"), "\(result.stderr)")
        #expect(try ChiSoStore(path: db, readOnly: true).dump() == dump)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == bytes)
    }

    /// A 64 KiB tmpfs mounted for the test (root and a kernel that allows it: CI's containers do), or nil.
    static func smallFilesystem() -> URL? {
        guard geteuid() == 0, let dir = try? CLI.temporaryDirectory() else { return nil }
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir.path]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil else { return nil }
        mount.waitUntilExit()
        return mount.terminationStatus == 0 ? dir : nil
    }

    static func unmount(_ dir: URL) {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = [dir.path]
        try? umount.run()
        umount.waitUntilExit()
        try? FileManager.default.removeItem(at: dir)
    }

    static let canMount: Bool = {
        guard let dir = smallFilesystem() else { return false }
        unmount(dir)
        return true
    }()

    @Test("temporary files on a full disk (TMPDIR on a 64 KiB tmpfs): each kind of file fails with a message, the database unchanged",
          .enabled(if: canMount), arguments: ["dossiers", "statistics"])
    func temporaryFilesOnFullDisk(kind: String) throws {
        let small = try #require(Self.smallFilesystem())
        defer { Self.unmount(small) }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, dump, bytes) = try Self.seeded(in: dir)
        let file = dir.appendingPathComponent("big.csv")
        // 20,000 ids spill 320 KB of hashes: five times the room.
        try (kind == "dossiers" ? Self.dossierLog(rows: 20_000) : Self.statistics(rows: 20_000)).write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["ingest", "--db", db, file.path], environment: ["TMPDIR": small.path, "SQLITE_TMPDIR": small.path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("No space left on device") || result.stderr.contains("database or disk is full"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("1 of 1 file not loaded; the database holds the others unchanged\n"), "\(result.stderr)")
        #expect(try ChiSoStore(path: db, readOnly: true).dump() == dump)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == bytes)
    }

    // MARK: - kill -9

    /// Starts `chiso ingest` of `file`, kills it (SIGKILL) once it writes into the database file with a
    /// hot journal beside it, then checks that reopening gives exactly the earlier content.
    static func killDuringLoad(_ file: URL, db: String, dump: String) throws {
        let journal = db + "-journal"
        let sizeBefore = try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int ?? 0
        let ingest = try CLIProcess(["ingest", "--db", db, file.path])
        let writing = waitUntil(timeout: 120) {
            let grown = ((try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0) > sizeBefore
            return (grown && FileManager.default.fileExists(atPath: journal)) || !ingest.isRunning
        }
        kill(ingest.pid, SIGKILL)
        let result = ingest.wait()
        #expect(writing)
        #expect(ingest.wasKilled && result.status == SIGKILL, "the load finished before it was killed: \(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: journal))
        let store = try ChiSoStore(path: db)
        #expect(try store.checkIntegrity() == [])
        #expect(try store.dump() == dump)
        #expect(!FileManager.default.fileExists(atPath: journal))
        try store.close()
    }

    @Test("SIGKILL during a dossier-log load: integrity_check ok, the previous content exact")
    func killedDuringDossierLoad() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, dump, _) = try Self.seeded(in: dir)
        let file = dir.appendingPathComponent("big-log.csv")
        try Self.dossierLog(rows: 400_000).write(to: file, atomically: true, encoding: .utf8)
        try Self.killDuringLoad(file, db: db, dump: dump)
    }

    @Test("SIGKILL during a statistics load: integrity_check ok, the previous content exact")
    func killedDuringStatisticsLoad() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, dump, _) = try Self.seeded(in: dir)
        let file = dir.appendingPathComponent("big-stats.csv")
        try Self.statistics(rows: 200_000).write(to: file, atomically: true, encoding: .utf8)
        try Self.killDuringLoad(file, db: db, dump: dump)
    }
}
