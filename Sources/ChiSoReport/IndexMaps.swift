import ChiSoCore
import ChiSoMetrics

/// The maps the reports draw from an edition's ranks: values in, a `ChoroplethMap` out.
package enum IndexMaps {
    /// The units of an edition: the 34 of 2025 when it ranks them, else the 63 provinces.
    package static func unitSet(of changes: [RankChange]) -> MapUnitSet {
        changes.contains { $0.provinceID.hasPrefix("2025-") } ? .units2025 : .provinces63
    }

    /// The edition's ranks by fifths (darkest = best), with each unit's rank and score as hover text;
    /// `nil` when the edition ranks no unit the map draws.
    package static func rankMap(index: String, year: Int, changes: [RankChange], language: Language, registry: ProvinceRegistry,
                                highlighted: [String] = [], outlined: [String] = [], outlineLabel: String? = nil, title: String? = nil) -> ChoroplethMap? {
        let ranked = changes.filter { $0.rank != nil }
        guard let of = ranked.map(\.of).max(), of > 0 else { return nil }
        let units = unitSet(of: ranked)
        let drawn = Set(MapGeometry.of(units).shapes.map(\.provinceID))
        var values: [String: MapValue] = [:]
        for c in ranked where drawn.contains(c.provinceID) {
            var text = language == .vi ? "hạng \(c.rank!)/\(c.of)" : "rank \(c.rank!) of \(c.of)"
            if let score = c.score { text += ", " + ScoreFormat.string(score, language) + (language == .vi ? " điểm" : " points") }
            values[c.provinceID] = MapValue(classIndex: ChoroplethMap.rankClass(c.rank!, of: of), text: text)
        }
        guard !values.isEmpty else { return nil }
        let missing = drawn.count - values.count
        let vi = language == .vi
        var description = vi
            ? "Bản đồ \(drawn.count) tỉnh, thành phố tô màu theo thứ hạng \(index) \(year), chia năm nhóm; màu càng đậm hạng càng cao."
            : "Map of the \(drawn.count) provinces coloured by their \(index) \(year) rank, in five groups; the darker, the higher the rank."
        if missing > 0 {
            description += vi ? " \(missing) tỉnh không có thứ hạng trong kho dữ liệu (gạch chéo)." : " \(missing) have no rank in the store (hatched)."
        }
        let names = highlighted.map { Phrase.provinceName($0, registry) }
        if !names.isEmpty {
            description += vi ? " Viền đậm: \(Phrase.list(names, .vi))." : " Heavy outline: \(Phrase.list(names, .en))."
        }
        var map = ChoroplethMap(
            title: title ?? (vi ? "\(index) \(year): thứ hạng trên bản đồ" : "\(index) \(year): ranks on the map"),
            description: description, units: units, classes: ChoroplethMap.rankClasses(of: of, language: language),
            values: values, highlighted: highlighted.filter(drawn.contains), outlined: outlined.filter(drawn.contains), language: language)
        if !names.isEmpty { map.highlightLabel = Phrase.list(names, language) }
        map.outlineLabel = outlineLabel
        return map
    }
}

extension IndexMaps {
    /// The PCI tiers as VCCI publishes them, best first.
    package static let pciTiers = ["Rất tốt", "Tốt", "Khá", "Trung bình", "Tương đối thấp", "Thấp"]
    /// Their names in VCCI's English reports (the PCI 2013 data gives these).
    package static let pciTiersEnglish = ["Excellent", "High", "Mid-high", "Mid-low", "Low", "Very low"]

    /// The tier in an entry's note ("tier: Khá"), as an index into `pciTiers`.
    package static func tier(_ note: String?) -> Int? {
        guard let note, let range = note.range(of: "tier: ") else { return nil }
        let name = note[range.upperBound...].prefix { $0 != ";" && $0 != "," }.trimmingCharacters(in: .whitespaces)
        return pciTiers.firstIndex(of: name) ?? pciTiersEnglish.firstIndex(of: name)
    }

    /// The tier's name in `language`.
    package static func tierName(_ tier: Int, _ language: Language) -> String {
        language == .vi ? pciTiers[tier] : pciTiersEnglish[tier]
    }

    /// The edition's map: coloured by the published tiers when every ranked unit has one (PCI 2007,
    /// 2010–2016), else by rank fifths.
    package static func editionMap(index: String, year: Int, calculator: RankChangeCalculator, language: Language, registry: ProvinceRegistry,
                                   highlighted: [String] = [], outlined: [String] = [], outlineLabel: String? = nil, title: String? = nil) -> ChoroplethMap? {
        let changes = calculator.changes(year: year)
        guard var map = rankMap(index: index, year: year, changes: changes, language: language, registry: registry,
                                highlighted: highlighted, outlined: outlined, outlineLabel: outlineLabel, title: title) else { return nil }
        if IndexCatalog.baseIndex(index) == "PAPI" { return papiQuartileMap(map, index: index, year: year, changes: changes, language: language) }
        var tiers: [String: Int] = [:]
        for c in changes where c.rank != nil && map.values[c.provinceID] != nil {
            guard let tier = tier(calculator.entry(provinceID: c.provinceID, year: year)?.note) else { return map }
            tiers[c.provinceID] = tier
        }
        guard !tiers.isEmpty else { return map }
        let vi = language == .vi
        map.classes = pciTiers.indices.map { MapClass(label: tierName($0, language), color: MapPalette.sequential6[5 - $0]) }
        for (id, tier) in tiers {
            map.values[id]?.classIndex = tier
            map.values[id]?.text += " (" + tierName(tier, language) + ")"
        }
        map.description = map.description.replacingOccurrences(
            of: vi ? "theo thứ hạng \(index) \(year), chia năm nhóm; màu càng đậm hạng càng cao." : "by their \(index) \(year) rank, in five groups; the darker, the higher the rank.",
            with: vi ? "theo nhóm xếp hạng \(index) \(year) do VCCI công bố (từ Rất tốt đến Thấp); màu càng đậm nhóm càng cao."
                     : "by the \(index) \(year) tiers VCCI published (Excellent to Very low); the darker, the higher the tier.")
        return map
    }
}

extension IndexMaps {
    /// A PAPI map coloured by the four groups of the leaderboard: quartiles of the scores that ChiSo
    /// computes (PAPI's own groups are not in the data), with that caveat in the description.
    package static func papiQuartileMap(_ rankMap: ChoroplethMap, index: String, year: Int, changes: [RankChange], language: Language) -> ChoroplethMap {
        let scores = Dictionary(changes.compactMap { c in c.score.map { (c.provinceID, $0) } }, uniquingKeysWith: { a, _ in a })
            .filter { rankMap.values[$0.key] != nil }
        guard scores.count == rankMap.values.count, scores.count >= 4 else { return rankMap }
        var map = rankMap
        let groups = ScoreQuartiles.groups(scores)
        let palette = ["#08519c", "#3182bd", "#6baed6", "#c6dbef"]
        map.classes = (0..<4).map { MapClass(label: Phrase.quartileName($0, language), color: palette[$0]) }
        for (id, group) in groups {
            map.values[id]?.classIndex = group
            map.values[id]?.text += " (" + Phrase.quartileName(group, language) + ")"
        }
        let vi = language == .vi
        if map.title == (vi ? "\(index) \(year): thứ hạng trên bản đồ" : "\(index) \(year): ranks on the map") {
            map.title = vi ? "\(index) \(year): nhóm điểm trên bản đồ" : "\(index) \(year): score groups on the map"
        }
        map.description = map.description.replacingOccurrences(
            of: vi ? "theo thứ hạng \(index) \(year), chia năm nhóm; màu càng đậm hạng càng cao." : "by their \(index) \(year) rank, in five groups; the darker, the higher the rank.",
            with: vi ? "theo bốn nhóm điểm \(index) \(year) (từ Cao nhất đến Thấp nhất); màu càng đậm điểm càng cao. Nhóm là tứ phân vị do ChiSo tính từ điểm tổng hợp, không phải nhóm in trong báo cáo PAPI."
                     : "by four groups of \(index) \(year) scores (High to Low); the darker, the higher the score. The groups are quartiles ChiSo computed from the total scores, not the groups printed in the PAPI report.")
        return map
    }
}
