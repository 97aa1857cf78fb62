import ChiSoCore
import ChiSoMetrics

/// Escapes plain text for GitHub-flavoured Markdown so it shows literally.
public enum MarkdownEscaping {
    /// Text inside a paragraph, list item, heading or caption.
    ///
    /// Backslash-escapes Markdown punctuation, writes `<` and `>` as entities (so no HTML gets
    /// through) and `&` too where it would start an entity ("&amp;", "&#39;"), turns line breaks into
    /// spaces (our blocks are one line each), and escapes a leading `-`, `+`, `=` or `1.` that would
    /// start a list or a rule. A lone "&" stays as it is, so "pháp lý & an ninh" reads well raw.
    public static func inline(_ text: String) -> String {
        escapeLineStart(escapeRuns(text))
    }

    /// Text inside a table cell: like `inline`, and a `|` can never end the cell. (A cell cannot
    /// start a list, so "+7" and "−3" stay as they are.)
    public static func tableCell(_ text: String) -> String {
        ReportText.trimSpaces(escapeRuns(text))
    }

    private static func escapeRuns(_ text: String) -> String {
        var out = ""
        let chars = Array(text)
        for (i, ch) in chars.enumerated() {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "~", "|", "#":
                out.append("\\"); out.append(ch)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += startsEntity(chars, at: i) ? "&amp;" : "&"
            case "\n", "\r", "\r\n", "\u{2028}", "\u{2029}": out.append(" ")
            default: out.append(ch)
            }
        }
        return out
    }

    /// "&" followed by a name or number and ";" would be read as a character reference.
    private static func startsEntity(_ chars: [Character], at i: Int) -> Bool {
        var j = i + 1
        if j < chars.count, chars[j] == "#" { j += 1 }
        if j < chars.count, chars[j] == "x" || chars[j] == "X" { j += 1 }
        let start = j
        while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber { j += 1 }
        return j > start && j < chars.count && chars[j] == ";"
    }

    /// Text between `[` and `]` of a link or the alt text of an image.
    public static func linkText(_ text: String) -> String { inline(text) }

    /// A link destination, percent-encoding what would end it early (space, parentheses, `<`, `>`)
    /// or run code (unsafe schemes give `nil`; see `HTMLEscaping.safeURL`).
    public static func destination(_ url: String) -> String? {
        guard let safe = HTMLEscaping.safeURL(url) else { return nil }
        var out = ""
        for scalar in safe.unicodeScalars {
            switch scalar {
            case " ": out += "%20"
            case "(": out += "%28"
            case ")": out += "%29"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "\\": out += "%5C"
            case "`": out += "%60"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func escapeLineStart(_ text: String) -> String {
        let chars = Array(text)
        guard let first = chars.first else { return text }
        let second: Character? = chars.count > 1 ? chars[1] : nil
        // "- x", "+ x", "---", "===" start a list, a rule or a heading underline; "-3" does not.
        if first == "-" || first == "+" || first == "=" {
            if second == nil || second == " " || second == "\t" || second == first {
                return "\\" + text
            }
        }
        // "1. text" or "1) text" would start an ordered list.
        let digits = chars.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count <= 9, digits.count < chars.count {
            let mark = chars[digits.count]
            let after: Character? = digits.count + 1 < chars.count ? chars[digits.count + 1] : nil
            if (mark == "." || mark == ")") && (after == nil || after == " " || after == "\t") {
                return String(digits) + "\\" + String(chars[digits.count...])
            }
        }
        return text
    }
}

/// Small text helpers of the Report layer (kept off `String` so they cannot clash with other layers).
package enum ReportText {
    /// `text` without leading and trailing spaces.
    package static func trimSpaces(_ text: String) -> String {
        var s = Substring(text)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
