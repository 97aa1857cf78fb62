import ChiSoCore
import ChiSoReport
import ChiSoStore

/// Builds a `Chart` from a chart block's settings and its query result.
package enum NotebookChart {
    package static func make(_ spec: ChartSpec, title: String?, result: QueryResult, language: Language,
                     path: String, line: Int) throws(NotebookError) -> Chart {
        func column(_ name: String, _ role: String) throws(NotebookError) -> Int {
            guard let i = result.columns.firstIndex(of: name) else {
                throw NotebookError(path: path, line: line, message: "chart \(role): block \(spec.data) has no column \(name) (columns: \(result.columns.joined(separator: ", ")))")
            }
            return i
        }
        let xi = try column(spec.x, "x"), yi = try column(spec.y, "y")
        var si: Int?
        if let series = spec.series { si = try column(series, "series") }
        func label(_ cell: QueryResult.Cell) -> String {
            switch cell {
            case .null: return "—"
            case .integer(let n): return String(n)
            case .real(let x): return NumberFormat.decimal(x, places: 2, language)
            case .text(let s): return s
            }
        }
        func number(_ cell: QueryResult.Cell) -> Double? {
            switch cell {
            case .integer(let n): return Double(n)
            case .real(let x): return x
            default: return nil
            }
        }
        // x in ascending order when numeric (years), else in the query's order.
        var xs: [QueryResult.Cell] = []
        for row in result.rows where !xs.contains(row[xi]) { xs.append(row[xi]) }
        if xs.allSatisfy({ number($0) != nil }) { xs.sort { number($0)! < number($1)! } }
        var seriesNames: [String] = []
        for row in result.rows {
            let name = si.map { label(row[$0]) } ?? spec.y
            if !seriesNames.contains(name) { seriesNames.append(name) }
        }
        var values = [String: [Double?]]()
        for name in seriesNames { values[name] = Array(repeating: nil, count: xs.count) }
        for row in result.rows {
            guard let x = xs.firstIndex(of: row[xi]) else { continue }
            let name = si.map { label(row[$0]) } ?? spec.y
            if let v = number(row[yi]) { values[name]![x] = v } else if case .text(let t) = row[yi] {
                throw NotebookError(path: path, line: line, message: "chart y: column \(spec.y) holds text (\"\(t)\"), not numbers")
            }
        }
        let all = values.values.flatMap { $0.compactMap { $0 } }
        // "rank", "Hạng", "thu_hang": a rank axis runs downwards unless the block says otherwise.
        let yKey = ProvinceRegistry.matchingKey(spec.y)
        let inverted = spec.inverted ?? (spec.kind == .bump || yKey.contains("rank") || yKey.contains("hang"))
        let wholeNumbers = all.allSatisfy { $0 == $0.rounded() }
        // A rank axis runs from 1 to N, the number of provinces ranked: the query's "of" column
        // (of_count, of, "Trên") when it has one, else 63 (the provinces of every edition until 2024),
        // or the largest rank when that is more.
        var rankDomain: ClosedRange<Double>?
        if inverted, let top = all.max() {
            let ofColumn = result.columns.firstIndex { ["of", "of_count", "tren"].contains(ProvinceRegistry.matchingKey($0)) }
            let of = ofColumn.flatMap { c in result.rows.compactMap { number($0[c]) }.max() }
            rankDomain = 1...max(1, top, of ?? (top <= 63 ? 63 : top))
        }
        let chartTitle = title ?? "\(spec.y) — \(spec.x)"
        let description = spec.description ?? {
            let kind = language == .vi ? ["line": "Biểu đồ đường", "bump": "Biểu đồ thứ hạng", "bar": "Biểu đồ cột"][spec.kind.rawValue]!
                : ["line": "Line chart", "bump": "Rank chart", "bar": "Bar chart"][spec.kind.rawValue]!
            let of = language == .vi ? "của \(spec.y) theo \(spec.x)" : "of \(spec.y) by \(spec.x)"
            let lines = seriesNames.count > 1 ? (language == .vi ? ", \(seriesNames.count) đường: " : ", \(seriesNames.count) series: ") + seriesNames.joined(separator: ", ") : ""
            return "\(kind) \(of)\(lines)."
        }()
        return Chart(kind: spec.kind, title: chartTitle, description: description, xLabels: xs.map(label), xAxisLabel: spec.x,
                     // A series named after a province keeps that province's colour and marker.
                     series: seriesNames.map { ChartSeries(name: $0, values: values[$0]!, styleSlot: si == nil ? nil : ProvinceStyle.slot(named: $0)) },
                     yAxis: ChartAxis(label: spec.y, inverted: inverted, domain: rankDomain,
                                      style: .number(places: wholeNumbers ? 0 : (NotebookRunner.columnPlaces(result, yi) ?? 2))),
                     language: language)
    }
}
