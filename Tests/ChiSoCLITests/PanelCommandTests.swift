import Foundation
import Testing
import TestSupport

/// `chiso panel`: the golden file is checked twice, against the command's output and against a
/// recomputation from the raw CSVs that shares no code with ChiSo (its own CSV reader, ranks
/// counted by hand, its own list of methodology breaks).
@Suite("chiso panel")
struct PanelCommandTests {
    static let arguments = ["panel", "--index", "PCI,PAPI,DTI", "--from", "2016", "--to", "2024", "--format", "csv"]

    @Test("the 2016–2024 panel equals its golden file")
    func golden() throws {
        let result = try CLI.run(Self.arguments + ["--db", CLI.bundledDatabase.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        GoldenFile.check(result.stdout, GoldenFile.url("panel-2016-2024.csv"))
    }

    /// Years whose scores are not comparable with the year before (independent of MethodologyBreaks).
    static let breaks: [String: Set<Int>] = ["PCI": [2009, 2013], "PAPI": [2018], "DTI": [2021, 2022]]

    struct Figure { var score: Double?; var rank: Int?; var of: Int }

    /// index ("PCI", "PAPI", "DTI", "DTI-34") -> year -> province id -> figures, from the raw CSVs.
    static func recompute() throws -> [String: [Int: [String: Figure]]] {
        var out: [String: [Int: [String: Figure]]] = [:]
        func add(_ r: [String: String], score: String?, rank: String?) {
            let index = r["index"]!, year = Int(r["year"]!)!
            let id = index == "DTI-34" ? "2025-" + r["province_code"]! : (r["province_code"]!.isEmpty ? "HT" : r["province_code"]!)
            var f = out[index]?[year]?[id] ?? Figure(score: nil, rank: nil, of: Int(r["of"]!)!)
            if let score, let s = Double(score) { f.score = s }
            if let rank, let n = Int(rank) { f.rank = n }
            out[index, default: [:]][year, default: [:]][id] = f
        }
        for file in ["pci_2005_2021.csv", "pci_2022_2024_partial.csv", "papi_2011_2024.csv", "dti_press_baophuyen_2022.csv"] {
            for r in try RawCSV.records(file) where !r["score"]!.isEmpty || !r["rank"]!.isEmpty { add(r, score: r["score"], rank: r["rank"]) }
        }
        for r in try RawCSV.records("dti_2020_2024.csv") {
            if r["metric"] == "score" { add(r, score: r["value"], rank: nil) }
            if r["metric"] == "rank" { add(r, score: nil, rank: r["value"]) }
        }
        return out
    }

    @Test("every cell of the golden panel equals the independent recomputation from the raw CSVs")
    func goldenAgainstRawCSVs() throws {
        let golden = try String(contentsOf: GoldenFile.url("panel-2016-2024.csv"), encoding: .utf8)
        let rows = RawCSV.records(text: golden)
        let data = try Self.recompute()
        func rank(_ index: String, _ year: Int, _ id: String) -> Int? {
            guard let edition = data[index]?[year], let f = edition[id] else { return nil }
            return f.rank ?? f.score.map { RawCSV.competitionRank($0, among: edition.values.compactMap(\.score)) }
        }
        var checked = 0
        var seen = Set<String>()
        for row in rows {
            let id = row["province_id"]!, year = Int(row["year"]!)!
            #expect(seen.insert("\(id) \(year)").inserted, "one row per province-year: \(id) \(year)")
            #expect((2016...2024).contains(year))
            for prefix in ["pci", "papi", "dti"] {
                let index = prefix == "dti" && id.hasPrefix("2025-") ? "DTI-34" : prefix.uppercased()
                let col = { (name: String) in row["\(prefix)_\(name)"]! }
                guard let f = data[index]?[year]?[id] else {
                    #expect(col("score").isEmpty && col("rank").isEmpty, "\(index) \(year) \(id): no figure in the CSVs")
                    continue
                }
                let expectedRank = rank(index, year, id)
                #expect(Double(col("score")) == f.score, "\(index) \(year) \(id) score")
                #expect(Int(col("rank")) == expectedRank, "\(index) \(year) \(id) rank")
                #expect(Int(col("of")) == f.of, "\(index) \(year) \(id) of")
                #expect(col("rank_computed") == (expectedRank == nil ? "" : (f.rank == nil ? "true" : "false")), "\(index) \(year) \(id) computed")
                // The previous edition: the latest earlier year with a figure for this province (same index).
                let previousYear = data[index]!.keys.filter { $0 < year && data[index]![$0]![id] != nil }.max()
                #expect(Int(col("previous_year")) == previousYear, "\(index) \(year) \(id) previous year")
                if let previousYear {
                    let change = zip2(rank(index, previousYear, id), expectedRank).map { $0 - $1 }
                    #expect(Int(col("change")) == change, "\(index) \(year) \(id) change")
                    let broken = Self.breaks[index, default: []].contains { $0 > previousYear && $0 <= year }
                    let previousScore = data[index]![previousYear]![id]!.score
                    if broken || f.score == nil || previousScore == nil {
                        #expect(col("score_change").isEmpty, "\(index) \(year) \(id) score change across a break")
                    } else {
                        let value = try #require(Double(col("score_change")), "\(index) \(year) \(id)")
                        #expect(abs(value - (f.score! - previousScore!)) < 1e-9)
                        // As published: no binary noise (at most the decimals of the two scores).
                        #expect(col("score_change").count <= 12, "\(col("score_change"))")
                    }
                    #expect(col("caveats").contains("method_change") == broken, "\(index) \(year) \(id) caveats")
                } else if index == "DTI-34" {
                    #expect(col("caveats").contains("reorganisation_2025"))
                }
                checked += 1
            }
        }
        #expect(checked > 1000)
        // Every figure of the CSVs in range has its row.
        for (index, years) in data {
            for (year, provinces) in years where (2016...2024).contains(year) {
                for id in provinces.keys { #expect(seen.contains("\(id) \(year)"), "\(index) \(year) \(id) missing from the panel") }
            }
        }
    }

    @Test("--long gives one row per province, year and index; --components adds the dimensions; JSON parses")
    func longAndComponents() throws {
        let result = try CLI.run(["panel", "--index", "PAPI", "--from", "2018", "--to", "2018", "--components", "--long", "--format", "json",
                                  "--db", CLI.bundledDatabase.path])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 63)
        let phuYen = try #require(rows.first { $0["province_id"] as? String == "54" })
        #expect(phuYen["index"] as? String == "PAPI" && (phuYen["year"] as? NSNumber)?.intValue == 2018)
        #expect(phuYen["d8_e_governance"] as? NSNumber != nil)
        #expect((phuYen["caveats"] as? [String])?.contains("method_change") == true)
        #expect(phuYen["score_change"] is NSNull)
    }

    @Test("--from after --to is a usage error")
    func badRange() throws {
        let result = try CLI.run(["panel", "--from", "2022", "--to", "2020", "--db", CLI.bundledDatabase.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--from 2022 is after --to 2020"))
    }
}

private func zip2(_ a: Int?, _ b: Int?) -> (Int, Int)? {
    guard let a, let b else { return nil }
    return (a, b)
}
