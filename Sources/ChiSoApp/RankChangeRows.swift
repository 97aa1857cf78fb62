import ChiSoCore
import ChiSoMetrics
import ChiSoReport

/// Rank changes as output rows, with the keys JSON users rely on.
package enum RankChangeRows {
    package static let keys = ["index", "year", "province_code", "province", "rank", "of", "score", "rank_computed",
                       "previous_year", "previous_rank", "previous_of", "change", "score_change", "caveats"]

    package static func table(_ changes: [RankChange], _ language: Language, _ registry: ProvinceRegistry) -> OutputTable {
        let headers = language == .vi
            ? ["Chỉ số", "Năm", "Mã", "Tỉnh/Thành phố", "Hạng", "Trên", "Điểm", "Ghi chú hạng", "Năm trước", "Hạng trước", "Trên", "Thay đổi", "Điểm thay đổi", "Lưu ý"]
            : ["Index", "Year", "Code", "Province", "Rank", "Of", "Score", "Rank note", "Previous year", "Previous rank", "Of", "Change", "Score change", "Caveats"]
        let rows: [[OutputValue]] = changes.map { c in
            let p = registry.province(id: c.provinceID)
            func number(_ x: Double?) -> OutputValue { x.map { .number($0, display: ScoreFormat.string($0, language)) } ?? .null }
            func int(_ n: Int?) -> OutputValue { n.map(OutputValue.int) ?? .null }
            let computed = c.rankComputed ? (language == .vi ? "tính từ điểm" : "computed") : ""
            return [.text(c.index), .int(c.year), p?.code.map(OutputValue.text) ?? .null, .text(p?.name ?? c.provinceID),
                    int(c.rank), .int(c.of), number(c.score), .bool(c.rankComputed, display: computed), int(c.previousYear), int(c.previousRank),
                    int(c.previousOf), c.change.map(OutputValue.signed) ?? .null, c.scoreChange.map { .number($0, display: NumberFormat.signed($0, places: ScoreFormat.places(for: c.score ?? $0), language)) } ?? .null,
                    .list(c.caveats.map { RankSentence.caveat(for: $0, c, language, registry) })]
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
    package static let humanColumns = [0, 4, 5, 3, 6, 7, 8, 9, 11, 12]
}
