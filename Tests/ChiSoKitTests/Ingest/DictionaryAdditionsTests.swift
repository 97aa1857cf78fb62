import ChiSoKit
import ChiSoApp
@testable import ChiSoIngest
import ChiSoStore
import Foundation
import Testing

/// A dossier log's new units, procedure codes and fields are written after its rows, the code index
/// made again by one sort when the new codes are many (`AdministrativeTableWriter.insertDictionaryAdditions`).
@Suite("Dictionaries written after the rows")
struct DictionaryAdditionsTests {
    /// The procedure code of row `i` of `log(rows:codes:offset:)`.
    static func code(row i: Int, codes: Int, offset: Int) -> String { "C-\(offset + (i * 7919) % codes)" }

    /// A log of `rows` rows naming `codes` procedure codes C-<offset>…, each at least once when
    /// rows ≥ codes (7919 is prime, so row i's code index (i × 7919) mod codes runs through them all), over 40 units
    /// of its own (two files counting one unit over the same days are refused).
    static func log(rows: Int, codes: Int, offset: Int = 0, idPrefix: String = "D") -> String {
        var out = "dossier_id,province_code,unit_code,procedure_code,received_at,channel,due_at,resolved_at\n"
        let start = DayNumber.from(year: 2023, month: 1, day: 1)
        for i in 0..<rows {
            let day = start + i % 300
            out += "\(idPrefix)-\(i),54,54.\(idPrefix)\(i % 40),\(code(row: i, codes: codes, offset: offset)),\(DayNumber.day(day))T09:00:00+07:00,online,\(DayNumber.day(day + 5)),\n"
        }
        return out
    }

    static func strings(_ store: ChiSoStore, _ sql: String) throws -> [String] {
        try store.query(sql).rows.map { row in
            guard case .text(let text)? = row.first else { return "" }
            return text
        }
    }

    static func codeIndexes(_ store: ChiSoStore) throws -> [String] {
        try strings(store, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'admin_procedure' ORDER BY name")
    }

    /// `codes` codes, each once, the unique code index in place, and the file sound.
    static func expectCodesSound(_ store: ChiSoStore, codes: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(try IngestRobustnessTests.count(store, "SELECT count(*) FROM admin_procedure") == codes, sourceLocation: sourceLocation)
        #expect(try IngestRobustnessTests.count(store, "SELECT count(DISTINCT code) FROM admin_procedure") == codes, sourceLocation: sourceLocation)
        #expect(try codeIndexes(store) == ["admin_procedure_by_code"], sourceLocation: sourceLocation)
        #expect(try store.checkIntegrity().isEmpty, sourceLocation: sourceLocation)
    }

    /// Each row's procedure code as the store reads it back (by the id the row holds), in line order.
    static func rowCodes(_ store: ChiSoStore, source: Int) throws -> [String] {
        try strings(store, "SELECT procedure_code FROM dossier_detail WHERE source_id = \(source) ORDER BY source_line")
    }

    @Test("a first load with thousands of codes: each code once, every row reads back its own code, the unique index made again")
    func firstLoad() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: folder.path("db.sqlite"))
        let rows = 6_000, codes = 3_000
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("log.csv", Self.log(rows: rows, codes: codes)))
        try Self.expectCodesSound(store, codes: codes)
        #expect(try Self.rowCodes(store, source: 1) == (0..<rows).map { Self.code(row: $0, codes: codes, offset: 0) })
        #expect(try IngestRobustnessTests.count(store, "SELECT count(*) FROM admin_unit") == 40)
        #expect(throws: (any Error).self) { try store.write { try $0.execute(sql: "INSERT INTO admin_procedure (code) VALUES ('C-17')") } }
    }

    @Test("later loads: a few new codes go through the index, thousands make it again; no code twice, every row its own code")
    func laterLoads() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: folder.path("db.sqlite"))
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("a.csv", Self.log(rows: 3_000, codes: 3_000)))
        // 20 codes, 10 of them new (C-2990…C-3009): fewer than 1,024, through the index.
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("b.csv", Self.log(rows: 400, codes: 20, offset: 2_990, idPrefix: "B")))
        #expect(try IngestRobustnessTests.count(store, "SELECT count(*) FROM admin_procedure") == 3_010)
        #expect(try Self.rowCodes(store, source: 2) == (0..<400).map { Self.code(row: $0, codes: 20, offset: 2_990) })
        // 6,000 codes, 5,990 new: more than a quarter of the 3,010 held, the index made again.
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("c.csv", Self.log(rows: 6_000, codes: 6_000, offset: 3_000, idPrefix: "C")))
        try Self.expectCodesSound(store, codes: 9_000)
        #expect(try Self.rowCodes(store, source: 3) == (0..<6_000).map { Self.code(row: $0, codes: 6_000, offset: 3_000) })
        // The first file's rows still read their codes.
        #expect(try Self.rowCodes(store, source: 1) == (0..<3_000).map { Self.code(row: $0, codes: 3_000, offset: 0) })
    }

    @Test("more new codes than DictionaryAdditions holds: written in two goes during the load, the index made again once; each code once, every row its own")
    func moreThanHeld() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: folder.path("db.sqlite"))
        // 12-character codes, 20 bytes each held: 110,000 pass the 2 MiB limit once.
        let rows = 110_000
        #expect(rows * 20 > DictionaryAdditions.limit && rows * 20 < 2 * DictionaryAdditions.limit)
        var log = "dossier_id,province_code,unit_code,procedure_code,received_at,channel,due_at,resolved_at\n"
        for i in 0..<rows { log += "D-\(i),54,54.U\(i % 40),P-\(String(format: "%010d", i)),2023-03-10T09:00:00+07:00,online,2023-03-20,\n" }
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("log.csv", log))
        try Self.expectCodesSound(store, codes: rows)
        #expect(try IngestRobustnessTests.count(store, "SELECT count(*) FROM dossier_detail WHERE procedure_code = 'P-' || printf('%010d', source_line - 2)") == rows)
    }

    @Test("validate (a dry run) of a log with thousands of new codes leaves the database, its code index included, as it was")
    func dryRun() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: folder.path("db.sqlite"))
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("a.csv", Self.log(rows: 100, codes: 50)))
        let before = try store.dump()
        let summary = try makeAdminIngestor(store).ingest(path: try folder.write("b.csv", Self.log(rows: 5_000, codes: 5_000, offset: 50, idPrefix: "B")), write: false)
        #expect(summary.rows == 5_000)
        #expect(try store.dump() == before)
        #expect(try Self.codeIndexes(store) == ["admin_procedure_by_code"])
    }

    @Test("the held codes come back in the order they came, each with its id, consecutive ids or not")
    func heldInOrder() {
        var additions = DictionaryAdditions()
        var first = DossierBatch(capacity: 4)
        first.newProcedures = [(10, "1.001193.000.00.00.H36"), (11, "B"), (12, "")]
        var second = DossierBatch(capacity: 4)
        second.newProcedures = [(20, "Đất đai/1"), (21, "C")]
        second.newUnits = [AdminUnitEntry(id: 3, provinceID: "54", code: "54.U1", name: "UBND", level: .commune)]
        #expect(additions.isEmpty)
        #expect(!additions.isLarge)
        additions.add(first)
        additions.add(second)
        var seen: [(Int64, String)] = []
        additions.forEachProcedure { id, bytes in seen.append((id, String(decoding: bytes, as: UTF8.self))) }
        #expect(seen.map(\.0) == [10, 11, 12, 20, 21])
        #expect(seen.map(\.1) == ["1.001193.000.00.00.H36", "B", "", "Đất đai/1", "C"])
        #expect(additions.procedureCount == 5)
        #expect(additions.units.map(\.code) == ["54.U1"])
    }
}
