import ChiSoKit
@testable import ChiSoCore
@testable import ChiSoStore
@testable import ChiSoReport
@testable import ChiSoApp
import Foundation
import Testing

/// The whole dashboard, built in memory from the bundled datasets.
@Suite(.serialized) struct DashboardTests {
    static let site: [SiteFile] = build()

    static func build() -> [SiteFile] {
        let store = try! ChiSoStore(path: nil)
        _ = try! BundledDatabase.load(into: store, timestamp: "2026-11-25T00:00:00Z")
        var config = try! SiteConfig.parse("formats: [html]\nsource_date: 2026-11-25\n", path: "chiso.yml")
        config.dashboard = ["landing", "provinces", "editions", "regions"]
        return try! SiteBuilder(config: config, store: store).build(notebooks: [])
    }

    @Test func everyProvinceAndUnitHasAPageInBothLanguages() {
        let paths = Set(Self.site.map(\.path))
        let provincePages = paths.filter { $0.hasPrefix("provinces/") && !$0.hasSuffix(".en.html") }
        #expect(provincePages.count == 63 + 34)
        #expect(paths.filter { $0.hasPrefix("provinces/") && $0.hasSuffix(".en.html") }.count == 63 + 34)
        #expect(paths.contains("provinces/phu-yen.html") && paths.contains("provinces/phu-yen.en.html"))
        // Hà Nội the province and Hà Nội the 2025 unit share a name, not a page.
        #expect(paths.contains("provinces/ha-noi.html") && paths.contains("provinces/ha-noi-2025.html"))
        #expect(paths.contains("editions/pci-2021.html") && paths.contains("editions/pci-2021.en.html"))
        #expect(paths.contains("regions/mekong-delta.html"))
        #expect(paths.contains("index.html") && paths.contains("index.en.html"))
    }

    @Test func everyPageParsesAndEveryLinkResolves() {
        let paths = Set(Self.site.map(\.path))
        var dangling: [String] = []
        for file in Self.site where file.path.hasSuffix(".html") {
            #expect(MarkupChecks.htmlNestingProblem(file.text) == nil, "\(file.path)")
            #expect(!file.text.contains("<script"), "\(file.path)")
            let folder = (file.path as NSString).deletingLastPathComponent
            for href in MarkupChecks.attributeValues("href", of: "a", in: file.text) where !href.hasPrefix("http") && !href.hasPrefix("#") && !href.hasPrefix("mailto:") {
                var parts: [Substring] = folder.isEmpty ? [] : folder.split(separator: "/")
                for part in href.prefix(while: { $0 != "#" }).split(separator: "/") {
                    if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
                }
                if !paths.contains(parts.joined(separator: "/")) { dangling.append("\(file.path) -> \(href)") }
            }
        }
        let firstDangling = Array(dangling.prefix(10))
        #expect(firstDangling.isEmpty)
    }

    @Test func mapsHaveOneShapePerUnitAndStayUnderTheBound() {
        let landing = Self.site.first { $0.path == "index.html" }!.text
        #expect(landing.contains("data-province=\"54\""))
        let page = Self.site.first { $0.path == "provinces/phu-yen.html" }!.text
        let shapes = MarkupChecks.attributeValues("data-province", of: "path", in: page)
        #expect(shapes.count == 63)
        // A 2025 unit's page maps the 34 units.
        let unit = Self.site.first { $0.path == "provinces/dak-lak-2025.html" }!.text
        #expect(MarkupChecks.attributeValues("data-province", of: "path", in: unit).count == 34)
        var maps = 0
        for file in Self.site where file.path.hasSuffix(".html") {
            for svg in file.text.components(separatedBy: "<svg ").dropFirst() {
                let body = svg.components(separatedBy: "</svg>")[0]
                guard body.prefix(while: { $0 != ">" }).contains("class=\"choropleth\"") else { continue }
                maps += 1
                // One shape per unit of its set, each unit once; each map's SVG under 60 KB.
                let ids = MarkupChecks.attributeValues("data-province", of: "path", in: body)
                #expect(ids.count == 63 || ids.count == 34, "\(file.path): \(ids.count) shapes")
                #expect(Set(ids).count == ids.count, "\(file.path): a unit drawn twice")
                #expect(body.utf8.count < 60_000, "\(file.path): \(body.utf8.count) bytes")
            }
        }
        #expect(maps > 250)
    }

    @Test func twoBuildsAreByteIdentical() {
        let again = Self.build()
        #expect(again.map(\.path) == Self.site.map(\.path))
        #expect(again == Self.site)
    }
}
