import ChiSoCore
import ChiSoMetrics
import ChiSoStore
import Foundation

/// What `chiso service-index` asks for.
public struct ServiceIndexRequest: Sendable, Equatable {
    /// A province name or GSO code, any spelling.
    public var province: String
    public var year: Int
    public var grouping: ServiceIndexGrouping
    /// A quarter or month of `year` to narrow the rows to (nil: the whole year).
    public var within: CalendarPeriod?

    public init(province: String, year: Int, grouping: ServiceIndexGrouping = .year, within: CalendarPeriod? = nil) {
        self.province = province; self.year = year; self.grouping = grouping; self.within = within
    }
}

/// The Decision 766 service index of a province, from the store's cohort rollups.
public struct ServiceIndexAnswer: Sendable {
    public var province: Province
    public var request: ServiceIndexRequest
    public var rows: [ServiceIndexRow]
}

/// The use case behind `chiso service-index`, the province report's section and notebooks.
public enum ServiceIndexQuery {
    /// Reads the cohorts of the province's year and computes the index.
    public static func answer(_ request: ServiceIndexRequest, store: ChiSoStore, registry: ProvinceRegistry = .standard) throws -> ServiceIndexAnswer {
        if let within = request.within, within.year != request.year {
            throw UseCaseError("--quarter/--month \(within) is not in \(request.year)", kind: .usage)
        }
        // A name can denote a pre-2025 province and a post-2025 unit: take the one with figures.
        let candidates = try registry.candidates(request.province, fallbackDay: Day(year: request.year, month: 1, day: 1))
        for candidate in candidates {
            let rollups = try store.fetchServiceRollups(provinceID: candidate.id, years: request.year...request.year)
            let statistics = try store.fetchServiceStatistics(provinceID: candidate.id, years: request.year...request.year)
            guard !rollups.isEmpty || !statistics.isEmpty else { continue }
            let rows = ServiceIndexCalculator(rollups: rollups, statistics: statistics).index(year: request.year, by: request.grouping, within: request.within)
            guard !rows.isEmpty else { break }
            return ServiceIndexAnswer(province: candidate, request: request, rows: rows)
        }
        let shown = (try? registry.resolve(request.province, on: Day(year: request.year, month: 7, day: 1))) ?? candidates[0]
        let known = try store.fetchServiceRollupYears(provinceID: shown.id)
        let period = request.within?.description ?? String(request.year)
        throw UseCaseError("error: no dossier log of \(shown.name) for \(period) in the database; the service index is computed from dossier logs "
            + "(one row a dossier) loaded with `chiso ingest`, or from statistics files with its counts (synced, satisfied, ...)"
            + (known.isEmpty ? "" : "; years there: \(known.map(String.init).joined(separator: ", "))")
            + (try store.fetchRollupYears(provinceID: shown.id).contains(request.year)
                ? "; its \(request.year) figures come from statistics files without the service-index counts (synced, result_electronic, satisfied and rated, "
                    + "fee_required and paid_online, ...), which count resolutions by period, not the dossiers received in it: `chiso rates` reads them"
                : ""))
    }

    /// The rows of the province report's section: the year, and the units of its latest quarter
    /// with dossiers ranked by points lost; nil when the store has no dossier log of the year.
    public static func reportRows(provinceID: String, year: Int, store: ChiSoStore) throws -> (year: ServiceIndexRow, units: [ServiceIndexRow])? {
        let rollups = try store.fetchServiceRollups(provinceID: provinceID, years: year...year)
        guard let lastMonth = rollups.map(\.month).max(), let quarter = lastMonth.enclosing(.quarter) else { return nil }
        let calculator = ServiceIndexCalculator(rollups: rollups)
        guard let yearRow = calculator.index(year: year, by: .year).first else { return nil }
        return (yearRow, calculator.index(year: year, by: .unit, within: quarter))
    }

    /// Points rounded as the portal publishes them (2 decimals).
    public static func rounded(_ points: Double) -> Double { (points * 100).rounded(.toNearestOrAwayFromZero) / 100 }
}

extension ServiceIndexAnswer {
    /// The answer in an output format: JSON nests the indicators under each row; CSV has one line
    /// per row and indicator; table and md show totals and the indicators of each period, or one
    /// line per unit or level (ranked by points lost) for those groupings.
    package func render(_ format: OutputFormat, _ language: Language) -> String {
        switch format {
        case .json: return JSONValue.array(rows.map(json)).serialized() + "\n"
        case .csv: return longTable(language).render(.csv)
        case .table, .md:
            switch request.grouping {
            case .unit, .level: return groupTable(language).render(format)
            default: return indicatorTable(language).render(format)
            }
        }
    }

    /// The table the human formats show.
    package func humanTable(_ language: Language) -> OutputTable {
        switch request.grouping {
        case .unit, .level: return groupTable(language)
        default: return indicatorTable(language)
        }
    }

    private func groupFields(_ row: ServiceIndexRow) -> [(String, JSONValue)] {
        var out: [(String, JSONValue)] = [
            ("period", .string(row.period.description)), ("province_code", province.code.map(JSONValue.string) ?? .null),
            ("province", .string(province.name)),
        ]
        switch request.grouping {
        case .unit:
            out += [("unit_code", .string(row.group.unitCode ?? "")), ("unit_name", .string(row.group.unitName ?? "")),
                    ("level", .string(row.group.level?.rawValue ?? ""))]
        case .level: out += [("level", .string(row.group.level?.rawValue ?? ""))]
        default: break
        }
        return out
    }

    private func json(_ row: ServiceIndexRow) -> JSONValue {
        var fields = groupFields(row)
        fields += [
            ("input", .string(row.input.rawValue)),
            ("statistics_files", .array(row.statisticsFiles.map(JSONValue.string))),
            ("statistics_set_aside", .array(row.statisticsSetAside.map(JSONValue.string))),
            ("edition", row.editionID.map(JSONValue.string) ?? .null),
            ("status_day", .string(row.statusDay.description)), ("complete", .bool(row.complete)),
            ("received", .int(row.received)),
            ("points", .number(ServiceIndexQuery.rounded(row.points))),
            ("computable_max_points", .number(row.computableMaxPoints)),
            ("max_points", .number(row.maxPoints)),
            ("points_lost", .number(ServiceIndexQuery.rounded(row.pointsLost))),
            ("province_cost", row.provinceCost.map { .number(ServiceIndexQuery.rounded($0)) } ?? .null),
            ("indicators", .array(row.indicators.map { v in
                .object([
                    ("code", .string(v.formula.code)), ("group", .string(v.formula.group.rawValue)),
                    ("name", .string(v.formula.vietnameseName)),
                    ("points", v.points.map { .number(ServiceIndexQuery.rounded($0)) } ?? .null),
                    ("max_points", .number(v.maxPoints)),
                    ("numerator", v.numerator.map(JSONValue.int) ?? .null),
                    ("denominator", v.denominator.map(JSONValue.int) ?? .null),
                    ("rate", v.rate.map(JSONValue.number) ?? .null),
                    ("formula", .string(v.formulaID)),
                    ("computable", .bool(v.computable)),
                    ("missing", v.missing.map(JSONValue.string) ?? .null),
                    ("source", .string(v.formula.source)),
                ])
            })),
        ]
        return .object(fields)
    }

    private func points(_ x: Double?, _ language: Language) -> OutputValue {
        x.map { .number(ServiceIndexQuery.rounded($0), display: NumberFormat.decimal($0, places: 2, language)) } ?? .absent(display: "?")
    }

    private func count(_ n: Int?, _ language: Language) -> OutputValue {
        n.map { .number(Double($0), display: NumberFormat.integer($0, language)) } ?? .null
    }

    private func rate(_ r: Double?, _ language: Language) -> OutputValue {
        r.map { .number($0, display: NumberFormat.percent(ratio: $0, places: 2, language)) } ?? .absent(display: "n/a")
    }

    /// "17.68 of the 20 points ChiSo can compute (of 100)".
    package func totalSentence(_ row: ServiceIndexRow, _ language: Language) -> String {
        let p = NumberFormat.decimal(row.points, places: 2, language)
        let c = NumberFormat.decimal(row.computableMaxPoints, places: 0, language)
        let m = NumberFormat.decimal(row.maxPoints, places: 0, language)
        return language == .vi
            ? "\(p) trên \(c) điểm ChiSo tính được (tổng \(m) điểm)"
            : "\(p) of the \(c) points ChiSo can compute (of \(m))"
    }

    private func statusNote(_ row: ServiceIndexRow, _ language: Language) -> String? {
        guard !row.complete else { return nil }
        return language == .vi
            ? "\(row.period): nhật ký hồ sơ kết thúc ngày \(row.statusDay); tình trạng hồ sơ tính đến ngày đó, chưa đến hết kỳ"
            : "\(row.period): the dossier log ends on \(row.statusDay); statuses are taken on that day, before the period's end"
    }

    /// Which periods come from statistics, and where statistics were set aside for a log.
    private func inputNotes(_ language: Language) -> [String] {
        var seen: [String] = []
        func note(_ text: String) { if !seen.contains(text) { seen.append(text) } }
        for row in rows {
            if row.input == .statistics {
                let files = row.statisticsFiles.joined(separator: ", ")
                note(language == .vi
                    ? "\(row.period): tính từ số liệu thống kê (\(files)), không có nhật ký hồ sơ; tiến độ giải quyết cần nhật ký hồ sơ"
                    : "\(row.period): from statistics (\(files)), no dossier log; handling on time needs a dossier log")
            }
            if !row.statisticsSetAside.isEmpty {
                let files = row.statisticsSetAside.joined(separator: ", ")
                note(language == .vi
                    ? "\(row.period): dùng nhật ký hồ sơ; số liệu thống kê của \(files) cho kỳ này không được cộng thêm"
                    : "\(row.period): the dossier log is used; the statistics of \(files) for this period are not added to it")
            }
        }
        return seen
    }

    private func missingNotes(_ language: Language) -> [String] {
        var seen: [String] = []
        for row in rows {
            for v in row.indicators where !v.computable {
                let note = language == .vi ? "Chưa tính được \(v.formula.code): cần \(v.missingVietnamese ?? v.missing ?? "")"
                                           : "Not computable, \(v.formula.code): needs \(v.missing ?? "")"
                if !seen.contains(note) { seen.append(note) }
            }
        }
        return seen
    }

    /// Year, quarter or month: the indicators of each period, then its total.
    private func indicatorTable(_ language: Language) -> OutputTable {
        let vi = language == .vi
        let headers = vi ? ["Kỳ", "Nhóm", "Chỉ số", "Điểm", "Tối đa", "Tử số", "Mẫu số", "Tỷ lệ", "Công thức"]
                         : ["Period", "Group", "Indicator", "Points", "Max", "Numerator", "Denominator", "Rate", "Formula"]
        var out: [[OutputValue]] = []
        var notes: [String] = []
        for row in rows {
            for v in row.indicators {
                out.append([.text(row.period.description), .text(vi ? v.formula.group.vietnameseName : v.formula.group.englishName),
                            .text(v.formula.code), points(v.points, language), .number(v.maxPoints, display: NumberFormat.decimal(v.maxPoints, places: 0, language)),
                            count(v.numerator, language), count(v.denominator, language), rate(v.rate, language), .text(v.formulaID)])
            }
            out.append([.text(row.period.description), .text(vi ? "Tổng" : "Total"), .text(totalSentence(row, language)),
                        points(row.points, language), .number(row.computableMaxPoints, display: NumberFormat.decimal(row.computableMaxPoints, places: 0, language)),
                        .null, count(row.received, language), .null, .text(row.editionID ?? "")])
            if let note = statusNote(row, language) { notes.append(note) }
        }
        return OutputTable(keys: headers, headers: headers, rows: out, footnotes: notes + inputNotes(language) + missingNotes(language))
    }

    /// Unit or level: one line per group with its total; units ranked by points lost.
    private func groupTable(_ language: Language) -> OutputTable {
        let vi = language == .vi
        var headers = vi ? ["Kỳ", "Hạng"] : ["Period", "Rank"]
        if request.grouping == .unit { headers += vi ? ["Mã đơn vị", "Đơn vị", "Cấp"] : ["Unit code", "Unit", "Level"] }
        else { headers += vi ? ["Cấp"] : ["Level"] }
        headers += vi ? ["Tiếp nhận", "Điểm", "Tính được", "Mất", "Đúng hạn", "Điểm tiến độ"]
                      : ["Received", "Points", "Computable", "Lost", "On time", "Progress points"]
        if request.grouping == .unit { headers += vi ? ["Tỉnh mất vì đơn vị"] : ["Province's loss"] }
        var out: [[OutputValue]] = []
        var notes: [String] = []
        var rank = 0
        var period: CalendarPeriod?
        for row in rows {
            if row.period != period { rank = 0; period = row.period; if let note = statusNote(row, language) { notes.append(note) } }
            rank += 1
            var line: [OutputValue] = [.text(row.period.description), .int(rank)]
            let level: OutputValue = row.group.level.map { .code($0.rawValue, display: vi ? $0.vietnameseName : $0.rawValue) } ?? .null
            if request.grouping == .unit { line += [.text(row.group.unitCode ?? ""), .text(row.group.unitName ?? ""), level] } else { line += [level] }
            let progress = row.indicators.first { $0.formula.code == "HANDLING_ON_TIME" }
            line += [count(row.received, language), points(row.points, language),
                     .number(row.computableMaxPoints, display: NumberFormat.decimal(row.computableMaxPoints, places: 0, language)),
                     points(row.pointsLost, language), rate(progress?.rate, language), points(progress?.points, language)]
            if request.grouping == .unit { line.append(points(row.provinceCost, language)) }
            out.append(line)
        }
        return OutputTable(keys: headers, headers: headers, rows: out, footnotes: notes + inputNotes(language) + missingNotes(language))
    }

    /// One line per row and indicator, every field: the CSV form.
    private func longTable(_ language: Language) -> OutputTable {
        var keys = ["period", "province_code", "province"]
        switch request.grouping {
        case .unit: keys += ["unit_code", "unit_name", "level"]
        case .level: keys += ["level"]
        default: break
        }
        keys += ["input", "edition", "status_day", "complete", "received", "total_points", "computable_max_points", "points_lost", "province_cost",
                 "indicator", "group", "points", "max_points", "numerator", "denominator", "rate", "formula", "computable", "missing"]
        var out: [[OutputValue]] = []
        for row in rows {
            var head: [OutputValue] = [.text(row.period.description), province.code.map(OutputValue.text) ?? .null, .text(province.name)]
            switch request.grouping {
            case .unit: head += [.text(row.group.unitCode ?? ""), .text(row.group.unitName ?? ""), .text(row.group.level?.rawValue ?? "")]
            case .level: head += [.text(row.group.level?.rawValue ?? "")]
            default: break
            }
            head += [.text(row.input.rawValue), .text(row.editionID ?? ""), .text(row.statusDay.description), .bool(row.complete, display: ""), .int(row.received),
                     points(row.points, language), .number(row.computableMaxPoints, display: ""), points(row.pointsLost, language),
                     row.provinceCost.map { points($0, language) } ?? .null]
            for v in row.indicators {
                out.append(head + [.text(v.formula.code), .text(v.formula.group.rawValue), points(v.points, language),
                                   .number(v.maxPoints, display: ""), count(v.numerator, language), count(v.denominator, language),
                                   rate(v.rate, language), .text(v.formulaID), .bool(v.computable, display: ""), v.missing.map(OutputValue.text) ?? .null])
            }
        }
        return OutputTable(keys: keys, headers: keys, rows: out)
    }
}
