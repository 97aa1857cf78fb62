import ChiSoKit
import Foundation
import Testing

/// `chiso init`, and a user's files on top of the bundled data, through the real binary.
@Suite("chiso init and one's own files on the bundled data")
struct InitCommandTests {
    @Test("init fills a new database with the bundled datasets and never overwrites one; a complete PCI 2022 supersedes the bundled partial one")
    func initAndSupersede() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let created = try CLI.run(["init", "--db", "my.sqlite"], cwd: dir)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.hasPrefix("created my.sqlite from the bundled datasets"))
        let bytes = try Data(contentsOf: dir.appendingPathComponent("my.sqlite"))
        let again = try CLI.run(["init", "--db", "my.sqlite"], cwd: dir)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("error: my.sqlite already exists"), "\(again.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("my.sqlite")) == bytes)

        let provinces = ProvinceRegistry.standard.provinces(validOn: Day(year: 2022, month: 1, day: 1))
        let table = "Tỉnh;Điểm PCI 2022;Xếp hạng\r\n" + provinces.enumerated().map { i, p in "\(p.name);\(75 - i);\(i + 1)" }.joined(separator: "\r\n") + "\r\n"
        try Data(("\u{FEFF}" + table).utf8).write(to: dir.appendingPathComponent("pci-2022-day-du.csv"))
        let ingest = try CLI.run(["ingest", "--db", "my.sqlite", "--index", "PCI", "--year", "2022", "pci-2022-day-du.csv"], cwd: dir)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stderr.contains("supersedes the rows of that edition from the bundled pci_2022_2024_partial.csv, whose other editions stay"), "\(ingest.stderr)")
        let editions = try CLI.run(["ranks", "--db", "my.sqlite", "--index", "PCI", "--editions", "--format", "csv"], cwd: dir)
        let lines = editions.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("PCI,2022,63,63,63,63") }, "\(editions.stdout)")
        #expect(lines.contains { $0.hasPrefix("PCI,2023,63,9,") }, "\(editions.stdout)")
    }

    @Test("two files of one name from different folders are two sources; sources --remove takes the path as given")
    func sameNameTwoFolders() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (folder, period) in [("q1", "2023-Q1"), ("q2", "2023-Q2")] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
            try "period,province_code,unit_name,received_total\n\(period),54,Sở A,10\n".write(to: dir.appendingPathComponent("\(folder)/thong-ke.csv"), atomically: true, encoding: .utf8)
        }
        let ingest = try CLI.run(["ingest", "--db", "t.sqlite", "q1/thong-ke.csv", "q2/thong-ke.csv"], cwd: dir)
        #expect(ingest.stderr == "q1/thong-ke.csv: loaded 1 row\nq2/thong-ke.csv: loaded 1 row\n")
        let removed = try CLI.run(["sources", "--db", "t.sqlite", "--remove", "q1/thong-ke.csv"], cwd: dir)
        #expect(removed.status == 0, "\(removed.stderr)")
        let left = try CLI.run(["sources", "--db", "t.sqlite", "--format", "csv"], cwd: dir)
        #expect(left.stdout.contains("q2/thong-ke.csv") && left.stdout.split(separator: "\n").count == 2, "\(left.stdout)")
    }
}
