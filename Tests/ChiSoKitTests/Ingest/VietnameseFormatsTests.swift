@testable import ChiSoCore
@testable import ChiSoCSV
@testable import ChiSoIngest
import Foundation
import Testing

/// Numbers, dates, periods and rows as Vietnamese reports write them.
@Suite("Vietnamese numbers, dates, periods and summary rows")
struct VietnameseFormatsTests {
    @Test("counts grouped by thousands read as whole numbers; anything else stays an error", arguments: [
        ("12.480", 12480), ("12,480", 12480), ("1 250", 1250), ("1.250.000", 1_250_000), ("-1.250", -1250), ("480", 480),
        ("1\u{00A0}250", 1250), ("007", 7),
    ])
    func groupedCounts(text: String, value: Int) throws {
        #expect(try CountParser.parse(text) == value)
    }

    @Test("a separator not followed by exactly three digits, or two kinds of separator, is not a count", arguments: [
        "1,5", "12.48", "1.250,000", "1..250", "1.2345", "1234.567", ".250", "250.", "1 250.000", "",
    ])
    func notCounts(text: String) {
        #expect(throws: NumberSyntaxError.self) { try CountParser.parse(text) }
    }

    @Test("periods as reports name them", arguments: [
        ("Quý II/2024", "2024-Q2"), ("Quý 2 năm 2024", "2024-Q2"), ("QUÝ IV NĂM 2023", "2023-Q4"), ("Quy 1/2024", "2024-Q1"),
        ("Tháng 3/2024", "2024-03"), ("Tháng 03 năm 2024", "2024-03"), ("Năm 2024", "2024"),
        ("6 tháng đầu năm 2024", "2024-01-01..2024-06-30"), ("9 tháng năm 2024", "2024-01-01..2024-09-30"),
        ("01/01/2024 - 31/03/2024", "2024-Q1"), ("Từ 15/12/2023 đến 14/03/2024", "2023-12-15..2024-03-14"),
    ])
    func periods(text: String, expected: String) throws {
        #expect(try ReportingPeriod.parse(text).description == expected)
    }

    @Test("a reporting window 15th–14th reports the quarter it ends in; a six-month period reports its year")
    func reportedPeriods() throws {
        #expect(try ReportingPeriod.parse("Từ 15/12/2023 đến 14/03/2024").reported == .quarter(1, of: 2024))
        #expect(try ReportingPeriod.parse("6 tháng đầu năm 2024").reported == .year(2024))
        #expect(throws: ReportingPeriod.ParseError.self) { try ReportingPeriod.parse("Quý V/2024") }
        #expect(throws: ReportingPeriod.ParseError.self) { try ReportingPeriod.parse("Tháng 13/2024") }
    }

    static func seconds(_ text: String, _ order: DateOrder?) -> String? {
        var copy = text
        return copy.withUTF8 { LocalDateTime.parse(UnsafeRawBufferPointer($0), order: order) }.map(LocalDateTime.text)
    }

    @Test("dates and date-times with slashes, dashes or dots, in the order given")
    func writtenDates() {
        #expect(Self.seconds("20/04/2024 08:00", .dmy) == "2024-04-20T08:00:00")
        #expect(Self.seconds("20/04/2024", .dmy) == "2024-04-20T00:00:00")
        #expect(Self.seconds("20-04-2024 8:05:09", .dmy) == "2024-04-20T08:05:09")
        #expect(Self.seconds("1.4.2024", .dmy) == "2024-04-01T00:00:00")
        #expect(Self.seconds("04/20/2024 8:00 PM", .mdy) == "2024-04-20T20:00:00")
        #expect(Self.seconds("04/20/2024 12:30 AM", .mdy) == "2024-04-20T00:30:00")
        #expect(Self.seconds("2024/04/20 23:59", .ymd) == "2024-04-20T23:59:00")
        #expect(Self.seconds("2024-04-20T08:00:00+07:00", nil) == "2024-04-20T08:00:00")
        // Impossible or in the other order: not a date.
        #expect(Self.seconds("20/04/2024", .mdy) == nil)
        #expect(Self.seconds("31/02/2024", .dmy) == nil)
        #expect(Self.seconds("20/04/2024 24:00", .dmy) == nil)
        #expect(Self.seconds("20/04/2024", nil) == nil)
        #expect(Self.seconds("20/04-2024", .dmy) == nil)
    }

    @Test("the date order is told from the dates; mixed or ambiguous files are errors with --date-order advice")
    func dateOrderDetection() throws {
        func resolve(_ texts: [String]) throws(DateOrderError) -> DateOrder? {
            var d = DateOrderDetector()
            for (i, t) in texts.enumerated() { d.observe(t, line: i + 2) }
            return try d.resolve()
        }
        #expect(try resolve(["03/04/2024", "20/04/2024 08:00"]) == .dmy)
        #expect(try resolve(["03/04/2024", "04/20/2024"]) == .mdy)
        #expect(try resolve(["2024/04/03"]) == .ymd)
        #expect(try resolve(["2024-04-20T08:00:00+07:00"]) == nil)
        do {
            _ = try resolve(["03/04/2024", "01/02/2024"])
            Issue.record("an ambiguous file was read")
        } catch {
            #expect(error.message.contains("pass --date-order dmy"))
            #expect(error.line == 2)
        }
        do {
            _ = try resolve(["20/04/2024", "04/21/2024"])
            Issue.record("a mixed file was read")
        } catch {
            #expect(error.message.contains("day first (\"20/04/2024\", line 2) and month first (\"04/21/2024\" here)"))
            #expect(error.line == 3)
        }
    }

    static func rankings(_ csv: String, _ options: RankingIngestOptions = RankingIngestOptions(index: "PCI", year: 2020)) throws(IngestError) -> RankingFile {
        try RankingIngest(registry: .standard).read(bytes: Array(csv.utf8), file: "r.csv", options: options)
    }

    @Test("a rank written 35/63 is rank 35 of 63")
    func rankOfTotal() throws {
        let file = try Self.rankings("Tỉnh,Điểm,Xếp hạng\nPhú Yên,64.17,35/63\nBình Định,66.1,20/63\n")
        #expect(file.records.map(\.rank) == [35, 20])
        #expect(file.records.map(\.of) == [63, 63])
        #expect(throws: IngestError.self) { try Self.rankings("Tỉnh,Điểm,Xếp hạng\nPhú Yên,64.17,35/63\nBình Định,66.1,20/64\n") }
    }

    @Test("summary rows (Trung bình, Min, Max, Cả nước, Tổng) and a row repeated with the same values are skipped with notes")
    func rankingSummaryRows() throws {
        let file = try Self.rankings("""
            STT,Tỉnh,Điểm,Xếp hạng
            1,Phú Yên,64.17,35
            2,Bình Định,66.1,20
            2,Bình Định,66.1,20
            ,Trung bình,65.1,
            ,Max,66.1,
            ,Cả nước,,
            Tổng cộng:,,130.27,

            """)
        #expect(file.records.count == 2)
        #expect(file.notes.count == 6)
        #expect(file.notes[0] == "skipped line 4: it repeats line 3 (Bình Định) with the same values")
        #expect(file.notes[1] == "skipped the summary row \"Trung bình\" on line 5: it is not a province")
        #expect(file.notes[4].contains("\"Tổng cộng:\""))
        #expect(file.notes[5].contains("held in part"))
        // A repeated province with other values stays an error.
        #expect(throws: IngestError.self) { try Self.rankings("Tỉnh,Điểm,Xếp hạng\nPhú Yên,64.17,35\nPhú Yên,64.2,35\n") }
    }

    @Test("summary labels: totals and statistics, with outline numbers and colons; unit names are not labels")
    func labels() {
        for total in ["Tổng cộng", "TỔNG CỘNG:", "Tổng", "Cộng", "Toàn tỉnh", "I. Tổng cộng"] { #expect(SummaryRow.isTotal(total), "\(total)") }
        for statistic in ["Trung bình", "Trung vị", "Min", "MAX", "Cả nước", "Median"] {
            #expect(SummaryRow.label(statistic) != nil && !SummaryRow.isTotal(statistic), "\(statistic)")
        }
        for unit in ["Sở Tư pháp", "UBND huyện Tây Hòa", "Trung tâm Phục vụ hành chính công", "Phú Yên", "Tổng cục Thuế"] {
            #expect(SummaryRow.label(unit) == nil, "\(unit)")
        }
    }
}
