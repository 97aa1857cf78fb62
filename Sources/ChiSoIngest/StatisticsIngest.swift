import ChiSoCore
import ChiSoCSV
import Foundation

/// Reads aggregated statistics (one row per period, unit or level, and optionally procedure),
/// writes each row as given and sums them into the rollups.
///
/// A one-stop-shop export per unit, procedure and month has hundreds of thousands of rows, so the
/// cells are read as bytes (no string per cell), dictionaries and periods are interned, rows go to
/// the store in batches through raw binding, and duplicates are found exactly from a spill of key
/// hashes. Memory holds the dictionaries and the rollup cells, bounded by units × years, not rows.
package final class StatisticsParser {
    package let path: String
    package let file: String
    package let options: AdminIngestOptions
    package let registry: ProvinceRegistry
    package let load: any AdministrativeSink

    package private(set) var diagnostics = DiagnosticList()
    package private(set) var rejects: RejectWriter?
    package private(set) var rowsAccepted = 0
    package private(set) var failed = false
    package private(set) var ignoredColumns: [String] = []
    private var header: [String] = []
    private var rejectFormat = RejectWriter.Format()

    // Dictionaries: dense indexes of this parse, database ids beside them.
    private var provinces: ProvinceLookup
    private var unitKeys = ByteInterner(capacity: 4096)
    private var units: [LoadedUnit] = []
    private var unitNames: [UInt8] = []
    private var procedureCodes: NameDictionary
    private var fieldNames: NameDictionary
    private var nextUnitID: Int64
    private var periodKeys = ByteInterner(capacity: 64)
    private var periods: [PeriodInfo] = []
    private var levelKeys = ByteInterner(capacity: 16)
    private var levels: [AdministrativeLevel?] = []

    // Rollup cells: key -> index; per cell 9 counts, a row count and the days covered.
    private var cellIndex: [CellKey: Int] = [:]
    private var cellKeys: [CellKey] = []
    private var cellCounts: [Int64] = []
    private var cellRows: [Int] = []
    private var cellDays: [(first: Int32, last: Int32)] = []

    /// Sums of the accepted rows by period index (rows of units, and all rows), to check total rows against.
    private var unitSums: [Int: StatedCounts] = [:]
    private var allSums: [Int: StatedCounts] = [:]
    /// Total rows ("Tổng cộng", "Toàn tỉnh"), checked against the sums once every row is read.
    private var totalRows: [(line: Int, period: Int, label: String, counts: StatedCounts, columns: SIMD16<Int32>, fields: [String])] = []
    /// Rows skipped as not data, for the user.
    package private(set) var notes: [String] = []

    private var spill: IDHashSpill?
    private var batch: [StatisticRow] = []
    private static let batchRows = 2048


    package struct PeriodInfo {
        package var parsed: Result<ReportingPeriod, ReportingPeriod.ParseError>
        package var firstDay: Int32 = 0
        package var lastDay: Int32 = 0
        /// `CalendarPeriod` of the reported period, and of its year, as cell-key codes.
        package var reportedCode: Int32 = 0
        package var yearCode: Int32 = 0
    }

    package struct CellKey: Hashable {
        package var grain: Int8
        package var province: Int32
        package var period: Int32
        package var unit: Int32
        package var level: Int8
        package var procedure: Int32
        package var field: Int32
        /// Which counts the rows state: a cell only sums rows that state the same counts, so
        /// that a stored NULL always means "not stated" for all of it.
        package var mask: Int16
    }

    /// One row as the store writes it.
    package struct StatisticRow {
        package var line: Int
        package var period: Int
        package var province: Int32
        package var unit: Int32
        package var level: AdministrativeLevel?
        package var procedure: Int32
        package var field: Int32
        package var counts: StatedCounts
        package var note: String?
        package var citation: String?
        package var service = StatedCounts()
    }

    package init(path: String, file: String, options: AdminIngestOptions, registry: ProvinceRegistry, load: any AdministrativeSink,
                 spillWriter: IDHashSpill.Writer? = nil) throws {
        self.path = path; self.file = file; self.options = options; self.registry = registry; self.load = load
        provinces = ProvinceLookup(registry: registry)
        let dictionaries = try load.loadDictionaries()
        nextUnitID = (dictionaries.units.map(\.id).max() ?? 0) + 1
        for unit in dictionaries.units {
            guard let province = registry.province(id: unit.provinceID) else { continue }
            let p = provinces.index(of: province)
            let (slot, _) = unitKeys.intern(unit.code, namespace: p)
            precondition(Int(slot) == units.count, "duplicate unit in the dictionary")
            units.append(LoadedUnit(dbID: unit.id, provinceIndex: p, code: unit.code, level: unit.level))
        }
        procedureCodes = NameDictionary(existing: dictionaries.procedures.map { ($0.id, $0.code) }, capacity: 1024)
        fieldNames = NameDictionary(existing: dictionaries.fields.map { ($0.id, $0.name) }, capacity: 256)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        spill = spillWriter.map { IDHashSpill(expectedRows: size / 60, writer: $0) } ?? IDHashSpill(expectedRows: size / 60)
        // Without the spill no repeated row would be found (they would count twice): an error, not a skipped check.
        if spill == nil {
            let code = errno
            throw IngestError.unwritable(path: FileManager.default.temporaryDirectory.path, what: "a temporary file (the duplicate check)",
                                         reason: String(cString: strerror(code)), advice: "free some space there, or set TMPDIR to a folder with room")
        }
    }

    private struct Stop: Error {}

    /// Column positions, unwrapped once.
    private struct Columns {
        package var period: Int, province: Int, level: Int?, unitCode: Int?, unitName: Int?, procedure: Int?, field: Int?
        package var note: Int?, citation: Int?
        /// (column, measure index, is it the early count) of every count column present.
        package var counts: [(column: Int, measure: Int, early: Bool)]
        /// The optional service-index counts present.
        package var service: [(column: Int, count: ServiceStatisticColumn)] = []
    }

    package func run() throws {
        var reader: CSVReader
        do { reader = try CSVReader(path: path, displayName: file, hasHeader: true, options: options.readerOptions) } catch { throw DossierParser.csvFailure(error) }
        header = reader.header ?? []
        rejectFormat = RejectWriter.Format.of(path: path, delimiter: reader.dialect.delimiter)
        let line = reader.headerLine ?? 1
        let (columns, problems) = ColumnMap<StatisticsField>.resolve(header: header, mappings: options.columns ?? [:], file: file, line: line)
        let missing = columns.missing([[.period], [.provinceCode, .province], StatisticsField.counts], file: file, line: line) { field in
            field == .receivedTotal
                ? "name the count columns received_total, received_online, resolved_total, resolved_on_time, ... (or Tổng số hồ sơ tiếp nhận, Trực tuyến, Đã giải quyết, Đúng hạn, ...)"
                : "name it \"\(field.rawValue)\" (the README lists the Vietnamese headers too) or map it with --column \(field.rawValue)=\"HEADER\""
        }
        if !(problems + missing).isEmpty { throw IngestError.invalid(problems + missing) }
        ignoredColumns = columns.ignored
        let measureIndex: [StatisticsField: Int] = [
            .receivedTotal: 0, .receivedOnline: 1, .receivedFullOnline: 2, .receivedDirect: 3, .receivedPostal: 4,
            .resolvedTotal: 5, .resolvedOnTime: 6, .resolvedEarly: 6, .resolvedLate: 7, .pending: 8,
            .receivedCarriedOver: 9, .handledTotal: 10,
        ]
        if columns[.handledTotal] != nil && columns[.receivedCarriedOver] == nil && columns[.receivedTotal] == nil {
            notes.append("read \"\(header[columns[.handledTotal]!])\" as the dossiers received in the period; if it includes dossiers carried over "
                         + "from the previous period (Từ kỳ trước), add that column so that rates divide new receipts only")
        }
        let c = Columns(
            period: columns[.period]!, province: columns[.provinceCode] ?? columns[.province]!, level: columns[.level],
            unitCode: columns[.unitCode], unitName: columns[.unitName], procedure: columns[.procedureCode], field: columns[.field],
            note: columns[.note], citation: columns[.citation],
            counts: StatisticsField.counts.compactMap { f in columns[f].map { ($0, measureIndex[f]!, f == .resolvedEarly) } },
            service: StatisticsField.allCases.compactMap { f in f.serviceColumn.flatMap { count in columns[f].map { ($0, count) } } })
        var storeError: (any Error)?
        do {
            try reader.forEachRecord { (record: borrowing CSVRecord) throws in
                do { try self.handle(record, c) } catch { storeError = error; throw Stop() }
                if self.failed && (self.options.maxErrors != nil || self.diagnostics.total >= self.diagnostics.limit) { throw Stop() }
            }
        } catch let error as CSVError {
            diagnostics.add(Diagnostic(error.location, .csv(error.message)))
            failed = true
        } catch {}
        if let storeError { throw storeError }
        try flush()
        try checkTotals()
        if !failed || options.maxErrors != nil { try resolveDuplicates() }
    }

    // MARK: - One row

    private func reject(_ record: borrowing CSVRecord, _ column: Int, _ problem: IngestProblem) throws {
        try reject(record, [(column, problem)])
    }

    /// Refuses a row for every problem found in it (one reject-file row, one diagnostic per cell).
    private func reject(_ record: borrowing CSVRecord, _ problems: [(column: Int, problem: IngestProblem)]) throws {
        let located = problems.sorted { $0.column < $1.column }.map { Diagnostic(SourceLocation(file: file, line: record.line, column: $0.column + 1), $0.problem) }
        try reject(fields: record.strings, quoted: (0..<record.count).map { record.isQuoted($0) }, located)
    }

    private func reject(fields: [String], _ diagnostic: Diagnostic) throws {
        try reject(fields: fields, [diagnostic])
    }

    private func reject(fields: [String], quoted: [Bool]? = nil, _ found: [Diagnostic]) throws {
        for (i, d) in found.enumerated() { diagnostics.add(d, sameRow: i > 0) }
        guard let maxErrors = options.maxErrors else { failed = true; return }
        if rejects == nil { rejects = RejectWriter(path: options.rejectPath(for: path), header: header, format: rejectFormat) }
        try rejects!.write(fields: fields, quoted: quoted, reasons: found)
        if diagnostics.rows > maxErrors { failed = true }
    }

    /// Calls `body` with field `i` without its surrounding ASCII spaces.
    @inline(__always)
    private func trimmed<T>(_ r: borrowing CSVRecord, _ i: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try r.withBytes(i) { b in
            var start = 0, end = b.count
            while start < end && (b[start] == 0x20 || b[start] == 0x09) { start += 1 }
            while end > start && (b[end - 1] == 0x20 || b[end - 1] == 0x09) { end -= 1 }
            return try body(UnsafeRawBufferPointer(rebasing: b[start..<end]))
        }
    }

    private func text(_ r: borrowing CSVRecord, _ i: Int?) -> String? {
        guard let i else { return nil }
        return trimmed(r, i) { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
    }

    private func handle(_ r: borrowing CSVRecord, _ c: Columns) throws {
        guard r.count == header.count else {
            return try reject(r, min(r.count, header.count), .raggedRow(fields: r.count, expected: header.count))
        }
        // A spreadsheet's empty row.
        if (0..<r.count).allSatisfy({ i in trimmed(r, i) { $0.isEmpty } }) { return }
        // A total or summary row ("Tổng cộng", "Toàn tỉnh", "Trung bình"): never a unit, never counted twice.
        for column in [c.unitName, c.unitCode, c.province, 0] {
            if let column, let cell = text(r, column), let label = SummaryRow.label(cell) { return try noteSummary(r, c, label) }
        }

        // The cells that can be wrong on their own are all checked before the row is refused: every bad
        // cell of a row is reported at once.
        var problems: [(column: Int, problem: IngestProblem)] = []
        // Period (interned: a file has a few distinct ones).
        var periodIndex = -1
        if trimmed(r, c.period, { $0.isEmpty }) {
            problems.append((c.period, .missingValue(field: "period", advice: "write 2023, 2023-Q1, 2023-03 or 2022-12-15..2023-03-14")))
        } else {
            periodIndex = Int(trimmed(r, c.period) { bytes -> Int32 in
                let (slot, isNew) = periodKeys.intern(bytes)
                if isNew { periods.append(Self.periodInfo(String(decoding: bytes, as: UTF8.self))) }
                return slot
            })
            if case .failure(let error) = periods[periodIndex].parsed { problems.append((c.period, .invalidPeriod(error.message))); periodIndex = -1 }
        }

        // Province, on the first day of the period.
        var province: Int32 = -1
        if trimmed(r, c.province, { $0.isEmpty }) {
            problems.append((c.province, .missingValue(field: "province", advice: "write the province's GSO code (54) or name")))
        } else if periodIndex >= 0 {
            switch trimmed(r, c.province, { provinces.resolve($0, day: Int(periods[periodIndex].firstDay)) }) {
            case .success(let p): province = p
            case .failure(let error): problems.append((c.province, .province(error)))
            }
        }

        // Level, unit, procedure, field.
        var level: AdministrativeLevel?
        if let l = c.level, !trimmed(r, l, { $0.isEmpty }) {
            let index = Int(trimmed(r, l) { bytes -> Int32 in
                let (slot, isNew) = levelKeys.intern(bytes)
                if isNew { levels.append(AdministrativeLevel.parse(String(decoding: bytes, as: UTF8.self))) }
                return slot
            })
            if let parsed = levels[index] { level = parsed } else { problems.append((l, .unknownLevel(text(r, l) ?? ""))) }
        }
        // Counts, straight from the bytes (fixed-size values: nothing allocated per row).
        var values = StatedCounts()
        var columnOf = SIMD16<Int32>(repeating: -1)
        for (column, measure, early) in c.counts {
            let parsed: Result<Int, NumberSyntaxError>? = trimmed(r, column) { bytes in
                bytes.isEmpty ? nil : Result { () throws(NumberSyntaxError) -> Int in try CountParser.parse(bytes) }
            }
            guard let parsed else { continue }
            guard case .success(let value) = parsed else {
                problems.append((column, .notAWholeNumber(field: Self.countName(measure, early: early), text: text(r, column) ?? ""))); continue
            }
            let name = Self.countName(measure, early: early)
            guard value >= 0 else { problems.append((column, .negativeCount(field: name, value: value))); continue }
            values.add(measure, Int64(value))
            if columnOf[measure] < 0 || !early { columnOf[measure] = Int32(column) }
        }
        if problems.isEmpty, let problem = Self.separateCarriedOver(&values, &columnOf) { problems.append(problem) }
        if !problems.isEmpty { return try reject(r, problems) }
        let periodInfo = periods[periodIndex]
        guard values.stated != 0 else { return try reject(r, c.period, .noCounts) }
        if let problem = Self.inconsistency(values, columnOf) { return try reject(r, problem.column, problem.problem) }
        // The service-index counts (optional), each a part of a whole on the same row.
        var service = StatedCounts()
        var serviceColumn: [ServiceStatisticColumn: Int] = [:]
        for (column, count) in c.service {
            let parsed: Result<Int, NumberSyntaxError>? = trimmed(r, column) { bytes in
                bytes.isEmpty ? nil : Result { () throws(NumberSyntaxError) -> Int in try CountParser.parse(bytes) }
            }
            guard let parsed else { continue }
            guard case .success(let value) = parsed else { return try reject(r, column, .notAWholeNumber(field: count.rawValue, text: text(r, column) ?? "")) }
            guard value >= 0 else { return try reject(r, column, .negativeCount(field: count.rawValue, value: value)) }
            service.add(ServiceStatisticColumn.allCases.firstIndex(of: count)!, Int64(value))
            serviceColumn[count] = column
        }
        if service.stated != 0, let problem = Self.serviceInconsistency(service, serviceColumn, received: values[0]) {
            return try reject(r, problem.column, problem.problem)
        }
        guard UInt64(r.line) <= 0xFFFF_FFFF else { return try reject(r, 0, .lineOutOfRange(r.line)) }

        // Units, procedures and fields are added only now, when nothing else can refuse the row: a
        // rejected row leaves nothing behind in the dictionaries or the store.
        var unit: Int32 = -1
        let unitColumn = c.unitCode.flatMap { col in trimmed(r, col) { $0.isEmpty } ? nil : col }
            ?? c.unitName.flatMap { col in trimmed(r, col) { $0.isEmpty } ? nil : col }
        if let unitColumn {
            let (slot, isNew) = trimmed(r, unitColumn) { unitKeys.intern($0, namespace: province) }
            if isNew {
                let code = text(r, unitColumn)!
                let name = text(r, c.unitName) ?? code
                let entry = AdminUnitEntry(id: nextUnitID, provinceID: provinces.province(province).id, code: code, name: name,
                                           level: level ?? AdministrativeLevel.infer(fromUnitName: name, registry: registry))
                try load.insertUnit(entry)
                units.append(LoadedUnit(dbID: nextUnitID, provinceIndex: province, code: code, level: entry.level))
                nextUnitID += 1
            }
            let i = Int(slot)
            if let level, level != units[i].level {
                return try reject(r, c.level!, .levelContradictsUnit(unit: units[i].code, level: level.rawValue, knownLevel: units[i].level.rawValue))
            }
            if let n = c.unitName, !trimmed(r, n, { $0.isEmpty }) {
                let same = trimmed(r, n) { bytes -> Bool in
                    if units[i].nameLine < 0 {
                        units[i].nameStart = unitNames.count
                        unitNames.append(contentsOf: bytes)
                        units[i].nameEnd = unitNames.count
                        units[i].nameLine = r.line
                        return true
                    }
                    guard units[i].nameEnd - units[i].nameStart == bytes.count else { return false }
                    return unitNames.withUnsafeBytes { ByteHash.equal($0.baseAddress! + units[i].nameStart, bytes.baseAddress!, bytes.count) }
                }
                if !same {
                    let first = String(decoding: unitNames[units[i].nameStart..<units[i].nameEnd], as: UTF8.self)
                    return try reject(r, n, .unitNameChanged(code: units[i].code, name: text(r, n) ?? "", firstName: first, firstLine: units[i].nameLine))
                }
            }
            unit = slot
            level = units[i].level
        }
        var procedure: Int32 = -1
        if let p = c.procedure, !trimmed(r, p, { $0.isEmpty }) {
            let (slot, newID) = trimmed(r, p) { procedureCodes.index(of: $0)! }
            if let newID { try load.insertProcedure(id: newID, code: text(r, p)!) }
            procedure = slot
        }
        var field: Int32 = -1
        if let f = c.field, !trimmed(r, f, { $0.isEmpty }) {
            let (slot, newID) = trimmed(r, f) { fieldNames.index(of: $0)! }
            if let newID { try load.insertField(id: newID, name: text(r, f)!) }
            field = slot
        }

        // The key of the row, for duplicates: the same period, unit, level, procedure and field twice.
        spill?.append(hash: Self.keyHash(periodInfo.firstDay, periodInfo.lastDay, province, unit, level, procedure, field), line: r.line)
        if !failed || options.maxErrors != nil {
            batch.append(StatisticRow(line: r.line, period: periodIndex, province: province, unit: unit, level: level, procedure: procedure,
                                      field: field, counts: values, note: text(r, c.note), citation: text(r, c.citation), service: service))
            if batch.count >= Self.batchRows { try flush() }
        }
        add(period: periodInfo, province: province, unit: unit, level: level, procedure: procedure, field: field, counts: values, sign: 1)
        rowsAccepted += 1
        for i in 0..<10 where values.stated & (1 << i) != 0 {
            allSums[periodIndex, default: StatedCounts()].add(i, values.values[i])
            if unit >= 0 { unitSums[periodIndex, default: StatedCounts()].add(i, values.values[i]) }
        }
    }

    /// Keeps a total row's counts for `checkTotals`, and notes that the row is not data.
    private func noteSummary(_ r: borrowing CSVRecord, _ c: Columns, _ label: String) throws {
        notes.append("skipped the \(SummaryRow.isTotal(label) ? "total" : "summary") row \"\(label)\" on line \(r.line): it is not a unit"
                     + (SummaryRow.isTotal(label) ? " (its counts are checked against the sum of the units)" : ""))
        guard SummaryRow.isTotal(label), !trimmed(r, c.period, { $0.isEmpty }) else { return }
        let periodIndex = Int(trimmed(r, c.period) { bytes -> Int32 in
            let (slot, isNew) = periodKeys.intern(bytes)
            if isNew { periods.append(Self.periodInfo(String(decoding: bytes, as: UTF8.self))) }
            return slot
        })
        var values = StatedCounts()
        var columnOf = SIMD16<Int32>(repeating: -1)
        for (column, measure, early) in c.counts {
            guard let parsed = trimmed(r, column, { bytes in bytes.isEmpty ? nil : try? CountParser.parse(bytes) }) else { continue }
            values.add(measure, Int64(parsed))
            if columnOf[measure] < 0 || !early { columnOf[measure] = Int32(column) }
        }
        _ = Self.separateCarriedOver(&values, &columnOf)
        totalRows.append((r.line, periodIndex, label, values, columnOf, r.strings))
    }

    /// A total row must equal the sum of the units of its period (of every row, when no row names a unit).
    private func checkTotals() throws {
        for total in totalRows {
            guard let sums = unitSums[total.period] ?? allSums[total.period] else { continue }
            for i in 0..<10 {
                guard let stated = total.counts[i], let sum = sums[i], stated != sum else { continue }
                let column = Int(total.columns[i])
                let name = Self.countName(i, early: false)
                try reject(fields: total.fields, Diagnostic(SourceLocation(file: file, line: total.line, column: column + 1), .csv(
                    "the \"\(total.label)\" row says \(name) \(stated) but the units of its period add up to \(sum); "
                        + "correct the total or the unit rows (a total row is checked, never loaded)")))
            }
        }
    }

    private static func countName(_ measure: Int, early: Bool) -> String {
        early ? "resolved_early"
            : ["received_total", "received_online", "received_full_online", "received_direct", "received_postal",
               "resolved_total", "resolved_on_time", "resolved_late", "pending", "received_carried_over", "handled_total"][measure]
    }

    /// "Số hồ sơ nhận giải quyết" (handled, count 10) = new receipts + "Từ kỳ trước" (carried over, count 9): the
    /// carried-over dossiers are their own count and never a new receipt, so that rates divide new receipts.
    /// Without a received_total column, it is handled − carried over; with one, the three must add up.
    package static func separateCarriedOver(_ v: inout StatedCounts, _ columns: inout SIMD16<Int32>) -> (column: Int, problem: IngestProblem)? {
        guard let handled = v[10] else { return nil }
        v.remove(10)
        let carried = v[9] ?? 0
        if let c = v[9], c > handled {
            return (Int(columns[9]), .partExceedsWhole(part: "received_carried_over", partValue: Int(c), whole: "handled_total", wholeValue: Int(handled)))
        }
        if let received = v[0] {
            guard v[9] == nil || received + carried == handled else {
                return (Int(columns[10]), .partsDoNotAdd(parts: ["received_total", "received_carried_over"], sum: Int(received + carried),
                                                         whole: "handled_total", wholeValue: Int(handled)))
            }
        } else {
            v.add(0, handled - carried)
            columns[0] = columns[10]
        }
        return nil
    }

    package static func periodInfo(_ text: String) -> PeriodInfo {
        let parsed = Result { () throws(ReportingPeriod.ParseError) in try ReportingPeriod.parse(text) }
        guard case .success(let period) = parsed else { return PeriodInfo(parsed: parsed) }
        return PeriodInfo(parsed: parsed, firstDay: Int32(DayNumber.from(period.firstDay)), lastDay: Int32(DayNumber.from(period.lastDay)),
                          reportedCode: periodCode(period.reported), yearCode: periodCode(.year(period.reported.year)))
    }

    /// A calendar period as one integer: year × 100, plus 20 + quarter, or the month.
    package static func periodCode(_ p: CalendarPeriod) -> Int32 {
        Int32(p.year * 100 + (p.kind == .month ? p.month! : p.kind == .quarter ? 20 + p.quarter! : 0))
    }

    package static func period(code: Int32) -> CalendarPeriod {
        let (year, rest) = (Int(code) / 100, Int(code) % 100)
        return rest == 0 ? .year(year) : rest > 20 ? .quarter(rest - 20, of: year) : .month(rest, of: year)
    }

    private static func keyHash(_ first: Int32, _ last: Int32, _ province: Int32, _ unit: Int32, _ level: AdministrativeLevel?,
                                _ procedure: Int32, _ field: Int32) -> UInt64 {
        var words: (Int64, Int64, Int64, Int64) = (Int64(first) << 32 | Int64(UInt32(bitPattern: last)), Int64(province) << 32 | Int64(UInt32(bitPattern: unit)),
                                                    Int64(procedure) << 32 | Int64(UInt32(bitPattern: field)),
                                                    Int64(level.map { AdministrativeLevel.allCases.firstIndex(of: $0)! + 1 } ?? 0))
        return withUnsafeBytes(of: &words) { ByteHash.hash($0.baseAddress!, $0.count) }
    }

    /// The first way the service-index counts contradict the row, if any: each is a part of a whole
    /// the row states (`received_total`, or `rated` for `satisfied`, `fee_required` for `paid_online`).
    package static func serviceInconsistency(_ service: StatedCounts, _ columns: [ServiceStatisticColumn: Int],
                                             received: Int64?) -> (column: Int, problem: IngestProblem)? {
        let all = ServiceStatisticColumn.allCases
        func value(_ c: ServiceStatisticColumn) -> Int? { service[all.firstIndex(of: c)!].map { Int($0) } }
        for (part, whole) in [(ServiceStatisticColumn.satisfied, ServiceStatisticColumn.rated), (.paidOnline, .feeRequired)] {
            guard let n = value(part), let column = columns[part] else { continue }
            guard let w = value(whole) else {
                return (column, .csv("\(part.rawValue) is a part of \(whole.rawValue), which this row does not state; write \(whole.rawValue) too"))
            }
            if n > w { return (column, .partExceedsWhole(part: part.rawValue, partValue: n, whole: whole.rawValue, wholeValue: w)) }
        }
        for part in [ServiceStatisticColumn.synced, .resultElectronic, .digitized, .reusedData, .citizenData, .feeRequired] {
            guard let n = value(part), let column = columns[part] else { continue }
            guard let received else {
                return (column, .csv("\(part.rawValue) counts dossiers of received_total, which this row does not state; write received_total too"))
            }
            if n > Int(received) { return (column, .partExceedsWhole(part: part.rawValue, partValue: n, whole: "received_total", wholeValue: Int(received))) }
        }
        return nil
    }

    /// The first way the counts contradict each other, if any: (column of the count to correct, problem).
    package static func inconsistency(_ v: StatedCounts, _ columns: SIMD16<Int32>) -> (column: Int, problem: IngestProblem)? {
        func int(_ i: Int) -> Int? { v[i].map { Int($0) } }
        let column = (0..<9).map { Int(columns[$0]) }
        if let total = int(0) {
            if let online = int(1), online > total {
                return (column[1], .partExceedsWhole(part: "received_online", partValue: online, whole: "received_total", wholeValue: total))
            }
            let parts = [(1, "received_online"), (3, "received_direct"), (4, "received_postal")].filter { int($0.0) != nil }
            let sum = parts.reduce(0) { $0 + int($1.0)! }
            if parts.count > 1 && sum > total {
                return (column[0], .partsExceedWhole(parts: parts.map(\.1), sum: sum, whole: "received_total", wholeValue: total))
            }
            for (i, name) in [(3, "received_direct"), (4, "received_postal")] {
                if let part = int(i), part > total { return (column[i], .partExceedsWhole(part: name, partValue: part, whole: "received_total", wholeValue: total)) }
            }
        }
        if let online = int(1), let full = int(2), full > online {
            return (column[2], .partExceedsWhole(part: "received_full_online", partValue: full, whole: "received_online", wholeValue: online))
        }
        if let resolved = int(5) {
            if let onTime = int(6), onTime > resolved {
                return (column[6], .partExceedsWhole(part: "resolved_on_time", partValue: onTime, whole: "resolved_total", wholeValue: resolved))
            }
            if let late = int(7), late > resolved {
                return (column[7], .partExceedsWhole(part: "resolved_late", partValue: late, whole: "resolved_total", wholeValue: resolved))
            }
            if let onTime = int(6), let late = int(7), onTime + late != resolved {
                return (column[5], .partsDoNotAdd(parts: ["resolved_on_time", "resolved_late"], sum: onTime + late, whole: "resolved_total", wholeValue: resolved))
            }
        }
        return nil
    }

    // MARK: - Rollups

    private func add(period: PeriodInfo, province: Int32, unit: Int32, level: AdministrativeLevel?, procedure: Int32, field: Int32,
                     counts: StatedCounts, sign: Int64) {
        let mask = Int16(bitPattern: counts.stated & 0x1FF)  // the nine rolled-up counts (carried over is kept per row only)
        let levelCode = Int8(level.map { AdministrativeLevel.allCases.firstIndex(of: $0)! + 1 } ?? 0)
        add(CellKey(grain: 0, province: province, period: period.reportedCode, unit: -1, level: 0, procedure: -1, field: -1, mask: mask), period, counts, sign)
        add(CellKey(grain: 1, province: province, period: period.yearCode, unit: unit, level: levelCode, procedure: -1, field: -1, mask: mask), period, counts, sign)
        add(CellKey(grain: 2, province: province, period: period.yearCode, unit: -1, level: 0, procedure: procedure, field: field, mask: mask), period, counts, sign)
    }

    private func add(_ key: CellKey, _ period: PeriodInfo, _ counts: StatedCounts, _ sign: Int64) {
        let index: Int
        if let known = cellIndex[key] {
            index = known
            cellDays[index] = (min(cellDays[index].first, period.firstDay), max(cellDays[index].last, period.lastDay))
        } else {
            index = cellKeys.count
            cellIndex[key] = index
            cellKeys.append(key)
            cellCounts.append(contentsOf: repeatElement(0, count: 9))
            cellRows.append(0)
            cellDays.append((period.firstDay, period.lastDay))
        }
        for i in 0..<9 where counts.stated & (1 << i) != 0 { cellCounts[index * 9 + i] += sign * counts.values[i] }
        cellRows[index] += Int(sign)
    }

    /// Calls `body` with every rollup record of the file, grouped by province, grain and period
    /// (made on the fly: the store's `finish` may walk them more than once).
    package func forEachRecord(_ body: (RollupRecord) throws -> Void) rethrows {
        let order = cellKeys.indices.filter { cellRows[$0] > 0 }.sorted { a, b in
            let (ka, kb) = (cellKeys[a], cellKeys[b])
            return (ka.province, ka.grain, ka.period, a) < (kb.province, kb.grain, kb.period, b)
        }
        for index in order {
            let key = cellKeys[index]
            var counts = DossierCounts()
            for (i, measure) in DossierCounts.measures.enumerated() where key.mask & (1 << i) != 0 {
                counts[keyPath: measure] = Int(cellCounts[index * 9 + i])
            }
            let level: AdministrativeLevel? = key.level > 0 ? AdministrativeLevel.allCases[Int(key.level) - 1] : nil
            try body(RollupRecord(
                grain: [RollupGrain.province, .unit, .procedure][Int(key.grain)], provinceID: provinces.province(key.province).id,
                period: Self.period(code: key.period), firstDay: cellDays[index].first, lastDay: cellDays[index].last,
                unitID: key.unit >= 0 ? units[Int(key.unit)].dbID : nil, level: level,
                procedureID: key.procedure >= 0 ? procedureCodes[key.procedure] : nil,
                fieldID: key.field >= 0 ? fieldNames[key.field] : nil, counts: counts))
        }
    }

    // MARK: - Store

    private func flush() throws {
        guard !batch.isEmpty else { return }
        try load.insertStatistics(batch.map { row in
            let info = periods[row.period]
            let period = try! info.parsed.get()
            return StatisticValues(
                line: row.line, period: period.description, reported: period.reported.description, firstDay: period.firstDay.description,
                lastDay: period.lastDay.description, provinceID: provinces.province(row.province).id,
                unitID: row.unit >= 0 ? units[Int(row.unit)].dbID : nil, level: row.level?.rawValue,
                procedureID: row.procedure >= 0 ? procedureCodes[row.procedure] : nil,
                fieldID: row.field >= 0 ? fieldNames[row.field] : nil, counts: row.counts, note: row.note, citation: row.citation, service: row.service)
        })
        batch.removeAll(keepingCapacity: true)
    }

    /// Rows whose key hashes repeat, confirmed by their stored keys: without `--max-errors` the
    /// file is refused; with it, every row after the first of a key is taken back out and rejected.
    private func resolveDuplicates() throws {
        guard let spill else { return }
        let groups = try spill.repeatedHashes()
        guard !groups.isEmpty else { return }
        let stored = try load.statistics(lines: groups.flatMap { $0 })
        var duplicates: [(line: Int, firstLine: Int)] = []
        for lines in groups {
            var first: [StatisticKey: Int] = [:]
            for line in lines {
                guard let row = stored[line] else { continue }
                if let f = first[row.key] { duplicates.append((line, f)) } else { first[row.key] = line }
            }
        }
        guard !duplicates.isEmpty else { return }
        duplicates.sort { $0.line < $1.line }
        // The rejected rows' cells, read again from the file.
        var fields: [Int: [String]] = [:]
        if options.maxErrors != nil {
            let wanted = Set(duplicates.map(\.line))
            var reader = try CSVReader(path: path, displayName: file, hasHeader: true, options: options.readerOptions)
            try reader.forEachRecord { (record: borrowing CSVRecord) in if wanted.contains(record.line) { fields[record.line] = record.strings } }
        }
        for (line, firstLine) in duplicates {
            let diagnostic = Diagnostic(SourceLocation(file: file, line: line, column: 1), .duplicateStatistic(firstLine: firstLine))
            if options.maxErrors != nil, let row = stored[line], let cells = fields[line] {
                try reject(fields: cells, diagnostic)
                try load.deleteStatistic(line: line)
                // Take it back out of the rollups, with the values it was counted with.
                guard let province = registry.province(id: row.key.provinceID).map({ provinces.index(of: $0) }),
                      let first = Day(iso: row.key.firstDay), let last = Day(iso: row.key.lastDay) else { continue }
                let info = Self.periodInfo("\(first)..\(last)")
                let unit = row.key.unitID.flatMap { id in units.firstIndex { $0.dbID == id } }.map(Int32.init) ?? -1
                let procedure = row.key.procedureID.flatMap { procedureCodes.index(ofID: $0) } ?? -1
                let field = row.key.fieldID.flatMap { fieldNames.index(ofID: $0) } ?? -1
                var counts = StatedCounts()
                for (i, v) in row.counts.enumerated() { if let v { counts.add(i, v) } }
                add(period: info, province: province, unit: unit, level: row.key.level.flatMap(AdministrativeLevel.init(rawValue:)),
                    procedure: procedure, field: field, counts: counts, sign: -1)
                rowsAccepted -= 1
            } else {
                diagnostics.add(diagnostic)
                failed = true
            }
        }
    }

    /// Writes the last rejected rows and closes the reject file (an error if it cannot be written
    /// whole: call it before the load commits); deletes it when the load failed.
    package func finishRejects(success: Bool) throws(IngestError) {
        if success { try rejects?.close() } else { rejects?.discard() }
    }

    package var rejectedCount: Int { rejects?.count ?? 0 }
    package var rejectPath: String? { rejects.map(\.path) }
    package func listedDiagnostics() -> [Diagnostic] { diagnostics.listed(file: file) }
}

/// The nine counts of a statistics row (`DossierCounts.measures` order) and which of them the row
/// states, in fixed-size storage: nothing is allocated per row.
package struct StatedCounts {
    package var values = SIMD16<Int64>()
    /// Bit i set: count i is stated.
    package var stated: UInt16 = 0

    package mutating func add(_ i: Int, _ value: Int64) {
        values[i] &+= value
        stated |= 1 << i
    }

    package subscript(i: Int) -> Int64? { stated & (1 << i) != 0 ? values[i] : nil }

    package mutating func remove(_ i: Int) {
        values[i] = 0
        stated &= ~(1 << i)
    }
}
