import ChiSoKit
import Foundation
import Testing
import TestSupport

/// DTI 2023 (63 scores, 17 published ranks) and DTI 2024 (63 provinces; 34 units), recomputed from the
/// raw long CSV by a separate reader and a hand-counted rank, then compared with the calculator.
@Suite("Complete DTI editions")
struct CompleteDTITests {
    /// (index, year) -> province code -> (score, published rank).
    static func editions() throws -> [String: [String: (score: Double?, rank: Int?)]] {
        var out: [String: [String: (score: Double?, rank: Int?)]] = [:]
        for file in ["dti_2020_2024.csv", "dti_press_baophuyen_2022.csv"] {
            for r in try RawCSV.records(file) {
                let key = "\(r["index"]!) \(r["year"]!)"
                var value = out[key]?[r["province_code"]!] ?? (nil, nil)
                if let metric = r["metric"] {
                    if metric == "score" { value.score = Double(r["value"]!) }
                    if metric == "rank" { value.rank = Int(r["value"]!) }
                } else {
                    value.score = Double(r["score"]!) ?? value.score
                    value.rank = Int(r["rank"]!) ?? value.rank
                }
                out[key, default: [:]][r["province_code"]!] = value
            }
        }
        return out
    }

    @Test("DTI 2023, DTI 2024 and DTI-34 2024: every rank and change equals the independent recomputation", arguments: [
        ("DTI", 2023, 63, 63), ("DTI", 2024, 63, 63), ("DTI-34", 2024, 34, 34),
    ])
    func recomputed(index: String, year: Int, provinces: Int, scored: Int) throws {
        let editions = try Self.editions()
        let edition = try #require(editions["\(index) \(year)"])
        #expect(edition.count == provinces)
        let scores = edition.values.compactMap(\.score)
        #expect(scores.count == scored)
        let history = IndexHistory(index: index, entries: try bundledStore.fetchEntries(index: index) + (index == "DTI-34" ? try bundledStore.fetchEntries(index: "DTI") : []),
                                   editions: try bundledStore.fetchEditions(index: index))
        let calc = history.calculator()
        let registry = ProvinceRegistry.standard
        for (code, figures) in edition {
            let id = index == "DTI-34" ? "2025-" + code : code
            let expectedRank = figures.rank ?? RawCSV.competitionRank(figures.score!, among: scores)
            let change = try #require(calc.change(provinceID: id, year: year), "\(index) \(year) \(code)")
            #expect(change.rank == expectedRank, "\(index) \(year) \(code)")
            #expect(change.rankComputed == (figures.rank == nil), "\(index) \(year) \(code)")
            #expect(change.score == figures.score)
            if index == "DTI-34" {
                // Every unit is new: no change, its predecessors' DTI 2024 ranks (63 provinces) instead.
                #expect(change.change == nil)
                let members = registry.province(id: id).map { registry.predecessors(of: $0).map(\.id) } ?? []
                let caveat = try #require(change.caveats.compactMap { c -> [PredecessorRank]? in
                    if case let .acrossReorganisation(previousYear, predecessors) = c, previousYear == 2024 { return predecessors } else { return nil }
                }.first, "DTI-34 \(code)")
                #expect(caveat.map(\.provinceID) == members)
                // The published rule for merged units: the plain mean of the members' 2024 scores.
                let memberScores = members.compactMap { editions["DTI 2024"]?[$0]?.score }
                #expect(memberScores.count == members.count)
                let mean = memberScores.reduce(0, +) / Double(memberScores.count)
                #expect(abs(mean - figures.score!) < 0.0005, "DTI-34 \(code): mean \(mean) vs \(figures.score!)")
            } else {
                // The previous edition is the year before, where the province has a rank (published or computed).
                let previous = editions["DTI \(year - 1)"]?[code]
                let previousScores = editions["DTI \(year - 1)"]?.values.compactMap(\.score) ?? []
                let previousRank = previous?.rank ?? previous?.score.map { RawCSV.competitionRank($0, among: previousScores) }
                #expect(change.previousYear == year - 1)
                #expect(change.change == previousRank.map { $0 - expectedRank }, "\(index) \(year) \(code)")
                // 2022 → 2023 and 2023 → 2024 are on the same method (8 main indicators).
                #expect(!change.caveats.contains { $0.code == "method_change" })
            }
        }
    }

    @Test("the DTI 2023 published ranks equal the ordinal positions of the scores; An Giang and Phú Yên tie at 59")
    func published2023() throws {
        let edition = try #require(try Self.editions()["DTI 2023"])
        let scores = edition.values.compactMap(\.score)
        let published = edition.filter { $0.value.rank != nil }
        #expect(published.count == 17)
        for (code, f) in published { #expect(f.rank == RawCSV.competitionRank(f.score!, among: scores), "\(code)") }
        #expect(edition["89"]?.rank == 59 && edition["54"]?.rank == 59)
    }
}
