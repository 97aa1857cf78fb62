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

        if let last = rates.periods.last {
            var parts: [String] = []
            if let online = last.onlineRate { parts.append(t("tỷ lệ hồ sơ nộp trực tuyến \(percent(online))", "\(percent(online)) of dossiers were submitted online")) }
            if let onTime = last.onTimeRate { parts.append(t("tỷ lệ hồ sơ giải quyết đúng hạn \(percent(onTime))", "\(percent(onTime)) were resolved on time")) }
            var text = t("Kỳ \(last.label), \(name): ", "\(last.label), \(name): ") + (parts.isEmpty ? t("không có tỷ lệ", "no rates") : parts.joined(separator: t(", ", "; ")))
            if last.approximate { text += t(" (số liệu xấp xỉ theo nguồn)", " (approximate, as the source gives them)") }
            text += "."
            for measure in [ProcedureSummary.Measure.online, .onTime] {
                guard let trend = rates.trend(measure) else { continue }
                let what = measure == .online ? t("tỷ lệ nộp trực tuyến", "the online rate") : t("tỷ lệ đúng hạn", "the on-time rate")
                let change = NumberFormat.percentagePoints(ratioDifference: trend.change, places: 1, language)
                text += t(" So với kỳ \(trend.from.label), \(what) thay đổi \(change).", " Compared with \(trend.from.label), \(what) changed by \(change).")
            }
            blocks.append(.paragraph([.text(text)]))
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
                caption: t("Hồ sơ thủ tục hành chính của \(name) theo kỳ", "\(name)'s administrative-procedure dossiers by period"),
                columns: [.init(t("Kỳ báo cáo", "Period")), .init(t("Hồ sơ tiếp nhận", "Dossiers received"), alignment: .trailing),
                          .init(onlineWord, alignment: .trailing), .init(onTimeWord, alignment: .trailing)],
                rows: rates.periods.map { p in
                    [.init(p.label + (p.approximate ? t(" (xấp xỉ)", " (approx.)") : "")),
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
