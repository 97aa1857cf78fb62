import ArgumentParser
import ChiSoApp
import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore
import Foundation

struct ProvincesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provinces",
        abstract: "List the provinces valid on a date, or resolve a name or code.",
        discussion: """
            Vietnam had 63 provinces until 2025-06-30 and 34 from 2025-07-01; codes were reused (24 was Bắc Giang and is now Bắc Ninh), so a province is a code plus a validity period. Names match without regard to case, diacritics, "Tỉnh"/"Thành phố"/"TP." or common spellings.

            Examples:
              chiso provinces --as-of 2021-01-01        the 63 provinces
              chiso provinces "Phu Yen"                 Phú Yên, and the unit it became
              chiso provinces 24 --as-of 2025-07-01     Bắc Ninh (new)
            """)

    @Argument(help: "A province name or code to resolve (omit to list).")
    var name: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Date (YYYY-MM-DD). Default: today when listing; every period when resolving.", valueName: "date"))
    var asOf: String?

    @OptionGroup package var output: FormatOptions

    func run() throws {
        let registry = ProvinceRegistry.standard
        var day: Day?
        if let asOf {
            guard let d = Day(iso: asOf) else { throw CLIError(message: "error: --as-of \"\(asOf)\" is not a date; write it as YYYY-MM-DD", exitCode: 2) }
            day = d
        }
        let provinces: [Province]
        if let name {
            if let day {
                provinces = [try registry.resolve(name, on: day)]
            } else {
                provinces = try registry.candidates(name, fallbackDay: Day(year: 2024, month: 1, day: 1))
            }
        } else {
            let today = day ?? Self.today()
            provinces = registry.provinces(validOn: today)
        }
        Terminal.write(ProvinceRows.table(provinces, output.lang, registry).render(output.format))
    }

    static func today() -> Day {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!, from: Date())
        return Day(year: c.year!, month: c.month!, day: c.day!)
    }
}
