/// Text from a user's file made safe to print in a message: control characters and the Unicode
/// controls that reorder text are written as visible escapes, so a cell cannot move the cursor,
/// recolour or clear a terminal, start a fake line of output, or reverse what a message says.
public enum ControlCharacterEscaping {
    /// `text` with every C0 and C1 control character (and DEL) and every bidirectional-formatting
    /// character escaped: `\n`, `\r`, `\t`, otherwise `\u{1B}`. Other text, Vietnamese included, is
    /// unchanged.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { out.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    @inline(__always)
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        guard v >= 0x61C else { return false }
        // Arabic letter mark, LRM/RLM, embeddings and overrides, isolates.
        return v == 0x61C || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}
