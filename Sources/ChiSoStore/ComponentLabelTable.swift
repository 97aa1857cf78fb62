import ChiSoCore
import GRDB

/// Keeps the `component_label` table equal to the compiled-in `ComponentLabels`, like the province
/// table: notebook SQL joins it to show "Tính minh bạch" instead of `transparency`.
package enum ComponentLabelTable {
    package static func sync(_ db: Database) throws {
        let expected = rows()
        let present = try Row.fetchAll(db, sql: "SELECT index_code, key, lang, label, position, is_part FROM component_label ORDER BY index_code, lang, position")
            .map { row -> [String] in [row["index_code"], row["key"], row["lang"], row["label"], String(row["position"] as Int), String(row["is_part"] as Int)] }
        // Rewritten only on a difference, so a write that changes nothing else leaves the file alone.
        if present == expected.sorted(by: { ($0[0], $0[2], Int($0[4])!) < ($1[0], $1[2], Int($1[4])!) }) { return }
        try db.execute(sql: "DELETE FROM component_label")
        let insert = try db.makeStatement(sql: "INSERT INTO component_label (index_code, key, lang, label, position, is_part) VALUES (?, ?, ?, ?, ?, ?)")
        for r in expected { try insert.execute(arguments: [r[0], r[1], r[2], r[3], Int(r[4])!, Int(r[5])!]) }
    }

    /// (index_code, key, lang, label, position, is_part) for every label in both languages.
    private static func rows() -> [[String]] {
        var position: [String: Int] = [:]
        var out: [[String]] = []
        for label in ComponentLabels.all {
            let p = position[label.index, default: 0] + 1
            position[label.index] = p
            for (lang, text) in [("vi", label.vi), ("en", label.en)] {
                out.append([label.index, label.key, lang, text, String(p), label.isPart ? "1" : "0"])
            }
        }
        return out
    }
}
