import ChiSoCore
import ChiSoCSV
import Foundation

/// What the user told `chiso ingest` about a rankings file that the file itself may not say.
public struct RankingIngestOptions: Sendable, Equatable, Codable {
    /// The index code for rows without an `index` column (PCI, PAPI, DTI, ...).
    public var index: String?
    /// The edition for rows without a `year` column.
    public var year: Int?
    /// How many provinces the edition ranked, for rows without an `of` column.
    public var of: Int?
    /// The date at which province names and codes are resolved, for rows without an `as_of` column.
    public var asOf: Day?
    /// `FIELD=HEADER` mappings (`--column`).
    public var columns: [String: String]
    /// The decimal mark, when the file's numbers are ambiguous.
    public var decimal: DecimalStyle?
    /// For a workbook: the sheet to read (name or 1-based number); nil reads the first sheet with a table.
    public var sheet: String?

    public init(index: String? = nil, year: Int? = nil, of: Int? = nil, asOf: Day? = nil,
                columns: [String: String] = [:], decimal: DecimalStyle? = nil, sheet: String? = nil) {
        self.index = index; self.year = year; self.of = of; self.asOf = asOf; self.columns = columns; self.decimal = decimal
        self.sheet = sheet
    }
}

/// The validated content of a rankings file.
public struct RankingFile: Sendable, Equatable {
    public var records: [RankingRecord]
    /// Headers that matched no field (reported, so that a misspelt header is not silently lost).
    public var ignoredColumns: [String]
    /// Rows skipped as not data (summary rows, a row repeated with the same values), for the user.
    public var notes: [String] = []
}

/// Reads a rankings CSV (wide or long format) into validated records.
///
/// Every problem in the file is collected (up to `maxDiagnostics`) before failing, so a user fixes
/// them in one pass; nothing is written unless the whole file is valid.
public struct RankingIngest {
    public var registry: ProvinceRegistry
    public var maxDiagnostics = 50
    /// The latest edition year accepted (a later year is a typo or a future edition).
    public var latestYear: Int

    public init(registry: ProvinceRegistry = .standard, latestYear: Int = Calendar(identifier: .gregorian).component(.year, from: Date())) {
        self.registry = registry
        self.latestYear = latestYear
    }

    /// A row as read, before edition-level checks.
    private struct Draft {
        package var index: String
        package var year: Int
        package var province: Province
        package var score: Double?
        package var scoreText: String?
        package var rank: Int?
        package var of: Int?
        /// The `of` cell, when the row has one.
        package var ofLocation: SourceLocation?
        package var components: [String: Double] = [:]
        package var note: String?
        package var citation: String?
        package var line: Int
        package var rankLocation: SourceLocation
        package var seenMetrics: [String: Int] = [:]
        /// The day the row's names and codes were read on.
        package var asOf: Day
    }

    /// Parses and validates the file's bytes. `existing` gives the store's rows of an edition from other
    /// files, so that ranks and `of` are checked against the whole edition.
    public func read(bytes: [UInt8], file: String, options: RankingIngestOptions,
                     existing: (String, Int) throws -> [RankingEntry] = { _, _ in [] }) throws(IngestError) -> RankingFile {
        var diagnostics = DiagnosticList(limit: maxDiagnostics)
        func report(_ location: SourceLocation, _ problem: IngestProblem) { diagnostics.add(Diagnostic(location, problem)) }

        // Pass 1: the table as text, so the decimal style can be decided for the whole file first.
        var header: [String]?
        var headerLine = 1
        var rows: [(line: Int, fields: [String])] = []
        do {
            var reader = try CSVReader(bytes: bytes, file: file, options: CSVReader.Options(sheet: options.sheet))
            try reader.forEachRecord { record in
                let fields = (0..<record.count).map { record[$0].trimmingCharacters(in: .whitespaces) }
                if header == nil { header = fields; headerLine = record.line; return }
                if fields.allSatisfy(\.isEmpty) { return }  // blank spreadsheet rows
                rows.append((record.line, fields))
            }
        } catch {
            throw .invalid([Diagnostic(error.location, .csv(Self.message(for: error)))])
        }
        guard let header else {
            throw .invalid([Diagnostic(SourceLocation(file: file, line: 1, column: 1), .csv("the file is empty; export the table with its header row"))])
        }
        let headerLocation = SourceLocation(file: file, line: headerLine, column: 1)
        guard !rows.isEmpty else { throw .invalid([Diagnostic(headerLocation, .noRows)]) }
        // A year given on the command line is checked once, before it makes every row fail some other way.
        if let year = options.year, !(1990...latestYear).contains(year) {
            throw .invalid([Diagnostic(headerLocation, .yearOutOfRange(year, latest: latestYear))])
        }
        if let index = options.index, !Self.isIndexCode(index) {
            throw .invalid([Diagnostic(headerLocation, .invalidIndexCode(index))])
        }
        let columns = try RankingColumns.resolve(header: header, mappings: options.columns, file: file)

        var detector = DecimalStyleDetector()
        let numeric = (columns.isLong ? [columns.fields[.value]!] : [columns.fields[.score]].compactMap { $0 }) + columns.components.map(\.column)
        for row in rows {
            for c in numeric where c < row.fields.count && !row.fields[c].isEmpty {
                detector.observe(row.fields[c], at: SourceLocation(file: file, line: row.line, column: c + 1))
            }
        }
        let parser: DecimalParser
        do { parser = DecimalParser(style: try detector.resolve(declared: options.decimal)) } catch {
            throw .invalid([Diagnostic(error.location, .csv(error.message))])
        }

        // The day names are read on, per edition year, when neither --as-of nor an as_of column says.
        var notes: [String] = []
        var editionDays: [Int: Day] = [:]
        if options.asOf == nil && columns.fields[.asOf] == nil {
            do {
                (editionDays, notes) = try Self.editionDays(rows: rows, columns: columns, options: options, registry: registry, file: file,
                                                            headerLocation: headerLocation, existing: existing)
            } catch let error as IngestError { throw error } catch {
                throw .unreadable(path: file, reason: "the database could not be read (\(error))")
            }
        }

        // Pass 2: rows -> drafts keyed by (index, year, province).
        var drafts: [String: Draft] = [:]
        var order: [String] = []
        for (line, fields) in rows {
            if diagnostics.isFull { break }
            let rowStart = diagnostics.shown.count
            defer { diagnostics.sortByColumn(from: rowStart) }
            func at(_ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column + 1) }
            func cell(_ field: RankingField) -> (text: String, column: Int)? {
                guard let c = columns.fields[field], c < fields.count, !fields[c].isEmpty else { return nil }
                return (fields[c], c)
            }
            guard fields.count == header.count else { report(at(min(fields.count, header.count)), .raggedRow(fields: fields.count, expected: header.count)); continue }
            // A summary row (Trung bình, Min, Max, Cả nước, Tổng): not a province.
            if let label = [cell(.province)?.text, cell(.provinceCode)?.text, fields.first].compactMap({ $0 }).lazy.compactMap(SummaryRow.label).first {
                notes.append("skipped the summary row \"\(label)\" on line \(line): it is not a province")
                continue
            }
            func number(_ text: String, _ column: Int, _ name: String) -> Double? {
                do { return try parser.parse(text) } catch { report(at(column), .notANumber(field: name, reason: error.message)); return nil }
            }
            func whole(_ text: String, _ column: Int, _ name: String) -> Int? {
                guard let v = Int(text.hasSuffix(".0") ? String(text.dropLast(2)) : text) else { report(at(column), .notAWholeNumber(field: name, text: text)); return nil }
                return v
            }

            // A row that cannot be read as a province's figures still has its value cells checked: every bad
            // cell of a row is reported at once.
            func checkValueCells() {
                if let c = cell(.of), (Int(c.text) ?? 0) <= 0 { report(at(c.column), .invalidOf(c.text)) }
                func checkRank(_ text: String, _ column: Int) {
                    let rank = text.split(separator: "/", omittingEmptySubsequences: false).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? text
                    if let v = whole(rank, column, "rank"), v < 1 { report(at(column), .rankNotPositive(v)) }
                }
                if columns.isLong {
                    guard let m = cell(.metric), let v = cell(.value) else { return }
                    switch RankingIngest.metricKey(m.text) {
                    case "rank": checkRank(v.text, v.column)
                    case let key: _ = number(v.text, v.column, key)
                    }
                    return
                }
                if let c = cell(.score) { _ = number(c.text, c.column, "score") }
                if let c = cell(.rank) { checkRank(c.text, c.column) }
                for (key, column) in columns.components where column < fields.count && !fields[column].isEmpty { _ = number(fields[column], column, key) }
            }

            let index: String
            if let c = cell(.index) {
                guard Self.isIndexCode(c.text) else { report(at(c.column), .invalidIndexCode(c.text)); checkValueCells(); continue }
                index = c.text.uppercased()
            } else if let given = options.index { index = given.uppercased() } else {
                report(at(0), .missingValue(field: "index", advice: "add an index column or pass --index PCI (or PAPI, DTI, ...)")); continue
            }
            let year: Int
            if let c = cell(.year) {
                guard let y = whole(c.text, c.column, "year") else { checkValueCells(); continue }
                guard (1990...latestYear).contains(y) else { report(at(c.column), .yearOutOfRange(y, latest: latestYear)); checkValueCells(); continue }
                year = y
            } else if let given = options.year { year = given } else {
                report(at(0), .missingValue(field: "year", advice: "add a year column or pass --year 2021")); continue
            }
            var asOf = options.asOf ?? editionDays[year] ?? Day(year: year, month: 1, day: 1)
            if let c = cell(.asOf) {
                guard let d = Day(iso: c.text) else { report(at(c.column), .invalidDate(field: "as_of", text: c.text)); checkValueCells(); continue }
                asOf = d
            }
            // Province: by code and/or name; when both are given they must agree.
            var province: Province?
            if let c = cell(.provinceCode) {
                do { province = try registry.resolve(c.text, on: asOf) } catch { report(at(c.column), .province(error)); checkValueCells(); continue }
            }
            if let c = cell(.province) {
                do {
                    let byName = try registry.resolve(c.text, on: asOf)
                    if let byCode = province, byCode.id != byName.id {
                        report(at(c.column), .provinceMismatch(code: byCode.code ?? byCode.id, codeName: byCode.name, name: c.text)); continue
                    }
                    province = byName
                } catch {
                    // A code already identified the province; a name we cannot match is then only a label.
                    if province == nil { report(at(c.column), .province(error)); checkValueCells(); continue }
                }
            }
            guard let province else { report(at(columns.fields[.province] ?? columns.fields[.provinceCode] ?? 0), .missingValue(field: "province", advice: "fill the province name or code")); checkValueCells(); continue }
            // as_of decides how a name or code is read, not which edition a unit can be in. An edition names the
            // units of its year or of its publication (DTI 2024 ranked the 34 units of 2025), at most a year later:
            // code 24 read on 2025-07-01 is the new Bắc Ninh, which no 2021 edition ranked; Hà Tây ended in 2008.
            guard Self.canBeRanked(province, inEditionOf: year) else {
                let column = cell(.provinceCode)?.column ?? cell(.province)?.column ?? 0
                report(at(column), .provinceOutsideEdition(query: fields[column], province: province, asOf: asOf, year: year)); continue
            }

            let key = "\(index)|\(year)|\(province.id)"
            var draft: Draft
            if let existing = drafts[key] {
                // The same row twice (a copy-paste): one of them is enough.
                if !columns.isLong, let first = rows.first(where: { $0.line == existing.line }), first.fields == fields {
                    notes.append("skipped line \(line): it repeats line \(existing.line) (\(province.name)) with the same values")
                    continue
                }
                if !columns.isLong {
                    report(at(columns.fields[.province] ?? columns.fields[.provinceCode] ?? 0),
                           .duplicateProvince(province: province.name, index: index, year: year, firstLine: existing.line))
                    continue
                }
                draft = existing
            } else {
                draft = Draft(index: index, year: year, province: province, line: line, rankLocation: at(0), asOf: asOf)
            }
            if let c = cell(.of) {
                // Reported, and the row's other cells still read: every bad cell of a row at once.
                if let v = Int(c.text), v > 0 {
                    if let earlier = draft.of, earlier != v {
                        report(at(c.column), .conflictingOf(index: index, year: year, of: v, otherOf: earlier, otherLine: draft.line))
                    } else {
                        draft.of = v
                        draft.ofLocation = draft.ofLocation ?? at(c.column)
                    }
                } else {
                    report(at(c.column), .invalidOf(c.text))
                }
            }
            if let c = cell(.note) { draft.note = draft.note.map { "\($0); \(c.text)" } ?? c.text }
            if let c = cell(.citation), draft.citation == nil { draft.citation = c.text }

            func setMetric(_ metric: String, _ text: String, _ column: Int) {
                if let first = draft.seenMetrics[metric] {
                    report(at(column), .duplicateMetric(metric: metric, province: province.name, firstLine: first)); return
                }
                draft.seenMetrics[metric] = line
                switch metric {
                case "score":
                    if let v = number(text, column, "score") { draft.score = v; draft.scoreText = text }
                case "rank":
                    if let v = whole(text, column, "rank") {
                        guard v >= 1 else { report(at(column), .rankNotPositive(v)); return }
                        draft.rank = v; draft.rankLocation = at(column)
                    }
                default:
                    if let v = number(text, column, metric) { draft.components[metric] = v }
                }
            }
            if columns.isLong {
                guard let m = cell(.metric) else { report(at(columns.fields[.metric]!), .missingValue(field: "metric", advice: "write score, rank or a component key")); continue }
                guard let v = cell(.value) else { report(at(columns.fields[.value]!), .missingValue(field: "value", advice: "fill the value or delete the row")); continue }
                setMetric(RankingIngest.metricKey(m.text), v.text, v.column)
            } else {
                if let c = cell(.score) { setMetric("score", c.text, c.column) }
                if let c = cell(.rank) {
                    // "35/63": rank 35 of 63 ranked.
                    let parts = c.text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                    if parts.count == 2, let of = Int(parts[1]), of > 0, Int(parts[0]) != nil {
                        if let earlier = draft.of, earlier != of {
                            report(at(c.column), .conflictingOf(index: index, year: year, of: of, otherOf: earlier, otherLine: draft.line))
                        } else {
                            draft.of = of
                            draft.ofLocation = draft.ofLocation ?? at(c.column)
                        }
                        setMetric("rank", parts[0], c.column)
                    } else {
                        setMetric("rank", c.text, c.column)
                    }
                }
                for (key, column) in columns.components where column < fields.count && !fields[column].isEmpty {
                    setMetric(key, fields[column], column)
                }
                if draft.score == nil && draft.rank == nil && draft.components.isEmpty && draft.seenMetrics.isEmpty {
                    report(at(0), .emptyRow)
                }
            }
            // Registered only once the row is read through: a row rejected above (a bad `of`, ...) leaves no draft behind.
            if drafts[key] == nil { order.append(key) }
            drafts[key] = draft
        }

        // Edition-level checks: `of`, rank range, ranks against the order of the scores.
        var records: [RankingRecord] = []
        var editions: [String: [String]] = [:]
        for key in order { let d = drafts[key]!; editions["\(d.index)|\(d.year)", default: []].append(key) }
        for editionKey in editions.keys.sorted() where !diagnostics.isFull {
            let keys = editions[editionKey]!
            let first = drafts[keys[0]]!
            let others: [RankingEntry]
            // A database that cannot be read is an error, not an empty edition: the checks below
            // against the stored rows would otherwise pass silently.
            do { others = try existing(first.index, first.year) } catch {
                throw .unreadable(path: file, reason: "the database could not be read to check \(first.index) \(first.year) against it (\(error))")
            }
            let declared = keys.compactMap { drafts[$0]!.of }.first ?? options.of
            // One edition, one size: rows of different provinces must not disagree on `of` either.
            if let firstOf = keys.first(where: { drafts[$0]!.of != nil }).map({ drafts[$0]! }) {
                for key in keys {
                    let d = drafts[key]!
                    if let v = d.of, v != firstOf.of! {
                        report(d.ofLocation ?? d.rankLocation, .conflictingOf(index: d.index, year: d.year, of: v, otherOf: firstOf.of!, otherLine: firstOf.line))
                    }
                }
            }
            // Another file already loaded this edition: it must agree on how many provinces were ranked.
            if let declared, let stored = others.first, stored.of != declared {
                let location = keys.compactMap { drafts[$0]!.ofLocation }.first ?? headerLocation
                report(location, .ofDiffersFromStore(index: first.index, year: first.year, of: declared, storedOf: stored.of, otherFile: stored.sourceFile))
            }
            // Not said: the number of provinces that existed when the edition was read (63; 64 with Hà Tây until
            // 2008; 34 from 2025-07-01), never the largest rank of a file that may hold only part of the edition.
            let of = declared ?? others.first?.of ?? registry.provinces(validOn: first.asOf).count
            let present = Set(keys.filter { drafts[$0]!.score != nil || drafts[$0]!.rank != nil }.map { drafts[$0]!.province.id })
                .union(others.map(\.provinceID)).count
            if present < of && present > 0 {
                let fromFile = keys.filter { drafts[$0]!.score != nil || drafts[$0]!.rank != nil }.count
                notes.append("\(first.index) \(first.year) ranks \(of) provinces\(declared == nil && others.isEmpty ? " (the provinces of \(first.asOf); --of N says otherwise)" : ""); "
                             + "this file has \(fromFile) of them\(others.isEmpty ? "" : " and the database \(present - fromFile) more")"
                             + ", so the edition is held in part (ranks stay as published; a change is computed only for the provinces present)")
            }
            var scored: [(name: String, rank: Int, score: Double, scoreText: String, place: String, location: SourceLocation?)] = []
            // A province another file already brought is reported here, where `validate` sees it too (the store
            // checks again when it writes, for a file loaded in between).
            var claimed: [String: RankingEntry] = [:]
            for e in others { claimed[e.provinceID] = claimed[e.provinceID] ?? e }
            for key in keys {
                let d = drafts[key]!
                if d.score != nil || d.rank != nil, let other = claimed[d.province.id] {
                    report(SourceLocation(file: file, line: d.line, column: 1), .alreadyLoaded(
                        province: d.province.name, index: d.index, year: d.year, otherFile: other.sourceFile, otherLine: other.sourceLine))
                }
                if let rank = d.rank, rank > of { report(d.rankLocation, .rankOutOfRange(rank: rank, of: of)) }
                if let rank = d.rank, let score = d.score {
                    scored.append((d.province.name, rank, score, d.scoreText ?? "\(score)", "line \(d.line)", d.rankLocation))
                }
                records.append(RankingRecord(index: d.index, year: d.year, provinceID: d.province.id, score: d.score, rank: d.rank, of: of,
                                             components: d.components, note: d.note, citation: d.citation, line: d.line))
            }
            let incoming = Set(keys.compactMap { drafts[$0]!.score != nil || drafts[$0]!.rank != nil ? drafts[$0]!.province.id : nil })
            for e in others where !e.rankComputed && !incoming.contains(e.provinceID) {
                if let rank = e.rank, let score = e.score {
                    scored.append((registry.province(id: e.provinceID)?.name ?? e.provinceID, rank, score, "\(score)", "\(e.sourceFile) line \(e.sourceLine)", nil))
                }
            }
            // Sorted by score, best first: a rank must never be worse than the rank of a lower score.
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.rank < $1.rank }
            // The row with the worst rank among strictly higher scores.
            var worstAbove: (name: String, rank: Int, score: Double, scoreText: String, place: String, location: SourceLocation?)?
            var i = 0
            while i < scored.count {
                var j = i
                while j < scored.count && scored[j].score == scored[i].score { j += 1 }
                for k in i..<j {
                    let row = scored[k]
                    if let above = worstAbove, row.rank < above.rank, let location = above.location ?? row.location {
                        report(location, .rankContradictsScores(province: above.name, rank: above.rank, score: above.scoreText,
                                                                other: row.name, otherRank: row.rank, otherScore: row.scoreText, otherPlace: row.place))
                    }
                }
                for k in i..<j where worstAbove == nil || scored[k].rank > worstAbove!.rank { worstAbove = scored[k] }
                i = j
            }
        }
        if diagnostics.total > 0 { throw .invalid(diagnostics.inReportOrder(file: file, moreAt: rows.last?.line ?? 1)) }
        return RankingFile(records: records, ignoredColumns: columns.ignored, notes: notes)
    }

    /// The day to read names and codes on for the edition years that may rank the 34 units of 2025-07-01
    /// (2024 and 2025), when neither `--as-of` nor an `as_of` column says, and a note for each year read so.
    ///
    /// Every row must name a 2025 unit (on 2025-07-01) and the edition must rank 34: an `of` of 34 (a column,
    /// "25/34", `--of`, or the stored edition), or, without one, all 34 units in the file. A 2025 file of some
    /// of those units that does not say is ambiguous (the 63 provinces, or the 34 units?): an error.
    private static func editionDays(rows: [(line: Int, fields: [String])], columns: RankingColumns, options: RankingIngestOptions,
                                    registry: ProvinceRegistry, file: String, headerLocation: SourceLocation,
                                    existing: (String, Int) throws -> [RankingEntry]) throws -> ([Int: Day], [String]) {
        let reorganisation = Day(year: 2025, month: 7, day: 1)
        func cell(_ fields: [String], _ field: RankingField) -> String? {
            guard let c = columns.fields[field], c < fields.count, !fields[c].isEmpty else { return nil }
            return fields[c]
        }
        struct Edition { var index: String?; var units = Set<String>(); var allNew = true; var of: Int?; var maxRank = 0 }
        var editions: [Int: Edition] = [:]
        for (_, fields) in rows {
            guard let year = cell(fields, .year).flatMap({ Int($0) }) ?? options.year, (2024...2025).contains(year) else { continue }
            if SummaryRow.label(fields.first ?? "") != nil { continue }
            var e = editions[year] ?? Edition(index: options.index)
            if e.index == nil { e.index = cell(fields, .index) }
            let query = cell(fields, .provinceCode) ?? cell(fields, .province)
            if let query, let unit = try? registry.resolve(query, on: reorganisation), unit.validFrom == reorganisation {
                e.units.insert(unit.id)
            } else if query != nil {
                e.allNew = false
            }
            if let text = cell(fields, .rank) {
                let parts = text.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
                if let rank = parts.first.flatMap({ Int($0) }) { e.maxRank = max(e.maxRank, rank) }
                if parts.count == 2, let of = Int(parts[1]) { e.of = e.of ?? of }
            }
            if let of = cell(fields, .of).flatMap({ Int($0) }) { e.of = e.of ?? of }
            editions[year] = e
        }
        var days: [Int: Day] = [:]
        var notes: [String] = []
        for year in editions.keys.sorted() {
            let e = editions[year]!
            guard e.allNew, !e.units.isEmpty else { continue }
            let name = "\(e.index.map { $0.uppercased() + " " } ?? "")\(year)"
            let stored = try e.index.map { try existing($0.uppercased(), year) }?.first?.of
            let reason: String
            if let of = options.of ?? e.of ?? stored {
                guard of == 34 else { continue }
                reason = "the edition ranks 34"
            } else if e.maxRank > 34 {
                continue
            } else if e.units.count == 34 {
                reason = "the file has all 34 of them"
            } else if year == 2025 {
                throw IngestError.invalid([Diagnostic(headerLocation, .csv(
                    "\(name): every province of this file is also one of the 34 units of 2025-07-01, and nothing says whether the edition "
                    + "ranked the 63 provinces or the 34 units; pass --as-of 2025-07-01 (the 34 units) or --as-of 2025-01-01 (the 63 provinces), "
                    + "or say how many were ranked with --of 34 or --of 63"))])
            } else {
                continue
            }
            days[year] = reorganisation
            notes.append("read the provinces of \(name) as the 34 units of 2025-07-01 (every row names one of them and \(reason)); "
                         + "no change is computed against the 63 provinces before the reorganisation; pass --as-of 2025-01-01 to read them as those 63")
        }
        return (days, notes)
    }

    /// An index code is a short name (PCI, PAPI, DTI, PAR-INDEX, SIPAS ...): letters, digits, and `-`, `_`, `.`
    /// or spaces inside. Codes travel into commands (`--index PCI,PAPI` lists them with commas), page titles
    /// and CSV exports, so nothing else is accepted.
    package static func isIndexCode(_ text: String) -> Bool {
        guard (1...24).contains(text.count), let first = text.first, first.isLetter || first.isNumber,
              let last = text.last, last.isLetter || last.isNumber else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." || $0 == " " }
    }

    /// Whether `province` existed between the start of `year` and the end of the year after (when the edition
    /// was published at the latest).
    package static func canBeRanked(_ province: Province, inEditionOf year: Int) -> Bool {
        if let from = province.validFrom, from > Day(year: year + 1, month: 12, day: 31) { return false }
        if let to = province.validTo, to < Day(year: year, month: 1, day: 1) { return false }
        return true
    }

    /// The reader's message, except for its size limits: they protect memory and cannot be raised from the
    /// command line, so the advice is about the file.
    package static func message(for error: CSVError) -> String {
        switch error.kind {
        case .fieldTooLarge(let limit):
            return "the field starting here is larger than \(CSVError.byteCount(limit)), which no cell of a rankings file needs; "
                + "look for a quote missing before it (a quoted field runs on to the next quote), or shorten the cell"
        case .recordTooLarge(let limit):
            return "the row starting here is larger than \(CSVError.byteCount(limit)); look for a quote missing before it, "
                + "or split the row"
        default:
            return error.message
        }
    }

    /// Long-format metric names: `score`/`Điểm`, `rank`/`Xếp hạng`, anything else a component key.
    package static func metricKey(_ text: String) -> String {
        let key = HeaderKey.normalize(text)
        if RankingField.score.aliases.contains(key) { return "score" }
        if RankingField.rank.aliases.contains(key) { return "rank" }
        return text
    }
}

extension DecimalStyle: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        switch text {
        case "point": self = .point
        case "comma": self = .comma
        default: throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "decimal style \(text)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
