import ChiSoKit
import Testing

/// Inputs found by the hardening work (issue #6): each once crashed, was accepted when it should
/// not be, or said something a user could not act on.
@Suite("Rankings ingest: edge cases")
struct RankingIngestEdgeTests {
    let ingest = RankingIngest(latestYear: 2026)

    /// The diagnostics `text` is rejected with (an empty list when it is accepted).
    func diagnostics(_ text: String, _ options: RankingIngestOptions = .init(index: "PCI", year: 2021)) -> [String] {
        do {
            _ = try ingest.read(bytes: Array(text.utf8), file: "f.csv", options: options)
            return []
        } catch {
            guard case .invalid(let diagnostics) = error else { return ["\(error)"] }
            return diagnostics.map(\.description)
        }
    }

    @Test("a row whose `of` is not a positive whole number is reported (it used to crash the edition checks)")
    func invalidOfIsReported() {
        #expect(diagnostics("province,score,rank,of\nPhú Yên,64.17,35,-5\n")
            == ["f.csv:2:4: error: [ingest] of \"-5\" is not a positive whole number; write how many provinces the edition ranked (63, 34, ...)"])
        // Long format: the province's first row is the bad one; its later rows still make a draft.
        let long = "index,year,province,metric,value,of\nPCI,2021,Phú Yên,rank,35,x\nPCI,2021,Phú Yên,score,64.17,63\n"
        #expect(diagnostics(long, .init()) == ["f.csv:2:6: error: [ingest] of \"x\" is not a positive whole number; write how many provinces the edition ranked (63, 34, ...)"])
    }
}
