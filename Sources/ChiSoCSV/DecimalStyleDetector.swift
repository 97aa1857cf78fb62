import ChiSoCore

/// What one value says about the file's decimal separator.
public enum DecimalEvidence: Sendable, Equatable {
    /// No separator (an integer) or not a number at all: says nothing.
    case none
    /// Proves a decimal point: "64.17", "0.123", "1234.567".
    case point
    /// Proves a decimal comma: "64,17", "0,6077".
    case comma
    /// "1.234" or "-12,345": one separator followed by exactly three digits, after an integer
    /// part of one to three digits not starting with 0. A decimal or a thousands separator;
    /// such a value must never silently become 1.234 or 1234.
    case ambiguous
}

extension DecimalStyle {
    /// What `bytes` proves about the decimal separator (see `DecimalEvidence`).
    public static func evidence(in bytes: UnsafeRawBufferPointer) -> DecimalEvidence {
        var i = 0
        let n = bytes.count
        if n > 0 && bytes[0] == 0x2D { i = 1 }
        let integerStart = i
        while i < n && bytes[i] &- 0x30 <= 9 { i += 1 }
        let integerDigits = i - integerStart
        guard integerDigits > 0, i < n else { return .none }
        let separator = bytes[i]
        guard separator == 0x2E || separator == 0x2C else { return .none }
        i += 1
        let fractionStart = i
        while i < n && bytes[i] &- 0x30 <= 9 { i += 1 }
        let fractionDigits = i - fractionStart
        guard i == n, fractionDigits > 0 else { return .none }
        let leadingZero = bytes[integerStart] == 0x30
        // Grouped thousands have three digits after the separator and 1-3 before, not "0".
        if fractionDigits == 3 && integerDigits <= 3 && !leadingZero { return .ambiguous }
        return separator == 0x2E ? .point : .comma
    }

    /// What `text` proves about the decimal separator.
    public static func evidence(in text: String) -> DecimalEvidence {
        var copy = text
        return copy.withUTF8 { evidence(in: UnsafeRawBufferPointer($0)) }
    }
}

/// Decides a file's decimal style from its values when the user did not declare one.
///
/// Feed it every cell of the numeric columns (`observe`), then ask for the `verdict`, or call
/// `resolve(declared:)` which returns the style or the error to show:
///
///     pci.csv:4:3: error: [ingest] ambiguous number "1.234" ...; declare --decimal point or --decimal comma
///
/// One proving value decides for the whole file, so "1.234" is read as 1.234 in a file that also
/// has "64.17", and as an error in a file where nothing else has a fraction.
public struct DecimalStyleDetector: Sendable, Equatable {
    /// A value and where it was seen.
    public struct Evidence: Sendable, Equatable {
        public var text: String
        public var location: SourceLocation

        public init(text: String, location: SourceLocation) {
            self.text = text
            self.location = location
        }
    }

    public enum Verdict: Sendable, Equatable {
        /// A value proves a decimal point (the first such value).
        case point(Evidence)
        /// A value proves a decimal comma (the first such value).
        case comma(Evidence)
        /// Nothing proves either style. `ambiguous` is the first value like "1.234", or nil when
        /// no value had a separator (then either style reads the file the same).
        case undecided(ambiguous: Evidence?)
        /// Both styles are proven by different values: the file is inconsistent.
        case conflict(point: Evidence, comma: Evidence)
    }

    public private(set) var firstPoint: Evidence?
    public private(set) var firstComma: Evidence?
    public private(set) var firstAmbiguous: Evidence?

    public init() {}

    /// Looks at one value. Allocates only for the first value of each kind of evidence.
    public mutating func observe(_ bytes: UnsafeRawBufferPointer, at location: @autoclosure () -> SourceLocation) {
        switch DecimalStyle.evidence(in: bytes) {
        case .none:
            return
        case .point where firstPoint == nil:
            firstPoint = Evidence(text: String(decoding: bytes, as: UTF8.self), location: location())
        case .comma where firstComma == nil:
            firstComma = Evidence(text: String(decoding: bytes, as: UTF8.self), location: location())
        case .ambiguous where firstAmbiguous == nil:
            firstAmbiguous = Evidence(text: String(decoding: bytes, as: UTF8.self), location: location())
        default:
            return
        }
    }

    /// Looks at one value.
    public mutating func observe(_ text: String, at location: SourceLocation) {
        var copy = text
        copy.withUTF8 { observe(UnsafeRawBufferPointer($0), at: location) }
    }

    public var verdict: Verdict {
        switch (firstPoint, firstComma) {
        case (let point?, let comma?): .conflict(point: point, comma: comma)
        case (let point?, nil): .point(point)
        case (nil, let comma?): .comma(comma)
        case (nil, nil): .undecided(ambiguous: firstAmbiguous)
        }
    }

    /// The style to parse the file with: `declared` if given (values that contradict it then
    /// fail one by one in `DecimalParser`), else the detected one; `.point` when no value has a
    /// separator. Throws when nothing decides an ambiguous value, or when the file mixes styles.
    public func resolve(declared: DecimalStyle?) throws(DecimalStyleError) -> DecimalStyle {
        if let declared { return declared }
        switch verdict {
        case .point: return .point
        case .comma: return .comma
        case .undecided(nil): return .point
        case .undecided(let ambiguous?): throw .ambiguous(ambiguous)
        case .conflict(let point, let comma): throw .conflict(point: point, comma: comma)
        }
    }
}

/// The file's decimal separator cannot be decided; says which values and how to fix it.
public struct DecimalStyleError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case ambiguous(DecimalStyleDetector.Evidence)
        case conflict(point: DecimalStyleDetector.Evidence, comma: DecimalStyleDetector.Evidence)
    }

    public var kind: Kind
    /// The value to look at (for a conflict, the later of the two in file order).
    public var location: SourceLocation
    public var message: String

    package static func ambiguous(_ value: DecimalStyleDetector.Evidence) -> DecimalStyleError {
        DecimalStyleError(
            kind: .ambiguous(value), location: value.location,
            message: "ambiguous number \"\(value.text)\": it could have a decimal or a thousands "
                + "separator and no other value in the file shows which; "
                + "declare --decimal point or --decimal comma")
    }

    package static func conflict(point: DecimalStyleDetector.Evidence, comma: DecimalStyleDetector.Evidence)
        -> DecimalStyleError
    {
        let later = Self.isBefore(point.location, comma.location) ? comma.location : point.location
        return DecimalStyleError(
            kind: .conflict(point: point, comma: comma), location: later,
            message: "the file mixes decimal separators: \"\(point.text)\" at \(point.location) "
                + "uses a point but \"\(comma.text)\" at \(comma.location) uses a comma; "
                + "write every number with the same separator")
    }

    private static func isBefore(_ a: SourceLocation, _ b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// `file:line:column: error: [ingest] message`.
    public var description: String { "\(location): error: [ingest] \(message)" }
}
