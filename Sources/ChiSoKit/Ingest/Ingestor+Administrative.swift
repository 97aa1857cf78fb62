import Foundation
import GRDB

extension Ingestor {
    /// Loads a file of any kind: `kind` nil reads the header to tell rankings, aggregated statistics
    /// and dossier logs apart. `write: false` runs every check (against the store too) and writes
    /// nothing.
    public func ingest(path: String, displayName: String? = nil, kind: SourceFile.Kind? = nil,
                       rankingOptions: RankingIngestOptions = RankingIngestOptions(), adminOptions: AdminIngestOptions = AdminIngestOptions(),
                       write: Bool = true, progress: (@Sendable (IngestProgress) -> Void)? = nil) throws -> IngestSummary {
        let file = displayName ?? path
        let chosen = try kind ?? Self.detectKind(path: path, file: file)
        switch chosen {
        case .rankings:
            return try ingestRankings(bytes: Self.readFile(path), file: file, options: rankingOptions, write: write)
        case .statistics:
            return try ingestStatistics(path: path, file: file, options: adminOptions, write: write)
        case .dossiers:
            return try ingestDossiers(path: path, file: file, options: adminOptions, write: write, progress: progress)
        }
    }

    /// What the file holds, from its header.
    public static func detectKind(path: String, file: String) throws -> SourceFile.Kind {
        do {
            let reader = try CSVReader(path: path, displayName: file, hasHeader: true)
            return SourceFile.Kind.detect(header: reader.header ?? [])
        } catch {
            if case .unreadable = error.kind { _ = try readFile(path) }
            throw DossierParser.csvFailure(error)
        }
    }

    /// Phase times on stderr when `CHISO_TIMING` is set (for the benchmark notes).
    struct PhaseClock {
        let enabled = ProcessInfo.processInfo.environment["CHISO_TIMING"] != nil
        var last = DispatchTime.now().uptimeNanoseconds
        mutating func mark(_ phase: String) {
            guard enabled else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            FileHandle.standardError.write(Data("timing: \(phase) \(Double(now - last) / 1e6) ms\n".utf8))
            last = now
        }
    }

    /// Thrown inside the write transaction to roll it back without an error for the caller.
    private struct RollBack: Error {
        var outcome: LoadOutcome?
        var sha256: String
    }

    // MARK: - Dossier logs

    func ingestDossiers(path: String, file: String, options: AdminIngestOptions, write: Bool,
                        progress: (@Sendable (IngestProgress) -> Void)?) throws -> IngestSummary {
        guard FileManager.default.isReadableFile(atPath: path) else { _ = try Self.readFile(path); throw IngestError.unreadable(path: path, reason: "cannot read") }
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        let digest = FileDigest.start(path: path)
        let registry = self.registry
        let timestamp = self.timestamp
        var summary = IngestSummary(file: file, sha256: "", rows: 0, editions: [], ignoredColumns: [], outcome: nil, kind: .dossiers)
        var parserForRejects: DossierParser?
        var clock = PhaseClock()
        do {
            let outcome: LoadOutcome = try store.write { db in
                clock.mark("begin")
                let load = try AdminLoad(db: db)
                let parser = DossierParser(path: path, file: file, options: options, registry: registry,
                                           dictionaries: try load.loadDictionaries(), progress: progress)
                parserForRejects = parser
                let knownDigests = Set(try String.fetchAll(db, sql: "SELECT sha256 FROM source"))
                let parsed = Handoff<Result<Void, IngestError>>()
                let thread = Thread { parsed.set(Result { () throws(IngestError) in try parser.run() }) }
                thread.name = "chiso-parse"
                thread.stackSize = 4 << 20
                thread.start()
                do {
                    while let batch = parser.channel.take() {
                        for unit in batch.newUnits { try load.insertUnit(unit) }
                        for p in batch.newProcedures { try load.insertProcedure(id: p.id, code: p.code) }
                        for f in batch.newFields { try load.insertField(id: f.id, name: f.name) }
                        try load.insertDossiers(batch)
                        _ = parser.spare.put(batch)
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
                let sha = try digest.wait().get()
                clock.mark("digest")
                if let previous = try load.existingSource(sha256: sha) { throw RollBack(outcome: .unchanged(previous: previous), sha256: sha) }
                if !parser.failed { try Self.resolveDuplicates(parser, load) }
                clock.mark("duplicates (\(parser.candidates.count) candidates)")
                summary.ignoredColumns = parser.ignoredColumns
                if parser.failed {
                    if let maxErrors = options.maxErrors, parser.diagnostics.total > maxErrors {
                        throw IngestError.invalid(parser.diagnostics.listed(file: file)
                            + [Diagnostic(SourceLocation(file: file, line: 1, column: 1), .tooManyRejected(rejected: parser.diagnostics.total, allowed: maxErrors))])
                    }
                    throw IngestError.invalid(parser.diagnostics.listed(file: file))
                }
                summary.rows = parser.rowsAccepted
                summary.sha256 = sha
                summary.diagnostics = parser.diagnostics.listed(file: file)
                let optionsJSON = String(decoding: try Self.encoder.encode(options), as: UTF8.self)
                let outcome = try load.finish(source: SourceFile(fileName: fileName, sha256: sha, kind: .dossiers, options: optionsJSON),
                                              rowCount: parser.rowsAccepted, ingestedAt: timestamp, rollups: parser.forEachRollup)
                clock.mark("rollups (\(parser.state.cells.slots.count) cells)")
                if !write { throw RollBack(outcome: nil, sha256: sha) }
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
            rejects.close()
            summary.rejectedRows = rejects.count
            summary.rejectFile = rejects.count > 0 ? rejects.path : nil
            if !write { rejects.discard(); summary.rejectFile = nil }
        }
        return summary
    }

    /// Confirms the Bloom filter's candidates against the rows written: an id seen on two lines is a
    /// duplicate. Without `--max-errors` that refuses the file; with it, every row after the first
    /// is taken back out (table, rollups) and written to the reject file.
    private static func resolveDuplicates(_ parser: DossierParser, _ load: AdminLoad) throws {
        var duplicates: [(line: Int, id: String, firstLine: Int)] = []
        if parser.exhaustiveDuplicateCheck {
            for d in try load.duplicateDossierLines() {
                for line in d.lines.dropFirst() { duplicates.append((line, d.id, d.lines[0])) }
            }
        } else if parser.candidates.count > 0 {
            let candidates = parser.candidates
            let ids = (0..<candidates.count).map { candidates.string(Int32($0)) }
            // The first line of each candidate id: lines whose hash matches a candidate's, read back
            // from the spill, then their ids from the table (a few point lookups).
            var firstLine: [String: Int] = [:]
            if let spill = parser.spill {
                var hashes: [UInt32: [String]] = [:]
                for id in ids {
                    var bytes = Array(id.utf8)
                    let h = bytes.withUnsafeMutableBytes { UInt32(truncatingIfNeeded: ByteHash.hash($0.baseAddress!, $0.count)) }
                    hashes[h, default: []].append(id)
                }
                var lines: [Int] = []
                spill.forEach { hash, line in if hashes[hash] != nil { lines.append(Int(line)) } }
                let wanted = Set(ids)
                for (line, id) in try load.dossierIDs(lines: lines) where firstLine[id] == nil && wanted.contains(id) { firstLine[id] = line }
            } else {
                for (line, id) in try load.dossierLines(withIDs: ids) where firstLine[id] == nil { firstLine[id] = line }
            }
            for (slot, line) in parser.candidateLines {
                let id = ids[Int(slot)]
                guard let first = firstLine[id], Int(line) > first else { continue }
                duplicates.append((Int(line), id, first))
            }
        }
        guard !duplicates.isEmpty else { return }
        duplicates.sort { $0.line < $1.line }
        let column = (parser.header.firstIndex { DossierField.dossierID.aliases.contains(HeaderKey.normalize($0)) } ?? 0) + 1
        var stashed = parser.stashed
        if parser.options.maxErrors != nil && parser.exhaustiveDuplicateCheck {
            // Too many candidates were seen to keep their rows: read the duplicates back from the file.
            for (line, row) in try parser.reread(lines: Set(duplicates.map(\.line))) { stashed[line] = row }
        }
        for d in duplicates {
            let diagnostic = Diagnostic(SourceLocation(file: parser.file, line: d.line, column: column), .duplicateDossier(id: d.id, firstLine: d.firstLine))
            if parser.options.maxErrors != nil, let row = stashed[d.line] {
                try parser.rejectDuplicate(row, diagnostic)
                try load.deleteDossier(line: d.line)
            } else {
                parser.fail(diagnostic)
            }
        }
    }

    // MARK: - Aggregated statistics

    func ingestStatistics(path: String, file: String, options: AdminIngestOptions, write: Bool) throws -> IngestSummary {
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        let sha = try FileDigest.sha256(path: path)
        var summary = IngestSummary(file: file, sha256: sha, rows: 0, editions: [], ignoredColumns: [], outcome: nil, kind: .statistics)
        if let previous = try store.fetchSource(sha256: sha) {
            summary.outcome = .unchanged(previous: previous)
            return summary
        }
        let registry = self.registry
        let timestamp = self.timestamp
        var parserForRejects: StatisticsParser?
        do {
            let outcome: LoadOutcome = try store.write { db in
                let load = try AdminLoad(db: db)
                let parser = try StatisticsParser(path: path, file: file, options: options, registry: registry, load: load)
                parserForRejects = parser
                try parser.run()
                summary.ignoredColumns = parser.ignoredColumns
                if parser.failed {
                    if let maxErrors = options.maxErrors, parser.diagnostics.total > maxErrors {
                        throw IngestError.invalid(parser.listedDiagnostics()
                            + [Diagnostic(SourceLocation(file: file, line: 1, column: 1), .tooManyRejected(rejected: parser.diagnostics.total, allowed: maxErrors))])
                    }
                    throw IngestError.invalid(parser.listedDiagnostics())
                }
                summary.rows = parser.rowsAccepted
                summary.diagnostics = parser.listedDiagnostics()
                let optionsJSON = String(decoding: try Self.encoder.encode(options), as: UTF8.self)
                let outcome = try load.finish(source: SourceFile(fileName: fileName, sha256: sha, kind: .statistics, options: optionsJSON),
                                              rowCount: parser.rowsAccepted, ingestedAt: timestamp, rollups: { body in try parser.records().forEach(body) })
                if !write { throw RollBack(outcome: nil, sha256: sha) }
                return outcome
            }
            summary.outcome = outcome
        } catch is RollBack {
        } catch {
            parserForRejects?.finishRejects(success: false)
            throw error
        }
        if let parser = parserForRejects {
            parser.finishRejects(success: write)
            summary.rejectedRows = parser.rejectedCount
            summary.rejectFile = write && parser.rejectedCount > 0 ? parser.rejectPath : nil
        }
        return summary
    }
}

