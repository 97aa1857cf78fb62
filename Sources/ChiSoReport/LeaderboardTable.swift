import ChiSoCore
import ChiSoMetrics

/// An edition's leaderboard as a report table: rank, province, score, change.
public enum LeaderboardTable {
    public static func make(_ changes: [RankChange], index: String, year: Int, language: Language,
                            registry: ProvinceRegistry = .standard) -> ReportTable {
        let vi = language == .vi
        return ReportTable(
            caption: vi ? "Bảng xếp hạng \(index) \(year)" : "\(index) \(year) leaderboard",
            columns: [.init(vi ? "Hạng" : "Rank", alignment: .trailing), .init(vi ? "Tỉnh/Thành phố" : "Province"),
                      .init(vi ? "Điểm" : "Score", alignment: .trailing), .init(vi ? "Thay đổi" : "Change", alignment: .trailing)],
            rows: changes.map { c in
                let rank = c.rank.map { "\($0)/\(c.of)" + (c.rankComputed ? "*" : "") } ?? NumberFormat.missing
                let change: ReportTable.Cell = c.change.map {
                    .init(NumberFormat.signed($0, language), trend: $0 > 0 ? .up : $0 < 0 ? .down : .flat)
                } ?? .init(NumberFormat.missing)
                return [.init(rank), .init(registry.province(id: c.provinceID)?.name ?? c.provinceID),
                        .init(c.score.map { ScoreFormat.string($0, language) } ?? NumberFormat.missing), change]
            },
            firstColumnIsRowHeader: false)
    }
}
