import ChiSoCore
import ChiSoMetrics

/// Words and number phrases shared by the report builders, in both languages.
package enum Phrase {
    /// The note under a score chart whose years span a methodology break: the line is cut there.
    package static func methodBreakNote(_ index: String, years: [Int], _ language: Language) -> ReportBlock? {
        let starts = MethodologyBreaks.runStarts(index, years: years)
        guard !starts.isEmpty else { return nil }
        let breaks = starts.compactMap { MethodologyBreaks.between(index, previousYear: years[$0 - 1], year: years[$0]) }
        let items = breaks.map { b in language == .vi ? "từ năm \(b.year), \(b.change(language))" : "from \(b.year), \(b.change(language))" }
        let text = language == .vi
            ? "Đường điểm số bị ngắt vì phương pháp tính \(index) thay đổi (\(items.joined(separator: "; "))): điểm số trước và sau không so sánh được; thứ hạng vẫn so sánh được."
            : "The score line is cut where the \(index) method changed (\(items.joined(separator: "; "))): scores before and after are not comparable; ranks still are."
        return .note(kind: .caveat, [.text(text)])
    }

    /// "35/63".
    package static func rankOf(_ rank: Int, _ of: Int) -> String { "\(rank)/\(of)" }

    /// English ordinals: "1st", "2nd", "3rd", "11th", "22nd".
    package static func ordinal(_ n: Int) -> String {
        let tens = n % 100
        if (11...13).contains(tens) { return "\(n)th" }
        switch n % 10 {
        case 1: return "\(n)st"
        case 2: return "\(n)nd"
        case 3: return "\(n)rd"
        default: return "\(n)th"
        }
    }

    /// "a, b và c" / "a, b and c".
    package static func list(_ items: [String], _ language: Language) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        let last = items[items.count - 1]
        return items.dropLast().joined(separator: ", ") + (language == .vi ? " và " : " and ") + last
    }

    /// "2005–2021", or "2021" for one year; consecutive years are grouped: "2006–2008, 2010".
    package static func years(_ years: [Int]) -> String {
        let sorted = Array(Set(years)).sorted()
        var runs: [(Int, Int)] = []
        for y in sorted {
            if let last = runs.last, last.1 == y - 1 { runs[runs.count - 1].1 = y } else { runs.append((y, y)) }
        }
        return runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)–\($0.1)" }.joined(separator: ", ")
    }

    /// "+7 bậc" / "+7 places" (signed), for tables and key figures.
    package static func signedPlaces(_ change: Int, _ language: Language) -> String {
        let n = NumberFormat.signed(change, language)
        switch language {
        case .vi: return "\(n) bậc"
        case .en: return "\(n) \(abs(change) == 1 ? "place" : "places")"
        }
    }

    /// The direction of a rank change for the reader (positive = moved up).
    package static func trend(rankChange: Int) -> ReportBlock.Trend {
        rankChange > 0 ? .up : (rankChange < 0 ? .down : .flat)
    }

    /// The direction of a value change as printed with `places` decimals: a change that prints as
    /// zero is "unchanged".
    package static func trend(_ change: Double, places: Int) -> ReportBlock.Trend {
        let shown = NumberFormat.signed(change, places: places, .en)
        if shown.hasPrefix("+") { return .up }
        if shown.hasPrefix(NumberFormat.minusSign) { return .down }
        return .flat
    }

    package static func provinceName(_ id: String, _ registry: ProvinceRegistry) -> String {
        registry.province(id: id)?.name ?? id
    }

    package static func regionName(_ region: Region, _ language: Language) -> String {
        language == .vi ? region.vietnameseName : region.englishName
    }

    /// A region's name short enough for a table column, its words joined by no-break spaces so the
    /// cell never wraps.
    package static func regionShortName(_ region: Region, _ language: Language) -> String {
        let name: String
        switch (region, language) {
        case (.northernMidlandsAndMountains, .vi): name = "Miền núi phía Bắc"
        case (.northernMidlandsAndMountains, .en): name = "Northern Mountains"
        case (.redRiverDelta, .vi): name = "ĐB sông Hồng"
        case (.redRiverDelta, .en): name = "Red River Delta"
        case (.northCentralAndCentralCoast, .vi): name = "Miền Trung"
        case (.northCentralAndCentralCoast, .en): name = "Central Coast"
        case (.centralHighlands, .vi): name = "Tây Nguyên"
        case (.centralHighlands, .en): name = "Central Highlands"
        case (.southeast, .vi): name = "Đông Nam Bộ"
        case (.southeast, .en): name = "Southeast"
        case (.mekongDelta, .vi): name = "ĐB sông Cửu Long"
        case (.mekongDelta, .en): name = "Mekong Delta"
        }
        return name.replacingOccurrences(of: " ", with: "\u{00A0}")
    }

    /// A ChiSo quartile group (0 = the highest scores) by name.
    package static func quartileName(_ group: Int, _ language: Language) -> String {
        let vi = ["Cao nhất", "Trung bình cao", "Trung bình thấp", "Thấp nhất"], en = ["High", "Upper middle", "Lower middle", "Low"]
        return (language == .vi ? vi : en)[min(3, max(0, group))]
    }

    /// "Năm" / "Year".
    package static func yearWord(_ language: Language) -> String { language == .vi ? "Năm" : "Year" }

    /// The rank axis label: "Thứ hạng (1 = cao nhất)" / "Rank (1 = best)".
    package static func rankAxis(_ language: Language) -> String { language == .vi ? "Thứ hạng (1 = cao nhất)" : "Rank (1 = best)" }

    /// "Điểm PCI" / "PCI score".
    package static func scoreAxis(_ index: String, _ language: Language) -> String { language == .vi ? "Điểm \(index)" : "\(index) score" }

    /// A component value as printed: ranks as whole numbers, scores with their usual decimals.
    package static func componentValue(_ value: Double, key: String, _ language: Language) -> String {
        key.hasSuffix("_rank") ? NumberFormat.decimal(value, places: 0, language) : ScoreFormat.string(value, language)
    }

    /// Decimals of a component's values.
    package static func componentPlaces(key: String, values: [Double]) -> Int {
        key.hasSuffix("_rank") ? 0 : (values.map { ScoreFormat.places(for: $0) }.max() ?? 2)
    }
}
