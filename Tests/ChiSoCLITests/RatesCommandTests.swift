import Foundation
import Testing
import TestSupport

@Suite("chiso rates and the administrative ingest")
struct RatesCommandTests {
    /// Fifteen dossiers of Phú Yên, December 2022 to March 2023: every channel, a pending one,
    /// late ones, Vietnamese spellings, a unit name with a comma.
    static let log = """
        dossier_id,province_code,unit_code,unit_name,procedure_code,field,received_at,channel,online_level,due_at,resolved_at,status
        D-01,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2022-12-05T09:00:00+07:00,online,full,2022-12-08,2022-12-07T10:00:00+07:00,resolved
        D-02,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2022-12-12T09:00:00+07:00,direct,,2022-12-15,2022-12-14T10:00:00+07:00,resolved
        D-03,54,54.H.559,UBND huyện Tuy An,1.000656.000.00.00.H36,Chứng thực,2022-12-20T09:00:00+07:00,direct,,2022-12-22,2023-01-04T10:00:00+07:00,resolved
        D-04,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2023-01-03T08:00:00+07:00,online,partial,2023-01-06,2023-01-05T10:00:00+07:00,resolved
        D-05,54,54.H.559,UBND huyện Tuy An,1.000656.000.00.00.H36,Chứng thực,2023-01-09T08:30:00+07:00,trực tuyến,toàn trình,2023-01-11,2023-01-10T15:00:00+07:00,resolved
        D-06,54,54.X.11260,"UBND xã An Dân, huyện Tuy An",1.000656.000.00.00.H36,Chứng thực,2023-01-16T10:00:00+07:00,direct,,2023-01-17,2023-01-18T09:00:00+07:00,resolved
        D-07,54,54.X.11260,"UBND xã An Dân, huyện Tuy An",1.000656.000.00.00.H36,Chứng thực,2023-01-30T14:00:00+07:00,postal,,2023-02-03,2023-02-02T09:00:00+07:00,resolved
        D-08,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2023-02-06T08:00:00+07:00,online,full,2023-02-09,2023-02-08T11:00:00+07:00,resolved
        D-09,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2023-02-07T08:00:00+07:00,online,full,2023-02-10,2023-02-09T11:00:00+07:00,resolved
        D-10,54,54.H.559,UBND huyện Tuy An,1.000656.000.00.00.H36,Chứng thực,2023-02-14T08:00:00+07:00,trực tiếp,,2023-02-16,2023-02-20T11:00:00+07:00,resolved
        D-11,54,54.X.11260,"UBND xã An Dân, huyện Tuy An",1.000656.000.00.00.H36,Chứng thực,2023-02-21T08:00:00+07:00,online,partial,2023-02-23,2023-02-22T11:00:00+07:00,resolved
        D-12,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2023-03-01T08:00:00+07:00,direct,,2023-03-03,2023-03-02T11:00:00+07:00,resolved
        D-13,54,54.H.559,UBND huyện Tuy An,1.000656.000.00.00.H36,Chứng thực,2023-03-08T08:00:00+07:00,online,full,2023-03-10,,pending
        D-14,54,54.X.11260,"UBND xã An Dân, huyện Tuy An",1.000656.000.00.00.H36,Chứng thực,2023-03-15T08:00:00+07:00,online,full,2023-03-17,2023-03-16T11:00:00+07:00,resolved
        D-15,54,54.X.11260,"UBND xã An Dân, huyện Tuy An",1.000656.000.00.00.H36,Chứng thực,2023-03-22T08:00:00+07:00,bưu chính,,2023-03-24,2023-03-23T11:00:00+07:00,resolved

        """

    /// A database holding the log above, built once through the CLI.
    static let database: URL = {
        let dir = try! CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("phu-yen-2023.csv")
        try! log.replacingOccurrences(of: "\n", with: "\r\n").write(to: file, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("rates.sqlite")
        let result = try! CLI.run(["ingest", file.path, "--db", db.path])
        precondition(result.status == 0, result.stderr)
        return db
    }()

    @Test("monthly, quarterly and per-unit rates, in every format", arguments: [
        (["--by", "month"], "rates-phu-yen-2023-month.vi.txt"),
        (["--by", "month", "--lang", "en", "--format", "md"], "rates-phu-yen-2023-month.en.md"),
        (["--by", "month", "--format", "json"], "rates-phu-yen-2023-month.json"),
        (["--by", "quarter", "--format", "csv"], "rates-phu-yen-2023-quarter.csv"),
        (["--by", "unit", "--lang", "en"], "rates-phu-yen-2023-unit.en.txt"),
        (["--by", "level", "--lang", "en"], "rates-phu-yen-2023-level.en.txt"),
        (["--by", "field", "--format", "json"], "rates-phu-yen-2023-field.json"),
        ([], "rates-phu-yen-2023-year.vi.txt"),
    ])
    func goldens(arguments: [String], golden: String) throws {
        let result = try CLI.run(["rates", "--province", "Phú Yên", "--year", "2023", "--db", Self.database.path] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        GoldenFile.check(result.stdout, GoldenFile.url(golden))
    }

    @Test("JSON rows carry the documented keys, rates as ratios and null for n/a")
    func jsonKeys() throws {
        let result = try CLI.run(["rates", "--province", "54", "--year", "2023", "--by", "month", "--format", "json", "--db", Self.database.path])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 3)
        for key in ["period", "province_code", "received_total", "received_online", "online_rate", "resolved_total", "resolved_on_time",
                    "on_time_rate", "online_rate_change_pp"] {
            #expect(rows[0][key] != nil, "missing \(key)")
        }
        #expect(rows[0]["period"] as? String == "2023-01")
        #expect(rows[0]["received_total"] as? Int == 4)
        #expect(rows[0]["online_rate"] as? Double == 0.5)
        // December 2022: 1 online of 3 received.
        #expect(abs((rows[0]["online_rate_change_pp"] as? Double ?? 0) - (50 - 100.0 / 3)) < 1e-9)
    }

    @Test("the bundled Kon Tum figures, by level, with the reporting window noted")
    func bundledKonTum() throws {
        let result = try CLI.run(["rates", "--province", "Kon Tum", "--year", "2023", "--by", "level", "--db", CLI.bundledDatabase.path])
        #expect(result.status == 0, "\(result.stderr)")
        GoldenFile.check(result.stdout, GoldenFile.url("rates-kon-tum-2023-level.vi.txt"))
        let monthly = try CLI.run(["rates", "--province", "Kon Tum", "--year", "2023", "--by", "month", "--lang", "en", "--db", CLI.bundledDatabase.path])
        #expect(monthly.status == 0)
        #expect(monthly.stderr.contains("Note: the figures for 2023-Q1 are given for the whole period only and cannot be split by month"))
    }

    @Test("usage and data errors", arguments: [
        (["rates", "--year", "2023"], Int32(2), "--province is needed"),
        (["rates", "--province", "Phú Yên", "--year", "2021"], 1, "error: no dossier statistics for Phú Yên in 2021"),
        (["rates", "--province", "Phu Yenn", "--year", "2023"], 1, "did you mean Phú Yên"),
        (["rates", "--province", "54", "--year", "2023", "--by", "week"], 2, "--by"),
    ])
    func errors(arguments: [String], status: Int32, message: String) throws {
        let result = try CLI.run(arguments + ["--db", Self.database.path])
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("ingest: a bad log loads nothing and says where; --max-errors loads the rest and names the reject file")
    func ingestErrors() throws {
        let dir = try CLI.temporaryDirectory()
        let bad = Self.log.replacingOccurrences(of: "2023-01-16T10:00:00+07:00,direct", with: "2023-01-16T10:00:00+07:00,fax")
        let file = dir.appendingPathComponent("bad.csv")
        try bad.write(to: file, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("x.sqlite").path
        let refused = try CLI.run(["ingest", file.path, "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(file.path):7:8: error: [ingest] channel \"fax\" is not online, direct or postal"), "\(refused.stderr)")
        #expect(refused.stderr.contains("1 of 1 file not loaded"))
        let loaded = try CLI.run(["ingest", file.path, "--db", db, "--max-errors", "5"], cwd: dir)
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stderr.contains("\(file.path): loaded 14 dossiers; rejected 1 row, written with their reasons to bad.rejects.csv"), "\(loaded.stderr)")
        let rejects = try String(contentsOf: dir.appendingPathComponent("bad.rejects.csv"), encoding: .utf8)
        #expect(rejects.contains("D-06,54,54.X.11260,\"UBND xã An Dân, huyện Tuy An\""))
        #expect(rejects.contains(":7:8: error: [ingest] channel \"\"fax\"\" is not online"))
        let kind = try CLI.run(["ingest", file.path, "--db", dir.appendingPathComponent("y.sqlite").path, "--kind", "statistics"])
        #expect(kind.status == 1)
        #expect(kind.stderr.contains("no period column"), "\(kind.stderr)")
        let usage = try CLI.run(["ingest", file.path, "--db", db, "--reject-file", "r.csv"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--reject-file needs --max-errors"))
    }
}
