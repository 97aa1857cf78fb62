import ChiSoCore
import ChiSoMetrics
import Foundation

/// Coordinates written the same way on every machine: at most one decimal, "." as the point,
/// no exponent, no negative zero.
package enum SVGNumber {
    package static func format(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        // A value far off the chart would give a coordinate too big for an Int; nothing is drawn there.
        let tenths = Int((min(max(x, -1e9), 1e9) * 10).rounded())
        if tenths == 0 { return "0" }
        let sign = tenths < 0 ? "-" : ""
        let m = tenths.magnitude
        return m % 10 == 0 ? "\(sign)\(m / 10)" : "\(sign)\(m / 10).\(m % 10)"
    }
}

/// Rough text widths for layout (there is no font engine here): per-character widths of a typical
/// sans-serif, in ems. Vietnamese marks sit above or below their letter, so only base letters count.
package enum TextMetrics {
    package static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x0300...0x036F).contains(scalar.value) { continue }
            ems += em(scalar)
        }
        return ems * fontSize
    }

    /// `text` cut with "…" so it fits in `maxWidth`.
    package static func truncate(_ text: String, fontSize: Double, maxWidth: Double) -> String {
        guard width(text, fontSize: fontSize) > maxWidth else { return text }
        var cut = text
        while !cut.isEmpty && width(cut + "…", fontSize: fontSize) > maxWidth { cut.removeLast() }
        return ReportText.trimSpaces(cut) + "…"
    }

    private static func em(_ s: Unicode.Scalar) -> Double {
        switch s {
        case "i", "l", "j", "'", "|", ".", ",", ":", ";", "!", "I": return 0.28
        case " ", "f", "t", "r", "(", ")", "[", "]", "-", "/": return 0.36
        case "m", "w", "M", "W", "%", "@", "—": return 0.86
        case "0"..."9", "+", "\u{2212}", "=", "#", "$", "…": return 0.58
        case "A"..."Z", "Đ": return 0.68
        default: return s.value < 0x80 || s.properties.isAlphabetic ? 0.54 : 1.0
        }
    }
}
