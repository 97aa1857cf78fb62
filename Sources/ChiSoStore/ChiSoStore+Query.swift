import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import Dispatch
import GRDB
import GRDBSQLite

/// The result of a user's SQL query: column names and typed cells.
public struct QueryResult: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    public var columns: [String]
    public var rows: [[Cell]]
    /// Rows the query returned beyond `rows` (when it was run with a cap), counted, not kept.
    public var omittedRows: Int

    public init(columns: [String], rows: [[Cell]], omittedRows: Int = 0) {
        self.columns = columns; self.rows = rows; self.omittedRows = omittedRows
    }

    /// The cell of the first row in `column`, if any.
    public func first(_ column: String) -> Cell? {
        guard let i = columns.firstIndex(of: column), let row = rows.first else { return nil }
        return row[i]
    }
}

/// Why a user's query was refused or failed.
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Refused or failed: `message` says why.
        case failed
        /// Still running when its time budget (in seconds) ran out; interrupted.
        case timedOut(seconds: Double)
        /// More than one statement in the text.
        case severalStatements
    }

    public var message: String
    public var kind: Kind

    public init(message: String, kind: Kind = .failed) { self.message = message; self.kind = kind }

    public var description: String { message }
}

/// What a user's query may take: a time budget and the rows kept.
public struct QueryLimits: Sendable, Equatable {
    /// Seconds the query may run (preparing, stepping, reading its rows) before it is interrupted; nil: no limit.
    public var timeout: Double?
    /// Rows kept in the result; the rest are counted (`omittedRows`). nil: all.
    public var maxRows: Int?

    public init(timeout: Double? = nil, maxRows: Int? = nil) { self.timeout = timeout; self.maxRows = maxRows }

    public static let none = QueryLimits()
}

/// The deadline a query's progress handler checks (SQLite calls it every few thousand instructions).
private final class QueryDeadline {
    let deadline: UInt64
    var expired = false
    init(seconds: Double) { deadline = DispatchTime.now().uptimeNanoseconds &+ UInt64(max(0, seconds) * 1e9) }
}

extension ChiSoStore {
    /// Runs one SQL statement that may only read: writes, ATTACH, PRAGMA changes and extension
    /// loading are refused before they run. Named parameters (`:province`) are bound from `parameters`,
    /// never spliced into the SQL.
    ///
    /// `limits` bounds its time (a progress handler interrupts it: `QueryError.Kind.timedOut`) and the
    /// rows kept (the others are counted in `omittedRows`), so that no query can hang a build or
    /// exhaust its memory.
    public func query(_ sql: String, parameters: [String: QueryResult.Cell] = [:], limits: QueryLimits = .none) throws(QueryError) -> QueryResult {
        let deadline = limits.timeout.map(QueryDeadline.init(seconds:))
        do {
            return try isolatedRead { db in
                if let deadline {
                    sqlite3_progress_handler(db.sqliteConnection, 4_000, { context in
                        let deadline = Unmanaged<QueryDeadline>.fromOpaque(context!).takeUnretainedValue()
                        guard DispatchTime.now().uptimeNanoseconds > deadline.deadline else { return 0 }
                        deadline.expired = true
                        return 1
                    }, Unmanaged.passUnretained(deadline).toOpaque())
                }
                defer { if deadline != nil { sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil) } }
                let statement: Statement
                do {
                    statement = try db.makeStatement(sql: sql)
                } catch let error as DatabaseError {
                    // GRDB's advice ("use Database.execute(sql:)") is for programmers, not notebook authors.
                    if error.resultCode == .SQLITE_MISUSE, error.message?.hasPrefix("Multiple statements found") == true {
                        throw QueryError(message: "the block holds more than one SQL statement; write one query per sql block (a WITH clause can prepare what it needs)",
                                         kind: .severalStatements)
                    }
                    throw QueryError(message: error.message ?? "\(error.resultCode)")
                }
                guard sqlite3_stmt_readonly(statement.sqliteStatement) != 0, !Self.isRefused(sql) else {
                    throw QueryError(message: "only queries that read are allowed here (SELECT, WITH …); writes, ATTACH, PRAGMA and extension loading are refused")
                }
                var arguments: [String: (any DatabaseValueConvertible)?] = [:]
                var missing: [String] = []
                for i in 1...max(1, Int(sqlite3_bind_parameter_count(statement.sqliteStatement))) where sqlite3_bind_parameter_count(statement.sqliteStatement) > 0 {
                    guard let cName = sqlite3_bind_parameter_name(statement.sqliteStatement, Int32(i)) else {
                        throw QueryError(message: "positional parameters (?) cannot be bound here; use named ones like :province")
                    }
                    let name = String(String(cString: cName).dropFirst())
                    guard let value = parameters[name] else { missing.append(name); continue }
                    arguments[name] = value.databaseValue
                }
                guard missing.isEmpty else {
                    throw QueryError(message: "no value for parameter\(missing.count > 1 ? "s" : "") \(missing.map { ":" + $0 }.joined(separator: ", ")); known: \(parameters.keys.sorted().map { ":" + $0 }.joined(separator: ", "))")
                }
                statement.arguments = StatementArguments(arguments)
                let columns = statement.columnNames
                var rows: [[QueryResult.Cell]] = []
                var omitted = 0
                let cursor = try Row.fetchCursor(statement)
                while let row = try cursor.next() {
                    if let maxRows = limits.maxRows, rows.count >= maxRows { omitted += 1; continue }
                    rows.append(row.databaseValues.map(QueryResult.Cell.init))
                }
                return QueryResult(columns: columns, rows: rows, omittedRows: omitted)
            }
        } catch let error as QueryError {
            throw error
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_INTERRUPT, let deadline, deadline.expired, let seconds = limits.timeout {
                throw QueryError(message: "interrupted after \(NumberFormat.decimal(seconds, places: seconds.rounded() == seconds ? 0 : 1, .en)) s", kind: .timedOut(seconds: seconds))
            }
            throw QueryError(message: error.message ?? "\(error.resultCode)")
        } catch {
            throw QueryError(message: "\(error)")
        }
    }

    /// Statements SQLite reports as read-only but that change the connection or reach other files.
    /// (GRDB runs reads with `PRAGMA query_only`, so a write would fail anyway; this refuses earlier,
    /// with a message, and also refuses what query_only allows.)
    package static func isRefused(_ sql: String) -> Bool {
        // Words outside string literals and quoted identifiers.
        var code = ""
        var quote: Character?
        for c in sql {
            if let q = quote { if c == q { quote = nil }; continue }
            if c == "'" || c == "\"" || c == "`" || c == "[" { quote = c == "[" ? "]" : c; code.append(" "); continue }
            code.append(c)
        }
        let words = code.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "_" }
        return words.contains { ["attach", "detach", "pragma", "load_extension", "vacuum", "reindex", "analyze"].contains($0) }
    }
}

extension QueryResult.Cell {
    package init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let n): self = .integer(n)
        case .double(let x): self = .real(x)
        case .string(let s): self = .text(s)
        case .blob(let b): self = .text("<\(b.count) bytes>")
        }
    }

    package var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let n): return n.databaseValue
        case .real(let x): return x.databaseValue
        case .text(let s): return s.databaseValue
        }
    }
}
