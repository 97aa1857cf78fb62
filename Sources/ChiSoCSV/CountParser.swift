import ChiSoCore

/// Counts as Vietnamese reports write them: `12.480` and `12,480` (digits grouped by three with
/// a dot, a comma, a space or a no-break space), as well as plain `12480`.
///
/// A count is a whole number, so a separator followed by exactly three digits can only group
/// thousands: `1.250` is 1250 dossiers, never one and a quarter. Anything else (`1,5`, `12.48`,
/// mixed separators `1.250,000`) is an error, as `IntegerParser` would report it.
public enum CountParser {
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(NumberSyntaxError) -> Int {
        if let plain = try? IntegerParser.parse(bytes) { return plain }
        guard let grouped = grouped(bytes) else { return try IntegerParser.parse(bytes) }
        return grouped
    }

    public static func parse(_ text: String) throws(NumberSyntaxError) -> Int {
        var copy = text
        return try copy.withUTF8 { utf8 in
            Result { () throws(NumberSyntaxError) -> Int in try parse(UnsafeRawBufferPointer(utf8)) }
        }.get()
    }

    /// `12.480` → 12480; nil unless every group after the first has exactly three digits and one separator is used throughout.
    static func grouped(_ b: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        var negative = false
        if b.count > 0 && b[0] == 0x2D { negative = true; i = 1 }
        var value = 0
        var groupDigits = 0
        var separator: [UInt8]?
        var groups = 0
        while i < b.count {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                guard value < Int.max / 10 - 10 else { return nil }
                value = value * 10 + Int(c - 0x30)
                groupDigits += 1
                i += 1
                continue
            }
            // A separator: '.', ',', ' ', or U+00A0 / U+202F (C2 A0, E2 80 AF).
            var sep: [UInt8]
            if c == 0x2E || c == 0x2C || c == 0x20 { sep = [c] } else if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 { sep = [0xC2, 0xA0] } else if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xAF { sep = [0xE2, 0x80, 0xAF] } else { return nil }
            if let separator, separator != sep { return nil }
            separator = sep
            // The first group has 1 to 3 digits, every later group exactly 3.
            guard groups == 0 ? (1...3).contains(groupDigits) : groupDigits == 3 else { return nil }
            groups += 1
            groupDigits = 0
            i += sep.count
        }
        guard groups > 0, groupDigits == 3 else { return nil }
        return negative ? -value : value
    }
}
