import Foundation
import Testing

import ChiSoKit
@testable import ChiSoCore
@testable import ChiSoCSV
@testable import ChiSoIngest
@testable import ChiSoStore
@testable import ChiSoMetrics
@testable import ChiSoReport
@testable import ChiSoNotebook
@testable import ChiSoApp

@Suite("Dossier cells: dates, codes, levels, hash tables")
struct AdminParsingTests {
    static func parse(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { LocalDateTime.parse(UnsafeRawBufferPointer($0)) }
    }

    @Test("dates and date-times are read on the local clock as written", arguments: [
        ("2023-03-15", "2023-03-15T00:00:00"),
        ("2023-03-15T09:12:45+07:00", "2023-03-15T09:12:45"),
        ("2023-03-15 09:12", "2023-03-15T09:12:00"),
        ("2023-03-15T23:59:59.999Z", "2023-03-15T23:59:59"),
        ("2023-03-15T09:12:45+0700", "2023-03-15T09:12:45"),
        ("2023-03-15T09:12:45-03", "2023-03-15T09:12:45"),
        ("2024-02-29T00:00:00", "2024-02-29T00:00:00"),
    ])
    func dates(text: String, local: String) throws {
        let seconds = try #require(Self.parse(text))
        #expect(LocalDateTime.text(seconds) == local)
    }

    @Test("anything else is not a date", arguments: [
        "", "2023-3-15", "15/03/2023", "2023-02-29", "2023-03-15T24:00", "2023-03-15T09:60", "2023-03-15T09:12:45+07:0",
        "2023-03-15T09:12:45 +07:00", "2023-03-15T", "2023-03-15T09:12:45.", "1899-12-31", "2023-03-15x",
    ])
    func notDates(text: String) {
        #expect(Self.parse(text) == nil)
    }

    @Test("the month of a date-time is the calendar month written, whatever the offset")
    func monthAsWritten() throws {
        let lateNight = try #require(Self.parse("2023-03-31T23:30:00+07:00"))
        let utc = try #require(Self.parse("2023-03-31T23:30:00Z"))
        #expect(MonthTable.shared.monthIndex(day: LocalDateTime.dayNumber(lateNight)) == 2023 * 12 + 2)
        #expect(lateNight == utc)
    }

    @Test("channels, online levels and statuses in English and Vietnamese", arguments: [
        ("online", UInt8(1)), ("trực tuyến", 1), ("Trực tuyến", 1), ("direct", 2), ("trực tiếp", 2), ("postal", 3), ("bưu chính", 3),
    ])
    func channels(text: String, code: UInt8) {
        var bytes = Array(text.utf8)
        #expect(bytes.withUnsafeMutableBytes { DossierCodes.channel(UnsafeRawBufferPointer($0)) } == code)
    }

    @Test("online levels", arguments: [("full", UInt8(1)), ("toàn trình", 1), ("mức độ 4", 1), ("partial", 2), ("một phần", 2), ("Mức độ 3", 2)])
    func onlineLevels(text: String, code: UInt8) {
        var bytes = Array(text.utf8)
        #expect(bytes.withUnsafeMutableBytes { DossierCodes.onlineLevel(UnsafeRawBufferPointer($0)) } == code)
        var fax = Array("fax".utf8)
        #expect(fax.withUnsafeMutableBytes { DossierCodes.channel(UnsafeRawBufferPointer($0)) } == nil)
    }

    @Test("the level of a unit is told from its name", arguments: [
        ("UBND xã An Dân, huyện Tuy An", AdministrativeLevel.commune),
        ("UBND phường 1, thành phố Tuy Hòa", .commune),
        ("UBND thị trấn Chí Thạnh", .commune),
        ("UBND huyện Tuy An", .district),
        ("UBND quận Ba Đình", .district),
        ("Bộ phận một cửa thị xã Sông Cầu", .district),
        ("UBND thành phố Tuy Hòa", .district),
        ("UBND thành phố Hồ Chí Minh", .province),
        ("Sở Tư pháp tỉnh Phú Yên", .province),
        ("Sở Lao động - Thương binh và Xã hội tỉnh Phú Yên", .province),
        ("Trung tâm Phục vụ hành chính công \"một cửa\", thành phố Hà Nội", .province),
        ("Văn phòng Đăng ký đất đai", .province),
    ])
    func levels(name: String, level: AdministrativeLevel) {
        #expect(AdministrativeLevel.infer(fromUnitName: name) == level)
    }

    @Test("level cells", arguments: [("province", AdministrativeLevel.province), ("Cấp tỉnh", .province), ("huyện", .district), ("cấp xã", .commune), ("commune", .commune)])
    func levelCells(text: String, level: AdministrativeLevel) {
        #expect(AdministrativeLevel.parse(text) == level)
    }

    @Test("the interner gives each key one dense id, within its namespace")
    func interner() {
        var interner = ByteInterner(capacity: 2)
        var ids: [String: Int32] = [:]
        for i in 0..<5000 {
            let key = "54.X.\(i % 1000)"
            let (id, isNew) = interner.intern(key, namespace: Int32(i / 1000 % 2))
            if let known = ids["\(i / 1000 % 2)|\(key)"] { #expect(id == known && !isNew) } else { #expect(isNew); ids["\(i / 1000 % 2)|\(key)"] = id }
        }
        #expect(interner.count == 2000)
        #expect(interner.string(ids["1|54.X.7"]!) == "54.X.7")
    }

    @Test("a probe made before other checks adds the key where it showed, and finds it after; through many growths")
    func internerProbe() {
        var interner = ByteInterner(capacity: 2)
        var oracle: [[UInt8]: Int32] = [:]
        var generator = SystemRandomNumberGenerator()
        // Keys of 0–40 bytes (the empty one included), many repeated, 100,000 in all.
        var keys: [[UInt8]] = (0..<60_000).map { i in (0..<(i % 41)).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        keys.append([])
        for step in 0..<100_000 {
            let key = keys[Int.random(in: 0..<keys.count, using: &generator)]
            key.withUnsafeBytes { bytes in
                let probe = interner.probe(bytes)
                #expect(probe.id == oracle[key], "step \(step)")
                let (id, isNew) = interner.intern(bytes, at: probe)
                if let known = oracle[key] { #expect(id == known && !isNew) } else { #expect(isNew && id == Int32(oracle.count)); oracle[key] = id }
            }
        }
        #expect(interner.count == oracle.count)
        for (key, id) in oracle { #expect(key.withUnsafeBytes { interner.find($0) } == id) }
    }

    @Test("a name dictionary keeps the database's ids, gives new values consecutive ones, and finds either by id")
    func nameDictionary() {
        var names = NameDictionary(existing: [(5, "Hộ tịch"), (9, "Đất đai")], capacity: 2, limit: 4)
        func index(_ text: String) -> (index: Int32, newID: Int64?)? {
            var text = text
            return text.withUTF8 { names.index(of: UnsafeRawBufferPointer($0)) }
        }
        #expect(index("Đất đai")! == (1, nil))
        #expect(index("Chứng thực")! == (2, 10))
        #expect(index("Tư pháp")! == (3, 11))
        #expect(names.nextID == 12 && names.isFull)
        // Full: a known value is still found, a new one refused and not added.
        #expect(index("Hộ tịch")! == (0, nil))
        #expect(index("Giao thông") == nil)
        #expect(names.nextID == 12)
        #expect([names[0], names[1], names[2], names[3]] == [5, 9, 10, 11])
        #expect([5, 9, 10, 11, 12, 7].map { names.index(ofID: $0) } == [0, 1, 2, 3, nil, nil])
    }

    @Test("the id spill finds every repeated hash and its lines, across partitions, and nothing else")
    func spill() throws {
        let spill = try #require(IDHashSpill(expectedRows: 600_000))
        var expected: [[Int]] = []
        for line in 2..<300_000 {
            var hash = ByteHash.mix(UInt64(line))
            // Every 50,000th line repeats the hash of the line 7 before it.
            if line % 50_000 == 0 {
                hash = ByteHash.mix(UInt64(line - 7))
                expected.append([line - 7, line])
            }
            spill.append(hash: hash, line: line)
        }
        #expect(try spill.repeatedHashes() == expected)
    }
}
