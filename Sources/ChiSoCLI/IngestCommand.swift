import ArgumentParser
import ChiSoApp
import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore
import Foundation

/// Options shared by `ingest` and `validate`: what a file may not say about itself.
struct RankingFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Index code for files without an index column (PCI, PAPI, DTI, ...).", valueName: "code"))
    var index: String?

    @Option(help: "Edition (year) for files without a year column.")
    var year: Int?

    @Option(help: ArgumentHelp("How many provinces the edition ranked (63; 34 after the 2025 reorganisation), for files without an of column.", valueName: "n"))
    var of: Int?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Date at which province names and codes are read (default: 1 January of the year).", valueName: "date"))
    var asOf: String?

    @Option(name: .customLong("column"), help: ArgumentHelp("Map a field to a header, e.g. --column score=\"Tổng điểm\" or --column component.d1=D1. Repeatable.", valueName: "field=header"))
    var columns: [String] = []

    @Option(help: ArgumentHelp("Decimal mark when the numbers are ambiguous (\"1.234\"): point or comma.", valueName: "mark"))
    var decimal: DecimalStyle?

    @Option(help: ArgumentHelp("For an .xlsx workbook: the sheet to read, by name or number (default: the first sheet with a table).", valueName: "name|n"))
    var sheet: String?

    func make() throws -> RankingIngestOptions {
        var mapping: [String: String] = [:]
        for pair in columns {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex, pair.index(after: eq) != pair.endIndex else {
                throw CLIError(message: "error: --column \(pair): expected FIELD=HEADER, e.g. --column score=\"Điểm\"", exitCode: 2)
            }
            mapping[String(pair[..<eq]).trimmingCharacters(in: .whitespaces)] = String(pair[pair.index(after: eq)...])
        }
        var day: Day?
        if let asOf {
            guard let d = Day(iso: asOf) else { throw CLIError(message: "error: --as-of \"\(asOf)\" is not a date; write it as YYYY-MM-DD", exitCode: 2) }
            day = d
        }
        return RankingIngestOptions(index: index, year: year, of: of, asOf: day, columns: mapping, decimal: decimal, sheet: sheet)
    }
}

extension DecimalStyle: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "point", "dot", ".": self = .point
        case "comma", ",": self = .comma
        default: return nil
        }
    }
}

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Validate CSV or Excel files (rankings, dossier statistics, dossier logs) and load them into the database.",
        discussion: """
            Excel workbooks (.xlsx) are read directly: the first sheet with a table, or --sheet NAME|N; title rows above the header are skipped; problems are located as file.xlsx:Sheet1!C7. A legacy .xls or an .ods is refused: save it as .xlsx or CSV UTF-8. Excel's "Unicode Text" (UTF-16) is read too.

            Formats (UTF-8 with or without BOM; comma, semicolon or tab; decimal point or comma):
              wide: one row per province: province or province_code, score, rank, and
                    optionally index, year, of, as_of, note, source_id, component.KEY.
                    Vietnamese headers work too: Tỉnh/Thành phố, Mã tỉnh, Điểm,
                    Xếp hạng, Năm, Chỉ số.
              long: index, year, province, metric, value (metric = score, rank or a
                    component key).
            A rank left empty is computed from the scores and marked as computed.

            Administrative-procedure files (the kind is told from the header, or given with --kind):
              statistics: period, province, unit_code, unit_name, level, procedure_code,
                    field, received_total, received_online, received_direct,
                    received_postal, resolved_total, resolved_on_time, resolved_late,
                    pending (or Tổng số hồ sơ tiếp nhận, Trực tuyến, Trực tiếp,
                    Bưu chính, Đã giải quyết, Đúng hạn, Trễ hạn, ...); for the service
                    index optionally synced, result_electronic, digitized,
                    reused_data, citizen_data, satisfied, rated, fee_required,
                    paid_online (counts; Đồng bộ, Kết quả điện tử, Số hóa, Hài lòng,
                    Đã đánh giá, Có phí, lệ phí, Thanh toán trực tuyến, ...).
              dossiers: one row a dossier: dossier_id, province_code, unit_code,
                    unit_name, procedure_code, field, received_at, channel,
                    online_level, due_at, resolved_at, status.
              catalogue: one row a procedure: procedure_code, full_online_eligible,
                    fee_required (or Mã TTHC, Đủ điều kiện toàn trình, Có phí, lệ phí).
            --max-errors N loads the good rows and writes each rejected row, with its reason, to a reject file; without it a file with any error loads nothing.

            A procedure catalogue gives full_online_eligible and fee_required to the dossier logs loaded after it, for the rows that do not state them (a value the row states wins); logs loaded before it are not recounted: `chiso sources --remove` them and load them again. A catalogue takes no --max-errors.

            Each file loads whole or not at all: every problem is listed as file:line:column and the database is left as it was. Loading the same file again changes nothing; a corrected file with the same name replaces the rows it brought.

            Examples:
              chiso ingest --db my.sqlite --index PCI --year 2023 pci-2023.csv
              chiso ingest --db my.sqlite --index PAPI --column score="Tổng" papi.csv
              chiso ingest --db my.sqlite dossiers-2023.csv
              chiso ingest --db my.sqlite --sheet "Hồ sơ" --date-order dmy ho-so-q1.xlsx
              chiso ingest --db my.sqlite --kind statistics --max-errors 100 mau-06a.csv
              chiso ingest --db my.sqlite danh-muc-tthc.csv dossiers-2024.csv
            """)

    @Argument(help: "CSV files to load, each in its own transaction.")
    var files: [String]

    @OptionGroup package var fileOptions: RankingFileOptions
    @OptionGroup package var adminOptions: AdministrativeFileOptions
    @OptionGroup package var store: StoreOptions

    func run() throws {
        let options = try fileOptions.make()
        // No file can be read: say why for each, and create no database.
        if !files.contains(where: { FileManager.default.isReadableFile(atPath: $0) }) {
            try IngestReport.eachFile(files, failed: "not loaded; the database holds the others unchanged") { file in _ = try Ingestor.readFile(file) }
        }
        let store = try store.open(creating: true)
        var ingestor = Ingestor(store: store, timestamp: Ingestor.timestamp())
        // CHISO_TIMING=1: the time of each phase of a dossier-log load, on stderr (Benchmarks/README.md).
        if ProcessInfo.processInfo.environment["CHISO_TIMING"] != nil {
            // With the peak resident memory so far (VmHWM), to see which phase raises it.
            ingestor.phaseLog = { phase in
                let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
                let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.map { " [peak " + $0.dropFirst(6).trimmingCharacters(in: .whitespaces) + "]" } ?? ""
                Terminal.printError("timing: " + phase + peak)
            }
        }
        try IngestReport.eachFile(files, failed: "not loaded; the database holds the others unchanged") { file in
            let display: ProgressDisplay? = Terminal.stderrIsTerminal ? ProgressDisplay(file: file) : nil
            var progress: (@Sendable (IngestProgress) -> Void)?
            if let display { progress = { display.update($0) } }
            let summary = try ingestor.ingest(path: file, kind: adminOptions.kind, rankingOptions: options,
                                              adminOptions: adminOptions.make(file: file, multipleFiles: files.count > 1),
                                              progress: progress)
            display?.finish()
            for diagnostic in summary.diagnostics { Terminal.printError(diagnostic.description) }
            Terminal.printError(IngestReport.line(summary))
        }
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check CSV files as ingest would, without writing anything.",
        discussion: """
            Runs every check of `chiso ingest` (against the database's existing rows too, when there is one) and reports file:line:column problems. Exit status 1 when any file has a problem.

            Example:
              chiso validate --index PCI --year 2023 pci-2023.csv
            """)

    @Argument(help: "CSV files to check.")
    var files: [String]

    @OptionGroup package var fileOptions: RankingFileOptions
    @Option(help: ArgumentHelp("What the files hold: rankings, statistics, dossiers or catalogue (default: told from the header).", valueName: "kind"))
    var kind: SourceFile.Kind?
    @OptionGroup package var store: StoreOptions

    func run() throws {
        let options = try fileOptions.make()
        let ingestor = Ingestor(store: try store.openWithoutCreating(), timestamp: Ingestor.timestamp())
        try IngestReport.eachFile(files, failed: "invalid") { file in
            Terminal.printError(IngestReport.line(try ingestor.ingest(path: file, kind: kind, rankingOptions: options, write: false)))
        }
    }
}

/// The summary lines `ingest` and `validate` print on stderr.
enum IngestReport {
    /// Runs `body` for each file, printing a failing file's errors and going on with the next; then
    /// throws "N of M files <failed>" when any failed.
    static func eachFile(_ files: [String], failed: String, _ body: (String) throws -> Void) throws {
        var failures = 0
        for file in files {
            do { try body(file) } catch {
                failures += 1
                Terminal.printError(Self.error(error))
            }
        }
        if failures > 0 {
            throw CLIError(message: "\(failures) of \(files.count) file\(files.count == 1 ? "" : "s") \(failed)")
        }
    }

    static func line(_ s: IngestSummary) -> String {
        var text: String
        switch s.outcome {
        case nil: text = "\(s.file): valid, \(Count.of(s.rows, s.kind.rowNoun))"
        case .loaded(let rows)? where s.kind != .rankings: text = "\(s.file): loaded \(Count.of(rows, s.kind.rowNoun))"
        case .loaded(let rows)?: text = "\(s.file): loaded \(Count.of(rows, "row"))"
        case .replaced(let rows, let previous)?: text = "\(s.file): loaded \(Count.of(rows, "row")), replacing the \(Count.of(previous.rowCount, "row")) of its earlier version (sha256 \(previous.sha256.prefix(12)), \(previous.ingestedAt))"
        case .unchanged(let previous)?: return "\(s.file): already loaded on \(previous.ingestedAt) (sha256 \(previous.sha256.prefix(12))); nothing changed"
        }
        if s.rejectedRows > 0, let reject = s.rejectFile {
            text += "; rejected \(s.rejectedRows) row\(s.rejectedRows == 1 ? "" : "s"), written with their reasons to \(reject)"
        }
        if !s.editions.isEmpty { text += " (\(s.editions.count <= 6 ? s.editions.joined(separator: ", ") : "\(s.editions.count) editions"))" }
        for note in s.notes { text += "\n\(s.file): note: \(note)" }
        if !s.ignoredColumns.isEmpty { text += "\n\(s.file): note: ignored columns \(s.ignoredColumns.joined(separator: ", ")); map them with --column FIELD=HEADER" }
        return text
    }

    static func error(_ error: any Error) -> String {
        switch error {
        case let e as IngestError: return e.description
        case let e as StoreError: return e.description
        default: return "error: \(error)"
        }
    }
}

/// Options of `ingest` for administrative-procedure files.
struct AdministrativeFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("What the files hold: rankings, statistics, dossiers or catalogue (default: told from the header).", valueName: "kind"))
    var kind: SourceFile.Kind?

    @Option(name: .customLong("max-errors"), help: ArgumentHelp(
        "Load the good rows and reject up to n bad ones to a reject file (default: any error loads nothing).", valueName: "n"))
    var maxErrors: Int?

    @Option(name: .customLong("reject-file"), help: ArgumentHelp(
        "Where --max-errors writes rejected rows (default: <file>.rejects.csv in the current folder).", valueName: "path"))
    var rejectFile: String?

    @Option(name: .customLong("date-order"), help: ArgumentHelp(
        "How dates written with slashes read (20/04/2024): dmy, mdy or ymd (default: told from the dates).", valueName: "order"))
    var dateOrder: DateOrder?

    func validate() throws {
        if let maxErrors, maxErrors < 0 { throw ValidationError("--max-errors must be 0 or more") }
        if rejectFile != nil && maxErrors == nil { throw ValidationError("--reject-file needs --max-errors (without it a file with errors loads nothing)") }
    }

    func make(file: String, multipleFiles: Bool) -> AdminIngestOptions {
        // One reject file per input when several files are loaded with one --reject-file name.
        let path = rejectFile.map { multipleFiles ? $0 + "." + URL(fileURLWithPath: file).lastPathComponent : $0 }
        return AdminIngestOptions(maxErrors: maxErrors, rejectFile: path, dateOrder: dateOrder)
    }
}

extension DateOrder: ExpressibleByArgument {}

extension SourceFile.Kind: ExpressibleByArgument {
    /// What a summary line counts: "rows", "dossiers".
    var rowNoun: String {
        switch self {
        case .rankings, .statistics: return "row"
        case .dossiers: return "dossier"
        case .catalogue: return "procedure"
        }
    }
}
