@testable import ChiSoApp
@testable import ChiSoStore
import ChiSoKit
import Foundation
import Testing

@Suite("Decision 766 service index from aggregated statistics")
struct ServiceIndexStatisticsTests {
    /// One statistics row: a unit's quarter with every service count.
    struct Figures {
        var quarter: Int
        var unit: (code: String, name: String)
        var received: Int, synced: Int, electronic: Int, digitized: Int, reused: Int, citizen: Int
        var satisfied: Int, rated: Int, fee: Int, paid: Int
    }

    static let units = [("54.SO.TP", "Sở Tư pháp tỉnh Phú Yên"), ("54.X.11260", "UBND xã An Dân, huyện Tuy An")]

    /// Deterministic figures for `quarters` of 2023 and both units.
    static func figures(quarters: [Int], seed: UInt64, units: [(String, String)] = units) -> [Figures] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var out: [Figures] = []
        for q in quarters {
            for unit in units {
                let received = 200 + next(800)
                let rated = next(received)
                let fee = next(received)
                out.append(Figures(quarter: q, unit: unit, received: received, synced: next(received + 1), electronic: next(received + 1),
                                   digitized: next(received + 1), reused: next(received + 1), citizen: next(received + 1),
                                   satisfied: next(rated + 1), rated: rated, fee: fee, paid: next(fee + 1)))
            }
        }
        return out
    }

    static let englishHeader = "period,province_code,unit_code,unit_name,received_total,synced,result_electronic,digitized,reused_data,citizen_data,satisfied,rated,fee_required,paid_online"
    static let vietnameseHeader = "Kỳ,Mã tỉnh,Mã đơn vị,Tên đơn vị,Tổng số hồ sơ tiếp nhận,Số hồ sơ đồng bộ,Kết quả điện tử,Số hóa,Tái sử dụng dữ liệu,Dữ liệu dân cư,Hài lòng,Đã đánh giá,\"Có phí, lệ phí\",Thanh toán trực tuyến"

    static func csv(_ rows: [Figures], header: String = englishHeader) -> String {
        ([header] + rows.map { f in
            "2023-Q\(f.quarter),54,\(f.unit.code),\"\(f.unit.name)\",\(f.received),\(f.synced),\(f.electronic),\(f.digitized),\(f.reused),\(f.citizen),\(f.satisfied),\(f.rated),\(f.fee),\(f.paid)"
        }).joined(separator: "\r\n") + "\r\n"
    }

    /// The portal's formulas written out again, from the summed figures (not through the calculator).
    static func reference(_ rows: [Figures]) -> [String: Double] {
        func sum(_ k: KeyPath<Figures, Int>) -> Double { Double(rows.reduce(0) { $0 + $1[keyPath: k] }) }
        let received = sum(\.received)
        return [
            "DOSSIER_SYNC": 6 * sum(\.synced) / received,
            "ORIGINAL_RESULT_AVAILABLE": min(6, 6 * sum(\.electronic) / received),
            "SO_HOA_GIAY_TO_GIAI_QUYET": min(4, 4 * sum(\.digitized) / received),
            "REUSED_DIGITIZED_DATA": min(2, 2 * (sum(\.reused) / received) / 0.8),
            "CITIZEN_DATA_CONNECTED_DOSSIER": min(2, 2 * sum(\.citizen) / received),
            "DOSSIER_RECEIVING_SATISFACTION": min(6, 6 * (sum(\.satisfied) / sum(\.rated)) / 0.9),
            "ONLINE_PAYMENT_DOSSIERS": 6 * sum(\.paid) / sum(\.fee),
        ]
    }

    static func check(_ row: ServiceIndexRow, _ figures: [Figures]) {
        #expect(row.input == .statistics)
        #expect(row.received == figures.reduce(0) { $0 + $1.received })
        for (code, points) in reference(figures) {
            let v = row.indicators.first { $0.formula.code == code }
            #expect(v?.computable == true, "\(code) \(v?.missing ?? "")")
            #expect(abs((v?.points ?? -1) - points) < 1e-9, "\(code)")
        }
        let progress = row.indicators.first { $0.formula.code == "HANDLING_ON_TIME" }
        #expect(progress?.computable == false)
        #expect(progress?.points == nil)
        #expect(progress?.missing?.hasPrefix("a dossier log: statistics count the dossiers resolved in the period") == true)
        #expect(Set(row.indicators.filter(\.computable).map(\.formula.code)) == Set(reference(figures).keys))
    }

    @Test("the ratio indicators from statistics counts equal the formulas recomputed from the figures, per year, quarter and unit; handling on time stays not computable",
          arguments: [false, true])
    func fromStatistics(vietnamese: Bool) throws {
        let figures = Self.figures(quarters: [1, 2, 3, 4], seed: vietnamese ? 3 : 4)
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let summary = try makeAdminIngestor(store).ingest(path: try folder.write("mau-06a.csv", Self.csv(figures, header: vietnamese ? Self.vietnameseHeader : Self.englishHeader)))
        #expect(summary.kind == .statistics)
        #expect(summary.ignoredColumns.isEmpty)
        let year = try ServiceIndexQuery.answer(ServiceIndexRequest(province: "Phú Yên", year: 2023), store: store)
        #expect(year.rows.count == 1)
        Self.check(year.rows[0], figures)
        #expect(year.rows[0].statisticsFiles == ["mau-06a.csv"])
        let quarters = try ServiceIndexQuery.answer(ServiceIndexRequest(province: "54", year: 2023, grouping: .quarter), store: store)
        #expect(quarters.rows.map(\.period) == (1...4).map { .quarter($0, of: 2023) })
        for row in quarters.rows { Self.check(row, figures.filter { $0.quarter == row.period.quarter }) }
        let units = try ServiceIndexQuery.answer(ServiceIndexRequest(province: "54", year: 2023, grouping: .unit, within: .quarter(2, of: 2023)), store: store)
        #expect(units.rows.count == 2)
        for row in units.rows { Self.check(row, figures.filter { $0.quarter == 2 && $0.unit.code == row.group.unitCode }) }
        #expect(year.render(.table, .en).contains("2023: from statistics (mau-06a.csv), no dossier log; handling on time needs a dossier log"))
    }

    @Test("a period the statistics do not cover whole is not computable, saying what they cover")
    func partialYear() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("h1.csv", Self.csv(Self.figures(quarters: [1, 2], seed: 5))))
        let row = try #require(try ServiceIndexQuery.answer(ServiceIndexRequest(province: "54", year: 2023), store: store).rows.first)
        #expect(row.computableMaxPoints == 0)
        #expect(row.indicators.allSatisfy { $0.points == nil })
        #expect(row.indicators.first { $0.formula.code == "DOSSIER_SYNC" }?.missing == "statistics for the whole of 2023 (the files cover 2023-Q1, 2023-Q2)")
    }

    @Test("where a dossier log and statistics both count a period, the log is used alone and the statistics are named as not added")
    func logPreferred() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let logOnly = try ChiSoStore(path: nil)
        // Dossiers received in January to March 2023 only.
        var set = GeneratedDossierSet(count: 900, seed: 21)
        let (first, last) = (DayNumber.from(year: 2023, month: 1, day: 1), DayNumber.from(year: 2023, month: 3, day: 31))
        set.dossiers = set.dossiers.filter { (first...last).contains($0.received.day) }
        let log = set.log
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("log.csv", log))
        _ = try makeAdminIngestor(logOnly).ingest(path: try folder.write("log.csv", log))
        // Other units than the log's: files counting the same unit over the same days are refused at ingest.
        let figures = Self.figures(quarters: [1, 2, 3, 4], seed: 8, units: [("54.H.560", "UBND huyện Đồng Xuân"), ("54.X.22222", "UBND xã An Ninh Đông")])
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("mau-06a.csv", Self.csv(figures)))
        let both = try ServiceIndexQuery.answer(ServiceIndexRequest(province: "54", year: 2023, grouping: .quarter), store: store)
        let reference = try ServiceIndexQuery.answer(ServiceIndexRequest(province: "54", year: 2023, grouping: .quarter), store: logOnly)
        let q1 = try #require(both.rows.first { $0.period == .quarter(1, of: 2023) })
        #expect(q1.input == .dossierLog)
        #expect(q1.statisticsSetAside == ["mau-06a.csv"])
        #expect(q1.indicators == reference.rows.first { $0.period == .quarter(1, of: 2023) }?.indicators)
        for q in 2...4 {
            let row = try #require(both.rows.first { $0.period == .quarter(q, of: 2023) })
            Self.check(row, figures.filter { $0.quarter == q })
        }
        #expect(both.render(.table, .en).contains("2023-Q1: the dossier log is used; the statistics of mau-06a.csv for this period are not added to it"))
        // The year: the log counts it, so the log alone.
        let year = try #require(try ServiceIndexQuery.answer(ServiceIndexRequest(province: "54", year: 2023), store: store).rows.first)
        #expect(year.input == .dossierLog)
        #expect(year.statisticsSetAside == ["mau-06a.csv"])
    }

    @Test("service counts that contradict their row are refused with file:line:column; the database is unchanged", arguments: [
        ("2023-Q1,54,54.SO.TP,Sở Tư pháp,100,101,,,,,,,,", ":2:6: error: [ingest] synced 101 is more than received_total 100; correct one of the two counts"),
        ("2023-Q1,54,54.SO.TP,Sở Tư pháp,100,,,,,,5,,,", ":2:11: error: [ingest] satisfied is a part of rated, which this row does not state; write rated too"),
        ("2023-Q1,54,54.SO.TP,Sở Tư pháp,100,,,,,,,,10,11", ":2:14: error: [ingest] paid_online 11 is more than fee_required 10; correct one of the two counts"),
        ("2023-Q1,54,54.SO.TP,Sở Tư pháp,100,,,,,,,,-1,", ":2:13: error: [ingest] fee_required is -1, a count cannot be negative; correct the count"),
    ])
    func badCounts(row: String, expected: String) throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let path = try folder.write("bad.csv", Self.englishHeader + "\r\n" + row + "\r\n")
        let error = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: path) }
        #expect(error?.description == path + expected)
        #expect(try store.fetchSources().isEmpty)
        #expect(try store.query("SELECT count(*) FROM admin_statistic").rows == [[.integer(0)]])
    }
}
