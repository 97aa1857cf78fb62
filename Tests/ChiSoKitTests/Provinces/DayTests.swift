import Foundation
import Testing
import ChiSoKit

@Suite struct DayTests {
    @Test func parsesAndPrintsISODates() throws {
        let day = try #require(Day(iso: "2025-07-01"))
        #expect((day.year, day.month, day.day) == (2025, 7, 1))
        #expect(day.description == "2025-07-01")
        #expect(Day(year: 987, month: 3, day: 4).description == "0987-03-04")
        #expect(Day(iso: "2024-02-29") == Day(year: 2024, month: 2, day: 29))
    }

    @Test(arguments: ["2025-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-7-1",
                      "2025-07-01T00:00", "2025/07/01", "abcd-ef-gh", "", " 2025-07-01"])
    func rejectsImpossibleOrMalformedDates(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func ordersChronologically() throws {
        let days = ["2025-07-01", "2008-07-31", "2025-06-30", "2008-08-01"].compactMap(Day.init(iso:))
        #expect(days.sorted().map(\.description) == ["2008-07-31", "2008-08-01", "2025-06-30", "2025-07-01"])
    }

    @Test func addsDaysAcrossMonthAndYearEnds() {
        #expect(Day(year: 2025, month: 6, day: 30).adding(days: 1) == Day(year: 2025, month: 7, day: 1))
        #expect(Day(year: 2024, month: 12, day: 31).adding(days: 1) == Day(year: 2025, month: 1, day: 1))
        #expect(Day(year: 2024, month: 2, day: 28).adding(days: 1) == Day(year: 2024, month: 2, day: 29))
        #expect(Day(year: 2025, month: 3, day: 1).adding(days: -1) == Day(year: 2025, month: 2, day: 28))
        #expect(Day(year: 2008, month: 8, day: 1).adding(days: -366) == Day(year: 2007, month: 8, day: 1))
    }

    @Test func codesAsAnISOString() throws {
        let json = try JSONEncoder().encode([Day(year: 2025, month: 7, day: 1)])
        #expect(String(decoding: json, as: UTF8.self) == #"["2025-07-01"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: json) == [Day(year: 2025, month: 7, day: 1)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data(#"["2025-02-30"]"#.utf8)) }
    }
}
