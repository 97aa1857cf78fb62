import ChiSoKit
import Foundation
import Testing

/// The monthly rates ChiSo computes from random small dossier logs equal the counts an independent
/// implementation in this test makes from the same dossiers: months told by Foundation's Gregorian
/// calendar, not by ChiSo's day and period code.
@Suite("Rates against an independent oracle")
struct RatesOracleTests {
    /// The nine counts per (province, year, month), from the dossiers, with Foundation's calendar.
    static func oracle(_ set: GeneratedDossierSet) -> [String: [Int: [Int]]] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func month(_ day: Int) -> Int {
            let c = calendar.dateComponents([.year, .month], from: Date(timeIntervalSince1970: Double(day) * 86_400))
            return c.year! * 12 + c.month! - 1
        }
        var cells: [String: [Int: [Int]]] = [:]
        func add(_ province: String, _ m: Int, _ measure: Int) {
            cells[province, default: [:]][m, default: Array(repeating: 0, count: 9)][measure] += 1
        }
        for d in set.dossiers {
            let p = d.unit.province, m = month(d.received.day)
            add(p, m, 0)
            add(p, m, [1, 3, 4][d.channel])
            if d.full { add(p, m, 2) }
            if let r = d.resolved {
                let rm = month(r.day)
                add(p, rm, 5)
                add(p, rm, r.day <= d.due ? 6 : 7)
            } else {
                add(p, m, 8)
            }
        }
        return cells
    }

    @Test("monthly counts and rates of random small logs equal the oracle's", arguments: Array(1...12))
    func monthly(seed: Int) throws {
        let set = GeneratedDossierSet(count: 20 + seed * 37, seed: UInt64(seed) &* 2_654_435_761)
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: folder.write("log.csv", set.log), kind: .dossiers)
        let expected = Self.oracle(set)
        var compared = 0
        for (province, months) in expected {
            let rollups = try store.fetchRollups(grain: .province, provinceID: province, years: 2000...2100)
            let calculator = ProcedureRateCalculator(rollups: rollups)
            let years = Set(months.keys.map { $0 / 12 })
            for year in years {
                let rates = calculator.rates(year: year, by: .month, provinceID: province).rates
                for (m, counts) in months where m / 12 == year {
                    let rate = rates.first { $0.period == .month(m % 12 + 1, of: year) }
                    let got = rate.map { r in DossierCounts.measures.map { r.counts[keyPath: $0] ?? 0 } }
                    #expect(got == counts, "seed \(seed), province \(province), \(year)-\(m % 12 + 1)")
                    if let rate, counts[0] > 0 {
                        #expect(rate.onlineRate.value == Double(counts[1]) / Double(counts[0]))
                    }
                    compared += 1
                }
            }
        }
        #expect(compared >= 2)
    }
}
