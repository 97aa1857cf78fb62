import ChiSoKit
import Foundation
import TestSupport
import Testing

/// The files analysts actually have (issue 10): partial editions, the 34 units of 2025, publishers' headers,
/// every bad cell of a row, carried-over dossiers, reloads, same-named files, the bundled data underneath.
/// The expected values are written out by hand from the small files each test makes.
@Suite("Analysts' files: editions, headers, bad cells, carried over, sources")
struct AnalystFilesTests {
    let ingest = RankingIngest(latestYear: 2026)

    func read(_ csv: String, _ options: RankingIngestOptions) throws(IngestError) -> RankingFile {
        try ingest.read(bytes: Array(csv.utf8), file: "f.csv", options: options)
    }

    func messages(_ csv: String, _ options: RankingIngestOptions) -> [String] {
        do { _ = try read(csv, options); return [] } catch {
            guard case .invalid(let diagnostics) = error else { return ["\(error)"] }
            return diagnostics.map(\.description)
        }
    }

    /// The 34 units of 2025 in the registry's order, as a file of scores and ranks.
    static func units2025(_ count: Int = 34) -> String {
        let units = ProvinceRegistry.standard.provinces(validOn: Day(year: 2025, month: 7, day: 1)).prefix(count)
        return "Tỉnh,Điểm,Xếp hạng\n" + units.enumerated().map { i, p in "\(p.name),\(70 - Double(i) * 0.5),\(i + 1)" }.joined(separator: "\n") + "\n"
    }

    // MARK: - of, partial editions, the 34 units

    @Test("of defaults to the provinces of the edition's day, not the largest rank; a partial file says so")
    func ofDefaults() throws {
        let partial = try read("Tỉnh,Điểm,Xếp hạng\nPhú Yên,64.17,35\nBình Định,66.1,20\n", .init(index: "PCI", year: 2022))
        #expect(partial.records.map(\.of) == [63, 63])
        #expect(partial.notes.contains { $0.contains("PCI 2022 ranks 63 provinces") && $0.contains("this file has 2 of them") && $0.contains("held in part") })
        // 2007: 64 with Hà Tây.
        let hatay = try read("Tỉnh,Xếp hạng\nHà Tây,10\n", .init(index: "PCI", year: 2007))
        #expect(hatay.records.map(\.of) == [64])
        // Declared: kept, with no guess in the note.
        let declared = try read("Tỉnh,Xếp hạng\nPhú Yên,35/63\n", .init(index: "PCI", year: 2022))
        #expect(declared.records.map(\.of) == [63])
    }

    @Test("an edition of the 34 units is read on 2025-07-01 without --as-of; a partial 2025 file that says neither is an error")
    func thirtyFourUnits() throws {
        let all = try read(Self.units2025(), .init(index: "PCI", year: 2025))
        #expect(all.records.count == 34)
        #expect(all.records.allSatisfy { $0.provinceID.hasPrefix("2025-") && $0.of == 34 })
        #expect(all.notes.contains { $0.contains("read the provinces of PCI 2025 as the 34 units of 2025-07-01") })
        // Đắk Lắk is the new unit (id 2025-66), never the old province 66 whose 2024 rank a change would use.
        #expect(all.records.contains { $0.provinceID == "2025-66" })

        let five = Self.units2025(5)
        let error = messages(five, .init(index: "PCI", year: 2025))
        #expect(error.count == 1)
        #expect(error.first?.hasPrefix("f.csv:1:1: error: [ingest] PCI 2025: every province of this file is also one of the 34 units") == true)
        #expect(error.first?.contains("pass --as-of 2025-07-01 (the 34 units) or --as-of 2025-01-01 (the 63 provinces)") == true)
        #expect(try read(five, .init(index: "PCI", year: 2025, of: 34)).records.allSatisfy { $0.provinceID.hasPrefix("2025-") })
        #expect(try read(five, .init(index: "PCI", year: 2025, asOf: Day(year: 2025, month: 1, day: 1))).records.allSatisfy { !$0.provinceID.hasPrefix("2025-") })
        // A province merged in 2025 (Phú Yên) makes it the 63 of before.
        let old = try read("Tỉnh,Xếp hạng\nPhú Yên,35\nĐắk Lắk,20\n", .init(index: "PCI", year: 2025))
        #expect(old.records.map(\.provinceID).sorted() == ["54", "66"])
        #expect(old.records.map(\.of) == [63, 63])
    }

    @Test("PCI 2025 of the 34 units prints no change against 2024's 63-province ranks")
    func noChangeAcrossReorganisation() throws {
        let store = try ChiSoStore(path: nil)
        let folder = try TemporaryFolder()
        let ingestor = Ingestor(store: store, timestamp: "2026-01-01T00:00:00Z")
        _ = try ingestor.ingest(path: try folder.write("pci2024.csv", "Tỉnh,Xếp hạng\nĐắk Lắk,49\nPhú Yên,40\n"),
                                rankingOptions: .init(index: "PCI", year: 2024, of: 63))
        _ = try ingestor.ingest(path: try folder.write("pci2025.csv", Self.units2025()), rankingOptions: .init(index: "PCI", year: 2025))
        let entries = try store.fetchEntries(index: "PCI")
        let calculator = RankChangeCalculator(index: "PCI", entries: entries, editions: try store.fetchEditions(index: "PCI"))
        let change = calculator.change(provinceID: "2025-66", year: 2025)
        #expect(change?.rank == 25)
        #expect(change?.change == nil)
    }

    // MARK: - Headers

    @Test("publishers' score headers: a year, 'The Weighted … in 2019', a bracketed remark, Tinh_ID")
    func publisherHeaders() throws {
        let a = try read("Tinh_ID,Tỉnh/Thành phố (trực thuộc trung ương),Điểm PCI 2022,x,x\n54,Phú Yên,64.17,1,2\n", .init(index: "PCI", year: 2022))
        #expect(a.records.first?.score == 64.17)
        #expect(a.records.first?.provinceID == "54")
        let b = try read("Province,The Weighted PCI Score in 2019,Rank\nPhu Yen,63.1,40\n", .init(index: "PCI", year: 2019))
        #expect(b.records.first?.score == 63.1)
        #expect(b.ignoredColumns.isEmpty)
    }

    @Test("a score-like header ChiSo does not know, or two scores, is an error with --column advice")
    func scoreHeaders() {
        #expect(messages("Tỉnh,Xếp hạng,Mystery Score\nPhú Yên,35,64.1\n", .init(index: "PCI", year: 2021)) == [
            "f.csv:1:3: error: [ingest] column \"Mystery Score\" looks like a score, but ChiSo does not know it as one; say what it is with --column score=\"Mystery Score\" (or --column component.KEY=\"Mystery Score\" for a sub-index), or delete the column"])
        // Several: one message naming them, asking which is the score.
        let several = messages("Tỉnh,Xếp hạng,Điểm gia nhập,Điểm đất đai\nPhú Yên,3,1,2\n", .init(index: "PCI", year: 2021))
        #expect(several.count == 1)
        #expect(several.first?.hasPrefix("f.csv:1:3: error: [ingest] columns \"Điểm gia nhập\", \"Điểm đất đai\" look like scores") == true)
        #expect(messages("Tỉnh,Xếp hạng,Điểm gia nhập,Điểm đất đai\nPhú Yên,3,1,2\n", .init(index: "PCI", year: 2021, columns: ["score": "Điểm gia nhập"])).isEmpty)
        let two = messages("Tỉnh,Weighted PCI Score 2019,Unweighted PCI Score 2019\nPhú Yên,63.1,60.2\n", .init(index: "PCI", year: 2019))
        #expect(two == ["f.csv:1:3: error: [ingest] column \"Unweighted PCI Score 2019\" and column 2 (\"Weighted PCI Score 2019\") both give the score; delete one, or say which with --column score=\"HEADER\""])
        #expect(messages("Tỉnh,Weighted PCI Score 2019,Unweighted PCI Score 2019\nPhú Yên,63.1,60.2\n",
                         .init(index: "PCI", year: 2019, columns: ["score": "Weighted PCI Score 2019"])).isEmpty)
    }

    @Test("a repeated header is an error only for a column ChiSo reads; a long header list shows ten, closest first")
    func repeatedAndManyHeaders() {
        #expect(messages("Tỉnh,Điểm,Ghi chú khác,Ghi chú khác\nPhú Yên,64.17,a,b\n", .init(index: "PCI", year: 2021)).isEmpty)
        #expect(messages("Tỉnh,Điểm,Điểm\nPhú Yên,64.17,1\n", .init(index: "PCI", year: 2021)).first?.contains("column \"Điểm\" appears twice") == true)
        let header = ["Điểm"] + (1...20).map { "Cột \($0)" } + ["Tên tỉnh thành"]
        let message = messages(header.joined(separator: ",") + "\n" + Array(repeating: "1", count: header.count).joined(separator: ",") + "\n",
                               .init(index: "PCI", year: 2021)).first ?? ""
        #expect(message.contains("no province column (found: Tên tỉnh thành, "), "\(message)")
        #expect(message.contains("… 12 more)"), "\(message)")
    }

    // MARK: - Every bad cell of a row

    @Test("every bad cell of a row is reported, in column order (rankings, statistics, dossier logs)")
    func everyBadCell() throws {
        #expect(messages("Tỉnh,score,rank,of\nPhu Yenn,abc,0,y\n", .init(index: "PCI", year: 2020)).map { String($0.prefix(10)) }
            == ["f.csv:2:1:", "f.csv:2:2:", "f.csv:2:3:", "f.csv:2:4:"])

        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let stats = try folder.write("s.csv", "period,province_code,unit_name,received_total,received_online,resolved_total\n2023-Q1,54,Sở A,x,y,-3\n")
        let statsError = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: stats) }
        guard case .invalid(let s)? = statsError else { Issue.record("no diagnostics"); return }
        #expect(s.map { $0.location.column } == [4, 5, 6])
        let log = try folder.write("d.csv", "dossier_id,province_code,unit_code,unit_name,procedure_code,received_at,channel,due_at,resolved_at\nA1,54,U1,Sở A,P1,2023-13-01,fax,xx,\n")
        let logError = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: log) }
        guard case .invalid(let d)? = logError else { Issue.record("no diagnostics"); return }
        #expect(d.map { $0.location.column } == [6, 7, 8])
        #expect(d.map { $0.description }[1].contains("channel \"fax\""))
    }

    // MARK: - Statistics

    @Test("'Từ kỳ trước' is its own count: received = handled − carried over, and the online rate divides new receipts")
    func carriedOver() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let path = try folder.write("bieu-06a.csv", """
            Kỳ báo cáo,Tỉnh,Đơn vị,Số hồ sơ nhận giải quyết - Tổng số,Số hồ sơ nhận giải quyết - Trong đó: Trực tuyến,Số hồ sơ nhận giải quyết - Từ kỳ trước
            Quý I/2024,Phú Yên,Sở A,120,50,20
            Quý I/2024,Phú Yên,Sở B,80,10,0
            Quý I/2024,Phú Yên,Tổng cộng,200,60,20

            """)
        _ = try makeAdminIngestor(store).ingest(path: path)
        let units = try store.fetchRollups(grain: .unit, provinceID: "54", years: 2024...2024).sorted { ($0.unitName ?? "") < ($1.unitName ?? "") }
        // Sở A: 120 handled − 20 carried over = 100 new; 50 online of 100, not of 120.
        #expect(units.map(\.counts.receivedTotal) == [100, 80])
        #expect(units.map(\.counts.receivedOnline) == [50, 10])
        let rate = ProcedureRateCalculator(rollups: units).rates(year: 2024, by: .unit).rates.first { $0.group.unitName == "Sở A" }?.onlineRate
        #expect(rate == OnlineSubmissionRate(online: 50, received: 100))
        let stored = try store.query("SELECT received_total, received_online, received_carried_over FROM admin_statistic ORDER BY id").rows
        #expect(stored.contains([.integer(100), .integer(50), .integer(20)]), "\(stored)")

        // More carried over than handled, and three counts that do not add up: errors.
        let bad = try folder.write("bad.csv", "Kỳ báo cáo,Tỉnh,Đơn vị,Số hồ sơ nhận giải quyết,Tiếp nhận trong kỳ,Từ kỳ trước\nQuý II/2024,Phú Yên,Sở A,120,90,20\n")
        let error = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: bad) }
        #expect(error?.description.contains("received_total + received_carried_over = 110 but handled_total is 120") == true, "\(String(describing: error))")
    }

    @Test("a Mẫu 06a workbook: 'Từ kỳ trước' under the merged 'Số hồ sơ nhận giải quyết' is not a new receipt; the total row is checked")
    func carriedOverInWorkbook() throws {
        var book = XLSXBuilder()
        book.addSheet("Biểu 06a", rows: [
            [.text("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC QUÝ I/2024")],
            [.text("STT"), .text("Đơn vị"), .text("Tỉnh"), .text("Kỳ báo cáo"), .text("Số hồ sơ nhận giải quyết"), .empty, .empty, .empty,
             .text("Số hồ sơ đã giải quyết"), .empty, .empty],
            [.empty, .empty, .empty, .empty, .text("Tổng số"), .text("Trong đó: Trực tuyến"), .text("Trực tiếp, dịch vụ bưu chính"), .text("Từ kỳ trước"),
             .text("Tổng số"), .text("Đúng hạn"), .text("Quá hạn")],
            [.number("1"), .text("Sở Tư pháp"), .text("Phú Yên"), .text("Quý I/2024"), .text("12.480"), .number("6000"), .number("5480"), .number("1000"),
             .number("11000"), .number("10500"), .number("500")],
            [.number("2"), .text("Sở Y tế"), .text("Phú Yên"), .text("Quý I/2024"), .number("520"), .number("100"), .number("400"), .number("20"),
             .number("500"), .number("490"), .number("10")],
            [.empty, .text("Tổng cộng"), .text("Phú Yên"), .text("Quý I/2024"), .number("13000"), .number("6100"), .number("5880"), .number("1020"),
             .number("11500"), .number("10990"), .number("510")],
        ], merges: ["A1:K1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:H2", "I2:K2"])
        let folder = try TemporaryFolder()
        let path = folder.path("bieu-06a.xlsx")
        try Data(book.data()).write(to: URL(fileURLWithPath: path))
        let store = try ChiSoStore(path: nil)
        let summary = try makeAdminIngestor(store).ingest(path: path)
        #expect(summary.rows == 2)
        let units = try store.fetchRollups(grain: .unit, provinceID: "54", years: 2024...2024).sorted { ($0.unitName ?? "") < ($1.unitName ?? "") }
        // 12,480 handled − 1,000 carried over = 11,480 new receipts (6,000 online + 5,480 at the counter or by post).
        #expect(units.map(\.counts.receivedTotal) == [11480, 500])
        #expect(units.map(\.counts.receivedOnline) == [6000, 100])
        #expect(units.map(\.counts.resolvedOnTime) == [10500, 490])
    }

    @Test("an overlap names every overlapping unit, in plain words")
    func overlapNamesEveryUnit() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let text = "period,province_code,unit_name,received_total\n2023-Q1,54,Sở A,10\n2023-Q1,54,Sở B,10\n2023-Q1,54,Sở C,10\n"
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("a.csv", text))
        var message = ""
        do { _ = try makeAdminIngestor(store).ingest(path: try folder.write("b.csv", text + "2023-Q1,54,Sở D,1\n")) } catch { message = "\(error)" }
        #expect(message.contains("a.csv, already loaded, counts the same dossiers: Sở A, Sở B and Sở C of Phú Yên over 2023-01-01..2023-03-31;"), "\(message)")
    }

    @Test("the reject file keeps the input's delimiter, line ending, BOM and quoted cells")
    func rejectFileFormat() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let input = "\u{FEFF}period;province_code;unit_name;received_total;received_online\r\n2023-Q1;54;\"Sở A\";100;20\r\n2023-Q1;54;\"Sở B\";10;20\r\n"
        let path = try folder.write("rj.csv", input)
        var options = AdminIngestOptions()
        options.maxErrors = 5
        options.rejectFile = folder.path("rj.rejects.csv")
        let summary = try makeAdminIngestor(store).ingest(path: path, adminOptions: options)
        #expect(summary.rejectedRows == 1)
        let written = try Data(contentsOf: URL(fileURLWithPath: folder.path("rj.rejects.csv")))
        #expect(written == Data(("\u{FEFF}period;province_code;unit_name;received_total;received_online;reject_reason\r\n"
                + "2023-Q1;54;\"Sở B\";10;20;\"\(path):3:5: error: [ingest] received_online 20 is more than received_total 10; correct one of the two counts\"\r\n").utf8))
    }

    // MARK: - Sources

    @Test("the same bytes with other options reload the file; with the same options nothing changes")
    func reloadWithOtherOptions() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let path = try folder.write("p.csv", "Tỉnh,Xếp hạng\nPhú Yên,35\n")
        let ingestor = makeAdminIngestor(store)
        _ = try ingestor.ingest(path: path, rankingOptions: .init(index: "PCI", year: 2022))
        let same = try ingestor.ingest(path: path, rankingOptions: .init(index: "PCI", year: 2022))
        guard case .unchanged? = same.outcome else { Issue.record("\(String(describing: same.outcome))"); return }
        let other = try ingestor.ingest(path: path, rankingOptions: .init(index: "PCI", year: 2021))
        guard case .replaced? = other.outcome else { Issue.record("\(String(describing: other.outcome))"); return }
        #expect(try store.fetchEntries(index: "PCI").map(\.year) == [2021])
        #expect(try store.fetchSources().count == 1)
    }

    @Test("two files of one name from different folders are two sources; either is removed by its path")
    func sameNameTwoFolders() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("q1"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("q2"), withIntermediateDirectories: true)
        let store = try ChiSoStore(path: nil)
        let q1 = try folder.write("q1/thong-ke.csv", "period,province_code,unit_name,received_total\n2023-Q1,54,Sở A,10\n")
        let q2 = try folder.write("q2/thong-ke.csv", "period,province_code,unit_name,received_total\n2023-Q2,54,Sở A,12\n")
        _ = try makeAdminIngestor(store).ingest(path: q1, displayName: "q1/thong-ke.csv")
        _ = try makeAdminIngestor(store).ingest(path: q2, displayName: "q2/thong-ke.csv")
        #expect(try store.fetchSources().map(\.fileName) == ["thong-ke.csv", "q2/thong-ke.csv"])
        #expect(try store.removeSource(fileName: "q1/thong-ke.csv", path: q1)?.fileName == "thong-ke.csv")
        #expect(try store.fetchSources().map(\.fileName) == ["q2/thong-ke.csv"])

        // Rankings: the same name from another folder is checked against the loaded one, by validate too.
        let r1 = try folder.write("q1/pci.csv", "Tỉnh,Xếp hạng\nPhú Yên,35\n")
        let r2 = try folder.write("q2/pci.csv", "Tỉnh,Xếp hạng\nPhú Yên,35\nHuế,40\n")
        _ = try makeAdminIngestor(store).ingest(path: r1, displayName: "q1/pci.csv", rankingOptions: .init(index: "PCI", year: 2022))
        let error = #expect(throws: IngestError.self) {
            try makeAdminIngestor(store).ingest(path: r2, displayName: "q2/pci.csv", rankingOptions: .init(index: "PCI", year: 2022), write: false)
        }
        #expect(error?.description.contains("Phú Yên PCI 2022 is already loaded from pci.csv (line 2)") == true, "\(String(describing: error))")
        // The same path again (a corrected version) replaces its rows.
        try "Tỉnh,Xếp hạng\nPhú Yên,34\n".write(toFile: r1, atomically: true, encoding: .utf8)
        let corrected = try makeAdminIngestor(store).ingest(path: r1, displayName: "q1/pci.csv", rankingOptions: .init(index: "PCI", year: 2022))
        guard case .replaced? = corrected.outcome else { Issue.record("\(String(describing: corrected.outcome))"); return }
    }

    @Test("a complete edition supersedes a bundled partial one for that edition only")
    func supersedeBundledPartial() throws {
        let store = try ChiSoStore(path: nil)
        _ = try BundledDatabase.load(into: store, timestamp: "2026-01-01T00:00:00Z")
        let before2023 = try store.fetchEntries(index: "PCI", year: 2023)
        #expect(try store.fetchEntries(index: "PCI", year: 2022).count < 63)
        let provinces = ProvinceRegistry.standard.provinces(validOn: Day(year: 2022, month: 1, day: 1))
        let text = "Tỉnh,Điểm PCI 2022,Xếp hạng\n" + provinces.enumerated().map { i, p in "\(p.name),\(75 - Double(i) * 0.2),\(i + 1)" }.joined(separator: "\n") + "\n"
        let folder = try TemporaryFolder()
        let summary = try makeAdminIngestor(store).ingest(path: try folder.write("pci-2022-full.csv", text), rankingOptions: .init(index: "PCI", year: 2022))
        #expect(summary.notes.contains { $0.contains("supersedes the rows of that edition from the bundled pci_2022_2024_partial.csv") })
        let after2022 = try store.fetchEntries(index: "PCI", year: 2022)
        #expect(after2022.count == 63)
        #expect(Set(after2022.map(\.sourceFile)) == ["pci-2022-full.csv"])
        #expect(try store.fetchEntries(index: "PCI", year: 2023) == before2023)
        // A partial file of one's own is refused beside the bundled partial edition, as before.
        let partial = try folder.write("pci-2023-part.csv", "Tỉnh,Xếp hạng\n\(before2023[0].provinceID),5\n")
        #expect(throws: (any Error).self) { try makeAdminIngestor(store).ingest(path: partial, rankingOptions: .init(index: "PCI", year: 2023)) }
    }
}
