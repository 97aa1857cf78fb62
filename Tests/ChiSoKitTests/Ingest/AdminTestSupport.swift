import ChiSoKit
import Foundation

/// A fresh temporary folder for files a test writes.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-admin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` (UTF-8) to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// The header of a dossier log as the benchmark generator writes it.
let dossierHeader = "dossier_id,province_code,unit_code,unit_name,procedure_code,field,received_at,channel,online_level,due_at,resolved_at,status"

/// A small, fully known dossier log and its monthly aggregate, made from one list of dossiers, so
/// that the rates of the two can be compared (deterministic: a fixed linear congruential generator).
struct GeneratedDossierSet {
    struct Unit { var province: String; var code: String; var name: String; var level: String }
    struct Procedure { var code: String; var field: String }
    struct Dossier {
        var id: String
        var unit: Unit
        var procedure: Procedure
        var received: (day: Int, second: Int)
        /// 0 online, 1 direct, 2 postal.
        var channel: Int
        var full: Bool
        var vietnamese: Bool
        var due: Int
        var resolved: (day: Int, second: Int)?
    }

    static let units = [
        Unit(province: "54", code: "54.SO.TP", name: "Sở Tư pháp tỉnh Phú Yên", level: "province"),
        Unit(province: "54", code: "54.TTPVHCC", name: "Trung tâm Phục vụ hành chính công \"một cửa\", tỉnh Phú Yên", level: "province"),
        Unit(province: "54", code: "54.H.559", name: "UBND huyện Tuy An", level: "district"),
        Unit(province: "54", code: "54.X.11260", name: "UBND xã An Dân, huyện Tuy An", level: "commune"),
        Unit(province: "62", code: "62.H.610", name: "UBND thành phố Kon Tum", level: "district"),
        Unit(province: "62", code: "62.X.23200", name: "UBND phường Quyết Thắng, thành phố Kon Tum", level: "commune"),
    ]
    static let procedures = [
        Procedure(code: "1.001193.000.00.00.H36", field: "Hộ tịch"),
        Procedure(code: "1.000656.000.00.00.H36", field: "Chứng thực"),
        Procedure(code: "1.001777.000.00.00.H36", field: "Thi đua, khen thưởng"),
    ]

    var dossiers: [Dossier] = []

    init(count: Int, seed: UInt64) {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        // 2022-11-01 .. 2024-02-29, in receipt order.
        let start = DayNumber.from(year: 2022, month: 11, day: 1), end = DayNumber.from(year: 2024, month: 2, day: 29)
        var received: [(Int, Int)] = (0..<count).map { _ in (start + next(end - start + 1), next(86_400)) }
        received.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        for (i, r) in received.enumerated() {
            let channel = [0, 0, 0, 1, 1, 2][next(6)]
            let due = r.0 + 1 + next(15)
            var resolved: (Int, Int)?
            if next(10) != 0 {
                // Mostly on time, some late, some across months and years.
                let day = r.0 + next(25)
                resolved = (day, day == r.0 ? max(r.1, next(86_400)) : next(86_400))
            }
            dossiers.append(Dossier(id: String(format: "000.00.%02d.H36-%06d", i % 7, i), unit: Self.units[next(Self.units.count)],
                                    procedure: Self.procedures[next(Self.procedures.count)], received: r, channel: channel,
                                    full: channel == 0 && next(2) == 0, vietnamese: next(20) == 0, due: due, resolved: resolved))
        }
    }

    static func csv(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func dateTime(_ t: (day: Int, second: Int)) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(DayNumber.day(t.day))T\(two(t.second / 3600)):\(two(t.second / 60 % 60)):\(two(t.second % 60))+07:00"
    }

    /// The log, CRLF line ends as one-stop-shop exports write them.
    var log: String {
        var lines = [dossierHeader]
        for d in dossiers {
            let channel = d.vietnamese ? ["trực tuyến", "trực tiếp", "bưu chính"][d.channel] : ["online", "direct", "postal"][d.channel]
            let level = d.channel != 0 ? "" : d.vietnamese ? (d.full ? "toàn trình" : "một phần") : (d.full ? "full" : "partial")
            lines.append([d.id, d.unit.province, d.unit.code, Self.csv(d.unit.name), d.procedure.code, Self.csv(d.procedure.field),
                          Self.dateTime(d.received), channel, level, DayNumber.day(d.due).description,
                          d.resolved.map(Self.dateTime) ?? "", d.resolved == nil ? "pending" : "resolved"].joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The monthly aggregate of the same dossiers (per unit and procedure), with Vietnamese headers.
    var aggregate: String {
        struct Key: Hashable, Comparable {
            var month: Int, unit: Int, procedure: Int
            static func < (a: Key, b: Key) -> Bool { (a.month, a.unit, a.procedure) < (b.month, b.unit, b.procedure) }
        }
        func month(_ day: Int) -> Int { let c = DayNumber.civil(day); return c.year * 12 + c.month - 1 }
        var cells: [Key: [Int]] = [:]
        for d in dossiers {
            let u = Self.units.firstIndex { $0.code == d.unit.code }!, p = Self.procedures.firstIndex { $0.code == d.procedure.code }!
            let key = Key(month: month(d.received.day), unit: u, procedure: p)
            var c = cells[key] ?? Array(repeating: 0, count: 9)
            c[0] += 1
            c[[1, 3, 4][d.channel]] += 1
            if d.full { c[2] += 1 }
            if d.resolved == nil { c[8] += 1 }
            cells[key] = c
            if let r = d.resolved {
                let rkey = Key(month: month(r.day), unit: u, procedure: p)
                var rc = cells[rkey] ?? Array(repeating: 0, count: 9)
                rc[5] += 1
                rc[r.day <= d.due ? 6 : 7] += 1
                cells[rkey] = rc
            }
        }
        var lines = ["Kỳ báo cáo,Mã tỉnh,Mã đơn vị,Tên đơn vị,Cấp,Mã thủ tục,Lĩnh vực,Tổng số hồ sơ tiếp nhận,Trực tuyến,Toàn trình,Trực tiếp,Bưu chính,Đã giải quyết,Đúng hạn,Trễ hạn,Đang giải quyết"]
        for key in cells.keys.sorted() {
            let (u, p) = (Self.units[key.unit], Self.procedures[key.procedure])
            let period = CalendarPeriod.month(key.month % 12 + 1, of: key.month / 12).description
            lines.append(([period, u.province, u.code, Self.csv(u.name), u.level, p.code, Self.csv(p.field)] + cells[key]!.map(String.init)).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

func makeAdminIngestor(_ store: ChiSoStore) -> Ingestor {
    Ingestor(store: store, timestamp: "2026-01-01T00:00:00Z")
}
