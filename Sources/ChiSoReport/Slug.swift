import ChiSoCore
import ChiSoMetrics
import Foundation

/// ASCII identifiers made from Vietnamese text, for file names and HTML anchors.
public enum Slug {
    /// Lower-case ASCII letters and digits joined by "-": "Thứ hạng PCI của Phú Yên" becomes
    /// "thu-hang-pci-cua-phu-yen". Tone and vowel marks are dropped, "đ" becomes "d".
    /// At most `maxLength` characters, cut at a "-"; "item" when nothing is left.
    public static func make(from text: String, maxLength: Int = 60) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            let v = scalar.value
            if (0x0300...0x036F).contains(v) { continue }  // combining marks
            if v == 0x27 || v == 0x2019 { continue }       // "Phú Yên's" -> "phu-yens"
            var ascii: Unicode.Scalar?
            switch v {
            case 0x41...0x5A: ascii = Unicode.Scalar(v + 0x20)
            case 0x61...0x7A, 0x30...0x39: ascii = scalar
            case 0x0110, 0x0111: ascii = "d"  // Đ đ
            default: ascii = nil
            }
            if let ascii {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(ascii)
            } else {
                pendingDash = true
            }
        }
        if out.count > maxLength {
            let cut = out.prefix(maxLength)
            let next = out[cut.endIndex]
            if next == "-" {
                out = String(cut)
            } else if let dash = cut.lastIndex(of: "-"), dash > cut.startIndex {
                out = String(cut[..<dash])
            } else {
                out = String(cut)
            }
        }
        return out.isEmpty ? "item" : out
    }
}
