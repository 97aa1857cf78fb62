import ChiSoCore

/// An edition from which an index is computed differently, so that its scores cannot be compared
/// with those of the editions before it.
///
/// Ranks stay comparable as positions in the field (the press quotes them across breaks), so a rank
/// change is still computed, with the caveat `method_change`; a score change is not.
public struct MethodologyBreak: Sendable, Equatable, Hashable {
    /// The index code ("PCI", "PAPI", "DTI").
    public var index: String
    /// The first edition computed the new way.
    public var year: Int
    /// What changed, in English and in Vietnamese.
    public var change: String
    public var changeVietnamese: String
    /// Where the change is documented: source ids of datasets/SOURCES.md and the publisher's document.
    public var source: String

    public init(index: String, year: Int, change: String, changeVietnamese: String, source: String) {
        self.index = index; self.year = year; self.change = change; self.changeVietnamese = changeVietnamese; self.source = source
    }

    /// What changed, in `language`.
    public func change(_ language: Language) -> String { language == .vi ? changeVietnamese : change }
}

/// The methodology breaks ChiSo knows, per index. Data, not code: each entry names its source.
public enum MethodologyBreaks {
    public static let all: [MethodologyBreak] = [
        MethodologyBreak(
            index: "PCI", year: 2009,
            change: "the sub-indices went from 10 to 9, SOE bias dropped and business support services replacing private-sector development services",
            changeVietnamese: "bộ chỉ số thành phần đổi từ 10 còn 9, bỏ chỉ số thiên vị doanh nghiệp nhà nước, chỉ số dịch vụ hỗ trợ doanh nghiệp thay chỉ số dịch vụ phát triển khu vực tư nhân",
            source: "VCCI PCI 2008 and 2009 data workbooks (SRC_VE); datasets/pci_subindices_2006_2021.csv"),
        MethodologyBreak(
            index: "PCI", year: 2013,
            change: "the sub-indices went from 9 to 10 with equal competition added, and the weights were re-estimated",
            changeVietnamese: "bộ chỉ số thành phần đổi từ 9 lên 10 với chỉ số cạnh tranh bình đẳng, trọng số được tính lại",
            source: "VCCI PCI 2012 and 2013 data workbooks (SRC_VE); datasets/pci_subindices_2006_2021.csv"),
        MethodologyBreak(
            index: "PAPI", year: 2018,
            change: "the dimensions went from 6 to 8 with environmental governance and e-governance, so every total rose by 2.7 to 12.1 points",
            changeVietnamese: "chỉ số nội dung tăng từ 6 lên 8 với quản trị môi trường và quản trị điện tử, nên tổng điểm của mọi tỉnh tăng 2,7–12,1 điểm",
            source: "PAPI 2018 report, UNDP/CECODES/RTA (SRC_VE `PAPI 2018 FULL vie.xlsx`); datasets/papi_2011_2024.csv d7, d8"),
        MethodologyBreak(
            index: "DTI", year: 2021,
            change: "the score became the sum of 9 main indicators of 98 component indicators, no longer of the 3 pillars",
            changeVietnamese: "điểm là tổng của 9 chỉ số chính gồm 98 chỉ số thành phần, không còn là tổng của 3 trụ cột",
            source: "DTI 2021, Ministry of Information and Communications (WEB_DTI_HOME_2021; shared data SOURCES.md, additions of 2026-12)"),
        MethodologyBreak(
            index: "DTI", year: 2022,
            change: "the score became the sum of 8 main indicators, 5 foundations and 3 activities: digital government, economy and society",
            changeVietnamese: "điểm là tổng của 8 chỉ số chính, gồm 5 chỉ số nền tảng và 3 chỉ số hoạt động là chính quyền số, kinh tế số, xã hội số",
            source: "DTI 2022 official ranking page (WEB_DTI22)"),
    ]

    /// The breaks of `index`, oldest first.
    public static func of(_ index: String) -> [MethodologyBreak] {
        all.filter { $0.index == IndexCatalog.baseIndex(index) }.sorted { $0.year < $1.year }
    }

    /// The newest break between two editions: one whose year is after `previousYear` and at most `year`.
    public static func between(_ index: String, previousYear: Int, year: Int) -> MethodologyBreak? {
        of(index).last { $0.year > previousYear && $0.year <= year }
    }

    /// Scores of `years` cut into runs that can be compared (no break inside a run): the index in
    /// `years` at which each new run starts, so a chart draws a new line from there.
    public static func runStarts(_ index: String, years: [Int]) -> [Int] {
        years.indices.dropFirst().filter { i in between(index, previousYear: years[i - 1], year: years[i]) != nil }
    }
}
