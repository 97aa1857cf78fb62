import ChiSoCore
import ChiSoMetrics
import ChiSoReport
import ChiSoStore
import Foundation

extension Dashboard {
    // MARK: Province pages

    /// The year the province page reports on: the one with figures in the most indexes, the latest
    /// of those; `nil` when no edition ranks the unit.
    package func reportYear(_ id: String) -> Int? {
        var counts: [Int: Int] = [:]
        for history in histories {
            for year in Set(history.entries.filter { $0.provinceID == id }.map(\.year)) { counts[year, default: 0] += 1 }
        }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }?.key
    }

    /// Both languages of one unit's page: the province report of its richest year, led by links to its
    /// region, its predecessors or successors, and every edition that ranks it.
    package func provincePages(_ unit: Province) throws -> [(name: String, document: ReportDocument)] {
        let year = reportYear(unit.id)
        var withComponents = histories
        var procedures: ProcedureSummary?
        if let year {
            for i in withComponents.indices {
                let index = withComponents[i].index
                let others = (componentsByYear[index]?[year] ?? []).filter { $0.provinceID != unit.id }
                withComponents[i].components = try store.fetchComponents(index: index, provinceIDs: [unit.id]) + others
            }
            procedures = ProcedureSummary.make(
                provinceID: unit.id, year: year,
                provinceRollups: try store.fetchRollups(grain: .province, provinceID: unit.id, years: (year - 1)...year),
                unitRollups: try store.fetchRollups(grain: .unit, provinceID: unit.id, years: year...year))
        }
        return Language.allCases.map { language in
            let name = pageName("provinces/" + slugs[unit.id]!, language)
            var document: ReportDocument
            if let year {
                document = ProvinceReport.make(provinceID: unit.id, year: year, indexes: withComponents, sources: sources,
                                               procedures: procedures, language: language, registry: registry)
            } else {
                document = ReportDocument(
                    title: unit.name, language: language,
                    subtitle: t(language, "Đơn vị hành chính cấp tỉnh từ ngày \(unit.validFrom.map { "\($0.day)/\($0.month)/\($0.year)" } ?? "")",
                                "Province-level unit from \(unit.validFrom?.description ?? "")"),
                    blocks: [.paragraph([.text(t(language, "Kho dữ liệu chưa có kỳ xếp hạng nào của \(unit.name).", "No edition in the store ranks \(unit.name) yet."))])],
                    footer: footer(language))
                if let map = locatorMap(unit, language) { document.blocks.append(.map(map)) }
            }
            document.blocks.insert(contentsOf: related(unit, from: name, language), at: 0)
            var crumbs: [(String, String)] = []
            if pages.contains(.regions) { crumbs.append((Phrase.regionName(unit.region, language), pageName("regions/" + unit.region.rawValue, language))) }
            document.navigation = navigation(name, language, crumbs: crumbs)
            return (name, document)
        }
    }

    /// Where the unit stands: its region, the units it came from or went into, and its editions.
    private func related(_ unit: Province, from name: String, _ language: Language) -> [ReportBlock] {
        var items: [[ReportBlock.Inline]] = []
        var regionRun: [ReportBlock.Inline] = [.strong(t(language, "Vùng: ", "Region: "))]
        regionRun.append(pages.contains(.regions)
            ? .link(text: Phrase.regionName(unit.region, language), url: Self.href(from: name, to: pageName("regions/" + unit.region.rawValue, language)))
            : .text(Phrase.regionName(unit.region, language)))
        items.append(regionRun)
        let predecessors = unit.predecessorIDs.filter { slugs[$0] != nil }
        if !predecessors.isEmpty, unit.id.hasPrefix("2025-") {
            items.append([.strong(t(language, "Hợp nhất từ ngày 1/7/2025: ", "Merged on 1 July 2025 from: "))]
                         + joined(predecessors.map { [provinceLink($0, from: name, language)] }, ", "))
        }
        let successors = unit.successorIDs.filter { slugs[$0] != nil }
        if !successors.isEmpty {
            items.append([.strong(t(language, "Từ ngày 1/7/2025 thuộc: ", "From 1 July 2025 part of: "))]
                         + joined(successors.map { [provinceLink($0, from: name, language)] }, ", "))
        }
        for history in histories {
            let years = history.entries.filter { $0.provinceID == unit.id }.map(\.year).sorted()
            guard !years.isEmpty else { continue }
            let links: [[ReportBlock.Inline]] = years.map { y in
                pages.contains(.editions) ? [.link(text: String(y), url: Self.href(from: name, to: pageName(editionName(history.index, y), language)))] : [.text(String(y))]
            }
            items.append([.strong(t(language, "Các kỳ \(history.index): ", "\(history.index) editions: "))] + joined(links, " · "))
        }
        return [.list(items)]
    }

    /// The unit, its region and the rest of the country, for a unit no edition ranks.
    private func locatorMap(_ unit: Province, _ language: Language) -> ChoroplethMap? {
        let set: MapUnitSet = unit.id.hasPrefix("2025-") ? .units2025 : .provinces63
        let classes = [MapClass(label: unit.name, color: MapPalette.sequential5[4]),
                       MapClass(label: t(language, "Cùng vùng", "Same region"), color: MapPalette.sequential5[1]),
                       MapClass(label: t(language, "Các tỉnh khác", "Other provinces"), color: "#f0f0f0")]
        var values: [String: MapValue] = [:]
        for id in units.map(\.id) where set == (id.hasPrefix("2025-") ? .units2025 : .provinces63) {
            let same = registry.province(id: id)?.region == unit.region
            values[id] = MapValue(classIndex: id == unit.id ? 0 : same ? 1 : 2, text: "")
        }
        return ChoroplethMap(title: t(language, "\(unit.name) trên bản đồ", "\(unit.name) on the map"),
                             description: t(language, "Vị trí của \(unit.name) và các tỉnh cùng vùng.", "Where \(unit.name) lies, and its region."),
                             units: set, classes: classes, values: values, highlighted: [unit.id], language: language)
    }

    // MARK: Edition pages

    package func editionPage(_ history: IndexHistory, _ year: Int, _ language: Language) -> ReportDocument {
        let name = pageName(editionName(history.index, year), language)
        var document = IndexReport.make(history: history, year: year, sources: sources, language: language, registry: registry)
        var neighbours: [[ReportBlock.Inline]] = []
        let years = history.years
        if let i = years.firstIndex(of: year) {
            if i > 0 {
                neighbours.append([.text(t(language, "Kỳ trước: ", "Previous: ")),
                                   .link(text: "\(history.index) \(years[i - 1])", url: Self.href(from: name, to: pageName(editionName(history.index, years[i - 1]), language)))])
            }
            if i + 1 < years.count {
                neighbours.append([.text(t(language, "Kỳ sau: ", "Next: ")),
                                   .link(text: "\(history.index) \(years[i + 1])", url: Self.href(from: name, to: pageName(editionName(history.index, years[i + 1]), language)))])
            }
        }
        if !neighbours.isEmpty { document.blocks.insert(.paragraph(joined(neighbours)), at: 0) }
        if pages.contains(.provinces) {
            let ranked = history.calculator(registry: registry).changes(year: year).filter { slugs[$0.provinceID] != nil }
            if !ranked.isEmpty {
                let links = ranked.map { c in [provinceLink(c.provinceID, from: name, language)] + [.text(c.rank.map { " (\($0))" } ?? "")] }
                document.blocks.append(.section(title: t(language, "Trang của từng tỉnh", "Province pages"), anchor: "province-pages",
                                                blocks: [.paragraph(joined(links))]))
            }
        }
        document.navigation = navigation(name, language, crumbs: [])
        return document
    }

    // MARK: Region pages

    /// The latest edition of `history` that ranks at least half its units.
    package func mapYear(_ history: IndexHistory) -> Int? {
        history.editions.filter { $0.present * 2 >= $0.of }.map(\.year).max()
    }

    package func regionPage(_ region: Region, _ language: Language) -> ReportDocument {
        let name = pageName("regions/" + region.rawValue, language)
        let members = units.filter { $0.region == region }
        var blocks: [ReportBlock] = []
        var columns = [ReportTable.Column(t(language, "Tỉnh, thành phố", "Province"))]
        var latest: [(IndexHistory, Int)] = []
        for history in histories {
            guard let year = mapYear(history) else { continue }
            latest.append((history, year))
            columns.append(ReportTable.Column("\(history.index) \(year)", alignment: .trailing))
        }
        let calculators = latest.map { ($0.0.calculator(registry: registry), $0.1) }
        let old = members.filter { !$0.id.hasPrefix("2025-") }
        let rows: [[ReportTable.Cell]] = old.map { unit in
            [ReportTable.Cell(unit.name)] + calculators.map { calculator, year in
                ReportTable.Cell(calculator.entry(provinceID: unit.id, year: year)?.rank.map { "\($0)" } ?? NumberFormat.missing)
            }
        }
        blocks.append(.paragraph([.text(t(language,
            "Vùng \(Phrase.regionName(region, language)) gồm \(old.count) tỉnh, thành phố đến ngày 30/6/2025 và \(members.count - old.count) đơn vị từ ngày 1/7/2025.",
            "The \(Phrase.regionName(region, language)) region held \(old.count) provinces until 30 June 2025 and \(members.count - old.count) units from 1 July 2025."))]))
        if let (history, year) = latest.first,
           let map = IndexMaps.editionMap(index: history.index, year: year, calculator: history.calculator(registry: registry),
                                       language: language, registry: registry, outlined: old.map(\.id),
                                       outlineLabel: t(language, "Các tỉnh trong vùng", "The region's provinces"),
                                       title: t(language, "\(history.index) \(year): vùng \(Phrase.regionName(region, language)) trên bản đồ", "\(history.index) \(year): the \(Phrase.regionName(region, language)) region on the map")) {
            blocks.append(.map(map))
        }
        blocks.append(.table(ReportTable(caption: t(language, "Thứ hạng mới nhất của các tỉnh trong vùng", "Latest ranks of the region's provinces"), columns: columns, rows: rows)))
        blocks.append(.paragraph([.strong(t(language, "Các tỉnh đến 30/6/2025: ", "Provinces until 30 June 2025: "))] + joined(old.map { [provinceLink($0.id, from: name, language)] })))
        let new = members.filter { $0.id.hasPrefix("2025-") }
        if !new.isEmpty {
            blocks.append(.paragraph([.strong(t(language, "Các đơn vị từ 1/7/2025: ", "Units from 1 July 2025: "))] + joined(new.map { [provinceLink($0.id, from: name, language)] })))
        }
        var document = ReportDocument(title: t(language, "Vùng \(Phrase.regionName(region, language))", "\(Phrase.regionName(region, language)) region"),
                                      language: language, subtitle: t(language, "Các chỉ số cấp tỉnh theo vùng", "Provincial indices by region"),
                                      blocks: blocks, footer: footer(language))
        document.navigation = navigation(name, language, crumbs: [])
        return document
    }

    // MARK: Landing page

    package func landing(_ language: Language, reports: [(group: String, title: String, href: String)]) -> ReportDocument {
        let name = pageName("index", language)
        // Plain words: a paragraph is text, so no Markdown backticks.
        var blocks: [ReportBlock] = [.paragraph([
            .text(t(language, "Thứ hạng và điểm số của các tỉnh, thành phố Việt Nam trong các chỉ số PCI, PAPI và DTI qua mọi kỳ công bố, dựng lại bằng lệnh ",
                    "The ranks and scores of Vietnam's provinces in the PCI, PAPI and DTI over every edition, rebuilt by ")),
            .emphasis("chiso build"),
            .text(t(language, " từ dữ liệu trong thư mục datasets; mỗi thay đổi được kiểm tra bằng ", " from the datasets folder; every change is checked with ")),
            .emphasis("chiso build --check"),
            .text(t(language, " để các trang luôn khớp với mã và dữ liệu.", " so the pages always match the code and data.")),
        ])]
        var figures: [ReportBlock.KeyFigure] = []
        for history in histories {
            guard let year = mapYear(history) else { continue }
            let changes = history.calculator(registry: registry).changes(year: year)
            if let top = changes.first(where: { $0.rank == 1 }) {
                figures.append(.init(label: "\(history.index) \(year): " + t(language, "dẫn đầu", "top"), value: Phrase.provinceName(top.provinceID, registry),
                                     change: top.score.map { ScoreFormat.string($0, language) + t(language, " điểm", " points") }))
            }
        }
        if !figures.isEmpty { blocks.append(.keyFigures(figures)) }
        for history in histories {
            guard let year = mapYear(history) else { continue }
            let changes = history.calculator(registry: registry).changes(year: year)
            var section: [ReportBlock] = []
            let newest = history.years.last!
            if newest != year, let edition = history.editions.first(where: { $0.year == newest }) {
                section.append(.note(kind: .info, [.text(t(language,
                    "Kỳ \(history.index) \(newest) mới có \(edition.present)/\(edition.of) tỉnh trong kho dữ liệu; bản đồ dùng kỳ \(year).",
                    "The store holds only \(edition.present) of the \(edition.of) provinces of \(history.index) \(newest); the map shows \(year)."))]))
            }
            if let map = IndexMaps.editionMap(index: history.index, year: year, calculator: history.calculator(registry: registry), language: language, registry: registry) {
                section.append(.map(map))
            }
            let movers = Movers.make(changes, limit: 3, registry: registry)
            var runs: [ReportBlock.Inline] = []
            if !movers.up.isEmpty {
                runs.append(.strong(t(language, "Tăng hạng nhiều nhất: ", "Biggest rises: ")))
                runs += joined(movers.up.map { [provinceLink($0.provinceID, from: name, language), .text(" (\(NumberFormat.signed($0.change!, language)))")] }, ", ")
                runs.append(.text(". "))
            }
            if !movers.down.isEmpty {
                runs.append(.strong(t(language, "Giảm hạng nhiều nhất: ", "Biggest falls: ")))
                runs += joined(movers.down.map { [provinceLink($0.provinceID, from: name, language), .text(" (\($0.change.map { NumberFormat.signed($0, language) } ?? ""))")] }, ", ")
                runs.append(.text(". "))
            }
            if pages.contains(.editions) {
                runs.append(.link(text: t(language, "Bảng xếp hạng \(history.index) \(year) →", "\(history.index) \(year) leaderboard →"),
                                  url: Self.href(from: name, to: pageName(editionName(history.index, year), language))))
            }
            if !runs.isEmpty { section.append(.paragraph(runs)) }
            blocks.append(.section(title: "\(history.index) \(year) — " + IndexNames.fullName(history.index, language), anchor: history.index.lowercased(), blocks: section))
        }
        if pages.contains(.provinces) {
            var section: [ReportBlock] = []
            for region in Region.allCases {
                let members = units.filter { $0.region == region && !$0.id.hasPrefix("2025-") }
                let label: ReportBlock.Inline = pages.contains(.regions)
                    ? .link(text: Phrase.regionName(region, language), url: Self.href(from: name, to: pageName("regions/" + region.rawValue, language)))
                    : .text(Phrase.regionName(region, language))
                section.append(.paragraph([label, .text(": ")] + joined(members.map { [provinceLink($0.id, from: name, language)] })))
            }
            section.append(.paragraph([.strong(t(language, "34 đơn vị từ ngày 1/7/2025: ", "The 34 units from 1 July 2025: "))]
                                      + joined(units.filter { $0.id.hasPrefix("2025-") }.map { [provinceLink($0.id, from: name, language)] })))
            blocks.append(.section(title: t(language, "Tỉnh, thành phố", "Provinces"), anchor: "provinces", blocks: section))
        }
        if pages.contains(.editions) {
            let rows: [ReportBlock] = histories.map { history in
                .paragraph([.strong(history.index + ": ")] + joined(history.years.map { y in
                    [.link(text: String(y), url: Self.href(from: name, to: pageName(editionName(history.index, y), language)))]
                }))
            }
            blocks.append(.section(title: t(language, "Các kỳ xếp hạng", "Editions"), anchor: "editions", blocks: rows))
        }
        for (group, heading) in [("reports", t(language, "Báo cáo", "Reports")), ("notebooks", t(language, "Sổ phân tích", "Notebooks"))] {
            let items = reports.filter { $0.group == group }
            guard !items.isEmpty else { continue }
            blocks.append(.section(title: heading, anchor: group, blocks: [.list(items.map { [.link(text: $0.title, url: Self.href(from: name, to: $0.href))] })]))
        }
        var document = ReportDocument(title: t(language, "ChiSo — các chỉ số cấp tỉnh của Việt Nam", "ChiSo — Vietnam's provincial indices"),
                                      language: language, subtitle: "PCI · PAPI · DTI", blocks: blocks, footer: footer(language))
        document.navigation = navigation(name, language, crumbs: [])
        return document
    }
}
