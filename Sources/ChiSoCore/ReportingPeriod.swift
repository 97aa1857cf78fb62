import Foundation

/// The period a row of aggregated statistics covers, and the calendar period it reports.
///
/// Written `2023`, `2023-Q1` (or `Q1/2023`), `2023-03` (or `03/2023`), or a date range
/// `2022-12-15..2023-03-14`. A range is reported as the smallest calendar month, quarter or year
/// that contains it; a range from the 15th to the 14th is a reporting window of Decree
/// 09/2019/NĐ-CP (the month, quarter or year "from the 15th of the month before to the 14th"),
/// and reports the months it ends in: 2022-12-15..2023-03-14 is Q1 2023.
public struct ReportingPeriod: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The calendar period the figures count in.
    public var reported: CalendarPeriod
    /// First and last day covered, as written.
    public var firstDay: Day
    public var lastDay: Day

    public init(reported: CalendarPeriod, firstDay: Day, lastDay: Day) {
        self.reported = reported; self.firstDay = firstDay; self.lastDay = lastDay
    }

    /// A calendar period covering exactly its own days.
    public init(_ period: CalendarPeriod) {
        self.init(reported: period, firstDay: period.firstDay, lastDay: period.lastDay)
    }

    /// `2023-Q1`, or the range when it is not exactly a calendar period: `2022-12-15..2023-03-14`.
    public var description: String {
        firstDay == reported.firstDay && lastDay == reported.lastDay ? reported.description : "\(firstDay)..\(lastDay)"
    }

    /// Why a period text was refused.
    public enum ParseError: Error, Equatable, Sendable {
        /// Not one of the accepted shapes, or an impossible date.
        case notAPeriod(String)
        /// The range ends before it starts.
        case reversed(String)
        /// The range crosses a new year and is not a reporting window.
        case spansYears(String)

        public var message: String {
            switch self {
            case .notAPeriod(let text):
                return "period \"\(text)\" is not a period; write a year (2023), a quarter (2023-Q1), a month (2023-03) or a date range (2022-12-15..2023-03-14)"
            case .reversed(let text):
                return "period \"\(text)\" ends before it starts; swap the two dates"
            case .spansYears(let text):
                return "period \"\(text)\" crosses a new year and is not a reporting window (15th to 14th); split the row by year or write a calendar period"
            }
        }
    }

    /// Parses the text of a `period` cell (surrounding spaces ignored).
    public static func parse(_ raw: String) throws(ParseError) -> ReportingPeriod {
        let text = raw.trimmingASCIISpaces
        if let period = CalendarPeriod(text) { return ReportingPeriod(period) }
        // "Quý II/2024", "6 tháng đầu năm 2024", "01/01/2024 - 31/03/2024": the names reports use.
        if text.utf8.contains(where: { $0 >= 0x80 || $0 == 0x20 || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A && $0 | 0x20 != 0x71) }),
           let normalized = VietnamesePeriod.normalize(text), normalized != text {
            do { return try parse(normalized) } catch { throw .notAPeriod(raw) }
        }
        let b = Array(text.utf8)
        func number(_ s: ArraySlice<UInt8>) -> Int? {
            guard !s.isEmpty, s.count <= 4, s.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return s.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        // Q1/2023, 03/2023, 3/2023: the Vietnamese way of writing quarters and months.
        if let slash = b.firstIndex(of: 0x2F), let year = number(b[(slash + 1)...]), year >= 1000, b[(slash + 1)...].count == 4 {
            let head = b[..<slash]
            if head.count == 2, head.first! | 0x20 == 0x71, let q = number(head.dropFirst()), (1...4).contains(q) {
                return ReportingPeriod(.quarter(q, of: year))
            }
            if let m = number(head), head.count <= 2, (1...12).contains(m) { return ReportingPeriod(.month(m, of: year)) }
            throw .notAPeriod(raw)
        }
        // A range: two ISO dates joined by "..".
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let first = Day(iso: parts[0].trimmingASCIISpaces), let last = Day(iso: parts[1].trimmingASCIISpaces) else {
            throw .notAPeriod(raw)
        }
        guard first <= last else { throw .reversed(raw) }
        // A reporting window reports the months after its start up to its end.
        var (from, to) = (first, last)
        if first.day == 15 && last.day == 14 && (first.year, first.month) < (last.year, last.month) {
            let next = first.month == 12 ? Day(year: first.year + 1, month: 1, day: 1) : Day(year: first.year, month: first.month + 1, day: 1)
            from = next
            to = CalendarPeriod.month(last.month, of: last.year).lastDay
        }
        guard from.year == to.year else { throw .spansYears(raw) }
        let reported: CalendarPeriod
        if from.month == to.month {
            reported = .month(from.month, of: from.year)
        } else if (from.month - 1) / 3 == (to.month - 1) / 3 {
            reported = .quarter((from.month - 1) / 3 + 1, of: from.year)
        } else {
            reported = .year(from.year)
        }
        return ReportingPeriod(reported: reported, firstDay: first, lastDay: last)
    }
}

extension String {
    /// Without leading and trailing ASCII spaces and tabs (no Foundation, no Unicode tables).
    package var trimmingASCIISpaces: String {
        let u = utf8
        guard let start = u.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let end = u.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        return String(self[start...end])
    }
}
