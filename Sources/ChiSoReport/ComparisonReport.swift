import ChiSoCore
import ChiSoMetrics

/// Several provinces side by side over the editions of one or more indexes: the latest ranks, the
/// rank and score trajectories as charts, and the latest components. Built from values only.
public enum ComparisonReport {
    /// How the provinces were chosen, for the title.
    public enum Group: Sendable, Equatable {
        /// Named one by one.
        case listed
        /// Every province of a socio-economic region.
        case region(Region)
        /// Every province of a traditional region ("Duyên hải Nam Trung Bộ").
        case subregion(Subregion)
    }

    /// - Parameters:
    ///   - provinceIDs: the provinces, in the order of the chart series.
    ///   - indexes: the indexes to compare, in order; each with every edition's entries and the
    ///     provinces' components.
    ///   - sources: the store's sources; the footer lists those behind the numbers printed.
    ///   - generatedAt: printed in the footer when given; `nil` for reproducible output.
    public static func make(provinceIDs: [String], group: Group = .listed, indexes: [IndexHistory], sources: [SourceRecord],
                            language: Language, registry: ProvinceRegistry = .standard, generatedAt: String? = nil) -> ReportDocument {
        var builder = ComparisonReportBuilder(provinceIDs: provinceIDs, group: group, language: language, registry: registry)
        return builder.document(indexes: indexes, sources: sources, generatedAt: generatedAt)
    }
}

package struct ComparisonReportBuilder {
    package let provinceIDs: [String]
    package let group: ComparisonReport.Group
    package let language: Language
    package let registry: ProvinceRegistry
    package var notes: ReportFooterNotes

    package init(provinceIDs: [String], group: ComparisonReport.Group, language: Language, registry: ProvinceRegistry) {
        self.provinceIDs = provinceIDs
        self.group = group
        self.language = language
        self.registry = registry
        self.notes = ReportFooterNotes(language: language, registry: registry)
    }

    package func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
    package func name(_ id: String) -> String { Phrase.provinceName(id, registry) }
    package var names: [String] { provinceIDs.map(name) }

    /// What one index shows for the group.
    package struct Facts {
        package let history: IndexHistory
        package let calculator: RankChangeCalculator
        /// Editions from the first to the last in which at least two provinces of the group (or the
        /// only one) have an entry.
        package let years: [Int]
        /// Editions before or after `years` with an entry for one province only (a partial edition):
        /// named in the text, left out of the charts.
        package let leftOut: [(year: Int, provinceID: String)]
        /// The latest edition in which at least two provinces of the group (or the only one) have a rank.
        package let latest: Int?
    }

    package mutating func document(indexes: [IndexHistory], sources: [SourceRecord], generatedAt: String?) -> ReportDocument {
        let facts = indexes.map { history -> Facts in
            let calculator = history.calculator(registry: registry)
            let needed = min(2, provinceIDs.count)
            func count(_ y: Int) -> Int { provinceIDs.filter { calculator.entry(provinceID: $0, year: y) != nil }.count }
            let shared = history.years.filter { count($0) >= needed }
            let years = shared.isEmpty ? [] : history.years.filter { $0 >= shared.first! && $0 <= shared.last! }
            let leftOut = history.years.filter { !years.contains($0) && count($0) > 0 }.flatMap { y in
                provinceIDs.filter { calculator.entry(provinceID: $0, year: y) != nil }.map { (year: y, provinceID: $0) }
            }
            let latest = years.last { y in provinceIDs.filter { calculator.entry(provinceID: $0, year: y)?.rank != nil }.count >= needed }
            return Facts(history: history, calculator: calculator, years: years, leftOut: leftOut, latest: latest)
        }
        let codes = Phrase.list(indexes.map(\.index), language)
        let title: String
        switch group {
        case .listed: title = t("So sánh \(codes): \(Phrase.list(names, .vi))", "\(codes) compared: \(Phrase.list(names, .en))")
        case .region(let r): title = t("So sánh \(codes): các tỉnh, thành phố vùng \(r.vietnameseName)", "\(codes) compared: the provinces of the \(r.englishName) region")
        case .subregion(let r): title = t("So sánh \(codes): các tỉnh, thành phố \(r.vietnameseName)", "\(codes) compared: the \(r.englishName) provinces")
        }
        let allYears = facts.flatMap(\.years)
        var subtitle = t("Thứ hạng và điểm số qua các kỳ xếp hạng", "Ranks and scores across the editions")
        if let first = allYears.min(), let last = allYears.max() { subtitle += first == last ? ", \(first)" : ", \(first)–\(last)" }
        if group != .listed { subtitle += ": " + names.joined(separator: ", ") }

        var blocks: [ReportBlock] = []
        let summaries = facts.compactMap(summarySentence)
        if !summaries.isEmpty {
            blocks.append(.section(title: t("Tóm tắt", "Summary"), anchor: "summary", blocks: [.list(summaries.map { [.text($0)] })]))
        }
        let missing = facts.filter { $0.years.isEmpty }.map(\.history.index)
        if !missing.isEmpty {
            blocks.append(.note(kind: .info, [.text(t("Kho dữ liệu không có số liệu \(Phrase.list(missing, .vi)) của các tỉnh này.",
                                                      "The store has no \(Phrase.list(missing, .en)) figures for these provinces."))]))
        }
        if let map = comparisonMap(facts) { blocks.append(map) }
        for f in facts where !f.years.isEmpty { blocks.append(indexSection(f)) }
        return ReportDocument(title: title, language: language, subtitle: subtitle, blocks: blocks,
                              footer: notes.footer(sources: sources, generatedAt: generatedAt))
    }

    /// The ranked provinces of the group in an edition, best first (ties in name order).
    package func ranked(_ f: Facts, year: Int) -> [RankingEntry] {
        provinceIDs.compactMap { f.calculator.entry(provinceID: $0, year: year) }.filter { $0.rank != nil }.sorted { a, b in
            a.rank! != b.rank! ? a.rank! < b.rank! : VietnameseCollation.areInIncreasingOrder(name(a.provinceID), name(b.provinceID))
        }
    }

    /// How many editions each province was the group's best ranked (ties count for each).
    package func leadCounts(_ f: Facts) -> (counts: [String: Int], editions: Int) {
        var counts: [String: Int] = [:]
        var editions = 0
        for y in f.years {
            let r = ranked(f, year: y)
            guard r.count >= min(2, provinceIDs.count), let best = r.first?.rank else { continue }
            editions += 1
            for e in r where e.rank == best { counts[e.provinceID, default: 0] += 1 }
        }
        return (counts, editions)
    }

    package func summarySentence(_ f: Facts) -> String? {
        guard let latest = f.latest else { return nil }
        let r = ranked(f, year: latest)
        guard let top = r.first, let bottom = r.last else { return nil }
        let index = f.history.index
        var s = t("\(index) \(latest): \(name(top.provinceID)) xếp cao nhất (\(Phrase.rankOf(top.rank!, top.of)))",
                  "\(index) \(latest): \(name(top.provinceID)) ranked highest (\(Phrase.rankOf(top.rank!, top.of)))")
        if r.count > 1 {
            s += t(", \(name(bottom.provinceID)) thấp nhất (\(Phrase.rankOf(bottom.rank!, bottom.of)))",
                   ", \(name(bottom.provinceID)) lowest (\(Phrase.rankOf(bottom.rank!, bottom.of)))")
        }
        s += t(" trong \(r.count) tỉnh có thứ hạng", " of the \(r.count) ranked")
        let (counts, editions) = leadCounts(f)
        if editions > 1, let most = counts.max(by: { a, b in a.value != b.value ? a.value < b.value : VietnameseCollation.areInIncreasingOrder(name(b.key), name(a.key)) }) {
            s += t("; \(name(most.key)) dẫn đầu nhóm \(most.value)/\(editions) kỳ", "; \(name(most.key)) led the group in \(most.value) of \(editions) editions")
        }
        return s + "."
    }

    // MARK: One index

    package mutating func indexSection(_ f: Facts) -> ReportBlock {
        let index = f.history.index
        var blocks: [ReportBlock] = []
        for y in f.years {
            for id in provinceIDs { notes.use(provinceID: id, year: y, f.calculator) }
            notes.add(partialEdition: f.calculator.edition(y).flatMap { e in provinceIDs.contains { f.calculator.entry(provinceID: $0, year: y) != nil } ? e : nil })
        }
        let shownEntries = f.years.flatMap { y in provinceIDs.compactMap { f.calculator.entry(provinceID: $0, year: y) } }
        notes.add(computedRanksAmong: shownEntries, f.calculator)
        notes.add(fieldSizesOf: index, editions: f.history.editions.filter { f.years.contains($0.year) })

        if let latest = f.latest {
            let changes = provinceIDs.compactMap { f.calculator.change(provinceID: $0, year: latest) }
            blocks.append(.table(latestTable(f, year: latest, changes: changes)))
        }
        let labels = f.years.map(String.init)
        let span = f.years.count > 1 ? "\(f.years.first!)–\(f.years.last!)" : "\(f.years.first!)"
        let rankSeries = provinceIDs.map { id in ChartSeries(name: name(id), values: f.years.map { y in f.calculator.entry(provinceID: id, year: y)?.rank.map(Double.init) }, styleSlot: ProvinceStyle.slot(id, registry)) }
        if f.years.count >= 2, rankSeries.contains(where: { $0.values.contains { $0 != nil } }) {
            let maxOf = shownEntries.map(\.of).max() ?? 63
            blocks.append(.chart(Chart(
                kind: .bump,
                title: t("Thứ hạng \(index), \(span)", "\(index) rank, \(span)"),
                description: rankDescription(f, span: span),
                xLabels: labels, xAxisLabel: Phrase.yearWord(language), series: rankSeries,
                yAxis: ChartAxis(label: Phrase.rankAxis(language), inverted: true, domain: 1...Double(maxOf), style: .number(places: 0)),
                language: language)))
        }
        let scoreBreaks = Set(MethodologyBreaks.runStarts(index, years: f.years))
        let scoreSeries = provinceIDs.map { id in ChartSeries(name: name(id), values: f.years.map { y in f.calculator.entry(provinceID: id, year: y)?.score }, breaksBefore: scoreBreaks, styleSlot: ProvinceStyle.slot(id, registry)) }
        let allScores = scoreSeries.flatMap { $0.values.compactMap { $0 } }
        if f.years.count >= 2, scoreSeries.contains(where: { $0.values.compactMap { $0 }.count >= 2 }) {
            let places = allScores.map { ScoreFormat.places(for: $0) }.max() ?? 2
            blocks.append(.chart(Chart(
                kind: .line,
                title: t("Điểm \(index), \(span)", "\(index) score, \(span)"),
                description: scoreDescription(f, span: span),
                xLabels: labels, xAxisLabel: Phrase.yearWord(language), series: scoreSeries,
                yAxis: ChartAxis(label: Phrase.scoreAxis(index, language), style: .number(places: places)),
                language: language)))
            if let note = Phrase.methodBreakNote(index, years: f.years, language) { blocks.append(note) }
        }
        if !f.leftOut.isEmpty {
            let list = Phrase.list(f.leftOut.map { "\(index) \($0.year) (\(name($0.provinceID)))" }, language)
            blocks.append(.note(kind: .info, [.text(t(
                "Không đưa vào biểu đồ các kỳ chỉ có số liệu của một tỉnh trong nhóm: \(list).",
                "Left out of the charts, as only one province of the group has figures there: \(list)."))]))
        }
        if let components = componentBlocks(f) { blocks += components }
        return .section(title: "\(index) — \(IndexNames.fullName(index, language))", anchor: index.lowercased(), blocks: blocks)
    }

    package func latestTable(_ f: Facts, year: Int, changes: [RankChange]) -> ReportTable {
        let index = f.history.index
        let missing = NumberFormat.missing
        let sorted = changes.sorted { a, b in
            switch (a.rank, b.rank) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return VietnameseCollation.areInIncreasingOrder(name(a.provinceID), name(b.provinceID))
            }
        }
        let withScore = sorted.contains { $0.score != nil }
        var columns: [ReportTable.Column] = [.init(t("Tỉnh, thành phố", "Province")), .init(t("Thứ hạng", "Rank"), alignment: .trailing)]
        if withScore { columns.append(.init(t("Điểm", "Score"), alignment: .trailing)) }
        // One previous year for all (the usual case) goes in the header; otherwise each cell names its year.
        let previousYears = Set(sorted.compactMap { $0.previousRank == nil ? nil : $0.previousYear })
        let commonYear = previousYears.count == 1 ? previousYears.first : nil
        columns += [.init(commonYear.map { t("Hạng \($0)", "\($0) rank") } ?? t("Kỳ trước", "Previous"), alignment: .trailing),
                    .init(t("Thay đổi (bậc)", "Change (places)"), alignment: .trailing)]
        let rows: [[ReportTable.Cell]] = sorted.map { c in
            var row: [ReportTable.Cell] = [.init(name(c.provinceID)), .init(c.rank.map { Phrase.rankOf($0, c.of) } ?? missing)]
            if withScore { row.append(.init(c.score.map { ScoreFormat.string($0, language) } ?? missing)) }
            row.append(.init(c.previousRank.map { r in Phrase.rankOf(r, c.previousOf ?? c.of) + (commonYear == nil ? " (\(c.previousYear!))" : "") } ?? missing))
            row.append(c.change.map { .init(NumberFormat.signed($0, language), trend: Phrase.trend(rankChange: $0)) } ?? .init(missing))
            return row
        }
        return ReportTable(caption: t("\(index) \(year): thứ hạng, điểm và thay đổi", "\(index) \(year): rank, score and change"), columns: columns, rows: rows)
    }

    package func rankDescription(_ f: Facts, span: String) -> String {
        let index = f.history.index
        var s = t("Thứ hạng \(index) của \(Phrase.list(names, .vi)) qua các kỳ \(span) (1 là cao nhất).",
                  "\(index) ranks of \(Phrase.list(names, .en)), \(span) (1 is best).")
        if let latest = f.latest {
            let r = ranked(f, year: latest).map { t("\(name($0.provinceID)) thứ \($0.rank!)", "\(name($0.provinceID)) \(Phrase.ordinal($0.rank!))") }
            s += t(" Năm \(latest): \(r.joined(separator: ", ")).", " In \(latest): \(r.joined(separator: ", ")).")
        }
        let (counts, editions) = leadCounts(f)
        if editions > 1, let most = counts.max(by: { a, b in a.value != b.value ? a.value < b.value : VietnameseCollation.areInIncreasingOrder(name(b.key), name(a.key)) }) {
            s += t(" \(name(most.key)) xếp cao nhất nhóm trong \(most.value)/\(editions) kỳ.", " \(name(most.key)) ranked highest of the group in \(most.value) of \(editions) editions.")
        }
        let gaps = provinceIDs.compactMap { id -> String? in
            let years = f.years.filter { f.calculator.entry(provinceID: id, year: $0)?.rank == nil }
            return years.isEmpty ? nil : "\(name(id)) (\(Phrase.years(years)))"
        }
        if !gaps.isEmpty { s += t(" Không có thứ hạng: \(gaps.joined(separator: "; ")).", " No rank: \(gaps.joined(separator: "; ")).") }
        return s
    }

    package func scoreDescription(_ f: Facts, span: String) -> String {
        let index = f.history.index
        var s = t("Điểm \(index) của \(Phrase.list(names, .vi)) qua các kỳ \(span).", "\(index) scores of \(Phrase.list(names, .en)), \(span).")
        if let last = f.years.last(where: { y in provinceIDs.contains { f.calculator.entry(provinceID: $0, year: y)?.score != nil } }) {
            let scored = provinceIDs.compactMap { id in f.calculator.entry(provinceID: id, year: last).flatMap { e in e.score.map { (id, $0) } } }
                .sorted { a, b in a.1 != b.1 ? a.1 > b.1 : VietnameseCollation.areInIncreasingOrder(name(a.0), name(b.0)) }
            let list = scored.map { "\(name($0.0)) \(ScoreFormat.string($0.1, language))" }.joined(separator: ", ")
            s += t(" Năm \(last): \(list).", " In \(last): \(list).")
        }
        return s
    }

    // MARK: Components

    package mutating func componentBlocks(_ f: Facts) -> [ReportBlock]? {
        let index = f.history.index
        let own = f.history.components.filter { provinceIDs.contains($0.provinceID) && ComponentCatalog.isPart($0.component, index: index) }
        guard let year = own.map(\.year).filter({ y in f.latest.map { y <= $0 } ?? true }).max() else { return nil }
        let rows = own.filter { $0.year == year }
        notes.use(rows)
        let keys = ComponentCatalog.ordered(Array(Set(rows.map(\.component))), index: index)
        let present = provinceIDs.filter { id in rows.contains { $0.provinceID == id } }
        guard !keys.isEmpty, !present.isEmpty else { return nil }
        var value: [String: Double] = [:]
        for r in rows { value[r.provinceID + "|" + r.component] = r.value }
        let group = ComponentCatalog.groupName(index: index, language)
        let language = self.language
        let cname = { (key: String) in ComponentCatalog.name(key, index: index, language) }
        var blocks: [ReportBlock] = []
        // Grouped bars stay readable for a few provinces (their data table follows the chart); beyond
        // that, or for rank components, a table says it better.
        let scoreKeys = keys.filter { !$0.hasSuffix("_rank") }
        let chartable = present.count <= 4 && !scoreKeys.isEmpty
        if !chartable || scoreKeys.count < keys.count {
            blocks.append(.table(ReportTable(
                caption: t("\(group) \(index) năm \(year)", "\(index) \(group.lowercased()), \(year)"),
                columns: [.init(group)] + present.map { .init(name($0), alignment: .trailing) },
                rows: keys.map { key in
                    [.init(cname(key))] + present.map { id in .init(value[id + "|" + key].map { Phrase.componentValue($0, key: key, language) } ?? NumberFormat.missing) }
                })))
        }
        if chartable {
            let places = scoreKeys.compactMap { k in present.compactMap { value[$0 + "|" + k] }.map { ScoreFormat.places(for: $0) }.max() }.max() ?? 2
            var leaders: [String] = []
            for key in scoreKeys {
                let best = present.compactMap { id in value[id + "|" + key].map { (id, $0) } }.max { a, b in a.1 != b.1 ? a.1 < b.1 : VietnameseCollation.areInIncreasingOrder(name(b.0), name(a.0)) }
                if let best { leaders.append(best.0) }
            }
            let leadText = present.map { id in "\(name(id)) \(leaders.filter { $0 == id }.count)" }.joined(separator: ", ")
            blocks.append(.chart(Chart(
                kind: .bar,
                title: t("\(group) \(index) năm \(year)", "\(index) \(group.lowercased()), \(year)"),
                description: t("Điểm \(scoreKeys.count) \(group.lowercased()) \(index) năm \(year) của \(Phrase.list(present.map(name), .vi)). Số \(group.lowercased()) mà mỗi tỉnh có điểm cao nhất: \(leadText).",
                               "Scores of the \(scoreKeys.count) \(index) \(group.lowercased()) in \(year) for \(Phrase.list(present.map(name), .en)). \(group) in which each province scored highest: \(leadText)."),
                xLabels: scoreKeys.map(cname), xAxisLabel: group,
                series: present.map { id in ChartSeries(name: name(id), values: scoreKeys.map { value[id + "|" + $0] }, styleSlot: ProvinceStyle.slot(id, registry)) },
                yAxis: ChartAxis(label: t("Điểm", "Score"), style: .number(places: places)),
                language: language)))
        }
        return [.section(title: t("\(group) năm \(year)", "\(group), \(year)"), anchor: "\(index.lowercased())-components", blocks: blocks)]
    }
}
