import ChiSoCore
import ChiSoCSV
import Foundation

/// Reads a dossier log (one row a dossier) into compact batches and rollup counts.
///
/// Runs on its own thread while the store writes the batches on another, so parsing and SQLite
/// share the two cores; the writing thread also counts each batch into the rollups (`count(_:)`).
/// Memory stays flat: a few batches in flight, the dictionaries (units, procedures, fields), the
/// rollup cells (bounded by units × years, not by rows); the duplicate check's id hashes go to
/// temporary files (`IDHashSpill`).
package final class DossierParser: @unchecked Sendable {
    package static let batchRows = 4096

    package let path: String
    package let file: String
    package let options: AdminIngestOptions
    package let registry: ProvinceRegistry
    package let progress: (@Sendable (IngestProgress) -> Void)?
    package let totalBytes: Int

    /// Batches to write; emptied batches come back through `spare` so their storage is reused.
    package let channel = BatchChannel<DossierBatch>(capacity: 3)
    package let spare = BatchChannel<DossierBatch>(capacity: 4)

    /// The state of the pass over the file; read the results here once `run()` has returned.
    package private(set) var state: DossierLogScan

    /// The rollup and service-index cells, counted from the batches by the thread that takes them
    /// (`count(_:)`), not by the parsing thread. Moved there when the parse was the longer side; both
    /// cores are now busy through the loop (on the 1M-row realistic log the writer 1.4 s of CPU, the parse
    /// 0.9 s, SHA-256 and the kernel the rest), and counting part of the cells on the parsing thread,
    /// or on whichever thread would otherwise wait, gained nothing measurable. Read once `run()` has
    /// returned and the last batch was counted.
    package private(set) var cells = DossierRollupCells()

    package init(path: String, file: String, options: AdminIngestOptions, registry: ProvinceRegistry, dictionaries: AdminDictionaries,
         progress: (@Sendable (IngestProgress) -> Void)?, spillWriter: IDHashSpill.Writer? = nil, rollupCellCap: Int?? = nil,
         spillGroupCells: Int? = nil) {
        self.path = path; self.file = file; self.options = options; self.registry = registry; self.progress = progress
        totalBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        // Rows are about 200 bytes in the exports seen; 100 errs towards more, smaller partitions.
        state = DossierLogScan(file: file, options: options, registry: registry, dictionaries: dictionaries, rejectPath: options.rejectPath(for: path),
                            expectedRows: totalBytes / 100, spillWriter: spillWriter)
        if let rollupCellCap { cells.cap = rollupCellCap; cells.service.cap = rollupCellCap }
        if let spillGroupCells { cells.groupCells = spillGroupCells; cells.service.groupCells = spillGroupCells }
        cells.spillWriter = spillWriter
        cells.service.spillWriter = spillWriter
    }

    package var failed: Bool { state.failed }
    package var diagnostics: DiagnosticList { state.diagnostics }
    package var rowsAccepted: Int { state.rowsAccepted }
    package var header: [String] { state.header }
    package var ignoredColumns: [String] { state.ignoredColumns }
    package var rejects: RejectWriter? { state.rejects }
    package var spill: IDHashSpill? { state.spill }

    /// The dossier log's columns; a required one missing or an ambiguous header is an error.
    package static func columns(header: [String], file: String, line: Int, mappings: [String: String]) throws(IngestError) -> ColumnMap<DossierField> {
        let (columns, problems) = ColumnMap<DossierField>.resolve(header: header, mappings: mappings, file: file, line: line)
        let missing = columns.missing([[.dossierID], [.provinceCode, .province], [.unitCode], [.procedureCode], [.receivedAt], [.channel], [.dueAt], [.resolvedAt]],
                                      file: file, line: line) { field in "name it \"\(field.rawValue)\" (the README lists the Vietnamese headers too) or map it with --column \(field.rawValue)=\"HEADER\"" }
        if !(problems + missing).isEmpty { throw .invalid(problems + missing) }
        return columns
    }

    /// A duplicate row read again: its cells for the reject file and its values to take back out
    /// of the rollups.
    package struct StashedRow {
        package var fields: [String]
        package var row: DossierValues
    }

    private struct Stop: Error {}

    /// Parses the whole file, sending batches down `channel`; closes it at the end.
    package func run() throws(IngestError) {
        defer { channel.close() }
        var reader: CSVReader
        do {
            // 256 KiB reads: as fast as larger ones here, and a smaller buffer in memory.
            reader = try CSVReader(path: path, displayName: file, hasHeader: true, options: CSVReader.Options(chunkSize: 256 << 10, sheet: options.sheet))
        } catch {
            throw Self.csvFailure(error)
        }
        let header = reader.header ?? []
        let columns = try Self.columns(header: header, file: file, line: reader.headerLine ?? 1, mappings: options.columns ?? [:])
        // The pass works on a local copy (statically checked exclusive access on the hot path),
        // moved back when done.
        var pass = DossierLogScan()
        swap(&pass, &state)
        defer { swap(&pass, &state) }
        pass.header = header
        pass.ignoredColumns = columns.ignored
        let c = DossierLogScan.Columns(columns)
        pass.columns = c
        // Before the first batch is sent: the thread that counts reads it only after taking one.
        cells.service.flagsPossible = !c.flags.isEmpty || !pass.catalogue.isEmpty
        pass.rejectFormat = RejectWriter.Format.of(path: path, delimiter: reader.dialect.delimiter)
        let output = DossierLogScan.Output(channel: channel, spare: spare, progress: progress, totalBytes: totalBytes)
        do {
            try reader.forEachRecord { (record: borrowing CSVRecord) throws in
                pass.handle(record, c, output)
                // `failed` first: calling the getter on the captured struct copies the whole scan
                // (its dictionaries retained and released), which cost ~15% of the parse per row.
                if pass.cancelled || (pass.failed && pass.stopRequested) { throw Stop() }
                // A writer that gave up is noticed within a few thousand rows, even while no batch is sent.
                if record.line & 4095 == 0 && output.channel.isCancelled { throw Stop() }
            }
        } catch let error as CSVError {
            pass.diagnostics.add(Diagnostic(error.location, .csv(error.message)))
            pass.failed = true
        } catch {
            // Stop: enough errors to show, too many rejected rows, or the writer gave up.
        }
        // A reject file that cannot be written stops the ingest: its rows would be lost.
        if let writeError = pass.writeError { throw writeError }
        if pass.sending && pass.batch.count > 0 { pass.send(output) }
        progress?(IngestProgress(rows: pass.rowsAccepted, bytes: totalBytes, totalBytes: totalBytes))
    }

    package static func csvFailure(_ error: CSVError) -> IngestError {
        if case .unreadable(let reason) = error.kind { return .unreadable(path: error.location.file, reason: reason) }
        return .invalid([Diagnostic(error.location, .csv(error.message))])
    }

    package func province(_ index: Int32) -> Province { state.provinces.province(index) }

    /// Calls `body` with every rollup record, grouped by province (the order of the store's index).
    /// Closes every spill file (nothing can be read from them after): the duplicate-id hashes, the
    /// rollup cells, the cohorts.
    package func discardSpills() {
        spill?.discard()
        cells.spill?.discard()
        cells.service.spill?.discard()
    }

    package func forEachRollup(_ body: (RollupRecord) throws -> Void) throws { try cells.forEachRecord(state, body) }

    /// Counts a batch's rows into the rollup and service-index cells. Call from one thread, the one
    /// that takes the batches, with every batch, in order.
    package func count(_ batch: borrowing DossierBatch) {
        batch.values.withUnsafeBufferPointer { values in
            for v in values { cells.count(v, sign: 1) }
        }
    }

    /// Calls `body` with every unit's service-index cohorts of a year (`ServiceCells.forEachCohort`).
    package func forEachServiceCohort(_ body: (borrowing ServiceCells.Cohort) throws -> Void) throws {
        try cells.service.forEachCohort(unit: { u in
            let unit = state.units[Int(u)]
            return (unit.dbID, state.provinces.province(unit.provinceIndex).id, unit.provinceIndex)
        }, body)
    }

    // MARK: - After parsing

    /// Records a whole-file error found after parsing (a duplicate id).
    package func fail(_ diagnostic: Diagnostic) {
        state.diagnostics.add(diagnostic)
        state.failed = true
    }

    /// Takes a duplicate row back out of the rollups and writes it to the reject file.
    package func rejectDuplicate(_ row: StashedRow, _ diagnostic: Diagnostic) throws {
        state.diagnostics.add(diagnostic)
        if state.rejects == nil { state.rejects = RejectWriter(path: state.rejectPath, header: state.header, format: state.rejectFormat) }
        try state.rejects!.write(fields: row.fields, reason: diagnostic)
        cells.count(row.row, sign: -1)
        state.rowsAccepted -= 1
        if let maxErrors = options.maxErrors, state.diagnostics.rows > maxErrors { state.failed = true }
    }

    /// The cells and values of some accepted lines, read again from the file (when there were too
    /// many duplicate candidates to keep their rows in memory).
    package func reread(lines: Set<Int>) throws -> [Int: StashedRow] {
        var found: [Int: StashedRow] = [:]
        var reader = try CSVReader(path: path, displayName: file, hasHeader: true, options: options.readerOptions)
        let c = DossierLogScan.Columns(try Self.columns(header: reader.header ?? [], file: file, line: reader.headerLine ?? 1, mappings: options.columns ?? [:]))
        var pass = DossierLogScan()
        swap(&pass, &state)
        defer { swap(&pass, &state) }
        try reader.forEachRecord { (r: borrowing CSVRecord) in
            guard lines.contains(r.line), let values = pass.lookUp(r, c) else { return }
            found[r.line] = StashedRow(fields: r.strings, row: values)
        }
        return found
    }
}

/// The mutable state of one pass over a dossier log.
package struct DossierLogScan {
    /// Where finished batches go.
    package struct Output {
        package let channel: BatchChannel<DossierBatch>
        package let spare: BatchChannel<DossierBatch>
        package let progress: (@Sendable (IngestProgress) -> Void)?
        package let totalBytes: Int
    }

    /// Column positions, unwrapped once.
    package struct Columns {
        package var count: Int
        package var dossierID: Int, provinceCode: Int?, province: Int?, unitCode: Int, unitName: Int?, level: Int?
        package var procedureCode: Int, field: Int?, receivedAt: Int, channel: Int, onlineLevel: Int?, dueAt: Int, resolvedAt: Int, status: Int?

        package init(_ c: ColumnMap<DossierField>) {
            count = c.header.count
            dossierID = c[.dossierID] ?? 0; provinceCode = c[.provinceCode]; province = c[.province]; unitCode = c[.unitCode] ?? 0
            unitName = c[.unitName]; level = c[.level]; procedureCode = c[.procedureCode] ?? 0; field = c[.field]
            receivedAt = c[.receivedAt] ?? 0; channel = c[.channel] ?? 0; onlineLevel = c[.onlineLevel]; dueAt = c[.dueAt] ?? 0
            resolvedAt = c[.resolvedAt] ?? 0; status = c[.status]
            flags = Self.flagColumns(c)
        }
        /// The optional yes/no columns present (service index).
        package var flags: [(flag: ServiceFlag, column: Int)] = []
    }


    // Configuration
    package var file = ""
    package var options = AdminIngestOptions()
    package var rejectPath = ""
    package var registry = ProvinceRegistry.standard
    package var header: [String] = []
    package var ignoredColumns: [String] = []
    /// The columns, for the report of a refused row's other bad cells (off the hot path).
    package var columns: Columns?
    /// The input's delimiter, line ending and BOM, which the reject file keeps.
    package var rejectFormat = RejectWriter.Format()

    // Results
    package var diagnostics = DiagnosticList()
    package var rejects: RejectWriter?
    package var rowsAccepted = 0
    /// The whole file must be refused (default mode with any error, or too many rejects).
    package var failed = false
    package var sending = true
    /// The writer stopped taking batches (it found the file already loaded, or failed).
    package var cancelled = false
    /// The reject file could not be written.
    package var writeError: IngestError?

    // Dictionaries
    package var provinces = ProvinceLookup(registry: .standard)
    package var unitKeys = ByteInterner(capacity: 16)
    package var units: [LoadedUnit] = []
    /// Procedure codes; at most 4M (the packed rollup keys hold 22 bits).
    package var procedureCodes = NameDictionary(existing: [], capacity: 16)
    /// Field names; at most 65,534 (16 bits, 0 meaning none).
    package var fieldNames = NameDictionary(existing: [], capacity: 16)
    package var nextUnitID: Int64 = 1
    package var unitNames: [UInt8] = []
    /// Per procedure index, the packed flags the loaded catalogues state (`full_online_eligible`,
    /// `fee_required`), taken for rows that leave them absent or empty; procedures past the end
    /// (new to the database) have none.
    package var catalogue: [UInt32] = []

    // Duplicates
    /// (hash of the dossier id, line) of every accepted row; nil: the store checks by SQL.
    package var spill: IDHashSpill?

    package var batch = DossierBatch(capacity: 0)
    package var bytesSeen = 0

    package init() {}

    package init(file: String, options: AdminIngestOptions, registry: ProvinceRegistry, dictionaries: AdminDictionaries, rejectPath: String, expectedRows: Int,
                 spillWriter: IDHashSpill.Writer? = nil) {
        self.file = file; self.options = options; self.registry = registry; self.rejectPath = rejectPath
        provinces = ProvinceLookup(registry: registry)
        unitKeys = ByteInterner(capacity: max(16384, dictionaries.units.count * 2))
        spill = spillWriter.map { IDHashSpill(expectedRows: expectedRows, writer: $0) } ?? IDHashSpill(expectedRows: expectedRows)
        batch = DossierBatch(capacity: DossierParser.batchRows)
        nextUnitID = (dictionaries.units.map(\.id).max() ?? 0) + 1
        procedureCodes = NameDictionary(existing: dictionaries.procedures.map { ($0.id, $0.code) }, capacity: 1024, limit: DossierRollupKey.maxProcedureIndex + 1)
        fieldNames = NameDictionary(existing: dictionaries.fields.map { ($0.id, $0.name) }, capacity: 256, limit: DossierRollupKey.maxFieldIndex + 1)
        for unit in dictionaries.units {
            guard let province = registry.province(id: unit.provinceID) else { continue }
            let p = provinces.index(of: province)
            let (slot, _) = unitKeys.intern(unit.code, namespace: p)
            precondition(Int(slot) == units.count, "duplicate unit in the dictionary")
            units.append(LoadedUnit(dbID: unit.id, provinceIndex: p, code: unit.code, level: unit.level))
        }
        catalogue = Self.catalogueFlags(dictionaries)
    }

    /// The catalogues' flags per procedure index (the dictionary's order: index i is the i-th procedure).
    private static func catalogueFlags(_ dictionaries: AdminDictionaries) -> [UInt32] {
        guard !dictionaries.catalogue.isEmpty else { return [] }
        var index: [Int64: Int] = [:]
        for (i, p) in dictionaries.procedures.enumerated() { index[p.id] = i }
        var flags = [UInt32](repeating: 0, count: dictionaries.procedures.count)
        for entry in dictionaries.catalogue {
            guard let i = index[entry.procedureID] else { continue }
            for (flag, value) in [(ServiceFlag.fullOnlineEligible, entry.fullOnlineEligible), (.feeRequired, entry.feeRequired)] {
                guard let value else { continue }
                flags[i] |= (value ? FlagValue.yes : FlagValue.no).rawValue << (2 * UInt32(flag.bitIndex))
            }
        }
        return flags
    }

    /// A row's flags completed from the catalogue: each flag the row leaves absent or empty takes the
    /// catalogue's value when it states one (a value the row states wins).
    @inline(__always)
    package static func withCatalogue(_ flags: UInt32, _ stated: UInt32) -> UInt32 {
        guard stated != 0 else { return flags }
        var out = flags
        @inline(__always) func take(_ flag: ServiceFlag) {
            let shift = 2 * UInt32(flag.bitIndex)
            let own = flags >> shift & 3, theirs = stated >> shift & 3
            if theirs != 0 && (own == FlagValue.absent.rawValue || own == FlagValue.empty.rawValue) {
                out = out & ~(3 << shift) | theirs << shift
            }
        }
        take(.fullOnlineEligible)
        take(.feeRequired)
        return out
    }

    package var stopRequested: Bool {
        failed && (options.maxErrors != nil || diagnostics.total >= diagnostics.limit || writeError != nil)
    }

    // MARK: - One row

    private mutating func reject(_ record: borrowing CSVRecord, _ column: Int, _ problem: IngestProblem) {
        let diagnostic = Diagnostic(SourceLocation(file: file, line: record.line, column: column + 1), problem)
        // Every bad cell of the row, not only the first found.
        let found = ([diagnostic] + otherProblems(record, except: column)).sorted { $0.location.column < $1.location.column }
        for (i, d) in found.enumerated() { diagnostics.add(d, sameRow: i > 0) }
        guard let maxErrors = options.maxErrors else {
            failed = true
            sending = false
            return
        }
        if rejects == nil { rejects = RejectWriter(path: rejectPath, header: header, format: rejectFormat) }
        do { try rejects!.write(fields: record.strings, quoted: (0..<record.count).map { record.isQuoted($0) }, reasons: found) } catch {
            writeError = error
            failed = true
            sending = false
        }
        if diagnostics.rows > maxErrors { failed = true }
    }

    package mutating func handle(_ r: borrowing CSVRecord, _ c: Columns, _ output: Output) {
        bytesSeen &+= Int(r.span(r.count - 1).end) &+ 2
        guard r.count == c.count else {
            return reject(r, min(r.count, c.count), .raggedRow(fields: r.count, expected: c.count))
        }
        // Times first: the province is resolved on the day of receipt.
        guard !r.isEmpty(c.receivedAt) else {
            return reject(r, c.receivedAt, .missingValue(field: "received_at", advice: "write the date-time the dossier was received"))
        }
        guard let received = r.withBytes(c.receivedAt, { LocalDateTime.parse($0, order: options.dateOrder) }) else {
            return reject(r, c.receivedAt, .invalidDateTime(field: "received_at", text: r[c.receivedAt]))
        }
        let receivedDay = LocalDateTime.dayNumber(received)
        guard !r.isEmpty(c.dueAt) else {
            return reject(r, c.dueAt, .missingValue(field: "due_at", advice: "write the date the result is due"))
        }
        guard let dueSeconds = r.withBytes(c.dueAt, { LocalDateTime.parse($0, order: options.dateOrder) }) else {
            return reject(r, c.dueAt, .invalidDateTime(field: "due_at", text: r[c.dueAt]))
        }
        let due = LocalDateTime.dayNumber(dueSeconds)
        var resolved = DossierBatch.pending
        if !r.isEmpty(c.resolvedAt) {
            guard let value = r.withBytes(c.resolvedAt, { LocalDateTime.parse($0, order: options.dateOrder) }) else {
                return reject(r, c.resolvedAt, .invalidDateTime(field: "resolved_at", text: r[c.resolvedAt]))
            }
            guard value >= received else {
                return reject(r, c.resolvedAt, .resolvedBeforeReceived(resolved: r[c.resolvedAt], received: r[c.receivedAt]))
            }
            resolved = value
        }
        guard due >= receivedDay else {
            return reject(r, c.dueAt, .dueBeforeReceived(due: r[c.dueAt], received: r[c.receivedAt]))
        }
        if let s = c.status, !r.isEmpty(s) {
            guard let isResolved = r.withBytes(s, DossierCodes.status) else { return reject(r, s, .unknownStatus(r[s])) }
            if isResolved != (resolved != DossierBatch.pending) {
                return reject(r, s, .statusContradictsResolution(status: r[s], resolved: resolved != DossierBatch.pending))
            }
        }

        // Channel and online level.
        guard let channel = r.withBytes(c.channel, DossierCodes.channel) else { return reject(r, c.channel, .unknownChannel(r[c.channel])) }
        var level: UInt8 = 0
        if let l = c.onlineLevel, !r.isEmpty(l) {
            guard let value = r.withBytes(l, DossierCodes.onlineLevel) else { return reject(r, l, .unknownOnlineLevel(r[l])) }
            guard channel == 1 else {
                return reject(r, l, .onlineLevelNotOnline(level: r[l], channel: channel == 2 ? "direct" : "postal"))
            }
            level = value
        }

        // Province, unit, procedure, field.
        let provinceColumn = c.provinceCode ?? c.province!
        guard !r.isEmpty(provinceColumn) else {
            return reject(r, provinceColumn, .missingValue(field: "province", advice: "write the province's GSO code (54) or name"))
        }
        let lookup = r.withBytes(provinceColumn) { provinces.resolve($0, day: receivedDay) }
        let province: Int32
        switch lookup {
        case .success(let p): province = p
        case .failure(let error): return reject(r, provinceColumn, .province(error))
        }
        guard !r.isEmpty(c.dossierID) else {
            return reject(r, c.dossierID, .missingValue(field: "dossier_id", advice: "write the dossier's code"))
        }
        guard !r.isEmpty(c.unitCode) else {
            return reject(r, c.unitCode, .missingValue(field: "unit_code", advice: "write the code of the unit that received the dossier"))
        }
        guard !r.isEmpty(c.procedureCode) else {
            return reject(r, c.procedureCode, .missingValue(field: "procedure_code", advice: "write the procedure's code (mã TTHC)"))
        }
        guard UInt64(r.line) <= 0xFFFF_FFFF else { return reject(r, 0, .lineOutOfRange(r.line)) }
        // Every check that can refuse the row runs before anything is added to a dictionary: a
        // rejected row leaves no unit, procedure or field behind (and the tables stay in step).
        let procedureProbe = r.withBytes(c.procedureCode) { procedureCodes.probe($0) }
        if procedureProbe.id == nil && procedureCodes.isFull {
            return reject(r, c.procedureCode, .csv("more than 4 million distinct procedure codes; check the procedure_code column"))
        }
        var knownField: Int32?
        let fieldColumn = c.field.flatMap { f in r.isEmpty(f) ? nil : f }
        if let f = fieldColumn {
            knownField = r.withBytes(f) { fieldNames.find($0) }
            if knownField == nil && fieldNames.isFull { return reject(r, f, .csv("more than 65,000 distinct fields; check the field column")) }
        }
        // The service flags are checked here too, before the dictionaries change.
        var flags: UInt32 = 0
        if !c.flags.isEmpty {
            switch Self.flags(r, c.flags) {
            case .success(let f): flags = f
            case .failure(let e): return reject(r, e.column, .unknownYesNo(field: e.field, text: e.text))
            }
        }
        guard let unit = unitIndex(r, c, province: province) else { return }
        let procedure = procedureProbe.id ?? r.withBytes(c.procedureCode) { bytes -> Int32 in
            let (slot, newID) = procedureCodes.index(of: bytes, at: procedureProbe)!
            if let newID { batch.newProcedures.append((newID, String(decoding: bytes, as: UTF8.self))) }
            return slot
        }
        var field: Int32 = -1
        if let f = fieldColumn {
            field = knownField ?? r.withBytes(f) { bytes -> Int32 in
                let (slot, newID) = fieldNames.index(of: bytes)!
                if let newID { batch.newFields.append((newID, String(decoding: bytes, as: UTF8.self))) }
                return slot
            }
        }

        if Int(procedure) < catalogue.count { flags = Self.withCatalogue(flags, catalogue[Int(procedure)]) }
        let values = DossierValues(province: province, unit: unit, procedure: procedure, field: field, received: received,
                                   resolved: resolved, due: Int32(due), channel: channel, level: level, flags: flags)
        // Duplicates are looked for at the end, among the spilled hashes.
        if let spill { spill.append(hash: r.withBytes(c.dossierID) { ByteHash.hash($0.baseAddress!, $0.count) }, line: r.line) }
        rowsAccepted &+= 1
        guard sending else { return }
        // Counted into the rollups by the thread that takes the batch (DossierParser.count).
        batch.values.append(values)
        r.withBytes(c.dossierID) { batch.ids.append(contentsOf: $0) }
        batch.rows.append(DossierRow(
            line: Int64(r.line), received: received, resolved: resolved, unitID: Int32(truncatingIfNeeded: units[Int(unit)].dbID),
            procedureID: Int32(truncatingIfNeeded: procedureCodes[procedure]), fieldID: field >= 0 ? Int32(truncatingIfNeeded: fieldNames[field]) : 0, due: Int32(due),
            channel: channel, level: level, idEnd: Int32(batch.ids.count)))
        if batch.rows.count == DossierParser.batchRows { send(output) }
    }

    package mutating func send(_ output: Output) {
        if let progress = output.progress {
            progress(IngestProgress(rows: rowsAccepted, bytes: min(bytesSeen, output.totalBytes), totalBytes: output.totalBytes))
        }
        var next = output.spare.poll() ?? DossierBatch(capacity: DossierParser.batchRows)
        next.removeAll()
        swap(&next, &batch)
        if !output.channel.put(next) { sending = false; cancelled = true }
    }

    /// The unit of the row, added to the dictionary when new; nil after rejecting the row.
    private mutating func unitIndex(_ r: borrowing CSVRecord, _ c: Columns, province: Int32) -> Int32? {
        // The level is checked before the code is interned: a row refused here adds no unit.
        var statedLevel: AdministrativeLevel?
        if let l = c.level, !r.isEmpty(l) {
            guard let level = AdministrativeLevel.parse(r[l]) else { reject(r, l, .unknownLevel(r[l])); return nil }
            statedLevel = level
        }
        let (slot, isNew) = r.withBytes(c.unitCode) { unitKeys.intern($0, namespace: province) }
        if isNew {
            let code = r[c.unitCode]
            let name = c.unitName.map { r[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? code
            let level = statedLevel ?? AdministrativeLevel.infer(fromUnitName: name, registry: registry)
            batch.newUnits.append(AdminUnitEntry(id: nextUnitID, provinceID: provinces.province(province).id, code: code, name: name, level: level))
            units.append(LoadedUnit(dbID: nextUnitID, provinceIndex: province, code: code, level: level))
            nextUnitID += 1
        }
        let index = Int(slot)
        if let statedLevel, statedLevel != units[index].level {
            reject(r, c.level!, .levelContradictsUnit(unit: units[index].code, level: statedLevel.rawValue, knownLevel: units[index].level.rawValue))
            return nil
        }
        if let n = c.unitName, !r.isEmpty(n) {
            let matches = r.withBytes(n) { bytes -> Bool in
                if units[index].nameLine < 0 {
                    units[index].nameStart = unitNames.count
                    unitNames.append(contentsOf: bytes)
                    units[index].nameEnd = unitNames.count
                    units[index].nameLine = r.line
                    return true
                }
                let (start, end) = (units[index].nameStart, units[index].nameEnd)
                guard end - start == bytes.count else { return false }
                return unitNames.withUnsafeBytes { ByteHash.equal($0.baseAddress! + start, bytes.baseAddress!, bytes.count) }
            }
            if !matches {
                let first = String(decoding: unitNames[units[index].nameStart..<units[index].nameEnd], as: UTF8.self)
                reject(r, n, .unitNameChanged(code: units[index].code, name: r[n], firstName: first, firstLine: units[index].nameLine))
                return nil
            }
        }
        return slot
    }

    /// The values of a row accepted before (every lookup succeeds), or nil.
    package mutating func lookUp(_ r: borrowing CSVRecord, _ c: Columns) -> DossierValues? {
        guard r.count == c.count, let received = r.withBytes(c.receivedAt, { LocalDateTime.parse($0, order: options.dateOrder) }),
              let due = r.withBytes(c.dueAt, { LocalDateTime.parse($0, order: options.dateOrder) }),
              let channel = r.withBytes(c.channel, DossierCodes.channel) else { return nil }
        let day = LocalDateTime.dayNumber(received)
        guard case .success(let province) = r.withBytes(c.provinceCode ?? c.province!, { provinces.resolve($0, day: day) }),
              let unit = r.withBytes(c.unitCode, { unitKeys.find($0, namespace: province) }),
              let procedure = r.withBytes(c.procedureCode, { procedureCodes.find($0) }) else { return nil }
        let field = c.field.flatMap { f in r.isEmpty(f) ? nil : r.withBytes(f) { fieldNames.find($0) } } ?? -1
        let resolved = r.isEmpty(c.resolvedAt) ? DossierBatch.pending : (r.withBytes(c.resolvedAt) { LocalDateTime.parse($0, order: options.dateOrder) } ?? DossierBatch.pending)
        let level = c.onlineLevel.flatMap { l in r.isEmpty(l) ? nil : r.withBytes(l, DossierCodes.onlineLevel) } ?? 0
        var flags = (try? Self.flags(r, c.flags).get()) ?? 0
        if Int(procedure) < catalogue.count { flags = Self.withCatalogue(flags, catalogue[Int(procedure)]) }
        return DossierValues(province: province, unit: unit, procedure: procedure, field: field, received: received, resolved: resolved,
                             due: Int32(LocalDateTime.dayNumber(due)), channel: channel, level: level, flags: flags)
    }
}

/// The coded cells of a dossier log: channel, online level, status, in English or Vietnamese.
extension DossierLogScan {
    /// The problems of a refused row's cells other than `except` that are wrong on their own (a date that is
    /// not a date, an unknown channel, an empty required cell, ...). Runs only for refused rows.
    mutating func otherProblems(_ r: borrowing CSVRecord, except: Int) -> [Diagnostic] {
        guard let c = columns, r.count == c.count else { return [] }
        var found: [(Int, IngestProblem)] = []
        func check(_ column: Int?, _ problem: () -> IngestProblem?) {
            guard let column, column != except, let p = problem() else { return }
            found.append((column, p))
        }
        func dateTime(_ column: Int, _ name: String, required: Bool) -> IngestProblem? {
            if r.isEmpty(column) { return required ? .missingValue(field: name, advice: "write the date-time") : nil }
            return r.withBytes(column, { LocalDateTime.parse($0, order: options.dateOrder) }) == nil ? .invalidDateTime(field: name, text: r[column]) : nil
        }
        check(c.receivedAt) { dateTime(c.receivedAt, "received_at", required: true) }
        check(c.dueAt) { dateTime(c.dueAt, "due_at", required: true) }
        check(c.resolvedAt) { dateTime(c.resolvedAt, "resolved_at", required: false) }
        check(c.status) { !r.isEmpty(c.status!) && r.withBytes(c.status!, DossierCodes.status) == nil ? .unknownStatus(r[c.status!]) : nil }
        check(c.channel) { r.withBytes(c.channel, DossierCodes.channel) == nil ? .unknownChannel(r[c.channel]) : nil }
        check(c.onlineLevel) { !r.isEmpty(c.onlineLevel!) && r.withBytes(c.onlineLevel!, DossierCodes.onlineLevel) == nil ? .unknownOnlineLevel(r[c.onlineLevel!]) : nil }
        check(c.level) { !r.isEmpty(c.level!) && AdministrativeLevel.parse(r[c.level!]) == nil ? .unknownLevel(r[c.level!]) : nil }
        let provinceColumn = c.provinceCode ?? c.province
        check(provinceColumn) {
            guard let p = provinceColumn else { return nil }
            if r.isEmpty(p) { return .missingValue(field: "province", advice: "write the province's GSO code (54) or name") }
            guard let received = r.withBytes(c.receivedAt, { LocalDateTime.parse($0, order: options.dateOrder) }) else { return nil }
            if case .failure(let error) = r.withBytes(p, { provinces.resolve($0, day: LocalDateTime.dayNumber(received)) }) { return .province(error) }
            return nil
        }
        check(c.dossierID) { r.isEmpty(c.dossierID) ? .missingValue(field: "dossier_id", advice: "write the dossier's code") : nil }
        check(c.unitCode) { r.isEmpty(c.unitCode) ? .missingValue(field: "unit_code", advice: "write the code of the unit that received the dossier") : nil }
        check(c.procedureCode) { r.isEmpty(c.procedureCode) ? .missingValue(field: "procedure_code", advice: "write the procedure's code (mã TTHC)") : nil }
        for (flag, column) in c.flags where column != except && !r.isEmpty(column) && r.withBytes(column, DossierCodes.yesNo) == nil {
            found.append((column, .unknownYesNo(field: flag.rawValue, text: r[column])))
        }
        return found.map { Diagnostic(SourceLocation(file: file, line: r.line, column: $0.0 + 1), $0.1) }
    }
}

package enum DossierCodes {
    /// 1 online, 2 direct, 3 postal.
    package static func channel(_ b: UnsafeRawBufferPointer) -> UInt8? {
        if equal(b, "online") || equal(b, "trực tuyến") { return 1 }
        if equal(b, "direct") || equal(b, "trực tiếp") { return 2 }
        if equal(b, "postal") || equal(b, "bưu chính") { return 3 }
        switch HeaderKey.normalize(String(decoding: b, as: UTF8.self)) {
        case "online", "truc tuyen", "dvc truc tuyen", "qua mang": return 1
        case "direct", "truc tiep", "tai quay", "mot cua": return 2
        case "postal", "buu chinh", "buu chinh cong ich", "qua buu chinh", "buu dien": return 3
        default: return nil
        }
    }

    /// 1 full (toàn trình, mức độ 4), 2 partial (một phần, mức độ 3).
    package static func onlineLevel(_ b: UnsafeRawBufferPointer) -> UInt8? {
        if equal(b, "full") || equal(b, "toàn trình") { return 1 }
        if equal(b, "partial") || equal(b, "một phần") { return 2 }
        switch HeaderKey.normalize(String(decoding: b, as: UTF8.self)) {
        case "full", "toan trinh", "muc do 4", "4": return 1
        case "partial", "mot phan", "muc do 3", "3": return 2
        default: return nil
        }
    }

    /// true: resolved; false: pending.
    package static func status(_ b: UnsafeRawBufferPointer) -> Bool? {
        if equal(b, "resolved") { return true }
        if equal(b, "pending") { return false }
        switch HeaderKey.normalize(String(decoding: b, as: UTF8.self)) {
        case "resolved", "da giai quyet", "hoan thanh", "da tra ket qua": return true
        case "pending", "dang giai quyet", "dang xu ly", "chua giai quyet": return false
        default: return nil
        }
    }

    @inline(__always)
    package static func equal(_ b: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        guard b.count == n else { return false }
        // Codes are short: compare in place rather than call memcmp for a few bytes.
        let p = text.utf8Start
        for i in 0..<n where b[i] != p[i] { return false }
        return true
    }
}

/// The rollup cells of a dossier log, counted as rows go by: province × month, unit × year and
/// province × procedure × field × year.
package struct DossierRollupCells {
    package static let measures = 9
    /// Per cell: the first and last day it covers, then the nine counts, side by side so that an
    /// update touches one place in memory. 32-bit counts (a cell is one unit or province over
    /// a month or year) halve the memory of 64-bit ones.
    package static let stride = 11
    package private(set) var slots = IntegerSlots(capacity: 16384)
    package private(set) var cells: [Int32] = []
    /// The service-index cohorts (unit × month of receipt), counted alongside.
    package var service: ServiceCells
    /// Cells kept in memory; past it they go to the spill and counting starts again (memory bounded
    /// whatever the cardinality: about 3 MiB at the default). nil: never spilled.
    package var cap: Int? = DossierRollupCells.defaultCap
    package static let defaultCap = 1 << 15
    /// The cells written out, when there were more than `cap`.
    package private(set) var spill: RollupCellSpill?
    /// The most cells merged at once when the spill is read back (tests make it small).
    package var groupCells = RollupCellSpill.groupCells
    /// Writes the spill (tests give one that fails like a full disk).
    package var spillWriter: IDHashSpill.Writer?
    private let months = MonthTable.shared
    /// Per unit, the year and slot of its last unit × year cell: rows of a unit mostly fall in
    /// one year, and the unit's entry is in cache already, unlike the big table.
    private var unitYearSlots = SlotCache()
    /// Per province and month (modulo 64), the month and slot of its province × month cell: a few
    /// thousand entries that stay in cache, where the big table's lookup missed it once a row.
    private var provinceMonthSlots = SlotCache()

    /// A small table in front of `slots`: at a dense index, the tag (a year, a month) and slot of the
    /// cell last looked up there.
    private struct SlotCache {
        private var entries: [(tag: Int32, slot: Int32)] = []

        @inline(__always)
        func slot(_ i: Int, tag: Int) -> Int? {
            i < entries.count && entries[i].tag == Int32(truncatingIfNeeded: tag) ? Int(entries[i].slot) : nil
        }

        @inline(__always)
        mutating func set(_ i: Int, tag: Int, slot: Int) {
            if i >= entries.count { entries.append(contentsOf: repeatElement((tag: Int32(-1), slot: Int32(-1)), count: i + 1 - entries.count)) }
            entries[i] = (Int32(truncatingIfNeeded: tag), Int32(truncatingIfNeeded: slot))
        }

        mutating func removeAll() { entries.removeAll(keepingCapacity: true) }
    }

    package func firstDay(_ slot: Int) -> Int32 { cells[slot * Self.stride] }
    package func lastDay(_ slot: Int) -> Int32 { cells[slot * Self.stride + 1] }
    package func count(_ slot: Int, _ measure: Int) -> Int64 { Int64(cells[slot * Self.stride + 2 + measure]) }

    /// The cell of `key` (its counts start at the returned index), covering `first...last`.
    @inline(__always)
    private mutating func cell(_ key: UInt64, first: Int32, last: Int32) -> Int {
        let (slot, isNew) = slots.slot(key)
        return cell(slot: slot, isNew: isNew, first: first, last: last)
    }

    /// The unit × year cell, through the per-unit cache.
    @inline(__always)
    private mutating func unitCell(_ unit: Int32, year: Int, first: Int32, last: Int32) -> Int {
        if let known = unitYearSlots.slot(Int(unit), tag: year) { return cell(slot: known, isNew: false, first: first, last: last) }
        let (slot, isNew) = slots.slot(DossierRollupKey.unit(unit, year: year).rawValue)
        unitYearSlots.set(Int(unit), tag: year, slot: slot)
        return cell(slot: slot, isNew: isNew, first: first, last: last)
    }

    /// The province × month cell, through the small table.
    @inline(__always)
    private mutating func provinceCell(_ province: Int32, month: Int, first: Int32, last: Int32) -> Int {
        let i = Int(province) &* 64 &+ (month & 63)
        if let known = provinceMonthSlots.slot(i, tag: month) { return cell(slot: known, isNew: false, first: first, last: last) }
        let (slot, isNew) = slots.slot(DossierRollupKey.province(province, month: month).rawValue)
        provinceMonthSlots.set(i, tag: month, slot: slot)
        return cell(slot: slot, isNew: isNew, first: first, last: last)
    }

    @inline(__always)
    private mutating func cell(slot: Int, isNew: Bool, first: Int32, last: Int32) -> Int {
        let base = slot &* Self.stride
        if isNew {
            cells.append(first)
            cells.append(last)
            cells.append(contentsOf: repeatElement(0, count: Self.measures))
        } else {
            cells.withUnsafeMutableBufferPointer { c in
                if first < c[base] { c[base] = first }
                if last > c[base &+ 1] { c[base &+ 1] = last }
            }
        }
        return base &+ 2
    }

    /// Adds (`sign` 1) or takes back (-1) one dossier.
    @inline(__always)
    package mutating func count(_ v: DossierValues, sign: Int64) {
        // A row adds at most six cells: checked once per row, the table never passes cap + 6.
        if let cap, slots.count >= cap { spillCells() }
        service.count(v, sign: sign)
        // Measures: 0 received, 1 online, 2 full online, 3 direct, 4 postal, 5 resolved, 6 on time, 7 late, 8 pending.
        let month = months.monthIndex(day: LocalDateTime.dayNumber(v.received))
        let (first, last) = months.bounds(month: month)
        let sign = Int32(truncatingIfNeeded: sign)
        let channel = v.channel == 1 ? 1 : Int(v.channel) &+ 1
        let full: Int32 = v.level == 1 ? sign : 0
        let isPending = v.resolved == DossierBatch.pending
        let pending: Int32 = isPending ? sign : 0
        let year = month / 12
        // A dossier resolved in the month (or year) it was received touches each cell once.
        var rmonth = -1, outcome = 0, rfirst: Int32 = 0, rlast: Int32 = 0
        if !isPending {
            let rday = LocalDateTime.dayNumber(v.resolved)
            rmonth = months.monthIndex(day: rday)
            (rfirst, rlast) = months.bounds(month: rmonth)
            outcome = rday <= Int(v.due) ? 6 : 7
        }
        let ryear = rmonth / 12
        // The cell covers both months when the resolution falls in it.
        let sameYear = ryear == year
        let (yfirst, ylast) = sameYear ? (min(first, rfirst), max(last, rlast)) : (first, last)
        receive(provinceCell(v.province, month: month, first: first, last: last), channel, full, pending, sign, sameCell: rmonth == month ? outcome : 0)
        receive(unitCell(v.unit, year: year, first: yfirst, last: ylast), channel, full, pending, sign, sameCell: sameYear ? outcome : 0)
        update(DossierRollupKey.procedure(province: v.province, procedure: v.procedure, field: v.field, year: year).rawValue, yfirst, ylast, channel, full, pending, sign,
               sameCell: sameYear ? outcome : 0)
        guard !isPending else { return }
        if rmonth != month { resolve(provinceCell(v.province, month: rmonth, first: rfirst, last: rlast), outcome, sign) }
        if !sameYear {
            resolve(unitCell(v.unit, year: ryear, first: rfirst, last: rlast), outcome, sign)
            resolved(DossierRollupKey.procedure(province: v.province, procedure: v.procedure, field: v.field, year: ryear).rawValue, rfirst, rlast, outcome, sign)
        }
    }

    /// Counts the receipt in a cell, and the resolution too when it falls in the same cell
    /// (`sameCell` is then the on-time or late measure).
    @inline(__always)
    private mutating func update(_ key: UInt64, _ first: Int32, _ last: Int32, _ channel: Int, _ full: Int32, _ pending: Int32,
                                 _ sign: Int32, sameCell: Int) {
        receive(cell(key, first: first, last: last), channel, full, pending, sign, sameCell: sameCell)
    }

    @inline(__always)
    private mutating func receive(_ base: Int, _ channel: Int, _ full: Int32, _ pending: Int32, _ sign: Int32, sameCell: Int) {
        cells.withUnsafeMutableBufferPointer { c in
            c[base] &+= sign
            c[base &+ channel] &+= sign
            c[base &+ 2] &+= full
            c[base &+ 8] &+= pending
            if sameCell != 0 {
                c[base &+ 5] &+= sign
                c[base &+ sameCell] &+= sign
            }
        }
    }

    @inline(__always)
    private mutating func resolved(_ key: UInt64, _ first: Int32, _ last: Int32, _ outcome: Int, _ sign: Int32) {
        resolve(cell(key, first: first, last: last), outcome, sign)
    }

    @inline(__always)
    private mutating func resolve(_ base: Int, _ outcome: Int, _ sign: Int32) {
        cells.withUnsafeMutableBufferPointer { c in
            c[base &+ 5] &+= sign
            c[base &+ outcome] &+= sign
        }
    }

    /// Writes every cell to the spill and empties the table.
    private mutating func spillCells() {
        if spill == nil { spill = spillWriter.map { RollupCellSpill(writer: $0) } ?? RollupCellSpill() }
        let spill = spill!
        cells.withUnsafeBufferPointer { c in
            for (slot, key) in slots.keys.enumerated() {
                spill.append(key: key, UnsafeBufferPointer(rebasing: c[(slot &* Self.stride)..<((slot &+ 1) &* Self.stride)]))
            }
        }
        removeAll()
    }

    /// An empty table counting into `service` (the merge of spilled cells counts no cohorts).
    package init(service: ServiceCells = ServiceCells()) { self.service = service }

    /// Forgets every cell, keeping the memory.
    private mutating func removeAll() {
        slots.removeAll()
        cells.removeAll(keepingCapacity: true)
        unitYearSlots.removeAll()
        provinceMonthSlots.removeAll()
    }

    /// Adds a cell's values (days and counts) to the cell of `key`.
    package mutating func merge(_ key: UInt64, _ v: UnsafeBufferPointer<Int32>) {
        let (slot, isNew) = slots.slot(key)
        if isNew { cells.append(contentsOf: v); return }
        let base = slot &* Self.stride
        cells.withUnsafeMutableBufferPointer { c in
            if v[0] < c[base] { c[base] = v[0] }
            if v[1] > c[base &+ 1] { c[base &+ 1] = v[1] }
            for i in 2..<Self.stride { c[base &+ i] &+= v[i] }
        }
    }

    /// Every cell as a rollup record with dictionary ids, grouped by province, grain and year (by
    /// spill partition first, when cells were spilled). May be called more than once.
    package func forEachRecord(_ pass: DossierLogScan, _ body: (RollupRecord) throws -> Void) throws {
        guard let spill else { return try emit(pass, body) }
        try spill.finish()
        // One table for every partition, emptied between them: a new one each time allocated and
        // grew its arrays again (page faults and copies, a fifth of this on a high-cardinality log).
        var merged = DossierRollupCells(service: ServiceCells(cap: nil))
        merged.cap = nil
        for p in 0..<RollupCellSpill.partitions {
            // A partition too large to merge at once comes in several groups (memory bounded by
            // `RollupCellSpill.groupCells` whatever the log's cardinality).
            try spill.forEachGroup(partition: p, limit: groupCells, partitionKey: { $0 }) { read, holds in
                merged.removeAll()
                try read { key, values in merged.merge(key, values) }
                cells.withUnsafeBufferPointer { c in
                    for (slot, key) in slots.keys.enumerated() where holds(key) {
                        merged.merge(key, UnsafeBufferPointer(rebasing: c[(slot &* Self.stride)..<((slot &+ 1) &* Self.stride)]))
                    }
                }
                try merged.emit(pass, body)
            }
        }
    }

    /// The slots in the order of their cells' province, grain and year (or month), then slot.
    private func sortedSlots(province: (DossierRollupKey) -> Int32) -> [Int32] {
        // One integer per cell to sort on (province, grain, year or month), computed once.
        var sortKeys: [UInt64] = []
        sortKeys.reserveCapacity(slots.count)
        var largest: UInt64 = 0
        for raw in slots.keys {
            let key = DossierRollupKey(rawValue: raw)
            let period = UInt64(key.grain == .province ? key.monthNumber : key.year * 12)
            let sortKey = UInt64(province(key)) << 40 | (raw >> 62) << 38 | period
            sortKeys.append(sortKey)
            largest = max(largest, sortKey)
        }
        // Usually (fewer than 64 provinces, 2^18 cells) the key and the slot fit one integer, which
        // sorts several times faster than pairs compared by a closure.
        let slotBits: UInt64 = 18
        if slots.count <= 1 << slotBits && largest < 1 << (64 - slotBits) {
            for i in sortKeys.indices { sortKeys[i] = sortKeys[i] << slotBits | UInt64(i) }
            sortKeys.sort()
            return sortKeys.map { Int32(truncatingIfNeeded: $0 & (1 << slotBits - 1)) }
        }
        var order = sortKeys.enumerated().map { (sortKey: $0.element, slot: Int32(truncatingIfNeeded: $0.offset)) }
        order.sort { $0.sortKey != $1.sortKey ? $0.sortKey < $1.sortKey : $0.slot < $1.slot }
        return order.map(\.slot)
    }

    /// The cells in memory as rollup records, grouped by province, grain and year (the writer
    /// packs the procedure cells of one province and year into one row).
    private func emit(_ pass: DossierLogScan, _ body: (RollupRecord) throws -> Void) rethrows {
        func province(of key: DossierRollupKey) -> Int32 {
            key.provinceIndex ?? pass.units[key.unitIndex].provinceIndex
        }
        for slot in sortedSlots(province: province) {
            let slot = Int(slot)
            let key = DossierRollupKey(rawValue: slots.keys[slot])
            let base = slot &* Self.stride &+ 2
            let counts = cells.withUnsafeBufferPointer { c in
                DossierCounts(receivedTotal: Int(c[base]), receivedOnline: Int(c[base &+ 1]), receivedFullOnline: Int(c[base &+ 2]),
                              receivedDirect: Int(c[base &+ 3]), receivedPostal: Int(c[base &+ 4]), resolvedTotal: Int(c[base &+ 5]),
                              resolvedOnTime: Int(c[base &+ 6]), resolvedLate: Int(c[base &+ 7]), pending: Int(c[base &+ 8]))
            }
            if counts.receivedTotal == 0 && counts.resolvedTotal == 0 { continue }  // emptied by rejected duplicates
            let first = firstDay(slot), last = lastDay(slot)
            let provinceID = pass.provinces.province(province(of: key)).id
            switch key.grain {
            case .province:
                try body(RollupRecord(grain: .province, provinceID: provinceID, period: key.period,
                                      firstDay: first, lastDay: last, counts: counts))
            case .unit:
                let unit = pass.units[key.unitIndex]
                try body(RollupRecord(grain: .unit, provinceID: provinceID, period: key.period,
                                      firstDay: first, lastDay: last, unitID: unit.dbID, level: unit.level, counts: counts))
            case .procedure:
                try body(RollupRecord(grain: .procedure, provinceID: provinceID, period: key.period,
                                      firstDay: first, lastDay: last, procedureID: pass.procedureCodes[Int32(key.procedureIndex)],
                                      fieldID: key.fieldIndex.map { pass.fieldNames[Int32($0)] }, counts: counts))
            }
        }
    }
}
