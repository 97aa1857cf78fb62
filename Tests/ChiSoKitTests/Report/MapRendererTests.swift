import ChiSoKit
@testable import ChiSoCore
@testable import ChiSoReport
@testable import ChiSoMetrics
import Foundation
import Testing

@Suite struct MapRendererTests {
    func rankMap(_ units: MapUnitSet, ranked: Int? = nil, highlighted: [String] = []) -> ChoroplethMap {
        let ids = ProvinceRegistry.standard.provinces(validOn: units == .provinces63 ? Day(year: 2021, month: 1, day: 1) : Day(year: 2025, month: 7, day: 1)).map(\.id)
        let shown = ids.prefix(ranked ?? ids.count)
        var values: [String: MapValue] = [:]
        for (i, id) in shown.enumerated() {
            values[id] = MapValue(classIndex: ChoroplethMap.rankClass(i + 1, of: ids.count), text: "hạng \(i + 1)/\(ids.count) <&>")
        }
        return ChoroplethMap(title: "PCI 2021 <map>", description: "Thứ hạng", units: units,
                             classes: ChoroplethMap.rankClasses(of: ids.count, language: .vi), values: values,
                             highlighted: highlighted, language: .vi)
    }

    @Test(arguments: [(MapUnitSet.provinces63, 63), (.units2025, 34)])
    func oneShapePerUnitOfTheSet(units: MapUnitSet, count: Int) {
        let valid = ProvinceRegistry.standard.provinces(validOn: units == .provinces63 ? Day(year: 2021, month: 1, day: 1) : Day(year: 2025, month: 7, day: 1))
        let expected = Set(valid.map(\.id).filter { $0 != "HT" })
        #expect(expected.count == count)
        let svg = MapRenderer.svg(for: rankMap(units), id: "m")
        let drawn = MarkupChecks.attributeValues("data-province", of: "path", in: svg)
        #expect(drawn.count == count)
        #expect(Set(drawn) == expected)
        #expect(MarkupChecks.xmlError(svg) == nil)
    }

    @Test(arguments: MapUnitSet.allCases)
    func mapCostsAtMostSixtyKilobytesAndIsDeterministic(units: MapUnitSet) {
        let a = MapRenderer.svg(for: rankMap(units, highlighted: [units == .provinces63 ? "54" : "2025-66"]), id: "m", standalone: true)
        let b = MapRenderer.svg(for: rankMap(units, highlighted: [units == .provinces63 ? "54" : "2025-66"]), id: "m", standalone: true)
        #expect(a == b)
        #expect(a.utf8.count <= 60_000, "map is \(a.utf8.count) bytes")
        var document = ReportDocument(title: "T", language: .vi, blocks: [.map(rankMap(units))], footer: ReportFooter(sources: [], attribution: ""))
        document.subtitle = nil
        let page = HTMLRenderer().render(document)
        #expect(page.utf8.count - HTMLRenderer().render(ReportDocument(title: "T", language: .vi, blocks: [], footer: ReportFooter(sources: [], attribution: ""))).utf8.count <= 60_000)
    }

    @Test func titlesNameEveryProvinceWithItsValueEscapedAndNoDataIsHatchedAndSaid() {
        let map = rankMap(.provinces63, ranked: 60)
        let svg = MapRenderer.svg(for: map, id: "m", standalone: true)
        #expect(svg.contains("<title>Hà Nội: hạng 1/63 &lt;&amp;&gt;</title>"))
        #expect(!svg.contains("<&>"))
        #expect(svg.contains("PCI 2021 &lt;map&gt;"))
        #expect(map.unitsWithoutData.count == 3)
        #expect(MarkupChecks.count("fill=\"url(#m-nodata)\"", in: svg) == 3 + 1)  // three units and the legend swatch
        #expect(svg.contains("Không có số liệu"))
        #expect(MapRenderer.htmlLegend(for: map).contains("Không có số liệu <span class=\"count\">(3)</span>"))
    }

    @Test func archipelagosAreDrawnAndLabelledAsVietnams() {
        for units in MapUnitSet.allCases {
            let geometry = MapGeometry.of(units)
            #expect(geometry.groups["hoang-sa"] != nil && geometry.groups["truong-sa"] != nil)
            let svg = MapRenderer.svg(for: rankMap(units), id: "m")
            #expect(svg.contains("Quần đảo Hoàng Sa") && svg.contains("Quần đảo Trường Sa"))
            // The islets lie inside their boxes and belong to Đà Nẵng and Khánh Hòa.
            let daNang = geometry.shapes.first { $0.provinceID == units.provinceID(code: "48") }!
            let khanhHoa = geometry.shapes.first { $0.provinceID == units.provinceID(code: "56") }!
            #expect(daNang.path.split(separator: "M").count > 3)
            #expect(khanhHoa.path.split(separator: "M").count > 3)
        }
    }

    @Test func rankClassesSplitTheRanksIntoFifthsBestFirst() {
        #expect(ChoroplethMap.rankClasses(of: 63, language: .vi).map(\.label) == ["Hạng 1–13", "Hạng 14–26", "Hạng 27–38", "Hạng 39–51", "Hạng 52–63"])
        #expect(ChoroplethMap.rankClass(1, of: 63) == 0)
        #expect(ChoroplethMap.rankClass(13, of: 63) == 0)
        #expect(ChoroplethMap.rankClass(14, of: 63) == 1)
        #expect(ChoroplethMap.rankClass(63, of: 63) == 4)
        #expect(ChoroplethMap.rankClasses(of: 34, language: .en).first?.label == "Ranks 1–7")
    }

    @Test func pciTiersAreReadFromTheNotesInBothLanguages() {
        #expect(IndexMaps.tier("tier: Rất tốt") == 0)
        #expect(IndexMaps.tier("tier: Tốt, score: SRC_LT:row11; rank: WEB_PCI21") == 1)
        #expect(IndexMaps.tier("tier: Very low") == 5)
        #expect(IndexMaps.tier("tier: Mid-high") == 2)
        #expect(IndexMaps.tier("score: x") == nil)
        #expect(IndexMaps.tier(nil) == nil)
    }

    @Test func anEditionWithTiersForEveryUnitIsColouredByTierElseByRankFifths() {
        let ids = ["01", "54", "79"]
        func history(notes: [String?]) -> IndexHistory {
            let entries = ids.indices.map { i in
                RankingEntry(index: "PCI", year: 2013, provinceID: ids[i], score: 60 - Double(i), rank: i + 1, rankComputed: false, of: 3,
                             note: notes[i], citation: nil, sourceFile: "f.csv", sourceLine: i + 2)
            }
            return IndexHistory(index: "PCI", entries: entries, editions: [EditionSummary(index: "PCI", year: 2013, of: 3, present: 3, scored: 3, ranksPublished: 3)])
        }
        let tiered = IndexMaps.editionMap(index: "PCI", year: 2013, calculator: history(notes: ["tier: Excellent", "tier: Mid-low", "tier: Very low"]).calculator(),
                                          language: .vi, registry: .standard)!
        #expect(tiered.classes.map(\.label) == IndexMaps.pciTiers)
        #expect(tiered.values["54"]?.classIndex == 3)
        #expect(tiered.values["54"]?.text.hasSuffix("(Trung bình)") == true)
        let partial = IndexMaps.editionMap(index: "PCI", year: 2013, calculator: history(notes: ["tier: Excellent", nil, "tier: Very low"]).calculator(),
                                           language: .vi, registry: .standard)!
        #expect(partial.classes.first?.label == "Hạng 1")
    }
}

@Suite struct ChartPaletteTests {
    /// WCAG relative luminance of "#RRGGBB".
    static func luminance(_ hex: String) -> Double {
        let v = Int(hex.dropFirst(), radix: 16)!
        let channels = [(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF].map { c -> Double in
            let x = Double(c) / 255
            return x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }

    @Test func everySeriesColourHasAContrastOfAtLeastThreeToOneOnWhite() {
        #expect(SVGChartRenderer.palette.count == 8)
        for colour in SVGChartRenderer.palette {
            let contrast = 1.05 / (Self.luminance(colour) + 0.05)
            #expect(contrast >= 3, "\(colour): \(contrast)")
        }
    }
}
