import Foundation
import Testing
import TestSupport

@Suite("chiso service-index")
struct ServiceIndexCommandTests {
    /// The fifteen dossiers of `RatesCommandTests` with two optional columns: synced (one "no")
    /// and Hài lòng (one satisfied, one not, the rest not rated).
    static let log = """
        dossier_id,province_code,unit_code,unit_name,procedure_code,field,received_at,channel,online_level,due_at,resolved_at,status,synced,Hài lòng
        D-01,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2022-12-05T09:00:00+07:00,online,full,2022-12-08,2022-12-07T10:00:00+07:00,resolved,có,
        D-02,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2022-12-12T09:00:00+07:00,direct,,2022-12-15,2022-12-14T10:00:00+07:00,resolved,có,
        D-03,54,54.H.559,UBND huyện Tuy An,1.000656.000.00.00.H36,Chứng thực,2022-12-20T09:00:00+07:00,direct,,2022-12-22,2023-01-04T10:00:00+07:00,resolved,có,
        D-04,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2023-01-03T08:00:00+07:00,online,partial,2023-01-06,2023-01-05T10:00:00+07:00,resolved,có,hài lòng
        D-05,54,54.H.559,UBND huyện Tuy An,1.000656.000.00.00.H36,Chứng thực,2023-01-09T08:30:00+07:00,trực tuyến,toàn trình,2023-01-11,2023-01-10T15:00:00+07:00,resolved,có,không hài lòng
        D-06,54,54.X.11260,"UBND xã An Dân, huyện Tuy An",1.000656.000.00.00.H36,Chứng thực,2023-01-16T10:00:00+07:00,direct,,2023-01-17,2023-01-18T09:00:00+07:00,resolved,có,
        D-07,54,54.X.11260,"UBND xã An Dân, huyện Tuy An",1.000656.000.00.00.H36,Chứng thực,2023-01-30T14:00:00+07:00,postal,,2023-02-03,2023-02-02T09:00:00+07:00,resolved,có,
        D-08,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2023-02-06T08:00:00+07:00,online,full,2023-02-09,2023-02-08T11:00:00+07:00,resolved,có,
        D-09,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2023-02-07T08:00:00+07:00,online,full,2023-02-10,2023-02-09T11:00:00+07:00,resolved,có,
        D-10,54,54.H.559,UBND huyện Tuy An,1.000656.000.00.00.H36,Chứng thực,2023-02-14T08:00:00+07:00,trực tiếp,,2023-02-16,2023-02-20T11:00:00+07:00,resolved,no,
        D-11,54,54.X.11260,"UBND xã An Dân, huyện Tuy An",1.000656.000.00.00.H36,Chứng thực,2023-02-21T08:00:00+07:00,online,partial,2023-02-23,2023-02-22T11:00:00+07:00,resolved,có,
        D-12,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2023-03-01T08:00:00+07:00,direct,,2023-03-03,2023-03-02T11:00:00+07:00,resolved,có,
        D-13,54,54.H.559,UBND huyện Tuy An,1.000656.000.00.00.H36,Chứng thực,2023-03-08T08:00:00+07:00,online,full,2023-03-10,,pending,có,
        D-14,54,54.X.11260,"UBND xã An Dân, huyện Tuy An",1.000656.000.00.00.H36,Chứng thực,2023-03-15T08:00:00+07:00,online,full,2023-03-17,2023-03-16T11:00:00+07:00,resolved,có,
        D-15,54,54.X.11260,"UBND xã An Dân, huyện Tuy An",1.000656.000.00.00.H36,Chứng thực,2023-03-22T08:00:00+07:00,bưu chính,,2023-03-24,2023-03-23T11:00:00+07:00,resolved,có,

        """

    static let database: URL = {
        let dir = try! CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("phu-yen-2023-766.csv")
        try! log.replacingOccurrences(of: "\n", with: "\r\n").write(to: file, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("service-index.sqlite")
        let result = try! CLI.run(["ingest", file.path, "--db", db.path])
        precondition(result.status == 0, result.stderr)
        return db
    }()

    @Test("per year, quarter, unit and level, in every format", arguments: [
        ([], "service-index-phu-yen-2023-year.vi.txt"),
        (["--by", "quarter", "--format", "json"], "service-index-phu-yen-2023-quarter.json"),
        (["--by", "unit", "--lang", "en"], "service-index-phu-yen-2023-unit.en.txt"),
        (["--by", "level", "--format", "csv"], "service-index-phu-yen-2023-level.csv"),
        (["--month", "2", "--by", "unit", "--lang", "en", "--format", "md"], "service-index-phu-yen-2023-02-unit.en.md"),
    ])
    func goldens(arguments: [String], golden: String) throws {
        let result = try CLI.run(["service-index", "--province", "Phú Yên", "--year", "2023", "--db", Self.database.path] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        GoldenFile.check(result.stdout, GoldenFile.url(golden))
    }

    @Test("handling on time, synced and satisfaction computed by hand from the fifteen rows; the rest unknown")
    func byHand() throws {
        let result = try CLI.run(["service-index", "--province", "54", "--year", "2023", "--format", "json", "--db", Self.database.path])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let year = try #require(rows.first)
        #expect(rows.count == 1)
        // The log's last day is 2023-03-23 (D-15 resolved): the year is counted as of then.
        #expect(year["status_day"] as? String == "2023-03-23")
        #expect(year["complete"] as? Bool == false)
        #expect(year["received"] as? Int == 12)
        let indicators = try #require(year["indicators"] as? [[String: Any]])
        func indicator(_ code: String) throws -> [String: Any] { try #require(indicators.first { $0["code"] as? String == code }) }
        // On time: D-04, 05, 07, 08, 09, 11, 12, 14, 15; late D-06, D-10; D-13 open and overdue on 2023-03-23.
        let progress = try indicator("HANDLING_ON_TIME")
        #expect(progress["numerator"] as? Int == 9)
        #expect(progress["denominator"] as? Int == 12)
        #expect(progress["points"] as? Double == 15)
        #expect(progress["formula"] as? String == "qd766-2022/HANDLING_ON_TIME")
        let synced = try indicator("DOSSIER_SYNC")
        #expect(synced["numerator"] as? Int == 11)
        #expect(synced["points"] as? Double == 5.5)
        let satisfaction = try indicator("DOSSIER_RECEIVING_SATISFACTION")
        #expect(satisfaction["numerator"] as? Int == 1)
        #expect(satisfaction["denominator"] as? Int == 2)
        #expect(satisfaction["points"] as? Double == 3.33)
        let digitised = try indicator("ORIGINAL_RESULT_AVAILABLE")
        #expect(digitised["computable"] as? Bool == false)
        #expect(digitised["points"] is NSNull)
        #expect(digitised["missing"] as? String == "the dossier-log column result_electronic")
        #expect(year["computable_max_points"] as? Double == 32)
        #expect(year["points"] as? Double == 23.83)
    }

    @Test("the example notebook runs on a database with dossier logs: which units cost the province points this quarter")
    func notebook() throws {
        let notebook = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/notebooks/service-index-units.md")
        let result = try CLI.run(["render", notebook.path, "--db", Self.database.path, "--param", "quarter=1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Quý 1/2023, Phú Yên tiếp nhận 12 hồ sơ"))
        #expect(result.stdout.contains("| 2023-Q1 | 1 | 54.H.559 | UBND huyện Tuy An | cấp huyện |"))
        #expect(result.stdout.contains("Tỉnh mất vì đơn vị"))
    }

    @Test("usage errors exit 2 with the usage line; no data exits 1 saying what to load")
    func errors() throws {
        let usage = try CLI.run(["service-index", "--province", "54", "--year", "2023", "--quarter", "5", "--db", Self.database.path])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--quarter 5 is not 1 to 4"))
        #expect(usage.stdout.isEmpty)
        let none = try CLI.run(["service-index", "--province", "Bình Định", "--year", "2023", "--db", Self.database.path])
        #expect(none.status == 1)
        #expect(none.stderr == "error: no dossier log of Bình Định for 2023 in the database; the service index is computed from dossier logs (one row a dossier) loaded with `chiso ingest`, or from statistics files with its counts (synced, satisfied, ...)\n")
        #expect(none.stdout.isEmpty)
    }

    @Test("a procedure catalogue loads from its Vietnamese header and feeds the logs loaded after it; a bad one exits 1 with file:line:column, loading nothing")
    func catalogue() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("catalogue.sqlite").path
        let catalogue = dir.appendingPathComponent("danh-muc.csv")
        try "Mã TTHC,Tên thủ tục,Đủ điều kiện toàn trình,\"Có phí, lệ phí\"\r\n1.001193.000.00.00.H36,Đăng ký khai sinh,có,không\r\n1.000656.000.00.00.H36,Chứng thực,không,không\r\n"
            .write(to: catalogue, atomically: true, encoding: .utf8)
        let loaded = try CLI.run(["ingest", catalogue.path, "--db", db])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stderr == "\(catalogue.path): loaded 2 procedures\n")
        let log = dir.appendingPathComponent("phu-yen-2023-766.csv")
        try Self.log.write(to: log, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["ingest", log.path, "--db", db]).status == 0)
        let result = try CLI.run(["service-index", "--province", "54", "--year", "2023", "--format", "json", "--db", db])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let indicators = try #require(rows.first?["indicators"] as? [[String: Any]])
        // Full online, of the eligible procedure (1.001193…: D-01, 02, 04, 08, 09, 12; full: D-01, 08, 09; received in 2023: D-04, 08, 09, 12).
        let full = try #require(indicators.first { $0["code"] as? String == "FULL_ONLINE" })
        #expect(full["numerator"] as? Int == 2)
        #expect(full["denominator"] as? Int == 4)
        // No procedure has a fee: payment A is 0 of 0 dossiers, 0 points (the portal's rule).
        let payment = try #require(indicators.first { $0["code"] as? String == "ONLINE_PAYMENT_DOSSIERS" })
        #expect(payment["denominator"] as? Int == 0)
        #expect(payment["computable"] as? Bool == true)

        let bad = dir.appendingPathComponent("bad.csv")
        try "procedure_code,fee_required\r\nP-1,có\r\nP-2,khong ro\r\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["ingest", bad.path, "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("\(bad.path):3:2: error: [ingest] fee_required \"khong ro\" is not yes or no;"))
        #expect(refused.stdout.isEmpty)
        let sources = try CLI.run(["sources", "--db", db, "--format", "csv"])
        #expect(!sources.stdout.contains("bad.csv"))
    }

    @Test("statistics with service counts give the ratio indicators for a year without a log; handling on time says why not")
    func statistics() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("statistics.sqlite").path
        let file = dir.appendingPathComponent("mau-06a-2024.csv")
        try "Kỳ,Mã tỉnh,Mã đơn vị,Tên đơn vị,Tổng số hồ sơ tiếp nhận,Số hồ sơ đồng bộ,Hài lòng,Đã đánh giá\r\n2024,54,54.SO.TP,Sở Tư pháp,400,380,45,50\r\n2024,54,54.H.559,UBND huyện Tuy An,100,100,9,10\r\n"
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["ingest", file.path, "--db", db]).status == 0)
        let result = try CLI.run(["service-index", "--province", "54", "--year", "2024", "--format", "json", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let year = try #require(rows.first)
        #expect(year["input"] as? String == "statistics")
        let indicators = try #require(year["indicators"] as? [[String: Any]])
        func indicator(_ code: String) throws -> [String: Any] { try #require(indicators.first { $0["code"] as? String == code }) }
        // Synced: 480 of 500 → 6 × 0.96 = 5.76; satisfaction 54 of 60 = 90% → 6.
        #expect(try indicator("DOSSIER_SYNC")["points"] as? Double == 5.76)
        #expect(try indicator("DOSSIER_RECEIVING_SATISFACTION")["points"] as? Double == 6)
        #expect(try indicator("HANDLING_ON_TIME")["computable"] as? Bool == false)
        #expect(year["computable_max_points"] as? Double == 12)
    }
}
