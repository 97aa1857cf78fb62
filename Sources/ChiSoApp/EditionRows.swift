import ChiSoCore

/// Edition summaries as output rows.
package enum EditionRows {
    package static func table(_ editions: [EditionSummary], _ language: Language) -> OutputTable {
        OutputTable(
            keys: ["index", "year", "of", "provinces_present", "provinces_scored", "ranks_published"],
            headers: language == .vi ? ["Chỉ số", "Năm", "Số tỉnh xếp hạng", "Có trong kho", "Có điểm", "Có thứ hạng công bố"]
                : ["Index", "Year", "Ranked", "In store", "Scored", "Ranks published"],
            rows: editions.map { [.text($0.index), .int($0.year), .int($0.of), .int($0.present), .int($0.scored), .int($0.ranksPublished)] })
    }
}
