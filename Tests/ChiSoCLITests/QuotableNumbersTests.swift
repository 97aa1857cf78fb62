import Foundation
import Testing
import TestSupport

/// The command-line side of issue 11: merged provinces point to their successor, `--version`,
/// `ranks` over several indexes and the latest year, regions by their Vietnamese names.
@Suite("Numbers that can be quoted")
struct QuotableNumbersTests {
    let db = CLI.bundledDatabase.path

    @Test("a province merged away says where its figures are: Hà Tây after 2008, Phú Yên in the 34-unit DTI 2024")
    func mergerHints() throws {
        let haTay = try CLI.run(["changes", "--province", "Hà Tây", "--year", "2010", "--db", db])
        #expect(haTay.status == 1)
        #expect(haTay.stdout.isEmpty)
        #expect(haTay.stderr.contains("Hà Tây became part of Hà Nội on 2008-08-01; try --province 'Hà Nội'"), "\(haTay.stderr)")
        let report = try CLI.run(["report", "province", "--province", "Hà Tây", "--year", "2012", "--db", db])
        #expect(report.status == 1)
        #expect(report.stderr.contains("try --province 'Hà Nội'"), "\(report.stderr)")
        let phuYen = try CLI.run(["changes", "--province", "Phú Yên", "--year", "2024", "--index", "DTI,DTI-34", "--lang", "en", "--db", db])
        #expect(phuYen.status == 0)
        #expect(phuYen.stdout.contains("DTI 2024: score 0.6013 (up 0.0431), ranked 56/63, up 3 places on 2023"), "\(phuYen.stdout)")
        #expect(phuYen.stdout.contains("No 2024 figures: DTI-34."))
        #expect(phuYen.stderr.contains("Phú Yên became part of Đắk Lắk on 2025-07-01; try --province 'Đắk Lắk'"), "\(phuYen.stderr)")
        // A year after the merger, with no edition at all: the message names no index and points to the successor.
        let after = try CLI.run(["changes", "--province", "Phú Yên", "--year", "2025", "--db", db])
        #expect(after.status == 1)
        #expect(after.stderr.contains("error: the store has no 2025 figures for Phú Yên; Phú Yên became part of Đắk Lắk on 2025-07-01"), "\(after.stderr)")
        // Still existing and asked for an edition it is in: no hint.
        let binhDinh = try CLI.run(["changes", "--province", "Bình Định", "--year", "2021", "--db", db])
        #expect(binhDinh.status == 0 && binhDinh.stderr.isEmpty, "\(binhDinh.stderr)")
    }

    @Test("chiso --version")
    func version() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^chiso [0-9]+\.[0-9]+\.[0-9]+\n$"#, options: .regularExpression) != nil, "\(result.stdout)")
    }

    @Test("ranks: several indexes, the latest edition of each without --year, regions by their Vietnamese names")
    func ranks() throws {
        let result = try CLI.run(["ranks", "--index", "PAPI,DTI", "--region", "Tây Nguyên", "--format", "csv", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = RawCSV.records(text: result.stdout)
        // The latest editions: PAPI 2024 and DTI 2024, the five provinces of the Central Highlands in each.
        #expect(Set(rows.map { "\($0["index"]!) \($0["year"]!)" }) == ["PAPI 2024", "DTI 2024"])
        #expect(Set(rows.map { $0["province_id"]! }) == ["62", "64", "66", "67", "68"])
        #expect(rows.filter { $0["index"] == "DTI" }.count == 5)
        // The same region by key, in ASCII and in English.
        for name in ["central-highlands", "tay nguyen", "Central Highlands"] {
            let same = try CLI.run(["ranks", "--index", "PAPI,DTI", "--region", name, "--format", "csv", "--db", db])
            #expect(same.stdout == result.stdout, "\(name)")
        }
        let sub = try CLI.run(["ranks", "--index", "PAPI", "--year", "2021", "--subregion", "Duyên hải Nam Trung Bộ", "--format", "csv", "--db", db])
        #expect(sub.status == 0, "\(sub.stderr)")
        #expect(RawCSV.records(text: sub.stdout).count == 8)
        let bad = try CLI.run(["ranks", "--index", "PCI", "--region", "Atlantis", "--db", db])
        #expect(bad.status == 2)
        let editions = try CLI.run(["ranks", "--index", "DTI-34", "--editions", "--format", "csv", "--db", db])
        #expect(editions.stdout.contains("DTI-34,2024,34,34,34,34"), "\(editions.stdout)")
    }
}

@Suite("report compare as data")
struct CompareDataTests {
    let db = CLI.bundledDatabase.path

    @Test("report compare --format csv gives the panel rows of the compared provinces; json parses; other reports refuse")
    func compareData() throws {
        let csv = try CLI.run(["report", "compare", "--provinces", "Phú Yên,Bình Định", "--index", "PCI,PAPI", "--format", "csv", "--db", db])
        #expect(csv.status == 0, "\(csv.stderr)")
        let panel = try CLI.run(["panel", "--index", "PCI,PAPI", "--format", "csv", "--db", db])
        let expected = RawCSV.parse(panel.stdout).filter { $0.first == "province_id" || $0.first == "54" || $0.first == "52" }
        #expect(RawCSV.parse(csv.stdout) == expected)
        #expect(expected.count > 30)
        let json = try CLI.run(["report", "compare", "--subregion", "south-central-coast", "--index", "PAPI", "--format", "json", "--db", db])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["province_id"] as? String }) == ["48", "49", "51", "52", "54", "56", "58", "60"])
        let refused = try CLI.run(["report", "province", "--province", "Phú Yên", "--year", "2021", "--format", "csv", "--db", db])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("chiso panel"))
    }
}
