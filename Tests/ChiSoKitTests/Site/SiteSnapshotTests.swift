import ChiSoKit
import Foundation
import Testing

/// `chiso build` makes every page from one state of the database, even when an ingest commits during it.
@Suite("Site build snapshot")
struct SiteSnapshotTests {
    @Test("the build reads one snapshot: an ingest on another connection during the build waits, and no page sees it")
    func oneSnapshot() throws {
        let folder = try TemporaryFolder()
        let dbPath = folder.path("db.sqlite")
        let store = try ChiSoStore(path: dbPath)
        let ingestor = Ingestor(store: store, timestamp: "2026-01-01T00:00:00Z")
        _ = try ingestor.ingest(path: try folder.write("first.csv", "index,year,province,score,rank,of\nPCI,2021,Phú Yên,64.17,35,63\n"))
        let secondFile = try folder.write("second.csv", "index,year,province,score,rank,of\nPCI,2022,Phú Yên,65.5,30,63\n")
        // Another connection to the same file, as another process would have.
        let other = try ChiSoStore(path: dbPath)

        let config = try SiteConfig.parse("out: site\nnotebooks: none\nformats: [md]\nsource_date: 2026-01-01\nreports:\n  - step: 1\n  - step: 2\n", path: "chiso.yml")
        let seen = Counts()
        let writer = ThreadResult()
        let builder = SiteBuilder(config: config, store: store) { entry in
            if entry["step"] == "1" {
                seen.before = try store.fetchSources().count
                // The other connection loads a file while the build runs; give it time to commit if it could.
                let thread = Thread {
                    writer.result = Result { try Ingestor(store: other, timestamp: "2026-01-02T00:00:00Z").ingest(path: secondFile).outcome }
                    writer.done.signal()
                }
                thread.start()
                Thread.sleep(forTimeInterval: 0.5)
                seen.afterWrite = try store.fetchSources().count
            } else {
                seen.later = try store.fetchSources().count
            }
            return [(name: "step-\(entry["step"]!)", document: ReportDocument(title: "x", language: .en, blocks: [],
                                                                            footer: ReportFooter(sources: [], attribution: "")))]
        }
        _ = try builder.build(notebooks: [])
        #expect(writer.done.wait(timeout: .now() + 90) == .success)
        #expect(seen.before == 1 && seen.afterWrite == 1 && seen.later == 1, "pages saw \(seen.before), \(seen.afterWrite), \(seen.later) sources")
        // The ingest waited for the build and then committed.
        #expect(try writer.result?.get() == .loaded(rows: 1))
        #expect(try store.fetchSources().count == 2)
    }

    final class Counts: @unchecked Sendable { var before = -1, afterWrite = -1, later = -1 }
    final class ThreadResult: @unchecked Sendable {
        var result: Result<LoadOutcome?, any Error>?
        let done = DispatchSemaphore(value: 0)
    }
}
