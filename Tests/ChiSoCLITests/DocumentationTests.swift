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

    @Test("the example dashboard workflow's chiso commands are accepted by chiso and run by .ci/run")
    func ciWorkflowCommands() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let workflow = try String(contentsOf: root.appendingPathComponent("Examples/ci/publish-dashboard.yml"), encoding: .utf8)
        let commands = workflow.split(separator: "\n").compactMap { line -> [String]? in
            let text = line.drop { $0 == " " }
            guard text.hasPrefix("run: /opt/chiso/chiso ") else { return nil }
            return text.dropFirst("run: /opt/chiso/chiso ".count).split(separator: " ").map(String.init)
        }
        #expect(commands == [["build", "--check", "--diff"], ["build"]])
        // Each parses: its options exist (`--help` stops before doing anything).
        for arguments in commands {
            let help = try CLI.run(arguments + ["--help"])
            #expect(help.status == 0, "chiso \(arguments.joined(separator: " ")): \(help.stderr)")
        }
        // The release build needs what .ci/run installs.
        #expect(workflow.contains("libsqlite3-dev zlib1g-dev"))
        let run = try String(contentsOf: root.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(run.contains("Examples/ci/run-locally.sh"))
        #expect(FileManager.default.isExecutableFile(atPath: root.appendingPathComponent("Examples/ci/run-locally.sh").path))
    }
}
