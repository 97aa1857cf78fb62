import ChiSoKit
import Foundation
import Testing

@Suite("Notebooks")
struct NotebookTests {
    static let notebooks = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("notebooks-md")

    func run(_ text: String, overrides: [String: String] = [:]) throws -> ReportDocument {
        try NotebookRunner(store: bundledStore).run(try NotebookParser.parse(text, path: "nb.md"), overrides: overrides)
    }

    func markdown(_ document: ReportDocument) -> String { MarkdownRenderer().render(document).markdown }

    func error(_ text: String, overrides: [String: String] = [:]) -> NotebookError? {
        #expect(throws: NotebookError.self) { try run(text, overrides: overrides) }
    }

    @Test("front matter, parameters, SQL blocks and references")
    func basics() throws {
        let doc = try run("""
            ---
            title: "{{ param.province }} {{ param.year }}"
            lang: en
            params:
              province: Phu Yen
              year: 2021
            ---
            ```sql pci hide
            SELECT rank, of_count FROM ranking_effective WHERE index_code = 'PCI' AND year = :year AND province_id = :province_id
            ```
            PCI {{ param.year }}: {{ pci.rank }}/{{ pci.of_count }}
            """)
        #expect(doc.title == "Phu Yen 2021")
        #expect(doc.language == .en)
        #expect(markdown(doc).contains("PCI 2021: 35/63"))
    }

    @Test("the Phú Yên notebook reproduces the press figures: PCI 35/63 +7, PAPI 45/63 +14, DTI 50/63 +12")
    func phuYen() throws {
        let text = try String(contentsOf: Self.notebooks.appendingPathComponent("phu-yen-2020-2022.md"), encoding: .utf8)
        let md = markdown(try run(text))
        #expect(md.contains("xếp thứ 35/63, tăng 7 bậc so với năm 2020"))
        #expect(md.contains("xếp thứ 45/63, tăng 14 bậc so với năm 2020"))
        #expect(md.contains("DTI 2021: xếp thứ 50/63, tăng 12 bậc so với năm 2020"))
        // Another province through a parameter.
        let other = markdown(try run(text, overrides: ["province": "Bình Định"]))
        #expect(other.contains("PCI 2021: 68,32 điểm (tăng 5,14 điểm), xếp thứ 11/63, tăng 26 bậc so với năm 2020"))
    }

    @Test("every shipped notebook runs", arguments: ["phu-yen-2020-2022.md", "south-central-coast.md", "pci-movers-2021.md"])
    func shipped(name: String) throws {
        let text = try String(contentsOf: Self.notebooks.appendingPathComponent(name), encoding: .utf8)
        let doc = try run(text)
        #expect(!doc.blocks.isEmpty)
        #expect(doc.blocks.contains { if case .chart = $0 { true } else { false } })
    }

    @Test("a failing query names the notebook line and the block")
    func sqlErrorLine() {
        let e = error("""
            # Title

            ```sql pci
            SELECT rnk FROM ranking_effective
            ```
            """)
        #expect(e?.description == "nb.md:3: error: sql error in block `pci`: no such column: rnk")
    }

    @Test("writes, ATTACH, PRAGMA and extension loading are refused", arguments: [
        "DELETE FROM ranking", "INSERT INTO source(file_name) VALUES ('x')", "ATTACH DATABASE '/tmp/x.db' AS x",
        "PRAGMA journal_mode = DELETE", "SELECT load_extension('x')", "DROP TABLE ranking", "VACUUM",
    ])
    func readOnly(sql: String) throws {
        let before = try bundledStore.dump()
        let e = error("```sql x\n\(sql)\n```")
        #expect(e?.line == 1)
        #expect(e?.message.contains("sql error in block `x`") == true, "\(String(describing: e))")
        #expect(try bundledStore.dump() == before)
    }

    @Test("parameters are bound, never spliced into the SQL")
    func bound() throws {
        let doc = try run("""
            ---
            params:
              who: "x' OR 1=1 --"
            ---
            ```sql q hide
            SELECT count(*) AS n FROM province WHERE name = :who
            ```
            n = {{ q.n }}
            """)
        #expect(markdown(doc).contains("n = 0"))
    }

    @Test("broken references and unknown parameters are errors with the line", arguments: [
        ("# T\n\n{{ nothing.rank }}", 3, "refers to no earlier sql block named nothing"),
        ("```sql a hide\nSELECT 1 AS x\n```\n{{ a.y }}", 4, "block a has no column y"),
        ("text {{ param.nope }}", 1, "unknown parameter nope"),
        ("```chart\ntype: pie\ndata: a\nx: x\ny: y\n```", 1, "chart type \"pie\" is not line, bump or bar"),
        ("```chart\ndata: a\nx: x\ny: y\n```", 1, "no earlier sql block named a"),
        ("```sql\nSELECT 1\n```", 1, "an sql block needs a name"),
        ("```sql a\nSELECT 1", 1, "never closed"),
        ("```chiso changes\nyear: 2021\n```", 1, "chiso changes needs province"),
    ])
    func brokenReferences(text: String, line: Int, message: String) {
        let e = error(text)
        #expect(e?.line == line, "\(String(describing: e))")
        #expect(e?.message.contains(message) == true, "\(String(describing: e))")
    }

    @Test("an override of an undeclared parameter is an error")
    func unknownOverride() {
        #expect(error("# x", overrides: ["year": "2020"])?.message.contains("unknown parameter year") == true)
    }

    @Test("values from data are escaped in the page")
    func escaping() throws {
        let doc = try run("""
            ```sql q hide
            SELECT '<script>alert(1)</script>' AS evil
            ```
            {{ q.evil }}
            """)
        let html = HTMLRenderer().render(doc)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;"))
    }
}

@Suite("Notebook charts")
struct NotebookChartTests {
    @Test("a y column named like a rank gives an inverted axis, in English or Vietnamese", arguments: ["rank", "Hạng", "thu_hang"])
    func rankAxis(y: String) throws {
        let text = "```sql r hide\nSELECT 2020 AS year, 5 AS \"\(y)\"\n```\n```chart\ndata: r\nx: year\ny: \(y)\n```"
        let doc = try NotebookRunner(store: bundledStore).run(try NotebookParser.parse(text, path: "nb.md"))
        guard case .chart(let chart)? = doc.blocks.last else { Issue.record("no chart"); return }
        #expect(chart.yAxis.inverted)
    }
}
