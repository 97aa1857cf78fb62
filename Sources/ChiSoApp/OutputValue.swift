import ChiSoCore
import ChiSoCSV
import ChiSoReport
import Foundation

/// A value in a row of output: JSON keeps its type, text formats show `display`.
package enum OutputValue {
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
    /// Structured data (a list of objects): JSON as is, its JSON text in CSV, `display` elsewhere.
    case structured(JSONValue, display: String)

    package var display: String {
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
        case let .structured(_, display): return display
        }
    }

    /// The value as CSV carries it: machine-readable (plain numbers, true/false), like JSON.
    package var raw: String {
        switch self {
        case let .text(s): return s
        case let .int(n), let .signed(n): return String(n)
        case let .number(x, _): return JSONValue.number(x).serialized()
        case let .bool(b, _): return b ? "true" : "false"
        case let .list(items): return items.joined(separator: "; ")
        case .null, .absent: return ""
        case let .code(value, _): return value
        case let .structured(value, _): return value.serialized()
        }
    }

    package var json: JSONValue {
        switch self {
        case let .text(s): return .string(s)
        case let .int(n): return .int(n)
        case let .number(x, _): return .number(x)
        case let .bool(b, _): return .bool(b)
        case let .signed(n): return .int(n)
        case let .list(items): return .array(items.map(JSONValue.string))
        case .null, .absent: return .null
        case let .code(value, _): return .string(value)
        case let .structured(value, _): return value
        }
    }

    /// Numbers align right in tables.
    package var isNumeric: Bool {
        switch self { case .int, .number, .signed: return true; default: return false }
    }
}
