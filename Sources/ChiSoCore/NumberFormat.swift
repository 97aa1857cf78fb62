/// Formats numbers for reports the same way on every machine.
///
/// Foundation's locale formatting differs between platforms, so this is our own.
///
/// Rules:
/// - **Rounding**: half away from zero, applied to the *shortest decimal representation* of the
///   `Double` (the digits Swift prints for it, which read back as the same `Double`). So `64.175`
///   rounds to `64.18` even though its binary value is 64.17499999…; what was written in the source
///   is what gets rounded.
/// - **Separators**: Vietnamese groups thousands with "." and marks decimals with ","
///   (`56.039`, `64,17`); English uses "," and "." (`56,039`, `64.17`). Every integer part of four
///   or more digits is grouped.
/// - **Minus**: negative numbers use U+2212 MINUS SIGN ("−3"), which is as wide as "+" and does not
///   break from its number; signed forms print "+" for positive values and no sign for zero.
/// - **Zero**: negative zero, and any negative value that rounds to zero, prints without a sign.
/// - **Not a number**: NaN and infinities print as "—" (no value) rather than stopping a report.
public enum NumberFormat {
    /// U+2212 MINUS SIGN, used for every negative number.
    public static let minusSign = "\u{2212}"
    /// Printed for NaN and infinite values.
    public static let missing = "—"

    /// A number with exactly `places` decimals: `decimal(64.17482, places: 2, .vi)` is "64,17".
    public static func decimal(_ x: Double, places: Int, _ lang: Language) -> String {
        guard let rounded = Rounded(x, places: places) else { return missing }
        return (rounded.isNegative ? minusSign : "") + rounded.text(lang)
    }

    /// A whole number with thousands separators: "56.039" (vi), "56,039" (en).
    public static func integer(_ n: Int, _ lang: Language) -> String {
        (n < 0 ? minusSign : "") + group(String(n.magnitude), lang)
    }

    /// A ratio as a percentage: `percent(ratio: 0.223, places: 1, .vi)` is "22,3%".
    ///
    /// The ratio is scaled by moving the decimal point, not by multiplying, so no binary error creeps in.
    public static func percent(ratio: Double, places: Int, _ lang: Language) -> String {
        guard let rounded = Rounded(ratio, places: places, shift: 2) else { return missing }
        return (rounded.isNegative ? minusSign : "") + rounded.text(lang) + "%"
    }

    /// A change in whole units with an explicit sign: "+7", "−3", "0".
    public static func signed(_ n: Int, _ lang: Language) -> String {
        let sign = n > 0 ? "+" : (n < 0 ? minusSign : "")
        return sign + group(String(n.magnitude), lang)
    }

    /// A change with decimals and an explicit sign: `signed(1.3317, places: 2, .vi)` is "+1,33".
    public static func signed(_ x: Double, places: Int, _ lang: Language) -> String {
        guard let rounded = Rounded(x, places: places) else { return missing }
        return rounded.signPrefix + rounded.text(lang)
    }

    /// The difference between two ratios in percentage points: a `ratioDifference` of 0.012 is
    /// "+1,2 điểm phần trăm" (vi, as newspapers write it) or "+1.2 pp" (en).
    public static func percentagePoints(ratioDifference: Double, places: Int, _ lang: Language) -> String {
        guard let rounded = Rounded(ratioDifference, places: places, shift: 2) else { return missing }
        let unit = lang == .vi ? " điểm phần trăm" : " pp"
        return rounded.signPrefix + rounded.text(lang) + unit
    }

    package static func group(_ digits: String, _ lang: Language) -> String {
        let separator: Character = lang == .vi ? "." : ","
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(separator) }
            out.append(ch)
        }
        return out
    }

    /// The magnitude of a value rounded to `places` decimals, as decimal digits.
    private struct Rounded {
        /// Digits of the rounded magnitude times 10^places, without leading zeros ("" for zero).
        package var digits: [UInt8]
        package var places: Int
        /// True only when the rounded value is not zero.
        package var isNegative: Bool
        package var isZero: Bool { digits.isEmpty }

        package var signPrefix: String { isZero ? "" : (isNegative ? NumberFormat.minusSign : "+") }

        /// `shift` multiplies by 10^shift exactly (2 turns a ratio into a percentage).
        package init?(_ x: Double, places rawPlaces: Int, shift: Int = 0) {
            guard x.isFinite else { return nil }
            let places = max(0, rawPlaces)
            // Swift prints the shortest digits that read back as the same Double, e.g. "64.175",
            // "1e-05", "1.5e+300"; parse them as  mantissa digits × 10^exponent.
            var text = Substring(x.magnitude.description)
            var exponent = 0
            if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                exponent = Int(text[text.index(after: e)...]) ?? 0
                text = text[..<e]
            }
            var mantissa: [UInt8] = []
            for ch in text {
                if ch == "." {
                    exponent -= text.distance(from: text.firstIndex(of: ".")!, to: text.endIndex) - 1
                } else if let d = ch.wholeNumberValue {
                    mantissa.append(UInt8(d))
                }
            }
            // value × 10^(places + shift) = mantissa × 10^scale; keep the integer part, round on the rest.
            let scale = exponent + places + shift
            var kept: [UInt8]
            if scale >= 0 {
                kept = mantissa + Array(repeating: 0, count: scale)
            } else {
                let dropped = -scale
                let keepCount = mantissa.count - dropped
                kept = keepCount > 0 ? Array(mantissa[..<keepCount]) : []
                let firstDropped = keepCount >= 0 && keepCount < mantissa.count ? mantissa[keepCount] : 0
                if firstDropped >= 5 { Rounded.increment(&kept) }
            }
            while let first = kept.first, first == 0 { kept.removeFirst() }
            digits = kept
            self.places = places
            isNegative = x < 0 && !kept.isEmpty
        }

        package static func increment(_ digits: inout [UInt8]) {
            var i = digits.count - 1
            while i >= 0 {
                if digits[i] < 9 { digits[i] += 1; return }
                digits[i] = 0
                i -= 1
            }
            digits.insert(1, at: 0)
        }

        /// The magnitude with separators, without a sign.
        package func text(_ lang: Language) -> String {
            var all = digits.map { Character(String($0)) }
            if all.count < places + 1 {
                all = Array(repeating: "0", count: places + 1 - all.count) + all
            }
            let integerPart = String(all[..<(all.count - places)])
            let grouped = NumberFormat.group(integerPart, lang)
            guard places > 0 else { return grouped }
            return grouped + (lang == .vi ? "," : ".") + String(all[(all.count - places)...])
        }
    }
}

/// Arithmetic on numbers read from decimal text, without binary noise in the result.
public enum DecimalArithmetic {
    /// The decimals of the shortest text that reads back as `x` ("64.17482" → 5); `nil` for exponent forms.
    public static func decimals(_ x: Double) -> Int? {
        guard x.isFinite else { return nil }
        let text = "\(x)"
        guard !text.contains("e") else { return nil }
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        let fraction = text[text.index(after: dot)...]
        return fraction == "0" ? 0 : fraction.count
    }

    /// `a - b` as the decimal difference of the two texts: 64.17482 − 62.842781 is 1.332039, not
    /// 1.3320389999999946. Falls back to the binary difference when it cannot be exact.
    public static func difference(_ a: Double, _ b: Double) -> Double {
        let raw = a - b
        guard let da = decimals(a), let db = decimals(b) else { return raw }
        let places = max(da, db)
        guard places <= 15 else { return raw }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (raw * scale).rounded()
        // Beyond 2^52 the scaled value is no longer an exact integer.
        guard abs(scaled) < 4_503_599_627_370_496 else { return raw }
        return scaled / scale
    }
}
