import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The SQLite database that holds everything ChiSo ingested.
///
/// Writes happen in one immediate transaction each, so a file loads whole or not at all, and a
/// second process waits for the first instead of failing with "database is locked".
public final class ChiSoStore: Sendable {
    package let queue: DatabaseQueue
    /// The file path, or ":memory:".
    public let path: String

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// `path == nil` opens a private in-memory database (for tests and dry runs).
    public init(path: String?, readOnly: Bool = false) throws(StoreError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.label = "chiso"
        self.path = path ?? ":memory:"
        let isNewFile = !readOnly && path.map(Self.isMissingOrEmpty) == true
        do {
            queue = try path.map { try DatabaseQueue(path: $0, configuration: configuration) }
                ?? DatabaseQueue(configuration: configuration)
        } catch {
            throw .cannotOpen(path: self.path, reason: Self.reason(error))
        }
        // Every open, read-only included, refuses a database that a newer ChiSo migrated: its tables
        // may mean something this build does not know.
        try refuseNewerSchema()
        if !readOnly { try migrate(newFile: isNewFile) }
    }

    private static func isMissingOrEmpty(_ path: String) -> Bool {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber else { return true }
        return size.intValue == 0
    }

    private func refuseNewerSchema() throws(StoreError) {
        let migrator = Schema.migrator
        do {
            let unknown: [String] = try queue.read { db in
                // The table first: GRDB's check selects, then looks for the table when that fails, and
                // a process that creates it in between (two opening a new file at once) turns
                // "not there yet" into an error. A table, once made, is never dropped.
                guard try db.tableExists("grdb_migrations"), try migrator.hasBeenSuperseded(db) else { return [] }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
                return applied.filter { !migrator.migrations.contains($0) }
            }
            guard unknown.isEmpty else { throw StoreError.newerSchema(path: path, unknown: unknown) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .cannotOpen(path: path, reason: Self.reason(error))
        }
    }

    /// Brings the schema up to date. `newFile`: the file did not exist (or was empty) before this
    /// open, so it holds nothing yet.
    private func migrate(newFile: Bool) throws(StoreError) {
        let migrator = Schema.migrator
        do {
            if try queue.read({ try migrator.hasCompletedMigrations($0) }) { return }
            // A new file's migrations, each a transaction of its own, waited for the disk about fifty
            // times (a two-row log loaded into a new file: 0.09-0.13 s, 0.07-0.08 s without). They are
            // written without a sync each, then the file is synced once, before anything is loaded into
            // it: a machine that fails in those milliseconds loses no data (at worst the new, empty file
            // is left unreadable, to delete).
            let synchronous = newFile ? try queue.writeWithoutTransaction { db in
                let previous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 2
                try db.execute(sql: "PRAGMA synchronous = OFF")
                return previous
            } : nil
            defer {
                if let synchronous { try? queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = \(synchronous)") } }
            }
            // GRDB reads which migrations are applied before it opens each migration's transaction, so two
            // processes opening a new database at once can both run the first one: the second fails
            // ("table province already exists") and rolls back. It then finds the schema made and goes on.
            var attempts = 0
            while true {
                do {
                    try migrator.migrate(queue)
                    break
                } catch {
                    attempts += 1
                    if try queue.read({ try migrator.hasCompletedMigrations($0) }) { break }
                    if attempts > migrator.migrations.count { throw error }
                }
            }
            if synchronous != nil { try Self.syncToDisk(path) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .cannotOpen(path: path, reason: Self.reason(error))
        }
    }

    /// Waits until the file at `path`, and its name in its directory, are on disk.
    private static func syncToDisk(_ path: String) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        for (file, flags) in [(path, O_RDONLY), (directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY)] {
            let descriptor = open(file, flags | O_CLOEXEC)
            guard descriptor >= 0, fsync(descriptor) == 0 else {
                let reason = String(cString: strerror(errno))
                if descriptor >= 0 { Glibc.close(descriptor) }
                throw .cannotOpen(path: path, reason: "it could not be written to disk (\(reason)); check the disk, then delete the new file and run the command again")
            }
            Glibc.close(descriptor)
        }
    }

    /// Runs `body` in one immediate write transaction; any error rolls everything back.
    package func write<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                try ProvinceTable.sync(db)
                try ComponentLabelTable.sync(db)
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Runs `body` in a read transaction: its own, or the snapshot's it runs inside.
    package func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try isolatedRead(body) } catch { throw Self.wrap(error) }
    }

    /// Runs `body` read-only inside a read transaction (a new one, or the one already open on this
    /// connection: reads nest, so a snapshot's reads all see the same state).
    package func isolatedRead<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.unsafeReentrantRead { db in
            try db.readOnly {
                if db.isInsideTransaction { return try body(db) }
                var result: T?
                try db.inTransaction(.deferred) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// Runs `body` with every read of this store inside it in one read transaction: it sees one
    /// state of the database, whatever other processes commit meanwhile (their commits wait, up
    /// to the busy timeout, until it ends). `chiso build` renders every page from one snapshot.
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        do {
            return try isolatedRead { db in
                // A deferred transaction takes its read lock at its first read: take it now.
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                return try body()
            }
        } catch let error as DatabaseError {
            throw Self.wrap(error)
        }
    }

    package static func wrap(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            return .sqlite(message: error.message ?? "\(error.resultCode)", sql: error.sql)
        }
        return .sqlite(message: "\(error)", sql: nil)
    }

    private static func reason(_ error: any Error) -> String {
        (error as? DatabaseError)?.message ?? "\(error)"
    }
}

extension ChiSoStore {
    /// Closes the connection (pending writes are already committed).
    public func close() throws(StoreError) {
        do { try queue.close() } catch { throw Self.wrap(error) }
    }
}

extension ChiSoStore {
    /// What SQLite's `PRAGMA integrity_check` finds wrong with the file: nothing when it is sound.
    public func checkIntegrity() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" } }
    }
}

extension ChiSoStore {
    /// Every table's schema and rows as text, in a fixed order: two stores with equal dumps hold the same data.
    /// Tests use it to prove that a rejected file left the database exactly as it was.
    public func dump() throws(StoreError) -> String {
        try read { db in
            var out = ""
            let tables = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'view', 'index') AND sql IS NOT NULL ORDER BY type, name")
            for table in tables {
                let name: String = table["name"]
                out += (table["sql"] as String) + ";\n"
                guard try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [name]) == 1 else { continue }
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\"")
                out += rows.map { row in row.databaseValues.map(\.description).joined(separator: "|") }.sorted().joined(separator: "\n")
                out += "\n"
            }
            return out
        }
    }
}
