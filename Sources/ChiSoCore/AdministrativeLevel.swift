/// The administrative level of a unit that receives dossiers: the province (its departments and
/// public-administration service centre), a district, or a commune.
public enum AdministrativeLevel: String, Sendable, CaseIterable, Comparable, Codable {
    case province, district, commune

    public static func < (a: AdministrativeLevel, b: AdministrativeLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// "cấp tỉnh", "cấp huyện", "cấp xã".
    public var vietnameseName: String {
        switch self {
        case .province: "cấp tỉnh"
        case .district: "cấp huyện"
        case .commune: "cấp xã"
        }
    }
}
