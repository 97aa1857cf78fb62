import ChiSoCore
import ChiSoMetrics

/// The leaderboard of one edition: every province with its rank, score and movement, the biggest
/// movers, and a summary per region. Built from values only.
public enum IndexReport {
    /// - Parameters:
    ///   - history: every edition of the index (entries of all provinces).
    ///   - year: the edition to show.
    ///   - sources: the store's sources; the footer lists those behind the numbers printed.
    ///   - moversLimit: how many movers to show each way.
    ///   - generatedAt: printed in the footer when given; `nil` for reproducible output.
    public static func make(history: IndexHistory, year: Int, sources: [SourceRecord], language: Language,
                            registry: ProvinceRegistry = .standard, moversLimit: Int = 5, generatedAt: String? = nil) -> ReportDocument {
        var builder = IndexReportBuilder(history: history, year: year, language: language, registry: registry)
        return builder.document(sources: sources, moversLimit: moversLimit, generatedAt: generatedAt)
    }
}

package struct IndexReportBuilder {
    package let history: IndexHistory
    package let year: Int
    package let language: Language
    package let registry: ProvinceRegistry
    package let calculator: RankChangeCalculator
    package var notes: ReportFooterNotes

    package init(history: IndexHistory, year: Int, language: Language, registry: ProvinceRegistry) {
        self.history = history
        self.year = year
        self.language = language
        self.registry = registry
        self.calculator = history.calculator(registry: registry)
        self.notes = ReportFooterNotes(language: language, registry: registry)
    }

    package var index: String { history.index }
    package func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
    package func name(_ id: String) -> String { Phrase.provinceName(id, registry) }

    /// The edition before `year`, against which most changes are measured.
    package var previousEditionYear: Int? { history.years.filter { $0 < year }.max() }

    package mutating func document(sources: [SourceRecord], moversLimit: Int, generatedAt: String?) -> ReportDocument {
        let changes = calculator.changes(year: year)
        let edition = calculator.edition(year)
        let of = edition?.of ?? changes.first?.of ?? 0
        for c in changes {
            notes.use(c, calculator)
            notes.add(caveatsOf: c)
        }
        notes.add(partialEdition: edition)
        notes.add(scoreCoverageOf: edition)
        if let previousEditionYear { notes.add(partialEdition: calculator.edition(previousEditionYear)) }
        notes.add(computedRanksAmong: changes.flatMap { c in
            [calculator.entry(provinceID: c.provinceID, year: year)] + [c.previousYear.flatMap { calculator.entry(provinceID: c.provinceID, year: $0) }]
        }.compactMap { $0 }, calculator)
        let movers = Movers.make(changes, limit: moversLimit, registry: registry)

        var blocks: [ReportBlock] = []
        blocks.append(.keyFigures(keyFigures(changes, movers)))
        blocks.append(.paragraph([.text(summary(changes, movers, of: of))]))
        if let previousEditionYear, let previous = calculator.edition(previousEditionYear), previous.present < previous.of {
            blocks.append(.note(kind: .caveat, [.text(t(
                "Kho dữ liệu chỉ có \(previous.present)/\(previous.of) tỉnh của \(index) \(previousEditionYear), nên chỉ \(movers.compared) tỉnh có mức thay đổi thứ hạng.",
                "The store holds only \(previous.present) of the \(previous.of) provinces of \(index) \(previousEditionYear), so only \(movers.compared) provinces have a rank change."))]))
        }
        if let edition, edition.present < edition.of {
            blocks.append(.note(kind: .caveat, [.text(t(
                "Kho dữ liệu chỉ có \(edition.present)/\(edition.of) tỉnh của \(index) \(year): bảng dưới chỉ gồm những tỉnh có số liệu.",
                "The store holds only \(edition.present) of the \(edition.of) provinces of \(index) \(year): the table lists only those."))]))
        }
        if let map = IndexMaps.editionMap(index: index, year: year, calculator: calculator, language: language, registry: registry) { blocks.append(.map(map)) }
        blocks.append(leaderboard(changes))
        blocks.append(moversSection(movers))
        blocks.append(regionSection(changes))
        return ReportDocument(
            title: t("\(index) \(year): bảng xếp hạng các tỉnh, thành phố", "\(index) \(year): provincial leaderboard"),
            language: language,
            subtitle: IndexNames.fullName(index, language) + (IndexNames.publisher(index, language).map { " — " + $0 } ?? ""),
            blocks: blocks,
            footer: notes.footer(sources: sources, generatedAt: generatedAt))
    }

    package func keyFigures(_ changes: [RankChange], _ movers: Movers) -> [ReportBlock.KeyFigure] {
        var figures: [ReportBlock.KeyFigure] = []
        let ranked = changes.filter { $0.rank != nil }
        if let first = ranked.first {
            let top = ranked.filter { $0.rank == first.rank }.map { name($0.provinceID) }
            figures.append(.init(label: t("Dẫn đầu", "Top"), value: Phrase.list(top, language),
                                 change: first.score.map { ScoreFormat.string($0, language) + t(" điểm", " points") }))
        }
        // The last rank the store knows is the bottom only when it knows every rank of the edition.
        if let last = ranked.last, ranked.count > 1, ranked.count >= last.of {
            figures.append(.init(label: t("Cuối bảng", "Bottom"), value: name(last.provinceID),
                                 change: t("thứ \(Phrase.rankOf(last.rank!, last.of))", "ranked \(Phrase.rankOf(last.rank!, last.of))")))
        }
        for (mover, label) in [(movers.up.first, t("Tăng nhiều nhất", "Biggest rise")), (movers.down.first, t("Giảm nhiều nhất", "Biggest fall"))] {
            guard let m = mover, let change = m.change, let previousYear = m.previousYear else { continue }
            figures.append(.init(label: label, value: name(m.provinceID),
                                 change: Phrase.signedPlaces(change, language) + t(" so với \(previousYear)", " on \(previousYear)"),
                                 trend: Phrase.trend(rankChange: change)))
        }
        return figures
    }

    package func summary(_ changes: [RankChange], _ movers: Movers, of: Int) -> String {
        let ranked = changes.filter { $0.rank != nil }
        var s = t("\(index) \(year) xếp hạng \(of) tỉnh, thành phố", "\(index) \(year) ranked \(of) provinces")
        if ranked.count < of { s += t("; kho dữ liệu có thứ hạng của \(ranked.count) tỉnh", "; the store holds \(ranked.count) of their ranks") }
        s += ". "
        let leaders = ranked.prefix(3).map { "\(name($0.provinceID)) (\($0.rank!))" }
        if !leaders.isEmpty {
            s += t("Dẫn đầu: \(Phrase.list(leaders, .vi))", "Top: \(Phrase.list(leaders, .en))")
            if let last = ranked.last, ranked.count > 3, ranked.count >= last.of {
                s += t("; cuối bảng: \(name(last.provinceID)) (\(Phrase.rankOf(last.rank!, last.of)))", "; bottom: \(name(last.provinceID)) (\(Phrase.rankOf(last.rank!, last.of)))")
            }
            s += ". "
        }
        let comparable = changes.filter { $0.change != nil }
        if comparable.isEmpty {
            s += t("Không tỉnh nào có thứ hạng kỳ trước để so sánh.", "No province has an earlier rank to compare with.")
        } else {
            let up = comparable.filter { $0.change! > 0 }.count, down = comparable.filter { $0.change! < 0 }.count
            let flat = comparable.count - up - down
            s += t("So với kỳ trước, trong \(comparable.count) tỉnh có thứ hạng để so sánh, \(up) tỉnh tăng hạng, \(down) tỉnh giảm hạng, \(flat) tỉnh giữ nguyên.",
                   "On the previous edition, of the \(comparable.count) provinces with a rank to compare, \(up) moved up, \(down) moved down and \(flat) kept their rank.")
        }
        return s
    }

    // MARK: Leaderboard

    package func leaderboard(_ changes: [RankChange]) -> ReportBlock {
        let previousYear = previousEditionYear
        let missing = NumberFormat.missing
        // The province names the row (a row header), its region follows; the score carries an
        // inline bar from the edition's lowest score (a stub) to its highest (full length).
        var columns: [ReportTable.Column] = [.init(t("Tỉnh, thành phố", "Province")), .init(t("Vùng", "Region"), hiddenOnPhone: true),
                                             .init(t("Hạng", "Rank"), alignment: .trailing), .init(t("Điểm", "Score"), alignment: .trailing)]
        let scores = changes.compactMap(\.score).filter(\.isFinite)
        let (lowScore, topScore) = (scores.min(), scores.max())
        func bar(_ score: Double?) -> Double? {
            guard let score, let lowScore, let topScore, topScore > lowScore else { return nil }
            return 0.08 + 0.92 * (score - lowScore) / (topScore - lowScore)
        }
        // The tiers VCCI publishes with the PCI (Rất tốt … Thấp), when the edition has them.
        let tiers = changes.map { IndexMaps.tier(calculator.entry(provinceID: $0.provinceID, year: year)?.note) }
        let withTiers = tiers.contains { $0 != nil }
        if withTiers { columns.append(.init(t("Nhóm (VCCI)", "Tier (VCCI)"))) }
        // PAPI publishes four groups the datasets do not carry: ChiSo's own quartiles of the scores, said so.
        let quartiles = index == "PAPI" && !withTiers
            ? ScoreQuartiles.groups(Dictionary(changes.compactMap { c in c.score.map { (c.provinceID, $0) } }, uniquingKeysWith: { a, _ in a }))
            : [:]
        if !quartiles.isEmpty { columns.append(.init(t("Nhóm (tứ phân vị, ChiSo tính)*", "Group (ChiSo quartile)*"))) }
        // On a phone the change stands for the previous rank, so the table fits the screen.
        columns.append(.init(previousYear.map { t("Hạng \($0)", "\($0) rank") } ?? t("Kỳ trước", "Previous"), alignment: .trailing, hiddenOnPhone: true))
        columns.append(.init(t("Thay đổi (bậc)", "Change (places)"), alignment: .trailing))
        var rows: [[ReportTable.Cell]] = changes.enumerated().map { i, c in
            let region = registry.province(id: c.provinceID).map { Phrase.regionShortName($0.region, language) } ?? missing
            var row: [ReportTable.Cell] = [.init(name(c.provinceID)), .init(region),
                                           .init(c.rank.map { String($0) + (c.rankComputed ? "†" : "") } ?? missing)]
            row.append(.init(c.score.map { ScoreFormat.string($0, language) } ?? missing,
                             bar: bar(c.score)))
            if withTiers { row.append(.init(tiers[i].map { IndexMaps.tierName($0, language) } ?? missing)) }
            if !quartiles.isEmpty { row.append(.init(quartiles[c.provinceID].map { Phrase.quartileName($0, language) } ?? missing)) }
            var previous = missing
            if let rank = c.previousRank, let y = c.previousYear {
                previous = (c.previousOf ?? c.of) == c.of ? String(rank) : Phrase.rankOf(rank, c.previousOf!)
                if y != previousYear { previous += " (\(y))" }
            }
            row.append(.init(previous))
            row.append(c.change.map { .init(NumberFormat.signed($0, language), trend: Phrase.trend(rankChange: $0)) } ?? .init(missing))
            return row
        }
        // A column the edition does not publish (fewer than a quarter of the provinces have a value)
        // is left out, and said once, with its few values.
        let hidden = columns.indices.dropFirst(3).filter { col in
            !rows.isEmpty && rows.filter { $0[col].text != missing }.count * 4 < rows.count
        }
        var hiddenRemarks: [String] = []
        for col in hidden {
            let header = columns[col].header.lowercased()
            let filled = rows.indices.filter { rows[$0][col].text != missing }
            if filled.isEmpty {
                hiddenRemarks.append(t("Không có cột \(header): kho dữ liệu không có số liệu này của \(index) \(year).",
                                       "No \(header) column: the store has no such figures for \(index) \(year)."))
            } else if filled.count <= 15 {
                let items = filled.map { "\(rows[$0][0].text) \(rows[$0][col].text)" }
                hiddenRemarks.append(t("Không có cột \(header): chỉ \(filled.count)/\(rows.count) tỉnh có số liệu này trong kho — \(Phrase.list(items, .vi)).",
                                       "No \(header) column: only \(filled.count) of \(rows.count) provinces have it in the store — \(Phrase.list(items, .en))."))
            } else {
                hiddenRemarks.append(t("Không có cột \(header): chỉ \(filled.count)/\(rows.count) tỉnh có số liệu này trong kho (xem trang từng tỉnh).",
                                       "No \(header) column: only \(filled.count) of \(rows.count) provinces have it in the store (see each province's page)."))
            }
        }
        let barsShown = !hidden.contains(3)
        for col in hidden.reversed() {
            columns.remove(at: col)
            for r in rows.indices { rows[r].remove(at: col) }
        }
        var blocks: [ReportBlock] = [.table(ReportTable(
            caption: t("Bảng xếp hạng \(index) \(year) (\(changes.first?.of ?? 0) tỉnh, thành phố)", "\(index) \(year) leaderboard (\(changes.first?.of ?? 0) provinces)"),
            columns: columns, rows: rows))]
        var remarks: [String] = []
        if changes.contains(where: \.rankComputed) {
            remarks.append(t("† Thứ hạng tính từ điểm số (nguồn không công bố).", "† Rank computed from the scores (not published by the sources)."))
        }
        if barsShown, let lowScore, let topScore, topScore > lowScore {
            remarks.append(t("Thanh cạnh điểm: ngắn nhất là điểm thấp nhất của kỳ (\(ScoreFormat.string(lowScore, language))), dài nhất là điểm cao nhất (\(ScoreFormat.string(topScore, language)))."
                             , "The bar by each score runs from the edition's lowest score (shortest, \(ScoreFormat.string(lowScore, language))) to its highest (full, \(ScoreFormat.string(topScore, language)))."))
        }
        if !quartiles.isEmpty {
            remarks.append(t("* Nhóm là tứ phân vị do ChiSo tính từ điểm tổng hợp PAPI trong kho dữ liệu (mỗi nhóm khoảng một phần tư số tỉnh, từ Cao nhất đến Thấp nhất), không phải nhóm in trong báo cáo PAPI: hai cách chia có thể khác nhau.",
                             "* Groups are quartiles ChiSo computed from the PAPI total scores in the store (about a quarter of the provinces each, High to Low), not the groups printed in the PAPI report: the two can differ."))
        }
        remarks += hiddenRemarks
        blocks += remarks.map { .paragraph([.text($0)]) }
        return .section(title: t("Bảng xếp hạng", "Leaderboard"), anchor: "leaderboard", blocks: blocks)
    }

    // MARK: Movers

    package func moversSection(_ movers: Movers) -> ReportBlock {
        var blocks: [ReportBlock] = []
        let shown = movers.up + movers.down
        guard !shown.isEmpty else {
            blocks.append(.paragraph([.text(t("Không có tỉnh nào thay đổi thứ hạng so với kỳ trước trong số liệu của kho.",
                                              "No province changed rank on its previous edition in the store's data."))]))
            return .section(title: t("Tăng, giảm nhiều nhất", "Biggest movers"), anchor: "movers", blocks: blocks)
        }
        func item(_ c: RankChange) -> String { "\(name(c.provinceID)) (\(NumberFormat.signed(c.change!, language)))" }
        var description = t("Số bậc thay đổi so với kỳ trước của \(movers.up.count) tỉnh tăng hạng nhiều nhất và \(movers.down.count) tỉnh giảm hạng nhiều nhất, trong \(movers.compared) tỉnh có thứ hạng để so sánh.",
                            "Places gained or lost on the previous edition by the \(movers.up.count) biggest risers and \(movers.down.count) biggest fallers, of the \(movers.compared) provinces with a rank to compare.")
        if let up = movers.up.first { description += t(" Tăng nhiều nhất: \(item(up)).", " Biggest rise: \(item(up)).") }
        if let down = movers.down.first { description += t(" Giảm nhiều nhất: \(item(down)).", " Biggest fall: \(item(down)).") }
        blocks.append(.chart(Chart(
            kind: .bar,
            title: t("\(index) \(year): tăng, giảm hạng nhiều nhất", "\(index) \(year): biggest rises and falls"),
            description: description,
            xLabels: shown.map { name($0.provinceID) }, xAxisLabel: t("Tỉnh, thành phố", "Province"),
            series: [ChartSeries(name: t("Thay đổi (bậc)", "Change (places)"), values: shown.map { Double($0.change!) })],
            yAxis: ChartAxis(label: t("Thay đổi thứ hạng (bậc)", "Rank change (places)"), style: .signed(places: 0)),
            language: language)))
        func line(_ c: RankChange) -> [ReportBlock.Inline] {
            let direction = c.change! > 0 ? "lên" : "xuống"
            return [.strong(name(c.provinceID)),
                    .text(t(": từ thứ \(c.previousRank!) (\(c.previousYear!)) \(direction) thứ \(c.rank!)", ": from \(c.previousRank!) (\(c.previousYear!)) to \(c.rank!)")
                          + " (\(Phrase.signedPlaces(c.change!, language))).")]
        }
        blocks.append(.list(shown.map(line)))
        return .section(title: t("Tăng, giảm nhiều nhất", "Biggest movers"), anchor: "movers", blocks: blocks)
    }

    // MARK: Regions

    package func regionSection(_ changes: [RankChange]) -> ReportBlock {
        let summaries = RegionSummary.make(changes, registry: registry)
        var blocks: [ReportBlock] = []
        let withMedian = summaries.filter { $0.medianRank != nil }
        let medianText = { (x: Double) in NumberFormat.decimal(x, places: x == x.rounded() ? 0 : 1, self.language) }
        if let best = withMedian.min(by: { $0.medianRank! < $1.medianRank! }), let worst = withMedian.max(by: { $0.medianRank! < $1.medianRank! }), withMedian.count > 1 {
            blocks.append(.paragraph([.text(t(
                "Hạng trung vị tốt nhất thuộc vùng \(best.region.vietnameseName) (\(medianText(best.medianRank!))), kém nhất là vùng \(worst.region.vietnameseName) (\(medianText(worst.medianRank!))).",
                "The best median rank is the \(best.region.englishName) region's (\(medianText(best.medianRank!))), the worst the \(worst.region.englishName) region's (\(medianText(worst.medianRank!))).")
                + (summaries.contains { $0.ranked < $0.provinces } ? t(" Vùng có tỉnh thiếu số liệu chỉ tính trên các tỉnh có thứ hạng.", " Regions with missing provinces are summarised over the ranked ones only.") : ""))]))
        }
        let fullScores = summaries.allSatisfy { $0.scored == $0.ranked } && summaries.contains { $0.scored > 0 }
        var columns: [ReportTable.Column] = [
            .init(t("Vùng", "Region")), .init(t("Có thứ hạng", "Ranked"), alignment: .trailing),
            .init(t("Tốt nhất", "Best")), .init(t("Kém nhất", "Worst")), .init(t("Hạng trung vị", "Median rank"), alignment: .trailing),
        ]
        if fullScores { columns.append(.init(t("Điểm trung bình", "Mean score"), alignment: .trailing)) }
        columns += [.init(t("Tăng hạng", "Up"), alignment: .trailing), .init(t("Giảm hạng", "Down"), alignment: .trailing)]
        let missing = NumberFormat.missing
        let rows: [[ReportTable.Cell]] = summaries.map { s in
            var row: [ReportTable.Cell] = [
                .init(Phrase.regionName(s.region, language)), .init("\(s.ranked)/\(s.provinces)"),
                .init(s.best.map { "\(name($0.provinceID)) (\($0.rank!))" } ?? missing),
                .init(s.worst.map { "\(name($0.provinceID)) (\($0.rank!))" } ?? missing),
                .init(s.medianRank.map(medianText) ?? missing),
            ]
            if fullScores { row.append(.init(s.meanScore.map { ScoreFormat.string($0, language) } ?? missing)) }
            row += [.init(String(s.up)), .init(String(s.down))]
            return row
        }
        blocks.append(.table(ReportTable(caption: t("\(index) \(year) theo vùng", "\(index) \(year) by region"), columns: columns, rows: rows)))
        if withMedian.count > 1 {
            let ordered = withMedian.sorted { $0.medianRank! != $1.medianRank! ? $0.medianRank! < $1.medianRank! : Region.allCases.firstIndex(of: $0.region)! < Region.allCases.firstIndex(of: $1.region)! }
            blocks.append(.chart(Chart(
                kind: .bar,
                title: t("\(index) \(year): hạng trung vị theo vùng", "\(index) \(year): median rank by region"),
                description: t("Hạng trung vị của các tỉnh có thứ hạng trong mỗi vùng; hạng càng nhỏ càng tốt. Tốt nhất: \(ordered.first!.region.vietnameseName) (\(medianText(ordered.first!.medianRank!))); kém nhất: \(ordered.last!.region.vietnameseName) (\(medianText(ordered.last!.medianRank!))).",
                               "Median rank of each region's ranked provinces; smaller is better. Best: \(ordered.first!.region.englishName) (\(medianText(ordered.first!.medianRank!))); worst: \(ordered.last!.region.englishName) (\(medianText(ordered.last!.medianRank!)))."),
                xLabels: ordered.map { Phrase.regionName($0.region, language) }, xAxisLabel: t("Vùng", "Region"),
                series: [ChartSeries(name: t("Hạng trung vị", "Median rank"), values: ordered.map(\.medianRank))],
                yAxis: ChartAxis(label: t("Hạng trung vị (nhỏ hơn là tốt hơn)", "Median rank (smaller is better)"),
                                 style: .number(places: ordered.contains { $0.medianRank! != $0.medianRank!.rounded() } ? 1 : 0)),
                language: language)))
        }
        return .section(title: t("Theo vùng", "By region"), anchor: "regions", blocks: blocks)
    }
}
