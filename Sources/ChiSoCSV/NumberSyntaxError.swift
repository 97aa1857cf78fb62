import ChiSoCore

/// Why a cell's text is not the number a column expects. Carries the text, not a location:
/// the ingest layer knows the file, line and column name and wraps this in its own error.
public struct NumberSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// The cell is empty.
        case empty
        /// Not a number at all ("—", "n/a", "1e5", "+7", ".5").
        case notANumber
        /// A percent sign ("12%"): the column's unit is fixed, the sign is not data.
        case percentSign
        /// Thousands separators ("1 234,5", "1.234.567", "1,234.5"): never guessed.
        case digitGrouping
        /// The other decimal separator than the file's ("64,17" in a point file).
        case wrongDecimalSeparator(expected: DecimalStyle)
        /// A separator in a whole-number column ("56.039", "3.5").
        case notWholeNumber
        /// Too many digits for a 64-bit integer, or for a finite `Double`.
        case outOfRange
    }

    /// The cell's text, as read.
    public var text: String
    public var reason: Reason

    public init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }

    /// What is wrong and what to write instead (no location: the caller adds it).
    public var message: String {
        let quoted = "\"\(text)\""
        switch reason {
        case .empty:
            return "the cell is empty; write a number"
        case .notANumber:
            return "\(quoted) is not a number; write digits with an optional leading minus and "
                + "at most one decimal separator (e.g. 64.17)"
        case .percentSign:
            return "\(quoted) has a percent sign; write the number alone (12 for a percentage, "
                + "or 0.12 for a ratio, as the column expects)"
        case .digitGrouping:
            return "\(quoted) groups digits with thousands separators; write it without them "
                + "(e.g. 1234.5 or 1234,5)"
        case .wrongDecimalSeparator(let expected):
            let (found, foundName, other) =
                expected == .point ? (",", "comma", "point") : (".", "point", "comma")
            return "\(quoted) uses a decimal \(foundName) (\(found)) but this file uses a decimal "
                + "\(other); write it with the file's separator or declare --decimal \(foundName)"
        case .notWholeNumber:
            return "\(quoted) is not a whole number; write digits only, without thousands "
                + "separators or decimals"
        case .outOfRange:
            return "\(quoted) has too many digits to be a number; check the cell"
        }
    }

    public var description: String { message }
}
