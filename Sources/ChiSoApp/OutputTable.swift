import ChiSoCore
import ChiSoCSV
import ChiSoReport
import Foundation

/// Rows with stable JSON keys and human headers.
///
/// JSON and CSV carry every column; the human formats (table, md) show `humanColumns` only and
/// print long notes once, under the table, instead of repeating them in a column.
package struct OutputTable {
    package var keys: [String]
    package var headers: [String]
    package var rows: [[OutputValue]]
    /// Columns shown by table and md (all when nil).
    package var humanColumns: [Int]? = nil
    /// Notes printed under the table by table and md.
    package var footnotes: [String] = []

    package func render(_ format: OutputFormat) -> String {
        switch format {
        case .json: return jsonValue.serialized() + "\n"
        case .csv:
            // Cells starting with = + - @ are neutralised so a spreadsheet never runs them as formulas.
            return CSVWriter(neutralizeFormulas: true).string(for: [keys] + rows.map { $0.map(\.raw) })
        case .md:
            let (headers, rows) = humanView
            let escape = MarkdownEscaping.tableCell
            var out = "| " + headers.map(escape).joined(separator: " | ") + " |\n"
            out += "|" + headers.indices.map { i in rows.first.map { $0[i].isNumeric } == true ? " ---: |" : " --- |" }.joined() + "\n"
            for row in rows { out += "| " + row.map { escape($0.display) }.joined(separator: " | ") + " |\n" }
            if !footnotes.isEmpty { out += "\n" + footnotes.map { "- " + MarkdownEscaping.inline($0) + "\n" }.joined() }
            return out
        case .table:
            let (headers, rows) = humanView
            var out = TextTable.render(headers: headers, rows: rows.map { $0.map(\.display) },
                                       rightAligned: headers.indices.map { i in rows.contains { $0[i].isNumeric } })
            if !footnotes.isEmpty { out += "\n" + footnotes.map { "* " + $0 + "\n" }.joined() }
            return out
        }
    }

    private var humanView: (headers: [String], rows: [[OutputValue]]) {
        guard let columns = humanColumns else { return (headers, rows) }
        return (columns.map { headers[$0] }, rows.map { row in columns.map { row[$0] } })
    }

    package var jsonValue: JSONValue {
        .array(rows.map { row in .object(zip(keys, row.map(\.json)).map { ($0, $1) }) })
    }

    package init(keys: [String], headers: [String], rows: [[OutputValue]], humanColumns: [Int]? = nil, footnotes: [String] = []) {
        self.keys = keys; self.headers = headers; self.rows = rows; self.humanColumns = humanColumns; self.footnotes = footnotes
    }
}
