import ChiSoKit
import Foundation
import Testing

/// A notebook cannot hang a build or exhaust its memory: each sql block has a time budget and shows at
/// most a capped number of rows, and both are said with the block's line.
@Suite("Notebook limits")
struct NotebookLimitsTests {
    func run(_ text: String, limits: QueryLimits) throws -> ReportDocument {
        let store = try ChiSoStore(path: nil)
        return try NotebookRunner(store: store, commands: nil, limits: limits).run(try NotebookParser.parse(text, path: "nb.md"))
    }

    @Test("a recursive CTE without an end is stopped at its time budget, naming the line")
    func runawayQuery() throws {
        let text = """
            # Runaway

            ```sql forever
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n
            ```
            """
        let start = Date()
        let error = #expect(throws: NotebookError.self) { try run(text, limits: QueryLimits(timeout: 0.5, maxRows: 1_000)) }
        let elapsed = Date().timeIntervalSince(start)
        #expect(error?.description == "nb.md:3: error: sql block `forever` was still running after 0.5 s and was stopped; make it cheaper (a LIMIT, a narrower WHERE, a recursive CTE that ends) or raise --query-timeout")
        #expect(elapsed < 5, "stopped after \(elapsed) s")
    }

    @Test("a huge result shows its first rows and a note of how many were left out, with the line")
    func rowCap() throws {
        let text = """
            ---
            lang: en
            ---
            # Big

            ```sql big
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 250000) SELECT x FROM n
            ```
            """
        let document = try run(text, limits: QueryLimits(timeout: 30, maxRows: 1_000))
        guard case .table(let table)? = document.blocks.first(where: { if case .table = $0 { true } else { false } }) else {
            Issue.record("no table"); return
        }
        #expect(table.rows.count == 1_000)
        let markdown = MarkdownRenderer().render(document).markdown
        #expect(markdown.contains("Only the first 1,000 rows of block `big` (line 6) are shown; 249,000 more rows were left out. Add a LIMIT or aggregate to show fewer."), "\(markdown.suffix(400))")
    }

    @Test("a result within the cap is shown whole, with no note")
    func withinCap() throws {
        let document = try run("```sql small\nSELECT 1 AS a UNION ALL SELECT 2\n```\n", limits: QueryLimits(timeout: 30, maxRows: 2))
        let markdown = MarkdownRenderer().render(document).markdown
        #expect(!markdown.contains("left out"))
    }

    @Test("two statements in one block: said in the notebook author's words, with the line")
    func twoStatements() throws {
        let error = #expect(throws: NotebookError.self) {
            try run("# Two\n\n```sql two\nSELECT 1; SELECT 2\n```\n", limits: QueryLimits(timeout: 30, maxRows: 10))
        }
        #expect(error?.description == "nb.md:3: error: sql error in block `two`: the block holds more than one SQL statement; write one query per sql block (a WITH clause can prepare what it needs)")
        #expect(error?.description.contains("Database.execute") == false)
    }

    @Test("the store's query: the budget interrupts, and the connection works again afterwards")
    func storeQueryAfterTimeout() throws {
        let store = try ChiSoStore(path: nil)
        let error = #expect(throws: QueryError.self) {
            try store.query("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT max(x) FROM n", limits: QueryLimits(timeout: 0.2))
        }
        #expect(error?.kind == .timedOut(seconds: 0.2))
        // No handler is left behind: a long query without a budget runs to its end.
        let result = try store.query("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300000) SELECT max(x) FROM n")
        #expect(result.rows == [[.integer(300_000)]])
    }
}
