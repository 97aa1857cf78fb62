import ChiSoKit
import Foundation
import Testing

/// One malformed file of `Tests/Fixtures/bad/`, what `chiso ingest` is told with it, and what it must answer.
struct BadInput: Sendable, CustomTestStringConvertible {
    var file: String
    var options: [String]
    /// `line:column` of the first diagnostic.
    var location: String
    /// The start of its message, after `error: [ingest] `.
    var message: String
    /// What the message tells the user to do.
    var advice: String

    init(_ file: String, _ options: [String] = BadInput.standard, at location: String, _ message: String, advice: String) {
        self.file = file; self.options = options; self.location = location; self.message = message; self.advice = advice
    }

    /// An edition the seeded database does not have, so only the file's own problem is found.
    static let standard = ["--index", "PCI", "--year", "2020"]

    var testDescription: String { file }
}

/// Users load official files that are often malformed. Every file of the corpus, loaded through the real
/// binary into a database that already holds data: exit 1, a `file:line:column` message that says what to do,
/// and the database byte for byte as it was (its `.dump` and its bytes compared).
@Suite("Bad input corpus (Tests/Fixtures/bad)")
struct BadInputCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bad")

    static let cases: [BadInput] = [
        // Aggregated statistics and dossier logs (the kind is detected from the header).
        BadInput("statistics-online-over-total.csv", [], at: "2:7", "received_online 120 is more than received_total 100", advice: "correct one of the two counts"),
        BadInput("statistics-on-time-over-resolved.csv", [], at: "2:9", "resolved_on_time 95 is more than resolved_total 90", advice: "correct one of the two counts"),
        BadInput("statistics-negative-count.csv", [], at: "2:6", "received_total is -5, a count cannot be negative", advice: "correct the count"),
        BadInput("statistics-unknown-province.csv", [], at: "2:2", "unknown province \"Phu Yenn\"", advice: "did you mean Phú Yên"),
        BadInput("dossiers-resolved-before-received.csv", [], at: "2:11", "resolved_at 2023-03-01T10:00:00+07:00 is before received_at", advice: "correct one of the two dates"),
        BadInput("dossiers-unknown-channel.csv", [], at: "2:8", "channel \"fax\" is not online, direct or postal", advice: "trực tuyến, trực tiếp, bưu chính"),
        BadInput("dossiers-duplicate-id.csv", [], at: "3:1", "dossier_id A-1 appears again (first on line 2)", advice: "keep one row per dossier"),
        BadInput("dossiers-unknown-province.csv", [], at: "2:2", "no province has GSO code 99", advice: "check the code or write the province name"),
        // Crashed ("Index out of range"): the first unit's code was kept although its row was refused.
        BadInput("dossiers-unknown-level-then-new-unit.csv", [], at: "2:4", "level \"foo\" is not province, district or commune", advice: "write one of them"),
        // Every bad cell of a row is reported (the corpus checks the first; the others follow on the next lines).
        BadInput("statistics-several-bad-cells.csv", [], at: "2:4", "received_total \"12.48x\" is not a whole number", advice: "write the received_total as digits"),
        BadInput("dossiers-several-bad-cells.csv", [], at: "2:6", "received_at \"31/02/2023\" is not a date or date-time", advice: "2023-03-15T09:12:45+07:00"),
        // "Từ kỳ trước" (carried over) is part of "Số hồ sơ nhận giải quyết", never of the new receipts.
        BadInput("statistics-carried-over-exceeds-handled.csv", [], at: "2:6", "received_carried_over 130 is more than handled_total 120", advice: "correct one of the two counts"),
        BadInput("statistics-carried-over-does-not-add-up.csv", [], at: "2:4", "received_total + received_carried_over = 110 but handled_total is 120",
                 advice: "correct the counts"),
        // Workbooks and files that are not CSV: refused with the way to save them, located as Excel names a cell.
        BadInput("legacy-workbook.xls", at: "1:1", "this is an Excel 97–2003 workbook: save it as .xlsx or CSV UTF-8", advice: "File › Save As"),
        BadInput("libreoffice-sheet.ods", at: "1:1", "this is an OpenDocument spreadsheet (ODS): save it as .xlsx or CSV UTF-8", advice: "LibreOffice"),
        BadInput("portal-export-html.xls", at: "1:1", "this is a web page (HTML)", advice: "save it as .xlsx or CSV UTF-8"),
        BadInput("truncated-workbook.xlsx", at: "1:1", "the workbook cannot be read", advice: "save it again as .xlsx"),
        BadInput("workbook-unknown-province.xlsx", at: "'PCI 2020'!A5", "unknown province \"Phu Yenn\"", advice: "did you mean Phú Yên"),
        BadInput("workbook-total-mismatch.xlsx", [], at: "'Biểu 06a'!H9",
                 "the \"Tổng cộng\" row says resolved_total 430 but the units of its period add up to 420", advice: "correct the total or the unit rows"),
        // The CSV itself.
        BadInput("unbalanced-quote.csv", at: "3:2", "quoted field opened here is never closed", advice: "add the closing \""),
        BadInput("quote-inside-field.csv", at: "2:3", "a \" appears inside a field that does not start with a quote", advice: "put the whole field in quotes and write the inner quote twice"),
        BadInput("text-after-closing-quote.csv", at: "2:3", "unexpected space after the closing quote", advice: "put the whole field in quotes"),
        BadInput("ragged-row-extra-field.csv", at: "3:4", "row has 4 fields but the header has 3", advice: "check for an unquoted delimiter or a missing cell"),
        BadInput("ragged-row-missing-field.csv", at: "3:3", "row has 2 fields but the header has 3", advice: "check for an unquoted delimiter or a missing cell"),
        BadInput("invalid-utf8.csv", at: "3:1", "byte 0xEC is not valid UTF-8", advice: "save the file as UTF-8 or convert it with iconv"),
        BadInput("windows-1258.csv", at: "1:1", "file is not UTF-8; it looks like Vietnamese text in Windows-1258 (CP1258)",
                 advice: "convert it with: iconv -f CP1258 -t UTF-8 windows-1258.csv > windows-1258-utf8.csv"),
        BadInput("tcvn3.csv", at: "1:1", "file is not UTF-8; it looks like Vietnamese text in TCVN3 (TCVN 5712:1993)",
                 advice: "convert it with: iconv -f TCVN5712-1 -t UTF-8 tcvn3.csv > tcvn3-utf8.csv"),
        BadInput("empty.csv", at: "1:1", "file is empty (no header and no rows)", advice: "check the path or export the data again"),
        BadInput("bom-only.csv", at: "1:1", "file is empty (no header and no rows)", advice: "check the path or export the data again"),
        BadInput("header-only.csv", at: "1:1", "the file has a header but no rows", advice: "export the table with its rows"),
        BadInput("duplicate-headers.csv", at: "1:3", "column \"score\" appears twice (first as column 2)", advice: "rename one of them or map one with --column"),
        BadInput("two-score-columns.csv", at: "1:3", "column \"Điểm\" and column 2 (\"score\") both give the score", advice: "say which with --column score="),
        BadInput("no-province-column.csv", at: "1:1", "no province column (found: STT, Tên, Điểm)", advice: "map it with --column province="),
        BadInput("no-value-columns.csv", at: "1:1", "no score or rank column (found: province, note)", advice: "map with --column score="),
        // A score header ChiSo does not know never leaves the file loading ranks only; two scores ask which.
        BadInput("score-like-column.csv", at: "1:3", "column \"Mystery Score\" looks like a score, but ChiSo does not know it as one", advice: "--column score=\"Mystery Score\""),
        BadInput("weighted-and-unweighted.csv", at: "1:3", "column \"Unweighted PCI Score 2019\" and column 2 (\"Weighted PCI Score 2019\") both give the score",
                 advice: "say which with --column score="),
        // Numbers.
        BadInput("not-a-number.csv", at: "2:2", "score: \"sáu mươi\" is not a number", advice: "or leave the cell empty"),
        BadInput("percent-sign.csv", at: "2:2", "score: \"64%\" has a percent sign", advice: "write the number alone"),
        BadInput("digit-grouping.csv", at: "2:2", "score: \"1.234.567\" groups digits with thousands separators", advice: "write it without them"),
        BadInput("ambiguous-decimal.csv", at: "2:2", "ambiguous number \"1.234\"", advice: "declare --decimal point or --decimal comma"),
        BadInput("mixed-decimal-marks.csv", at: "3:2", "the file mixes decimal separators", advice: "write every number with the same separator"),
        BadInput("score-too-many-digits.csv", at: "2:2", "score: \"1000000000", advice: "has too many digits to be a number; check the cell"),
        BadInput("rank-not-whole.csv", at: "2:3", "rank \"35.5\" is not a whole number", advice: "write the rank as digits"),
        BadInput("negative-rank.csv", at: "2:3", "rank -35 is not a rank (ranks start at 1)", advice: "leave the cell empty to compute it from the score"),
        BadInput("rank-zero.csv", at: "2:3", "rank 0 is not a rank (ranks start at 1)", advice: "leave the cell empty to compute it from the score"),
        BadInput("negative-of.csv", at: "2:4", "of \"-63\" is not a positive whole number", advice: "write how many provinces the edition ranked"),
        BadInput("conflicting-of.csv", at: "3:4", "PCI 2020 is said to rank 64 provinces here but 63 on line 2", advice: "use one value"),
        BadInput("rank-greater-than-of.csv", at: "3:3", "rank 64 is outside 1...63", advice: "declare how many provinces were ranked"),
        BadInput("scores-contradict-ranks.csv", at: "3:3", "Bình Định is ranked 40 with score 66.1, but Phú Yên (line 2) is ranked 35 with the lower score 64.17",
                 advice: "leave the rank empty to compute it"),
        BadInput("empty-row.csv", at: "2:1", "row has no score, rank or component", advice: "fill a value or delete the row"),
        // Editions.
        BadInput("future-year.csv", at: "2:2", "year 2099 is outside 1990...", advice: "check the year column or --year"),
        BadInput("future-year-option.csv", ["--index", "PCI", "--year", "2099"], at: "1:1", "year 2099 is outside 1990...", advice: "check the year column or --year"),
        BadInput("year-not-a-number.csv", at: "2:2", "year \"2021a\" is not a whole number", advice: "write the year as digits"),
        BadInput("no-index.csv", ["--year", "2020"], at: "2:1", "no index", advice: "add an index column or pass --index PCI"),
        BadInput("hostile-index-code.csv", at: "2:1", "index \"<SVG ONLOAD=ALERT(1)>\" is not an index code", advice: "write a short code of letters and digits such as PCI"),
        BadInput("invalid-as-of.csv", at: "2:3", "as_of \"2021-13-45\" is not a date", advice: "write it as YYYY-MM-DD"),
        // Provinces.
        BadInput("unknown-province.csv", at: "3:1", "unknown province \"Phu Yenn\"", advice: "did you mean Phú Yên, Phú Thọ?"),
        // The registry never has two units of one name on one day; a partial name that fits several is answered with them.
        BadInput("ambiguous-province.csv", at: "2:1", "unknown province \"Quảng\"", advice: "did you mean Quảng Bình, Quảng Nam, Quảng Ngãi?"),
        BadInput("empty-province.csv", at: "2:2", "no province", advice: "fill the province name or code"),
        BadInput("unknown-code.csv", at: "2:1", "no province has GSO code 99", advice: "check the code or write the province name"),
        BadInput("code-and-name-disagree.csv", at: "2:2", "code 54 is Phú Yên but the name says \"Bình Định\"", advice: "correct the code or the name"),
        BadInput("code-outside-validity.csv", ["--index", "PCI", "--year", "2021"], at: "2:1",
                 "\"24\" read on 2025-07-01 is Bắc Ninh (code 24), which exists only from 2025-07-01", advice: "set as_of (or --as-of) to a date in 2021"),
        BadInput("ha-tay-in-2015.csv", at: "2:3", "Hà Tây was merged into Hà Nội on 2008-08-01", advice: "use Hà Nội or a date before 2008-08-01"),
        // Five of the 34 units of 2025 in a 2025 edition that does not say its size: the 63 provinces or the 34 units?
        BadInput("units-2025-ambiguous.csv", ["--index", "PCI", "--year", "2025"], at: "1:1",
                 "PCI 2025: every province of this file is also one of the 34 units of 2025-07-01", advice: "pass --as-of 2025-07-01"),
        BadInput("merged-province-after-2025.csv", at: "2:3", "Phú Yên was merged into Đắk Lắk on 2025-07-01", advice: "use Đắk Lắk or a date before 2025-07-01"),
        BadInput("duplicate-province.csv", at: "4:1", "Phú Yên appears twice in PCI 2020 (first on line 2)", advice: "keep one row per province and edition"),
        // Long format.
        BadInput("long-duplicate-metric.csv", at: "3:5", "rank of Phú Yên is given twice (first on line 2)", advice: "keep one value"),
        BadInput("long-missing-metric.csv", at: "2:4", "no metric", advice: "write score, rank or a component key"),
        // Against what the database holds (PCI 2021: Phú Yên and Bình Định from seed.csv, of 63).
        BadInput("already-loaded.csv", [], at: "2:1", "Phú Yên PCI 2021 is already loaded from seed.csv (line 2)", advice: "chiso sources --remove seed.csv"),
        BadInput("of-differs-from-store.csv", [], at: "2:6", "PCI 2021 ranks 64 provinces here but 63 in seed.csv, already loaded", advice: "make the two files agree on `of`"),
    ]

    /// A database that already holds a file, made once; every case works on its own copy.
    static let seeded: URL = {
        let dir = try! CLI.temporaryDirectory()
        let seed = dir.appendingPathComponent("seed.csv")
        try! "index,year,province,score,rank,of\nPCI,2021,Phú Yên,64.17,35,63\nPCI,2021,Bình Định,66.1,20,63\n".write(to: seed, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("seeded.sqlite")
        let result = try! CLI.run(["ingest", "--db", db.path, seed.path])
        precondition(result.status == 0, result.stderr)
        return db
    }()

    /// Runs `chiso ingest` on `file` (in `folder`) against a copy of the seeded database; checks the
    /// outcome of a rejected file and returns stderr.
    static func rejects(_ file: String, in folder: URL, options: [String], expected: String, advice: String) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("db.sqlite")
        try FileManager.default.copyItem(at: seeded, to: db)
        let bytes = try Data(contentsOf: db)
        let dump = try ChiSoStore(path: db.path, readOnly: true).dump()

        let result = try CLI.run(["ingest", "--db", db.path] + options + [file], cwd: folder)
        #expect(result.status == 1, "\(file): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix(expected), "\(file): \(result.stderr)")
        #expect(first.contains(advice), "\(file): \(result.stderr)")
        #expect(result.stderr.hasSuffix("1 of 1 file not loaded; the database holds the others unchanged\n"))

        #expect(try ChiSoStore(path: db.path, readOnly: true).dump() == dump, "\(file) changed the database")
        #expect(try Data(contentsOf: db) == bytes, "\(file) changed the database file")
        #expect(!FileManager.default.fileExists(atPath: db.path + "-journal"))
    }

    @Test("each bad file: exit 1, file:line:column and advice, the database unchanged", arguments: cases)
    func rejected(_ input: BadInput) throws {
        try Self.rejects(input.file, in: Self.folder, options: input.options,
                         expected: "\(input.file):\(input.location): error: [ingest] \(input.message)", advice: input.advice)
    }

    @Test("a 10 MB field (made by the test, not committed) is refused with advice about the file")
    func tenMegabyteField() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "province,score,note\nPhú Yên,64.17,\""
        text += String(repeating: "x", count: 10 << 20)
        text += "\"\n"
        try text.write(to: dir.appendingPathComponent("huge-field.csv"), atomically: true, encoding: .utf8)
        try Self.rejects("huge-field.csv", in: dir, options: BadInput.standard,
                         expected: "huge-field.csv:2:3: error: [ingest] the field starting here is larger than 1 MiB",
                         advice: "look for a quote missing before it")
    }

    @Test("every file of the corpus has a case, and the corpus is large")
    func everyFixtureHasACase() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files == Self.cases.map(\.file).sorted())
        #expect(files.count >= 30)
    }
}
