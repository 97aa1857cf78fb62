import Foundation
import Testing

@Suite("chiso build")
struct BuildCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("a build then --check passes; a stale, missing or unexpected file fails --check and is named")
    func buildAndCheck() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("site")
        let config = Self.root.appendingPathComponent("chiso.yml").path
        let build = try CLI.run(["build", "--config", config, "--out", out.path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        let first = try Data(contentsOf: out.appendingPathComponent("notebooks/phu-yen-2020-2022.html"))

        // A second build changes no byte.
        let again = try CLI.run(["build", "--config", config, "--out", out.path])
        #expect(again.stderr.contains("(0 changed"), "\(again.stderr)")
        #expect(try Data(contentsOf: out.appendingPathComponent("notebooks/phu-yen-2020-2022.html")) == first)
        #expect(try CLI.run(["build", "--config", config, "--out", out.path, "--check"]).status == 0)

        try "changed".write(to: out.appendingPathComponent("notebooks/phu-yen-2020-2022.md"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: out.appendingPathComponent("index.html"))
        try "x".write(to: out.appendingPathComponent("left-over.html"), atomically: true, encoding: .utf8)
        let check = try CLI.run(["build", "--config", config, "--out", out.path, "--check"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("notebooks/phu-yen-2020-2022.md: stale"))
        #expect(check.stderr.contains("index.html: missing"))
        #expect(check.stderr.contains("left-over.html: not made by the build"))
        #expect(check.stderr.contains("add --diff to see what changed"))
        #expect(check.stdout.isEmpty)

        // --diff shows what differs in the stale file.
        let diff = try CLI.run(["build", "--config", config, "--out", out.path, "--check", "--diff"])
        #expect(diff.status == 1)
        #expect(diff.stderr.contains("--- \(out.path)/notebooks/phu-yen-2020-2022.md (in the folder)") || diff.stderr.contains("notebooks/phu-yen-2020-2022.md (in the folder)"), "\(diff.stderr)")
        #expect(diff.stderr.contains("\n-changed"))
        #expect(diff.stderr.contains("\n+# "))

        // A build removes the page it no longer makes, keeps files of other kinds, and then --check passes.
        try "keep".write(to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let rebuild = try CLI.run(["build", "--config", config, "--out", out.path])
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        #expect(rebuild.stderr.contains("1 removed"), "\(rebuild.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("left-over.html").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
        try FileManager.default.removeItem(at: out.appendingPathComponent("notes.txt"))
        #expect(try CLI.run(["build", "--config", config, "--out", out.path, "--check"]).status == 0)
    }

    @Test("a notebook with a broken query fails the build with its line")
    func brokenNotebook() throws {
        let dir = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("nb"), withIntermediateDirectories: true)
        try "out: site\nnotebooks: nb\nsource_date: 2026-01-01\n".write(to: dir.appendingPathComponent("chiso.yml"), atomically: true, encoding: .utf8)
        try "# A\n\n```sql q\nSELECT nope FROM ranking\n```\n".write(to: dir.appendingPathComponent("nb/a.md"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["build", "--config", dir.appendingPathComponent("chiso.yml").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nb/a.md:3: error: sql error in block `q`: no such column: nope"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("site").path))
    }
}
