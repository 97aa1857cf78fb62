import ChiSoCore
import ChiSoCSV
import ChiSoReport
import Foundation

/// A JSON value with ordered object keys, so output is byte-stable.
package indirect enum JSONValue {
    case string(String), int(Int), number(Double), bool(Bool), null
    case array([JSONValue])
    case object([(String, JSONValue)])

    package func serialized(indent: String = "", step: String = "  ") -> String {
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

    package static func quote(_ s: String) -> String {
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
    package var trimmingTrailingWhitespace: String {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[..<end])
    }
}
