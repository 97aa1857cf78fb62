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

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a report as Markdown or one self-contained HTML file, with SVG charts.",
        discussion: """
            Reports are generated from the database by templates (no language model): the same database and arguments give byte-identical files (add --stamp to print the generation time). HTML is one file with inline CSS and SVG (no script, no network). Markdown is GitHub-flavoured; its charts are SVG files in a folder named after the file: -o reports/phu-yen-2021.md writes reports/phu-yen-2021/*.svg. The standard reports listed in chiso.yml are rebuilt by `chiso build`.

            Examples:
              chiso report province --province "Phú Yên" --year 2021 -o phu-yen-2021.html
              chiso report index --index DTI --year 2022 --lang en -o dti-2022.md
              chiso report compare --provinces "Phú Yên,Bình Định,Khánh Hòa" --index PCI,PAPI -o compare.html
            """,
        subcommands: [ProvinceReportCommand.self, IndexReportCommand.self, CompareReportCommand.self])
}

/// Output options shared by the report subcommands.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "Language of the report: vi or en.")
    var lang: Language = .vi

    @Option(help: ArgumentHelp("md or html (default: from the extension of -o, else html); csv or json for the figures of `report compare`.", valueName: "format"))
    var format: DocumentFormat?

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write to FILE instead of stdout; for Markdown, charts go to FILE's name without extension, beside it (stale .svg files there are removed).", valueName: "file"))
    var output: String?

    @Flag(help: "Print the generation time (or SOURCE_DATE_EPOCH) in the footer.")
    var stamp = false

    var generatedAt: String? { stamp ? Ingestor.timestamp() : nil }

    /// True for csv and json: the figures as data rather than a document.
    var isData: Bool { resolvedFormat == .csv || resolvedFormat == .json }

    /// For the reports that have no data form (province, index).
    func requireDocument() throws {
        if isData { throw ValidationError("--format \(resolvedFormat.rawValue) is for `report compare`; for a province's or an edition's figures as data use `chiso panel` or `chiso ranks --format \(resolvedFormat.rawValue)`") }
    }

    func validate() throws {
        if let output, output != "-", resolvedFormat == .md, URL(fileURLWithPath: output).pathExtension.isEmpty {
            throw ValidationError("-o \(output): give the Markdown file an extension (e.g. \(output).md), so its chart folder can be named \(URL(fileURLWithPath: output).lastPathComponent)/")
        }
    }

    var resolvedFormat: DocumentFormat {
        if let format { return format }
        switch output.map({ URL(fileURLWithPath: $0).pathExtension.lowercased() }) {
        case "md", "markdown": return .md
        case "csv": return .csv
        case "json": return .json
        default: return .html
        }
    }

    /// Renders and writes the document: to `output` (for Markdown, with its chart folder holding
    /// exactly this report's charts), or to stdout.
    func write(_ document: ReportDocument) throws {
        let format = resolvedFormat
        // `-o -` is stdout.
        guard let output, output != "-" else { return try DocumentOutput.write(document, format: format, to: nil) }
        let files = DocumentOutput.files(document, format: format, path: output)
        if format == .md {
            let url = URL(fileURLWithPath: output)
            let folder = url.deletingLastPathComponent().appendingPathComponent(url.deletingPathExtension().lastPathComponent)
            let keep = Set(files.dropFirst().map { URL(fileURLWithPath: $0.path).lastPathComponent })
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".svg") && !keep.contains(name) {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
        for file in files { try DocumentOutput.writeFile(file.path, file.text) }
        let charts = files.count - 1
        let shownFolder = String(output.dropLast(URL(fileURLWithPath: output).pathExtension.count + 1))
        Terminal.printError(charts == 0 ? "wrote \(output)" : "wrote \(output) and \(charts) charts in \(shownFolder)/")
    }
}

struct ProvinceReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "province",
        abstract: "A province's yearly report: ranks, scores, trajectories, components and regional position.",
        discussion: """
            One section per index (default: every index in the database): the headline sentence, rank and score against the previous edition, the trajectory over the editions (rank axis inverted, gaps where not ranked), the components that gained and lost most, and the position among the region's provinces. The footer names every source file and every caveat.

            Example:
              chiso report province --province "Phú Yên" --year 2021 --lang en -o phu-yen-2021.en.html
            """)

    @Option(help: "Province name or GSO code (any spelling: \"Phu Yen\", \"54\").")
    var province: String

    @Option(help: "The edition (year).")
    var year: Int

    @Option(help: ArgumentHelp("Indexes to include, comma-separated (default: every index in the database).", valueName: "PCI,PAPI,DTI"))
    var index: String?

    @OptionGroup package var store: StoreOptions
    @OptionGroup package var output: ReportOutputOptions

    func validate() throws { try output.requireDocument() }

    func run() throws {
        let request = ReportRequest(kind: .province, language: output.lang, province: province, year: year, indexes: index)
        try output.write(try request.document(store: try store.open(), generatedAt: output.generatedAt))
    }
}

struct IndexReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "The leaderboard of one edition, with movement, the biggest movers and a summary per region.",
        discussion: """
            Every province of the edition with its rank, score and change on its previous edition; the biggest risers and fallers as a chart; per region the number ranked, the best and worst, the median rank and the movement.

            Example:
              chiso report index --index DTI --year 2022 -o dti-2022.html
            """)

    @Option(help: "Index code: PCI, PAPI, DTI, or any code you ingested.")
    var index: String

    @Option(help: "The edition (year).")
    var year: Int

    @Option(help: ArgumentHelp("How many risers and fallers to show.", valueName: "n"))
    var movers: Int = 5

    @OptionGroup package var store: StoreOptions
    @OptionGroup package var output: ReportOutputOptions

    func validate() throws {
        guard movers >= 1 else { throw ValidationError("--movers \(movers): give a number of 1 or more") }
        try output.requireDocument()
    }

    func run() throws {
        let request = ReportRequest(kind: .index, language: output.lang, year: year, indexes: index, movers: movers)
        try output.write(try request.document(store: try store.open(), generatedAt: output.generatedAt))
    }
}

struct CompareReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Provinces side by side over the editions, with rank and score charts.",
        discussion: """
            Name the provinces with --provinces, or take a whole region with --region (six socio-economic regions) or --subregion (the traditional eight, e.g. south-central-coast).

            Examples:
              chiso report compare --provinces "Phú Yên,Bình Định,Khánh Hòa" --index PCI,PAPI
              chiso report compare --subregion south-central-coast --index PCI,PAPI -o scc.html
              chiso report compare --provinces "Phú Yên,Bình Định" --index PCI,PAPI --format csv
            """)

    @Option(help: ArgumentHelp("Provinces, comma-separated (names or GSO codes).", valueName: "names"))
    var provinces: String?

    @Option(help: ArgumentHelp("Every province of a region: \(Region.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "region"))
    var region: Region?

    @Option(help: ArgumentHelp("Every province of a traditional region: \(Subregion.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "subregion"))
    var subregion: Subregion?

    @Option(help: ArgumentHelp("Indexes to compare, comma-separated (default: every index in the database).", valueName: "PCI,PAPI,DTI"))
    var index: String?

    @OptionGroup package var store: StoreOptions
    @OptionGroup package var output: ReportOutputOptions

    func validate() throws {
        let given = [provinces != nil, region != nil, subregion != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("name the provinces with exactly one of --provinces, --region or --subregion") }
    }

    func run() throws {
        let request = ReportRequest(kind: .compare, language: output.lang, indexes: index, provinces: provinces, region: region, subregion: subregion)
        if output.isData {
            // The comparison's figures as data: one row per province and year (the columns of `chiso panel`).
            let table = try request.comparisonPanel(store: try store.open()).wideTable()
            let text = table.render(output.resolvedFormat == .csv ? .csv : .json)
            if let path = output.output {
                try DocumentOutput.writeFile(path, text)
                Terminal.printError("wrote \(path)")
            } else {
                Terminal.write(text)
            }
            return
        }
        try output.write(try request.document(store: try store.open(), generatedAt: output.generatedAt))
    }
}
