import ChiSoCore
import ChiSoMetrics

/// Collects, while a builder writes a report, the source files behind the numbers it prints and the
/// caveats a reader must know; then makes the footer.
package struct ReportFooterNotes {
    package let language: Language
    package let registry: ProvinceRegistry
    package private(set) var files: Set<String> = []
    package private(set) var indexes: [String] = []

    /// Caveats in the order first met; those about computed ranks gather their years, so each index
    /// gets one line however many editions it concerns.
    private enum Item: Equatable {
        case text(String)
        case computed(index: String)
        case incomplete(index: String)
        case partial(index: String)
    }
    private var items: [Item] = []
    private var computedYears: [String: Set<Int>] = [:]
    private var incompleteYears: [String: [Int: (scored: Int, of: Int)]] = [:]
    private var partialYears: [String: [Int: (present: Int, of: Int)]] = [:]

    package init(language: Language, registry: ProvinceRegistry) {
        self.language = language
        self.registry = registry
    }

    package mutating func use(file: String) {
        if !file.isEmpty { files.insert(file) }
    }

    package mutating func use(_ entry: RankingEntry?) {
        guard let entry else { return }
        use(file: entry.sourceFile)
        if !indexes.contains(entry.index) { indexes.append(entry.index) }
    }

    /// The files behind a printed change: the two entries compared, the predecessors across the
    /// reorganisation, and for a computed rank every file of that edition (the rank depends on all scores).
    package mutating func use(_ change: RankChange, _ calculator: RankChangeCalculator) {
        use(provinceID: change.provinceID, year: change.year, calculator)
        if let previousYear = change.previousYear { use(provinceID: change.provinceID, year: previousYear, calculator) }
        for caveat in change.caveats {
            if case let .acrossReorganisation(previousYear, predecessors) = caveat {
                for p in predecessors { use(provinceID: p.provinceID, year: previousYear, calculator) }
            }
        }
    }

    /// The file of one entry; for a computed rank, the files of every score of its edition.
    package mutating func use(provinceID: String, year: Int, _ calculator: RankChangeCalculator) {
        guard let entry = calculator.entry(provinceID: provinceID, year: year) else { return }
        use(entry)
        if entry.rankComputed {
            for other in calculator.entries(year: year) where other.score != nil { use(file: other.sourceFile) }
        }
    }

    package mutating func use(_ components: [ComponentValue]) {
        for c in components { use(file: c.sourceFile) }
    }

    package mutating func add(caveat text: String) {
        if !items.contains(.text(text)) { items.append(.text(text)) }
    }

    /// A rank of `index` in `year` computed while the store knows only `scored` of the `of` scores.
    package mutating func add(incompleteScoresOf index: String, year: Int, scored: Int, of: Int) {
        if incompleteYears[index] == nil { items.append(.incomplete(index: index)) }
        incompleteYears[index, default: [:]][year] = (scored, of)
    }

    /// The caveats, as sentences.
    package var caveats: [String] {
        items.map { item in
            switch item {
            case .text(let text): return text
            case .computed(let index):
                let y = Phrase.years(Array(computedYears[index]!))
                return language == .vi
                    ? "\(index): thứ hạng năm \(y) được tính từ điểm số (xếp hạng kiểu 1, 2, 2, 4) vì nguồn không công bố thứ hạng của mọi tỉnh."
                    : "\(index): ranks for \(y) are computed from the scores (competition ranking: 1, 2, 2, 4) because the sources do not publish every province's rank."
            case .partial(let index):
                let years = partialYears[index]!.keys.sorted()
                if years.count == 1, let (present, of) = partialYears[index]![years[0]] {
                    return language == .vi
                        ? "\(index) \(years[0]): kho dữ liệu chỉ có \(present)/\(of) tỉnh của kỳ xếp hạng này; các so sánh chỉ dựa trên những tỉnh có số liệu."
                        : "\(index) \(years[0]): the store holds only \(present) of the edition's \(of) provinces; comparisons use only the provinces with data."
                }
                let list = Phrase.list(years.map { "\($0) (\(partialYears[index]![$0]!.present)/\(partialYears[index]![$0]!.of))" }, language)
                return language == .vi
                    ? "\(index): kho dữ liệu thiếu một số tỉnh ở các kỳ \(list); các so sánh chỉ dựa trên những tỉnh có số liệu."
                    : "\(index): the store lacks some provinces in \(list); comparisons use only the provinces with data."
            case .incomplete(let index):
                let years = incompleteYears[index]!.keys.sorted()
                let counts = years.map { "\(incompleteYears[index]![$0]!.scored)/\(incompleteYears[index]![$0]!.of)" }
                if years.count == 1 {
                    return language == .vi
                        ? "\(index): thứ hạng năm \(years[0]) tính từ điểm của \(counts[0]) tỉnh có số liệu, nên có thể khác thứ hạng đầy đủ."
                        : "\(index): \(years[0]) ranks are computed from the scores of the \(counts[0]) provinces with data, so they may differ from a full ranking."
                }
                let list = Phrase.list(years.map(String.init), language), countList = Phrase.list(counts, language)
                return language == .vi
                    ? "\(index): thứ hạng năm \(list) tính từ điểm của các tỉnh có số liệu (lần lượt \(countList) tỉnh), nên có thể khác thứ hạng đầy đủ."
                    : "\(index): ranks for \(list) are computed from the scores of the provinces with data (\(countList) respectively), so they may differ from a full ranking."
            }
        }
    }

    /// The caveats a change carries, prefixed with what they are about.
    package mutating func add(caveatsOf change: RankChange) {
        for caveat in change.caveats {
            let text = RankSentence.caveat(for: caveat, change, language, registry)
            switch caveat {
            case let .computedFromIncompleteScores(index, year, scored, of):
                add(incompleteScoresOf: index, year: year, scored: scored, of: of)
            case .differentFieldSize, .methodChange:
                add(caveat: "\(change.index): \(text).")
            case .previousRankComputed:
                // The footer's computed-ranks note already says which editions' ranks were computed.
                break
            case .acrossReorganisation:
                add(caveat: "\(change.index) \(change.year), \(Phrase.provinceName(change.provinceID, registry)): \(text).")
            }
        }
    }

    /// "PCI: ranks for 2020–2021 are computed from the scores ...".
    package mutating func add(computedRanksOf index: String, years: [Int]) {
        guard !years.isEmpty else { return }
        if computedYears[index] == nil { items.append(.computed(index: index)) }
        computedYears[index, default: []].formUnion(years)
    }

    /// The edition-wide caveats of the computed ranks among `entries` (one index): computed at all,
    /// and computed from an incomplete set of scores.
    package mutating func add(computedRanksAmong entries: [RankingEntry], _ calculator: RankChangeCalculator) {
        let computed = entries.filter(\.rankComputed)
        guard let index = computed.first?.index else { return }
        add(computedRanksOf: index, years: computed.map(\.year))
        for year in Set(computed.map(\.year)).sorted() {
            if let edition = calculator.edition(year), !edition.scoresComplete {
                add(incompleteScoresOf: index, year: year, scored: edition.scored, of: edition.of)
            }
        }
    }

    /// A caveat when the editions shown ranked different numbers of provinces.
    package mutating func add(fieldSizesOf index: String, editions: [EditionSummary]) {
        var runs: [(of: Int, years: [Int])] = []
        for e in editions.sorted(by: { $0.year < $1.year }) {
            if let last = runs.last, last.of == e.of { runs[runs.count - 1].years.append(e.year) } else { runs.append((e.of, [e.year])) }
        }
        guard Set(runs.map(\.of)).count > 1 else { return }
        let list = runs.map { language == .vi ? "\($0.of) năm \(Phrase.years($0.years))" : "\($0.of) in \(Phrase.years($0.years))" }
            .joined(separator: "; ")
        add(caveat: language == .vi
            ? "\(index): số tỉnh được xếp hạng khác nhau giữa các kỳ (\(list)), nên thứ hạng giữa các kỳ không hoàn toàn so sánh được."
            : "\(index): the number of provinces ranked differs between editions (\(list)), so ranks are not strictly comparable across them.")
    }

    /// A caveat when the store holds only part of an edition.
    package mutating func add(partialEdition e: EditionSummary?) {
        guard let e, e.present < e.of else { return }
        if partialYears[e.index] == nil { items.append(.partial(index: e.index)) }
        partialYears[e.index, default: [:]][e.year] = (e.present, e.of)
    }

    /// A caveat when an edition's ranks are known but most of its scores are not (DTI 2022).
    package mutating func add(scoreCoverageOf e: EditionSummary?) {
        guard let e, e.scored > 0, e.scored < e.present else { return }
        add(caveat: language == .vi
            ? "\(e.index) \(e.year): nguồn chỉ cho điểm của \(e.scored)/\(e.of) tỉnh; các ô điểm khác để trống (—)."
            : "\(e.index) \(e.year): the sources give the scores of only \(e.scored) of the \(e.of) provinces; the other score cells are empty (—).")
    }

    /// The footer: the files used (in name order) with their hash and ingest day, the caveats, and
    /// the publishers of the indexes used.
    package func footer(sources: [SourceRecord], extraFiles: [String] = [], generatedAt: String?) -> ReportFooter {
        let used = files.union(extraFiles.filter { !$0.isEmpty })
        let listed = sources.filter { used.contains($0.fileName) }
            .sorted { $0.fileName.unicodeScalars.lexicographicallyPrecedes($1.fileName.unicodeScalars) }
            .map { ReportFooter.SourceFile(name: $0.fileName, sha256: $0.sha256, ingestDate: String($0.ingestedAt.prefix(10))) }
        let vi = language == .vi
        let publishers = IndexCatalog.sorted(Array(Set(indexes.map(IndexCatalog.baseIndex)))).compactMap { index in IndexNames.publisher(index, language).map { "\(index): \($0)" } }
        var attribution = publishers.isEmpty ? "" : (vi ? "Số liệu của " : "Data owners: ") + publishers.joined(separator: "; ") + ". "
        attribution += vi
            ? "Số liệu giữ nguyên như nguồn công bố, không nội suy; mọi con số dẫn được tệp nguồn ở trên. Báo cáo tạo bằng ChiSo."
            : "Values are as published, nothing interpolated; every number traces to a source file above. Report made with ChiSo."
        if let generatedAt { attribution += vi ? " Tạo lúc \(generatedAt)." : " Generated \(generatedAt)." }
        return ReportFooter(sources: listed, caveats: caveats, attribution: attribution)
    }
}
