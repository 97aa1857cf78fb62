import ChiSoCore

/// Each province's fixed place in the chart palette, so a province keeps one colour, marker and dash
/// on every page, report and notebook (`ChartSeries.styleSlot`).
///
/// The slot is the province's position among the units of its set (the provinces before the 2025
/// reorganisation, or the 34 units after it) ordered by sub-region, then by code: the provinces of a
/// sub-region (at most 8 of them) sit side by side and get different colours.
package enum ProvinceStyle {
    /// The slot of `provinceID`; `nil` for an id the registry does not know.
    package static func slot(_ provinceID: String, _ registry: ProvinceRegistry = .standard) -> Int? {
        guard let province = registry.province(id: provinceID) else { return nil }
        let set = province.id.hasPrefix("2025-")
        let order = Subregion.allCases
        let members = registry.all.filter { $0.id.hasPrefix("2025-") == set }.sorted { a, b in
            let ra = order.firstIndex(of: a.subregion)!, rb = order.firstIndex(of: b.subregion)!
            return ra != rb ? ra < rb : a.id < b.id
        }
        return members.firstIndex { $0.id == province.id }
    }

    /// The slot of the province named `name` (a notebook's series named by its province).
    package static func slot(named name: String, _ registry: ProvinceRegistry = .standard) -> Int? {
        let matches = registry.all.filter { $0.name == name }
        // A name shared by a province and a 2025 unit (Hà Nội) is the province's: the editions until 2024.
        guard let province = matches.first(where: { !$0.id.hasPrefix("2025-") }) ?? matches.first else { return nil }
        return slot(province.id, registry)
    }
}
