import Foundation
import Testing

@testable import ChiSoApp
@testable import ChiSoCore
@testable import ChiSoIngest
@testable import ChiSoStore

/// The column rules are the same for rankings, statistics and dossier logs (one resolver: `ColumnMap`).
@Suite("One set of column rules for every kind of file")
struct ColumnRulesTests {
    static let row = "H-1,54,54.SO.TP,Sở Tư pháp,1.001193,Hộ tịch,2023-03-01T09:00:00+07:00,online,full,2023-03-03,2023-03-02T10:00:00+07:00,resolved\r\n"

    @Test("two headers that mean one field are an error for a dossier log too, naming both columns")
    func twoHeadersOneField() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("log.csv", dossierHeader + ",Mã hồ sơ\r\n" + Self.row.dropLast(1) + ",H-9\r\n")
        let store = try ChiSoStore(path: nil)
        let before = try store.dump()
        let error = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: path) }
        #expect(error?.description.contains("\(path):1:13: error: [ingest] column \"Mã hồ sơ\" and column 1 (\"dossier_id\") both give the dossier_id") == true,
                "\(String(describing: error))")
        #expect(try store.dump() == before)
    }

    @Test("--column maps a dossier-log header that ChiSo does not know, and settles two candidate headers")
    func columnForDossierLogs() throws {
        let folder = try TemporaryFolder()
        let renamed = dossierHeader.replacingOccurrences(of: "dossier_id", with: "Số biên nhận")
        let path = try folder.write("log.csv", renamed + "\r\n" + Self.row)
        let store = try ChiSoStore(path: nil)
        let summary = try makeAdminIngestor(store).ingest(path: path, kind: .dossiers,
                                                          rankingOptions: RankingIngestOptions(columns: ["dossier_id": "Số biên nhận"]))
        #expect(summary.rows == 1)

        let both = try folder.write("both.csv", dossierHeader + ",Mã hồ sơ\r\n" + Self.row.dropLast(1) + ",H-9\r\n")
        let chosen = try makeAdminIngestor(try ChiSoStore(path: nil)).ingest(path: both, rankingOptions: RankingIngestOptions(columns: ["dossier_id": "Mã hồ sơ"]))
        #expect(chosen.rows == 1 && chosen.ignoredColumns == ["dossier_id"])
    }

    @Test("a --column field the kind does not have is an error listing the fields it has")
    func unknownFieldForStatistics() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("stats.csv", "period,province_code,received_total,received_online\r\n2023,54,100,40\r\n")
        let error = #expect(throws: IngestError.self) {
            try makeAdminIngestor(try ChiSoStore(path: nil)).ingest(path: path, rankingOptions: RankingIngestOptions(columns: ["score": "period"]))
        }
        #expect(error?.description.contains("--column score=period: expected FIELD=HEADER with FIELD one of period, province_code") == true, "\(String(describing: error))")
    }

    @Test("--index or --year given for a statistics file is an error, not silently ignored")
    func rankingOptionsRefused() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("stats.csv", "period,province_code,received_total,received_online\r\n2023,54,100,40\r\n")
        let store = try ChiSoStore(path: nil)
        let error = #expect(throws: IngestError.self) {
            try makeAdminIngestor(store).ingest(path: path, rankingOptions: RankingIngestOptions(index: "PCI", year: 2023))
        }
        #expect(error?.description == """
            \(path):1:1: error: [ingest] --index applies to rankings files only, and this file is an aggregated statistics file (its rows carry their own periods); leave --index out, or load the rankings files in a separate chiso ingest
            \(path):1:1: error: [ingest] --year applies to rankings files only, and this file is an aggregated statistics file (its rows carry their own periods); leave --year out, or load the rankings files in a separate chiso ingest
            """)
        #expect(try store.fetchSources().isEmpty)
    }
}
