import ChiSoKit
import Foundation
import Testing

/// Settings YAML that used to end the process inside Yams (found by the notebook parser's fuzzer) or
/// to stall it: refused with the notebook's line.
@Suite("Notebook YAML that Yams cannot take")
struct NotebookYAMLTests {
    func error(_ text: String) -> NotebookError? {
        do { _ = try NotebookParser.parse(text, path: "n.md"); return nil } catch { return error }
    }

    @Test("a key that is a map or a list is an error at its line, in front matter and in block settings")
    func complexKeys() {
        #expect(error("---\ntitle: T\nparams:\n  year: 2020\n? top: 10\n---\nText\n")
            == NotebookError(path: "n.md", line: 5, message: "front matter: a key must be a plain name such as `title:`, not a list or a map"))
        #expect(error("# T\n\n```chart\ntype: bar\n? [a, b]: c\n```\n")
            == NotebookError(path: "n.md", line: 5, message: "block settings: a key must be a plain name such as `title:`, not a list or a map"))
    }

    @Test("aliases that expand into millions of values are refused at once")
    func aliasBomb() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip("bcdefghi", "abcdefgh") {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        let started = Date()
        let problem = error("---\n" + yaml + "---\nText\n")
        #expect(problem?.message.hasPrefix("front matter: more than 10000 values once aliases (*name) are expanded") == true, "\(String(describing: problem))")
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test("chiso.yml gets the same protection")
    func siteConfig() {
        #expect(throws: NotebookError(path: "chiso.yml", line: 2, message: "a key must be a plain name such as `title:`, not a list or a map")) {
            try SiteConfig.parse("out: site\n? [x]: y\nsource_date: 2026-01-01\n", path: "chiso.yml")
        }
    }

    @Test("ordinary settings read as before: numbers, dates, lists, merge keys")
    func ordinarySettings() throws {
        let notebook = try NotebookParser.parse("---\ntitle: T\nparams:\n  year: 2021\n  limit: 07\n---\n```chiso ranks\nindex: PCI\nyear: 2021\n```\n", path: "n.md")
        #expect(notebook.parameters.map(\.name) == ["limit", "year"])
        #expect(notebook.parameters.map(\.value) == ["7", "2021"])
        let site = try SiteConfig.parse("out: site\nformats: [html]\nsource_date: 2026-11-25\nbase: &b {kind: index}\nreports: [{<<: *b, index: PCI}]\n", path: "chiso.yml")
        #expect(site.formats == ["html"] && site.sourceDate == Day(year: 2026, month: 11, day: 25))
        #expect(site.reports.first?["kind"] == "index" && site.reports.first?["index"] == "PCI")
    }
}
