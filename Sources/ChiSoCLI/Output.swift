import Foundation
import ChiSoKit

/// A value in a row of output: JSON keeps its type, text formats show `display`.
enum OutputValue {
    case text(String)
    case int(Int)
    case number(Double, display: String)
    /// A yes/no flag: a JSON boolean, shown as `display`.
    case bool(Bool, display: String)
    /// A change: shown with its sign ("+7", "−3"), a plain integer in JSON.
    case signed(Int)
    /// Several short texts: one JSON array, joined with "; " elsewhere.
    case list([String])
    case null
    /// No value, shown as `display` in text ("n/a" for a rate over zero): `null` in JSON, empty in CSV.
    case absent(display: String)
    /// A code (`commune`) that text formats show in words (`cấp xã`).
    case code(String, display: String)

    var display: String {
        switch self {
        case let .text(s): return s
        case let .int(n): return String(n)
        case let .number(_, display): return display
        case let .bool(_, display): return display
        case let .signed(n): return NumberFormat.signed(n, .en)
        case let .list(items): return items.joined(separator: "; ")
        case .null: return ""
        case let .absent(display): return display
        case let .code(_, display): return display
        }
    }

    /// The value as CSV carries it: machine-readable (plain numbers, true/false), like JSON.
    var raw: String {
        switch self {
        case let .text(s): return s
        case let .int(n), let .signed(n): return String(n)
        case let .number(x, _): return JSONValue.number(x).serialized()
        case let .bool(b, _): return b ? "true" : "false"
        case let .list(items): return items.joined(separator: "; ")
        case .null, .absent: return ""
        case let .code(value, _): return value
        }
    }

    var json: JSONValue {
        switch self {
        case let .text(s): return .string(s)
        case let .int(n): return .int(n)
        case let .number(x, _): return .number(x)
        case let .bool(b, _): return .bool(b)
        case let .signed(n): return .int(n)
        case let .list(items): return .array(items.map(JSONValue.string))
        case .null, .absent: return .null
        case let .code(value, _): return .string(value)
        }
    }

    /// Numbers align right in tables.
    var isNumeric: Bool {
        switch self { case .int, .number, .signed: return true; default: return false }
    }
}

/// Rows with stable JSON keys and human headers.
///
/// JSON and CSV carry every column; the human formats (table, md) show `humanColumns` only and
/// print long notes once, under the table, instead of repeating them in a column.
struct OutputTable {
    var keys: [String]
    var headers: [String]
    var rows: [[OutputValue]]
    /// Columns shown by table and md (all when nil).
    var humanColumns: [Int]? = nil
    /// Notes printed under the table by table and md.
    var footnotes: [String] = []

    func render(_ format: OutputFormat) -> String {
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

    var jsonValue: JSONValue {
        .array(rows.map { row in .object(zip(keys, row.map(\.json)).map { ($0, $1) }) })
    }
}

/// Plain text columns, padded by characters (Vietnamese letters are one character each once NFC).
enum TextTable {
    static func render(headers: [String], rows: [[String]], rightAligned: [Bool]) -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.indices.map { i in
                let pad = String(repeating: " ", count: widths[i] - cells[i].count)
                return rightAligned[i] ? pad + cells[i] : cells[i] + pad
            }.joined(separator: "  ").trimmingTrailingWhitespace + "\n"
        }
        var out = line(headers)
        out += line(widths.map { String(repeating: "-", count: $0) })
        for row in rows { out += line(row) }
        return out
    }
}

/// A JSON value with ordered object keys, so output is byte-stable.
indirect enum JSONValue {
    case string(String), int(Int), number(Double), bool(Bool), null
    case array([JSONValue])
    case object([(String, JSONValue)])

    func serialized(indent: String = "", step: String = "  ") -> String {
        switch self {
        case let .string(s): return Self.quote(s)
        case let .int(n): return String(n)
        case let .number(x): return x.isFinite ? (x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)") : "null"
        case let .bool(b): return b ? "true" : "false"
        case .null: return "null"
        case let .array(items):
            guard !items.isEmpty else { return "[]" }
            let inner = indent + step
            return "[\n" + items.map { inner + $0.serialized(indent: inner, step: step) }.joined(separator: ",\n") + "\n" + indent + "]"
        case let .object(pairs):
            guard !pairs.isEmpty else { return "{}" }
            let inner = indent + step
            return "{\n" + pairs.map { inner + Self.quote($0.0) + ": " + $0.1.serialized(indent: inner, step: step) }.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

extension String {
    /// Without trailing whitespace (what a regular expression `\s+$` removed, at a fraction of the
    /// cost: compiling the expression for every line was a tenth of a `chiso rates` run).
    var trimmingTrailingWhitespace: String {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[..<end])
    }
}
