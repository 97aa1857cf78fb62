import ChiSoCore
import ChiSoMetrics
import ChiSoReport
import ChiSoStore
import Foundation

/// The pages of the dashboard `chiso build` makes besides the standard reports: a landing page, a
/// page per province (the 63 provinces and the 34 units of 2025), per edition and per region, each in
/// Vietnamese (`name.html`) and English (`name.en.html`), linked by breadcrumbs.
///
/// The store is read once: every index's history, then per province only its components and
/// procedures; the report builders do the rest from values.
package struct Dashboard {
    /// Which pages to make (chiso.yml `dashboard:`).
    package enum Page: String, CaseIterable, Sendable {
        case landing, provinces, editions, regions
    }

    package let pages: Set<Page>
    package let store: ChiSoStore
    package let registry: ProvinceRegistry
    package let histories: [IndexHistory]
    package let sources: [SourceRecord]
    /// Registry id → page slug, for the 63 provinces and the 34 units.
    package let slugs: [String: String]
    package let units: [Province]
    /// Every province's components, by index and year: the national median and best province that
    /// each province page sets its components against.
    package let componentsByYear: [String: [Int: [ComponentValue]]]

    private static let before2025 = Day(year: 2025, month: 6, day: 30)
    private static let from2025 = Day(year: 2025, month: 7, day: 1)

    package init(store: ChiSoStore, pages: Set<Page>, registry: ProvinceRegistry = .standard) throws {
        self.pages = pages
        self.store = store
        self.registry = registry
        let codes = IndexCatalog.sorted(try store.fetchIndexes())
        histories = try codes.map { code in
            IndexHistory(index: code, entries: try store.fetchEntries(index: code), editions: try store.fetchEditions(index: code))
        }
        sources = try store.fetchSources()
        var componentsByYear: [String: [Int: [ComponentValue]]] = [:]
        for code in codes { componentsByYear[code] = Dictionary(grouping: try store.fetchComponents(index: code), by: \.year) }
        self.componentsByYear = componentsByYear
        units = registry.provinces(validOn: Self.before2025) + registry.provinces(validOn: Self.from2025)
        slugs = Self.slugs(for: units)
    }

    /// A slug per unit: its name's ("phu-yen"); a 2025 unit sharing a name with an older province
    /// gets "-2025" ("ha-noi" is the province of 1 January 2025, "ha-noi-2025" the unit from 1 July).
    package static func slugs(for units: [Province]) -> [String: String] {
        var slugs: [String: String] = [:]
        var taken: Set<String> = []
        for unit in units {
            var slug = Slug.make(from: unit.name)
            if taken.contains(slug) { slug += unit.id.hasPrefix("2025-") ? "-2025" : "-\(unit.id.lowercased())" }
            taken.insert(slug)
            slugs[unit.id] = slug
        }
        return slugs
    }

    /// Every page as (path without extension, document); links between them end in ".html".
    /// `reports` are the site's other pages (title and path without extension) for the landing page.
    package func documents(reports: [(group: String, title: String, href: String)]) throws -> [(name: String, document: ReportDocument)] {
        var out: [(name: String, document: ReportDocument)] = []
        if pages.contains(.landing) { out += Language.allCases.map { (pageName("index", $0), landing($0, reports: reports)) } }
        if pages.contains(.provinces) {
            for unit in units { out += try provincePages(unit) }
        }
        for language in Language.allCases {
            if pages.contains(.editions) {
                for history in histories {
                    for year in history.years { out.append((pageName(editionName(history.index, year), language), editionPage(history, year, language))) }
                }
            }
            if pages.contains(.regions) {
                for region in Region.allCases { out.append((pageName("regions/" + region.rawValue, language), regionPage(region, language))) }
            }
        }
        return out
    }

    // MARK: Names and links

    package func pageName(_ base: String, _ language: Language) -> String { language == .vi ? base : base + ".en" }
    package func editionName(_ index: String, _ year: Int) -> String { "editions/\(index.lowercased())-\(year)" }

    /// The href from page `from` to page `to` (both paths without extension).
    package static func href(from: String, to: String) -> String {
        String(repeating: "../", count: from.filter { $0 == "/" }.count) + to + ".html"
    }

    package func t(_ language: Language, _ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    /// Breadcrumbs: home › crumbs… · the other language.
    package func navigation(_ name: String, _ language: Language, crumbs: [(String, String)]) -> [ReportBlock.Inline] {
        var runs: [ReportBlock.Inline] = []
        let home = pageName("index", language)
        if name != home { runs.append(.link(text: t(language, "Trang chủ", "Home"), url: Self.href(from: name, to: home))) }
        for (text, target) in crumbs {
            if !runs.isEmpty { runs.append(.text(" › ")) }
            runs.append(.link(text: text, url: Self.href(from: name, to: target)))
        }
        let base = language == .vi ? name : String(name.dropLast(3))
        let other: Language = language == .vi ? .en : .vi
        if !runs.isEmpty { runs.append(.text(" · ")) }
        runs.append(.link(text: language == .vi ? "English" : "Tiếng Việt", url: Self.href(from: name, to: pageName(base, other))))
        return runs
    }

    package func provinceLink(_ id: String, from name: String, _ language: Language) -> ReportBlock.Inline {
        let text = Phrase.provinceName(id, registry)
        guard let slug = slugs[id], pages.contains(.provinces) else { return .text(text) }
        return .link(text: text, url: Self.href(from: name, to: pageName("provinces/" + slug, language)))
    }

    /// Inline runs joined by `separator`.
    package func joined(_ items: [[ReportBlock.Inline]], _ separator: String = " · ") -> [ReportBlock.Inline] {
        var runs: [ReportBlock.Inline] = []
        for (i, item) in items.enumerated() {
            if i > 0 { runs.append(.text(separator)) }
            runs += item
        }
        return runs
    }

    package func footer(_ language: Language) -> ReportFooter {
        ReportFooter(sources: [], attribution: t(language,
            "Số liệu: xem datasets/SOURCES.md (PCI: VCCI và USAID; PAPI: UNDP và đối tác; DTI: Bộ Thông tin và Truyền thông). Trang do ChiSo dựng bằng lệnh chiso build.",
            "Data: see datasets/SOURCES.md (PCI: VCCI and USAID; PAPI: UNDP and partners; DTI: Ministry of Information and Communications). Pages made by ChiSo (the chiso build command)."))
    }
}
