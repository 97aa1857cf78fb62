extension ProvinceRegistry {
    /// Where to look for a province that had merged into another by `year` (or whose figures of an
    /// edition of the 2025 units are filed under its new unit): "Phú Yên became part of Đắk Lắk on
    /// 2025-07-01; try --province 'Đắk Lắk'". `nil` when the province existed through the year and no unit is asked for.
    ///
    /// - Parameter unitsOf2025: the edition asked for ranks the 34 units of 2025.
    public func mergerHint(for province: Province, year: Int, unitsOf2025: Bool = false) -> String? {
        guard let validTo = province.validTo, year >= validTo.year || unitsOf2025,
              let successor = successors(of: province).first, successor.name != province.name else { return nil }
        return "\(province.name) became part of \(successor.name) on \(validTo.adding(days: 1)); try --province '\(successor.name)'"
    }
}
