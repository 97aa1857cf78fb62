import ChiSoKit
@testable import ChiSoCore
@testable import ChiSoCSV
@testable import ChiSoIngest
@testable import ChiSoStore
@testable import ChiSoMetrics
@testable import ChiSoReport
@testable import ChiSoNotebook
@testable import ChiSoApp
import Foundation
import Testing

@Suite struct SVGChartRendererTests {
    func line(_ values: [Double?], inverted: Bool = false, domain: ClosedRange<Double>? = nil, names: [String] = ["A"]) -> Chart {
        Chart(
            kind: .line, title: "T", description: "D", xLabels: values.indices.map { "\(2010 + $0)" }, xAxisLabel: "Năm",
            series: names.map { ChartSeries(name: $0, values: values) },
            yAxis: ChartAxis(label: "Thứ hạng", inverted: inverted, domain: domain), language: .vi)
    }

    /// Subpaths of the first series line: each "M" starts a new piece.
    func pieces(_ svg: String) -> [String] {
        let d = MarkupChecks.attributeValues("d", of: "path", in: svg).first ?? ""
        return d.split(separator: "M").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func aGapBreaksTheLineAndDrawsNoPoint() {
        let svg = SVGChartRenderer.svg(for: line([10, 20, nil, 40, 50]))
        #expect(pieces(svg).count == 2)
        #expect(pieces(svg).allSatisfy { MarkupChecks.count("L", in: $0) == 1 })
        #expect(MarkupChecks.count("<circle ", in: svg) == 4)
    }

    @Test func anIsolatedPointKeepsItsMarker() {
        let svg = SVGChartRenderer.svg(for: line([nil, 5, nil, 7, 8, nil]))
        #expect(pieces(svg).count == 2)
        #expect(!pieces(svg)[0].contains("L"))
        #expect(MarkupChecks.count("<circle ", in: svg) == 3)
    }

    @Test func withoutGapsTheLineIsOnePiece() {
        let svg = SVGChartRenderer.svg(for: line([10, 20, 30]))
        #expect(pieces(svg).count == 1)
    }

    @Test func invertedAxisPutsRankOneOnTop() throws {
        let svg = SVGChartRenderer.svg(for: line([1, 63], inverted: true, domain: 1...63))
        let ys = MarkupChecks.attributeValues("cy", of: "circle", in: svg).compactMap(Double.init)
        try #require(ys.count == 2)
        #expect(ys[0] < ys[1])
        // The tick "1" is drawn above the tick "63", the last rank.
        #expect(svg.range(of: ">1</text>")!.lowerBound < svg.range(of: ">63</text>")!.lowerBound)
        let plain = SVGChartRenderer.svg(for: line([1, 63], inverted: false, domain: 1...63))
        let plainYs = MarkupChecks.attributeValues("cy", of: "circle", in: plain).compactMap(Double.init)
        #expect(plainYs[0] > plainYs[1])
    }

    @Test func rankAxisTicksRunFromOneToN() {
        // The last rank is a tick (63, not 60): the round tick next to it gives way.
        let scale = ChartScale(values: [21, 55], minimum: 1...63, includeZero: false, targetTickCount: 6)
        #expect(scale.ticks == [1, 10, 20, 30, 40, 50, 63])
        #expect(scale.lower == 1 && scale.upper == 63)
        let units = ChartScale(values: [3, 30], minimum: 1...34, includeZero: false, targetTickCount: 6)
        #expect(units.ticks.first == 1 && units.ticks.last == 34)
        let with2007 = ChartScale(values: [3, 30], minimum: 1...64, includeZero: false, targetTickCount: 6)
        #expect(with2007.ticks.last == 64 && !with2007.ticks.contains(60))
    }

    @Test func rankChartsHaveALegendWithTheirMarkers() {
        let bump = Chart(kind: .bump, title: "T", description: "D", xLabels: ["2020", "2021"], xAxisLabel: "Năm",
                         series: [ChartSeries(name: "Phú Yên", values: [40, 35]), ChartSeries(name: "Bình Định", values: [11, 21])],
                         yAxis: ChartAxis(label: "Hạng", inverted: true, domain: 1...63), language: .vi)
        let svg = SVGChartRenderer.svg(for: bump)
        #expect(svg.contains("class=\"legend\""))
        let legend = svg.components(separatedBy: "class=\"legend\"")[1].components(separatedBy: "</g>")[0]
        #expect(legend.contains(">Phú Yên</text>") && legend.contains(">Bình Định</text>"))
        #expect(legend.contains("<circle ") || legend.contains("<polygon ") || legend.contains("<rect "))
    }

    @Test func aProvinceKeepsItsStyleWhateverItsPositionInTheChart() {
        let registry = ProvinceRegistry.standard
        func style(_ id: String, among ids: [String]) -> SVGChartRenderer.SeriesStyle {
            let series = ids.map { ChartSeries(name: $0, values: [1], styleSlot: ProvinceStyle.slot($0, registry)) }
            let i = ids.firstIndex(of: id)!
            return SVGChartRenderer.SeriesStyle(series[i], position: i)
        }
        let alone = style("54", among: ["54"]), third = style("54", among: ["48", "52", "54"])
        #expect(alone.color == third.color && alone.marker == third.marker && alone.dash == third.dash)
        // The eight provinces of the South Central Coast get eight colours.
        let coast = ["48", "49", "51", "52", "54", "56", "58", "60"]
        #expect(Set(coast.map { style($0, among: coast).color }).count == 8)
        // No two provinces of the 63 share colour, marker and dash.
        let all = registry.provinces(validOn: Day(year: 2024, month: 12, day: 31)).map(\.id)
        let keys = all.map { id -> String in let s = style(id, among: [id]); return "\(s.color) \(s.marker) \(s.dash ?? "-")" }
        #expect(Set(keys).count == all.count)
        #expect(all.allSatisfy { ProvinceStyle.slot($0, registry) != nil })
    }

    @Test func ticksAreRoundSteps() {
        let scores = ChartScale(values: [51.23663, 64.17482], minimum: nil, includeZero: false, targetTickCount: 6)
        #expect(scores.ticks == [50, 52, 54, 56, 58, 60, 62, 64, 66])
        let changes = ChartScale(values: [-1.932277, 2.091169], minimum: nil, includeZero: true, targetTickCount: 5)
        #expect(changes.ticks == [-2, -1, 0, 1, 2, 3])
        let ratios = ChartScale(values: [0.05, 0.97], minimum: nil, includeZero: true, targetTickCount: 5)
        #expect(ratios.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(ratios.tickDecimals == 1)
        let flat = ChartScale(values: [5, 5], minimum: nil, includeZero: false, targetTickCount: 5)
        #expect(flat.lower < 5 && flat.upper > 5)
        let empty = ChartScale(values: [], minimum: nil, includeZero: false, targetTickCount: 5)
        #expect(empty.ticks.first == 0 && empty.ticks.last == 1)
    }

    @Test func aFixedDomainWidensToFitTheData() {
        let scale = ChartScale(values: [70], minimum: 1...63, includeZero: false, targetTickCount: 6)
        #expect(scale.upper == 70)
    }

    @Test func legendOnlyForSeveralSeries() {
        #expect(!SVGChartRenderer.svg(for: line([1, 2])).contains("class=\"legend\""))
        #expect(SVGChartRenderer.svg(for: line([1, 2], names: ["A", "B"])).contains("class=\"legend\""))
    }

    @Test func seriesDifferInColourDashAndMarker() {
        let svg = SVGChartRenderer.svg(for: line([1, 2, 3], names: ["A", "B", "C"]))
        let strokes = MarkupChecks.attributeValues("stroke", of: "path", in: svg)
        #expect(Set(strokes).count == 3)
        #expect(MarkupChecks.attributeValues("stroke-dasharray", of: "path", in: svg).count == 2)  // first is solid
        #expect(svg.contains("<circle ") && svg.contains("<rect x=") && svg.contains("<polygon "))
    }

    @Test func hostileTextIsEscapedEverywhere() {
        let evil = "\"><img src=x onerror=alert(1)><script>alert(1)</script>"
        for kind in [Chart.Kind.line, .bump, .bar] {
            let chart = Chart(
                kind: kind, title: evil, description: evil, xLabels: [evil, "2021"], xAxisLabel: evil,
                series: [ChartSeries(name: evil, values: [1, 2]), ChartSeries(name: "B & C", values: [2, nil])],
                yAxis: ChartAxis(label: evil), language: .en)
            let svg = SVGChartRenderer.svg(for: chart, id: "fig\"1")
            #expect(!svg.contains("<img"), "\(kind)")
            #expect(!svg.contains("<script"), "\(kind)")
            #expect(svg.contains("B &amp; C"), "\(kind)")
            #expect(MarkupChecks.xmlError(svg) == nil, "\(kind)")
        }
    }

    @Test func everySampleChartIsWellFormedXML() {
        for block in allCharts(SampleReport.document(.vi).blocks) {
            #expect(MarkupChecks.xmlError(SVGChartRenderer.svg(for: block, id: "c1")) == nil, "\(block.title)")
        }
    }

    @Test func coordinatesHaveAtMostOneDecimal() {
        for chart in allCharts(SampleReport.document(.en).blocks) {
            #expect(badCoordinates(SVGChartRenderer.svg(for: chart)) == [])
        }
    }

    /// Coordinates that are not plain numbers with at most one decimal.
    func badCoordinates(_ svg: String) -> [String] {
        var bad: [String] = []
        for attribute in ["x", "y", "cx", "cy", "r", "width", "height", "x1", "x2", "y1", "y2"] {
            for element in ["rect", "text", "circle", "line"] {
                for value in MarkupChecks.attributeValues(attribute, of: element, in: svg) where value != "100%" {
                    if value.wholeMatch(of: /-?\d+(\.\d)?/) == nil { bad.append("\(element) \(attribute)=\(value)") }
                }
            }
        }
        return bad
    }

    @Test func negativeBarsExtendLeftOfZero() throws {
        let chart = Chart(
            kind: .bar, title: "T", description: "D", xLabels: ["tăng", "giảm"], xAxisLabel: "X",
            series: [ChartSeries(name: "S", values: [2, -1.5])], yAxis: ChartAxis(label: "", style: .signed(places: 1)), language: .vi)
        let svg = SVGChartRenderer.svg(for: chart)
        let rects = MarkupChecks.attributeValues("x", of: "rect", in: svg).compactMap(Double.init)
        let widths = MarkupChecks.attributeValues("width", of: "rect", in: svg).compactMap(Double.init)
        // The white background has a width but no x.
        try #require(rects.count == 2 && widths.count == 3)
        let zero = rects[0]
        #expect(rects[1] + widths[2] <= zero + 0.1)
        #expect(rects[1] < zero - 10)
        #expect(svg.contains(">+2,0</text>") && svg.contains(">\u{2212}1,5</text>"))
    }

    @Test func titleAndDescriptionAreLinkedForScreenReaders() {
        let svg = SVGChartRenderer.svg(for: line([1]), id: "hinh-1")
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"hinh-1-title\" aria-describedby=\"hinh-1-desc\""))
        #expect(svg.contains("<title id=\"hinh-1-title\">T</title>"))
        #expect(svg.contains("<desc id=\"hinh-1-desc\">D</desc>"))
    }

    @Test func tiedEndLabelsFollowVietnameseOrder() throws {
        // Code-point order would put "Gia Lai" before "Đà Nẵng" (U+0110 sorts after "Z").
        let chart = Chart(
            kind: .bump, title: "T", description: "D", xLabels: ["2020", "2021"], xAxisLabel: "Năm",
            series: [ChartSeries(name: "Gia Lai", values: [3, 5]), ChartSeries(name: "Đà Nẵng", values: [1, 5])],
            yAxis: ChartAxis(label: "", inverted: true, domain: 1...63), language: .vi)
        let svg = SVGChartRenderer.svg(for: chart)
        func labelY(_ name: String) throws -> Double {
            let pattern = try Regex<(Substring, Substring)>("y=\"([0-9.]+)\"[^>]*>\(name) \\(5\\)</text>")
            return try #require(svg.firstMatch(of: pattern).flatMap { Double($0.output.1) })
        }
        #expect(try labelY("Đà Nẵng") < labelY("Gia Lai"))
    }

    @Test(arguments: [Chart.Kind.line, .bump, .bar])
    func degenerateChartsStillDraw(kind: Chart.Kind) {
        let cases: [([String], [ChartSeries])] = [
            ([], []),
            (["2021"], [ChartSeries(name: "A", values: [nil])]),
            (["2020", "2021"], [ChartSeries(name: "A", values: [5])]),  // fewer values than labels
            (["2021"], [ChartSeries(name: String(repeating: "Tên rất dài ", count: 20), values: [1, 2, 3])]),
            (["2019", "2020", "2021"], [ChartSeries(name: "A", values: [.nan, .infinity, 2])]),
            (["2020", "2021"], [ChartSeries(name: "A", values: [-1e300, 1e300])]),
        ]
        for (labels, series) in cases {
            let chart = Chart(kind: kind, title: "T", description: "D", xLabels: labels, xAxisLabel: "X",
                              series: series, yAxis: ChartAxis(label: "Y"), language: .vi)
            for width in [SVGChartRenderer.standardWidth, SVGChartRenderer.narrowWidth] {
                let svg = SVGChartRenderer.svg(for: chart, width: width)
                #expect(MarkupChecks.xmlError(svg) == nil)
                #expect(badCoordinates(svg) == [])
            }
        }
    }

    func allCharts(_ blocks: [ReportBlock]) -> [Chart] {
        blocks.flatMap { block -> [Chart] in
            switch block {
            case .chart(let chart): return [chart]
            case .section(_, _, let inner): return allCharts(inner)
            default: return []
            }
        }
    }
}
