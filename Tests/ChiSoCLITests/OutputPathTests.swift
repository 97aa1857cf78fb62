import Foundation
import Testing

/// Wrong database paths, full disks and outputs that are not plain files.
@Suite("Database paths and outputs")
struct OutputPathTests {
    @Test("a read command naming a database that does not exist is an error and creates nothing")
    func missingDatabase() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for arguments in [["ranks", "--db", "typo.sqlite", "--index", "PCI", "--year", "2020"], ["sources", "--db", "typo.sqlite"],
                          ["changes", "--db", "typo.sqlite", "--province", "Phú Yên", "--year", "2021"]] {
            let result = try CLI.run(arguments, cwd: dir)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("error: no database at typo.sqlite (named by --db); check the path"), "\(result.stderr)")
        }
        let viaEnvironment = try CLI.run(["sources"], cwd: dir, environment: ["CHISO_DB": "typo.sqlite"])
        #expect(viaEnvironment.stderr.contains("(named by CHISO_DB)"))
        // Ingest of a file that cannot be read creates no database either.
        let ingest = try CLI.run(["ingest", "--db", "new.sqlite", "missing.csv"], cwd: dir)
        #expect(ingest.status == 1)
        #expect(ingest.stderr.hasPrefix("missing.csv: error: [ingest] cannot read the file: no such file; check the path"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("stdout that cannot be written (/dev/full) exits 1 with the reason, no crash")
    func fullDisk() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["provinces"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(process.terminationReason == .exit)
        #expect(message.contains("error: cannot write the output: No space left on device"))
    }

    @Test("-o through a symlink writes its target; -o onto a FIFO writes into it and leaves it a FIFO; -o - is stdout")
    func nonRegularOutputs() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = CLI.bundledDatabase.path
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.html").path, withDestinationPath: "target.html")
        let viaLink = try CLI.run(["report", "index", "--db", db, "--index", "DTI", "--year", "2022", "-o", "link.html"], cwd: dir)
        #expect(viaLink.status == 0, "\(viaLink.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("link.html").path) == "target.html")
        #expect(try String(contentsOf: dir.appendingPathComponent("target.html"), encoding: .utf8).hasPrefix("<!DOCTYPE html>"))

        let fifo = dir.appendingPathComponent("pipe.html").path
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let reader = DispatchGroup()
        reader.enter()
        DispatchQueue.global().async {
            received = FileHandle(forReadingAtPath: fifo)!.readDataToEndOfFile()
            reader.leave()
        }
        let intoFIFO = try CLI.run(["report", "index", "--db", db, "--index", "DTI", "--year", "2022", "-o", "pipe.html"], cwd: dir)
        reader.wait()
        #expect(intoFIFO.status == 0, "\(intoFIFO.stderr)")
        #expect(String(decoding: received, as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
        var st = stat()
        #expect(stat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO)

        let toStdout = try CLI.run(["report", "index", "--db", db, "--index", "DTI", "--year", "2022", "-o", "-"], cwd: dir)
        #expect(toStdout.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("-").path))
    }
}
