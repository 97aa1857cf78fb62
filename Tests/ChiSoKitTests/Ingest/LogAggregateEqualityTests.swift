import ChiSoKit
import Foundation
import Testing

@Suite("Rates from a dossier log equal the rates of its aggregate")
struct LogAggregateEqualityTests {
    /// 4,000 dossiers of six units in two provinces over 2022-11..2024-02: resolutions across
    /// months and years, pending ones, late ones, Vietnamese spellings, names with commas and quotes.
    static let set = GeneratedDossierSet(count: 4000, seed: 7)

    static let stores: (log: ChiSoStore, aggregate: ChiSoStore) = {
        let folder = try! TemporaryFolder()
        let log = try! ChiSoStore(path: nil), aggregate = try! ChiSoStore(path: nil)
        _ = try! makeAdminIngestor(log).ingest(path: folder.write("log.csv", set.log), kind: .dossiers)
        _ = try! makeAdminIngestor(aggregate).ingest(path: folder.write("aggregate.csv", set.aggregate), kind: .statistics)
        return (log, aggregate)
    }()

    @Test("every grouping, province and year", arguments: RateGrouping.allCases)
    func equal(grouping: RateGrouping) throws {
        var compared = 0
        for province in ["54", "62"] {
            let log = try Self.stores.log.fetchRollups(grain: grouping.grain, provinceID: province, years: 2022...2024)
            let aggregate = try Self.stores.aggregate.fetchRollups(grain: grouping.grain, provinceID: province, years: 2022...2024)
            for year in 2022...2024 {
                let a = ProcedureRateCalculator(rollups: log).rates(year: year, by: grouping, provinceID: province)
                let b = ProcedureRateCalculator(rollups: aggregate).rates(year: year, by: grouping, provinceID: province)
                #expect(a == b, "\(grouping) \(province) \(year)")
                #expect(!a.rates.isEmpty)
                compared += a.rates.count
            }
        }
        #expect(compared >= 6)
    }

    @Test("the counts are the generator's own: nothing lost, nothing counted twice")
    func totals() throws {
        let rows = try Self.stores.log.fetchRollups(grain: .province, provinceID: nil, years: 2000...2100)
        let received = rows.compactMap(\.counts.receivedTotal).reduce(0, +)
        let resolved = rows.compactMap(\.counts.resolvedTotal).reduce(0, +)
        let pending = rows.compactMap(\.counts.pending).reduce(0, +)
        #expect(received == Self.set.dossiers.count)
        #expect(resolved == Self.set.dossiers.filter { $0.resolved != nil }.count)
        #expect(pending == Self.set.dossiers.count - resolved)
        #expect(resolved > 3000 && pending > 200)
        // The months of a year add up to the year, and the units and procedures of a year too.
        for grouping in [RateGrouping.month, .quarter, .unit, .procedure, .field, .level] {
            let calculator = ProcedureRateCalculator(rollups: try Self.stores.log.fetchRollups(grain: grouping.grain, provinceID: "54", years: 2022...2024))
            let year = ProcedureRateCalculator(rollups: try Self.stores.log.fetchRollups(grain: .province, provinceID: "54", years: 2022...2024))
                .rates(year: 2023, by: .year).rates[0].counts
            let parts = calculator.rates(year: 2023, by: grouping).rates.map(\.counts)
            for measure in DossierCounts.measures {
                #expect(parts.compactMap { $0[keyPath: measure] }.reduce(0, +) == year[keyPath: measure], "\(grouping)")
            }
        }
    }
}
