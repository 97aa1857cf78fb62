/// A calendar date with no time of day and no time zone, such as the day a province was merged.
///
/// Validity periods of administrative units are legal dates, not instants: "valid until 2025-06-30"
/// holds for the whole of that day wherever the reader is, so `Date` (an instant) would be wrong.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A day from its parts; the parts must name a real date (2025-02-29 traps).
    public init(year: Int, month: Int, day: Int) {
        precondition(Day.isValid(year: year, month: month, day: day),
                     "\(year)-\(month)-\(day) is not a calendar date")
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` ("2025-07-01"); `nil` for any other shape or an impossible date.
    public init?(iso: String) {
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              Day.isValid(year: year, month: month, day: day) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `true` when the parts name a date of the proleptic Gregorian calendar (years 1...9999).
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    /// ISO 8601 form, "2025-07-01".
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> Day {
        Day(dayNumber: dayNumber + count)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not a date; write it as YYYY-MM-DD, e.g. 2025-07-01")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (see `DayNumber`).
    public var dayNumber: Int { DayNumber.from(year: year, month: month, day: day) }

    /// The day with this day number.
    public init(dayNumber: Int) {
        let c = DayNumber.civil(dayNumber)
        self.init(year: c.year, month: c.month, day: c.day)
    }
}

/// Days counted from 1970-01-01 (day 0) in the proleptic Gregorian calendar, without Foundation's
/// `Calendar`, whose results depend on the machine's time zone. Shared by `Day` and the compact
/// dates the dossier tables store.
public enum DayNumber {
    /// The day number of a valid date (Howard Hinnant's `days_from_civil`).
    @inlinable
    public static func from(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day number of `day`.
    public static func from(_ day: Day) -> Int { from(year: day.year, month: day.month, day: day.day) }

    /// Year, month and day of a day number (`civil_from_days`).
    @inlinable
    public static func civil(_ number: Int) -> (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The `Day` of a day number.
    public static func day(_ number: Int) -> Day {
        let c = civil(number)
        return Day(year: c.year, month: c.month, day: c.day)
    }

    @inlinable
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
