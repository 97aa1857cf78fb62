import ChiSoKit
import Foundation
import Testing

/// One in-memory store holding every bundled dataset, shared by the tests below.
let bundledStore: ChiSoStore = {
    let store = try! ChiSoStore(path: nil)
    _ = try! BundledDatabase.load(into: store, timestamp: "2026-01-01T00:00:00Z")
    return store
}()

@Suite("The bundled datasets")
struct BundledDatasetsTests {
    @Test("every bundled file loads")
    func loads() throws {
        let names = try bundledStore.fetchSources().map(\.fileName)
        #expect(names == BundledDatabase.datasetFiles().map(\.lastPathComponent))
        #expect(try bundledStore.fetchIndexes() == ["DTI", "DTI-34", "PAPI", "PCI"])
    }

    @Test("the press figures (Báo Phú Yên) are reproduced: PCI 35/63 +7, PAPI 45/63 +14, DTI 50/63 +12")
    func pressFigures() throws {
        let url = BundledDatabase.datasetsURL.appendingPathComponent("checks/press_baophuyen_2022.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(lines.count == 3)
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let (code, index, year, rank, of, change) = (f[0], f[2], Int(f[3])!, Int(f[4])!, Int(f[5])!, Int(f[6])!)
            let calc = RankChangeCalculator(index: index, entries: try bundledStore.fetchEntries(index: index),
                                            editions: try bundledStore.fetchEditions(index: index))
            let result = try #require(calc.change(provinceID: code, year: year))
            #expect(result.rank == rank, "\(index)")
            #expect(result.of == of, "\(index)")
            #expect(result.change == change, "\(index)")
            #expect(result.previousYear == year - 1, "\(index)")
        }
    }

    /// Ranks recomputed from the raw CSV with a separate, plain algorithm, so the store's SQL view and
    /// the calculator are checked against something they do not share.
    @Test("every PCI and PAPI change equals previous rank - rank, ranks recomputed independently from the CSV", arguments: [
        ("pci_2005_2021.csv", "PCI"), ("papi_2011_2024.csv", "PAPI"),
    ])
    func changesMatchIndependentRanks(file: String, index: String) throws {
        let text = try String(contentsOf: BundledDatabase.datasetsURL.appendingPathComponent(file), encoding: .utf8)
        var rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows.removeFirst()
        let (yearAt, codeAt, nameAt, scoreAt, rankAt) = (header.firstIndex(of: "year")!, header.firstIndex(of: "province_code")!,
                                                         header.firstIndex(of: "province")!, header.firstIndex(of: "score")!, header.firstIndex(of: "rank")!)
        // year -> province key -> rank
        var ranks: [Int: [String: Int]] = [:]
        for (year, group) in Dictionary(grouping: rows, by: { Int($0[yearAt])! }) {
            let scores = group.compactMap { Double($0[scoreAt]) }
            for row in group {
                let key = row[codeAt].isEmpty ? row[nameAt] : row[codeAt]
                if let published = Int(row[rankAt]) { ranks[year, default: [:]][key] = published }
                else if let score = Double(row[scoreAt]) { ranks[year, default: [:]][key] = 1 + scores.filter { $0 > score }.count }
            }
        }
        let calc = RankChangeCalculator(index: index, entries: try bundledStore.fetchEntries(index: index), editions: try bundledStore.fetchEditions(index: index))
        var compared = 0
        for year in ranks.keys.sorted() {
            for (key, rank) in ranks[year]! where key.count == 2 {
                let change = try #require(calc.change(provinceID: key, year: year))
                #expect(change.rank == rank, "\(index) \(year) \(key)")
                let previousYear = ranks.keys.filter { $0 < year && ranks[$0]![key] != nil }.max()
                #expect(change.previousYear == previousYear, "\(index) \(year) \(key)")
                if let previousYear, let previousRank = ranks[previousYear]![key] {
                    #expect(change.change == previousRank - rank, "\(index) \(year) \(key)")
                    compared += 1
                }
            }
        }
        #expect(compared > (index == "PCI" ? 900 : 750))
    }

    @Test("PCI 2021: 22 ranks as published, 41 computed from the complete set of scores")
    func pci2021() throws {
        let edition = try #require(try bundledStore.fetchEditions(index: "PCI").first { $0.year == 2021 })
        #expect(edition.of == 63 && edition.scored == 63 && edition.ranksPublished == 22)
        let entries = try bundledStore.fetchEntries(index: "PCI", year: 2021)
        #expect(entries.filter(\.rankComputed).count == 41)
        #expect(Set(entries.compactMap(\.rank)) == Set(1...63))
    }

    @Test("DTI 2022 keeps its published tie (Thanh Hóa and Yên Bái both 15)")
    func dtiTie() throws {
        let entries = try bundledStore.fetchEntries(index: "DTI", year: 2022)
        #expect(entries.filter { $0.rank == 15 }.map(\.provinceID).sorted() == ["15", "38"])
        #expect(entries.count == 63)
    }
}

@Suite("README")
struct ReadmeExampleTests {
    @Test("the library example in the README gives what its comment says")
    func libraryExample() throws {
        let store = bundledStore
        let change = RankChangeCalculator(index: "PCI", entries: try store.fetchEntries(index: "PCI"), editions: try store.fetchEditions(index: "PCI"))
            .change(provinceID: "54", year: 2021)   // rank 35, of 63, change +7, previousYear 2020
        #expect(change?.rank == 35 && change?.of == 63 && change?.change == 7 && change?.previousYear == 2020)
    }
}
