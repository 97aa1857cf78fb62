import Foundation
import Testing

/// Text a user loads (notes, citations, component keys, file names) reaches pages other people open:
/// whatever it holds, it shows as text in HTML and Markdown, and a spreadsheet never runs it from a CSV export.
@Suite("Hostile data in loaded files")
struct HostileDataTests {
    static let notes = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "| a | b | `code` **x** [l](javascript:alert(1))",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1+1)",
        "<a href=\"javascript:alert(1)\">x</a> &amp; &#60;b&#62;",
    ]
    /// A file name a Linux file system accepts (no slash).
    static let hostileFileName = "\"><img src=x onerror=alert(2)>.csv"
    /// Index codes are refused unless they are short codes (see the bad-input corpus), so this one is plain.
    static let index = "XSS"

    /// The tags our HTML renderer writes; anything else in a page came from data.
    static let ourTags: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "main", "footer", "section", "div", "table",
        "caption", "thead", "tbody", "tr", "th", "td", "p", "ul", "li", "code", "strong", "em", "span", "aside", "a",
        "figure", "figcaption", "details", "summary", "svg", "g", "path", "rect", "circle", "line", "text", "desc", "polyline",
        "defs", "pattern", "nav",
        // Triangle and diamond markers (a province keeps its marker, Phú Yên's is a triangle).
        "polygon",
    ]
    /// Component keys come from headers (`component.KEY`).
    static let hostileComponents = ["<img src=x onerror=alert(4)>", "| x `y` **z**"]

    /// The problems in `html`: a tag we never write, an event-handler attribute, a script URL.
    static func markupProblems(_ html: String) -> [String] {
        var problems: [String] = []
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            let gt = rest[lt...].firstIndex(of: ">") ?? rest.endIndex
            let tag = rest[rest.index(after: lt)..<gt]
            rest = gt == rest.endIndex ? "" : rest[rest.index(after: gt)...]
            if tag.hasPrefix("!") { continue }
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
            if !ourTags.contains(name) { problems.append("tag <\(tag)>") }
            if tag.range(of: #"\son[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive]) != nil { problems.append("handler in <\(tag)>") }
            if tag.lowercased().contains("javascript:") { problems.append("script URL in <\(tag)>") }
        }
        return problems
    }

    /// Table rows of a Markdown text whose cell count (unescaped pipes) differs from the header row's.
    static func brokenTableRows(_ markdown: String) -> [String] {
        var broken: [String] = []
        var expected: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { expected = nil; continue }
            var pipes = 0, escaped = false
            for c in line { if c == "|" && !escaped { pipes += 1 }; escaped = c == "\\" && !escaped }
            if let expected, pipes != expected { broken.append(String(line)) }
            expected = expected ?? pipes
        }
        return broken
    }

    /// A database holding the hostile notes, citations, index code and file name, and a notebook showing them.
    static func fixture() throws -> (dir: URL, db: String, notebook: URL) {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("h.sqlite").path
        var csv = "index,year,province,score,rank,of,note,source_id," + hostileComponents.map { "component.\($0)".quotedForCSV }.joined(separator: ",") + "\n"
        let provinces = ["Phú Yên", "Bình Định", "Khánh Hòa", "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Gia Lai", "Kon Tum"]
        for (i, note) in notes.enumerated() {
            let field = "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            for year in [2020, 2021] {
                csv += "\(index),\(year),\(provinces[i]),\(70 - i),\(i + 1),63,\(field),\(field),\(i).5,\(i)\n"
            }
        }
        let file = dir.appendingPathComponent(hostileFileName)
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let loaded = try CLI.run(["ingest", "--db", db, file.path])
        #expect(loaded.status == 0, "\(loaded.stderr)")

        let notebooks = dir.appendingPathComponent("nb")
        try FileManager.default.createDirectory(at: notebooks, withIntermediateDirectories: true)
        let notebook = notebooks.appendingPathComponent("notes.md")
        try """
            ---
            title: "Notes {{ param.who }}"
            params:
              who: "<script>alert(3)</script>"
            ---
            ```sql notes
            SELECT index_code, note, citation FROM ranking WHERE year = 2021 ORDER BY rank
            ```
            The first note is {{ notes.note }}; the second is {{ notes.citation }}.

            ```sql second hide
            SELECT note FROM ranking WHERE year = 2021 AND rank = 5
            ```
            - {{ second.note }}
            """.write(to: notebook, atomically: true, encoding: .utf8)
        try "out: site\nnotebooks: nb\nsource_date: 2026-11-25\n".write(to: dir.appendingPathComponent("chiso.yml"), atomically: true, encoding: .utf8)
        return (dir, db, notebook)
    }

    @Test("notes, citations, file names and parameters show as text in HTML pages")
    func html() throws {
        let (dir, db, notebook) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rendered = try CLI.run(["render", notebook.path, "--db", db, "--format", "html"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let build = try CLI.run(["build", "--config", dir.appendingPathComponent("chiso.yml").path, "--db", db])
        #expect(build.status == 0, "\(build.stderr)")
        let built = try String(contentsOf: dir.appendingPathComponent("site/notebooks/notes.html"), encoding: .utf8)
        // The site adds its breadcrumbs (a link home) above the title; the rest is the same page.
        let withoutNavigation = built.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("<nav class=\"breadcrumbs\"") }.joined(separator: "\n")
        #expect(built.contains("<nav class=\"breadcrumbs\" aria-label=\"Điều hướng\"><a href=\"../index.html\">Trang chủ</a></nav>"))
        #expect(withoutNavigation == rendered.stdout)
        let index = try String(contentsOf: dir.appendingPathComponent("site/index.html"), encoding: .utf8)
        for page in [rendered.stdout, index] {
            #expect(Self.markupProblems(page).isEmpty, "\(Self.markupProblems(page))")
        }
        let page = rendered.stdout
        // Shown, as text: in the table, in the sentence, in the title, and the file in the sources footer.
        #expect(page.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(page.contains("<td>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>"))
        #expect(page.contains("<td>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt; &amp;amp; &amp;#60;b&amp;#62;</td>"))
        #expect(page.contains("The first note is &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("<title>Notes &lt;script&gt;alert(3)&lt;/script&gt;</title>"))
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;.csv"))
        #expect(!page.contains("&amp;lt;"), "escaped twice")
    }

    @Test("the same data stays text in Markdown pages: no HTML, no broken table, no link")
    func markdown() throws {
        let (dir, db, notebook) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rendered = try CLI.run(["render", notebook.path, "--db", db, "--format", "md"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let page = rendered.stdout
        for raw in ["<script", "<img", "<a ", "&#60;"] {
            #expect(!page.contains(raw), "\(raw) in\n\(page)")
        }
        #expect(Self.brokenTableRows(page).isEmpty, "\(Self.brokenTableRows(page))")
        #expect(page.contains(#"\| a \| b \| \`code\` \*\*x\*\* \[l\](javascript:alert(1))"#))
        #expect(page.contains("# Notes &lt;script&gt;alert(3)&lt;/script&gt;\n"))
        #expect(page.contains("- +1+cmd\\|' /C calc'!A0\n"))
        let sources = try CLI.run(["sources", "--db", db, "--format", "md"])
        #expect(!sources.stdout.contains("<img"))
        #expect(Self.brokenTableRows(sources.stdout).isEmpty)
    }

    @Test("the standard reports (chiso report) keep component keys, notes and file names as text, charts included")
    func reports() throws {
        let (dir, db, _) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        var pages: [String] = []
        for (kind, arguments) in [("index", ["--index", Self.index, "--year", "2021"]), ("province", ["--province", "Phú Yên", "--year", "2021", "--index", Self.index])] {
            for ext in ["html", "md"] {
                let out = dir.appendingPathComponent("\(kind).\(ext)")
                let result = try CLI.run(["report", kind, "--db", db] + arguments + ["-o", out.path])
                #expect(result.status == 0, "\(kind) \(ext): \(result.stderr)")
                let page = try String(contentsOf: out, encoding: .utf8)
                if ext == "html" {
                    #expect(Self.markupProblems(page).isEmpty, "\(kind): \(Self.markupProblems(page))")
                } else {
                    #expect(Self.brokenTableRows(page).isEmpty, "\(kind): \(Self.brokenTableRows(page))")
                    for raw in ["<script", "<img", "<svg", "<a "] { #expect(!page.contains(raw), "\(kind): \(raw)") }
                }
                pages.append(page)
            }
        }
        // Markdown charts are SVG files a browser may open directly.
        let charts = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("province").path)
        #expect(!charts.isEmpty)
        for chart in charts {
            let svg = try String(contentsOf: dir.appendingPathComponent("province/\(chart)"), encoding: .utf8)
            #expect(Self.markupProblems(svg.replacingOccurrences(of: "<?xml", with: "<!xml")).isEmpty, "\(chart)")
        }
        // The data is there, as text.
        #expect(pages.contains { $0.contains("&lt;img src=x onerror=alert(4)&gt;") })
        #expect(pages.contains { $0.contains("\\| x \\`y\\` \\*\\*z\\*\\*") })
    }

    @Test("CSV exports start formula-like cells with an apostrophe; numbers stay numbers")
    func csvExports() throws {
        let (dir, db, _) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        // File names are the user text CSV exports carry (`chiso sources`); each of these starts a formula.
        let names = ["=HYPERLINK(\"evil.example\",\"x\").csv", "+1+cmd.csv", "-2+3.csv", "@SUM(1+1).csv"]
        for (i, name) in names.enumerated() {
            let file = dir.appendingPathComponent(name)
            try "index,year,province,score\nF\(i),2021,Phú Yên,1\n".write(to: file, atomically: true, encoding: .utf8)
            let loaded = try CLI.run(["ingest", "--db", db, file.path])
            #expect(loaded.status == 0, "\(loaded.stderr)")
        }
        let sources = try CLI.run(["sources", "--db", db, "--format", "csv"])
        #expect(sources.status == 0)
        for cell in [#""'=HYPERLINK(""evil.example"",""x"").csv""#, "'+1+cmd.csv", "'-2+3.csv", "'@SUM(1+1).csv"] {
            #expect(sources.stdout.contains("," + cell + ","), "\(cell) in\n\(sources.stdout)")
        }
        #expect(sources.stdout.contains(#","""><img src=x onerror=alert(2)>.csv","#), "\(sources.stdout)")
        // Numbers are not formulas: ranks and changes stay numbers.
        let ranks = try CLI.run(["ranks", "--db", db, "--index", Self.index, "--year", "2021", "--format", "csv"])
        #expect(ranks.stdout.split(separator: "\n").dropFirst().first == "XSS,2021,54,54,Phú Yên,1,63,70,false,2020,1,63,0,0,,,", "\(ranks.stdout)")
    }
}

extension String {
    /// The text as one CSV field: quoted when it holds a quote or a comma.
    fileprivate var quotedForCSV: String {
        contains(",") || contains("\"") ? "\"" + self + "\"" : self
    }
}
