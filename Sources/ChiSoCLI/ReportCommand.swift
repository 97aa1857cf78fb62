import ArgumentParser
import ChiSoKit
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a report as Markdown or one self-contained HTML file, with SVG charts.",
        discussion: """
            Reports are generated from the database by templates: the same database and arguments
            give byte-identical files (add --stamp to print the generation time).
            HTML is one file with inline CSS and SVG (no script, no network). Markdown is
            GitHub-flavoured; its charts are SVG files in a folder named after the file:
            -o reports/phu-yen-2021.md writes reports/phu-yen-2021/*.svg.

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

    @Option(help: ArgumentHelp("md or html (default: from the extension of -o, else html).", valueName: "format"))
    var format: ReportFormat?

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write to FILE instead of stdout; for Markdown, charts go to FILE's name without extension, beside it (stale .svg files there are removed).", valueName: "file"))
    var output: String?

    @Flag(help: "Print the generation time (or SOURCE_DATE_EPOCH) in the footer.")
    var stamp = false

    var generatedAt: String? { stamp ? Ingestor.timestamp() : nil }

    func validate() throws {
        if let output, resolvedFormat == .md, URL(fileURLWithPath: output).pathExtension.isEmpty {
            throw ValidationError("-o \(output): give the Markdown file an extension (e.g. \(output).md), so its chart folder can be named \(URL(fileURLWithPath: output).lastPathComponent)/")
        }
    }

    var resolvedFormat: ReportFormat {
        if let format { return format }
        switch output.map({ URL(fileURLWithPath: $0).pathExtension.lowercased() }) {
        case "md", "markdown": return .md
        default: return .html
        }
    }

    /// Renders and writes the document: to `output`, or to stdout.
    func write(_ document: ReportDocument) throws {
        switch resolvedFormat {
        case .html:
            let html = HTMLRenderer().render(document)
            guard let output else { Terminal.write(html); return }
            try Self.write(html, to: URL(fileURLWithPath: output))
            Terminal.printError("wrote \(output)")
        case .md:
            guard let output else {
                let report = MarkdownRenderer(chartDirectory: "charts").render(document)
                Terminal.write(report.markdown)
                if !report.charts.isEmpty {
                    Terminal.printError("note: the \(report.charts.count) charts were not written; use -o FILE.md to write them to FILE/ beside the report")
                }
                return
            }
            let url = URL(fileURLWithPath: output)
            let folderName = url.deletingPathExtension().lastPathComponent
            let folder = url.deletingLastPathComponent().appendingPathComponent(folderName, isDirectory: true)
            let report = MarkdownRenderer(chartDirectory: folderName).render(document)
            try Self.replaceCharts(report.charts, in: folder)
            try Self.write(report.markdown, to: url)
            let shownFolder = String(output.dropLast(url.pathExtension.count + 1))
            Terminal.printError(report.charts.isEmpty ? "wrote \(output)" : "wrote \(output) and \(report.charts.count) charts in \(shownFolder)/")
        }
    }

    static func write(_ text: String, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw CLIError(message: "error: cannot write \(url.path): \(error.localizedDescription); check that the folder is writable")
        }
    }

    /// Writes the charts and removes other .svg files in the folder, so it holds exactly this report's charts.
    static func replaceCharts(_ charts: [ChartFile], in folder: URL) throws {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: folder.path) {
            let keep = Set(charts.map(\.fileName))
            for name in existing where name.hasSuffix(".svg") && !keep.contains(name) {
                try? fm.removeItem(at: folder.appendingPathComponent(name))
            }
        }
        if !charts.isEmpty {
            do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw CLIError(message: "error: cannot create \(folder.path): \(error.localizedDescription); check that the folder is writable")
            }
        }
        for chart in charts { try write(chart.svg, to: folder.appendingPathComponent(chart.fileName)) }
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case md, html
}

/// Index codes from a comma-separated option, upper-cased; every one must be in the store.
private func indexCodes(_ option: String?, in store: ChiSoStore) throws -> [String] {
    let known = try store.fetchIndexes()
    guard let option else { return IndexCatalog.sorted(known) }
    let codes = option.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
    if let unknown = codes.first(where: { !known.contains($0) }) {
        throw CLIError(message: "error: no \(unknown) data in \(store.path); indexes there: \(known.isEmpty ? "none (run `chiso ingest`)" : IndexCatalog.sorted(known).joined(separator: ", "))")
    }
    var seen = Set<String>()
    return codes.filter { seen.insert($0).inserted }
}

/// Every edition of `index` with the components of `provinceIDs`.
private func history(_ index: String, componentsOf provinceIDs: [String]?, _ store: ChiSoStore) throws -> IndexHistory {
    let components = try provinceIDs.map { try store.fetchComponents(index: index, provinceIDs: $0) } ?? []
    return IndexHistory(index: index, entries: try store.fetchEntries(index: index), editions: try store.fetchEditions(index: index),
                        components: components)
}

struct ProvinceReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "province",
        abstract: "A province's yearly report: ranks, scores, trajectories, components and regional position.",
        discussion: """
            One section per index (default: every index in the database): the headline sentence, rank and
            score against the previous edition, the trajectory over the editions (rank axis inverted,
            gaps where not ranked), the components that gained and lost most, and the position among the
            region's provinces. The footer names every source file and every caveat.

            Example:
              chiso report province --province "Phú Yên" --year 2021 --lang en -o phu-yen-2021.en.html
            """)

    @Option(help: "Province name or GSO code (any spelling: \"Phu Yen\", \"54\").")
    var province: String

    @Option(help: "The edition (year).")
    var year: Int

    @Option(help: ArgumentHelp("Indexes to include, comma-separated (default: every index in the database).", valueName: "PCI,PAPI,DTI"))
    var index: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: ReportOutputOptions

    func run() throws {
        let store = try store.open()
        let registry = ProvinceRegistry.standard
        let candidates = registry.matches(province)
        if candidates.isEmpty { _ = try registry.resolve(province, on: Day(year: year, month: 1, day: 1)) }
        let codes = try indexCodes(index, in: store)
        let entries = try codes.map { try store.fetchEntries(index: $0, year: year) }.flatMap { $0 }
        // A name can denote a pre-2025 province and a post-2025 unit: take the one the editions rank.
        guard let chosen = candidates.first(where: { p in entries.contains { $0.provinceID == p.id } }) else {
            let shown = (try? registry.resolve(province, on: Day(year: year, month: 1, day: 1)))?.name ?? candidates[0].name
            throw CLIError(message: "error: the database has no \(codes.joined(separator: ", ")) \(year) figures for \(shown); see what it holds with `chiso changes --province \"\(province)\" --year \(year)` or `chiso ranks --index \(codes.first ?? "PCI")`")
        }
        let histories = try codes.map { try history($0, componentsOf: [chosen.id], store) }
        let document = ProvinceReport.make(provinceID: chosen.id, year: year, indexes: histories, sources: try store.fetchSources(),
                                           language: output.lang, registry: registry, generatedAt: output.generatedAt)
        try output.write(document)
    }
}

struct IndexReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "The leaderboard of one edition, with movement, the biggest movers and a summary per region.",
        discussion: """
            Example:
              chiso report index --index DTI --year 2022 -o dti-2022.html
            """)

    @Option(help: "Index code: PCI, PAPI, DTI, or any code you ingested.")
    var index: String

    @Option(help: "The edition (year).")
    var year: Int

    @Option(help: ArgumentHelp("How many risers and fallers to show.", valueName: "n"))
    var movers: Int = 5

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: ReportOutputOptions

    func validate() throws {
        guard movers >= 1 else { throw ValidationError("--movers \(movers): give a number of 1 or more") }
    }

    func run() throws {
        let store = try store.open()
        let code = try indexCodes(index, in: store)[0]
        let history = try history(code, componentsOf: nil, store)
        guard history.years.contains(year) else {
            throw CLIError(message: "error: no \(code) \(year) in \(store.path); editions there: \(history.years.map(String.init).joined(separator: ", "))")
        }
        let document = IndexReport.make(history: history, year: year, sources: try store.fetchSources(), language: output.lang,
                                        moversLimit: movers, generatedAt: output.generatedAt)
        try output.write(document)
    }
}

struct CompareReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Provinces side by side over the editions, with rank and score charts.",
        discussion: """
            Name the provinces with --provinces, or take a whole region with --region (six
            socio-economic regions) or --subregion (the traditional eight, e.g. south-central-coast).

            Examples:
              chiso report compare --provinces "Phú Yên,Bình Định,Khánh Hòa" --index PCI,PAPI
              chiso report compare --subregion south-central-coast --index PCI,PAPI -o scc.html
            """)

    @Option(help: ArgumentHelp("Provinces, comma-separated (names or GSO codes).", valueName: "names"))
    var provinces: String?

    @Option(help: ArgumentHelp("Every province of a region: \(Region.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "region"))
    var region: Region?

    @Option(help: ArgumentHelp("Every province of a traditional region: \(Subregion.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "subregion"))
    var subregion: Subregion?

    @Option(help: ArgumentHelp("Indexes to compare, comma-separated (default: every index in the database).", valueName: "PCI,PAPI,DTI"))
    var index: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: ReportOutputOptions

    func validate() throws {
        let given = [provinces != nil, region != nil, subregion != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("name the provinces with exactly one of --provinces, --region or --subregion") }
    }

    func run() throws {
        let store = try store.open()
        let registry = ProvinceRegistry.standard
        let codes = try indexCodes(index, in: store)
        let histories = try codes.map { try history($0, componentsOf: nil, store) }
        // The 63 provinces of 2024 (before the 2025 reorganisation) are the units every edition until then ranked.
        let before2025 = Day(year: 2025, month: 6, day: 30)
        var ids: [String] = []
        var group = ComparisonReport.Group.listed
        if let region {
            ids = registry.provinces(validOn: before2025).filter { $0.region == region }.sorted { VietnameseCollation.areInIncreasingOrder($0.name, $1.name) }.map(\.id)
            group = .region(region)
        } else if let subregion {
            ids = registry.provinces(validOn: before2025).filter { $0.subregion == subregion }.sorted { VietnameseCollation.areInIncreasingOrder($0.name, $1.name) }.map(\.id)
            group = .subregion(subregion)
        } else if let provinces {
            for name in provinces.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                let candidates = registry.matches(name)
                if candidates.isEmpty { _ = try registry.resolve(name, on: before2025) }
                // A name of a pre-2025 province and a 2025 unit: the one with more figures in these indexes.
                let counts = candidates.map { p in histories.map { h in h.entries.filter { $0.provinceID == p.id }.count }.reduce(0, +) }
                let best = candidates.indices.max { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 > $1 }!
                if !ids.contains(candidates[best].id) { ids.append(candidates[best].id) }
            }
            guard !ids.isEmpty else { throw CLIError(message: "error: --provinces names no province; write e.g. --provinces \"Phú Yên,Bình Định\"", exitCode: 2) }
        }
        let withComponents = try histories.map { h in
            var h = h
            h.components = try store.fetchComponents(index: h.index, provinceIDs: ids)
            return h
        }
        let document = ComparisonReport.make(provinceIDs: ids, group: group, indexes: withComponents, sources: try store.fetchSources(),
                                             language: output.lang, registry: registry, generatedAt: output.generatedAt)
        try output.write(document)
    }
}
