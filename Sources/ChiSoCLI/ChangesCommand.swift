import ArgumentParser
import ChiSoKit

struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "A province's ranks in one year and how they changed, as the press writes it.",
        discussion: """
            Each index is compared with the previous edition that ranked the province (not always the year before). change = previous rank - rank: positive means the province moved up. Ranks computed from scores, editions known only in part and the 2025 reorganisation are stated in the sentence, never hidden.

            Example:
              chiso changes --province "Phú Yên" --year 2021
              → PCI 2021: 64,17 điểm (tăng 1,33 điểm), xếp thứ 35/63, tăng 7 bậc so với năm 2020 ...
            """)

    @Option(help: "Province name or GSO code (any spelling: \"Phu Yen\", \"TP HCM\", \"54\").")
    var province: String

    @Option(help: "The edition (year).")
    var year: Int

    @Option(help: ArgumentHelp("Indexes to show, comma-separated (default: every index in the store).", valueName: "PCI,PAPI,DTI"))
    var index: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let store = try store.open()
        let registry = ProvinceRegistry.standard
        let indexes = index.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let result = try ProvinceChanges.make(store: store, query: province, year: year, indexes: indexes, registry: registry)
        let (shown, changes, missing) = (result.province, result.changes, result.missingIndexes)
        if changes.isEmpty {
            throw CLIError(message: "error: the store has no \(missing.joined(separator: ", ")) \(year) figures for \(shown.name); see the editions with `chiso ranks --index \(missing.first ?? "PCI")`")
        }
        switch output.format {
        case .table:
            var text = "\(shown.name), \(year)\n"
            for change in changes { text += RankSentence.make(change, language: output.lang, registry: registry) + "\n" }
            if !missing.isEmpty {
                text += output.lang == .vi ? "Không có số liệu \(year): \(missing.joined(separator: ", ")).\n" : "No \(year) figures: \(missing.joined(separator: ", ")).\n"
            }
            Terminal.write(text)
        case .json:
            let object = JSONValue.object([
                ("province", .string(shown.name)), ("province_code", shown.code.map(JSONValue.string) ?? .null),
                ("year", .int(year)), ("changes", RankChangeRows.table(changes, output.lang, registry).jsonValue),
            ])
            Terminal.write(object.serialized() + "\n")
        case .md, .csv:
            Terminal.write(RankChangeRows.table(changes, output.lang, registry).render(output.format))
        }
    }
}

/// Rank changes as output rows, with the keys JSON users rely on.
enum RankChangeRows {
    static let keys = ["index", "year", "province_code", "province", "rank", "of", "score", "rank_computed",
                       "previous_year", "previous_rank", "previous_of", "change", "score_change", "caveats"]

    static func table(_ changes: [RankChange], _ language: Language, _ registry: ProvinceRegistry) -> OutputTable {
        let headers = language == .vi
            ? ["Chỉ số", "Năm", "Mã", "Tỉnh/Thành phố", "Hạng", "Trên", "Điểm", "Ghi chú hạng", "Năm trước", "Hạng trước", "Trên", "Thay đổi", "Điểm thay đổi", "Lưu ý"]
            : ["Index", "Year", "Code", "Province", "Rank", "Of", "Score", "Rank note", "Previous year", "Previous rank", "Of", "Change", "Score change", "Caveats"]
        let rows: [[OutputValue]] = changes.map { c in
            let p = registry.province(id: c.provinceID)
            func number(_ x: Double?) -> OutputValue { x.map { .number($0, display: ScoreFormat.string($0, language)) } ?? .null }
            func int(_ n: Int?) -> OutputValue { n.map(OutputValue.int) ?? .null }
            let computed = c.rankComputed ? (language == .vi ? "tính từ điểm" : "computed") : ""
            return [.text(c.index), .int(c.year), p?.code.map(OutputValue.text) ?? .null, .text(p?.name ?? c.provinceID),
                    int(c.rank), .int(c.of), number(c.score), .bool(c.rankComputed, display: computed), int(c.previousYear), int(c.previousRank),
                    int(c.previousOf), c.change.map(OutputValue.signed) ?? .null, c.scoreChange.map { .number($0, display: NumberFormat.signed($0, places: ScoreFormat.places(for: c.score ?? $0), language)) } ?? .null,
                    .list(c.caveats.map { RankSentence.caveat(for: $0, c, language, registry) })]
        }
        var notes: [String] = []
        for c in changes {
            for caveat in c.caveats {
                let text = RankSentence.caveat(for: caveat, c, language, registry)
                let line = caveat.isEditionWide ? text : "\(registry.province(id: c.provinceID)?.name ?? c.provinceID): \(text)"
                if !notes.contains(line) { notes.append(line) }
            }
        }
        return OutputTable(keys: keys, headers: headers, rows: rows, humanColumns: humanColumns, footnotes: notes)
    }

    /// Index, rank, of, province, score, rank computed, previous year, previous rank, change, score change.
    static let humanColumns = [0, 4, 5, 3, 6, 7, 8, 9, 11, 12]
}
