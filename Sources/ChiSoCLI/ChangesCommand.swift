import ArgumentParser
import ChiSoApp
import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore

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

    @OptionGroup package var store: StoreOptions
    @OptionGroup package var output: FormatOptions

    func run() throws {
        let store = try store.open()
        let registry = ProvinceRegistry.standard
        let indexes = index.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let result = try ProvinceChanges.make(store: store, query: province, year: year, indexes: indexes, registry: registry)
        let (shown, changes, missing) = (result.province, result.changes, result.missingIndexes)
        // A province merged away (Hà Tây after 2008, Phú Yên in the 34-unit DTI 2024) is found under its successor.
        let hint = registry.mergerHint(for: shown, year: year, unitsOf2025: missing.contains(where: IndexCatalog.isUnits2025))
        if changes.isEmpty {
            // Without --index, indexes with no edition that year are not listed as missing: say it plainly.
            let what = missing.isEmpty ? "" : missing.joined(separator: ", ") + " "
            throw CLIError(message: "error: the store has no \(what)\(year) figures for \(shown.name); "
                           + (hint ?? "see the editions with `chiso ranks --index \(missing.first ?? "PCI") --editions`"))
        }
        switch output.format {
        case .table:
            var text = "\(shown.name), \(year)\n"
            for change in changes { text += RankSentence.make(change, language: output.lang, registry: registry) + "\n" }
            if !missing.isEmpty {
                text += output.lang == .vi ? "Không có số liệu \(year): \(missing.joined(separator: ", ")).\n" : "No \(year) figures: \(missing.joined(separator: ", ")).\n"
            }
            Terminal.write(text)
            if !missing.isEmpty, let hint { Terminal.printError("note: " + hint) }
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
