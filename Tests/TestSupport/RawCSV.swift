import Foundation

/// A plain RFC 4180 reader for the tests' independent recomputations: it shares no code with
/// ChiSoCSV, so a bug there cannot hide in both the code under test and its oracle.
public enum RawCSV {
    /// The bundled datasets folder of the repository (`datasets/`), found from this file's path.
    public static let datasets: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets")

    /// The rows of a bundled dataset (`datasets/<file>`) as dictionaries keyed by the header.
    public static func records(_ file: String) throws -> [[String: String]] {
        try records(text: String(contentsOf: datasets.appendingPathComponent(file), encoding: .utf8))
    }

    /// The rows of CSV text as dictionaries keyed by the header; short rows are padded with "".
    public static func records(text: String) -> [[String: String]] {
        var rows = parse(text)
        guard !rows.isEmpty else { return [] }
        let header = rows.removeFirst()
        return rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0 + Array(repeating: "", count: max(0, header.count - $0.count)))) }
    }

    public static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Standard competition rank (1, 2, 2, 4) of `score` among `scores`, counted by hand.
    public static func competitionRank(_ score: Double, among scores: [Double]) -> Int {
        var higher = 0
        for other in scores where other > score { higher += 1 }
        return higher + 1
    }
}
