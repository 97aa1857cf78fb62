import Foundation
import Testing
import TestSupport

@Suite("chiso changes and ranks on the bundled datasets")
struct ChangesCommandTests {
    let db = CLI.bundledDatabase.path

    @Test("prints the three statements of the provincial press for Phú Yên 2021")
    func phuYen2021() throws {
        let result = try CLI.run(["changes", "--province", "Phú Yên", "--year", "2021", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("PCI 2021: 64,17 điểm (tăng 1,33 điểm), xếp thứ 35/63, tăng 7 bậc so với năm 2020"))
        #expect(result.stdout.contains("xếp thứ 45/63, tăng 14 bậc so với năm 2020"))
        #expect(result.stdout.contains("DTI 2021: xếp thứ 50/63, tăng 12 bậc so với năm 2020"))
        GoldenFile.check(result.stdout, GoldenFile.url("changes-phu-yen-2021.vi.txt"))
    }

    @Test("English, JSON and Markdown outputs are stable", arguments: [
        (["--lang", "en"], "changes-phu-yen-2021.en.txt"),
        (["--format", "json"], "changes-phu-yen-2021.json"),
        (["--format", "md", "--lang", "en"], "changes-phu-yen-2021.en.md"),
    ])
    func formats(arguments: [String], golden: String) throws {
        let result = try CLI.run(["changes", "--province", "phu yen", "--year", "2021", "--db", db] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        GoldenFile.check(result.stdout, GoldenFile.url(golden))
    }

    @Test("JSON rows carry the documented keys")
    func jsonKeys() throws {
        let result = try CLI.run(["changes", "--province", "54", "--year", "2021", "--index", "PCI", "--format", "json", "--db", db])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["province"] as? String == "Phú Yên")
        #expect(object["year"] as? Int == 2021)
        let rows = try #require(object["changes"] as? [[String: Any]])
        let row = try #require(rows.first)
        for key in ["index", "year", "province_code", "province", "rank", "of", "score", "rank_computed",
                    "previous_year", "previous_rank", "previous_of", "change", "score_change"] {
            #expect(row.keys.contains(key), "missing key \(key)")
        }
        #expect(row["rank"] as? Int == 35)
        #expect(row["change"] as? Int == 7)
        #expect(row["rank_computed"] as? Bool == true)
    }

    @Test("the PCI 2021 leaderboard", arguments: [("table", "ranks-pci-2021.txt"), ("json", "ranks-pci-2021.json"), ("csv", "ranks-pci-2021.csv")])
    func leaderboard(format: String, golden: String) throws {
        let result = try CLI.run(["ranks", "--index", "PCI", "--year", "2021", "--format", format, "--lang", "en", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        GoldenFile.check(result.stdout, GoldenFile.url(golden))
    }

    @Test("a change across the 2025 reorganisation is flagged, not computed")
    func reorganisation() throws {
        // DTI-34: DTI 2024 as published for the 34 units; the predecessor's place is DTI 2024 on the 63 provinces.
        let result = try CLI.run(["changes", "--province", "Huế", "--year", "2024", "--index", "DTI-34", "--format", "json", "--lang", "en", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let row = try #require((object["changes"] as? [[String: Any]])?.first)
        #expect(row["province_id"] as? String == "2025-46")
        #expect(row["rank"] as? Int == 2)
        #expect(row["of"] as? Int == 34)
        #expect(row["change"] is NSNull)
        let caveats = try #require(row["caveats"] as? [String])
        #expect(caveats.contains { $0.contains("in 2024: Thừa Thiên Huế 5/63") }, "\(caveats)")
        #expect(row["caveat_codes"] as? [String] == ["reorganisation_2025"])
        let predecessors = try #require(row["predecessors"] as? [[String: Any]])
        #expect(predecessors.map { $0["province_id"] as? String } == ["46"])
        #expect(predecessors.first?["rank"] as? Int == 5 && predecessors.first?["of"] as? Int == 63)
    }

    @Test("an unknown province is a data error with suggestions, on stderr")
    func unknownProvince() throws {
        let result = try CLI.run(["changes", "--province", "Phu Yenn", "--year", "2021", "--db", db])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Phú Yên"))
    }

    @Test("a usage error exits 2")
    func usageError() throws {
        let result = try CLI.run(["changes", "--year", "2021", "--db", db])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--province"))
    }
}

@Suite("chiso validate")
struct ValidateCommandTests {
    @Test("validate creates no database file, default or named")
    func createsNothing() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("pci.csv")
        try "province,score\nPhú Yên,64.17\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", "--index", "PCI", "--year", "2023", file.path], cwd: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("valid, 1 row") && !result.stderr.contains("1 rows"))
        let named = try CLI.run(["validate", "--index", "PCI", "--year", "2023", file.path, "--db", dir.appendingPathComponent("new.sqlite").path], cwd: dir)
        #expect(named.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["pci.csv"])
    }
}

@Suite("chiso report with procedure figures")
struct ReportProceduresTests {
    @Test("the province report shows the administrative-procedure section when the store has the province's figures")
    func konTum() throws {
        let db = CLI.bundledDatabase.path
        let withData = try CLI.run(["report", "province", "--province", "Kon Tum", "--year", "2023", "--format", "md", "--lang", "en", "--db", db])
        #expect(withData.status == 0, "\(withData.stderr)")
        #expect(withData.stdout.contains("## Administrative procedures: online submission and on-time resolution"))
        #expect(withData.stdout.contains("22.3%"))
        let without = try CLI.run(["report", "province", "--province", "Phú Yên", "--year", "2021", "--format", "md", "--lang", "en", "--db", db])
        #expect(!without.stdout.contains("## Administrative procedures"))
    }
}
