import ChiSoCore
import ChiSoCSV
import Foundation

/// Month of a day number by table lookup: the parse needs the month of two dates per row, and a
/// table is cheaper than the calendar arithmetic. Days outside 1990...2109 are computed.
package struct MonthTable: Sendable {
    package static let shared = MonthTable()
    private let base = DayNumber.from(year: 1990, month: 1, day: 1)
    private let months: [Int32]
    private let bounds: [(first: Int32, last: Int32)]
    private static let firstYear = 1990

    private init() {
        var months: [Int32] = []
        var bounds: [(Int32, Int32)] = []
        for year in 1990..<2110 {
            for month in 1...12 {
                let first = DayNumber.from(year: year, month: month, day: 1)
                let days = DayNumber.daysIn(month: month, year: year)
                bounds.append((Int32(first), Int32(first + days - 1)))
                months.append(contentsOf: repeatElement(Int32(year * 12 + month - 1), count: days))
            }
        }
        self.months = months
        self.bounds = bounds
    }

    /// `year * 12 + month - 1` of a day number.
    @inline(__always)
    package func monthIndex(day: Int) -> Int {
        let i = day - base
        if i >= 0 && i < months.count { return Int(months[i]) }
        let c = DayNumber.civil(day)
        return c.year * 12 + c.month - 1
    }

    /// First and last day numbers of a month index.
    @inline(__always)
    package func bounds(month index: Int) -> (first: Int32, last: Int32) {
        let i = index - Self.firstYear * 12
        if i >= 0 && i < bounds.count { return bounds[i] }
        let (year, month) = (index / 12, index % 12 + 1)
        let first = DayNumber.from(year: year, month: month, day: 1)
        return (Int32(first), Int32(first + DayNumber.daysIn(month: month, year: year) - 1))
    }
}
