import ChiSoCore
import ChiSoMetrics

/// The Decision 766 section of a province report: the indicators the dossier logs determine for
/// the year, what cannot be computed, and the units that lost most points in the latest quarter.
/// Only built when the store holds dossier logs of the province and year.
package enum ServiceIndexSection {
    /// - Parameters:
    ///   - year: the year's row (`ServiceIndexCalculator.index(year:by: .year)`).
    ///   - units: the units of the latest quarter with dossiers, ranked by points lost.
    package static func make(year: ServiceIndexRow, units: [ServiceIndexRow], provinceName name: String, language: Language,
                             unitLimit: Int = 5) -> ReportBlock {
        let vi = language == .vi
        func t(_ a: String, _ b: String) -> String { vi ? a : b }
        func points(_ x: Double?) -> String { x.map { NumberFormat.decimal($0, places: 2, language) } ?? "?" }
        func whole(_ x: Double) -> String { NumberFormat.decimal(x, places: 0, language) }
        func percent(_ x: Double?) -> String { x.map { NumberFormat.percent(ratio: $0, places: 2, language) } ?? NumberFormat.missing }
        var blocks: [ReportBlock] = []
        var text = t("Năm \(year.period), từ nhật ký hồ sơ của \(name), ChiSo tính được \(points(year.points)) trên \(whole(year.computableMaxPoints)) điểm "
                     + "của các chỉ số mà dữ liệu xác định (tổng \(whole(year.maxPoints)) điểm của Bộ chỉ số theo Quyết định 766/QĐ-TTg).",
                     "In \(year.period), from \(name)'s dossier logs, ChiSo computes \(points(year.points)) of the \(whole(year.computableMaxPoints)) points "
                     + "the data determine (of the \(whole(year.maxPoints)) points of the Decision 766/QĐ-TTg index).")
        if !year.complete {
            text += t(" Nhật ký kết thúc ngày \(year.statusDay); tình trạng hồ sơ tính đến ngày đó.",
                      " The logs end on \(year.statusDay); statuses are taken on that day.")
        }
        blocks.append(.paragraph([.text(text)]))
        let computed = year.indicators.filter { $0.computable || $0.rate != nil }
        blocks.append(.table(ReportTable(
            caption: t("Chỉ số tính được của \(name), \(year.period)", "\(name)'s computable indicators, \(year.period)"),
            columns: [.init(t("Chỉ số", "Indicator")), .init(t("Điểm", "Points"), alignment: .trailing),
                      .init(t("Tối đa", "Max"), alignment: .trailing), .init(t("Tử số", "Numerator"), alignment: .trailing),
                      .init(t("Mẫu số", "Denominator"), alignment: .trailing), .init(t("Tỷ lệ", "Rate"), alignment: .trailing),
                      .init(t("Công thức", "Formula"))],
            rows: computed.map { v in
                [.init(vi ? v.formula.vietnameseName : v.formula.englishName), .init(points(v.points)), .init(whole(v.maxPoints)),
                 .init(v.numerator.map { NumberFormat.integer($0, language) } ?? NumberFormat.missing),
                 .init(v.denominator.map { NumberFormat.integer($0, language) } ?? NumberFormat.missing),
                 .init(percent(v.rate)), .init(v.formulaID)]
            })))
        let missing = year.indicators.filter { !$0.computable }
        if !missing.isEmpty {
            blocks.append(.list(missing.map { v in
                [.text(t("Chưa tính được: \(v.formula.vietnameseName) (\(whole(v.maxPoints)) điểm); cần \(v.missingVietnamese ?? v.missing ?? "").",
                         "Not computed: \(v.formula.englishName) (\(whole(v.maxPoints)) points); needs \(v.missing ?? "")."))]
            }))
        }
        let losing = units.filter { $0.pointsLost > 0 }.prefix(unitLimit)
        if let period = losing.first?.period {
            blocks.append(.table(ReportTable(
                caption: t("Đơn vị mất nhiều điểm nhất, \(period)", "Units that lost most points, \(period)"),
                columns: [.init(t("Đơn vị", "Unit")), .init(t("Hồ sơ tiếp nhận", "Dossiers received"), alignment: .trailing),
                          .init(t("Điểm", "Points"), alignment: .trailing), .init(t("Tính được", "Computable"), alignment: .trailing),
                          .init(t("Mất", "Lost"), alignment: .trailing)],
                rows: losing.map { u in
                    [.init(u.group.unitName ?? u.group.unitCode ?? ""), .init(NumberFormat.integer(u.received, language)),
                     .init(points(u.points)), .init(whole(u.computableMaxPoints)), .init(points(u.pointsLost))]
                })))
        }
        return .section(title: t("Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766)", "The Decision 766 service index"),
                        anchor: "service-index", blocks: blocks)
    }
}
