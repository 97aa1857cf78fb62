import ChiSoCore
import ChiSoMetrics

extension ComparisonReportBuilder {
    /// The compared provinces ringed on the map of the first index's latest shared edition.
    package func comparisonMap(_ facts: [Facts]) -> ReportBlock? {
        guard let f = facts.first(where: { $0.latest != nil }), let year = f.latest else { return nil }
        let index = f.history.index
        var map = IndexMaps.editionMap(index: index, year: year, calculator: f.calculator, language: language, registry: registry,
                                    highlighted: provinceIDs,
                                    title: t("\(index) \(year): các tỉnh được so sánh trên bản đồ", "\(index) \(year): the compared provinces on the map"))
        map?.highlightLabel = t("Các tỉnh được so sánh", "The compared provinces")
        return map.map { .map($0) }
    }
}
