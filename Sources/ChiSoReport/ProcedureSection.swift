import ChiSoCore
import ChiSoMetrics

/// The administrative-procedure section of a province report: online-submission and on-time rates
/// per period with their trend, and the best and worst units. Only built when rates are given.
package enum ProcedureSection {
    package static func make(_ rates: ProcedureSummary, provinceName name: String, language: Language) -> ReportBlock {
        let vi = language == .vi
        func t(_ a: String, _ b: String) -> String { vi ? a : b }
        func percent(_ x: Double?) -> String { x.map { NumberFormat.percent(ratio: $0, places: 1, language) } ?? NumberFormat.missing }
        let onlineWord = t("Nộp trực tuyến", "Submitted online")
        let onTimeWord = t("Giải quyết đúng hạn", "Resolved on time")
        var blocks: [ReportBlock] = []
        // "2023-Q1 (15/12/2022–14/03/2023)": the days a window or part-period figure really covers.
        func label(_ p: ProcedureSummary.Period) -> String {
            guard let covers = p.covers else { return p.label }
            func day(_ d: Day) -> String {
                func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
                return vi ? "\(two(d.day))/\(two(d.month))/\(d.year)" : d.description
            }
            return "\(p.label) (\(day(covers.lowerBound))–\(day(covers.upperBound)))"
        }

        if let year = rates.year {
            // The figure the yearly report needs first: "2023: 43,31% online, +15,01 điểm phần trăm on 2022; 96,18% on time".
            var parts: [String] = []
            if let online = year.onlineRate {
                var part = t("tỷ lệ hồ sơ nộp trực tuyến \(percent(online))", "\(percent(online)) of dossiers were submitted online")
                if let change = rates.yearChange(.online), let before = rates.previousYear {
                    let points = NumberFormat.percentagePoints(ratioDifference: change, places: 1, language)
                    part += t(" (\(points) so với năm \(label(before)))", " (\(points) on \(label(before)))")
                }
                parts.append(part)
            }
            if let onTime = year.onTimeRate {
                var part = t("tỷ lệ hồ sơ giải quyết đúng hạn \(percent(onTime))", "\(percent(onTime)) were resolved on time")
                if let change = rates.yearChange(.onTime), let before = rates.previousYear {
                    let points = NumberFormat.percentagePoints(ratioDifference: change, places: 1, language)
                    part += t(" (\(points) so với năm \(label(before)))", " (\(points) on \(label(before)))")
                }
                parts.append(part)
            }
            var text = t("Năm \(label(year)), \(name): ", "\(label(year)), \(name): ") + (parts.isEmpty ? t("không có tỷ lệ", "no rates") : parts.joined(separator: t(", ", "; ")))
            if year.approximate { text += t(" (số liệu xấp xỉ theo nguồn)", " (approximate, as the source gives them)") }
            blocks.append(.paragraph([.text(text + ".")]))
            let windows = ([rates.previousYear, rates.year].compactMap { $0 } + rates.periods).filter { $0.covers != nil }
            if !windows.isEmpty {
                let list = windows.map(label).joined(separator: "; ")
                blocks.append(.note(kind: .caveat, [.text(t(
                    "Số liệu của kỳ báo cáo không trùng với kỳ lịch: \(list). Các tỷ lệ này là của những ngày đó, không phải của cả kỳ.",
                    "Figures of a reporting window, not of the calendar period: \(list). These rates cover those days, not the whole period."))]))
            }
            blocks.append(.table(ReportTable(
                caption: t("Hồ sơ thủ tục hành chính của \(name) theo năm", "\(name)'s administrative-procedure dossiers by year"),
                columns: [.init(t("Năm", "Year")), .init(t("Hồ sơ tiếp nhận", "Dossiers received"), alignment: .trailing),
                          .init(onlineWord, alignment: .trailing), .init(onTimeWord, alignment: .trailing)],
                rows: [rates.previousYear, rates.year].compactMap { $0 }.map { p in
                    [.init(label(p) + (p.approximate ? t(" (xấp xỉ)", " (approx.)") : "")),
                     .init(p.dossiers.map { NumberFormat.integer($0, language) } ?? NumberFormat.missing),
                     .init(percent(p.onlineRate)), .init(percent(p.onTimeRate))]
                })))
        } else if let last = rates.periods.last {
            var parts: [String] = []
            if let online = last.onlineRate { parts.append(t("tỷ lệ hồ sơ nộp trực tuyến \(percent(online))", "\(percent(online)) of dossiers were submitted online")) }
            if let onTime = last.onTimeRate { parts.append(t("tỷ lệ hồ sơ giải quyết đúng hạn \(percent(onTime))", "\(percent(onTime)) were resolved on time")) }
            var text = t("Kỳ \(label(last)), \(name): ", "\(label(last)), \(name): ") + (parts.isEmpty ? t("không có tỷ lệ", "no rates") : parts.joined(separator: t(", ", "; ")))
            if last.approximate { text += t(" (số liệu xấp xỉ theo nguồn)", " (approximate, as the source gives them)") }
            text += "."
            for measure in [ProcedureSummary.Measure.online, .onTime] {
                guard let trend = rates.trend(measure) else { continue }
                let what = measure == .online ? t("tỷ lệ nộp trực tuyến", "the online rate") : t("tỷ lệ đúng hạn", "the on-time rate")
                let change = NumberFormat.percentagePoints(ratioDifference: trend.change, places: 1, language)
                text += t(" So với kỳ \(label(trend.from)), \(what) thay đổi \(change).", " Compared with \(label(trend.from)), \(what) changed by \(change).")
            }
            blocks.append(.paragraph([.text(text)]))
            let windows = rates.periods.filter { $0.covers != nil }
            if !windows.isEmpty {
                let list = windows.map(label).joined(separator: "; ")
                blocks.append(.note(kind: .caveat, [.text(t(
                    "Số liệu của kỳ báo cáo không trùng với kỳ lịch: \(list). Các tỷ lệ này là của những ngày đó, không phải của cả kỳ.",
                    "Figures of a reporting window, not of the calendar period: \(list). These rates cover those days, not the whole period."))]))
            }
        }

        let charted = rates.periods.filter { $0.onlineRate != nil || $0.onTimeRate != nil }
        if charted.count >= 2 {
            var series: [ChartSeries] = []
            if charted.contains(where: { $0.onlineRate != nil }) { series.append(ChartSeries(name: onlineWord, values: charted.map(\.onlineRate))) }
            if charted.contains(where: { $0.onTimeRate != nil }) { series.append(ChartSeries(name: onTimeWord, values: charted.map(\.onTimeRate))) }
            let first = charted.first!.label, last = charted.last!.label
            blocks.append(.chart(Chart(
                kind: .line,
                title: t("Tỷ lệ hồ sơ thủ tục hành chính của \(name), \(first) – \(last)", "\(name)'s administrative-procedure rates, \(first) – \(last)"),
                description: t("Tỷ lệ hồ sơ nộp trực tuyến và giải quyết đúng hạn qua \(charted.count) kỳ báo cáo, từ \(first) đến \(last).",
                               "Share of dossiers submitted online and resolved on time over \(charted.count) reporting periods, \(first) to \(last)."),
                xLabels: charted.map(\.label), xAxisLabel: t("Kỳ báo cáo", "Period"), series: series,
                yAxis: ChartAxis(label: t("Tỷ lệ hồ sơ", "Share of dossiers"), domain: 0...1, style: .percent(places: 1)),
                language: language)))
        }

        if !rates.periods.isEmpty {
            blocks.append(.table(ReportTable(
                caption: rates.year == nil ? t("Hồ sơ thủ tục hành chính của \(name) theo kỳ", "\(name)'s administrative-procedure dossiers by period")
                    : t("Hồ sơ thủ tục hành chính của \(name) theo quý", "\(name)'s administrative-procedure dossiers by quarter"),
                columns: [.init(t("Kỳ báo cáo", "Period")), .init(t("Hồ sơ tiếp nhận", "Dossiers received"), alignment: .trailing),
                          .init(onlineWord, alignment: .trailing), .init(onTimeWord, alignment: .trailing)],
                rows: rates.periods.map { p in
                    [.init(label(p) + (p.approximate ? t(" (xấp xỉ)", " (approx.)") : "")),
                     .init(p.dossiers.map { NumberFormat.integer($0, language) } ?? NumberFormat.missing),
                     .init(percent(p.onlineRate)), .init(percent(p.onTimeRate))]
                })))
        }

        let measureWord = rates.rankedBy == .online ? t("tỷ lệ nộp trực tuyến", "online rate") : t("tỷ lệ đúng hạn", "on-time rate")
        for (units, caption) in [(rates.best, t("Đơn vị có \(measureWord) cao nhất", "Units with the highest \(measureWord)")),
                                 (rates.worst, t("Đơn vị có \(measureWord) thấp nhất", "Units with the lowest \(measureWord)"))] where !units.isEmpty {
            blocks.append(.table(ReportTable(
                caption: caption,
                columns: [.init(t("Đơn vị", "Unit")), .init(onlineWord, alignment: .trailing), .init(onTimeWord, alignment: .trailing)],
                rows: units.map { [.init($0.name), .init(percent($0.onlineRate)), .init(percent($0.onTimeRate))] })))
        }
        return .section(title: t("Thủ tục hành chính: nộp trực tuyến và giải quyết đúng hạn", "Administrative procedures: online submission and on-time resolution"),
                        anchor: "procedures", blocks: blocks)
    }
}
