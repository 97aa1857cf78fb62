import ChiSoCore

/// Which character separates the integer part from the fraction: "64.17" or "64,17".
/// Vietnamese spreadsheets often write a comma; the published index files use a point.
public enum DecimalStyle: Sendable, Equatable, CustomStringConvertible {
    case point
    case comma

    /// The separator byte.
    @inlinable
    public var separator: UInt8 {
        switch self {
        case .point: 0x2E
        case .comma: 0x2C
        }
    }

    public var description: String {
        switch self {
        case .point: "point"
        case .comma: "comma"
        }
    }
}

/// Strict decimal parsing with a declared or detected `DecimalStyle`.
///
/// Accepted: ASCII digits, an optional leading minus, at most one decimal separator of the
/// given style with digits on both sides: "64.17", "-3", "0,6077" (comma style), "007.5".
/// Rejected, each with its own `NumberSyntaxError.Reason`:
/// - digit grouping of any kind ("1 234,5", "1.234.567", "1,234.5"): grouping is what makes
///   "1.234" ambiguous, and the index files never need it, so it is refused rather than guessed;
/// - the other separator ("64,17" when the style is point);
/// - a percent sign ("12%"), a plus sign, an exponent ("1e5"), a bare separator (".5", "5."),
///   spaces (the caller trims), "NaN", "inf";
/// - so many digits that the value would be infinite (`outOfRange`).
/// The result is the correctly rounded `Double` (exact fast path for up to 15 digits).
public struct DecimalParser: Sendable, Equatable {
    public var style: DecimalStyle

    public init(style: DecimalStyle) {
        self.style = style
    }

    /// Parses the bytes of a field (the hot path: no allocation unless it fails).
    @inlinable
    public func parse(_ bytes: UnsafeRawBufferPointer) throws(NumberSyntaxError) -> Double {
        let n = bytes.count
        let separator = style.separator
        var i = 0
        var negative = false
        if n > 0 && bytes[0] == 0x2D {
            negative = true
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        let integerStart = i
        while i < n {
            let d = bytes[i] &- 0x30
            if d > 9 { break }
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d) }
            digits += 1
            i += 1
        }
        if i == integerStart { throw failure(bytes) }
        var fractionDigits = 0
        if i < n && bytes[i] == separator {
            i += 1
            let fractionStart = i
            while i < n {
                let d = bytes[i] &- 0x30
                if d > 9 { break }
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(d) }
                digits += 1
                i += 1
            }
            fractionDigits = i - fractionStart
            if fractionDigits == 0 { throw failure(bytes) }
        }
        if i != n { throw failure(bytes) }
        // Clinger's fast path: both operands exact, one correctly rounded division.
        if digits <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / DecimalParser.powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        // Hundreds of digits round to infinity: refused, never stored as a number nobody wrote.
        let value = DecimalParser.slowParse(bytes, separator: separator)
        if !value.isFinite { throw NumberSyntaxError(text: String(decoding: bytes, as: UTF8.self), reason: .outOfRange) }
        return value
    }

    /// Parses `text` (the whole string; no trimming).
    public func parse(_ text: String) throws(NumberSyntaxError) -> Double {
        var copy = text
        let result = copy.withUTF8 { utf8 in
            Result { () throws(NumberSyntaxError) -> Double in try parse(UnsafeRawBufferPointer(utf8)) }
        }
        return try result.get()
    }

    /// Every 10^k up to 10^22 is exact in a Double. A literal, so the array is built at compile time.
    @usableFromInline
    package static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Many digits: let the standard library round (it is locale-independent).
    @usableFromInline
    package static func slowParse(_ bytes: UnsafeRawBufferPointer, separator: UInt8) -> Double {
        let text = String(decoding: bytes.map { $0 == separator ? 0x2E : $0 }, as: UTF8.self)
        return Double(text)!
    }

    /// Classifies a failed parse; off the hot path.
    @usableFromInline
    package func failure(_ bytes: UnsafeRawBufferPointer) -> NumberSyntaxError {
        let text = String(decoding: bytes, as: UTF8.self)
        if bytes.isEmpty { return NumberSyntaxError(text: text, reason: .empty) }
        if bytes.contains(0x25) { return NumberSyntaxError(text: text, reason: .percentSign) }
        let shape = NumberShape(text)
        guard shape.isDecimalLike else { return NumberSyntaxError(text: text, reason: .notANumber) }
        let separators = shape.points + shape.commas
        if shape.spaces > 0 || separators > 1 { return NumberSyntaxError(text: text, reason: .digitGrouping) }
        let usesOther = style == .point ? shape.commas == 1 : shape.points == 1
        if usesOther && shape.digitsAfterLastSeparator > 0 {
            // "1,234" in a point file is most likely a thousands separator, "64,17" a decimal comma.
            if DecimalStyle.evidence(in: bytes) == .ambiguous {
                return NumberSyntaxError(text: text, reason: .digitGrouping)
            }
            return NumberSyntaxError(text: text, reason: .wrongDecimalSeparator(expected: style))
        }
        return NumberSyntaxError(text: text, reason: .notANumber)
    }
}
