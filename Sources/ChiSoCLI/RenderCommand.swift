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

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Run a Markdown notebook's SQL, chart and chiso blocks and render it.",
        discussion: """
            A notebook is a Markdown file (see notebooks-md/): YAML front matter with title, lang and params; ```sql NAME``` blocks run read-only against the database with :param values bound (never spliced), shown as tables unless marked `hide`; ```chart``` blocks (type: line|bump|bar, data, x, y, series, title) draw a query's result; ```chiso changes``` and ```chiso ranks``` blocks embed what the CLI computes; {{ NAME.COLUMN }} and {{ param.NAME }} put a value in the text. A `province` parameter also binds :province_id and :province_name.

            Any failing query or broken reference is an error naming the notebook's line, and the exit status is 1. So is a query still running after --query-timeout seconds (default 30); a block shows at most 1,000 rows, with a note saying how many were left out.

            Examples:
              chiso render notebooks-md/phu-yen-2020-2022.md
              chiso render notebooks-md/phu-yen-2020-2022.md --param province="Bình Định" --format html -o binh-dinh.html
            """)

    @Argument(help: "The notebook (a .md file).")
    var notebook: String

    @Option(name: .customLong("param"), help: ArgumentHelp("Override a parameter: --param province=\"Bình Định\". Repeatable.", valueName: "name=value"))
    var parameters: [String] = []

    @Option(help: "Output format: md or html.")
    var format: DocumentFormat = .md

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (Markdown charts go in a folder named after it) instead of stdout.", valueName: "file"))
    var output: String?

    @OptionGroup package var store: StoreOptions

    @OptionGroup var notebookLimits: NotebookLimitOptions

    func run() throws {
        var overrides: [String: String] = [:]
        for pair in parameters {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw CLIError(message: "error: --param \(pair): expected NAME=VALUE, e.g. --param year=2022", exitCode: 2)
            }
            overrides[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
        }
        guard let data = FileManager.default.contents(atPath: notebook) else {
            throw CLIError(message: "error: cannot read \(notebook); check the path")
        }
        let parsed = try NotebookParser.parse(String(decoding: data, as: UTF8.self), path: notebook)
        var runner = NotebookRunner(store: try store.open())
        runner.limits = notebookLimits.limits
        let document = try runner.run(parsed, overrides: overrides)
        try DocumentOutput.write(document, format: format, to: output)
    }
}
