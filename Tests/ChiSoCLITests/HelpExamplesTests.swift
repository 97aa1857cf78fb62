import Foundation
import Testing

/// Every example a `--help` prints runs on the bundled data: a reader who copies one gets figures,
/// not an error.
@Suite("Help examples")
struct HelpExamplesTests {
    /// Commands whose examples read the bundled data (ingest and validate examples name the reader's own files).
    static let commands: [[String]] = [["changes"], ["ranks"], ["panel"], ["provinces"], ["rates"], ["sources"],
                                       ["report", "province"], ["report", "index"], ["report", "compare"], ["render"]]

    /// "chiso report compare --provinces "Phú Yên,Bình Định" -o x.html" → its arguments, quotes removed.
    static func arguments(_ line: String) -> [String] {
        var out: [String] = [], word = "", quoted = false, any = false
        for c in line {
            if c == "\"" { quoted.toggle(); any = true }
            else if c == " " && !quoted { if any { out.append(word) }; word = ""; any = false }
            else { word.append(c); any = true }
        }
        if any { out.append(word) }
        return out
    }

    @Test("every example of these commands' --help exits 0 on the bundled data", arguments: commands)
    func examplesRun(command: [String]) throws {
        let help = try CLI.run(command + ["--help"])
        // An example is a line "  chiso …"; the help wraps long ones onto unindented lines, joined back here.
        var examples: [String] = []
        var open = false
        for line in help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("chiso ") && !trimmed.contains("→") { examples.append(trimmed); open = true }
            else if open && !line.isEmpty && !line.hasPrefix(" ") && !line.contains(":") { examples[examples.count - 1] += " " + trimmed }
            else { open = false }
        }
        // What follows two spaces is a comment ("chiso provinces 24   Bắc Ninh (new)"); "> file" is the shell's.
        examples = examples.map { e in
            var e = e
            if let comment = e.range(of: "  ") { e = String(e[..<comment.lowerBound]) }
            if let redirect = e.range(of: " > ") { e = String(e[..<redirect.lowerBound]) }
            return e
        }
        #expect(!examples.isEmpty, "\(command) --help shows no example")
        // A folder with the default database (./chiso.sqlite) and the repository's notebooks.
        let dir = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(at: CLI.bundledDatabase, to: dir.appendingPathComponent("chiso.sqlite"))
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("notebooks-md"),
                                                   withDestinationURL: repository.appendingPathComponent("notebooks-md"))
        for example in examples {
            let words = Self.arguments(example)
            let result = try CLI.run(Array(words.dropFirst()), cwd: dir)
            #expect(result.status == 0, "`\(example)`: \(result.stderr)")
            if let o = words.firstIndex(of: "-o"), o + 1 < words.count {
                #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(words[o + 1]).path), "`\(example)` wrote no file")
            } else {
                #expect(!result.stdout.isEmpty || !result.stderr.isEmpty, "`\(example)` printed nothing")
            }
        }
    }
}
