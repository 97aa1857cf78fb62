import Foundation
import Testing

@Suite("chiso ingest and sources")
struct IngestCommandTests {
    @Test("ingest into a named database, list sources, re-ingest changes nothing, remove a source")
    func lifecycle() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("my.sqlite").path
        let file = dir.appendingPathComponent("pci-2023.csv")
        try "Tỉnh/Thành phố;Điểm;Xếp hạng\nQuảng Ninh;72,95;1\nHải Phòng;70,1;\n".write(to: file, atomically: true, encoding: .utf8)

        let first = try CLI.run(["ingest", "--index", "PCI", "--year", "2023", "--of", "63", file.path, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty)
        #expect(first.stderr.contains("loaded 2 rows (PCI 2023)"))

        let sources = try CLI.run(["sources", "--format", "json", "--db", db])
        #expect(sources.stdout.contains("\"file_name\": \"pci-2023.csv\""))
        #expect(sources.stdout.contains("\"ingested_at\": \"2025-11-25T00:00:00Z\""))  // SOURCE_DATE_EPOCH

        let again = try CLI.run(["ingest", "--index", "PCI", "--year", "2023", "--of", "63", file.path, "--db", db])
        #expect(again.status == 0)
        #expect(again.stderr.contains("already loaded"))

        let ranks = try CLI.run(["ranks", "--index", "PCI", "--year", "2023", "--format", "csv", "--db", db])
        #expect(ranks.stdout.contains("PCI,2023,31,31,Hải Phòng,2,63,70.1,true"))

        let removed = try CLI.run(["sources", "--remove", "pci-2023.csv", "--db", db])
        #expect(removed.status == 0)
        let empty = try CLI.run(["ranks", "--index", "PCI", "--year", "2023", "--db", db])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("no PCI editions"))
    }

    @Test("a bad file among good ones: the good ones load, the bad one is named, exit 1")
    func partialBatch() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("my.sqlite").path
        let good = dir.appendingPathComponent("good.csv"), bad = dir.appendingPathComponent("bad.csv")
        try "province,score\nPhú Yên,64.17\n".write(to: good, atomically: true, encoding: .utf8)
        try "province,score\nAtlantis,64.17\n".write(to: bad, atomically: true, encoding: .utf8)
        let result = try CLI.run(["ingest", "--index", "X", "--year", "2021", good.path, bad.path, "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.csv:2:1: error: [ingest] unknown province \"Atlantis\""))
        #expect(result.stderr.contains("1 of 2 files not loaded"))
        #expect(try CLI.run(["ranks", "--index", "X", "--year", "2021", "--db", db]).status == 0)
    }
}
