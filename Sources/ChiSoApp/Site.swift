import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore
import Foundation

/// What `chiso build` renders, read from `chiso.yml` at the repository root.
public struct SiteConfig: Sendable, Equatable {
    /// The output folder, relative to the configuration file.
    public var out: String
    /// The folder of notebooks to render (every `.md` in it).
    public var notebooks: String
    /// Output formats of every page.
    public var formats: [String]
    /// The ingest date recorded for the bundled datasets when the build makes its own database, so
    /// pages name the same date on every machine.
    public var sourceDate: Day
    /// Standard reports, each a map of settings (`kind: province|index|compare`, …).
    public var reports: [[String: String]]
    /// Dashboard pages to make (`dashboard: [landing, provinces, editions, regions]`), HTML only;
    /// empty: only the reports, the notebooks and an index page.
    public var dashboard: [String] = []

    public static func parse(_ text: String, path: String) throws(NotebookError) -> SiteConfig {
        let loaded: Any?
        do { loaded = try SafeYAML.load(text) } catch let problem as SafeYAML.Problem {
            throw NotebookError(path: path, line: problem.line, message: problem.message)
        } catch {
            throw NotebookError(path: path, line: 1, message: "not valid YAML: \(error)")
        }
        guard let map = loaded as? [String: Any] else { throw NotebookError(path: path, line: 1, message: "expected settings as key: value lines") }
        func list(_ key: String) -> [String]? {
            if let items = map[key] as? [Any] { return items.map { "\($0)" } }
            return map[key].map { ["\($0)"] }
        }
        // YAML reads an unquoted 2026-11-25 as a timestamp.
        let dateText = (map["source_date"] as? Date).map { String(ISO8601DateFormatter().string(from: $0).prefix(10)) }
            ?? map["source_date"].map { "\($0)" } ?? ""
        guard let date = Day(iso: dateText) else {
            throw NotebookError(path: path, line: 1, message: "source_date \"\(dateText)\" is not a date (YYYY-MM-DD): it is the ingest date the pages show for the bundled datasets")
        }
        let formats = list("formats") ?? ["html", "md"]
        if let bad = formats.first(where: { !["html", "md"].contains($0) }) {
            throw NotebookError(path: path, line: 1, message: "format \"\(bad)\" is not html or md")
        }
        var reports: [[String: String]] = []
        for item in map["reports"] as? [Any] ?? [] {
            guard let settings = item as? [String: Any] else { throw NotebookError(path: path, line: 1, message: "each report is a map of settings (kind: province, province: …)") }
            reports.append(settings.mapValues { value in
                (value as? [Any]).map { $0.map { "\($0)" }.joined(separator: ",") } ?? "\(value)"
            })
        }
        let dashboard = list("dashboard") ?? []
        let pageKinds = ["landing", "provinces", "editions", "regions"]
        if let bad = dashboard.first(where: { !pageKinds.contains($0) }) {
            throw NotebookError(path: path, line: 1, message: "dashboard page \"\(bad)\" is not one of \(pageKinds.joined(separator: ", "))")
        }
        var config = SiteConfig(out: map["out"].map { "\($0)" } ?? "reports", notebooks: map["notebooks"].map { "\($0)" } ?? "notebooks-md",
                                formats: formats, sourceDate: date, reports: reports)
        config.dashboard = dashboard
        return config
    }
}

/// A page of the built site: its path under the output folder and its text.
public struct SiteFile: Sendable, Equatable {
    public var path: String
    public var text: String
}

/// Renders every notebook and standard report into files, in memory; the CLI writes or compares them.
public struct SiteBuilder {
    public var config: SiteConfig
    public var store: ChiSoStore
    /// Makes the document of one standard report entry (the reports layer); nil skips `reports:`.
    public var makeReport: (([String: String]) throws -> [(name: String, document: ReportDocument)])?
    /// Each notebook sql block's time budget and rows shown.
    public var queryLimits = QueryLimits(timeout: NotebookRunner.defaultQueryTimeout, maxRows: NotebookRunner.defaultMaxRows)

    public init(config: SiteConfig, store: ChiSoStore, makeReport: (([String: String]) throws -> [(name: String, document: ReportDocument)])? = nil) {
        self.config = config; self.store = store; self.makeReport = makeReport
    }

    /// `notebooks` maps each notebook's path (as shown in errors) to its text.
    /// Every page is made inside one read transaction (`ChiSoStore.snapshot`): an ingest that commits
    /// during the build cannot leave some pages showing the data before it and others after.
    public func build(notebooks: [(path: String, text: String)]) throws -> [SiteFile] {
        try store.snapshot { try buildPages(notebooks: notebooks) }
    }

    private func buildPages(notebooks: [(path: String, text: String)]) throws -> [SiteFile] {
        var files: [SiteFile] = []
        var links: [(group: String, title: String, href: String)] = []
        var runner = NotebookRunner(store: store)
        runner.limits = queryLimits
        for (path, text) in notebooks.sorted(by: { $0.path < $1.path }) {
            let document = try runner.run(try NotebookParser.parse(text, path: path))
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            files += render(document, name: "notebooks/\(stem)")
            links.append(("notebooks", document.title, "notebooks/\(stem)"))
        }
        for entry in config.reports {
            for (name, document) in try makeReport?(entry) ?? [] {
                files += render(document, name: name)
                links.append(("reports", document.title, name))
            }
        }
        let pages = Set(config.dashboard.compactMap(Dashboard.Page.init(rawValue:)))
        if !pages.isEmpty {
            let dashboard = try Dashboard(store: store, pages: pages)
            for (name, document) in try dashboard.documents(reports: links) {
                files.append(SiteFile(path: name + ".html", text: HTMLRenderer().render(document)))
            }
        }
        let index = indexDocument(links)
        if config.formats.contains("html") && !pages.contains(.landing) { files.append(SiteFile(path: "index.html", text: HTMLRenderer().render(index.html))) }
        if config.formats.contains("md") { files.append(SiteFile(path: "README.md", text: MarkdownRenderer().render(index.md).markdown)) }
        return files.sorted { $0.path < $1.path }
    }

    private func render(_ document: ReportDocument, name: String) -> [SiteFile] {
        var files: [SiteFile] = []
        var document = document
        if document.navigation.isEmpty {
            // Every page links back to the landing page (the HTML index).
            document.navigation = [.link(text: document.language == .vi ? "Trang chủ" : "Home", url: Dashboard.href(from: name, to: "index"))]
        }
        if config.formats.contains("html") { files.append(SiteFile(path: name + ".html", text: HTMLRenderer().render(document))) }
        if config.formats.contains("md") {
            let stem = URL(fileURLWithPath: name).lastPathComponent
            let folder = URL(fileURLWithPath: name).deletingLastPathComponent().relativePath
            let prefix = folder == "." ? "" : folder + "/"
            let report = MarkdownRenderer(chartDirectory: stem).render(document)
            files.append(SiteFile(path: name + ".md", text: report.markdown))
            files += report.charts.map { SiteFile(path: prefix + stem + "/" + $0.fileName, text: $0.svg) }
        }
        return files
    }

    /// The index page, once with links to the HTML pages and once to the Markdown ones.
    private func indexDocument(_ links: [(group: String, title: String, href: String)]) -> (html: ReportDocument, md: ReportDocument) {
        func document(_ ext: String) -> ReportDocument {
            var blocks: [ReportBlock] = [.paragraph([
                .text("Các trang dưới đây được ChiSo dựng lại từ dữ liệu trong datasets/ bằng lệnh "), .emphasis("chiso build"),
                .text("; CI kiểm tra bằng "), .emphasis("chiso build --check"), .text(" rằng chúng khớp với mã và dữ liệu. / These pages are rebuilt from datasets/ by "),
                .emphasis("chiso build"), .text("; CI checks with "), .emphasis("chiso build --check"), .text(" that they match the code and data."),
            ])]
            for (group, heading) in [("reports", "Báo cáo / Reports"), ("notebooks", "Sổ phân tích / Notebooks")] {
                let items = links.filter { $0.group == group }
                guard !items.isEmpty else { continue }
                blocks.append(.section(title: heading, blocks: [.list(items.map { [.link(text: $0.title, url: $0.href + "." + ext)] })]))
            }
            return ReportDocument(title: "ChiSo — báo cáo và sổ phân tích / reports and notebooks", language: .vi, blocks: blocks,
                                  footer: ReportFooter(sources: [], attribution: "Số liệu: xem datasets/SOURCES.md. / Data: see datasets/SOURCES.md."))
        }
        return (document("html"), document("md"))
    }
}
