import Foundation
import Testing

@Suite("Documentation")
struct DocumentationTests {
    static let readme = try! String(contentsOf: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md"), encoding: .utf8)

    @Test("every subcommand in --help is shown in the README")
    func everySubcommandDocumented() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        let section = try #require(help.stdout.components(separatedBy: "SUBCOMMANDS:").last)
        let names = section.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.drop { $0 == " " }
            guard line.hasPrefix("  "), !line.hasPrefix("          "), let name = trimmed.split(separator: " ").first else { return nil }
            return String(name)
        }.filter { $0 != "See" && $0 != "help" }
        #expect(names.count >= 6, "\(names)")
        for name in names {
            #expect(Self.readme.contains("chiso \(name)"), "README does not show `chiso \(name)`")
        }
    }

    @Test("every subcommand's --help has a discussion with an example")
    func helpTeaches() throws {
        for name in ["changes", "ranks", "provinces", "rates", "service-index", "ingest", "validate", "sources"] {
            let help = try CLI.run([name, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("chiso \(name)"), "\(name) --help shows no example")
        }
    }
}
