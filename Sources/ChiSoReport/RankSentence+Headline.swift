import ChiSoCore
import ChiSoMetrics

extension RankSentence {
    /// The opening sentence of a province report's index paragraph, as a provincial newspaper writes it.
    ///
    /// "Chỉ số PCI năm 2021 đạt 64,17 điểm, xếp thứ 35/63, tăng 7 bậc so với năm 2020; thứ 5/14 trong
    /// vùng Bắc Trung Bộ và duyên hải miền Trung."
    /// "PCI 2021: 64.17 points, ranked 35/63, up 7 places on 2020; 5th of 14 in the North Central and
    /// Central Coast region."
    ///
    /// The regional clause appears only when `regional` is complete (see `RegionalPosition.isComplete`).
    /// Caveats that change how the numbers may be quoted (an incomplete edition, the 2025
    /// reorganisation, a different number of provinces ranked) follow in parentheses.
    public static func headline(_ c: RankChange, regional: RegionalPosition?, language: Language,
                                registry: ProvinceRegistry = .standard) -> String {
        let vi = language == .vi
        var parts: [String] = []
        if let score = c.score {
            parts.append(vi ? "đạt \(ScoreFormat.string(score, language)) điểm" : "\(ScoreFormat.string(score, language)) points")
        }
        if let rank = c.rank {
            parts.append(vi ? "xếp thứ \(rank)/\(c.of)" : "ranked \(rank)/\(c.of)")
            if let change = c.change, let previousYear = c.previousYear {
                parts.append(movement(change, since: previousYear, language))
            } else if !c.caveats.contains(where: { if case .acrossReorganisation = $0 { return true } else { return false } }) {
                parts[parts.count - 1] += vi ? " (chưa có thứ hạng trước đó để so sánh)" : " (no earlier rank to compare)"
            }
        } else {
            parts.append(vi ? "không có thứ hạng" : "not ranked")
        }
        var sentence = vi ? "Chỉ số \(c.index) năm \(c.year) " + parts.joined(separator: ", ")
                          : "\(c.index) \(c.year): " + parts.joined(separator: ", ")
        if IndexCatalog.isUnits2025(c.index) {
            // The edition of the 34 units: name the index and the unit, so it is never read as the province's own figure.
            let base = IndexCatalog.baseIndex(c.index), unit = registry.province(id: c.provinceID)?.name ?? c.provinceID
            sentence = vi ? "Chỉ số \(base) năm \(c.year) xếp hạng 34 đơn vị hành chính từ 01/07/2025: \(unit) " + parts.joined(separator: ", ")
                          : "\(base) \(c.year) on the 34 units of 1 July 2025: \(unit), " + parts.joined(separator: ", ")
        }
        if let regional, regional.isComplete, let position = regional.position {
            let region = Phrase.regionName(regional.region, language)
            sentence += vi ? "; thứ \(position)/\(regional.ranked) trong vùng \(region)"
                           : "; \(Phrase.ordinal(position)) of \(regional.ranked) in the \(region) region"
        }
        // A computed rank is exact when the edition's scores are complete, but it was not published: say so.
        let notes = notesWithComputedRanks(c, language, registry)
        if !notes.isEmpty { sentence += " (" + notes.joined(separator: "; ") + ")" }
        return sentence + "."
    }

    /// The key figure of an index in a province report: "35/63" with "+7 bậc so với 2020".
    package static func keyFigure(_ c: RankChange, _ language: Language) -> ReportBlock.KeyFigure {
        let label = IndexCatalog.isUnits2025(c.index)
            ? "\(IndexCatalog.baseIndex(c.index)) \(c.year) " + (language == .vi ? "(34 đơn vị)" : "(34 units)")
            : "\(c.index) \(c.year)"
        guard let rank = c.rank else {
            return .init(label: label, value: c.score.map { ScoreFormat.string($0, language) + (language == .vi ? " điểm" : " points") }
                         ?? NumberFormat.missing)
        }
        guard let change = c.change, let previousYear = c.previousYear else {
            return .init(label: label, value: Phrase.rankOf(rank, c.of))
        }
        let on = language == .vi ? "so với \(previousYear)" : "on \(previousYear)"
        return .init(label: label, value: Phrase.rankOf(rank, c.of), change: Phrase.signedPlaces(change, language) + " " + on,
                     trend: Phrase.trend(rankChange: change))
    }
}
