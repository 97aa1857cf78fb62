import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore
import Foundation

extension Ingestor {
    /// Loads a file of any kind: `kind` nil reads the header to tell rankings, aggregated statistics
    /// and dossier logs apart. `write: false` runs every check (against the store too) and writes
    /// nothing.
    public func ingest(path: String, displayName: String? = nil, kind: SourceFile.Kind? = nil,
                       rankingOptions: RankingIngestOptions = RankingIngestOptions(), adminOptions: AdminIngestOptions = AdminIngestOptions(),
                       write: Bool = true, progress: (@Sendable (IngestProgress) -> Void)? = nil) throws -> IngestSummary {
        let file = displayName ?? path
        var adminOptions = adminOptions
        if adminOptions.sheet == nil { adminOptions.sheet = rankingOptions.sheet }
        let opened = try Self.open(path: path, file: file, sheet: adminOptions.sheet)
        let chosen = kind ?? opened.kind
        if chosen != .rankings {
            // One set of column rules for every kind: --column maps statistics and dossier-log headers too.
            if !rankingOptions.columns.isEmpty { adminOptions.columns = rankingOptions.columns }
            let given = [("--index", rankingOptions.index != nil), ("--year", rankingOptions.year != nil), ("--of", rankingOptions.of != nil),
                         ("--as-of", rankingOptions.asOf != nil), ("--decimal", rankingOptions.decimal != nil)].filter(\.1).map(\.0)
            if chosen == .catalogue {
                if adminOptions.maxErrors != nil {
                    throw IngestError.invalid([Diagnostic(SourceLocation(file: file, line: 1, column: 1), .csv(
                        "--max-errors is not for a procedure catalogue, which loads whole or not at all; load it without --max-errors"))])
                }
            }
            if !given.isEmpty {
                let what = chosen == .statistics ? "an aggregated statistics file" : chosen == .catalogue ? "a procedure catalogue" : "a dossier log"
                throw IngestError.invalid(given.map { Diagnostic(SourceLocation(file: file, line: 1, column: 1), .optionNotForKind(option: $0, kind: what)) })
            }
        }
        // The parsers locate problems by row and column; in a workbook those are the sheet's.
        do {
            var summary: IngestSummary
            switch chosen {
            case .rankings:
                summary = try ingestRankings(bytes: Self.readFile(path), file: file, path: path, options: rankingOptions, write: write)
            case .statistics:
                summary = try ingestStatistics(path: path, file: file, options: adminOptions, write: write)
            case .dossiers:
                summary = try ingestDossiers(path: path, file: file, options: adminOptions, write: write, progress: progress)
            case .catalogue:
                summary = try ingestCatalogue(path: path, file: file, options: adminOptions, write: write)
            }
            summary.notes = opened.notes + summary.notes
            summary.diagnostics = summary.diagnostics.map { $0.inSheet(opened.sheet, of: file) }
            return summary
        } catch let error as IngestError {
            throw error.inSheet(opened.sheet, of: file)
        }
    }

    /// The order of day and month in the dossier log's written dates (`20/04/2024`), told from the
    /// dates themselves: nil when they are ISO; an error naming a cell when they are mixed or ambiguous.
    package static func detectDateOrder(path: String, file: String, options: AdminIngestOptions) throws -> DateOrder? {
        var reader: CSVReader
        do { reader = try CSVReader(path: path, displayName: file, hasHeader: true, options: options.readerOptions) } catch { throw DossierParser.csvFailure(error) }
        let header = reader.header ?? []
        let columns = ColumnMap<DossierField>.resolve(header: header, mappings: options.columns ?? [:], file: file, line: reader.headerLine ?? 1).columns
        let dateColumns = [columns[.receivedAt], columns[.dueAt], columns[.resolvedAt]].compactMap { $0 }
        guard !dateColumns.isEmpty else { return nil }
        var detector = DateOrderDetector()
        var lastColumn = dateColumns[0]
        var exampleColumn: Int?
        var observed = 0
        struct Done: Error {}
        do {
            try reader.forEachRecord { (r: borrowing CSVRecord) throws in
                for c in dateColumns where c < r.count && !r.isEmpty(c) {
                    detector.observe(r[c].trimmingCharacters(in: .whitespaces), line: r.line)
                    lastColumn = c
                    if exampleColumn == nil && detector.example != nil { exampleColumn = c }
                    observed += 1
                    // Decided, or ISO dates only so far: an export writes all its dates one way.
                    if detector.decided || (observed >= 256 && detector.example == nil) { throw Done() }
                }
            }
        } catch is Done {
        } catch let error as CSVError {
            throw DossierParser.csvFailure(error)
        }
        do {
            return try detector.resolve()
        } catch {
            // Ambiguous: where the first such date is; mixed: where the dates start to disagree.
            let column = { if case .ambiguous = error { return exampleColumn ?? lastColumn } else { return lastColumn } }()
            throw IngestError.invalid([Diagnostic(SourceLocation(file: file, line: error.line, column: column + 1), .csv(error.message))])
        }
    }

    /// What the file holds, from its header.
    public static func detectKind(path: String, file: String, sheet: String? = nil) throws -> SourceFile.Kind {
        try open(path: path, file: file, sheet: sheet).kind
    }

    /// The file's kind, its sheet (for a workbook) and what the reader noted about it.
    private static func open(path: String, file: String, sheet: String?) throws -> (kind: SourceFile.Kind, sheet: String?, notes: [String]) {
        do {
            let reader = try CSVReader(path: path, displayName: file, hasHeader: true, options: CSVReader.Options(sheet: sheet))
            return (SourceFile.Kind.detect(header: reader.header ?? []), reader.sheet, reader.notes)
        } catch {
            if case .unreadable = error.kind { _ = try readFile(path) }
            throw DossierParser.csvFailure(error)
        }
    }

    /// Reports the time of each phase of a dossier-log load to `Ingestor.phaseLog` (for the benchmark notes).
    package struct PhaseClock {
        package let log: (@Sendable (String) -> Void)?
        package var last = DispatchTime.now().uptimeNanoseconds
        package mutating func mark(_ phase: String) {
            guard let log else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            log("\(phase): \(NumberFormat.decimal(Double(now - last) / 1e6, places: 1, .en)) ms")
            last = now
        }
    }

    /// A load inside the store's write transaction, or with `write` false a dry run that changes
    /// nothing and takes no write lock (`chiso validate`): the same parse and the same checks either way.
    private func withLoad<T>(write: Bool, file: String, path: String, _ body: (AdministrativeTableWriter) throws -> T) throws -> T {
        write ? try store.withAdministrativeLoad(body) : try store.withAdministrativeDryRun(replacing: file, path: recordedPath(path), body)
    }

    /// Thrown inside the write transaction to roll it back without an error for the caller.
    private struct RollBack: Error {
        package var outcome: LoadOutcome?
        package var sha256: String
    }

    // MARK: - Dossier logs

    package func ingestDossiers(path: String, file: String, options: AdminIngestOptions, write: Bool,
                        progress: (@Sendable (IngestProgress) -> Void)?) throws -> IngestSummary {
        guard FileManager.default.isReadableFile(atPath: path) else { _ = try Self.readFile(path); throw IngestError.unreadable(path: path, reason: "cannot read") }
        var options = options
        if options.dateOrder == nil { options.dateOrder = try Self.detectDateOrder(path: path, file: file, options: options) }
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        // The same bytes read with other options are a reload; "nothing changed" needs both the same.
        let optionsJSON = String(decoding: try Self.encoder.encode(options), as: UTF8.self)
        let digest = FileDigest.start(path: path)
        let registry = self.registry
        let timestamp = self.timestamp
        var summary = IngestSummary(file: file, sha256: "", rows: 0, editions: [], ignoredColumns: [], outcome: nil, kind: .dossiers)
        var parserForRejects: DossierParser?
        var clock = PhaseClock(log: phaseLog)
        do {
            let outcome: LoadOutcome = try withLoad(write: write, file: fileName, path: path) { load in
                clock.mark("begin")
                let parser = DossierParser(path: path, file: file, options: options, registry: registry,
                                           dictionaries: try load.loadDictionaries(), progress: progress, spillWriter: spillWriter,
                                           rollupCellCap: rollupCellCap, spillGroupCells: spillGroupCells)
                parserForRejects = parser
                let knownDigests = try load.knownDigests(options: optionsJSON)
                let parsed = ThreadResult<Result<Void, IngestError>>()
                let thread = Thread { parsed.set(Result { () throws(IngestError) in try parser.run() }) }
                thread.name = "chiso-parse"
                thread.stackSize = 4 << 20
                thread.start()
                // New units, procedures and fields are written after the rows (see DictionaryAdditions).
                var additions = DictionaryAdditions()
                do {
                    while let batch = parser.channel.take() {
                        if additions.isLarge { try load.insertDictionaryAdditions(additions, final: false); additions = DictionaryAdditions() }
                        additions.add(batch)
                        try load.insertDossiers(batch)
                        parser.count(batch)
                        parser.spare.offer(batch)
                        // The same bytes loaded before: stop early, nothing will change.
                        if case .success(let sha)? = digest.current, knownDigests.contains(sha) { parser.channel.cancel() }
                    }
                } catch {
                    parser.channel.cancel()
                    _ = parsed.wait()
                    throw error
                }
                clock.mark("insert loop")
                try parsed.wait().get()
                // Repeated ids are looked for among the spilled hashes on another thread (no database)
                // while this one writes the dictionaries.
                let candidates = Self.repeatedHashes(parser)
                let sha: String
                do {
                    sha = try digest.wait().get()
                    clock.mark("digest")
                    if let previous = try load.existingSource(sha256: sha, options: optionsJSON) { throw RollBack(outcome: .unchanged(previous: previous), sha256: sha) }
                    try load.insertDictionaryAdditions(additions)
                    additions = DictionaryAdditions()
                    clock.mark("dictionaries")
                } catch {
                    _ = candidates?.wait()
                    throw error
                }
                if !parser.failed { try Self.resolveDuplicates(parser, load, repeated: try candidates?.wait().get()) }
                clock.mark("duplicates")
                summary.ignoredColumns = parser.ignoredColumns
                if parser.failed {
                    if let maxErrors = options.maxErrors, parser.diagnostics.rows > maxErrors {
                        throw IngestError.invalid(parser.diagnostics.listed(file: file)
                            + [Diagnostic(SourceLocation(file: file, line: 1, column: 1), .tooManyRejected(rejected: parser.diagnostics.rows, allowed: maxErrors))])
                    }
                    throw IngestError.invalid(parser.diagnostics.listed(file: file))
                }
                summary.rows = parser.rowsAccepted
                summary.sha256 = sha
                summary.diagnostics = parser.diagnostics.listed(file: file)
                let outcome = try load.recordSource(SourceFile(fileName: fileName, sha256: sha, kind: .dossiers, options: optionsJSON, path: recordedPath(path)),
                                                    rowCount: parser.rowsAccepted, ingestedAt: timestamp, checking: parser.forEachRollup)
                clock.mark("source")
                try Self.writeRollupsAndCohorts(parser, load)
                clock.mark("rollups (\(parser.cells.slots.count) cells in memory, \(parser.cells.spill?.written ?? 0) spilled) "
                           + "and service-index cohorts (\(parser.cells.service.cellsCounted) unit-months counted, \(parser.cells.service.spill?.written ?? 0) spilled)")
                // The spill files' pages (about 100 MB on a high-cardinality 1M-row log) are freed by
                // another thread while this one commits (it waits for the disk meanwhile).
                let spillsClosed = Thread { parser.discardSpills() }
                spillsClosed.name = "chiso-spills"
                spillsClosed.start()
                if !write { throw RollBack(outcome: nil, sha256: sha) }
                // The reject file whole on disk before the commit: if it cannot be, nothing loads.
                try parser.rejects?.close()
                return outcome
            }
            clock.mark("commit")
            summary.outcome = outcome
        } catch let rollBack as RollBack {
            summary.sha256 = rollBack.sha256
            summary.outcome = rollBack.outcome
            if rollBack.outcome != nil { summary.rows = 0; summary.diagnostics = []; parserForRejects?.rejects?.discard(); return summary }
        } catch {
            parserForRejects?.rejects?.discard()
            throw error
        }
        if let rejects = parserForRejects?.rejects {
            summary.rejectedRows = rejects.count
            summary.rejectFile = rejects.count > 0 ? rejects.path : nil
            if !write { rejects.discard(); summary.rejectFile = nil }
        }
        return summary
    }

    /// Writes a parsed log's rollups, then its service-index cohorts. Two threads make the rows ready
    /// (read the spilled cells back and sum them, sort, pack the JSON) while this one, the
    /// database's, only inserts them: the work after the parse, alone on one core before, takes both.
    /// Bounded memory: each thread waits while a chunk it made (about 256 KiB) waits to be written.
    private static func writeRollupsAndCohorts(_ parser: DossierParser, _ load: AdministrativeTableWriter) throws {
        let rollups = BatchChannel<PreparedRollups>(capacity: 1)
        let cohorts = BatchChannel<PreparedCohorts>(capacity: 4)
        let withFlags = parser.cells.service.hasFlags
        let rollupsMade = producer("chiso-rollups", rollups) { channel in
            var preparer = RollupPreparer()
            try parser.forEachRollup { record in
                preparer.add(record)
                if preparer.isFull, !channel.put(preparer.take()) { throw CancellationError() }
            }
            _ = channel.put(preparer.finish())
        }
        let cohortsMade = producer("chiso-cohorts", cohorts) { channel in
            var preparer = CohortPreparer(withFlags: withFlags)
            try parser.forEachServiceCohort { cohort in
                preparer.add(cohort)
                if preparer.isFull, !channel.put(preparer.take()) { throw CancellationError() }
            }
            _ = channel.put(preparer.take())
        }
        do {
            while let prepared = rollups.take() { try load.insertRollups(prepared) }
            try rollupsMade.wait().get()
            while let prepared = cohorts.take() { try load.insertServiceCohorts(prepared) }
            try cohortsMade.wait().get()
        } catch {
            // Both threads stopped before the parser's state they read goes away.
            rollups.cancel(); cohorts.cancel()
            _ = rollupsMade.wait(); _ = cohortsMade.wait()
            throw error
        }
    }

    /// Runs `produce` on a thread of its own; the channel is closed when it returns or throws.
    private static func producer<T: Sendable>(_ name: String, _ channel: BatchChannel<T>,
                                              _ produce: @escaping @Sendable (BatchChannel<T>) throws -> Void) -> ThreadResult<Result<Void, any Error>> {
        let done = ThreadResult<Result<Void, any Error>>()
        let thread = Thread {
            defer { channel.close() }
            done.set(Result { try produce(channel) })
        }
        thread.name = name
        thread.stackSize = 4 << 20
        thread.start()
        return done
    }

    /// The groups of lines whose id hashes repeat, found on a thread of its own; nil when the parser
    /// kept no spill (the store then checks by SQL).
    private static func repeatedHashes(_ parser: DossierParser) -> ThreadResult<Result<[[Int]], IngestError>>? {
        guard parser.spill != nil, !parser.failed else { return nil }
        let found = ThreadResult<Result<[[Int]], IngestError>>()
        // The spill is the parser's, and nothing else reads or writes it until this thread is done.
        let thread = Thread { found.set(Result { () throws(IngestError) in try parser.spill!.repeatedHashes() }) }
        thread.name = "chiso-duplicates"
        thread.start()
        return found
    }

    /// Finds dossier ids seen on more than one line: lines whose id hashes repeat (`repeated`, from the
    /// spill; nil: by SQL), confirmed by their ids in the table. Without `--max-errors` a duplicate
    /// refuses the file; with it, every row after the first is taken back out (table, rollups) and
    /// written to the reject file.
    private static func resolveDuplicates(_ parser: DossierParser, _ load: AdministrativeTableWriter, repeated: [[Int]]?) throws {
        var duplicates: [(line: Int, id: String, firstLine: Int)] = []
        if let groups = repeated {
            guard !groups.isEmpty else { return }
            let ids = Dictionary(uniqueKeysWithValues: try load.dossierIDs(lines: groups.flatMap { $0 }))
            for lines in groups {
                var first: [String: Int] = [:]
                for line in lines {
                    guard let id = ids[line] else { continue }
                    if let f = first[id] { duplicates.append((line, id, f)) } else { first[id] = line }
                }
            }
        } else {
            for d in try load.duplicateDossierLines() {
                for line in d.lines.dropFirst() { duplicates.append((line, d.id, d.lines[0])) }
            }
        }
        guard !duplicates.isEmpty else { return }
        duplicates.sort { $0.line < $1.line }
        let column = (parser.header.firstIndex { DossierField.dossierID.aliases.contains(HeaderKey.normalize($0)) } ?? 0) + 1
        // The rejected rows' cells and values, read again from the file (duplicates are rare).
        let rows = parser.options.maxErrors != nil ? try parser.reread(lines: Set(duplicates.map(\.line))) : [:]
        for d in duplicates {
            let diagnostic = Diagnostic(SourceLocation(file: parser.file, line: d.line, column: column), .duplicateDossier(id: d.id, firstLine: d.firstLine))
            if parser.options.maxErrors != nil, let row = rows[d.line] {
                try parser.rejectDuplicate(row, diagnostic)
                try load.deleteDossier(line: d.line)
            } else {
                parser.fail(diagnostic)
            }
        }
    }

    // MARK: - Procedure catalogues

    /// Loads a procedure catalogue. Dossier logs loaded afterwards take its `full_online_eligible`
    /// and `fee_required` for rows that do not state them; logs already loaded keep their counts,
    /// and the summary names them with how to count them again.
    package func ingestCatalogue(path: String, file: String, options: AdminIngestOptions, write: Bool) throws -> IngestSummary {
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        let sha = try FileDigest.sha256(path: path)
        var summary = IngestSummary(file: file, sha256: sha, rows: 0, editions: [], ignoredColumns: [], outcome: nil, kind: .catalogue)
        let optionsJSON = String(decoding: try Self.encoder.encode(options), as: UTF8.self)
        if let previous = try store.fetchSource(sha256: sha, options: optionsJSON) {
            summary.outcome = .unchanged(previous: previous)
            return summary
        }
        let catalogue = try ProcedureCatalogueParser.read(path: path, file: file, options: options)
        summary.rows = catalogue.entries.count
        summary.ignoredColumns = catalogue.ignoredColumns
        let timestamp = self.timestamp
        do {
            summary.outcome = try withLoad(write: write, file: fileName, path: path) { load in
                let outcome = try load.finish(source: SourceFile(fileName: fileName, sha256: sha, kind: .catalogue, options: optionsJSON, path: recordedPath(path)),
                                              rowCount: catalogue.entries.count, ingestedAt: timestamp, rollups: { _ in })
                try load.insertCatalogue(catalogue.entries, file: file)
                let logs = try load.dossierLogs(withProcedures: catalogue.entries.map(\.code))
                if !logs.isEmpty {
                    let shown = logs.prefix(5).joined(separator: ", ") + (logs.count > 5 ? " and \(logs.count - 5) more" : "")
                    summary.notes.append("the dossier log\(logs.count == 1 ? "" : "s") \(shown), loaded before, "
                        + "\(logs.count == 1 ? "was" : "were") counted without this catalogue and \(logs.count == 1 ? "is" : "are") not recounted: "
                        + "the catalogue applies to logs loaded after it; to apply it, `chiso sources --remove` each log and load it again")
                }
                if !write { throw RollBack(outcome: nil, sha256: sha) }
                return outcome
            }
        } catch is RollBack {}
        return summary
    }

    // MARK: - Aggregated statistics

    package func ingestStatistics(path: String, file: String, options: AdminIngestOptions, write: Bool) throws -> IngestSummary {
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        let sha = try FileDigest.sha256(path: path)
        var summary = IngestSummary(file: file, sha256: sha, rows: 0, editions: [], ignoredColumns: [], outcome: nil, kind: .statistics)
        let optionsJSON = String(decoding: try Self.encoder.encode(options), as: UTF8.self)
        if let previous = try store.fetchSource(sha256: sha, options: optionsJSON) {
            summary.outcome = .unchanged(previous: previous)
            return summary
        }
        let registry = self.registry
        let timestamp = self.timestamp
        var parserForRejects: StatisticsParser?
        do {
            let outcome: LoadOutcome = try withLoad(write: write, file: fileName, path: path) { load in
                let parser = try StatisticsParser(path: path, file: file, options: options, registry: registry, load: load, spillWriter: spillWriter)
                parserForRejects = parser
                try parser.run()
                summary.ignoredColumns = parser.ignoredColumns
                if parser.failed {
                    if let maxErrors = options.maxErrors, parser.diagnostics.rows > maxErrors {
                        throw IngestError.invalid(parser.listedDiagnostics()
                            + [Diagnostic(SourceLocation(file: file, line: 1, column: 1), .tooManyRejected(rejected: parser.diagnostics.rows, allowed: maxErrors))])
                    }
                    throw IngestError.invalid(parser.listedDiagnostics())
                }
                summary.rows = parser.rowsAccepted
                summary.notes = parser.notes
                summary.diagnostics = parser.listedDiagnostics()
                let outcome = try load.finish(source: SourceFile(fileName: fileName, sha256: sha, kind: .statistics, options: optionsJSON, path: recordedPath(path)),
                                              rowCount: parser.rowsAccepted, ingestedAt: timestamp, rollups: parser.forEachRecord)
                if !write { throw RollBack(outcome: nil, sha256: sha) }
                // The reject file whole on disk before the commit: if it cannot be, nothing loads.
                try parser.finishRejects(success: true)
                return outcome
            }
            summary.outcome = outcome
        } catch is RollBack {
            // A dry run: the rows that would be rejected are counted, the file is not kept.
            summary.rejectedRows = parserForRejects?.rejectedCount ?? 0
            try? parserForRejects?.finishRejects(success: false)
            return summary
        } catch {
            try? parserForRejects?.finishRejects(success: false)
            throw error
        }
        if let parser = parserForRejects {
            summary.rejectedRows = parser.rejectedCount
            summary.rejectFile = parser.rejectedCount > 0 ? parser.rejectPath : nil
        }
        return summary
    }
}

