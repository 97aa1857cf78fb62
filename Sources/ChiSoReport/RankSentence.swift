import ChiSoCore
import ChiSoMetrics

/// The sentence a provincial newspaper prints about a rank change, generated from a `RankChange`.
///
/// "PCI 2021: 64,17 điểm (tăng 1,33 điểm), xếp thứ 35/63, tăng 7 bậc so với năm 2020."
/// "PCI 2021: score 64.17 (up 1.33), ranked 35/63, up 7 places on 2020."
public enum RankSentence {
    public static func make(_ c: RankChange, language: Language, registry: ProvinceRegistry = .standard) -> String {
        var parts: [String] = []
        if let score = c.score {
            var s = language == .vi ? "\(ScoreFormat.string(score, language)) điểm" : "score \(ScoreFormat.string(score, language))"
            if let delta = c.scoreChange { s += " (\(scoreDelta(delta, places: ScoreFormat.places(for: score), language)))" }
            parts.append(s)
        }
        if let rank = c.rank {
            var s = language == .vi ? "xếp thứ \(rank)/\(c.of)" : "ranked \(rank)/\(c.of)"
            if let change = c.change, let previousYear = c.previousYear {
                s += ", " + movement(change, since: previousYear, language)
            } else if !c.caveats.contains(where: isReorganisation) {
                // Across the 2025 reorganisation the caveat says what the predecessors were instead.
                s += language == .vi ? " (chưa có thứ hạng trước đó để so sánh)" : " (no earlier rank to compare)"
            }
            parts.append(s)
        } else if c.score == nil {
            parts.append(language == .vi ? "không có điểm và thứ hạng" : "no score or rank")
        }
        var sentence = "\(c.index) \(c.year): " + parts.joined(separator: ", ")
        let notes = notesWithComputedRanks(c, language, registry)
        if !notes.isEmpty { sentence += " (" + notes.joined(separator: "; ") + ")" }
        return sentence + "."
    }

    /// "tăng 7 bậc so với năm 2020" / "up 7 places on 2020".
    public static func movement(_ change: Int, since year: Int, _ language: Language) -> String {
        switch (language, change) {
        case (.vi, 0): return "giữ nguyên thứ hạng so với năm \(year)"
        case (.vi, let n) where n > 0: return "tăng \(n) bậc so với năm \(year)"
        case (.vi, let n): return "giảm \(-n) bậc so với năm \(year)"
        case (.en, 0): return "unchanged on \(year)"
        case (.en, let n) where n > 0: return "up \(n) \(n == 1 ? "place" : "places") on \(year)"
        case (.en, let n): return "down \(-n) \(n == -1 ? "place" : "places") on \(year)"
        }
    }

    /// "tăng 1,33 điểm" / "up 1.33", with the decimals of the score it changes.
    package static func scoreDelta(_ delta: Double, places: Int, _ language: Language) -> String {
        let magnitude = NumberFormat.decimal(abs(delta), places: places, language)
        if magnitude == NumberFormat.decimal(0, places: places, language) { return language == .vi ? "không đổi" : "unchanged" }
        switch language {
        case .vi: return delta > 0 ? "tăng \(magnitude) điểm" : "giảm \(magnitude) điểm"
        case .en: return delta > 0 ? "up \(magnitude)" : "down \(magnitude)"
        }
    }

    /// The caveats as clauses, with the ranks computed from complete scores (this year's, the
    /// previous edition's) said once: "thứ hạng năm 2020 và 2021 tính từ điểm số".
    package static func notesWithComputedRanks(_ c: RankChange, _ language: Language, _ registry: ProvinceRegistry) -> [String] {
        var years: [Int] = []
        var notes: [String] = []
        for caveat in c.caveats {
            if case let .previousRankComputed(year) = caveat { years.append(year) } else { notes.append(self.caveat(for: caveat, c, language, registry)) }
        }
        if c.rankComputed && !c.caveats.contains(where: isIncomplete) { years.append(c.year) }
        guard !years.isEmpty else { return notes }
        let list = Phrase.list(years.sorted().map(String.init), language)
        let clause = language == .vi ? "thứ hạng năm \(list) tính từ điểm số"
            : (years.count == 1 ? "the \(list) rank was computed from the scores" : "the \(list) ranks were computed from the scores")
        return [clause] + notes
    }

    private static func isReorganisation(_ caveat: RankCaveat) -> Bool {
        if case .acrossReorganisation = caveat { return true }
        return false
    }

    private static func isIncomplete(_ caveat: RankCaveat) -> Bool {
        if case .computedFromIncompleteScores = caveat { return true }
        return false
    }

    /// The caveat as a clause of the sentence.
    public static func caveat(for caveat: RankCaveat, _ c: RankChange, _ language: Language, _ registry: ProvinceRegistry) -> String {
        switch caveat {
        case let .computedFromIncompleteScores(_, year, scored, of):
            return language == .vi
                ? "thứ hạng \(year) tính từ điểm của \(scored)/\(of) tỉnh có số liệu"
                : "\(year) rank computed from the scores of the \(scored) of \(of) provinces with data"
        case let .acrossReorganisation(previousYear, predecessors):
            let list = predecessors.map { p -> String in
                let name = registry.province(id: p.provinceID)?.name ?? p.provinceID
                guard let rank = p.rank else { return language == .vi ? "\(name) không xếp hạng" : "\(name) not ranked" }
                return language == .vi ? "\(name) thứ \(rank)/\(p.of)" : "\(name) \(rank)/\(p.of)"
            }.joined(separator: ", ")
            return language == .vi
                ? "đơn vị hành chính mới từ 01/07/2025, không so sánh trực tiếp; năm \(previousYear): \(list)"
                : "a unit formed on 1 July 2025, not directly comparable; in \(previousYear): \(list)"
        case let .methodChange(methodBreak):
            return language == .vi
                ? "phương pháp tính \(methodBreak.index) thay đổi từ năm \(methodBreak.year): \(methodBreak.change(language)) — không so sánh điểm số với năm \(c.previousYear.map(String.init) ?? "trước")"
                : "the \(methodBreak.index) method changed in \(methodBreak.year): \(methodBreak.change(language)) — scores are not compared with \(c.previousYear.map(String.init) ?? "earlier years")"
        case let .previousRankComputed(year):
            return language == .vi ? "thứ hạng \(c.index) năm \(year) tính từ điểm số" : "the \(c.index) \(year) rank was computed from the scores"
        case let .differentFieldSize(of, previousOf):
            return language == .vi
                ? "số tỉnh được xếp hạng thay đổi từ \(previousOf) lên \(of)".replacingOccurrences(of: "lên \(of)", with: of > previousOf ? "lên \(of)" : "xuống \(of)")
                : "the number of provinces ranked changed from \(previousOf) to \(of)"
        }
    }
}

/// How many decimals a score is shown with: indices scored in points (PCI ~60, PAPI ~40) get 2,
/// indices scored as ratios (DTI ~0.6) get 4, as their publishers print them.
public enum ScoreFormat {
    public static func places(for value: Double) -> Int { abs(value) < 1.5 && value != 0 ? 4 : 2 }

    public static func string(_ value: Double, _ language: Language) -> String {
        NumberFormat.decimal(value, places: places(for: value), language)
    }
}
