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

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render every notebook and standard report into a static site (reports/), or check it is up to date.",
        discussion: """
            Reads chiso.yml (which folder, which reports, which formats), renders every notebook in the notebooks folder and every report listed, and writes them with an index page. Without --db the build makes its own database from the bundled datasets, recording chiso.yml's source_date as their ingest date (or SOURCE_DATE_EPOCH when set), so a second build on any machine changes no byte.

            Any failed query, missing data or broken reference fails the build (exit 1) and names the file and line, as does a query still running after --query-timeout seconds (default 30). Every page is made from one snapshot of the database (one read transaction): an ingest committing meanwhile waits for the build to end. With --check nothing is written: the build is compared with the folder, every stale, missing or unexpected file is named, and the exit status is 1 if there is any (the CI job's one command); --diff also shows what differs. Without --check, pages the build no longer makes (.html, .md, .svg) are removed.

            Examples:
              chiso build
              chiso build --check
              chiso build --check --diff
              chiso build --db my.sqlite --out /tmp/site
            """)

    @Option(help: ArgumentHelp("The build configuration.", valueName: "file"))
    var config: String = "chiso.yml"

    @Option(help: ArgumentHelp("Output folder (default: chiso.yml's out, reports/).", valueName: "folder"))
    var out: String?

    @Flag(help: "Compare with the output folder instead of writing; exit 1 when anything is stale or missing.")
    var check = false

    @Flag(help: "With --check: show what differs in each stale file (a unified diff, cut to 40 lines a file).")
    var diff = false

    @Option(help: ArgumentHelp("Build from this database instead of the bundled datasets.", valueName: "path"))
    var db: String?

    @OptionGroup var notebookLimits: NotebookLimitOptions

    func run() throws {
        guard let data = FileManager.default.contents(atPath: config) else {
            throw CLIError(message: "error: cannot read \(config); run chiso build from the folder holding chiso.yml, or pass --config PATH")
        }
        let base = URL(fileURLWithPath: config).deletingLastPathComponent()
        let settings = try SiteConfig.parse(String(decoding: data, as: UTF8.self), path: config)
        let outURL = out.map { URL(fileURLWithPath: $0) } ?? base.appendingPathComponent(settings.out)

        let store: ChiSoStore
        if let db {
            store = try ChiSoStore(path: db)
        } else {
            store = try ChiSoStore(path: nil)
            let date = settings.sourceDate.description + "T00:00:00Z"
            let stamp = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] != nil ? Ingestor.timestamp() : date
            _ = try BundledDatabase.load(into: store, timestamp: stamp)
        }
        let notebookFolder = base.appendingPathComponent(settings.notebooks)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: notebookFolder.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        let notebooks = try names.map { name -> (String, String) in
            let url = notebookFolder.appendingPathComponent(name)
            guard let bytes = FileManager.default.contents(atPath: url.path) else { throw CLIError(message: "error: cannot read \(url.path)") }
            return ((settings.notebooks as NSString).appendingPathComponent(name), String(decoding: bytes, as: UTF8.self))
        }
        var builder = SiteBuilder(config: settings, store: store, makeReport: StandardReports.make(store: store))
        builder.queryLimits = notebookLimits.limits
        let files = try builder.build(notebooks: notebooks)
        let existing = Set(Self.files(under: outURL))
        let shownOut = out ?? settings.out

        if check {
            var problems: [String] = []
            for file in files {
                let url = outURL.appendingPathComponent(file.path)
                guard let bytes = FileManager.default.contents(atPath: url.path) else { problems.append("\(shownOut)/\(file.path): missing"); continue }
                if bytes != Data(file.text.utf8) {
                    problems.append("\(shownOut)/\(file.path): stale (differs from what the build makes)")
                    if diff { problems.append(SiteDiff.unified(old: String(decoding: bytes, as: UTF8.self), new: file.text, path: "\(shownOut)/\(file.path)")) }
                }
            }
            for path in existing.subtracting(files.map(\.path)).sorted() {
                problems.append("\(shownOut)/\(path): not made by the build (`chiso build` removes it; or list it in \(config))")
            }
            guard problems.isEmpty else {
                var count = 0
                for problem in problems {
                    if problem.hasPrefix("--- ") { Terminal.printError(problem); continue }
                    Terminal.printError("error: [build] \(problem)")
                    count += 1
                }
                throw CLIError(message: "\(count) file\(count == 1 ? "" : "s") out of date in \(shownOut)/; run `chiso build` and commit the result\(diff ? "" : " (add --diff to see what changed)")")
            }
            Terminal.printError("\(shownOut)/ is up to date (\(files.count) files)")
            return
        }
        var written = 0
        for file in files {
            let url = outURL.appendingPathComponent(file.path)
            if FileManager.default.contents(atPath: url.path) == Data(file.text.utf8) { continue }
            try DocumentOutput.writeFile(url.path, file.text)
            written += 1
        }
        // Pages the build no longer makes are removed (only the kinds it writes: .html, .md, .svg), and
        // folders left empty with them.
        var removed = 0
        for path in existing.subtracting(files.map(\.path)).sorted() {
            guard path.hasSuffix(".html") || path.hasSuffix(".md") || path.hasSuffix(".svg") else {
                Terminal.printError("note: \(shownOut)/\(path) is not made by the build; delete it if it is left over")
                continue
            }
            try FileManager.default.removeItem(at: outURL.appendingPathComponent(path))
            removed += 1
            var folder = outURL.appendingPathComponent(path).deletingLastPathComponent()
            while folder.path.count > outURL.path.count,
                  (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: folder)
                folder = folder.deletingLastPathComponent()
            }
        }
        Terminal.printError("built \(files.count) files into \(shownOut)/ (\(written) changed, \(removed) removed; \(notebooks.count) notebooks)")
    }

    /// Every file under `folder`, as paths relative to it.
    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths
    }
}
