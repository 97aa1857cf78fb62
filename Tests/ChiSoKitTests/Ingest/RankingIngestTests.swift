import ChiSoKit
import Foundation
import Testing

/// The rankings fixtures folder (a resource of the test target).
func fixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/rankings/\(name)", withExtension: nil)!.path
}

func makeIngestor(_ store: ChiSoStore) -> Ingestor {
    Ingestor(store: store, timestamp: "2026-01-01T00:00:00Z")
}

@Suite("Rankings ingest")
struct RankingIngestTests {
    @Test("Vietnamese headers, BOM, semicolons, CRLF and decimal commas")
    func vietnameseFile() throws {
        let store = try ChiSoStore(path: nil)
        let summary = try makeIngestor(store).ingestRankings(path: fixture("vi-headers-bom-semicolon-crlf.csv"), options: .init(index: "pci", year: 2021, of: 63))
        #expect(summary.outcome == .loaded(rows: 3))
        let entries = try store.fetchEntries(index: "PCI", year: 2021)
        #expect(entries.map(\.provinceID) == ["52", "79", "54"])
        #expect(entries.map(\.score) == [66.5, 65.2, 64.17])
        // Published rank kept; the others computed from the scores.
        #expect(entries.map(\.rank) == [1, 2, 35])
        #expect(entries.map(\.rankComputed) == [true, true, false])
    }

    @Test("ranks absent from the file are standard competition ranks of the scores (1, 2, 2, 4)")
    func competitionRanks() throws {
        let store = try ChiSoStore(path: nil)
        _ = try makeIngestor(store).ingestRankings(path: fixture("tie-computed.csv"), options: .init())
        let entries = try store.fetchEntries(index: "PCI", year: 2021)
        #expect(entries.map(\.rank) == [1, 2, 2, 4, 5])
        #expect(entries.allSatisfy { $0.rankComputed })
        let editions = try store.fetchEditions(index: "PCI")
        #expect(editions == [EditionSummary(index: "PCI", year: 2021, of: 5, present: 5, scored: 5, ranksPublished: 0)])
    }

    @Test("long format rows of one province form one record; other metrics are components")
    func longFormat() throws {
        let store = try ChiSoStore(path: nil)
        _ = try makeIngestor(store).ingestRankings(path: fixture("long-format.csv"), options: .init(of: 63))
        let entries = try store.fetchEntries(index: "DTI", year: 2022)
        #expect(entries.map(\.provinceID) == ["48", "79"])
        #expect(entries.map(\.rank) == [1, 2])
        #expect(entries.map(\.score) == [0.8002, 0.7163])
        #expect(try store.fetchComponents(index: "DTI", year: 2022) == [ComponentValue(index: "DTI", year: 2022, provinceID: "48", component: "cqs_rank", value: 1, sourceFile: "long-format.csv")])
    }

    @Test("loading the same file twice changes nothing; a corrected file replaces its rows")
    func reingest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-reingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("pci.csv")
        try "province,score\nPhú Yên,64.17\nBình Định,66.1\n".write(to: file, atomically: true, encoding: .utf8)
        let store = try ChiSoStore(path: nil)
        let ingestor = makeIngestor(store)
        let options = RankingIngestOptions(index: "PCI", year: 2021, of: 63)
        #expect(try ingestor.ingestRankings(path: file.path, options: options).outcome == .loaded(rows: 2))
        let before = try store.dump()
        guard case .unchanged? = try ingestor.ingestRankings(path: file.path, options: options).outcome else { Issue.record("expected unchanged"); return }
        #expect(try store.dump() == before)

        try "province,score\nPhú Yên,64.2\n".write(to: file, atomically: true, encoding: .utf8)
        guard case .replaced(rows: 1, let previous)? = try ingestor.ingestRankings(path: file.path, options: options).outcome else { Issue.record("expected replaced"); return }
        #expect(previous.rowCount == 2)
        #expect(try store.fetchEntries(index: "PCI", year: 2021).map(\.score) == [64.2])
        #expect(try store.fetchSources().count == 1)
    }

    @Test("every bad input is rejected with file:line:column and what to do, leaving the store unchanged", arguments: [
        ("unknown-province.csv", ":3:1: error: [ingest] ", "Phú Yên"),
        ("duplicate-province.csv", ":4:1: error: [ingest] Phú Yên appears twice in PCI 2021 (first on line 2)", "keep one row"),
        ("rank-out-of-range.csv", ":3:3: error: [ingest] rank 64 is outside 1...63", "declare how many provinces"),
        ("not-a-number.csv", ":2:2: error: [ingest] score: \"sáu mươi\" is not a number", "leave the cell empty"),
        ("rank-contradicts-scores.csv", ":3:3: error: [ingest] Bình Định is ranked 40 with score 66.1, but Phú Yên (line 2) is ranked 35 with the lower score 64.17", "leave the rank empty"),
        ("ambiguous-decimal.csv", ":2:2: error: [ingest] ambiguous number \"1.234\"", "declare --decimal point or --decimal comma"),
        ("code-and-name-disagree.csv", ":2:2: error: [ingest] code 54 is Phú Yên but the name says \"Bình Định\"", "correct the code"),
        ("ragged-row.csv", ":2:4: error: [ingest] row has 4 fields but the header has 3", "unquoted delimiter"),
        ("no-province-column.csv", ":1:1: error: [ingest] no province column (found: STT, Tên, Điểm)", "--column province="),
    ])
    func badInput(file: String, expected: String, advice: String) throws {
        let store = try ChiSoStore(path: nil)
        _ = try makeIngestor(store).ingestRankings(path: fixture("long-format.csv"), options: .init(of: 63))
        let before = try store.dump()
        let path = fixture(file)
        let error = #expect(throws: IngestError.self) {
            try makeIngestor(store).ingestRankings(path: path, options: .init(index: "PCI", year: 2021))
        }
        let message = error?.description ?? ""
        #expect(message.contains(path + expected), "\(message)")
        #expect(message.contains(advice), "\(message)")
        #expect(try store.dump() == before)
    }

    @Test("a row another file already brought is an error naming that file; the store is unchanged")
    func conflictAcrossFiles() throws {
        let store = try ChiSoStore(path: nil)
        _ = try makeIngestor(store).ingestRankings(path: fixture("tie-computed.csv"), options: .init())
        let before = try store.dump()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-conflict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let other = dir.appendingPathComponent("other.csv")
        try "index,year,province,score,of\nPCI,2021,Cần Thơ,59.1,5\n".write(to: other, atomically: true, encoding: .utf8)
        // Found by validation (so `chiso validate` reports it too), at the row.
        let error = #expect(throws: IngestError.self) { try makeIngestor(store).ingestRankings(path: other.path, options: .init()) }
        #expect(error?.description.contains(other.path + ":2:1: error: [ingest] Cần Thơ PCI 2021 is already loaded from tie-computed.csv (line 6)") == true, "\(String(describing: error))")
        #expect(try store.dump() == before)
    }

    @Test("validate runs the checks and writes nothing")
    func validateWritesNothing() throws {
        let store = try ChiSoStore(path: nil)
        let before = try store.dump()
        let summary = try makeIngestor(store).validateRankings(path: fixture("tie-computed.csv"), options: .init())
        #expect(summary.rows == 5 && summary.outcome == nil)
        #expect(try store.dump() == before)
    }
}
