import ChiSoKit
import Foundation
import TestSupport
import Testing

/// `chiso ingest` of the files analysts are handed: workbooks, Excel's Unicode Text, Vietnamese dates.
@Suite("Ingest of workbooks and Excel's text files")
struct WorkbookIngestTests {
    static let kitFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ChiSoKitTests/Fixtures/xlsx")

    @Test("a rankings workbook with a title row, a 35/63 rank and a Trung bình row loads, with notes; the sheet is chosen by --sheet")
    func rankingsWorkbook() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var book = XLSXBuilder()
        book.addSheet("Ghi chú", rows: [[.text("Nguồn: VCCI")]])
        book.addSheet("PCI 2020", rows: [
            [.text("CHỈ SỐ NĂNG LỰC CẠNH TRANH CẤP TỈNH 2020")],
            [],
            [.text("Tỉnh/Thành phố"), .text("Điểm PCI"), .text("Xếp hạng")],
            [.text("Phú Yên"), .number("64.170000000000002"), .text("35/63")],
            [.text("Bình Định"), .number("66.1"), .text("20/63")],
            [.text("Trung bình"), .number("65.135")],
        ])
        try Data(book.data()).write(to: dir.appendingPathComponent("pci.xlsx"))
        let db = dir.appendingPathComponent("db.sqlite").path
        let result = try CLI.run(["ingest", "--db", db, "--index", "PCI", "--year", "2020", "pci.xlsx"], cwd: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("pci.xlsx: loaded 2 rows (PCI 2020)"))
        #expect(result.stderr.contains("pci.xlsx: note: read sheet \"PCI 2020\" of \"Ghi chú\", \"PCI 2020\" (the first with a table)"))
        #expect(result.stderr.contains("pci.xlsx: note: skipped 1 title row above the header"))
        #expect(result.stderr.contains("pci.xlsx: note: skipped the summary row \"Trung bình\" on line 6"))
        let ranks = try CLI.run(["ranks", "--db", db, "--index", "PCI", "--year", "2020", "--format", "csv"], cwd: dir)
        #expect(ranks.stdout.contains("64.17"), "\(ranks.stdout)")
        // --sheet names another sheet: its own error, located in that sheet.
        let other = try CLI.run(["validate", "--index", "PCI", "--year", "2020", "--sheet", "Ghi chú", "pci.xlsx"], cwd: dir)
        #expect(other.status == 1)
        let missing = try CLI.run(["validate", "--index", "PCI", "--year", "2020", "--sheet", "Sheet9", "pci.xlsx"], cwd: dir)
        #expect(missing.stderr.contains("pci.xlsx:1:1: error: [ingest] the workbook has no sheet \"Sheet9\"; its sheets are \"Ghi chú\", \"PCI 2020\""))
    }

    @Test("a dossier log and a Mẫu 06a table saved from Excel load; the total row is checked, not counted")
    func oneStopShopWorkbooks() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("db.sqlite").path
        let log = try CLI.run(["ingest", "--db", db, Self.kitFixtures.appendingPathComponent("openpyxl-dossiers.xlsx").path], cwd: dir)
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stderr.contains("openpyxl-dossiers.xlsx: loaded 25 dossiers"))
        let table = try CLI.run(["ingest", "--db", db, Self.kitFixtures.appendingPathComponent("mau-06a.xlsx").path], cwd: dir)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stderr.contains("mau-06a.xlsx: loaded 2 rows"))
        #expect(table.stderr.contains("note: skipped the total row \"Tổng cộng\" on line 9"))
        #expect(table.stderr.contains("note: read rows 5 and 6 of sheet \"Biểu 06a\" as one header"))
        // 280 + 140 resolved in Q1 2024, not twice that.
        let rates = try CLI.run(["rates", "--db", db, "--province", "Phú Yên", "--year", "2024", "--format", "csv"], cwd: dir)
        #expect(rates.stdout.contains("420"), "\(rates.stdout)\(rates.stderr)")
        #expect(!rates.stdout.contains("840"))
    }

    @Test("dossier dates written 20/04/2024 are read day first; an ambiguous file asks for --date-order")
    func writtenDates() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = "dossier_id,province_code,unit_code,unit_name,procedure_code,received_at,channel,due_at,resolved_at\n"
        try (header + "A-1,54,54.STP,Sở Tư pháp,1.001,03/04/2024 08:00,online,10/04/2024,05/04/2024 16:30\n"
             + "A-2,54,54.STP,Sở Tư pháp,1.001,20/04/2024 09:15,direct,29/04/2024,\n").write(to: dir.appendingPathComponent("ho-so.csv"), atomically: true, encoding: .utf8)
        try (header + "A-1,54,54.STP,Sở Tư pháp,1.001,03/04/2024 08:00,online,10/04/2024,05/04/2024 16:30\n")
            .write(to: dir.appendingPathComponent("mo-ho.csv"), atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("db.sqlite").path
        let ok = try CLI.run(["ingest", "--db", db, "ho-so.csv"], cwd: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("ho-so.csv: loaded 2 dossiers"))
        let ambiguous = try CLI.run(["ingest", "--db", db, "mo-ho.csv"], cwd: dir)
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.hasPrefix("mo-ho.csv:2:6: error: [ingest] every date of the file, such as \"03/04/2024 08:00\", reads both day first and month first; pass --date-order dmy"))
        let told = try CLI.run(["ingest", "--db", dir.appendingPathComponent("other.sqlite").path, "--date-order", "dmy", "mo-ho.csv"], cwd: dir)
        #expect(told.status == 0, "\(told.stderr)")
    }

    @Test("Excel's Unicode Text (UTF-16 LE with BOM, tabs) loads, with a note instead of TCVN3 advice")
    func unicodeText() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Tỉnh\tĐiểm\tXếp hạng\r\nPhú Yên\t64,17\t35\r\nĐắk Lắk\t60,5\t50\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(bytes).write(to: dir.appendingPathComponent("unicode.txt"))
        let result = try CLI.run(["ingest", "--db", dir.appendingPathComponent("db.sqlite").path, "--index", "PCI", "--year", "2020", "unicode.txt"], cwd: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("unicode.txt: loaded 2 rows"))
        #expect(result.stderr.contains("note: read as UTF-16 little-endian text"))
        #expect(!result.stderr.contains("TCVN"))
    }
}
