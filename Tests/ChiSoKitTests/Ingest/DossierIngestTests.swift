import ChiSoKit
import Foundation
import Testing

@Suite("Dossier log and statistics ingest")
struct DossierIngestTests {
    static let good = [
        "000.00.54.H36-230301-0001,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,1.001193.000.00.00.H36,Hộ tịch,2023-03-01T09:00:00+07:00,online,full,2023-03-03,2023-03-02T10:00:00+07:00,resolved",
        "000.00.54.H36-230301-0002,54,54.H.559,UBND huyện Tuy An,1.000656.000.00.00.H36,Chứng thực,2023-03-01T10:00:00+07:00,direct,,2023-03-02,2023-03-06T10:00:00+07:00,resolved",
        "000.00.54.H36-230301-0003,54,54.X.11260,\"UBND xã An Dân, huyện Tuy An\",1.000656.000.00.00.H36,Chứng thực,2023-03-01T11:00:00+07:00,trực tuyến,một phần,2023-03-10,,pending",
    ]

    static func log(_ rows: [String]) -> String { ([dossierHeader] + rows).joined(separator: "\r\n") + "\r\n" }

    @Test("a dossier log loads: rows kept, months and channels counted, Vietnamese spellings read")
    func loads() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("log.csv", Self.log(Self.good))
        let store = try ChiSoStore(path: nil)
        let summary = try makeAdminIngestor(store).ingest(path: path)
        #expect(summary.kind == .dossiers)
        #expect(summary.outcome == .loaded(rows: 3))
        let rates = ProcedureRateCalculator(rollups: try store.fetchRollups(grain: .province, provinceID: "54", years: 2023...2023))
            .rates(year: 2023, by: .month).rates
        #expect(rates.count == 1)
        let march = try #require(rates.first)
        #expect(march.period == .month(3, of: 2023))
        #expect(march.counts == DossierCounts(receivedTotal: 3, receivedOnline: 2, receivedFullOnline: 1, receivedDirect: 1, receivedPostal: 0,
                                              resolvedTotal: 2, resolvedOnTime: 1, resolvedLate: 1, pending: 1))
        #expect(march.onlineRate.value == 2.0 / 3.0)
        #expect(march.onTimeRate.value == 0.5)
        #expect(march.fullOnlineShare.value == 0.5)
        let dump = try store.dump()
        // Levels told from the unit names.
        #expect(dump.contains(#""54.X.11260"|"UBND xã An Dân, huyện Tuy An"|"commune""#))
        #expect(dump.contains(#""54.H.559"|"UBND huyện Tuy An"|"district""#))
        #expect(dump.contains(#""54.SO.TP"|"Sở Tư pháp tỉnh Phú Yên"|"province""#))
    }

    @Test("every bad row is refused with file:line:column and what to do; the store is unchanged", arguments: [
        // resolved before received
        (Self.good[0].replacingOccurrences(of: "2023-03-02T10:00:00+07:00", with: "2023-02-27T10:00:00+07:00"),
         ":2:11: error: [ingest] resolved_at 2023-02-27T10:00:00+07:00 is before received_at 2023-03-01T09:00:00+07:00", "correct one of the two dates"),
        // unknown channel
        (Self.good[1].replacingOccurrences(of: ",direct,", with: ",fax,"), ":2:8: error: [ingest] channel \"fax\" is not online, direct or postal", "write one of them"),
        // unknown province
        (Self.good[0].replacingOccurrences(of: ",54,54.SO.TP", with: ",99,54.SO.TP"), ":2:2: error: [ingest] no province has GSO code 99", "check the code"),
        // not a date
        (Self.good[0].replacingOccurrences(of: "2023-03-01T09:00:00+07:00", with: "32/03/2023"), ":2:7: error: [ingest] received_at \"32/03/2023\" is not a date or date-time", "2023-03-15T09:12:45+07:00"),
        // status contradicts resolved_at
        (Self.good[2].replacingOccurrences(of: ",pending", with: ",resolved"), ":2:12: error: [ingest] status is \"resolved\" but resolved_at is empty", "write pending"),
        // an online level on a counter dossier
        (Self.good[1].replacingOccurrences(of: ",direct,,", with: ",direct,full,"), ":2:9: error: [ingest] online_level is \"full\" but the channel is direct", "leave online_level empty"),
        // a unit whose name changes within the file (this row comes after the one naming it first)
        (Self.good[1].replacingOccurrences(of: "54.H.559", with: "54.SO.TP"), ":3:4: error: [ingest] unit 54.SO.TP is named \"UBND huyện Tuy An\" here but \"Sở Tư pháp tỉnh Phú Yên\" on line 2", "one name per unit code"),
    ])
    func badRow(row: String, expected: String, advice: String) throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("first.csv", Self.log([Self.good[2]])))
        let before = try store.dump()
        // The bad row first (line 2), then the good ones.
        let rows = row.contains("54.SO.TP,UBND huyện") ? [Self.good[0], row] : [row] + Self.good.dropFirst()
        let path = try folder.write("bad.csv", Self.log(rows))
        let error = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: path) }
        let message = error?.description ?? ""
        #expect(message.contains(path + expected), "\(message)")
        #expect(message.contains(advice), "\(message)")
        #expect(try store.dump() == before)
    }

    @Test("a dossier id twice in a file is refused, naming both lines; the store is unchanged")
    func duplicateDossier() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let before = try store.dump()
        let again = Self.good[1].replacingOccurrences(of: "230301-0002", with: "230301-0001")
        let path = try folder.write("dup.csv", Self.log(Self.good + [again]))
        let error = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: path) }
        #expect(error?.description == "\(path):5:1: error: [ingest] dossier_id 000.00.54.H36-230301-0001 appears again (first on line 2); keep one row per dossier")
        #expect(try store.dump() == before)
    }

    @Test("--max-errors loads the good rows and writes every rejected row with its reason to the reject file")
    func maxErrors() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let badChannel = Self.good[1].replacingOccurrences(of: "230301-0002", with: "230301-0009").replacingOccurrences(of: ",direct,", with: ",fax,")
        let duplicate = Self.good[2]
        let path = try folder.write("log.csv", Self.log(Self.good + [badChannel, duplicate]))
        let rejectPath = folder.path("rejects.csv")
        let summary = try makeAdminIngestor(store).ingest(path: path, adminOptions: AdminIngestOptions(maxErrors: 2, rejectFile: rejectPath))
        #expect(summary.outcome == .loaded(rows: 3))
        #expect(summary.rejectedRows == 2)
        #expect(summary.rejectFile == rejectPath)
        let rejects = try String(contentsOfFile: rejectPath, encoding: .utf8)
        var reader = try CSVReader(string: rejects, file: "rejects.csv", hasHeader: true)
        #expect(reader.header == dossierHeader.split(separator: ",").map(String.init) + ["reject_reason"])
        let rows = try reader.readAll()
        #expect(rows.count == 2)
        #expect(rows[0][7] == "fax")
        #expect(rows[0][12] == "\(path):5:8: error: [ingest] channel \"fax\" is not online, direct or postal; write one of them (or trực tuyến, trực tiếp, bưu chính)")
        #expect(rows[1][0] == "000.00.54.H36-230301-0003")
        #expect(rows[1][12].hasPrefix("\(path):6:1: error: [ingest] dossier_id 000.00.54.H36-230301-0003 appears again (first on line 4)"))
        // The duplicate is counted once.
        let rates = ProcedureRateCalculator(rollups: try store.fetchRollups(grain: .province, provinceID: "54", years: 2023...2023)).rates(year: 2023, by: .year)
        #expect(rates.rates.first?.counts.receivedTotal == 3)
        #expect(rates.rates.first?.counts.pending == 1)
    }

    @Test("more bad rows than --max-errors allows: nothing is loaded and no reject file is left")
    func tooManyErrors() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let before = try store.dump()
        let bad = Self.good.map { $0.replacingOccurrences(of: "+07:00,", with: "+07:00x,") }
        let path = try folder.write("log.csv", Self.log(bad))
        let rejectPath = folder.path("rejects.csv")
        let error = #expect(throws: IngestError.self) {
            try makeAdminIngestor(store).ingest(path: path, adminOptions: AdminIngestOptions(maxErrors: 1, rejectFile: rejectPath))
        }
        #expect(error?.description.contains("2 rows rejected, more than --max-errors 1; nothing was loaded") == true, "\(String(describing: error))")
        #expect(try store.dump() == before)
        #expect(!FileManager.default.fileExists(atPath: rejectPath))
    }

    @Test("the same file twice changes nothing; a corrected file replaces its rows; removing the source removes them")
    func reingestAndRemove() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        let empty = try store.dump()
        let path = try folder.write("log.csv", Self.log(Self.good))
        let ingestor = makeAdminIngestor(store)
        #expect(try ingestor.ingest(path: path).outcome == .loaded(rows: 3))
        let loaded = try store.dump()
        guard case .unchanged? = try ingestor.ingest(path: path).outcome else { Issue.record("expected unchanged"); return }
        #expect(try store.dump() == loaded)
        try folder.write("log.csv", Self.log(Array(Self.good.prefix(2))))
        guard case .replaced(rows: 2, let previous)? = try ingestor.ingest(path: path).outcome else { Issue.record("expected replaced"); return }
        #expect(previous.rowCount == 3)
        let rates = ProcedureRateCalculator(rollups: try store.fetchRollups(grain: .province, provinceID: "54", years: 2023...2023)).rates(year: 2023, by: .year)
        #expect(rates.rates.first?.counts.receivedTotal == 2)
        _ = try store.removeSource(fileName: "log.csv")
        // Only the dictionaries (units, procedures, fields) stay.
        let after = try store.dump()
        #expect(!after.contains("230301-0001"))
        #expect(try store.fetchRollups(grain: .province, provinceID: nil, years: 2000...2100).isEmpty)
        #expect(try store.fetchSources().isEmpty)
        #expect(after != empty && after.contains("54.SO.TP"))
    }

    @Test("two files counting the same unit over the same days are refused: they would count dossiers twice")
    func overlap() throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("a.csv", Self.log(Self.good)))
        let before = try store.dump()
        let other = Self.good[0].replacingOccurrences(of: "0001,", with: "0101,")
        let path = try folder.write("b.csv", Self.log([other]))
        var message = ""
        do {
            _ = try makeAdminIngestor(store).ingest(path: path)
            Issue.record("b.csv loaded")
        } catch let error as StoreError {
            message = error.description
        }
        #expect(message.contains("b.csv: error: [ingest] a.csv, already loaded, counts the same dossiers: "), "\(message)")
        #expect(message.contains("(54.SO.TP) of Phú Yên over 2023-03-01..2023-03-31"), "\(message)")
        #expect(try store.dump() == before)
    }

    @Test("the kind of file is told from its header", arguments: [
        (dossierHeader, SourceFile.Kind.dossiers),
        ("Mã hồ sơ,Mã tỉnh,Mã đơn vị,Mã thủ tục,Ngày tiếp nhận,Kênh,Hạn giải quyết,Ngày giải quyết", .dossiers),
        ("period,province,received_total,received_online", .statistics),
        ("Kỳ báo cáo,Tỉnh,Tổng số hồ sơ tiếp nhận,Trực tuyến,Đã giải quyết,Đúng hạn", .statistics),
        ("index,year,province,score,rank", .rankings),
    ])
    func kind(header: String, kind: SourceFile.Kind) {
        #expect(SourceFile.Kind.detect(header: header.split(separator: ",").map(String.init)) == kind)
    }

    @Test("a missing column is named, with the headers found")
    func missingColumn() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("log.csv", "dossier_id,province_code,unit_code,procedure_code,received_at,channel,due_at\r\n")
        let error = #expect(throws: IngestError.self) { try makeAdminIngestor(try ChiSoStore(path: nil)).ingest(path: path) }
        #expect(error?.description == "\(path):1:1: error: [ingest] no resolved_at column (found: dossier_id, province_code, unit_code, procedure_code, received_at, channel, due_at); name it \"resolved_at\" (the README lists the Vietnamese headers too) or map it with --column resolved_at=\"HEADER\"")
    }
}

@Suite("Aggregated statistics ingest")
struct StatisticsIngestTests {
    static let header = "period,province,unit_code,unit_name,level,procedure_code,field,received_total,received_online,received_direct,received_postal,resolved_total,resolved_on_time,resolved_late,pending"
    static let good = "2023-03,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,province,1.001193.000.00.00.H36,Hộ tịch,10,4,5,1,8,7,1,2"

    @Test("a statistics row loads as given and feeds the rates")
    func loads() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("stats.csv", Self.header + "\n" + Self.good + "\n")
        let store = try ChiSoStore(path: nil)
        let summary = try makeAdminIngestor(store).ingest(path: path)
        #expect(summary.kind == .statistics && summary.outcome == .loaded(rows: 1))
        let rates = ProcedureRateCalculator(rollups: try store.fetchRollups(grain: .unit, provinceID: "54", years: 2023...2023)).rates(year: 2023, by: .unit).rates
        #expect(rates.map(\.group.unitCode) == ["54.SO.TP"])
        #expect(rates.first?.onlineRate == OnlineSubmissionRate(online: 4, received: 10))
        #expect(rates.first?.onTimeRate == OnTimeRate(onTime: 7, resolved: 8))
        #expect(rates.first?.fullOnlineShare.value == nil)
    }

    @Test("every bad statistics row is refused with file:line:column and what to do; the store is unchanged", arguments: [
        ("2023-03,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,province,1.001193.000.00.00.H36,Hộ tịch,10,12,,,8,7,1,2",
         ":2:9: error: [ingest] received_online 12 is more than received_total 10", "correct one of the two counts"),
        ("2023-03,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,province,1.001193.000.00.00.H36,Hộ tịch,10,4,5,1,8,9,,2",
         ":2:13: error: [ingest] resolved_on_time 9 is more than resolved_total 8", "correct one of the two counts"),
        ("2023-03,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,province,1.001193.000.00.00.H36,Hộ tịch,10,4,5,1,8,7,-1,2",
         ":2:14: error: [ingest] resolved_late is -1, a count cannot be negative", "correct the count"),
        ("2023-03,Phu Yenn,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,province,1.001193.000.00.00.H36,Hộ tịch,10,4,5,1,8,7,1,2",
         ":2:2: error: [ingest] unknown province \"Phu Yenn\"", "did you mean Phú Yên"),
        ("2023-13,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,province,1.001193.000.00.00.H36,Hộ tịch,10,4,5,1,8,7,1,2",
         ":2:1: error: [ingest] period \"2023-13\" is not a period", "2022-12-15..2023-03-14"),
        ("2023-03,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,province,1.001193.000.00.00.H36,Hộ tịch,10,4,5,1,8,6,1,2",
         ":2:12: error: [ingest] resolved_on_time + resolved_late = 7 but resolved_total is 8", "leave the one you do not know empty"),
        ("2023-03,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,province,1.001193.000.00.00.H36,Hộ tịch,10,4,5,2,8,7,1,2",
         ":2:8: error: [ingest] received_online + received_direct + received_postal = 11 is more than received_total 10", "correct the counts"),
        ("2023-03,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,district,1.001193.000.00.00.H36,Hộ tịch,10,4,5,1,8,7,1,2",
         ":2:5: error: [ingest] unit 54.SO.TP is a province-level unit but the row says district", "correct the level"),
        ("2023-03,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,province,1.001193.000.00.00.H36,Hộ tịch,mười,4,5,1,8,7,1,2",
         ":2:8: error: [ingest] received_total \"mười\" is not a whole number", "write the received_total as digits"),
        ("2022-06-01..2023-05-31,54,54.SO.TP,Sở Tư pháp tỉnh Phú Yên,province,1.001193.000.00.00.H36,Hộ tịch,10,4,5,1,8,7,1,2",
         ":2:1: error: [ingest] period \"2022-06-01..2023-05-31\" crosses a new year and is not a reporting window", "split the row by year"),
    ])
    func badRow(row: String, expected: String, advice: String) throws {
        let folder = try TemporaryFolder()
        let store = try ChiSoStore(path: nil)
        _ = try makeAdminIngestor(store).ingest(path: try folder.write("first.csv", Self.header + "\n" + Self.good + "\n"))
        let before = try store.dump()
        let path = try folder.write("bad.csv", Self.header + "\n" + row + "\n" + Self.good.replacingOccurrences(of: "2023-03", with: "2023-04") + "\n")
        let error = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: path) }
        let message = error?.description ?? ""
        #expect(message.contains(path + expected), "\(message)")
        #expect(message.contains(advice), "\(message)")
        #expect(try store.dump() == before)
    }

    @Test("the same period, unit and procedure twice in a file is refused")
    func duplicateRow() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("stats.csv", [Self.header, Self.good, Self.good.replacingOccurrences(of: "2023-03", with: "2023-04"), Self.good].joined(separator: "\n") + "\n")
        let store = try ChiSoStore(path: nil)
        let before = try store.dump()
        let error = #expect(throws: IngestError.self) { try makeAdminIngestor(store).ingest(path: path) }
        #expect(error?.description == "\(path):4:1: error: [ingest] this period, unit and procedure already have a row (line 2); keep one row, or add the two up")
        #expect(try store.dump() == before)
    }

    @Test("--max-errors: a bad row and a repeated row are rejected to the reject file; the rest loads, counted once")
    func maxErrors() throws {
        let folder = try TemporaryFolder()
        let april = Self.good.replacingOccurrences(of: "2023-03", with: "2023-04")
        let bad = Self.good.replacingOccurrences(of: "2023-03", with: "2023-05").replacingOccurrences(of: ",10,4,", with: ",10,12,")
        let path = try folder.write("stats.csv", [Self.header, Self.good, april, bad, Self.good].joined(separator: "\n") + "\n")
        let store = try ChiSoStore(path: nil)
        let rejectPath = folder.path("rejects.csv")
        let summary = try makeAdminIngestor(store).ingest(path: path, adminOptions: AdminIngestOptions(maxErrors: 2, rejectFile: rejectPath))
        #expect(summary.outcome == .loaded(rows: 2))
        #expect(summary.rejectedRows == 2)
        let rows = try CSVReader(string: try String(contentsOfFile: rejectPath, encoding: .utf8), file: "r.csv", hasHeader: true).readAll()
        #expect(rows.map { $0[0] } == ["2023-05", "2023-03"])
        #expect(rows[0].last?.contains(":4:9: error: [ingest] received_online 12 is more than received_total 10") == true)
        #expect(rows[1].last?.contains(":5:1: error: [ingest] this period, unit and procedure already have a row (line 2)") == true)
        let year = ProcedureRateCalculator(rollups: try store.fetchRollups(grain: .unit, provinceID: "54", years: 2023...2023)).rates(year: 2023, by: .unit)
        #expect(year.rates.first?.counts.receivedTotal == 20)
        #expect(try store.dump().components(separatedBy: "\"2023-03\"|\"2023-03\"").count == 2)
    }

    @Test("the bundled Kon Tum figures give the report's online rate and its levels")
    func bundledKonTum() throws {
        let store = try ChiSoStore(path: nil)
        _ = try BundledDatabase.load(into: store, timestamp: "2026-01-01T00:00:00Z")
        let calculator = ProcedureRateCalculator(rollups: try store.fetchRollups(grain: .province, provinceID: "62", years: 2022...2023))
        let quarter = try #require(calculator.rates(year: 2023, by: .quarter).rates.first)
        #expect(quarter.period == .quarter(1, of: 2023))
        #expect(quarter.firstDay == Day(year: 2022, month: 12, day: 15) && quarter.lastDay == Day(year: 2023, month: 3, day: 14))
        #expect(quarter.counts.receivedTotal == 56_039 && quarter.counts.receivedOnline == 12_516 && quarter.counts.resolvedTotal == 48_249)
        // The report's 22.33%.
        #expect((quarter.onlineRate.value! * 10_000).rounded() == 2_233)
        #expect(quarter.onTimeRate.value == nil)
        #expect(calculator.rates(year: 2023, by: .month).rates.isEmpty)
        #expect(calculator.rates(year: 2023, by: .month).coarserPeriods == [.quarter(1, of: 2023)])
        let levels = ProcedureRateCalculator(rollups: try store.fetchRollups(grain: .unit, provinceID: "62", years: 2023...2023)).rates(year: 2023, by: .level).rates
        #expect(levels.map(\.group.level) == [.province, .district, .commune, nil])
        #expect(levels.map(\.counts.receivedTotal) == [23_233, 6_776, 26_030, nil])
    }
}
