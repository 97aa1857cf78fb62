import Foundation

/// Reads aggregated statistics (one row per period, unit or level, and optionally procedure),
/// writes each row as given and sums them into the rollups.
///
/// Statistics files are one row per cell of a report, far fewer rows than a dossier log, so this
/// runs on the writing thread; it streams all the same (memory holds the rollup cells, bounded by
/// provinces × units × years, and a fixed-size duplicate filter).
final class StatisticsParser {
    let path: String
    let file: String
    let options: AdminIngestOptions
    let registry: ProvinceRegistry
    let load: AdminLoad

    private(set) var diagnostics = DiagnosticList()
    private(set) var rejects: RejectWriter?
    private(set) var rowsAccepted = 0
    private(set) var failed = false
    private(set) var ignoredColumns: [String] = []
    private var header: [String] = []

    private var provinces: ProvinceLookup
    private var unitKeys = ByteInterner(capacity: 4096)
    private var units: [UnitInfo] = []
    private var procedureIDs: [String: Int64] = [:]
    private var fieldIDs: [String: Int64] = [:]
    private var nextUnitID: Int64, nextProcedureID: Int64, nextFieldID: Int64
    private var periods: [String: Result<ReportingPeriod, ReportingPeriod.ParseError>] = [:]

    private(set) var cells: [CellKey: Cell] = [:]
    private var bloom: BloomFilter
    private var candidates = ByteInterner(capacity: 256)
    private var candidateLines: [[Int]] = []
    private var stashed: [Int: (fields: [String], row: Contribution)] = [:]
    private var exhaustive = false

    struct UnitInfo {
        var dbID: Int64
        var code: String
        var level: AdministrativeLevel
        var firstName: String?
        var firstLine = 0
    }

    struct CellKey: Hashable {
        var grain: RollupGrain
        var provinceID: String
        var period: CalendarPeriod
        var unitID: Int64?
        var level: AdministrativeLevel?
        var procedureID: Int64?
        var fieldID: Int64?
        /// Which counts the rows state: a cell only sums rows that state the same counts, so
        /// that a stored NULL always means "not stated" for all of it.
        var mask: Int
    }

    struct Cell {
        var counts = DossierCounts()
        /// Rows summed (0 once a rejected duplicate was taken back out).
        var rows = 0
        var firstDay: Day
        var lastDay: Day
    }

    /// What one row adds to the rollups.
    struct Contribution {
        var provinceID: String
        var period: ReportingPeriod
        var unitID: Int64?
        var level: AdministrativeLevel?
        var procedureID: Int64?
        var fieldID: Int64?
        var counts: DossierCounts
    }

    init(path: String, file: String, options: AdminIngestOptions, registry: ProvinceRegistry, load: AdminLoad) throws {
        self.path = path; self.file = file; self.options = options; self.registry = registry; self.load = load
        provinces = ProvinceLookup(registry: registry)
        let dictionaries = try load.loadDictionaries()
        nextUnitID = (dictionaries.units.map(\.id).max() ?? 0) + 1
        nextProcedureID = (dictionaries.procedures.map(\.id).max() ?? 0) + 1
        nextFieldID = (dictionaries.fields.map(\.id).max() ?? 0) + 1
        for unit in dictionaries.units {
            guard let province = registry.province(id: unit.provinceID) else { continue }
            let (slot, _) = unitKeys.intern(unit.code, namespace: provinces.index(of: province))
            precondition(Int(slot) == units.count)
            units.append(UnitInfo(dbID: unit.id, code: unit.code, level: unit.level))
        }
        for p in dictionaries.procedures { procedureIDs[p.code] = p.id }
        for f in dictionaries.fields { fieldIDs[f.name] = f.id }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        bloom = BloomFilter(bits: min(max(size / 80 * 12, 1 << 20), 128 << 20))
    }

    private struct Stop: Error {}

    func run() throws {
        var reader: CSVReader
        do { reader = try CSVReader(path: path, displayName: file, hasHeader: true) } catch { throw DossierParser.csvFailure(error) }
        header = reader.header ?? []
        let columns = try AdminColumns<StatisticsField>.resolve(
            header: header, file: file, line: reader.headerLine ?? 1,
            required: [[.period], [.provinceCode, .province], StatisticsField.counts],
            advice: { field in
                field == .receivedTotal
                    ? "name the count columns received_total, received_online, resolved_total, resolved_on_time, ... (or Tổng số hồ sơ tiếp nhận, Trực tuyến, Đã giải quyết, Đúng hạn, ...)"
                    : "name it \"\(field.rawValue)\" (the README lists the Vietnamese headers too)"
            })
        ignoredColumns = columns.ignored
        var storeError: (any Error)?
        do {
            try reader.forEachRecord { (record: borrowing CSVRecord) throws in
                do { try self.handle(record, columns) } catch { storeError = error; throw Stop() }
                if self.failed && (self.options.maxErrors != nil || self.diagnostics.total >= self.diagnostics.limit) { throw Stop() }
            }
        } catch let error as CSVError {
            diagnostics.add(Diagnostic(error.location, .csv(error.message)))
            failed = true
        } catch {}
        if let storeError { throw storeError }
        if !failed { try resolveDuplicates() }
    }

    private func reject(_ record: borrowing CSVRecord, _ column: Int, _ problem: IngestProblem) throws {
        let diagnostic = Diagnostic(SourceLocation(file: file, line: record.line, column: column + 1), problem)
        try reject(fields: record.strings, diagnostic)
    }

    private func reject(fields: [String], _ diagnostic: Diagnostic) throws {
        diagnostics.add(diagnostic)
        guard let maxErrors = options.maxErrors else { failed = true; return }
        if rejects == nil { rejects = RejectWriter(path: options.rejectPath(for: path), header: header) }
        try rejects!.write(fields: fields, reason: diagnostic)
        if diagnostics.total > maxErrors { failed = true }
    }

    private func handle(_ r: borrowing CSVRecord, _ columns: AdminColumns<StatisticsField>) throws {
        guard r.count == header.count else {
            return try reject(r, min(r.count, header.count), .raggedRow(fields: r.count, expected: header.count))
        }
        func text(_ field: StatisticsField) -> String? {
            guard let c = columns[field] else { return nil }
            let t = r[c].trimmingASCIISpaces
            return t.isEmpty ? nil : t
        }
        // A spreadsheet's empty row.
        if (0..<r.count).allSatisfy({ r[$0].trimmingASCIISpaces.isEmpty }) { return }

        let periodColumn = columns[.period]!
        guard let periodText = text(.period) else {
            return try reject(r, periodColumn, .missingValue(field: "period", advice: "write 2023, 2023-Q1, 2023-03 or 2022-12-15..2023-03-14"))
        }
        let parsed = periods[periodText] ?? Result { () throws(ReportingPeriod.ParseError) in try ReportingPeriod.parse(periodText) }
        periods[periodText] = parsed
        let period: ReportingPeriod
        switch parsed {
        case .success(let p): period = p
        case .failure(let error): return try reject(r, periodColumn, .invalidPeriod(error.message))
        }

        let provinceColumn = columns[.provinceCode] ?? columns[.province]!
        guard let provinceText = text(.provinceCode) ?? text(.province) else {
            return try reject(r, provinceColumn, .missingValue(field: "province", advice: "write the province's GSO code (54) or name"))
        }
        var bytes = Array(provinceText.utf8)
        let lookup = bytes.withUnsafeMutableBytes { provinces.resolve(UnsafeRawBufferPointer($0), day: DayNumber.from(period.firstDay)) }
        let province: Province
        switch lookup {
        case .success(let p): province = provinces.province(p)
        case .failure(let error): return try reject(r, provinceColumn, .province(error))
        }
        let provinceIndex = provinces.index(of: province)

        var level: AdministrativeLevel?
        if let t = text(.level) {
            guard let l = AdministrativeLevel.parse(t) else { return try reject(r, columns[.level]!, .unknownLevel(t)) }
            level = l
        }
        var unitID: Int64?
        if let code = text(.unitCode) ?? text(.unitName) {
            let name = text(.unitName) ?? code
            let (slot, isNew) = unitKeys.intern(code, namespace: provinceIndex)
            if isNew {
                let unit = AdminUnitEntry(id: nextUnitID, provinceID: province.id, code: code, name: name,
                                          level: level ?? AdministrativeLevel.infer(fromUnitName: name, registry: registry))
                try load.insertUnit(unit)
                units.append(UnitInfo(dbID: nextUnitID, code: code, level: unit.level))
                nextUnitID += 1
            }
            let i = Int(slot)
            if let level, level != units[i].level {
                return try reject(r, columns[.level]!, .levelContradictsUnit(unit: code, level: level.rawValue, knownLevel: units[i].level.rawValue))
            }
            if let given = text(.unitName) {
                if let first = units[i].firstName, first != given {
                    return try reject(r, columns[.unitName]!, .unitNameChanged(code: code, name: given, firstName: first, firstLine: units[i].firstLine))
                }
                if units[i].firstName == nil { units[i].firstName = given; units[i].firstLine = r.line }
            }
            unitID = units[i].dbID
            level = units[i].level
        }
        var procedureID: Int64?
        if let code = text(.procedureCode) {
            if let id = procedureIDs[code] { procedureID = id } else {
                try load.insertProcedure(id: nextProcedureID, code: code)
                procedureIDs[code] = nextProcedureID
                procedureID = nextProcedureID
                nextProcedureID += 1
            }
        }
        var fieldID: Int64?
        if let name = text(.field) {
            if let id = fieldIDs[name] { fieldID = id } else {
                try load.insertField(id: nextFieldID, name: name)
                fieldIDs[name] = nextFieldID
                fieldID = nextFieldID
                nextFieldID += 1
            }
        }

        // Counts.
        var counts = DossierCounts()
        var stated: [StatisticsField: (value: Int, column: Int)] = [:]
        for field in StatisticsField.counts {
            guard let c = columns[field], let t = text(field) else { continue }
            guard let value = try? IntegerParser.parse(t) else {
                return try reject(r, c, .notAWholeNumber(field: field.rawValue, text: t))
            }
            guard value >= 0 else { return try reject(r, c, .negativeCount(field: field.rawValue, value: value)) }
            stated[field] = (value, c)
            let measure = field.measure!
            counts[keyPath: measure] = (counts[keyPath: measure] ?? 0) + value
        }
        guard !stated.isEmpty else { return try reject(r, periodColumn, .noCounts) }
        if let problem = Self.inconsistency(counts, stated) { return try reject(r, problem.column, problem.problem) }

        // Duplicates: the same period, unit, level, procedure and field twice.
        let key = StatisticKey(firstDay: period.firstDay.description, lastDay: period.lastDay.description, provinceID: province.id,
                               unitID: unitID, level: level?.rawValue, procedureID: procedureID, fieldID: fieldID)
        let contribution = Contribution(provinceID: province.id, period: period, unitID: unitID, level: level,
                                        procedureID: procedureID, fieldID: fieldID, counts: counts)
        let keyBytes = key.bytes
        if keyBytes.withUnsafeBytes({ bloom.insert($0) }) && !exhaustive {
            let (slot, isNew) = keyBytes.withUnsafeBytes { candidates.intern($0) }
            if isNew { candidateLines.append([]) }
            candidateLines[Int(slot)].append(r.line)
            if options.maxErrors != nil { stashed[r.line] = (r.strings, contribution) }
            if candidates.count > DossierParser.candidateLimit { exhaustive = true; candidates = ByteInterner(); candidateLines = []; stashed = [:] }
        }
        guard UInt64(r.line) <= 0xFFFF_FFFF else { return try reject(r, 0, .lineOutOfRange(r.line)) }
        if !failed || options.maxErrors != nil {
            try load.insertStatistic(line: r.line, period: period, provinceID: province.id, unitID: unitID, level: level,
                                     procedureID: procedureID, fieldID: fieldID, counts: counts, note: text(.note), citation: text(.citation))
        }
        add(contribution, sign: 1)
        rowsAccepted += 1
    }

    /// The first way the counts contradict each other, if any.
    static func inconsistency(_ c: DossierCounts, _ stated: [StatisticsField: (value: Int, column: Int)]) -> (column: Int, problem: IngestProblem)? {
        func column(_ f: StatisticsField) -> Int { stated[f]!.column }
        if let total = c.receivedTotal {
            if let online = c.receivedOnline, online > total {
                return (column(.receivedOnline), .partExceedsWhole(part: "received_online", partValue: online, whole: "received_total", wholeValue: total))
            }
            let parts: [(String, Int?)] = [("received_online", c.receivedOnline), ("received_direct", c.receivedDirect), ("received_postal", c.receivedPostal)]
            let given = parts.filter { $0.1 != nil }
            let sum = given.reduce(0) { $0 + $1.1! }
            if given.count > 1 && sum > total {
                return (column(.receivedTotal), .partsExceedWhole(parts: given.map(\.0), sum: sum, whole: "received_total", wholeValue: total))
            }
            if let direct = c.receivedDirect, direct > total {
                return (column(.receivedDirect), .partExceedsWhole(part: "received_direct", partValue: direct, whole: "received_total", wholeValue: total))
            }
            if let postal = c.receivedPostal, postal > total {
                return (column(.receivedPostal), .partExceedsWhole(part: "received_postal", partValue: postal, whole: "received_total", wholeValue: total))
            }
        }
        if let online = c.receivedOnline, let full = c.receivedFullOnline, full > online {
            return (column(.receivedFullOnline), .partExceedsWhole(part: "received_full_online", partValue: full, whole: "received_online", wholeValue: online))
        }
        if let resolved = c.resolvedTotal {
            if let onTime = c.resolvedOnTime, onTime > resolved {
                let field: StatisticsField = stated[.resolvedOnTime] != nil ? .resolvedOnTime : .resolvedEarly
                return (column(field), .partExceedsWhole(part: "resolved_on_time", partValue: onTime, whole: "resolved_total", wholeValue: resolved))
            }
            if let late = c.resolvedLate, late > resolved {
                return (column(.resolvedLate), .partExceedsWhole(part: "resolved_late", partValue: late, whole: "resolved_total", wholeValue: resolved))
            }
            if let onTime = c.resolvedOnTime, let late = c.resolvedLate, onTime + late != resolved {
                return (column(.resolvedTotal), .partsDoNotAdd(parts: ["resolved_on_time", "resolved_late"], sum: onTime + late, whole: "resolved_total", wholeValue: resolved))
            }
        }
        return nil
    }

    private func add(_ c: Contribution, sign: Int) {
        var mask = 0
        for (i, measure) in DossierCounts.measures.enumerated() where c.counts[keyPath: measure] != nil { mask |= 1 << i }
        let year = CalendarPeriod.year(c.period.reported.year)
        let keys = [
            CellKey(grain: .province, provinceID: c.provinceID, period: c.period.reported, mask: mask),
            CellKey(grain: .unit, provinceID: c.provinceID, period: year, unitID: c.unitID, level: c.level, mask: mask),
            CellKey(grain: .procedure, provinceID: c.provinceID, period: year, procedureID: c.procedureID, fieldID: c.fieldID, mask: mask),
        ]
        for key in keys {
            var cell = cells[key] ?? Cell(firstDay: c.period.firstDay, lastDay: c.period.lastDay)
            for measure in DossierCounts.measures {
                if let v = c.counts[keyPath: measure] { cell.counts[keyPath: measure] = (cell.counts[keyPath: measure] ?? 0) + sign * v }
            }
            cell.rows += sign
            cell.firstDay = min(cell.firstDay, c.period.firstDay)
            cell.lastDay = max(cell.lastDay, c.period.lastDay)
            cells[key] = cell
        }
    }

    /// Confirms the filter's "maybe seen" keys against the rows written, and reports (or, with
    /// `--max-errors`, rejects) every row after the first of a key.
    private func resolveDuplicates() throws {
        guard exhaustive || candidates.count > 0 else { return }
        var duplicates: [(line: Int, firstLine: Int)] = []
        if exhaustive {
            var seen: [StatisticKey: Int] = [:]
            try load.forEachStatisticKey { line, key in
                if let f = seen[key] { duplicates.append((line, f)) } else { seen[key] = line }
            }
        } else {
            var firstLine = [Int](repeating: Int.max, count: candidates.count)
            try load.forEachStatisticKey { line, key in
                let bytes = key.bytes
                if let slot = bytes.withUnsafeBytes({ candidates.find($0) }) { firstLine[Int(slot)] = min(firstLine[Int(slot)], line) }
            }
            for (slot, lines) in candidateLines.enumerated() {
                for line in lines where line > firstLine[slot] { duplicates.append((line, firstLine[slot])) }
            }
        }
        for (line, firstLine) in duplicates.sorted(by: { $0.line < $1.line }) {
            let diagnostic = Diagnostic(SourceLocation(file: file, line: line, column: 1), .duplicateStatistic(firstLine: firstLine))
            if options.maxErrors != nil, let row = stashed[line] {
                try reject(fields: row.fields, diagnostic)
                try load.deleteStatistic(line: line)
                add(row.row, sign: -1)
                rowsAccepted -= 1
            } else {
                diagnostics.add(diagnostic)
                failed = true
            }
        }
    }

    /// The rollup records of the file.
    func records() -> [RollupRecord] {
        cells.compactMap { key, cell in
            guard cell.rows > 0 else { return nil }
            return RollupRecord(grain: key.grain, provinceID: key.provinceID, period: key.period, firstDay: cell.firstDay, lastDay: cell.lastDay,
                                unitID: key.unitID, level: key.level, procedureID: key.procedureID, fieldID: key.fieldID, counts: cell.counts)
        }.sorted { ($0.grain.rawValue, $0.provinceID, $0.period, $0.unitID ?? 0, $0.procedureID ?? 0) < ($1.grain.rawValue, $1.provinceID, $1.period, $1.unitID ?? 0, $1.procedureID ?? 0) }
    }

    func finishRejects(success: Bool) {
        if success { rejects?.close() } else { rejects?.discard() }
    }

    var rejectedCount: Int { rejects?.count ?? 0 }
    var rejectPath: String? { rejects.map(\.path) }
    func listedDiagnostics() -> [Diagnostic] { diagnostics.listed(file: file) }
}
