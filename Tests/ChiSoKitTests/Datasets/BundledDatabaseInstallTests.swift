import Foundation
import Testing

import ChiSoKit
@testable import ChiSoCore
@testable import ChiSoCSV
@testable import ChiSoIngest
@testable import ChiSoStore
@testable import ChiSoMetrics
@testable import ChiSoReport
@testable import ChiSoNotebook
@testable import ChiSoApp

@Suite("The default database is installed, never swapped")
struct BundledDatabaseInstallTests {
    @Test("a database another process put in place first is kept, with what was loaded into it")
    func keepsTheDatabaseAlreadyThere() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("chiso.sqlite").path
        let building = path + ".building-1"
        try Data("ours".utf8).write(to: URL(fileURLWithPath: building))

        #expect(try BundledDatabase.install(building, at: path))
        #expect(FileManager.default.contents(atPath: path) == Data("ours".utf8))
        try? FileManager.default.removeItem(atPath: building)  // as openOrCreate does

        // Another process built its own copy more slowly; meanwhile the first one was used.
        try Data("used by an analyst".utf8).write(to: URL(fileURLWithPath: path))
        try Data("late copy".utf8).write(to: URL(fileURLWithPath: building))
        #expect(try BundledDatabase.install(building, at: path) == false)
        #expect(FileManager.default.contents(atPath: path) == Data("used by an analyst".utf8))
    }
}
