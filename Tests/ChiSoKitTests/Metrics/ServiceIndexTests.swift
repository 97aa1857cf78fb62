import ChiSoKit
import Foundation
import Testing

@Suite("Decision 766 service index")
struct ServiceIndexTests {
    static func formula(_ code: String, on day: Day = Day(year: 2026, month: 9, day: 26)) -> (ServiceIndexEdition, ServiceIndicatorFormula) {
        let edition = ServiceIndexEdition.inForce(on: day)!
        return (edition, edition.formulas.first { $0.code == code }!)
    }

    @Test("handling on time reproduces the portal's Phú Thọ figure: 528,684 / 597,918 → 17.68 points")
    func phuTho() {
        let (edition, f) = Self.formula("HANDLING_ON_TIME")
        var counts = ServiceCounts()
        counts.values[ServiceCounts.receivedIndex] = 597_918
        // On time = resolved on or before the due date + still in progress within it; any split.
        counts.values[ServiceCounts.onTimeIndex(.year)] = 500_000
        counts.values[ServiceCounts.openWithinDueIndex(.year)] = 28_684
        counts.values[ServiceCounts.lateIndex(.year)] = 40_000
        let v = ServiceIndexCalculator.value(f, edition, counts, .year)
        #expect(v.numerator == 528_684)
        #expect(v.denominator == 597_918)
        #expect(v.computable)
        #expect(v.formulaID == "qd766-2025/HANDLING_ON_TIME")
        #expect(ServiceIndexQuery.rounded(v.points!) == 17.68)
        #expect(ServiceIndexQuery.rounded(v.rate! * 100) == 88.42)
    }

    @Test("the other formulas as the portal's scores were reproduced: capped, 80% and 90% thresholds, payment 6 × A")
    func formulas() {
        #expect(Self.formula("DOSSIER_RECEIVING_SATISFACTION").1.points(rate: 0.9) == 6)
        #expect(Self.formula("DOSSIER_RECEIVING_SATISFACTION").1.points(rate: 0.45) == 3)
        #expect(Self.formula("REUSED_DIGITIZED_DATA").1.points(rate: 0.4) == 1)
        #expect(Self.formula("REUSED_DIGITIZED_DATA").1.points(rate: 0.95) == 2)
        #expect(Self.formula("ORIGINAL_RESULT_AVAILABLE").1.points(rate: 0.5) == 3)
        #expect(Self.formula("ONLINE_PAYMENT_DOSSIERS").1.points(rate: 0.5) == 3)
        #expect(Self.formula("DOSSIER_SYNC").1.points(rate: 0.25) == 1.5)
        #expect(Self.formula("FULL_ONLINE").1.points(rate: 0.5) == nil)
        // 18 + 20 + 22 + 22 + 18.
        for edition in ServiceIndexEdition.all {
            #expect(edition.maxPoints == 100)
            var byGroup: [ServiceIndexGroup: Double] = [:]
            for f in edition.formulas { byGroup[f.group, default: 0] += f.maxPoints }
            #expect(byGroup == [.transparency: 18, .progress: 20, .onlineService: 22, .digitisation: 22, .satisfaction: 18])
        }
    }

    @Test("formula editions are selected by the period's last day")
    func editions() {
        #expect(ServiceIndexEdition.inForce(on: Day(year: 2022, month: 6, day: 22)) == nil)
        #expect(ServiceIndexEdition.inForce(on: Day(year: 2022, month: 6, day: 23))?.id == "qd766-2022")
        #expect(ServiceIndexEdition.inForce(on: Day(year: 2025, month: 6, day: 30))?.id == "qd766-2022")
        #expect(ServiceIndexEdition.inForce(on: Day(year: 2025, month: 7, day: 1))?.id == "qd766-2025")
        func rollup(_ month: CalendarPeriod, _ level: AdministrativeLevel) -> ServiceRollup {
            var c = ServiceCounts()
            c.values[ServiceCounts.receivedIndex] = 10
            for h in ServiceCounts.Horizon.allCases { c.values[ServiceCounts.onTimeIndex(h)] = 9 }
            return ServiceRollup(provinceID: "54", month: month, unitCode: "U", unitName: "U", level: level,
                                 asOf: Day(year: 2026, month: 1, day: 1), counts: c)
        }
        // Before the Decision: no formula, every indicator unknown.
        let early = ServiceIndexCalculator(rollups: [rollup(.month(3, of: 2022), .province)]).index(year: 2022, by: .month)
        #expect(early.count == 1)
        #expect(early[0].editionID == nil)
        #expect(early[0].indicators.allSatisfy { !$0.computable && $0.points == nil })
        #expect(early[0].computableMaxPoints == 0)
        // Month 2022-06 ends after the signing: scored with qd766-2022.
        let june = ServiceIndexCalculator(rollups: [rollup(.month(6, of: 2022), .province)]).index(year: 2022, by: .month)
        #expect(june[0].editionID == "qd766-2022")
        #expect(june[0].indicators.first { $0.formula.code == "HANDLING_ON_TIME" }?.points == 18)
        // The year 2025 ends under qd766-2025, which scores no district-level unit.
        let district = ServiceIndexCalculator(rollups: [rollup(.month(3, of: 2025), .district)]).index(year: 2025, by: .unit)
        #expect(district[0].editionID == "qd766-2025")
        #expect(district[0].indicators.allSatisfy { !$0.computable })
        #expect(district[0].indicators.first { $0.formula.code == "HANDLING_ON_TIME" }?.rate == 0.9)
        let q1 = ServiceIndexCalculator(rollups: [rollup(.month(3, of: 2025), .district)]).index(year: 2025, by: .unit, within: .quarter(1, of: 2025))
        #expect(q1[0].editionID == "qd766-2022")
        #expect(q1[0].indicators.first { $0.formula.code == "HANDLING_ON_TIME" }?.computable == true)
    }

    // MARK: - From a generated log

    /// Flags per dossier: nil = empty cell.
    struct Flags {
        var synced: Bool
        var resultElectronic: Bool
        var digitized: Bool?
        var fee: Bool
        var paid: Bool?
        var satisfied: Bool?
        var eligible: Bool
    }

    /// The generated dossiers with the optional columns (reused_data and citizen_data absent).
    static func flaggedLog(_ set: GeneratedDossierSet, seed: UInt64) -> (log: String, flags: [Flags]) {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var flags: [Flags] = []
        // English and Vietnamese headers mixed.
        var lines = [dossierHeader + ",synced,Kết quả điện tử,digitized,Có phí,paid_online,Hài lòng,full_online_eligible"]
        let base = set.log.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        for (i, line) in base.enumerated() {
            let d = set.dossiers[i]
            let fee = next(3) == 0
            let f = Flags(synced: next(10) != 0, resultElectronic: next(3) != 0,
                          // Empty digitisation cells in one unit only: that unit's indicator is unknown.
                          digitized: d.unit.code == "54.H.559" && next(4) == 0 ? nil : next(2) == 0,
                          fee: fee, paid: fee ? next(2) == 0 : nil, satisfied: [true, true, true, false, nil][next(5)], eligible: next(4) != 0)
            flags.append(f)
            func yn(_ b: Bool?, _ vi: Bool) -> String {
                guard let b else { return "" }
                return vi ? (b ? "có" : "không") : (b ? (next(2) == 0 ? "yes" : "1") : (next(2) == 0 ? "no" : "0"))
            }
            let vi = d.vietnamese
            let satisfied = f.satisfied.map { $0 ? (vi ? "hài lòng" : "yes") : (vi ? "không hài lòng" : "no") } ?? ""
            lines.append(line + "," + [yn(f.synced, vi), yn(f.resultElectronic, vi), yn(f.digitized, vi), yn(f.fee, vi), yn(f.paid, vi),
                                       satisfied, yn(f.eligible, vi)].joined(separator: ","))
        }
        return (lines.joined(separator: "\r\n") + "\r\n", flags)
    }

    /// What one indicator should be, computed straight from the dossiers.
    struct Expected: Equatable, CustomStringConvertible {
        var numerator: Int?
        var denominator: Int?
        var points: Double?
        var computable: Bool
        var description: String { "\(numerator.map(String.init) ?? "-")/\(denominator.map(String.init) ?? "-") → \(points.map { "\($0)" } ?? "?") \(computable)" }
    }

    static func expected(_ code: String, cohort: [(GeneratedDossierSet.Dossier, Flags)], statusDay: Int) -> Expected {
        let n = cohort.count
        func linear(_ max: Double, _ num: Int, _ den: Int, fullAt: Double = 1) -> Expected {
            Expected(numerator: num, denominator: den, points: den == 0 ? nil : min(max, max * Double(num) / Double(den) / fullAt), computable: den > 0)
        }
        switch code {
        case "HANDLING_ON_TIME":
            let ok = cohort.filter { d, _ in
                if let r = d.resolved, r.day <= statusDay { return r.day <= d.due }
                return d.due >= statusDay
            }.count
            return Expected(numerator: ok, denominator: n, points: 20 * Double(ok) / Double(n), computable: true)
        case "DOSSIER_SYNC": return linear(6, cohort.filter { $0.1.synced }.count, n)
        case "ORIGINAL_RESULT_AVAILABLE": return linear(6, cohort.filter { $0.1.resultElectronic }.count, n)
        case "SO_HOA_GIAY_TO_GIAI_QUYET":
            if cohort.contains(where: { $0.1.digitized == nil }) { return Expected(computable: false) }
            return linear(4, cohort.filter { $0.1.digitized == true }.count, n)
        case "ONLINE_PAYMENT_DOSSIERS":
            let fees = cohort.filter { $0.1.fee }
            let paid = fees.filter { $0.1.paid == true }.count
            return Expected(numerator: paid, denominator: fees.count, points: fees.isEmpty ? 0 : 6 * Double(paid) / Double(fees.count), computable: true)
        case "DOSSIER_RECEIVING_SATISFACTION":
            let rated = cohort.filter { $0.1.satisfied != nil }
            let yes = rated.filter { $0.1.satisfied == true }.count
            return Expected(numerator: yes, denominator: rated.count,
                            points: rated.isEmpty ? 0 : min(6, 6 * Double(yes) / Double(rated.count) / 0.9), computable: true)
        case "FULL_ONLINE":
            // The rate is known; the portal's formula for the points is not.
            let eligible = cohort.filter { $0.1.eligible }
            return Expected(numerator: eligible.filter { $0.0.full }.count, denominator: eligible.count, points: nil, computable: false)
        default:
            return Expected(computable: false)
        }
    }

    @Test("every computable indicator equals a reference computed from the generated log, per period and unit; absent columns stay not computable",
          arguments: [ServiceIndexGrouping.year, .quarter, .month, .unit, .level])
    func generatedLog(grouping: ServiceIndexGrouping) throws {
        let set = GeneratedDossierSet(count: 3000, seed: 7)
        let (log, flags) = Self.flaggedLog(set, seed: 11)
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let summary = try makeAdminIngestor(store).ingest(path: try folder.write("log.csv", log))
        #expect(summary.outcome == .loaded(rows: set.dossiers.count))
        // The log's last day: its latest receipt or resolution.
        let asOf = set.dossiers.map { max($0.received.day, $0.resolved?.day ?? 0) }.max()!
        var checked = 0
        var computed = Set<String>()
        var incomplete = 0
        for year in [2023, 2024] {
            let rows = ServiceIndexCalculator(rollups: try store.fetchServiceRollups(provinceID: "54", years: year...year))
                .index(year: year, by: grouping)
            #expect(!rows.isEmpty)
            for row in rows {
                let cohort = zip(set.dossiers, flags).filter { d, _ in
                    let day = Day(dayNumber: d.received.day)
                    guard d.unit.province == "54", row.period.firstDay <= day, day <= row.period.lastDay else { return false }
                    if let code = row.group.unitCode, d.unit.code != code { return false }
                    if let level = row.group.level, d.unit.level != level.rawValue { return false }
                    return true
                }
                let statusDay = min(row.period.lastDay.dayNumber, asOf)
                #expect(row.received == cohort.count)
                #expect(row.statusDay.dayNumber == statusDay)
                if !row.complete { incomplete += 1 }
                for v in row.indicators {
                    let e = Self.expected(v.formula.code, cohort: cohort, statusDay: statusDay)
                    // Points equal up to rounding in the last place.
                    var points = v.points
                    if let p = v.points, let q = e.points, abs(p - q) < 1e-9 { points = q }
                    let shown = v.computable || v.formula.code == "FULL_ONLINE"
                    let got = Expected(numerator: shown ? v.numerator : nil, denominator: shown ? v.denominator : nil,
                                       points: points, computable: v.computable)
                    #expect(got == e, "\(row.period) \(row.group.unitCode ?? row.group.level?.rawValue ?? "") \(v.formula.code)")
                    if !v.computable { #expect(v.missing?.isEmpty == false, "\(v.formula.code)") } else { computed.insert(v.formula.code) }
                    checked += 1
                }
                // reused_data and citizen_data are not in the file: named as missing.
                let reused = try #require(row.indicators.first { $0.formula.code == "REUSED_DIGITIZED_DATA" })
                #expect(reused.missing == "the dossier-log column reused_data")
                #expect(row.points <= row.computableMaxPoints && row.computableMaxPoints <= row.maxPoints)
            }
            if grouping == .unit {
                // Ranked by what each unit costs the province within each period.
                for period in Set(rows.map(\.period)) {
                    let cost = rows.filter { $0.period == period }.map { $0.provinceCost! }
                    #expect(cost == cost.sorted(by: >))
                }
            }
        }
        #expect(checked > 0)
        // Every indicator the columns determine was computed somewhere, and the log's last period was
        // taken as of its last day.
        // Digitisation is unknown wherever 54.H.559's empty cells count: computed for the other units and levels only.
        let digitised: Set<String> = grouping == .unit || grouping == .level ? ["SO_HOA_GIAY_TO_GIAI_QUYET"] : []
        #expect(computed == Set(["HANDLING_ON_TIME", "DOSSIER_SYNC", "ORIGINAL_RESULT_AVAILABLE", "ONLINE_PAYMENT_DOSSIERS",
                                 "DOSSIER_RECEIVING_SATISFACTION"]).union(digitised))
        // The log ends in March 2024 (resolutions of February's dossiers): the 2024 quarter and year are counted as of then.
        #expect(incomplete > 0 || grouping == .month)
    }

    @Test("the status is taken at the end of each period: a month's cohort can count on time for the month and late for its quarter")
    func horizons() throws {
        let set = GeneratedDossierSet(count: 3000, seed: 7)
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("log.csv", set.log))
        let calculator = ServiceIndexCalculator(rollups: try store.fetchServiceRollups(provinceID: "54", years: 2023...2023))
        func onTime(_ rows: [ServiceIndexRow]) -> [CalendarPeriod: Int] {
            Dictionary(uniqueKeysWithValues: rows.map { ($0.period, $0.indicators.first { $0.formula.code == "HANDLING_ON_TIME" }!.numerator!) })
        }
        let months = onTime(calculator.index(year: 2023, by: .month)), quarters = onTime(calculator.index(year: 2023, by: .quarter))
        var differs = 0
        for q in 1...4 {
            let summed = (1...3).map { months[.month((q - 1) * 3 + $0, of: 2023)] ?? 0 }.reduce(0, +)
            // Later ends see more dossiers resolved late and fewer still within their due date.
            #expect(summed >= quarters[.quarter(q, of: 2023)]!)
            if summed != quarters[.quarter(q, of: 2023)]! { differs += 1 }
        }
        #expect(differs > 0)
    }

    @Test("a unit's cost to its province: 20 × (its dossiers not on time) / the province's received, for handling on time")
    func unitCost() throws {
        let set = GeneratedDossierSet(count: 2000, seed: 5)
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("log.csv", set.log))
        let rows = ServiceIndexCalculator(rollups: try store.fetchServiceRollups(provinceID: "54", years: 2023...2023))
            .index(year: 2023, by: .unit, within: .quarter(2, of: 2023))
        let quarter = CalendarPeriod.quarter(2, of: 2023)
        let cohort = set.dossiers.filter { d in
            let day = Day(dayNumber: d.received.day)
            return d.unit.province == "54" && quarter.firstDay <= day && day <= quarter.lastDay
        }
        let end = quarter.lastDay.dayNumber
        func late(_ d: GeneratedDossierSet.Dossier) -> Bool {
            if let r = d.resolved, r.day <= end { return r.day > d.due }
            return d.due < end
        }
        #expect(rows.count == Set(cohort.map(\.unit.code)).count)
        for row in rows {
            let missed = cohort.filter { $0.unit.code == row.group.unitCode && late($0) }.count
            #expect(abs(row.provinceCost! - 20 * Double(missed) / Double(cohort.count)) < 1e-9, "\(row.group.unitCode!)")
        }
        #expect(rows.map { $0.provinceCost! } == rows.map { $0.provinceCost! }.sorted(by: >))
    }

    @Test("a log without the optional columns computes handling on time only; the rest is not computable, never zero")
    func plainLog() throws {
        let set = GeneratedDossierSet(count: 400, seed: 3)
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("log.csv", set.log))
        let answer = try ServiceIndexQuery.answer(ServiceIndexRequest(province: "Phú Yên", year: 2023), store: store)
        let row = try #require(answer.rows.first)
        #expect(answer.rows.count == 1)
        #expect(row.indicators.filter(\.computable).map(\.formula.code) == ["HANDLING_ON_TIME"])
        #expect(row.computableMaxPoints == 20)
        for v in row.indicators where !v.computable { #expect(v.points == nil) }
        #expect(row.indicators.first { $0.formula.code == "DOSSIER_SYNC" }?.missing == "the dossier-log column synced")
        #expect(answer.totalSentence(row, .en).hasSuffix("of the 20 points ChiSo can compute (of 100)"))
    }

    @Test("the province report gets a Decision 766 section from the dossier logs: the total, what is not computed, the units that cost most")
    func reportSection() throws {
        let set = GeneratedDossierSet(count: 1500, seed: 9)
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("log.csv", set.log))
        #expect(try ServiceIndexQuery.reportRows(provinceID: "54", year: 2021, store: store).map { _ in 1 } == nil)
        let rows = try #require(try ServiceIndexQuery.reportRows(provinceID: "54", year: 2023, store: store))
        #expect(rows.units.allSatisfy { $0.period == .quarter(4, of: 2023) })
        for lang in Language.allCases {
            let document = ProvinceReport.make(provinceID: "54", year: 2023, indexes: [], sources: [], language: lang, serviceIndex: rows)
            let markdown = MarkdownRenderer().render(document).markdown
            let total = NumberFormat.decimal(rows.year.points, places: 2, lang)
            if lang == .vi {
                #expect(markdown.contains("## Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766)"))
                #expect(markdown.contains("ChiSo tính được \(total) trên 20 điểm"))
                #expect(markdown.contains("Chưa tính được: Tỷ lệ hồ sơ được đồng bộ trạng thái"))
                #expect(markdown.contains("Đơn vị mất nhiều điểm nhất, 2023-Q4"))
            } else {
                #expect(markdown.contains("## The Decision 766 service index"))
                #expect(markdown.contains("ChiSo computes \(total) of the 20 points"))
                #expect(markdown.contains("needs the dossier-log column synced."))
            }
            #expect(MarkupChecks.htmlNestingProblem(HTMLRenderer().render(document)) == nil)
        }
    }

    @Test("the cohorts counted on the way in equal those recounted in SQL from the dossier table (migration v3 for older loads)")
    func sqlRecount() throws {
        let set = GeneratedDossierSet(count: 2500, seed: 13)
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("a.csv", set.log))
        let core = ServiceCounts.columns.prefix(12).joined(separator: ", ")
        let sql = "SELECT source_id, province_id, month, year, unit_id, level, as_of, \(core) FROM admin_service_rollup ORDER BY source_id, unit_id, month"
        let counted = try store.query(sql)
        #expect(counted.rows.count == 96)  // 6 units × 16 months
        try store.recountServiceCohortsInSQL()
        let recounted = try store.query(sql)
        #expect(recounted.rows == counted.rows)
    }

    @Test("each flag's packed bit index is its position among the flags, and its counts' columns follow that order")
    func flagBitIndexes() {
        for (position, flag) in ServiceFlag.allCases.enumerated() {
            #expect(flag.bitIndex == position, "\(flag)")
            #expect(ServiceCounts.columns[ServiceCounts.flagIndex(flag, .yes)] == "\(flag.rawValue)_yes")
        }
    }

    @Test("the rollup view has one column per ServiceCounts count, in order")
    func columns() throws {
        let store = try ChiSoStore(path: nil)
        let result = try store.query("SELECT * FROM admin_service_rollup LIMIT 0")
        #expect(result.columns == ["source_id", "province_id", "month", "year", "unit_id", "level", "as_of"] + ServiceCounts.columns)
    }

    @Test("a yes/no cell that is neither is refused with what to write")
    func badFlag() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let row = "000.00.54.H36-230301-0001,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2023-03-01T09:00:00+07:00,online,full,2023-03-03,2023-03-02T10:00:00+07:00,resolved,maybe"
        let path = try folder.write("bad.csv", dossierHeader + ",Hài lòng\r\n" + row + "\r\n")
        let error = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: path) }
        #expect(error?.description == "\(path):2:13: error: [ingest] satisfied \"maybe\" is not yes or no; write yes (hài lòng), no (không hài lòng), or leave it empty when not rated")
    }
}
