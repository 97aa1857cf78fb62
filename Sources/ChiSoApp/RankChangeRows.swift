import ChiSoCore
import ChiSoMetrics
import ChiSoReport

/// Rank changes as output rows, with the keys JSON users rely on.
package enum RankChangeRows {
    package static let keys = ["index", "year", "province_id", "province_code", "province", "rank", "of", "score", "rank_computed",
                       "previous_year", "previous_rank", "previous_of", "change", "score_change", "caveats", "caveat_codes", "predecessors"]

    package static func table(_ changes: [RankChange], _ language: Language, _ registry: ProvinceRegistry) -> OutputTable {
        let headers = language == .vi
            ? ["Chỉ số", "Năm", "Mã định danh", "Mã", "Tỉnh/Thành phố", "Hạng", "Trên", "Điểm", "Ghi chú hạng", "Năm trước", "Hạng trước", "Trên", "Thay đổi", "Điểm thay đổi", "Lưu ý", "Mã lưu ý", "Tỉnh trước sáp nhập"]
            : ["Index", "Year", "Id", "Code", "Province", "Rank", "Of", "Score", "Rank note", "Previous year", "Previous rank", "Of", "Change", "Score change", "Caveats", "Caveat codes", "Predecessors"]
        let rows: [[OutputValue]] = changes.map { c in
            let p = registry.province(id: c.provinceID)
            func number(_ x: Double?) -> OutputValue { x.map { .number($0, display: ScoreFormat.string($0, language)) } ?? .null }
            func int(_ n: Int?) -> OutputValue { n.map(OutputValue.int) ?? .null }
            let computed = c.rankComputed ? (language == .vi ? "tính từ điểm" : "computed") : ""
            var codes: [String] = []
            for code in c.caveats.map(\.code) where !codes.contains(code) { codes.append(code) }
            // The 2025 reorganisation's predecessors as data, not only inside the caveat's prose.
            let predecessors = c.caveats.compactMap { caveat -> [PredecessorRank]? in
                if case let .acrossReorganisation(_, list) = caveat { return list } else { return nil }
            }.first
            let predecessorValue: OutputValue = predecessors.map { list in
                .structured(.array(list.map { p in .object([("province_id", .string(p.provinceID)), ("rank", p.rank.map(JSONValue.int) ?? .null),
                                                             ("of", .int(p.of)), ("score", p.score.map(JSONValue.number) ?? .null)]) }),
                            display: list.map { p in "\(registry.province(id: p.provinceID)?.name ?? p.provinceID) \(p.rank.map { "\($0)/\(p.of)" } ?? "—")" }.joined(separator: ", "))
            } ?? .null
            return [.text(c.index), .int(c.year), .text(c.provinceID), p?.code.map(OutputValue.text) ?? .null, .text(p?.name ?? c.provinceID),
                    int(c.rank), .int(c.of), number(c.score), .bool(c.rankComputed, display: computed), int(c.previousYear), int(c.previousRank),
                    int(c.previousOf), c.change.map(OutputValue.signed) ?? .null, c.scoreChange.map { .number($0, display: NumberFormat.signed($0, places: ScoreFormat.places(for: c.score ?? $0), language)) } ?? .null,
                    .list(c.caveats.map { RankSentence.caveat(for: $0, c, language, registry) }), .list(codes), predecessorValue]
        }
        var notes: [String] = []
        for c in changes {
            for caveat in c.caveats {
                let text = RankSentence.caveat(for: caveat, c, language, registry)
                let line = caveat.isEditionWide ? text : "\(registry.province(id: c.provinceID)?.name ?? c.provinceID): \(text)"
                if !notes.contains(line) { notes.append(line) }
            }
        }
        return OutputTable(keys: keys, headers: headers, rows: rows, humanColumns: humanColumns, footnotes: notes)
    }

    /// Index, rank, of, province, score, rank computed, previous year, previous rank, change, score change.
    package static let humanColumns = [0, 5, 6, 4, 7, 8, 9, 10, 12, 13]
}
