import ChiSoCore
@testable import ChiSoCSV
import Foundation
import TestSupport
import Testing

/// The .xlsx sheet reader, through `CSVReader` (the one record path of every ingest).
@Suite("XLSX sheets read as records")
struct XLSXReaderTests {
    typealias Cell = XLSXBuilder.Cell

    static func read(_ book: XLSXBuilder, sheet: String? = nil, hasHeader: Bool = false) throws -> (rows: [[String]], lines: [Int], reader: (sheet: String?, notes: [String], header: [String]?)) {
        var reader = try CSVReader(bytes: book.data(), file: "t.xlsx", hasHeader: hasHeader, options: CSVReader.Options(sheet: sheet))
        var rows: [[String]] = []
        var lines: [Int] = []
        try reader.forEachRecord { (r: borrowing CSVRecord) in
            rows.append(r.strings)
            lines.append(r.line)
        }
        return (rows, lines, (reader.sheet, reader.notes, reader.header))
    }

    @Test("shared and inline strings, numbers, booleans, errors, formula results, empty and sparse cells")
    func cellTypes() throws {
        var book = XLSXBuilder()
        book.addSheet("Data", rows: [
            [.text("Tỉnh"), .text("Điểm"), .text("Xếp hạng"), .text("Ghi chú"), .text("Có")],
            [.text("Phú Yên"), .number("64.170000000000002"), .number("35"), .inline("a & b <c>"), .bool(true)],
            [.inline("Bình Định"), .number("66.1"), .empty, .formulaText("x_x000D_y"), .bool(false)],
            [.text("Khánh Hòa"), .number("1.25E-2"), .number("-3"), .error("#N/A"), .empty],
        ])
        let result = try Self.read(book)
        #expect(result.rows == [
            ["Tỉnh", "Điểm", "Xếp hạng", "Ghi chú", "Có"],
            ["Phú Yên", "64.17", "35", "a & b <c>", "TRUE"],
            ["Bình Định", "66.1", "", "x\ry", "FALSE"],
            ["Khánh Hòa", "0.0125", "-3", "#N/A", ""],
        ])
        #expect(result.lines == [1, 2, 3, 4])
        #expect(result.reader.sheet == "Data")
    }

    @Test("locations name the sheet and the cell as Excel does: t.xlsx:Data!C3")
    func locations() throws {
        var book = XLSXBuilder()
        book.addSheet("Data", rows: [[.text("a"), .text("b"), .text("c")], [.number("1"), .number("2"), .number("3")], [.number("4"), .number("5"), .number("6")]])
        book.addSheet("Báo cáo quý", rows: [[.text("a"), .text("b")], [.number("1"), .number("2")]])
        var reader = try CSVReader(bytes: book.data(), file: "t.xlsx", hasHeader: true)
        var seen: [String] = []
        try reader.forEachRecord { (r: borrowing CSVRecord) in seen.append(r.location(ofField: 2).description) }
        #expect(seen == ["t.xlsx:Data!C2", "t.xlsx:Data!C3"])
        var other = try CSVReader(bytes: book.data(), file: "t.xlsx", hasHeader: true, options: CSVReader.Options(sheet: "2"))
        var seen2: [String] = []
        try other.forEachRecord { (r: borrowing CSVRecord) in seen2.append(r.location(ofField: 1).description) }
        #expect(seen2 == ["t.xlsx:'Báo cáo quý'!B2"])
        #expect(SourceLocation(file: "f.xlsx", line: 7, column: 28, sheet: "Sheet1").description == "f.xlsx:Sheet1!AB7")
    }

    @Test("dates stored as serial numbers, in the 1900 and 1904 systems, become ISO dates and date-times")
    func dates() throws {
        var book = XLSXBuilder()
        book.addSheet("S", rows: [
            [.text("received_at"), .text("due_at"), .text("resolved_at"), .text("rate")],
            // 45402 = 2024-04-20; .3333333 = 08:00; style 3 is dd/mm/yyyy hh:mm, style 4 a percent (not a date).
            [.styled("45402.333333333336", style: 3), .styled("45402", style: 1), .styled("45402.5", style: 2), .styled("0.25", style: 4)],
            [.styled("61", style: 1), .styled("59", style: 1), .styled("1", style: 1), .number("45402")],
        ])
        #expect(try Self.read(book).rows.dropFirst() == [
            ["2024-04-20 08:00:00", "2024-04-20", "2024-04-20 12:00:00", "0.25"],
            ["1900-03-01", "1900-02-28", "1900-01-01", "45402"],
        ])
        // 1904 system: serial 0 is 1904-01-01; 43940 is 2024-04-20 (1,462 days less than in 1900).
        var mac = XLSXBuilder()
        mac.date1904 = true
        mac.addSheet("S", rows: [[.text("a"), .text("b")], [.styled("0", style: 1), .styled("43940", style: 1)]])
        #expect(try Self.read(mac).rows.last == ["1904-01-01", "2024-04-20"])
        // The independent oracle: Foundation's calendar.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let epoch = calendar.date(from: DateComponents(year: 1899, month: 12, day: 30))!
        for serial in [61, 1000, 25569, 36526, 45402, 60000] {
            let date = calendar.date(byAdding: .day, value: serial, to: epoch)!
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            let expected = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            #expect(SheetReader.dateText(serial: Double(serial), kind: .date, date1904: false) == expected)
        }
    }

    @Test("title and blank rows above the header are skipped, with a note; rows keep their sheet numbers")
    func titleRows() throws {
        var book = XLSXBuilder()
        book.addSheet("Báo cáo", rows: [
            [.text("UBND TỈNH PHÚ YÊN"), .empty, .empty, .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
            [.text("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC")],
            [],
            [.text("STT"), .text("Đơn vị"), .text("Tiếp nhận"), .text("Đã giải quyết")],
            [.number("1"), .text("Sở Tư pháp"), .number("120"), .number("100")],
            [.number("2"), .text("Sở Y tế"), .number("80")],
        ])
        let result = try Self.read(book, hasHeader: true)
        #expect(result.reader.header == ["STT", "Đơn vị", "Tiếp nhận", "Đã giải quyết"])
        #expect(result.rows == [["1", "Sở Tư pháp", "120", "100"], ["2", "Sở Y tế", "80", ""]])
        #expect(result.lines == [5, 6])
        #expect(result.reader.notes.contains { $0.contains("skipped 2 title rows above the header (rows 1, 2") })
    }

    @Test("a two-row header with group cells merged over sub-headers becomes one row of names")
    func mergedGroupHeader() throws {
        var book = XLSXBuilder()
        book.addSheet("06a", rows: [
            [.text("TÌNH HÌNH GIẢI QUYẾT TTHC")],
            [.text("STT"), .text("Đơn vị"), .text("Số hồ sơ nhận giải quyết"), .empty, .empty, .text("Số hồ sơ đã giải quyết"), .empty],
            [.empty, .empty, .text("Tổng số"), .text("Trực tuyến"), .text("Từ kỳ trước"), .text("Tổng số"), .text("Quá hạn")],
            [.number("1"), .text("Sở Tư pháp"), .number("130"), .number("90"), .number("10"), .number("100"), .number("4")],
        ], merges: ["A1:G1", "A2:A3", "B2:B3", "C2:E2", "F2:G2"])
        let result = try Self.read(book, hasHeader: true)
        #expect(result.reader.header == ["STT", "Đơn vị", "Số hồ sơ nhận giải quyết - Tổng số", "Số hồ sơ nhận giải quyết - Trực tuyến",
                                        "Số hồ sơ nhận giải quyết - Từ kỳ trước", "Số hồ sơ đã giải quyết - Tổng số", "Số hồ sơ đã giải quyết - Quá hạn"])
        #expect(result.rows == [["1", "Sở Tư pháp", "130", "90", "10", "100", "4"]])
        #expect(result.lines == [4])
    }

    @Test("a cell merged down over rows reads as its top-left value in each row")
    func mergedData() throws {
        var book = XLSXBuilder()
        book.addSheet("S", rows: [
            [.text("period"), .text("unit"), .text("n")],
            [.text("2024-Q1"), .text("A"), .number("1")],
            [.empty, .text("B"), .number("2")],
        ], merges: ["A2:A3"])
        #expect(try Self.read(book, hasHeader: true).rows == [["2024-Q1", "A", "1"], ["2024-Q1", "B", "2"]])
    }

    @Test("--sheet by name or number; by default the first visible sheet with a table, named in a note")
    func sheetChoice() throws {
        var book = XLSXBuilder()
        book.addSheet("Hướng dẫn", rows: [[.text("Điền số liệu vào trang Dữ liệu")]])
        book.addSheet("Ẩn", rows: [[.text("a"), .text("b")], [.number("9"), .number("9")]])
        book.hidden = ["Ẩn"]
        book.addSheet("Dữ liệu", rows: [[.text("a"), .text("b")], [.number("1"), .number("2")]])
        let byDefault = try Self.read(book, hasHeader: true)
        #expect(byDefault.reader.sheet == "Dữ liệu")
        #expect(byDefault.rows == [["1", "2"]])
        #expect(byDefault.reader.notes.first?.hasPrefix("read sheet \"Dữ liệu\" of \"Hướng dẫn\", \"Ẩn\", \"Dữ liệu\"") == true)
        #expect(try Self.read(book, sheet: "ẩn", hasHeader: true).rows == [["9", "9"]])
        #expect(try Self.read(book, sheet: "2", hasHeader: true).reader.sheet == "Ẩn")
        #expect {
            try Self.read(book, sheet: "Data")
        } throws: { error in
            let e = error as! CSVError
            return e.message.contains("no sheet \"Data\"; its sheets are \"Hướng dẫn\", \"Ẩn\", \"Dữ liệu\"") && e.kind == .workbook
        }
    }

    @Test("elements with a namespace prefix (x:row, x:c) and cells without references, as .NET exporters write them")
    func prefixedAndUnreferenced() throws {
        var book = XLSXBuilder()
        book.addSheet("S", rows: [[.inline("a"), .inline("b"), .inline("c")], [.number("1"), .empty, .number("3")]], prefix: "x:", writeReferences: false)
        #expect(try Self.read(book).rows == [["a", "b", "c"], ["1", "", "3"]])
    }

    @Test("a workbook openpyxl wrote (deflated parts, shared strings, date cells) reads like its CSV")
    func openpyxlWorkbook() throws {
        let url = Bundle.module.url(forResource: "Fixtures/xlsx/openpyxl-dossiers", withExtension: "xlsx")!
        let reader = try CSVReader(path: url.path, displayName: "openpyxl-dossiers.xlsx", hasHeader: true)
        let csvURL = Bundle.module.url(forResource: "Fixtures/xlsx/openpyxl-dossiers", withExtension: "csv")!
        let csv = try CSVReader(path: csvURL.path, hasHeader: true)
        #expect(reader.header == csv.header)
        #expect(reader.sheet == "Hồ sơ")
        #expect(try reader.readAll() == (try csv.readAll()))
    }

    @Test("damaged workbooks are refused with advice, never a crash", arguments: [10, 100, 400, 1000])
    func truncated(at length: Int) throws {
        var book = XLSXBuilder()
        book.addSheet("S", rows: [[.text("a"), .text("b")], [.number("1"), .number("2")]])
        let bytes = Array(book.data().prefix(length))
        #expect {
            _ = try CSVReader(bytes: bytes, file: "t.xlsx", hasHeader: true)
        } throws: { error in
            (error as? CSVError)?.message.contains("save it again") == true || (error as? CSVError)?.kind == .notATable
        }
    }

    @Test("a row opened inside a cell (found by FuzzXLSXReader: it trapped in the entity decoder) reads, without the broken cell")
    func rowInsideCell() throws {
        var book = XLSXBuilder()
        book.sheets.append(("S", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>abc&amp;<row r=\"2\"><c r=\"B2\"><v>7</v></c></row></t></is></c></row></sheetData></worksheet>"))
        let rows = Result { try Self.read(book).rows }
        #expect((try? rows.get()) == [["", "7"]], "\(rows)")
        let crash = Bundle.module.url(forResource: "Fixtures/xlsx/fuzz-crash-row-in-cell", withExtension: "bin")!
        _ = try? CSVReader(bytes: Array(try Data(contentsOf: crash)), file: "f.xlsx").readAll()
    }

    /// Found by FuzzXLSXReader (issue 13's 10-minute run; input kept in `Fuzz/Crashes/XLSXReader`): a date-styled
    /// cell whose serial is past 9999-12-31 (2958466 and up) or before year 1 traps in `Day.init` (`Day.swift:12`,
    /// called from `SheetReader.dateText`, `SheetReader.swift:306`); one too large for an `Int` (1e300) traps in
    /// `Int(serial.rounded(.down))` (`SheetReader.swift:290`). `chiso ingest` of such a workbook dies with SIGILL.
    /// Run in a child process, so that the trap fails this test instead of ending the test run.
    @Test("a date-styled cell whose serial is out of the calendar's range reads as an error or a value, never a crash")
    func dateSerialOutOfRange() async throws {
        await #expect(processExitsWith: .success) {
            for serial in ["4544225", "2958466", "-800000", "1e300", "2958465"] {
                var book = XLSXBuilder()
                book.addSheet("S", rows: [[.text("received_at")], [.styled(serial, style: 1)], [.styled(serial, style: 2)]])
                _ = try? CSVReader(bytes: book.data(), file: "t.xlsx", hasHeader: true).readAll()
            }
        }
        // Outside Excel's calendar the serial stays a number (the date parser then names the cell);
        // 9999-12-31 is still a date.
        #expect(SheetReader.dateText(serial: 2_958_466, kind: .date, date1904: false) == nil)
        #expect(SheetReader.dateText(serial: -1, kind: .date, date1904: false) == nil)
        #expect(SheetReader.dateText(serial: 1e300, kind: .dateTime, date1904: true) == nil)
        #expect(SheetReader.dateText(serial: 2_958_465, kind: .date, date1904: false) == "9999-12-31")
        #expect(SheetReader.dateText(serial: 45_402, kind: .date, date1904: false) == "2024-04-20")
    }

    @Test("flipped bytes in a workbook: an error or rows, never a crash")
    func corrupted() throws {
        var book = XLSXBuilder()
        book.addSheet("S", rows: [[.text("a"), .text("b")], [.number("1"), .inline("x&amp;y")]])
        let good = book.data()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var bytes = good
            for _ in 0..<3 { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            _ = try? CSVReader(bytes: bytes, file: "t.xlsx").readAll()
        }
    }

    @Test("legacy .xls, .ods, PDF and HTML-as-.xls are refused with the way to save them")
    func refusals() throws {
        func message(_ bytes: [UInt8]) -> String {
            do { _ = try CSVReader(bytes: bytes, file: "f"); return "" } catch { return error.message }
        }
        #expect(message([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600))
                    .hasPrefix("this is an Excel 97–2003 workbook: save it as .xlsx or CSV UTF-8"))
        let ods = XLSXBuilder.zip([("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8)), ("content.xml", Array("<x/>".utf8))])
        #expect(message(ods).hasPrefix("this is an OpenDocument spreadsheet (ODS): save it as .xlsx or CSV UTF-8"))
        #expect(message(Array("%PDF-1.7\n".utf8)).hasPrefix("this is a PDF"))
        #expect(message(Array("\u{FEFF}<html><body><table><tr><td>1</td></tr></table>".utf8)).hasPrefix("this is a web page (HTML)"))
        #expect(message(XLSXBuilder.zip([("word/document.xml", Array("<x/>".utf8))])).contains("not an Excel .xlsx file"))
    }

    @Test("UTF-16 text (Excel's \"Unicode Text\", little- and big-endian, tab-separated) is read, whatever the chunk size", arguments: [1, 3, 7, 1 << 20])
    func utf16(chunk: Int) throws {
        let text = "Tỉnh\tĐiểm\r\nPhú Yên\t64,17\r\nĐắk Lắk 𝔸\t60,5\r\n"
        for bigEndian in [false, true] {
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for unit in text.utf16 { bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            var reader = try CSVReader(bytes: bytes, file: "u.txt", hasHeader: true, options: CSVReader.Options(chunkSize: chunk))
            #expect(reader.header == ["Tỉnh", "Điểm"])
            #expect(reader.dialect == .tab)
            #expect(try reader.readAll() == [["Phú Yên", "64,17"], ["Đắk Lắk 𝔸", "60,5"]])
        }
    }
}
