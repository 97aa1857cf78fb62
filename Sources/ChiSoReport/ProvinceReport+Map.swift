import ChiSoCore
import ChiSoMetrics

extension ProvinceReportBuilder {
    /// The province on the map of its first index's edition: every unit coloured by rank fifth, the
    /// province with a heavy outline and a ring, its region's provinces outlined.
    package func locatorMap(_ facts: [ProvinceIndexFacts]) -> ReportBlock? {
        guard let first = facts.first else { return nil }
        let changes = first.calculator.changes(year: year)
        let region = registry.province(id: provinceID)?.region
        let members = changes.map(\.provinceID).filter { registry.province(id: $0)?.region == region }
        let index = first.history.index
        let map = IndexMaps.editionMap(index: index, year: year, calculator: first.calculator, language: language, registry: registry,
                                    highlighted: [provinceID], outlined: members,
                                    outlineLabel: registry.province(id: provinceID).map { t("Các tỉnh vùng ", "Provinces of the region ") + Phrase.regionName($0.region, language) },
                                    title: t("\(name) trên bản đồ \(index) \(year)", "\(name) on the \(index) \(year) map"))
        return map.map { .map($0) }
    }
}
