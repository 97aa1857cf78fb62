import ChiSoCore
import ChiSoMetrics
import Foundation

/// The analyst's yearly report on one province: per index the headline sentence, rank and score
/// against the previous edition, the trajectory over the editions, the components that gained and
/// lost most, and the position among the region's provinces; then, when given, the
/// administrative-procedure rates. Built from values only (no store, no SQL).
public enum ProvinceReport {
    /// - Parameters:
    ///   - provinceID: the province (registry id) the report is about.
    ///   - year: the edition year of every index.
    ///   - indexes: the indexes to report on, in the order they appear; each with every edition's
    ///     entries and the province's components. An index without an entry for the province in
    ///     `year` is named in the summary as missing.
    ///   - sources: the store's sources; the footer lists those behind the numbers printed.
    ///   - procedures: administrative-procedure rates; the section is left out when `nil` or empty.
    ///   - generatedAt: printed in the footer when given (`--stamp`); leave `nil` for reproducible output.
    ///   - serviceIndex: the Decision 766 indicators of the year and the units of its latest quarter
    ///     (from dossier logs); the section is left out when `nil`.
    public static func make(provinceID: String, year: Int, indexes: [IndexHistory], sources: [SourceRecord],
                            procedures: ProcedureSummary? = nil, language: Language,
                            registry: ProvinceRegistry = .standard, generatedAt: String? = nil,
                            serviceIndex: (year: ServiceIndexRow, units: [ServiceIndexRow])? = nil) -> ReportDocument {
        var builder = ProvinceReportBuilder(provinceID: provinceID, year: year, language: language, registry: registry)
        builder.serviceIndex = serviceIndex
        return builder.document(indexes: indexes, sources: sources, procedures: procedures, generatedAt: generatedAt)
    }
}

/// What a province report knows about one index.
package struct ProvinceIndexFacts {
    package let history: IndexHistory
    package let calculator: RankChangeCalculator
    package let change: RankChange
    package let regional: RegionalPosition?
    package let edition: EditionSummary?
}

package struct ProvinceReportBuilder {
    package let provinceID: String
    package let year: Int
    package let language: Language
    package let registry: ProvinceRegistry
    package var notes: ReportFooterNotes
    package let name: String
    /// The Decision 766 section's rows, when the store has dossier logs.
    package var serviceIndex: (year: ServiceIndexRow, units: [ServiceIndexRow])?

    package init(provinceID: String, year: Int, language: Language, registry: ProvinceRegistry) {
        self.provinceID = provinceID
        self.year = year
        self.language = language
        self.registry = registry
        self.notes = ReportFooterNotes(language: language, registry: registry)
        self.name = Phrase.provinceName(provinceID, registry)
    }

    package var vi: Bool { language == .vi }
    package func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    package mutating func document(indexes: [IndexHistory], sources: [SourceRecord], procedures: ProcedureSummary?, generatedAt: String?) -> ReportDocument {
        var facts: [ProvinceIndexFacts] = []
        var unitFacts: [ProvinceIndexFacts] = []
        var missing: [String] = []
        for history in indexes {
            // The 34-unit editions exist for some years only (DTI-34: 2024); other years are not "missing".
            if IndexCatalog.isUnits2025(history.index) && !history.years.contains(year) { continue }
            let calculator = history.calculator(registry: registry)
            // An edition of the 34 units of 2025 (DTI-34 2024) ranks the unit the province became part of.
            let ids = [provinceID] + (IndexCatalog.isUnits2025(history.index)
                ? registry.province(id: provinceID).map { registry.successors(of: $0).map(\.id) } ?? [] : [])
            let year = self.year
            guard let change = ids.compactMap({ calculator.change(provinceID: $0, year: year) }).first else {
                missing.append(history.index)
                continue
            }
            if change.provinceID != provinceID {
                // Another unit: its line in the summary, labelled with the unit; the sections are about the province.
                notes.use(change, calculator)
                notes.add(caveatsOf: change)
                unitFacts.append(ProvinceIndexFacts(history: history, calculator: calculator, change: change, regional: nil, edition: calculator.edition(year)))
                continue
            }
            let edition = calculator.edition(year)
            let regional = RegionalPosition.make(provinceID: provinceID, changes: calculator.changes(year: year), edition: edition, registry: registry)
            facts.append(ProvinceIndexFacts(history: history, calculator: calculator, change: change, regional: regional, edition: edition))
        }

        var blocks: [ReportBlock] = []
        if !facts.isEmpty { blocks.append(.keyFigures((facts + unitFacts).map { RankSentence.keyFigure($0.change, language) })) }
        blocks.append(summary(facts, units: unitFacts, missing: missing))
        if let map = locatorMap(facts) { blocks.append(map) }
        for f in facts { blocks.append(indexSection(f)) }
        var extraFiles: [String] = []
        if let procedures, !procedures.isEmpty {
            blocks.append(ProcedureSection.make(procedures, provinceName: name, language: language))
            extraFiles = procedures.sourceFiles
        }
        if let serviceIndex {
            blocks.append(ServiceIndexSection.make(year: serviceIndex.year, units: serviceIndex.units, provinceName: name, language: language))
        }

        let codes = Phrase.list(facts.map(\.history.index), language)
        let region = registry.province(id: provinceID).map { Phrase.regionName($0.region, language) }
        var subtitle = codes.isEmpty ? "" : codes + " — "
        subtitle += t("thứ hạng, điểm số, chỉ số thành phần", "ranks, scores, components")
        if let region { subtitle += t(" và vị trí trong vùng \(region)", " and position in the \(region) region") }
        return ReportDocument(
            title: t("\(name): các chỉ số cấp tỉnh năm \(year)", "\(name): provincial indices \(year)"),
            language: language, subtitle: subtitle, blocks: blocks,
            footer: notes.footer(sources: sources, extraFiles: extraFiles, generatedAt: generatedAt))
    }

    // MARK: Summary

    package mutating func summary(_ facts: [ProvinceIndexFacts], units: [ProvinceIndexFacts] = [], missing: [String]) -> ReportBlock {
        var blocks: [ReportBlock] = []
        let withChange = facts.filter { $0.change.change != nil }
        if !withChange.isEmpty {
            let up = withChange.filter { $0.change.change! > 0 }.map(\.history.index)
            let down = withChange.filter { $0.change.change! < 0 }.map(\.history.index)
            let flat = withChange.filter { $0.change.change! == 0 }.map(\.history.index)
            var clauses: [String] = []
            if up.count == withChange.count && up.count > 1 {
                clauses.append(t("tăng hạng ở cả \(up.count) chỉ số: \(Phrase.list(up, .vi))", "moved up in all \(up.count) indices: \(Phrase.list(up, .en))"))
            } else if down.count == withChange.count && down.count > 1 {
                clauses.append(t("giảm hạng ở cả \(down.count) chỉ số: \(Phrase.list(down, .vi))", "moved down in all \(down.count) indices: \(Phrase.list(down, .en))"))
            } else {
                if !up.isEmpty { clauses.append(t("tăng hạng ở \(Phrase.list(up, .vi))", "moved up in \(Phrase.list(up, .en))")) }
                if !down.isEmpty { clauses.append(t("giảm hạng ở \(Phrase.list(down, .vi))", "moved down in \(Phrase.list(down, .en))")) }
                if !flat.isEmpty { clauses.append(t("giữ nguyên thứ hạng ở \(Phrase.list(flat, .vi))", "kept its rank in \(Phrase.list(flat, .en))")) }
            }
            blocks.append(.paragraph([.text(t("Năm \(year), so với kỳ xếp hạng trước, \(name) ", "In \(year), compared with the previous editions, \(name) ")
                                            + clauses.joined(separator: "; ") + ".")]))
        }
        if !facts.isEmpty || !units.isEmpty {
            blocks.append(.list((facts + units).map { [.text(RankSentence.headline($0.change, regional: $0.regional, language: language, registry: registry))] }))
        }
        if !missing.isEmpty {
            blocks.append(.note(kind: .info, [.text(t("Kho dữ liệu không có số liệu năm \(year) của \(name) cho \(Phrase.list(missing, .vi)).",
                                                      "The store has no \(year) figures for \(name) in \(Phrase.list(missing, .en))."))]))
        }
        if facts.isEmpty {
            blocks.append(.paragraph([.text(t("Không có chỉ số nào để báo cáo.", "There is no index to report on."))]))
        }
        return .section(title: t("Tóm tắt", "Summary"), anchor: "summary", blocks: blocks)
    }

    // MARK: One index

    package mutating func indexSection(_ f: ProvinceIndexFacts) -> ReportBlock {
        let c = f.change
        let index = c.index
        notes.use(c, f.calculator)
        notes.add(caveatsOf: c)
        notes.add(partialEdition: f.edition)
        if let previousYear = c.previousYear { notes.add(partialEdition: f.calculator.edition(previousYear)) }

        var blocks: [ReportBlock] = [.table(rankScoreTable(c))]
        blocks += sourceNotes(f)
        var computedYears: [Int] = []
        if let previousYear = c.previousYear, f.calculator.entry(provinceID: provinceID, year: previousYear)?.rankComputed == true {
            computedYears.append(previousYear)
        }
        if c.rankComputed { computedYears.append(c.year) }
        if !computedYears.isEmpty {
            blocks.append(.note(kind: .info, [.text(t(
                "Thứ hạng \(index) năm \(Phrase.list(computedYears.sorted().map(String.init), .vi)) của \(name) được tính từ điểm số: các nguồn trong kho dữ liệu không ghi thứ hạng này.",
                computedYears.count == 1
                    ? "\(name)'s \(index) rank for \(computedYears[0]) is computed from the scores: the sources in the store do not state it."
                    : "\(name)'s \(index) ranks for \(Phrase.list(computedYears.sorted().map(String.init), .en)) are computed from the scores: the sources in the store do not state them."))]))
        }
        if let trajectory = trajectorySection(f) { blocks.append(trajectory) }
        if let components = componentSection(f) { blocks.append(components) }
        if let region = regionSection(f) { blocks.append(region) }
        return .section(title: "\(index) — \(IndexNames.fullName(index, language))", anchor: index.lowercased(), blocks: blocks)
    }

    package func rankScoreTable(_ c: RankChange) -> ReportTable {
        let measure = ReportTable.Column(t("Chỉ tiêu", "Measure"))
        let missing = NumberFormat.missing
        func rank(_ r: Int?, _ of: Int?) -> String { r.map { Phrase.rankOf($0, of ?? c.of) } ?? missing }
        func score(_ s: Double?) -> String { s.map { ScoreFormat.string($0, language) } ?? missing }
        guard let previousYear = c.previousYear, c.previousRank != nil || c.previousScore != nil else {
            return ReportTable(caption: t("\(c.index) \(c.year) của \(name)", "\(name)'s \(c.index) \(c.year)"),
                               columns: [measure, .init(String(c.year), alignment: .trailing)],
                               rows: [[.init(t("Thứ hạng", "Rank")), .init(rank(c.rank, c.of))]]
                                   + (c.score == nil ? [] : [[.init(t("Điểm", "Score")), .init(score(c.score))]]))
        }
        let rankChange: ReportTable.Cell = c.change.map { .init(Phrase.signedPlaces($0, language), trend: Phrase.trend(rankChange: $0)) } ?? .init(missing)
        let scoreChange: ReportTable.Cell = c.scoreChange.map { d in
            let places = ScoreFormat.places(for: c.score ?? d)
            return .init(NumberFormat.signed(d, places: places, language), trend: Phrase.trend(d, places: places))
        } ?? .init(missing)
        return ReportTable(
            caption: t("\(c.index) của \(name): năm \(previousYear) và \(c.year)", "\(name)'s \(c.index): \(previousYear) and \(c.year)"),
            columns: [measure, .init(String(previousYear), alignment: .trailing), .init(String(c.year), alignment: .trailing),
                      .init(t("Thay đổi", "Change"), alignment: .trailing)],
            rows: [[.init(t("Thứ hạng", "Rank")), .init(rank(c.previousRank, c.previousOf)), .init(rank(c.rank, c.of)), rankChange]]
                + (c.score == nil && c.previousScore == nil ? [] : [[.init(t("Điểm", "Score")), .init(score(c.previousScore)), .init(score(c.score)), scoreChange]]))
    }

    /// The source's own notes on the province's figures (a tier, a quoted phrase, how a rank was derived).
    package func sourceNotes(_ f: ProvinceIndexFacts) -> [ReportBlock] {
        let years = [f.change.year] + (f.change.previousYear.map { [$0] } ?? [])
        return years.compactMap { y -> ReportBlock? in
            guard let entry = f.calculator.entry(provinceID: provinceID, year: y), var note = entry.note, !note.isEmpty else { return nil }
            if vi {
                // No English in a Vietnamese report: the datasets' "tier: …" label is translated, an
                // English remark (one without a Vietnamese letter) is left to `chiso sources` and JSON.
                note = note.replacingOccurrences(of: "tier: ", with: "xếp loại: ")
                guard Self.readsAsVietnamese(note) else { return nil }
            }
            // Provenance ids (SRC_LT:row41, WEB_PCI21) stay in `chiso sources` and JSON; the footer cites the files.
            let inlines: [ReportBlock.Inline] = [.text(t("nguồn ghi kèm số liệu \(f.change.index) \(y): ", "the source's remark on the \(f.change.index) \(y) figures: ")),
                                                 .emphasis(note), .text(".")]
            return .note(kind: .info, inlines)
        }
    }

    /// True when `text` has a letter only Vietnamese uses (ă â đ ê ô ơ ư or a tone mark).
    package static func readsAsVietnamese(_ text: String) -> Bool {
        text.decomposedStringWithCanonicalMapping.unicodeScalars.contains { s in
            (0x0300...0x0323).contains(s.value) || s.value == 0x0111 || s.value == 0x0110
        }
    }

    // MARK: Trajectory

    package mutating func trajectorySection(_ f: ProvinceIndexFacts) -> ReportBlock? {
        let index = f.change.index
        let own = f.history.years.filter { $0 <= year }.compactMap { f.calculator.entry(provinceID: provinceID, year: $0) }
        guard let first = own.first?.year else { return nil }
        let years = f.history.years.filter { $0 >= first && $0 <= year }
        guard years.count >= 2 else { return nil }
        let entries = years.map { f.calculator.entry(provinceID: provinceID, year: $0) }
        for y in years { notes.use(provinceID: provinceID, year: y, f.calculator) }
        notes.add(computedRanksAmong: entries.compactMap { $0 }, f.calculator)
        notes.add(fieldSizesOf: index, editions: f.history.editions.filter { years.contains($0.year) })
        let labels = years.map(String.init)
        let span = "\(first)–\(year)"
        var blocks: [ReportBlock] = []
        let ranks = entries.map { $0?.rank.map(Double.init) }
        if ranks.contains(where: { $0 != nil }) {
            let maxOf = entries.compactMap { $0?.of }.max() ?? 63
            blocks.append(.chart(Chart(
                kind: .line,
                title: t("Thứ hạng \(index) của \(name), \(span)", "\(name)'s \(index) rank, \(span)"),
                description: rankDescription(index: index, years: years, entries: entries),
                xLabels: labels, xAxisLabel: Phrase.yearWord(language),
                series: [ChartSeries(name: name, values: ranks, styleSlot: ProvinceStyle.slot(provinceID, registry))],
                yAxis: ChartAxis(label: Phrase.rankAxis(language), inverted: true, domain: 1...Double(maxOf), style: .number(places: 0)),
                language: language)))
        }
        let scores = entries.map { $0?.score }
        if scores.compactMap({ $0 }).count >= 2 {
            let places = scores.compactMap { $0 }.map { ScoreFormat.places(for: $0) }.max() ?? 2
            blocks.append(.chart(Chart(
                kind: .line,
                title: t("Điểm \(index) của \(name), \(span)", "\(name)'s \(index) score, \(span)"),
                description: scoreDescription(index: index, years: years, scores: scores),
                xLabels: labels, xAxisLabel: Phrase.yearWord(language),
                series: [ChartSeries(name: name, values: scores, breaksBefore: Set(MethodologyBreaks.runStarts(index, years: years)),
                                      styleSlot: ProvinceStyle.slot(provinceID, registry))],
                yAxis: ChartAxis(label: Phrase.scoreAxis(index, language), style: .number(places: places)),
                language: language)))
            if let note = Phrase.methodBreakNote(index, years: years, language) { blocks.append(note) }
        }
        guard !blocks.isEmpty else { return nil }
        return .section(title: t("Qua các kỳ xếp hạng", "Across the editions"), anchor: "\(index.lowercased())-trajectory", blocks: blocks)
    }

    package func rankDescription(index: String, years: [Int], entries: [RankingEntry?]) -> String {
        let ranked = entries.compactMap { $0 }.filter { $0.rank != nil }
        let best = ranked.map { $0.rank! }.min()!, worst = ranked.map { $0.rank! }.max()!
        let bestYears = Phrase.years(ranked.filter { $0.rank == best }.map(\.year))
        let worstYears = Phrase.years(ranked.filter { $0.rank == worst }.map(\.year))
        let unranked = zip(years, entries).filter { $0.1?.rank == nil }.map(\.0)
        let last = entries.last!.flatMap { e in e.rank.map { ($0, e.of) } }
        var s = t("Thứ hạng \(index) của \(name) qua \(years.count) kỳ xếp hạng, từ \(years.first!) đến \(years.last!) (1 là cao nhất). ",
                  "\(name)'s \(index) rank over \(years.count) editions, \(years.first!) to \(years.last!) (1 is best). ")
        s += t("Cao nhất: thứ \(best) (\(bestYears)); thấp nhất: thứ \(worst) (\(worstYears))",
               "Best: \(Phrase.ordinal(best)) (\(bestYears)); worst: \(Phrase.ordinal(worst)) (\(worstYears))")
        if let (rank, of) = last { s += t("; năm \(year): thứ \(rank)/\(of)", "; \(year): \(rank)/\(of)") }
        s += "."
        if !unranked.isEmpty { s += t(" Không có thứ hạng: \(Phrase.years(unranked)).", " No rank: \(Phrase.years(unranked)).") }
        return s
    }

    package func scoreDescription(index: String, years: [Int], scores: [Double?]) -> String {
        let pairs = zip(years, scores).compactMap { y, s in s.map { (y, $0) } }
        let low = pairs.map(\.1).min()!, high = pairs.map(\.1).max()!
        let lowYears = Phrase.years(pairs.filter { $0.1 == low }.map(\.0)), highYears = Phrase.years(pairs.filter { $0.1 == high }.map(\.0))
        let f = { (x: Double) in ScoreFormat.string(x, language) }
        var s = t("Điểm \(index) của \(name) từ \(years.first!) đến \(years.last!): thấp nhất \(f(low)) (\(lowYears)), cao nhất \(f(high)) (\(highYears))",
                  "\(name)'s \(index) score from \(years.first!) to \(years.last!): lowest \(f(low)) (\(lowYears)), highest \(f(high)) (\(highYears))")
        if let last = scores.last, let last { s += t("; năm \(year): \(f(last)) điểm", "; \(year): \(f(last))") }
        let missing = zip(years, scores).filter { $0.1 == nil }.map(\.0)
        s += "."
        if !missing.isEmpty { s += t(" Không có điểm: \(Phrase.years(missing)).", " No score: \(Phrase.years(missing)).") }
        return s
    }

    // MARK: Components

    package mutating func componentSection(_ f: ProvinceIndexFacts) -> ReportBlock? {
        let index = f.change.index
        guard let cc = ComponentChange.make(provinceID: provinceID, year: year, components: f.history.components) else { return nil }
        let isPart = { (key: String) in ComponentCatalog.isPart(key, index: index) }
        let currentKeys = cc.current.keys.filter(isPart)
        guard !currentKeys.isEmpty else { return nil }
        let group = ComponentCatalog.groupName(index: index, language)
        let groupLower = group.lowercased()
        notes.use(f.history.components.filter { $0.provinceID == provinceID && ($0.year == year || $0.year == cc.previousYear) })
        let deltas = cc.deltas.filter { isPart($0.key) }
        let language = self.language
        let cname = { (key: String) in ComponentCatalog.name(key, index: index, language) }
        var blocks: [ReportBlock] = []
        // The national median and the best province of the year, when the history holds every
        // province's components (the province pages and `chiso report province` give them).
        let benchmarks = ComponentBenchmark.make(year: year, components: f.history.components).filter { $0.value.count > 1 }
        var benchmarkColumns: [ReportTable.Column] = []
        if !benchmarks.isEmpty {
            benchmarkColumns = [.init(t("Trung vị cả nước", "National median"), alignment: .trailing),
                                .init(t("Tốt nhất cả nước", "Best province"), alignment: .trailing)]
        }
        func benchmarkCells(_ key: String) -> [ReportTable.Cell] {
            guard !benchmarks.isEmpty else { return [] }
            guard let b = benchmarks[key] else { return [.init(NumberFormat.missing), .init(NumberFormat.missing)] }
            let names = b.bestProvinceIDs.map { Phrase.provinceName($0, registry) }
            let who = names.count <= 2 ? Phrase.list(names, language)
                : t("\(names[0]) và \(names.count - 1) tỉnh khác", "\(names[0]) and \(names.count - 1) others")
            return [.init(Phrase.componentValue(b.median, key: key, language)),
                    .init(Phrase.componentValue(b.best, key: key, language) + " (\(who))")]
        }
        func benchmarkSentence(_ keys: [String]) -> ReportBlock? {
            let compared = keys.filter { benchmarks[$0] != nil && cc.current[$0] != nil }
            guard !compared.isEmpty else { return nil }
            let above = compared.filter { k in k.hasSuffix("_rank") ? cc.current[k]! < benchmarks[k]!.median : cc.current[k]! > benchmarks[k]!.median }
            let best = compared.filter { benchmarks[$0]!.bestProvinceIDs.contains(provinceID) }
            let count = benchmarks[compared[0]]!.count
            var text = t("So với cả nước năm \(year) (\(count) tỉnh, thành phố): \(above.count) trong \(compared.count) \(groupLower) của \(name) tốt hơn trung vị",
                         "Against the country in \(year) (\(count) provinces): \(above.count) of \(name)'s \(compared.count) \(groupLower) are better than the median")
            if !best.isEmpty { text += t("; đứng đầu cả nước: \(Phrase.list(best.map(cname), .vi))", "; best in the country: \(Phrase.list(best.map(cname), .en))") }
            return .paragraph([.text(text + ".")])
        }

        guard let previousYear = cc.previousYear, !deltas.isEmpty else {
            blocks.append(.paragraph([.text(t("Năm \(year) là kỳ đầu tiên có \(groupLower) \(index) của \(name) trong kho dữ liệu.",
                                              "\(year) is the first edition with \(name)'s \(index) \(groupLower) in the store."))]))
            let keys = ComponentCatalog.ordered(currentKeys, index: index)
            if let sentence = benchmarkSentence(keys) { blocks.append(sentence) }
            blocks.append(.table(ReportTable(
                caption: t("\(group) \(index) của \(name), \(year)", "\(name)'s \(index) \(groupLower), \(year)"),
                columns: [.init(group), .init(String(year), alignment: .trailing)] + benchmarkColumns,
                rows: keys.map { [.init(cname($0)), .init(Phrase.componentValue(cc.current[$0]!, key: $0, language))] + benchmarkCells($0) })))
            return .section(title: group, anchor: "\(index.lowercased())-components", blocks: blocks)
        }

        let places = Dictionary(uniqueKeysWithValues: deltas.map { ($0.key, Phrase.componentPlaces(key: $0.key, values: [$0.previous, $0.current])) })
        let trends = deltas.map { Phrase.trend($0.improvement, places: places[$0.key]!) }
        let up = trends.filter { $0 == .up }.count, down = trends.filter { $0 == .down }.count, flat = trends.filter { $0 == .flat }.count
        var summary = t("So với năm \(previousYear), \(up) trong \(deltas.count) \(groupLower) cải thiện, \(down) giảm",
                        "Compared with \(previousYear), \(up) of the \(deltas.count) \(groupLower) improved and \(down) declined")
        if flat > 0 { summary += t(", \(flat) không đổi", "; \(flat) unchanged") }
        blocks.append(.paragraph([.text(summary + ".")]))

        // Every key of either edition, so a component that came or went is visible too.
        let previous = Dictionary(uniqueKeysWithValues: f.history.components
            .filter { $0.provinceID == provinceID && $0.year == previousYear && isPart($0.component) }.map { ($0.component, $0.value) })
        let allKeys = ComponentCatalog.ordered(Array(Set(currentKeys).union(previous.keys)), index: index)
        let deltaByKey = Dictionary(uniqueKeysWithValues: deltas.map { ($0.key, $0) })
        let missing = NumberFormat.missing
        if let sentence = benchmarkSentence(allKeys) { blocks.append(sentence) }
        blocks.append(.table(ReportTable(
            caption: t("\(group) \(index) của \(name), năm \(previousYear) và \(year)", "\(name)'s \(index) \(groupLower), \(previousYear) and \(year)")
                + (benchmarks.isEmpty ? "" : t(", so với cả nước", ", against the country")),
            columns: [.init(group), .init(String(previousYear), alignment: .trailing), .init(String(year), alignment: .trailing),
                      .init(t("Thay đổi", "Change"), alignment: .trailing)] + benchmarkColumns,
            rows: allKeys.map { key in
                let change: ReportTable.Cell = deltaByKey[key].map { d in
                    let p = places[key]!
                    let text = d.lowerIsBetter ? Phrase.signedPlaces(Int(d.improvement.rounded()), language) : NumberFormat.signed(d.change, places: p, language)
                    return .init(text, trend: Phrase.trend(d.improvement, places: p))
                } ?? .init(missing)
                return [.init(cname(key)),
                        .init(previous[key].map { Phrase.componentValue($0, key: key, language) } ?? missing),
                        .init(cc.current[key].map { Phrase.componentValue($0, key: key, language) } ?? missing),
                        change] + benchmarkCells(key)
            })))

        let scoreDeltas = ComponentCatalog.ordered(deltas.filter { !$0.lowerIsBetter }.map(\.key), index: index).map { deltaByKey[$0]! }
        let gains = cc.gains(limit: 3).filter { isPart($0.key) }, losses = cc.losses(limit: 3).filter { isPart($0.key) }
        func item(_ d: ComponentChange.Delta) -> String {
            let text = d.lowerIsBetter ? Phrase.signedPlaces(Int(d.improvement.rounded()), language) : NumberFormat.signed(d.change, places: places[d.key]!, language)
            return "\(cname(d.key)) (\(text))"
        }
        if !scoreDeltas.isEmpty {
            let chartPlaces = scoreDeltas.map { places[$0.key]! }.max() ?? 2
            var description = t("Điểm năm \(year) trừ điểm năm \(previousYear) của \(scoreDeltas.count) \(groupLower) có trong cả hai năm.",
                                "Score in \(year) minus \(previousYear) for the \(scoreDeltas.count) \(groupLower) present in both editions.")
            if let best = gains.first { description += t(" Tăng nhiều nhất: \(item(best)).", " Largest gain: \(item(best)).") }
            if let worst = losses.first { description += t(" Giảm nhiều nhất: \(item(worst)).", " Largest loss: \(item(worst)).") }
            blocks.append(.chart(Chart(
                kind: .bar,
                title: t("Thay đổi điểm \(groupLower) \(index) của \(name), \(year) so với \(previousYear)",
                         "Change in \(name)'s \(index) \(groupLower), \(year) vs \(previousYear)"),
                description: description,
                xLabels: scoreDeltas.map { cname($0.key) }, xAxisLabel: group,
                series: [ChartSeries(name: t("Thay đổi (điểm)", "Change (points)"), values: scoreDeltas.map(\.change))],
                yAxis: ChartAxis(label: t("Thay đổi điểm (\(year) − \(previousYear))", "Score change (\(year) − \(previousYear))"),
                                 style: .signed(places: chartPlaces)),
                language: language)))
        }
        var list: [[ReportBlock.Inline]] = []
        if !gains.isEmpty { list.append([.strong(t("Cải thiện nhiều nhất: ", "Biggest gains: ")), .text(gains.map(item).joined(separator: ", ") + ".")]) }
        if !losses.isEmpty { list.append([.strong(t("Giảm nhiều nhất: ", "Biggest losses: ")), .text(losses.map(item).joined(separator: ", ") + ".")]) }
        if !list.isEmpty { blocks.append(.list(list)) }

        let added = cc.added.filter(isPart).map(cname), dropped = cc.dropped.filter(isPart).map(cname)
        if !added.isEmpty || !dropped.isEmpty {
            var parts: [String] = []
            if !added.isEmpty { parts.append(t("chỉ có năm \(year): \(Phrase.list(added, .vi))", "only in \(year): \(Phrase.list(added, .en))")) }
            if !dropped.isEmpty { parts.append(t("chỉ có năm \(previousYear): \(Phrase.list(dropped, .vi))", "only in \(previousYear): \(Phrase.list(dropped, .en))")) }
            blocks.append(.note(kind: .info, [.text(t("Bộ \(groupLower) thay đổi giữa hai kỳ (", "The set of \(groupLower) changed between the editions (")
                                                    + parts.joined(separator: "; ")
                                                    + t("); chỉ so sánh những \(groupLower) có trong cả hai năm.", "); only those in both are compared."))]))
        }
        if let remark = IndexNames.componentRemark(index, language) { blocks.append(.paragraph([.text(remark)])) }
        return .section(title: group, anchor: "\(index.lowercased())-components", blocks: blocks)
    }

    // MARK: Region

    package mutating func regionSection(_ f: ProvinceIndexFacts) -> ReportBlock? {
        guard let regional = f.regional, !regional.members.isEmpty else { return nil }
        let index = f.change.index
        let region = Phrase.regionName(regional.region, language)
        let changes = f.calculator.changes(year: year)
        for m in regional.members {
            if let c = changes.first(where: { $0.provinceID == m.provinceID }) {
                notes.use(c, f.calculator)
                for caveat in c.caveats where caveat.isEditionWide { notes.add(caveatsOf: RankChange(caveatOnly: caveat, of: c)) }
            }
        }
        notes.add(computedRanksAmong: regional.members.compactMap { f.calculator.entry(provinceID: $0.provinceID, year: year) }, f.calculator)
        var blocks: [ReportBlock] = []
        let rankedMembers = regional.members.filter { $0.rank != nil }
        if regional.isComplete, let position = regional.position, let top = rankedMembers.first, let bottom = rankedMembers.last {
            let topText = "\(Phrase.provinceName(top.provinceID, registry)) (\(Phrase.rankOf(top.rank!, top.of)))"
            let bottomText = "\(Phrase.provinceName(bottom.provinceID, registry)) (\(Phrase.rankOf(bottom.rank!, bottom.of)))"
            blocks.append(.paragraph([.text(t(
                "Năm \(year), \(name) xếp thứ \(position) trong \(regional.ranked) tỉnh, thành phố của vùng về \(index). Đứng đầu vùng: \(topText); cuối vùng: \(bottomText).",
                "In \(year) \(name) was \(Phrase.ordinal(position)) of the region's \(regional.ranked) provinces in the \(index). Top of the region: \(topText); bottom: \(bottomText)."))]))
        } else if !regional.isComplete {
            blocks.append(.paragraph([.text(t(
                "Kho dữ liệu chỉ có thứ hạng \(index) \(year) của \(regional.ranked) trong \(regional.regionSize) tỉnh, thành phố của vùng, nên chưa xác định được vị trí của \(name) trong vùng. Bảng dưới liệt kê các tỉnh có số liệu.",
                "The store holds the \(index) \(year) ranks of only \(regional.ranked) of the region's \(regional.regionSize) provinces, so \(name)'s position in the region cannot be stated. The table lists those with data."))]))
        }
        let withScore = regional.members.contains { $0.score != nil }
        if withScore { notes.add(scoreCoverageOf: f.edition) }
        var columns: [ReportTable.Column] = [.init(t("Tỉnh, thành phố", "Province"))]
        if regional.isComplete { columns.append(.init(t("Hạng vùng", "In region"), alignment: .trailing)) }
        columns.append(.init(t("Thứ hạng", "Rank"), alignment: .trailing))
        if withScore { columns.append(.init(t("Điểm", "Score"), alignment: .trailing)) }
        columns.append(.init(t("Thay đổi (bậc)", "Change (places)"), alignment: .trailing))
        let missing = NumberFormat.missing
        var emphasized: Set<Int> = []
        let rows: [[ReportTable.Cell]] = regional.members.enumerated().map { i, m in
            if m.provinceID == provinceID { emphasized.insert(i) }
            var row: [ReportTable.Cell] = [.init(Phrase.provinceName(m.provinceID, registry))]
            if regional.isComplete {
                row.append(.init(m.rank.map { r in String(1 + rankedMembers.filter { $0.rank! < r }.count) } ?? missing))
            }
            row.append(.init(m.rank.map { Phrase.rankOf($0, m.of) } ?? missing))
            if withScore { row.append(.init(m.score.map { ScoreFormat.string($0, language) } ?? missing)) }
            row.append(m.change.map { .init(NumberFormat.signed($0, language), trend: Phrase.trend(rankChange: $0)) } ?? .init(missing))
            return row
        }
        blocks.append(.table(ReportTable(
            caption: t("\(index) \(year): các tỉnh, thành phố vùng \(region)", "\(index) \(year): provinces of the \(region) region"),
            columns: columns, rows: rows, emphasizedRows: emphasized)))
        return .section(title: t("Vị trí trong vùng \(region)", "Position in the \(region) region"), anchor: "\(index.lowercased())-region", blocks: blocks)
    }
}

extension RankChange {
    /// A copy of `change` that carries only `caveat`, to print that one caveat.
    package init(caveatOnly caveat: RankCaveat, of change: RankChange) {
        self = change
        self.caveats = [caveat]
    }
}
