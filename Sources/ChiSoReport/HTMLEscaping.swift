import ChiSoCore
import ChiSoMetrics
import Foundation

/// Escapes plain text for HTML and SVG (XML), in element content and in quoted attributes alike.
public enum HTMLEscaping {
    /// Replaces `& < > " '` with entities, and characters that XML forbids (C0 controls other than
    /// tab, newline and carriage return; U+FFFE, U+FFFF) with U+FFFD, so the result is safe inside
    /// HTML text, a double- or single-quoted attribute, and an SVG file.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A link target that may be written into `href`, or `nil` when the scheme could run code or
    /// load something unexpected (`javascript:`, `data:`, `vbscript:` ...).
    ///
    /// Allowed: `http:`, `https:`, `mailto:`, fragments (`#...`) and relative paths.
    public static func safeURL(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        // Browsers ignore tabs, newlines and controls inside a scheme ("java\tscript:"), so look
        // for the scheme with those removed.
        let squeezed = String(trimmed.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        guard !squeezed.isEmpty else { return nil }
        // A scheme is what comes before the first ":" if no "/", "?" or "#" comes earlier.
        if let colon = squeezed.firstIndex(of: ":") {
            let head = squeezed[..<colon]
            if !head.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
                guard ["http", "https", "mailto"].contains(head.lowercased()) else { return nil }
            }
        }
        return trimmed
    }
}
