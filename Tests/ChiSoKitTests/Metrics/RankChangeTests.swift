import ChiSoKit
import Testing

@Suite("Rank changes")
struct RankChangeTests {
    func entry(_ year: Int, _ id: String, rank: Int?, score: Double? = nil, computed: Bool = false, of: Int = 63) -> RankingEntry {
        RankingEntry(index: "PCI", year: year, provinceID: id, score: score, rank: rank, rankComputed: computed, of: of)
    }

    @Test("change = previous rank - rank, positive when the province moved up")
    func upAndDown() {
        let calc = RankChangeCalculator(index: "PCI", entries: [
            entry(2020, "54", rank: 42, score: 62.84), entry(2021, "54", rank: 35, score: 64.17),
            entry(2020, "52", rank: 20, score: 66.0), entry(2021, "52", rank: 25, score: 65.0),
        ], editions: [])
        #expect(calc.change(provinceID: "54", year: 2021)?.change == 7)
        #expect(calc.change(provinceID: "52", year: 2021)?.change == -5)
        let scoreChange = calc.change(provinceID: "54", year: 2021)?.scoreChange ?? 0
        #expect(abs(scoreChange - 1.33) < 1e-9)
    }

    @Test("the previous edition is the last one that ranked the province, not always year - 1")
    func gapYears() {
        let calc = RankChangeCalculator(index: "PAPI", entries: [
            RankingEntry(index: "PAPI", year: 2019, provinceID: "22", score: 45, rank: 3, of: 63),
            RankingEntry(index: "PAPI", year: 2022, provinceID: "22", score: 44, rank: 9, of: 63),
        ], editions: [])
        let change = calc.change(provinceID: "22", year: 2022)
        #expect(change?.previousYear == 2019)
        #expect(change?.change == -6)
    }

    @Test("a first edition has no change and no previous year")
    func firstEdition() {
        let calc = RankChangeCalculator(index: "PCI", entries: [entry(2005, "01", rank: 14, of: 42)], editions: [])
        let change = calc.change(provinceID: "01", year: 2005)
        #expect(change?.change == nil && change?.previousYear == nil)
    }

    @Test("a different number of ranked provinces is flagged but the change is still given")
    func fieldSize() {
        let calc = RankChangeCalculator(index: "PCI", entries: [entry(2005, "01", rank: 14, of: 42), entry(2006, "01", rank: 40, of: 64)], editions: [])
        let change = calc.change(provinceID: "01", year: 2006)
        #expect(change?.change == -26)
        #expect(change?.caveats == [.differentFieldSize(of: 64, previousOf: 42)])
    }

    @Test("ranks computed from an incomplete edition say so")
    func incomplete() {
        let calc = RankChangeCalculator(index: "PAPI", entries: [
            RankingEntry(index: "PAPI", year: 2021, provinceID: "54", score: 40.7, rank: 45, rankComputed: true, of: 63),
        ], editions: [EditionSummary(index: "PAPI", year: 2021, of: 63, present: 60, scored: 60, ranksPublished: 0)])
        #expect(calc.change(provinceID: "54", year: 2021)?.caveats == [.computedFromIncompleteScores(index: "PAPI", year: 2021, scored: 60, of: 63)])
    }

    @Test("a unit formed in 2025 gets its predecessors' ranks, never a change")
    func reorganisation() {
        let calc = RankChangeCalculator(index: "DTI", entries: [
            RankingEntry(index: "DTI", year: 2023, provinceID: "66", rank: 30, of: 63),
            RankingEntry(index: "DTI", year: 2023, provinceID: "54", rank: 50, of: 63),
            RankingEntry(index: "DTI", year: 2024, provinceID: "2025-66", rank: 20, of: 34),
        ], editions: [])
        let change = calc.change(provinceID: "2025-66", year: 2024)
        #expect(change?.change == nil)
        #expect(change?.previousYear == 2023)
        guard case let .acrossReorganisation(year, predecessors)? = change?.caveats.first else {
            Issue.record("expected a reorganisation caveat, got \(String(describing: change?.caveats))"); return
        }
        #expect(year == 2023)
        #expect(Set(predecessors.map(\.provinceID)) == ["66", "54"])
        #expect(predecessors.first { $0.provinceID == "54" }?.rank == 50)
    }

    @Test("leaderboard order: rank, then Vietnamese name order for ties")
    func tieOrder() {
        let calc = RankChangeCalculator(index: "DTI", entries: [
            RankingEntry(index: "DTI", year: 2022, provinceID: "15", rank: 15, of: 63),  // Yên Bái
            RankingEntry(index: "DTI", year: 2022, provinceID: "38", rank: 15, of: 63),  // Thanh Hóa
            RankingEntry(index: "DTI", year: 2022, provinceID: "48", rank: 1, of: 63),   // Đà Nẵng
        ], editions: [])
        #expect(calc.entries(year: 2022).map(\.provinceID) == ["48", "38", "15"])
    }
}
