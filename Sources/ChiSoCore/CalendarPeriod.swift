/// A calendar year, quarter or month: the periods `chiso rates` reports, written `2023`,
/// `2023-Q1` and `2023-03`.
///
/// Ordered by start, then by length (a year sorts before its first quarter, a quarter before its
/// first month), so sorted output lists periods in calendar order.
public struct CalendarPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: Int, Sendable, Comparable, CaseIterable {
        case year, quarter, month
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    public let kind: Kind
    public let year: Int
    /// 1...4 for a quarter; for a month, the quarter it falls in; `nil` for a year.
    public let quarter: Int?
    /// 1...12 for a month, `nil` otherwise.
    public let month: Int?

    /// The year `year` (1...9999).
    public static func year(_ year: Int) -> CalendarPeriod {
        precondition((1...9999).contains(year), "year \(year) out of range")
        return CalendarPeriod(kind: .year, year: year, quarter: nil, month: nil)
    }

    /// Quarter `quarter` (1...4) of `year`.
    public static func quarter(_ quarter: Int, of year: Int) -> CalendarPeriod {
        precondition((1...9999).contains(year) && (1...4).contains(quarter), "quarter \(year)-Q\(quarter) out of range")
        return CalendarPeriod(kind: .quarter, year: year, quarter: quarter, month: nil)
    }

    /// Month `month` (1...12) of `year`.
    public static func month(_ month: Int, of year: Int) -> CalendarPeriod {
        precondition((1...9999).contains(year) && (1...12).contains(month), "month \(year)-\(month) out of range")
        return CalendarPeriod(kind: .month, year: year, quarter: (month - 1) / 3 + 1, month: month)
    }

    private init(kind: Kind, year: Int, quarter: Int?, month: Int?) {
        self.kind = kind; self.year = year; self.quarter = quarter; self.month = month
    }

    /// Parses `2023`, `2023-Q1` (also `2023-q1`) or `2023-03`; `nil` for anything else.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        guard b.count >= 4, let year = digits(0..<4), year >= 1 else { return nil }
        if b.count == 4 { self = .year(year); return }
        guard b[4] == 0x2D else { return nil }
        if b.count == 7, b[5] | 0x20 == 0x71, let q = digits(6..<7), (1...4).contains(q) { self = .quarter(q, of: year); return }
        if b.count == 7, let m = digits(5..<7), (1...12).contains(m) { self = .month(m, of: year); return }
        return nil
    }

    /// `2023`, `2023-Q1` or `2023-03`.
    public var description: String {
        let y = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        switch kind {
        case .year: return y
        case .quarter: return "\(y)-Q\(quarter!)"
        case .month: return month! < 10 ? "\(y)-0\(month!)" : "\(y)-\(month!)"
        }
    }

    /// The first day of the period.
    public var firstDay: Day {
        switch kind {
        case .year: return Day(year: year, month: 1, day: 1)
        case .quarter: return Day(year: year, month: (quarter! - 1) * 3 + 1, day: 1)
        case .month: return Day(year: year, month: month!, day: 1)
        }
    }

    /// The last day of the period.
    public var lastDay: Day {
        switch kind {
        case .year: return Day(year: year, month: 12, day: 31)
        case .quarter: return CalendarPeriod.month(quarter! * 3, of: year).lastDay
        case .month: return Day(year: year, month: month!, day: DayNumber.daysIn(month: month!, year: year))
        }
    }

    /// The period of the same kind just before this one (December 2022 before January 2023).
    public var previous: CalendarPeriod {
        switch kind {
        case .year: return .year(year - 1)
        case .quarter: return quarter == 1 ? .quarter(4, of: year - 1) : .quarter(quarter! - 1, of: year)
        case .month: return month == 1 ? .month(12, of: year - 1) : .month(month! - 1, of: year)
        }
    }

    /// The period of kind `kind` that contains this one, or `nil` when `kind` is finer than this
    /// period (a year has no single month).
    public func enclosing(_ kind: Kind) -> CalendarPeriod? {
        guard kind <= self.kind else { return nil }
        switch kind {
        case .year: return .year(year)
        case .quarter: return .quarter(quarter!, of: year)
        case .month: return self
        }
    }

    public static func < (a: CalendarPeriod, b: CalendarPeriod) -> Bool {
        let (sa, sb) = (a.firstDay, b.firstDay)
        return sa != sb ? sa < sb : a.kind < b.kind
    }
}

