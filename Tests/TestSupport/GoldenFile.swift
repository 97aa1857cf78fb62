import Foundation
import Testing

/// Compares text output with a checked-in golden file.
///
/// A missing golden file, or `RECORD_SNAPSHOTS=1`, records the actual output and still fails the
/// test, so that every recording is looked at before it is committed. A mismatch fails with the
/// first differing line (invisible characters shown escaped) and writes the whole output to a
/// temporary file for `diff`.
///
/// Texts are compared byte for byte: Swift's `==` calls an NFC and an NFD spelling of "Phú Yên"
/// equal, and the golden file must catch that difference.
public enum GoldenFile {
    public static func check(_ actual: String, _ url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("recorded golden file \(url.path); review it and run the tests again", sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not write golden file \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let difference = firstDifference(expected: expected, actual: actual) else { return }
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("chiso-golden", isDirectory: true).appendingPathComponent(url.lastPathComponent)
        try? FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? actual.write(to: copy, atomically: true, encoding: .utf8)
        Issue.record("""
            output differs from \(url.lastPathComponent) at line \(difference.line):
              expected: \(show(difference.expected))
              actual:   \(show(difference.actual))
            whole output: \(copy.path) (diff it against \(url.path))
            (RECORD_SNAPSHOTS=1 swift test re-records after a deliberate change)
            """, sourceLocation: sourceLocation)
    }

    /// `Snapshots/<name>` beside the calling test file.
    public static func url(_ name: String, filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots").appendingPathComponent(name)
    }

    /// The first line (1-based) where the texts differ in their bytes, `nil` when identical; a side
    /// that has no such line gives `nil` for it.
    public static func firstDifference(expected: String, actual: String) -> (line: Int, expected: String?, actual: String?)? {
        guard !expected.utf8.elementsEqual(actual.utf8) else { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : nil
            let al = i < a.count ? String(a[i]) : nil
            if el.map({ Array($0.unicodeScalars) }) != al.map({ Array($0.unicodeScalars) }) {
                return (i + 1, el, al)
            }
        }
        return (max(e.count, a.count), nil, nil)
    }

    /// The line with tabs, carriage returns, no-break spaces and combining marks made visible.
    private static func show(_ line: String?) -> String {
        guard let line else { return "<end of file>" }
        let shown = line.unicodeScalars.map { s -> String in
            switch s.value {
            case 0x09: return "\\t"
            case 0x0D: return "\\r"
            case 0xA0, 0x0300...0x036F, 0x200B...0x200F, 0xFEFF: return "\\u{\(String(s.value, radix: 16, uppercase: true))}"
            case 0x20...0x7E, 0xA1...: return String(s)
            default: return "\\u{\(String(s.value, radix: 16, uppercase: true))}"
            }
        }.joined()
        return shown.count > 300 ? String(shown.prefix(300)) + "…" : shown
    }
}
