import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore
import Crypto
import Foundation

/// What an ingest did, for the summary line a user reads.
public struct IngestSummary: Sendable, Equatable {
    public var file: String
    public var sha256: String
    public var rows: Int
    /// "PCI 2021", ... in the order they appear.
    public var editions: [String]
    public var ignoredColumns: [String]
    /// `nil` for `validate`, which writes nothing.
    public var outcome: LoadOutcome?
    /// What the file held.
    public var kind: SourceFile.Kind = .rankings
    /// Rows written to the reject file (`--max-errors`).
    public var rejectedRows = 0
    /// The reject file, when rows were rejected.
    public var rejectFile: String?
    /// The rejected rows' problems (the first 50), with `--max-errors`.
    public var diagnostics: [Diagnostic] = []
    /// What the user should know about how the file was read (the sheet of a workbook, title rows
    /// skipped, UTF-16 text), printed as `file: note: …`.
    public var notes: [String] = []
}

extension Diagnostic {
    /// The same problem, located in `sheet` when it is in `file` (a workbook's rows and columns are the sheet's).
    public func inSheet(_ sheet: String?, of file: String) -> Diagnostic {
        guard let sheet, location.file == file else { return self }
        return Diagnostic(location.inSheet(sheet), problem)
    }
}

extension IngestError {
    /// The same error, its locations in `file` placed in `sheet`.
    public func inSheet(_ sheet: String?, of file: String) -> IngestError {
        guard case .invalid(let diagnostics) = self, sheet != nil else { return self }
        return .invalid(diagnostics.map { $0.inSheet(sheet, of: file) })
    }
}

/// Reads files from disk, validates them and loads them into a store, one transaction per file.
public struct Ingestor {
    public var store: ChiSoStore
    public var registry: ProvinceRegistry
    /// The ingest time written to `source.ingested_at` (ISO 8601, UTC).
    public var timestamp: String
    /// Receives the time each phase of a dossier-log load took ("insert loop: 1,021.3 ms"), when set.
    public var phaseLog: (@Sendable (String) -> Void)?
    /// Writes the temporary files of the duplicate check (`write(2)` when nil); tests give one
    /// that fails like a full disk.
    package var spillWriter: IDHashSpill.Writer?
    /// Rollup cells kept in memory by a dossier-log load before they spill (nil: the default,
    /// `DossierRollupCells.defaultCap`); tests make it small.
    package var rollupCellCap: Int??
    /// The most spilled cells merged at once when read back (nil: `RollupCellSpill.groupCells`);
    /// tests make it small so that partitions split.
    package var spillGroupCells: Int?
    /// Whether sources record the absolute path they were loaded from (not for the bundled datasets, whose
    /// place is the build's).
    public var recordsPaths = true

    public init(store: ChiSoStore, registry: ProvinceRegistry = .standard, timestamp: String) {
        self.store = store; self.registry = registry; self.timestamp = timestamp
    }

    /// Validates and loads one rankings file. Throws `IngestError` or `StoreError`; on error nothing is written.
    public func ingestRankings(path: String, displayName: String? = nil, options: RankingIngestOptions) throws -> IngestSummary {
        try ingestRankings(bytes: Self.readFile(path), file: displayName ?? path, path: path, options: options, write: true)
    }

    /// Runs every check of `ingestRankings` and writes nothing.
    public func validateRankings(path: String, displayName: String? = nil, options: RankingIngestOptions) throws -> IngestSummary {
        try ingestRankings(bytes: Self.readFile(path), file: displayName ?? path, options: options, write: false)
    }

    /// The absolute path a source records, when it records one.
    package func recordedPath(_ path: String?) -> String? {
        guard recordsPaths, let path else { return nil }
        return URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    package func ingestRankings(bytes: [UInt8], file: String, path: String? = nil, options: RankingIngestOptions, write: Bool) throws -> IngestSummary {
        let sha = Self.sha256(bytes)
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        let store = self.store
        let superseding = try supersededEditions(bytes: bytes, file: file, fileName: fileName, options: options)
        // The earlier version of this file (same path, or same name where no path is recorded): its rows will be replaced.
        let replaced = try store.replacedSourceName(fileName: fileName, path: recordedPath(path))
        let parsed = try RankingIngest(registry: registry).read(bytes: bytes, file: file, options: options) { index, year in
            // Rows an earlier version of this same file brought will be replaced, so they do not count; nor do the
            // rows of a bundled partial edition this file's complete one supersedes.
            let superseded = Set(superseding["\(index)|\(year)"] ?? [])
            return try store.fetchEntries(index: index, year: year).filter { $0.sourceFile != replaced && !superseded.contains($0.sourceFile) }
        }
        var editions: [String] = []
        for r in parsed.records where !editions.contains("\(r.index) \(r.year)") { editions.append("\(r.index) \(r.year)") }
        var summary = IngestSummary(file: file, sha256: sha, rows: parsed.records.count, editions: editions,
                                    ignoredColumns: parsed.ignoredColumns, outcome: nil)
        summary.notes = parsed.notes
        for (edition, files) in superseding.sorted(by: { $0.key < $1.key }) {
            summary.notes.append("\(edition.replacingOccurrences(of: "|", with: " ")) is complete in this file: it \(write ? "supersedes" : "would supersede") the rows of that edition "
                                 + "from the bundled \(files.joined(separator: ", ")), whose other editions stay")
        }
        guard write else { return summary }
        let optionsJSON = String(decoding: try Self.encoder.encode(options), as: UTF8.self)
        let batch = RankingBatch(source: SourceFile(fileName: fileName, sha256: sha, kind: .rankings, options: optionsJSON, path: recordedPath(path)),
                                 records: parsed.records,
                                 superseding: superseding)
        do { summary.outcome = try store.load(batch, ingestedAt: timestamp) } catch { throw error.naming(file) }
        return summary
    }

    /// The editions this file holds whole (a row with a score or rank for each of the `of` provinces) of which
    /// the store holds only part, and only from bundled datasets: a user's complete edition supersedes a bundled
    /// partial one, for that edition only. Edition ("PCI|2022") → the bundled files whose rows it replaces.
    package func supersededEditions(bytes: [UInt8], file: String, fileName: String, options: RankingIngestOptions) throws -> [String: [String]] {
        let bundled = Set(BundledDatabase.datasetFiles().map(\.lastPathComponent))
        guard !bundled.contains(fileName),
              let alone = try? RankingIngest(registry: registry).read(bytes: bytes, file: file, options: options) else { return [:] }
        var byEdition: [String: [RankingRecord]] = [:]
        for r in alone.records where r.score != nil || r.rank != nil { byEdition["\(r.index)|\(r.year)", default: []].append(r) }
        var result: [String: [String]] = [:]
        for (key, records) in byEdition {
            guard let of = records.first?.of, Set(records.map(\.provinceID)).count == of else { continue }
            let stored = try store.fetchEntries(index: records[0].index, year: records[0].year).filter { $0.sourceFile != fileName }
            let files = Set(stored.map(\.sourceFile))
            guard !stored.isEmpty, stored.count < (stored.first?.of ?? 0), files.isSubset(of: bundled) else { continue }
            result[key] = files.sorted()
        }
        return result
    }

    package static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    package static func readFile(_ path: String) throws(IngestError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw .unreadable(path: path, reason: !exists ? "no such file; check the path" : isDirectory.boolValue ? "it is a folder; name the CSV files in it" : "permission denied")
        }
        return [UInt8](data)
    }

    /// Lower-case hex SHA-256 of the file's bytes: the identity of a source.
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Now, or `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention), as ISO 8601 UTC
    /// (`2026-12-07T15:29:09Z`, whole seconds).
    ///
    /// Written out from the day number rather than with `ISO8601DateFormatter`: on Linux the formatter
    /// loads ICU's calendar data, 8 MB of memory for one line of text in every `chiso ingest`.
    public static func timestamp(environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()) -> String {
        // Years 1-9999 (what a `Day` holds): a SOURCE_DATE_EPOCH outside them, or not a number, is not used.
        let range = -62_135_596_800.0...253_402_300_799.0
        let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init).flatMap { range.contains($0) ? $0 : nil }
        let seconds = Int(min(max(epoch ?? now.timeIntervalSince1970, range.lowerBound), range.upperBound).rounded(.down))
        let (days, second) = (seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400, ((seconds % 86_400) + 86_400) % 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(DayNumber.day(days))T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }
}
