import ChiSoCore
import ChiSoMetrics

/// A chart described by its data; `SVGChartRenderer` draws it.
public struct Chart: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// Values over time, one line per series.
        case line
        /// Ranks over time for several provinces: inverted axis, names at the line ends.
        case bump
        /// Horizontal bars, one row per x label (grouped when there are several series);
        /// negative values extend left of zero.
        case bar
    }

    public var kind: Kind
    public var title: String
    /// The text alternative: what the chart shows and its main message, in a sentence or two.
    public var description: String
    /// Categories along the x axis (years), or the row labels of a bar chart.
    public var xLabels: [String]
    /// What the x labels are ("Năm", "Chỉ số thành phần"); heads the first column of a bar chart's
    /// data table.
    public var xAxisLabel: String
    public var series: [ChartSeries]
    /// The value axis (vertical for line and bump charts, horizontal for bar charts).
    public var yAxis: ChartAxis
    /// Language of the tick labels and value labels.
    public var language: Language

    public init(
        kind: Kind, title: String, description: String, xLabels: [String], xAxisLabel: String,
        series: [ChartSeries], yAxis: ChartAxis, language: Language
    ) {
        self.kind = kind
        self.title = title
        self.description = description
        self.xLabels = xLabels
        self.xAxisLabel = xAxisLabel
        self.series = series
        self.yAxis = yAxis
        self.language = language
    }
}

/// One named line or set of bars.
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    /// One value per x label; `nil` is a gap (no point, the line breaks).
    public var values: [Double?]
    /// Drawn thicker, the others lighter: the province the report is about.
    public var emphasized: Bool

    /// Positions (x label indices) where the line starts anew without joining the point before:
    /// a methodology break between two editions makes their scores incomparable.
    public var breaksBefore: Set<Int>

    /// The colour, marker and dash slot (`ProvinceStyle.slot`): a province's series is drawn the same
    /// way on every page and notebook. `nil`: the series' position in the chart.
    public var styleSlot: Int?

    public init(name: String, values: [Double?], emphasized: Bool = false, breaksBefore: Set<Int> = [], styleSlot: Int? = nil) {
        self.name = name
        self.values = values
        self.emphasized = emphasized
        self.breaksBefore = breaksBefore
        self.styleSlot = styleSlot
    }
}

/// The value axis of a chart.
public struct ChartAxis: Sendable, Equatable {
    /// "Điểm PCI", "Thứ hạng (1 = cao nhất)".
    public var label: String
    /// Small values at the top, for ranks (1 is best).
    public var inverted: Bool
    /// The least range to show, e.g. `1...63` for ranks; widened if a value falls outside.
    /// `nil`: a range with round ends around the data (including 0 for bar charts).
    public var domain: ClosedRange<Double>?
    public var style: ChartValueStyle

    public init(label: String, inverted: Bool = false, domain: ClosedRange<Double>? = nil, style: ChartValueStyle = .number(places: 0)) {
        self.label = label
        self.inverted = inverted
        self.domain = domain
        self.style = style
    }
}

/// How a chart's values are written in value labels and its data table.
public enum ChartValueStyle: Sendable, Equatable {
    /// Plain numbers with a fixed number of decimals.
    case number(places: Int)
    /// Values are ratios, written as percentages ("22,3%").
    case percent(places: Int)
    /// Changes with an explicit sign ("+1,33", "−0,65").
    case signed(places: Int)

    /// `value` written in `lang`.
    public func format(_ value: Double, _ lang: Language) -> String {
        switch self {
        case .number(let places): return NumberFormat.decimal(value, places: places, lang)
        case .percent(let places): return NumberFormat.percent(ratio: value, places: places, lang)
        case .signed(let places): return NumberFormat.signed(value, places: places, lang)
        }
    }
}

extension ChartValueStyle {
    /// An axis tick: as many decimals as the tick step needs (`decimals`), not the style's own.
    package func tickLabel(_ value: Double, decimals: Int, _ lang: Language) -> String {
        switch self {
        case .number: return NumberFormat.decimal(value, places: decimals, lang)
        case .percent: return NumberFormat.percent(ratio: value, places: max(0, decimals - 2), lang)
        case .signed: return NumberFormat.signed(value, places: decimals, lang)
        }
    }
}

extension Chart {
    /// The chart's numbers as a table, shown next to the chart so every value can be read exactly;
    /// gaps are "—".
    ///
    /// Line and bump charts give one row per series and one column per x label (a time series reads
    /// left to right and the table stays short); bar charts give one row per x label and one column
    /// per series (their labels are long names).
    public func dataTable(caption: String) -> ReportTable {
        func value(_ s: ChartSeries, _ i: Int) -> ReportTable.Cell {
            let v = i < s.values.count ? s.values[i] : nil
            return ReportTable.Cell(v.map { yAxis.style.format($0, language) } ?? NumberFormat.missing)
        }
        switch kind {
        case .line, .bump:
            let columns = [ReportTable.Column(yAxis.label)] + xLabels.map { ReportTable.Column($0, alignment: .trailing) }
            let rows = series.map { s in [ReportTable.Cell(s.name)] + xLabels.indices.map { value(s, $0) } }
            return ReportTable(caption: caption, columns: columns, rows: rows)
        case .bar:
            let columns = [ReportTable.Column(xAxisLabel)] + series.map { ReportTable.Column($0.name, alignment: .trailing) }
            let rows = xLabels.indices.map { i in [ReportTable.Cell(xLabels[i])] + series.map { value($0, i) } }
            return ReportTable(caption: caption, columns: columns, rows: rows)
        }
    }
}
