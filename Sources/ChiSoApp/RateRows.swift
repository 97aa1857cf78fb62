import ChiSoCore
import ChiSoMetrics

/// Rates as output rows, with the keys JSON users rely on.
package enum RateRows {
    package static func table(_ rates: [ProcedureRates], _ grouping: RateGrouping, _ language: Language, _ registry: ProvinceRegistry) -> OutputTable {
        let vi = language == .vi
        var keys = ["period", "province_code", "province"]
        var headers = vi ? ["Kỳ", "Mã tỉnh", "Tỉnh/Thành phố"] : ["Period", "Code", "Province"]
        var human = [0]
        if grouping == .province { human += [2] }
        switch grouping {
        case .unit:
            keys += ["unit_code", "unit_name", "level"]; headers += vi ? ["Mã đơn vị", "Đơn vị", "Cấp"] : ["Unit code", "Unit", "Level"]
            human += [3, 4, 5]
        case .level:
            keys += ["level"]; headers += vi ? ["Cấp"] : ["Level"]; human += [3]
        case .procedure:
            keys += ["procedure_code", "field"]; headers += vi ? ["Mã thủ tục", "Lĩnh vực"] : ["Procedure", "Field"]; human += [3, 4]
        case .field:
            keys += ["field"]; headers += vi ? ["Lĩnh vực"] : ["Field"]; human += [3]
        default: break
        }
        let first = keys.count
        keys += ["received_total", "received_online", "online_rate", "online_rate_change_pp", "received_full_online", "full_online_share",
                 "received_direct", "received_postal", "resolved_total", "resolved_on_time", "resolved_late", "on_time_rate",
                 "on_time_rate_change_pp", "pending", "first_day", "last_day"]
        headers += vi
            ? ["Tiếp nhận", "Trực tuyến", "Tỷ lệ trực tuyến", "Thay đổi", "Toàn trình", "Tỷ lệ toàn trình", "Trực tiếp", "Bưu chính",
               "Đã giải quyết", "Đúng hạn", "Trễ hạn", "Tỷ lệ đúng hạn", "Thay đổi", "Đang giải quyết", "Từ ngày", "Đến ngày"]
            : ["Received", "Online", "Online rate", "Change", "Full online", "Full-online share", "Direct", "Postal",
               "Resolved", "On time", "Late", "On-time rate", "Change", "Pending", "From", "To"]
        human += [first, first + 1, first + 2, first + 3, first + 8, first + 9, first + 11, first + 12]

        func count(_ n: Int?) -> OutputValue { n.map { .number(Double($0), display: NumberFormat.integer($0, language)) } ?? .null }
        func rate(_ r: some Proportion) -> OutputValue {
            r.value.map { .number($0, display: NumberFormat.percent(ratio: $0, places: 2, language)) } ?? .absent(display: "n/a")
        }
        func change(_ c: PercentagePoints?) -> OutputValue {
            c.map { .number($0.value, display: NumberFormat.signed($0.value, places: 2, language) + (vi ? " điểm phần trăm" : " pp")) } ?? .null
        }
        // Rows whose figures cover less (or other days) than their period: (label, days).
        var coverage: [(label: String, period: String, first: Day, last: Day)] = []
        let rows: [[OutputValue]] = rates.map { r in
            let p = r.group.provinceID.flatMap { registry.province(id: $0) }
            var row: [OutputValue] = [.text(r.period.description), p?.code.map(OutputValue.text) ?? .null, .text(p?.name ?? r.group.provinceID ?? "")]
            let notStated: OutputValue = .absent(display: vi ? "(không ghi)" : "(not stated)")
            func level(_ l: AdministrativeLevel?) -> OutputValue {
                l.map { .code($0.rawValue, display: vi ? $0.vietnameseName : $0.rawValue) } ?? notStated
            }
            switch grouping {
            case .unit: row += [r.group.unitCode.map(OutputValue.text) ?? notStated, r.group.unitName.map(OutputValue.text) ?? notStated, level(r.group.level)]
            case .level: row += [level(r.group.level)]
            case .procedure: row += [r.group.procedureCode.map(OutputValue.text) ?? notStated, r.group.field.map(OutputValue.text) ?? notStated]
            case .field: row += [r.group.field.map(OutputValue.text) ?? notStated]
            default: break
            }
            let c = r.counts
            row += [count(c.receivedTotal), count(c.receivedOnline), rate(r.onlineRate), change(r.onlineRateChange),
                    count(c.receivedFullOnline), rate(r.fullOnlineShare), count(c.receivedDirect), count(c.receivedPostal),
                    count(c.resolvedTotal), count(c.resolvedOnTime), count(c.resolvedLate), rate(r.onTimeRate), change(r.onTimeRateChange),
                    count(c.pending), .text(r.firstDay.description), .text(r.lastDay.description)]
            // Only real windows and part-period figures get a note, not groups that are merely sparse.
            if r.coversPartOfPeriod {
                // Name the group when rows are not one per period.
                var label = r.period.description
                switch grouping {
                case .province: label = "\(p?.name ?? "") \(label)"
                case .unit: label = "\(r.group.unitName ?? r.group.unitCode ?? notStated.display) \(label)"
                case .level: label = "\(level(r.group.level).display) \(label)"
                case .procedure: label = "\(r.group.procedureCode ?? notStated.display) \(label)"
                case .field: label = "\(r.group.field ?? notStated.display) \(label)"
                default: break
                }
                coverage.append((label, r.period.description, r.firstDay, r.lastDay))
            }
            return row
        }
        // One note per period when every group of it covers the same days.
        var notes: [String] = []
        func note(_ label: String, _ first: Day, _ last: Day) -> String {
            vi ? "\(label): số liệu từ \(first) đến \(last)" : "\(label): figures cover \(first) to \(last)"
        }
        var periods: [String] = []
        for c in coverage where !periods.contains(c.period) { periods.append(c.period) }
        for period in periods {
            let entries = coverage.filter { $0.period == period }
            let groups = rates.filter { $0.period.description == period }.count
            if entries.count == groups && Set(entries.map { "\($0.first)..\($0.last)" }).count == 1 {
                notes.append(note(period, entries[0].first, entries[0].last))
            } else {
                notes += entries.map { note($0.label, $0.first, $0.last) }
            }
        }
        return OutputTable(keys: keys, headers: headers, rows: rows, humanColumns: human, footnotes: notes)
    }
}
