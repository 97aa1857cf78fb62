import ChiSoKit
import Foundation

/// The state shared by every input of a run: a folder for the file, its reject file and the
/// database, and a seeded database (a dossier log and a statistics file already loaded, so units,
/// procedures and fields exist) whose bytes each input starts from.
final class AdministrativeFuzzWorld: @unchecked Sendable {
    static let shared = AdministrativeFuzzWorld()
    static let lock = NSLock()

    let folder: String
    /// The seeded database, copied for each input (read from disk each time: a global buffer held
    /// for the whole run would read as a leak to LeakSanitizer).
    let seedPath: String

    static let seedLog = """
        dossier_id,province_code,unit_code,unit_name,level,procedure_code,field,received_at,channel,online_level,due_at,resolved_at,status
        S-1,54,54.SO.TP,Sở Tư pháp,province,1.001,Hộ tịch,2020-03-10T09:00:00+07:00,online,full,2020-03-20,2020-03-12T10:00:00+07:00,resolved
        S-2,54,54.H.559,UBND huyện Tuy An,district,1.002,Chứng thực,2020-04-10T09:00:00+07:00,direct,,2020-04-20,,pending

        """
    static let seedStatistics = """
        period,province,unit_code,unit_name,level,procedure_code,field,received_total,received_online,resolved_total,resolved_on_time,resolved_late,pending
        2019-Q1,62,62.H.610,UBND thành phố Kon Tum,district,1.003,Đất đai,10,4,8,7,1,2

        """

    private init() {
        var template = Array((FileManager.default.temporaryDirectory.path + "/chiso-fuzz-XXXXXX").utf8CString)
        folder = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        seedPath = folder + "/seed.sqlite"
        let store = try! ChiSoStore(path: seedPath)
        let ingestor = Ingestor(store: store, timestamp: "2026-01-01T00:00:00Z")
        for (name, text) in [("seed-log.csv", Self.seedLog), ("seed-statistics.csv", Self.seedStatistics)] {
            let path = folder + "/" + name
            try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
            _ = try! ingestor.ingest(path: path, displayName: name)
        }
        try! store.close()
    }
}

/// The options a user may give, chosen by the input's first byte (0 the whole file or nothing; a few
/// rejects allowed; many; a dry run).
let administrativeChoices: [(options: AdminIngestOptions, write: Bool)] = [
    (AdminIngestOptions(), true),
    (AdminIngestOptions(maxErrors: 2), true),
    (AdminIngestOptions(maxErrors: 1000), true),
    (AdminIngestOptions(), false),
]

/// Properties of `chiso ingest` on a dossier log or a statistics file (the parser thread, the store's
/// load and its transaction, as the CLI runs them), on a database that already holds files:
/// - nothing crashes; an error is a list of diagnostics in the file (1-based line and column, a
///   message) or a refusal of the store that says why, never an unreadable file or a raw SQLite error;
/// - a refused file (or a dry run) leaves the database exactly as it was and no reject file;
/// - nothing is lost: every record of the file is loaded or written to the reject file with its
///   reason (statistics: or is an empty spreadsheet row), and the store holds exactly the rows loaded;
/// - a dossier log's monthly province rollups count every loaded dossier once.
public func checkAdministrativeIngest(_ bytes: [UInt8], kind: SourceFile.Kind) throws {
    // One input at a time: they share the folder's file names (the replay test runs corpora in parallel).
    AdministrativeFuzzWorld.lock.lock()
    defer { AdministrativeFuzzWorld.lock.unlock() }
    let world = AdministrativeFuzzWorld.shared
    let path = world.folder + "/f.csv", rejectPath = world.folder + "/f.rejects.csv", dbPath = world.folder + "/db.sqlite"
    let choice = administrativeChoices[Int(bytes.first ?? 0) % administrativeChoices.count]
    var options = choice.options
    options.rejectFile = rejectPath
    try? FileManager.default.removeItem(atPath: rejectPath)
    try? FileManager.default.removeItem(atPath: dbPath + "-journal")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    try? FileManager.default.removeItem(atPath: dbPath)
    try FileManager.default.copyItem(atPath: world.seedPath, toPath: dbPath)
    let store = try ChiSoStore(path: dbPath)
    defer { try? store.close() }
    let ingestor = Ingestor(store: store, timestamp: "2026-01-02T00:00:00Z")

    let summary: IngestSummary
    do {
        summary = try ingestor.ingest(path: path, displayName: "f.csv", kind: kind, adminOptions: options, write: choice.write)
    } catch let error as IngestError {
        switch error {
        case .invalid(let diagnostics):
            try require(!diagnostics.isEmpty, "invalid with no diagnostic")
            for d in diagnostics {
                try require(d.location.file == "f.csv" && d.location.line >= 1 && d.location.column >= 1, "bad location \(d)")
                try require(!d.problem.message.isEmpty, "empty message at \(d.location)")
            }
        case .unreadable, .unwritable:
            throw FuzzCheckFailure("a file on disk was called unreadable, or a file could not be written: \(error)")
        }
        try requireUnchanged(dbPath, world, rejectPath)
        return
    } catch let error as StoreError {
        if case .sqlite = error { throw FuzzCheckFailure("a raw SQLite error reached the user: \(error)") }
        try requireUnchanged(dbPath, world, rejectPath)
        return
    }
    guard choice.write, case .loaded(let rows)? = summary.outcome else {
        try requireUnchanged(dbPath, world, rejectPath)
        return
    }
    try require(rows == summary.rows, "outcome says \(rows) rows, summary \(summary.rows)")

    // Nothing lost: loaded + rejected (+ empty rows) = records.
    var reader = try CSVReader(bytes: bytes, file: "f.csv", hasHeader: true)
    var records = 0, emptyRows = 0
    try reader.forEachRecord { record in
        records += 1
        if kind == .statistics && (0..<record.count).allSatisfy({ i in record.withBytes(i) { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 } } }) {
            emptyRows += 1
        }
    }
    try require(summary.rows + summary.rejectedRows + emptyRows == records,
                "\(records) records but \(summary.rows) loaded, \(summary.rejectedRows) rejected, \(emptyRows) empty")
    if summary.rejectedRows > 0 {
        try require(summary.rejectFile == rejectPath, "rejects counted but the reject file is \(summary.rejectFile ?? "nil")")
        var rejects = try CSVReader(path: rejectPath, hasHeader: true)
        var rejected = 0
        try rejects.forEachRecord { record in
            rejected += 1
            let reason = record[record.count - 1]
            if !reason.hasPrefix("f.csv:") { rejected = -1_000_000 }
        }
        try require(rejected == summary.rejectedRows, "the reject file holds \(rejected) rows (or a reason without a location), the summary says \(summary.rejectedRows)")
    } else {
        try require(!FileManager.default.fileExists(atPath: rejectPath), "a reject file with no rejected row")
    }
    let source = try store.fetchSources().first { $0.fileName == "f.csv" }
    try require(source != nil, "the loaded file has no source row")
    let table = kind == .dossiers ? "dossier" : "admin_statistic"
    let stored = try count(store,  "SELECT count(*) FROM \(table) WHERE id >> 32 = \(source!.id)")
    try require(stored == summary.rows, "\(summary.rows) rows loaded but \(stored) in the store")
    if kind == .dossiers {
        let counted = try count(store,  "SELECT coalesce(sum(received_total), 0) FROM admin_rollup WHERE source_id = \(source!.id) AND grain = 'province'")
        try require(counted == summary.rows, "\(summary.rows) dossiers loaded but the province rollups count \(counted)")
    }
    let problems = try store.checkIntegrity()
    try require(problems.isEmpty, "integrity_check: \(problems)")
}

/// The database file byte for byte as seeded (stricter than its dump, and cheaper), no journal left.
private func requireUnchanged(_ dbPath: String, _ world: AdministrativeFuzzWorld, _ rejectPath: String) throws {
    let same = FileManager.default.contentsEqual(atPath: dbPath, andPath: world.seedPath)
    try require(same, "a refused file (or a dry run) changed the database")
    try require(!FileManager.default.fileExists(atPath: dbPath + "-journal"), "a refused file left a journal")
    try require(!FileManager.default.fileExists(atPath: rejectPath), "a refused file (or a dry run) left a reject file")
}

/// The single integer a query returns.
private func count(_ store: ChiSoStore, _ sql: String) throws -> Int {
    guard case .integer(let n)? = try store.query(sql).rows.first?.first else { throw FuzzCheckFailure("no count from \(sql)") }
    return Int(n)
}
