import ChiSoCore
import ChiSoCSV

/// One problem found in an input file, at a place in it.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var problem: IngestProblem

    public init(_ location: SourceLocation, _ problem: IngestProblem) {
        self.location = location; self.problem = problem
    }

    /// `file:line:column: error: [ingest] message`, as compilers and swift-format write diagnostics.
    /// Control characters and escape sequences from the file's cells are shown escaped (`\u{1B}`):
    /// a message is always one line that cannot drive the terminal.
    public var description: String { ControlCharacterEscaping.escape("\(location): error: [ingest] \(problem.message)") }
}

/// What is wrong with a cell, a row or a file, with the advice a user needs to fix it.
public enum IngestProblem: Sendable, Equatable {
    case csv(String)
    /// A rankings option (`--index`, `--year`, …) given for a statistics file or dossier log, which
    /// carry their own periods: ignoring it silently would hide a mistake.
    case optionNotForKind(option: String, kind: String)
    case missingColumn(field: String, found: [String], advice: String)
    case duplicateColumn(header: String, firstColumn: Int)
    /// Two headers that both name one field ("score" and "Điểm").
    case sameField(field: String, header: String, otherHeader: String, otherColumn: Int)
    /// A `--column` mapping whose field the file's kind does not have (`fields`: those it has).
    case unknownColumnMapping(String, fields: [String])
    case raggedRow(fields: Int, expected: Int)
    case notANumber(field: String, reason: String)
    case notAWholeNumber(field: String, text: String)
    case missingValue(field: String, advice: String)
    case yearOutOfRange(Int, latest: Int)
    case province(ProvinceLookupError)
    case provinceMismatch(code: String, codeName: String, name: String)
    case duplicateProvince(province: String, index: String, year: Int, firstLine: Int)
    case duplicateMetric(metric: String, province: String, firstLine: Int)
    case rankOutOfRange(rank: Int, of: Int)
    case invalidOf(String)
    case rankContradictsScores(province: String, rank: Int, score: String, other: String, otherRank: Int, otherScore: String, otherPlace: String)
    case conflictingOf(index: String, year: Int, of: Int, otherOf: Int, otherLine: Int)
    /// The province's figures for the edition are already in the store, from another file.
    case alreadyLoaded(province: String, index: String, year: Int, otherFile: String, otherLine: Int)
    /// The edition is already in the store, from another file, with another number of ranked provinces.
    case ofDiffersFromStore(index: String, year: Int, of: Int, storedOf: Int, otherFile: String)
    case emptyRow
    /// A header and nothing under it: loading it would record a source that brought no rows.
    case noRows
    /// A rank below 1 (ranks start at 1), whatever the edition's size.
    case rankNotPositive(Int)
    /// The name or code was read (on `asOf`) as a unit that did not exist in the edition's year.
    case provinceOutsideEdition(query: String, province: Province, asOf: Day, year: Int)
    case invalidDate(field: String, text: String)
    /// An index code with characters other than letters, digits, `-`, `_`, `.` and inner spaces.
    case invalidIndexCode(String)
    case tooManyErrors(shown: Int)
    // Administrative-procedure statistics and dossier logs.
    case invalidDateTime(field: String, text: String)
    case resolvedBeforeReceived(resolved: String, received: String)
    case dueBeforeReceived(due: String, received: String)
    case unknownChannel(String)
    case unknownOnlineLevel(String)
    case onlineLevelNotOnline(level: String, channel: String)
    case unknownStatus(String)
    case statusContradictsResolution(status: String, resolved: Bool)
    case duplicateDossier(id: String, firstLine: Int)
    case negativeCount(field: String, value: Int)
    case partExceedsWhole(part: String, partValue: Int, whole: String, wholeValue: Int)
    case partsExceedWhole(parts: [String], sum: Int, whole: String, wholeValue: Int)
    case partsDoNotAdd(parts: [String], sum: Int, whole: String, wholeValue: Int)
    case invalidPeriod(String)
    case unknownLevel(String)
    case levelContradictsUnit(unit: String, level: String, knownLevel: String)
    case unitNameChanged(code: String, name: String, firstName: String, firstLine: Int)
    case duplicateStatistic(firstLine: Int)
    case noCounts
    case lineOutOfRange(Int)
    case tooManyRejected(rejected: Int, allowed: Int)
    /// A yes/no column of a dossier log (result_electronic, satisfied, ...) holds something else.
    case unknownYesNo(field: String, text: String)

    public var message: String {
        switch self {
        case let .csv(message): return message
        case let .optionNotForKind(option, kind):
            return "\(option) applies to rankings files only, and this file is \(kind) (its rows carry their own periods); leave \(option) out, or load the rankings files in a separate chiso ingest"
        case let .missingColumn(field, found, advice):
            return "no \(field) column (found: \(found.joined(separator: ", "))); \(advice)"
        case let .duplicateColumn(header, first):
            return "column \"\(header)\" appears twice (first as column \(first)); rename one of them or map one with --column"
        case let .sameField(field, header, otherHeader, otherColumn):
            return "column \"\(header)\" and column \(otherColumn) (\"\(otherHeader)\") both give the \(field); delete one, or say which with --column \(field)=\"HEADER\""
        case let .unknownColumnMapping(text, fields):
            return "--column \(text): expected FIELD=HEADER with FIELD one of \(fields.joined(separator: ", "))"
        case let .raggedRow(fields, expected):
            return "row has \(fields) fields but the header has \(expected); check for an unquoted delimiter or a missing cell"
        case let .notANumber(field, reason):
            return "\(field): \(reason), or leave the cell empty"
        case let .notAWholeNumber(field, text):
            return "\(field) \"\(text)\" is not a whole number; write the \(field) as digits, or leave the cell empty"
        case let .missingValue(field, advice):
            return "no \(field); \(advice)"
        case let .yearOutOfRange(year, latest):
            return "year \(year) is outside 1990...\(latest); check the year column or --year"
        case let .province(error):
            return error.message
        case let .provinceMismatch(code, codeName, name):
            return "code \(code) is \(codeName) but the name says \"\(name)\"; correct the code or the name"
        case let .duplicateProvince(province, index, year, firstLine):
            return "\(province) appears twice in \(index) \(year) (first on line \(firstLine)); keep one row per province and edition"
        case let .duplicateMetric(metric, province, firstLine):
            return "\(metric) of \(province) is given twice (first on line \(firstLine)); keep one value"
        case let .rankOutOfRange(rank, of):
            return "rank \(rank) is outside 1...\(of); check the rank, or declare how many provinces were ranked with an `of` column or --of"
        case let .invalidOf(text):
            return "of \"\(text)\" is not a positive whole number; write how many provinces the edition ranked (63, 34, ...)"
        case let .rankContradictsScores(province, rank, score, other, otherRank, otherScore, otherPlace):
            return "\(province) is ranked \(rank) with score \(score), but \(other) (\(otherPlace)) is ranked \(otherRank) with the lower score \(otherScore); correct the rank or the score, or leave the rank empty to compute it"
        case let .conflictingOf(index, year, of, otherOf, otherLine):
            return "\(index) \(year) is said to rank \(of) provinces here but \(otherOf) on line \(otherLine); use one value"
        case let .alreadyLoaded(province, index, year, otherFile, otherLine):
            return "\(province) \(index) \(year) is already loaded from \(otherFile) (line \(otherLine)); correct one of the two files, or remove the other with `chiso sources --remove \(otherFile)`"
        case let .ofDiffersFromStore(index, year, of, storedOf, otherFile):
            return "\(index) \(year) ranks \(of) provinces here but \(storedOf) in \(otherFile), already loaded; make the two files agree on `of`, or remove the other with `chiso sources --remove \(otherFile)`"
        case .emptyRow:
            return "row has no score, rank or component; fill a value or delete the row"
        case .noRows:
            return "the file has a header but no rows; export the table with its rows, or check that this is the right file"
        case let .rankNotPositive(rank):
            return "rank \(rank) is not a rank (ranks start at 1); write the rank as published, or leave the cell empty to compute it from the score"
        case let .provinceOutsideEdition(query, province, asOf, year):
            let subject = ProvinceRegistry.matchingKey(query) == ProvinceRegistry.matchingKey(province.name)
                ? province.name : "\"\(query)\" read on \(asOf) is \(province.nameWithCode), which"
            let when: String
            if let to = province.validTo, to < Day(year: year, month: 1, day: 1) {
                when = "existed only until \(to), before \(year)"
            } else {
                when = "exists only from \(province.validFrom.map(\.description) ?? "?"), after any \(year) edition was published"
            }
            return "\(subject) \(when); set as_of (or --as-of) to a date in \(year), or drop it, so that names and codes are read as they were in \(year)"
        case let .invalidDate(field, text):
            return "\(field) \"\(text)\" is not a date; write it as YYYY-MM-DD"
        case let .invalidIndexCode(text):
            return "index \"\(text)\" is not an index code; write a short code of letters and digits such as PCI, PAPI or DTI (-, _, . and spaces may join its parts)"
        case let .tooManyErrors(shown):
            return "more errors not shown (first \(shown) listed); fix these and run `chiso validate` again"
        case let .invalidDateTime(field, text):
            return "\(field) \"\(text)\" is not a date or date-time; write it as 2023-03-15 or 2023-03-15T09:12:45+07:00"
        case let .resolvedBeforeReceived(resolved, received):
            return "resolved_at \(resolved) is before received_at \(received); correct one of the two dates"
        case let .dueBeforeReceived(due, received):
            return "due_at \(due) is before the day of received_at \(received); correct the due date"
        case let .unknownChannel(text):
            return "channel \"\(text)\" is not online, direct or postal; write one of them (or trực tuyến, trực tiếp, bưu chính)"
        case let .unknownOnlineLevel(text):
            return "online_level \"\(text)\" is not full or partial; write full (toàn trình), partial (một phần), or leave it empty"
        case let .onlineLevelNotOnline(level, channel):
            return "online_level is \"\(level)\" but the channel is \(channel); leave online_level empty for dossiers not received online"
        case let .unknownStatus(text):
            return "status \"\(text)\" is not resolved or pending; write one of them (or đã giải quyết, đang giải quyết), or leave it empty"
        case let .statusContradictsResolution(status, resolved):
            return resolved
                ? "status is \"\(status)\" but resolved_at is set; write resolved, or empty resolved_at if the dossier is still open"
                : "status is \"\(status)\" but resolved_at is empty; fill resolved_at with the date the dossier was resolved, or write pending"
        case let .duplicateDossier(id, firstLine):
            return "dossier_id \(id) appears again (first on line \(firstLine)); keep one row per dossier"
        case let .negativeCount(field, value):
            return "\(field) is \(value), a count cannot be negative; correct the count"
        case let .partExceedsWhole(part, partValue, whole, wholeValue):
            return "\(part) \(partValue) is more than \(whole) \(wholeValue); correct one of the two counts"
        case let .partsExceedWhole(parts, sum, whole, wholeValue):
            return "\(parts.joined(separator: " + ")) = \(sum) is more than \(whole) \(wholeValue); correct the counts"
        case let .partsDoNotAdd(parts, sum, whole, wholeValue):
            return "\(parts.joined(separator: " + ")) = \(sum) but \(whole) is \(wholeValue); correct the counts, or leave the one you do not know empty"
        case let .invalidPeriod(message):
            return message
        case let .unknownLevel(text):
            return "level \"\(text)\" is not province, district or commune; write one of them (or tỉnh, huyện, xã), or leave it empty"
        case let .levelContradictsUnit(unit, level, knownLevel):
            return "unit \(unit) is a \(knownLevel)-level unit but the row says \(level); correct the level or the unit code"
        case let .unitNameChanged(code, name, firstName, firstLine):
            return "unit \(code) is named \"\(name)\" here but \"\(firstName)\" on line \(firstLine); use one name per unit code, or correct the code"
        case let .duplicateStatistic(firstLine):
            return "this period, unit and procedure already have a row (line \(firstLine)); keep one row, or add the two up"
        case .noCounts:
            return "row has no count; fill received_total, resolved_total or another count, or delete the row"
        case let .lineOutOfRange(line):
            return "line \(line) is beyond the 4,294,967,295 lines one file may have; split the file"
        case let .tooManyRejected(rejected, allowed):
            return "\(rejected) rows rejected, more than --max-errors \(allowed); nothing was loaded: fix the file or raise --max-errors"
        case let .unknownYesNo(field, text):
            return field == "satisfied"
                ? "satisfied \"\(text)\" is not yes or no; write yes (hài lòng), no (không hài lòng), or leave it empty when not rated"
                : "\(field) \"\(text)\" is not yes or no; write yes, no, có, không, 1 or 0, or leave it empty when not known"
        }
    }
}

/// Errors of the ingest layer.
public enum IngestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(path: String, reason: String)
    /// The file was read and has problems; nothing was written.
    case invalid([Diagnostic])
    /// A file the ingest writes (the reject file, a temporary spill) could not be written: the
    /// ingest stops and the database is left as it was.
    case unwritable(path: String, what: String, reason: String, advice: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return ControlCharacterEscaping.escape("\(path): error: [ingest] cannot read the file: \(reason)")
        case let .invalid(diagnostics): return diagnostics.map(\.description).joined(separator: "\n")
        case let .unwritable(path, what, reason, advice):
            return ControlCharacterEscaping.escape("\(path): error: [ingest] cannot write \(what): \(reason); nothing was loaded: \(advice)")
        }
    }
}
