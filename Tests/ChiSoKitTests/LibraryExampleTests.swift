import Foundation
import Testing

// Only the umbrella product, as a library user imports it: the README's example must compile with this.
import ChiSoKit

@Suite("The README's library example")
struct LibraryExampleTests {
    /// The example exactly as the README prints it, the path aside; `runExample` runs the same lines.
    static let exampleBody = """
        let store = try ChiSoStore(path: path)
        let change = RankChangeCalculator(index: "PCI", entries: try store.fetchEntries(index: "PCI"), editions: try store.fetchEditions(index: "PCI"))
            .change(provinceID: "54", year: 2021)   // rank 35, of 63, change +7, previousYear 2020
        """

    static func runExample(path: String) throws -> RankChange? {
        let store = try ChiSoStore(path: path)
        let change = RankChangeCalculator(index: "PCI", entries: try store.fetchEntries(index: "PCI"), editions: try store.fetchEditions(index: "PCI"))
            .change(provinceID: "54", year: 2021)   // rank 35, of 63, change +7, previousYear 2020
        return change
    }

    @Test("it compiles against `import ChiSoKit` alone, gives what its comment says, and matches the README")
    func example() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../README.md").standardizedFileURL, encoding: .utf8)
        let section = try #require(readme.range(of: "## The library in three lines"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```swift\n")), close = try #require(rest.range(of: "\n```", range: open.upperBound..<rest.endIndex))
        let block = rest[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init)
        #expect(block.first == "import ChiSoKit")
        #expect(block.dropFirst().joined(separator: "\n") == Self.exampleBody.replacingOccurrences(of: "(path: path)", with: "(path: \"chiso.sqlite\")"))

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("chiso.sqlite").path
        _ = try BundledDatabase.load(into: try ChiSoStore(path: path), timestamp: "2026-01-01T00:00:00Z")
        let change = try #require(try Self.runExample(path: path))
        #expect(change.rank == 35 && change.of == 63 && change.change == 7 && change.previousYear == 2020)
    }
}
