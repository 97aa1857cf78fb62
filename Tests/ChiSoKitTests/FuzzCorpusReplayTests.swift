import ChiSoFuzzChecks
import Foundation
import Testing

/// Every input of the committed fuzz corpora (`Fuzz/Corpus/<target>/`), fed once through the checks the
/// libFuzzer targets run (`Tests/FuzzChecks`), without sanitizers: a regression check that keeps the
/// targets and their corpora from rotting, in seconds, in every `swift test`.
@Suite("Fuzz corpus replay")
struct FuzzCorpusReplayTests {
    static let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

    @Test("every committed input passes its target's checks", arguments: FuzzChecks.all.map(\.corpus))
    func replay(_ corpus: String) throws {
        let check = try #require(FuzzChecks.all.first { $0.corpus == corpus }?.check)
        let folder = Self.corpora.appendingPathComponent(corpus)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files.count >= 10, "the corpus \(corpus) has \(files.count) inputs")
        var failures: [String] = []
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
            do { try check(bytes) } catch { failures.append("\(corpus)/\(file): \(error)") }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
