import ChiSoCore
import ChiSoReport
import ChiSoStore
import Foundation

/// Executes a notebook against a store and returns the document to render.
///
/// Every failure (a query that fails, a reference to a missing result or column, an unknown
/// parameter) is an error naming the notebook's line: a build never hides a broken page.
public struct NotebookRunner {
    public var store: ChiSoStore
    public var registry: ProvinceRegistry
    /// Runs the `chiso …` blocks; ChiSoApp's `NotebookRunner(store:)` passes the use cases the CLI calls.
    public var commands: (any NotebookCommands)?
    /// Each sql block's time budget and the rows it may show: a runaway query (a recursive CTE
    /// without a limit, a cross join) fails naming its line instead of hanging a build, and a huge
    /// result shows its first rows with a note of how many were left out.
    public var limits: QueryLimits

    /// The default time budget of one sql block, in seconds (`--query-timeout`).
    public static let defaultQueryTimeout = 30.0
    /// The rows an sql block shows at most.
    public static let defaultMaxRows = 1_000

    public init(store: ChiSoStore, registry: ProvinceRegistry = .standard, commands: (any NotebookCommands)?,
                limits: QueryLimits = QueryLimits(timeout: NotebookRunner.defaultQueryTimeout, maxRows: NotebookRunner.defaultMaxRows)) {
        self.store = store; self.registry = registry; self.commands = commands; self.limits = limits
    }

    public func run(_ notebook: Notebook, overrides: [String: String] = [:]) throws(NotebookError) -> ReportDocument {
        let path = notebook.path
        var values = Dictionary(uniqueKeysWithValues: notebook.parameters.map { ($0.name, $0.value) })
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard values[name] != nil else {
                throw NotebookError(path: path, line: 1, message: "unknown parameter \(name); the notebook declares: \(notebook.parameters.map(\.name).joined(separator: ", "))")
            }
            values[name] = value
        }
        let bound = try bindings(values, path: path)
        var results: [String: QueryResult] = [:]
        var blocks: [ReportBlock] = []
        var caveats: [String] = []
        let language = notebook.language

        // Values go into Markdown escaped, so data can never add markup; titles and block settings are
        // plain text (the renderers escape titles), so they get the values as they are.
        func reference(_ text: String, line: Int, markdown: Bool = true) throws(NotebookError) -> String {
            try References.fill(text, path: path, line: line, escape: markdown ? MarkdownEscaping.inline : { $0 }) { name, column in
                if name == "param" {
                    guard let value = values[column] ?? bound[column].map(display) else {
                        return .failure("unknown parameter \(column) in {{ param.\(column) }}; declared: \(values.keys.sorted().joined(separator: ", "))")
                    }
                    return .success(value)
                }
                guard let result = results[name] else {
                    return .failure("{{ \(name).\(column) }} refers to no earlier sql block named \(name)")
                }
                guard result.columns.contains(column) else {
                    return .failure("{{ \(name).\(column) }}: block \(name) has no column \(column) (columns: \(result.columns.joined(separator: ", ")))")
                }
                guard let cell = result.first(column) else { return .failure("{{ \(name).\(column) }}: block \(name) returned no rows") }
                return .success(display(cell))
            }
        }
        func display(_ cell: QueryResult.Cell) -> String {
            switch cell {
            case .null: return NumberFormat.missing
            case .integer(let n): return NotebookRunner.integer(n)
            case .real(let x): return NotebookRunner.decimal(x, language)
            case .text(let s): return s
            }
        }

        for part in notebook.parts {
            switch part {
            case let .markdown(text, line):
                blocks.append(.markdown(try reference(text, line: line)))
            case let .sql(name, sql, hidden, line):
                do {
                    results[name] = try store.query(sql, parameters: bound, limits: limits)
                } catch {
                    switch error.kind {
                    case .timedOut(let seconds):
                        throw NotebookError(path: path, line: line, message: "sql block `\(name)` was still running after \(NumberFormat.decimal(seconds, places: seconds.rounded() == seconds ? 0 : 1, .en)) s and was stopped; make it cheaper (a LIMIT, a narrower WHERE, a recursive CTE that ends) or raise --query-timeout")
                    case .severalStatements, .failed:
                        throw NotebookError(path: path, line: line, message: "sql error in block `\(name)`: \(error.message)")
                    }
                }
                let result = results[name]!
                if !hidden {
                    blocks.append(.table(table(result, caption: name, language: language, display: display)))
                    if result.omittedRows > 0 {
                        let shown = NumberFormat.integer(result.rows.count, language), left = NumberFormat.integer(result.omittedRows, language)
                        blocks.append(.markdown(language == .vi
                            ? "_Chỉ hiện \(shown) dòng đầu của khối `\(name)` (dòng \(line)); \(left) dòng nữa không được hiện. Thêm LIMIT hoặc gộp số liệu để hiện ít dòng hơn._"
                            : "_Only the first \(shown) rows of block `\(name)` (line \(line)) are shown; \(left) more rows were left out. Add a LIMIT or aggregate to show fewer._"))
                    }
                }
            case let .chart(spec, line):
                guard let result = results[spec.data] else {
                    throw NotebookError(path: path, line: line, message: "chart data: no earlier sql block named \(spec.data)")
                }
                var title: String?
                if let given = spec.title { title = try reference(given, line: line, markdown: false) }
                blocks.append(.chart(try NotebookChart.make(spec, title: title, result: result, language: language, path: path, line: line)))
            case let .command(name, options, line):
                var filled: [String: String] = [:]
                for (key, value) in options { filled[key] = try reference(value, line: line, markdown: false) }
                let (made, notes) = try command(name, filled, values: values, language: language, path: path, line: line)
                blocks += made
                for note in notes where !caveats.contains(note) { caveats.append(note) }
            }
        }
        let title = try reference(notebook.title.isEmpty ? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent : notebook.title, line: 1, markdown: false)
        let sources: [SourceRecord]
        do { sources = try store.fetchSources() } catch { throw NotebookError(path: path, line: 1, message: error.description) }
        return ReportDocument(title: title, language: language, blocks: blocks, footer: ReportFooter(
            sources: sources.map { .init(name: $0.fileName, sha256: $0.sha256, ingestDate: String($0.ingestedAt.prefix(10))) },
            caveats: caveats,
            attribution: language == .vi
                ? "Tạo bởi ChiSo từ sổ phân tích \(URL(fileURLWithPath: path).lastPathComponent). Số liệu thuộc các cơ quan công bố (VCCI, UNDP, Bộ TT&TT); xem datasets/SOURCES.md."
                : "Made by ChiSo from the notebook \(URL(fileURLWithPath: path).lastPathComponent). Figures belong to their publishers (VCCI, UNDP, the Ministry); see datasets/SOURCES.md."))
    }

    /// A query's real number as written by SQLite (shortest form), with at most 4 decimals:
    /// `round(score, 2)` shows 2, a raw DTI score 4.
    package static func decimal(_ x: Double, _ language: Language) -> String {
        NumberFormat.decimal(x, places: places(x), language)
    }

    /// The decimals `decimal` shows `x` with.
    package static func places(_ x: Double) -> Int {
        let text = "\(x)"
        let places = text.contains("e") ? 4 : min(4, text.split(separator: ".").dropFirst().first?.count ?? 0)
        return places == 1 && text.hasSuffix(".0") ? 0 : places
    }

    /// A whole number as SQL gives it (no grouping: years stay 2021), with the same minus sign (U+2212)
    /// as every other number ChiSo writes.
    package static func integer(_ n: Int64) -> String {
        n < 0 ? NumberFormat.minusSign + String(n.magnitude) : String(n)
    }

    /// The decimals of a result column: the most any of its real numbers needs, so a column of
    /// `round(x, 2)` reads 0,40 beside 2,09, never 0,4.
    package static func columnPlaces(_ result: QueryResult, _ column: Int) -> Int? {
        var places: Int?
        for row in result.rows where column < row.count {
            if case .real(let x) = row[column], x.isFinite { places = max(places ?? 0, Self.places(x)) }
        }
        return places
    }

    /// SQL parameters: each declared parameter (whole numbers bound as integers), plus `province_id` and
    /// `province_name` resolved from a `province` parameter, so queries can join on the stable id.
    private func bindings(_ values: [String: String], path: String) throws(NotebookError) -> [String: QueryResult.Cell] {
        var bound: [String: QueryResult.Cell] = [:]
        for (name, value) in values { bound[name] = Int64(value).map(QueryResult.Cell.integer) ?? .text(value) }
        if let query = values["province"] {
            let year = values["year"].flatMap(Int.init) ?? 2024
            let province: Province
            do { province = try registry.resolve(query, on: Day(year: year, month: 1, day: 1)) } catch {
                throw NotebookError(path: path, line: 1, message: "parameter province: \(error.message)")
            }
            bound["province_id"] = .text(province.id)
            bound["province_name"] = .text(province.name)
        }
        return bound
    }

    private func table(_ result: QueryResult, caption: String, language: Language, display: (QueryResult.Cell) -> String) -> ReportTable {
        let numeric = result.columns.indices.map { i in
            result.rows.contains { if case .text = $0[i] { return false } else { return true } } && !result.rows.contains { if case .text = $0[i] { return true } else { return false } }
        }
        // One number of decimals per column: every number of a column with reals gets the most any needs.
        let places = result.columns.indices.map { Self.columnPlaces(result, $0) }
        return ReportTable(caption: caption,
                           columns: result.columns.enumerated().map { .init($0.element, alignment: numeric[$0.offset] ? .trailing : .leading) },
                           rows: result.rows.map { row in row.enumerated().map { i, cell in
                               guard i < places.count, let p = places[i] else { return .init(display(cell)) }
                               switch cell {
                               case .real(let x) where x.isFinite: return .init(NumberFormat.decimal(x, places: p, language))
                               case .integer(let n): return .init(NumberFormat.decimal(Double(n), places: p, language))
                               default: return .init(display(cell))
                               }
                           } }, firstColumnIsRowHeader: false)
    }

    /// `chiso changes` and `chiso ranks` blocks: the settings filled in, then the same use case as the command.
    private func command(_ name: String, _ options: [String: String], values: [String: String], language: Language,
                         path: String, line: Int) throws(NotebookError) -> ([ReportBlock], [String]) {
        guard let commands else {
            throw NotebookError(path: path, line: line, message: "chiso \(name) blocks need ChiSoApp's commands (NotebookRunner(store:) from ChiSoApp)")
        }
        var settings = values.filter { $0.key == "province" || $0.key == "year" }
        for (key, value) in options { settings[key] = value }
        do {
            let output = try commands.run(name, settings: settings, language: language)
            return (output.blocks, output.notes)
        } catch let error as NotebookCommandError {
            throw NotebookError(path: path, line: line, message: "chiso \(name)\(error.message.hasPrefix("needs ") ? " " : ": ")\(error.message)")
        } catch {
            throw NotebookError(path: path, line: line, message: "chiso \(name): \(error)")
        }
    }
}

/// `{{ name.column }}` references in notebook text.
package enum References {
    package enum Lookup { case success(String), failure(String) }

    package static func fill(_ text: String, path: String, line: Int, escape: (String) -> String = MarkdownEscaping.inline,
                     lookup: (String, String) -> Lookup) throws(NotebookError) -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = Substring(text)
        var lineNumber = line
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            lineNumber += rest[..<open.lowerBound].filter { $0 == "\n" }.count
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw NotebookError(path: path, line: lineNumber, message: "{{ is never closed; write {{ block.column }} or {{ param.name }}")
            }
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let pieces = inner.split(separator: ".", maxSplits: 1).map(String.init)
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else {
                throw NotebookError(path: path, line: lineNumber, message: "{{ \(inner) }} is not a reference; write {{ block.column }} or {{ param.name }}")
            }
            switch lookup(pieces[0], pieces[1]) {
            case .success(let value): out += escape(value)
            case .failure(let message): throw NotebookError(path: path, line: lineNumber, message: message)
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
