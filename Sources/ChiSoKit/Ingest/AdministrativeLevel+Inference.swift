import Foundation

extension AdministrativeLevel {
    /// Reads a level cell: `province`, `district`, `commune`, or the Vietnamese `tỉnh`, `huyện`,
    /// `xã` (with or without `cấp`); `nil` for anything else.
    static func parse(_ text: String) -> AdministrativeLevel? {
        var key = HeaderKey.normalize(text)
        if key.hasPrefix("cap ") { key.removeFirst(4) }
        switch key {
        case "province", "tinh", "so", "so nganh": return .province
        case "district", "huyen", "quan", "thi xa": return .district
        case "commune", "xa", "phuong", "thi tran": return .commune
        default: return nil
        }
    }

    /// The level a unit's name tells: the first administrative word in it decides.
    ///
    /// "UBND xã An Dân, huyện Tuy An" is a commune (xã, phường, thị trấn); "UBND huyện Tuy An",
    /// "Bộ phận một cửa thị xã Sông Cầu" a district (huyện, quận, thị xã, and a thành phố that is
    /// not a province); "Sở Tư pháp tỉnh Phú Yên" and "UBND thành phố Hà Nội" the province.
    /// "Xã hội" (social, as in "Sở Lao động - Thương binh và Xã hội") is not a commune. A name with
    /// no such word (a department, a service centre) is province level.
    static func infer(fromUnitName name: String, registry: ProvinceRegistry = .standard) -> AdministrativeLevel {
        let words = HeaderKey.normalize(name).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        var i = 0
        while i < words.count {
            let word = words[i]
            let next = i + 1 < words.count ? words[i + 1] : ""
            switch word {
            case "thi" where next == "xa": return .district
            case "thi" where next == "tran": return .commune
            case "xa" where next == "hoi": i += 2; continue
            case "xa", "phuong": return .commune
            case "huyen", "quan": return .district
            case "tinh": return .province
            case "thanh" where next == "pho", "tp":
                let start = word == "tp" ? i + 1 : i + 2
                let rest = words[min(start, words.count)...].joined(separator: " ")
                let isProvince = !rest.isEmpty && registry.matches(rest).contains { $0.isCentralCity }
                return isProvince ? .province : .district
            default: break
            }
            i += 1
        }
        return .province
    }
}
