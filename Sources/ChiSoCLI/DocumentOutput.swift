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

/// Where and how a rendered document is written: stdout, or a file (Markdown charts go in a folder beside it).
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case md, html
    /// The figures as data, for `report compare` only.
    case csv, json
}



enum DocumentOutput {
    /// The files a document renders to: the main file first, then Markdown's chart SVGs.
    static func files(_ document: ReportDocument, format: DocumentFormat, path: String) -> [(path: String, text: String)] {
        switch format {
        case .html, .csv, .json:
            return [(path, HTMLRenderer().render(document))]
        case .md:
            let url = URL(fileURLWithPath: path)
            let stem = url.deletingPathExtension().lastPathComponent
            let report = MarkdownRenderer(chartDirectory: stem).render(document)
            let folder = url.deletingLastPathComponent().appendingPathComponent(stem)
            return [(path, report.markdown)] + report.charts.map { (folder.appendingPathComponent($0.fileName).path, $0.svg) }
        }
    }

    /// Writes to `output`, or prints to stdout when nil (Markdown charts cannot go to stdout: said on stderr).
    static func write(_ document: ReportDocument, format: DocumentFormat, to output: String?) throws {
        guard let output, output != "-" else {
            switch format {
            case .html, .csv, .json: Terminal.write(HTMLRenderer().render(document))
            case .md:
                // No chart file is written, so none is linked: the charts go inline as SVG.
                Terminal.write(MarkdownRenderer(inlineCharts: true).render(document).markdown)
            }
            return
        }
        for (path, text) in files(document, format: format, path: output) {
            try writeFile(path, text)
        }
    }

    /// The file a symlink chain ends at (even when it does not exist yet), or `path` itself.
    static func symlinkTarget(_ path: String) -> String {
        var current = path
        for _ in 0..<16 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { break }
            current = destination.hasPrefix("/") ? destination
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(destination).path
        }
        return current
    }

    static func writeFile(_ path: String, _ text: String) throws {
        if path == "-" { Terminal.write(text); return }
        // Through a symlink to its target; into a device or FIFO in place: replacing a non-regular
        // file by rename (as an atomic write does) would swap a device node for a plain file.
        let url = URL(fileURLWithPath: symlinkTarget(path))
        var st = stat()
        if stat(url.path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
            guard (st.st_mode & S_IFMT) != S_IFDIR else {
                throw CLIError(message: "error: cannot write \(path): it is a folder; name a file in it")
            }
            let fd = Foundation.open(url.path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw CLIError(message: "error: cannot write \(path): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            if let reason = Terminal.writeAll(fd, Array(text.utf8)) { throw CLIError(message: "error: cannot write \(path): \(reason)") }
            return
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw CLIError(message: "error: cannot write \(path): \(error.localizedDescription); check the folder exists and is writable")
        }
    }
}
