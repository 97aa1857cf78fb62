import ChiSoCore
import ChiSoCSV
import ChiSoIngest

/// Errors of the store: what went wrong with the database and what to do about it.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database file could not be opened or is not a ChiSo database.
    case cannotOpen(path: String, reason: String)
    /// The database was written by a newer ChiSo (it has migrations this build does not know).
    case newerSchema(path: String, unknown: [String])
    /// A row of the incoming file is already in the store from another file.
    case alreadyLoaded(index: String, year: Int, province: String, file: String, line: Int, otherFile: String, otherLine: Int)
    /// The incoming file declares a different number of ranked provinces than the store has for that edition.
    case conflictingOf(index: String, year: Int, of: Int, storedOf: Int, file: String, line: Int, otherFile: String)
    /// An SQLite error, with the SQL that failed (never the bound values).
    case sqlite(message: String, sql: String?)
    /// The incoming administrative-procedure file counts a unit over days another file already counts.
    /// `what`: every unit (or level, or province) and days this file counts that `otherFile` already counts,
    /// in words ("Sở A and Sở B of Phú Yên over 2023-01-01..2023-03-31"); `days` and `otherDays` are kept
    /// for callers that matched on them (now in `what`, and empty).
    case overlappingCounts(file: String, what: String, days: String, otherFile: String, otherDays: String)

    /// One line, with control characters from files and the database shown escaped.
    public var description: String { ControlCharacterEscaping.escape(message) }

    private var message: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): error: [store] cannot open the database: \(reason); check the path, or remove the file to start a new database"
        case let .newerSchema(path, unknown):
            return "\(path): error: [store] the database was written by a newer ChiSo (migrations \(unknown.joined(separator: ", "))); upgrade chiso or use another --db"
        case let .alreadyLoaded(index, year, province, file, line, otherFile, otherLine):
            return "\(file):\(line):1: error: [ingest] \(province) \(index) \(year) is already loaded from \(otherFile) (line \(otherLine)); correct one of the two files, or remove the other with `chiso sources --remove \(otherFile)`"
        case let .conflictingOf(index, year, of, storedOf, file, line, otherFile):
            return "\(file):\(line):1: error: [ingest] \(index) \(year) ranks \(of) provinces here but \(storedOf) in \(otherFile), already loaded; make the two files agree on `of`, or remove the other with `chiso sources --remove \(otherFile)`"
        case let .overlappingCounts(file, overlaps, _, otherFile, _):
            return "\(file): error: [ingest] \(otherFile), already loaded, counts the same dossiers: \(overlaps); "
                + "loading both would count those dossiers twice: remove one with `chiso sources --remove \(otherFile)`, or load files that do not overlap"
        case let .sqlite(message, sql):
            return "error: [store] SQLite: \(message)" + (sql.map { " (in: \($0))" } ?? "")
        }
    }

    /// The same error naming the incoming file as the user wrote it (a path) instead of by its base name.
    public func naming(_ shown: String) -> StoreError {
        switch self {
        case let .alreadyLoaded(index, year, province, _, line, otherFile, otherLine):
            return .alreadyLoaded(index: index, year: year, province: province, file: shown, line: line, otherFile: otherFile, otherLine: otherLine)
        case let .conflictingOf(index, year, of, storedOf, _, line, otherFile):
            return .conflictingOf(index: index, year: year, of: of, storedOf: storedOf, file: shown, line: line, otherFile: otherFile)
        default:
            return self
        }
    }
}
