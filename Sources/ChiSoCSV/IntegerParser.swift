import ChiSoCore

/// Strict whole-number parsing for counts and ranks: ASCII digits with an optional leading
/// minus, nothing else. No plus sign, no spaces (the caller trims), no thousands separators:
/// "56.039" is an error, never 56039 or 56.039.
public enum IntegerParser {
    /// Parses the bytes of a field (the hot path: no allocation unless it fails).
    @inlinable
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(NumberSyntaxError) -> Int {
        let n = bytes.count
        var i = 0
        var negative = false
        if n > 0 && bytes[0] == 0x2D {
            negative = true
            i = 1
        }
        let digitsStart = i
        var magnitude: UInt64 = 0
        while i < n {
            let d = bytes[i] &- 0x30
            if d > 9 { break }
            // 19 digits always fit in UInt64; beyond, the overflow check below decides.
            if i - digitsStart < 18 {
                magnitude = magnitude &* 10 &+ UInt64(d)
            } else {
                let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(d))
                if o1 || o2 { throw failure(bytes) }
                magnitude = a
            }
            i += 1
        }
        if i != n || i == digitsStart { throw failure(bytes) }
        if negative {
            if magnitude > UInt64(Int.max) + 1 { throw failure(bytes) }
            return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
        }
        if magnitude > UInt64(Int.max) { throw failure(bytes) }
        return Int(magnitude)
    }

    /// Parses `text` (the whole string; no trimming).
    public static func parse(_ text: String) throws(NumberSyntaxError) -> Int {
        var copy = text
        let result = copy.withUTF8 { utf8 in
            Result { () throws(NumberSyntaxError) -> Int in try parse(UnsafeRawBufferPointer(utf8)) }
        }
        return try result.get()
    }

    /// Classifies a failed parse; off the hot path.
    @usableFromInline
    package static func failure(_ bytes: UnsafeRawBufferPointer) -> NumberSyntaxError {
        let text = String(decoding: bytes, as: UTF8.self)
        if bytes.isEmpty { return NumberSyntaxError(text: text, reason: .empty) }
        if bytes.contains(0x25) { return NumberSyntaxError(text: text, reason: .percentSign) }
        let digitsOnly = bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 || $0 == 0x2D }
        if digitsOnly && bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) && (bytes.lastIndex(of: 0x2D) ?? 0) == 0 {
            return NumberSyntaxError(text: text, reason: .outOfRange)
        }
        if NumberShape(text).isDecimalLike {
            return NumberSyntaxError(text: text, reason: .notWholeNumber)
        }
        return NumberSyntaxError(text: text, reason: .notANumber)
    }
}

/// The coarse shape of a cell that failed strict parsing, to choose the most helpful message.
@usableFromInline
package struct NumberShape {
    package var digits = 0
    package var points = 0
    package var commas = 0
    /// Spaces, no-break spaces (U+00A0) and thin spaces (U+2009, U+202F) between digits.
    package var spaces = 0
    package var other = 0
    /// Digits after the last separator.
    package var digitsAfterLastSeparator = 0
    package var startsWithDigitOrMinus = false

    @usableFromInline
    package init(_ text: String) {
        var first = true
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits += 1; digitsAfterLastSeparator += 1
            case 0x2E: points += 1; digitsAfterLastSeparator = 0
            case 0x2C: commas += 1; digitsAfterLastSeparator = 0
            case 0x20, 0xA0, 0x2009, 0x202F: spaces += 1; digitsAfterLastSeparator = 0
            case 0x2D where first: break
            default: other += 1
            }
            if first { startsWithDigitOrMinus = scalar.value == 0x2D || (0x30...0x39).contains(scalar.value) }
            first = false
        }
    }

    /// Digits and separators only, starting with a digit or minus, with at least one separator.
    package var isDecimalLike: Bool {
        other == 0 && digits > 0 && startsWithDigitOrMinus && points + commas + spaces > 0
    }
}
