import Foundation
import Testing

/// Text a user loads (notes, citations, index codes, file names) reaches pages other people open:
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
    /// An index code (upper-cased on ingest, which leaves the formula intact).
    static let hostileIndex = "=HYPERLINK(\"HTTP:EVIL\",\"X\")"

    /// The tags our HTML renderer writes; anything else in a page came from data.
    static let ourTags: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "main", "footer", "section", "div", "table",
        "caption", "thead", "tbody", "tr", "th", "td", "p", "ul", "li", "code", "strong", "em", "span", "aside", "a",
    ]

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
        var csv = "index,year,province,score,rank,of,note,source_id\n"
        let provinces = ["Phú Yên", "Bình Định", "Khánh Hòa", "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Gia Lai", "Kon Tum"]
        for (i, note) in notes.enumerated() {
            let field = "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            csv += "\(hostileIndex.replacingOccurrences(of: "\"", with: "\"\"").quotedForCSV),2021,\(provinces[i]),\(70 - i),\(i + 1),63,\(field),\(field)\n"
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
            SELECT index_code, note, citation FROM ranking ORDER BY rank
            ```
            The first note is {{ notes.note }}; the index is {{ notes.index_code }}.

            ```sql second hide
            SELECT note FROM ranking WHERE rank = 5
            ```
            - {{ second.note }}
            """.write(to: notebook, atomically: true, encoding: .utf8)
        try "out: site\nnotebooks: nb\nsource_date: 2026-11-25\n".write(to: dir.appendingPathComponent("chiso.yml"), atomically: true, encoding: .utf8)
        return (dir, db, notebook)
    }

    @Test("notes, citations, index codes, file names and parameters show as text in HTML pages")
    func html() throws {
        let (dir, db, notebook) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rendered = try CLI.run(["render", notebook.path, "--db", db, "--format", "html"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let build = try CLI.run(["build", "--config", dir.appendingPathComponent("chiso.yml").path, "--db", db])
        #expect(build.status == 0, "\(build.stderr)")
        let built = try String(contentsOf: dir.appendingPathComponent("site/notebooks/notes.html"), encoding: .utf8)
        #expect(built == rendered.stdout)
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

    @Test("CSV exports start formula-like cells with an apostrophe; numbers stay numbers")
    func csvExports() throws {
        let (dir, db, _) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ranks = try CLI.run(["ranks", "--db", db, "--index", Self.hostileIndex, "--year", "2021", "--format", "csv"])
        #expect(ranks.status == 0, "\(ranks.stderr)")
        let rows = ranks.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == Self.notes.count)
        // Every row starts with the index code, neutralised (and quoted, as it holds quotes and a comma).
        #expect(rows.allSatisfy { $0.hasPrefix(#""'=HYPERLINK(""HTTP:EVIL"",""X"")""#) }, "\(ranks.stdout)")
        #expect(rows.first?.contains(",Phú Yên,1,63,70,false,") == true, "\(ranks.stdout)")

        // File names in `chiso sources`.
        let weird = dir.appendingPathComponent("@SUM(1+1).csv")
        try "index,year,province,score\nXYZ,2021,Phú Yên,1\n".write(to: weird, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["ingest", "--db", db, weird.path]).status == 0)
        let sources = try CLI.run(["sources", "--db", db, "--format", "csv"])
        #expect(sources.stdout.contains(",'@SUM(1+1).csv,"), "\(sources.stdout)")
        #expect(sources.stdout.contains(#","""><img src=x onerror=alert(2)>.csv","#), "\(sources.stdout)")
    }
}

extension String {
    /// The text as one CSV field: quoted when it holds a quote or a comma.
    fileprivate var quotedForCSV: String {
        contains(",") || contains("\"") ? "\"" + self + "\"" : self
    }
}
