@testable import ChiSoApp
@testable import ChiSoIngest
@testable import ChiSoStore
import ChiSoKit
import Foundation
import Testing

@Suite("Procedure catalogue (full-online eligibility, fees) for the service index")
struct ProcedureCatalogueTests {
    /// Three procedures the catalogue states, and one it does not.
    static let procedures = ["1.001193.000.00.00.H36", "1.000656.000.00.00.H36", "2.000908.000.00.00.H36", "9.999999.000.00.00.H36"]
    /// The catalogue: (eligible for full-online service, has fees) of the first three.
    static let stated: [String: (eligible: Bool, fee: Bool)] = [
        procedures[0]: (true, true), procedures[1]: (false, true), procedures[2]: (true, false),
    ]
    static let catalogueCSV = """
        Mã TTHC,Tên thủ tục,Đủ điều kiện toàn trình,"Có phí, lệ phí"
        1.001193.000.00.00.H36,Đăng ký khai sinh,có,có
        1.000656.000.00.00.H36,Chứng thực bản sao,không,có
        2.000908.000.00.00.H36,Cấp phiếu lý lịch tư pháp,1,0
        1.001193.000.00.00.H36,Đăng ký khai sinh,yes,

        """

    /// One generated dossier, as the test knows it.
    struct Row {
        var procedure: Int
        var fullOnline: Bool
        /// The log's fee_required cell: nil empty.
        var fee: Bool?
        var paidOnline: Bool
    }

    /// A log of `count` dossiers of procedures `0..<procedureCount` with a fee_required column
    /// (some cells empty) and a paid_online column, and the rows it was made from.
    static func log(count: Int, procedureCount: Int = 3, seed: UInt64) -> (csv: String, rows: [Row]) {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var lines = [dossierHeader + ",fee_required,paid_online"]
        var rows: [Row] = []
        for i in 0..<count {
            let procedure = next(procedureCount)
            let online = next(2) == 0
            let full = online && next(2) == 0
            let fee: Bool? = [nil, nil, true, false][next(4)]
            let paid = next(3) == 0
            let month = 1 + next(12)
            let day = 1 + next(20)
            let date = "2023-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            let unit = next(2) == 0 ? "54.SO.TP,Sở Tư pháp tỉnh Phú Yên" : "54.X.11260,\"UBND xã An Dân, huyện Tuy An\""
            lines.append("D-\(i),54,\(unit),\(procedures[procedure]),Hộ tịch,\(date)T09:00:00+07:00,\(online ? "online" : "direct"),"
                         + "\(online ? (full ? "full" : "partial") : ""),\(date),\(date)T15:00:00+07:00,resolved,"
                         + "\(fee.map { $0 ? "có" : "không" } ?? ""),\(paid ? "có" : "không")")
            rows.append(Row(procedure: procedure, fullOnline: full, fee: fee, paidOnline: paid))
        }
        return (lines.joined(separator: "\r\n") + "\r\n", rows)
    }

    static func indicator(_ answer: ServiceIndexAnswer, _ code: String) throws -> ServiceIndicatorValue {
        try #require(answer.rows.first?.indicators.first { $0.formula.code == code })
    }

    @Test("with a catalogue loaded first, full-online and payment indicators are computable and equal a reference counted from the rows; a value the row states wins")
    func catalogueThenLog() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let ingestor = makeAdminIngestor(store)
        let catalogue = try ingestor.ingest(path: try folder.write("danh-muc.csv", Self.catalogueCSV))
        #expect(catalogue.kind == .catalogue)
        #expect(catalogue.rows == 3)
        #expect(catalogue.notes.isEmpty)
        let (csv, rows) = Self.log(count: 600, seed: 7)
        _ = try ingestor.ingest(path: try folder.write("log.csv", csv))
        let answer = try ServiceIndexQuery.answer(ServiceIndexRequest(province: "54", year: 2023), store: store)

        // The reference, counted from the generated rows: the row's own fee cell, else the catalogue's.
        let code = { (row: Row) in Self.procedures[row.procedure] }
        let eligible = rows.filter { Self.stated[code($0)]!.eligible }
        let withFee = rows.filter { $0.fee ?? Self.stated[code($0)]!.fee }
        let full = try Self.indicator(answer, "FULL_ONLINE")
        #expect(full.numerator == eligible.filter(\.fullOnline).count)
        #expect(full.denominator == eligible.count)
        #expect(full.rate == Double(eligible.filter(\.fullOnline).count) / Double(eligible.count))
        #expect(full.points == nil)  // the rate only: the portal's formula is not reproduced
        let payment = try Self.indicator(answer, "ONLINE_PAYMENT_DOSSIERS")
        #expect(payment.computable)
        #expect(payment.numerator == withFee.filter(\.paidOnline).count)
        #expect(payment.denominator == withFee.count)
        let points = try #require(payment.points)
        #expect(abs(points - 6 * Double(withFee.filter(\.paidOnline).count) / Double(withFee.count)) < 1e-9)
        // The catalogue changed something: a row's own "không" beat the catalogue's "có".
        #expect(withFee.count != rows.filter { Self.stated[code($0)]!.fee }.count)
    }

    @Test("dossiers of a procedure the catalogue does not list leave the indicator not computable, saying how many")
    func procedureNotListed() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let ingestor = makeAdminIngestor(store)
        _ = try ingestor.ingest(path: try folder.write("danh-muc.csv", Self.catalogueCSV))
        let (csv, rows) = Self.log(count: 200, procedureCount: 4, seed: 11)
        _ = try ingestor.ingest(path: try folder.write("log.csv", csv))
        let answer = try ServiceIndexQuery.answer(ServiceIndexRequest(province: "54", year: 2023), store: store)
        let full = try Self.indicator(answer, "FULL_ONLINE")
        let unlisted = rows.filter { $0.procedure == 3 }.count
        #expect(unlisted > 0)
        #expect(full.computable == false)
        #expect(full.missing == "the dossier-log column full_online_eligible or a procedure catalogue loaded before the log for \(unlisted) of \(rows.count) dossiers (files without it, procedures not in the catalogue)")
    }

    @Test("a catalogue loaded after a log says the log is not recounted and how to redo it; reloading the log applies it")
    func catalogueAfterLog() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let ingestor = makeAdminIngestor(store)
        let (csv, _) = Self.log(count: 300, seed: 5)
        let logPath = try folder.write("log.csv", csv)
        _ = try ingestor.ingest(path: logPath)
        let before = try Self.indicator(try ServiceIndexQuery.answer(ServiceIndexRequest(province: "54", year: 2023), store: store), "FULL_ONLINE")
        #expect(before.missing == "the dossier-log column full_online_eligible or a procedure catalogue loaded before the log")
        let summary = try ingestor.ingest(path: try folder.write("danh-muc.csv", Self.catalogueCSV))
        #expect(summary.notes == ["the dossier log log.csv, loaded before, was counted without this catalogue and is not recounted: "
                                  + "the catalogue applies to logs loaded after it; to apply it, `chiso sources --remove` each log and load it again"])
        let after = try Self.indicator(try ServiceIndexQuery.answer(ServiceIndexRequest(province: "54", year: 2023), store: store), "FULL_ONLINE")
        #expect(after == before)
        _ = try store.removeSource(fileName: "log.csv")
        _ = try ingestor.ingest(path: logPath)
        let reloaded = try Self.indicator(try ServiceIndexQuery.answer(ServiceIndexRequest(province: "54", year: 2023), store: store), "FULL_ONLINE")
        #expect(reloaded.denominator != nil)
    }

    @Test("bad catalogue rows are refused with file:line:column and the database is unchanged",
          arguments: [
            ("procedure_code,full_online_eligible,fee_required\r\nP-1,yes,no\r\nP-2,maybe,no\r\n",
             ":3:2: error: [ingest] full_online_eligible \"maybe\" is not yes or no; write yes, no, có, không, 1 or 0, or leave it empty when not known"),
            ("procedure_code,full_online_eligible,fee_required\r\nP-1,yes,no\r\nP-2,no,no\r\nP-1,yes,có\r\n",
             ":4:3: error: [ingest] procedure_code P-1 appears again with fee_required yes (line 2 says no); keep one row per procedure, with the right value"),
            ("procedure_code,full_online_eligible\r\n,yes\r\n",
             ":2:1: error: [ingest] no procedure_code; write the procedure's code (mã TTHC)"),
          ])
    func badRows(csv: String, expected: String) throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let path = try folder.write("cat.csv", csv)
        let error = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: path) }
        #expect(error?.description == path + expected)
        #expect(try store.fetchSources().isEmpty)
        #expect(try store.query("SELECT count(*) FROM admin_procedure_catalogue").rows == [[.integer(0)]])
        #expect(try store.query("SELECT count(*) FROM admin_procedure").rows == [[.integer(0)]])
    }

    @Test("a second catalogue that contradicts a loaded one is refused naming it; sources --remove takes a catalogue out")
    func conflictAndRemove() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let ingestor = makeAdminIngestor(store)
        _ = try ingestor.ingest(path: try folder.write("a.csv", "procedure_code,fee_required\r\nP-1,có\r\nP-2,không\r\n"))
        let other = try folder.write("b.csv", "procedure_code,fee_required,full_online_eligible\r\nP-2,có,có\r\n")
        let error = #expect(throws: IngestError.self) { try ingestor.ingest(path: other) }
        #expect(error?.description == "\(other):2:2: error: [ingest] procedure P-2 has fee_required yes here but no in the catalogue a.csv (line 3), "
                + "loaded before; correct one of the two, or remove the other with `chiso sources --remove a.csv`")
        #expect(try store.fetchSources().map(\.fileName) == ["a.csv"])
        // The same file corrected replaces its earlier version.
        _ = try ingestor.ingest(path: try folder.write("a.csv", "procedure_code,fee_required\r\nP-1,có\r\nP-2,có\r\n"))
        _ = try ingestor.ingest(path: other)
        #expect(try store.query("SELECT count(*) FROM admin_procedure_catalogue").rows == [[.integer(3)]])
        _ = try store.removeSource(fileName: "a.csv")
        _ = try store.removeSource(fileName: "b.csv")
        #expect(try store.query("SELECT count(*) FROM admin_procedure_catalogue").rows == [[.integer(0)]])
    }

    @Test("the kind is told from the header, English or Vietnamese; a dossier log or statistics file stays what it was")
    func detection() {
        #expect(SourceFile.Kind.detect(header: ["Mã TTHC", "Tên thủ tục", "Đủ điều kiện toàn trình", "Có phí, lệ phí"]) == .catalogue)
        #expect(SourceFile.Kind.detect(header: ["procedure_code", "fee_required"]) == .catalogue)
        #expect(SourceFile.Kind.detect(header: ["procedure_code", "full_online_eligible"]) == .catalogue)
        #expect(SourceFile.Kind.detect(header: dossierHeader.split(separator: ",").map(String.init) + ["fee_required"]) == .dossiers)
        #expect(SourceFile.Kind.detect(header: ["period", "province", "procedure_code", "received_total"]) == .statistics)
        #expect(SourceFile.Kind.detect(header: ["procedure_code", "score"]) == .rankings)
    }
}
