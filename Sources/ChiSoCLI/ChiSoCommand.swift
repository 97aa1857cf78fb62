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

/// `chiso`: Vietnam's provincial rankings and administrative-procedure statistics, as numbers and reports.
public struct ChiSoCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "chiso",
        abstract: "Vietnam's provincial rankings (PCI, PAPI, DTI) and one-stop-shop statistics as the numbers and reports people publish.",
        discussion: """
            Without --db (or CHISO_DB), commands use ./chiso.sqlite, created on first use from the bundled datasets (PCI 2005-2024, PAPI 2011-2024, DTI 2020-2024, dossier statistics of Kon Tum and Thái Nguyên 2023; see datasets/SOURCES.md). A database named with --db starts empty: fill it with `chiso ingest`.

            Examples:
              chiso changes --province "Phú Yên" --year 2021
              chiso ranks --index PCI --year 2021 --format md
              chiso ingest --index PCI --year 2023 pci-2023.csv --db my.sqlite
              chiso report province --province "Phú Yên" --year 2021 -o phu-yen-2021.html
              chiso rates --province "Kon Tum" --year 2023 --by level
            """,
        version: "chiso \(ChiSoVersion.current)",
        subcommands: [
            ChangesCommand.self, RanksCommand.self, PanelCommand.self, ProvincesCommand.self,
            ReportCommand.self, RenderCommand.self, BuildCommand.self, RatesCommand.self, ServiceIndexCommand.self,
            InitCommand.self, IngestCommand.self, ValidateCommand.self, SourcesCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line: data errors exit 1, usage errors 2; messages go to stderr.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let error as CLIError {
            Terminal.printError(error.message)
            Foundation.exit(error.exitCode)
        } catch let error as UseCaseError {
            Terminal.printError(error.message)
            Foundation.exit(error.kind == .usage ? 2 : 1)
        } catch let error as EditionRanks.Failure {
            Terminal.printError("error: \(error)")
            Foundation.exit(1)
        } catch let error as IngestError {
            Terminal.printError(error.description)
            Foundation.exit(1)
        } catch let error as StoreError {
            Terminal.printError(error.description)
            Foundation.exit(1)
        } catch let error as NotebookError {
            Terminal.printError(error.description)
            Foundation.exit(1)
        } catch let error as ProvinceLookupError {
            Terminal.printError("error: \(error.message)")
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Terminal.printError(fullMessage(for: error))
            // ArgumentParser reports usage errors as EX_USAGE (64); ChiSo promises 2, like most Unix tools.
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// An error of the command line itself, with its exit status.
struct CLIError: Error {
    var message: String
    var exitCode: Int32 = 1
}
