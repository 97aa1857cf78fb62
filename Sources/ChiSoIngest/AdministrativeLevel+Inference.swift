import ChiSoCore
import ChiSoCSV
import Foundation

extension AdministrativeLevel {
    /// Reads a level cell: `province`, `district`, `commune`, or the Vietnamese `tỉnh`, `huyện`,
    /// `xã` (with or without `cấp`); `nil` for anything else.
    package static func parse(_ text: String) -> AdministrativeLevel? {
        var key = VietnameseFold.words(text).joined(separator: " ")
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
    package static func infer(fromUnitName name: String, registry: ProvinceRegistry = .standard) -> AdministrativeLevel {
        let words = VietnameseFold.words(name)
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

/// Vietnamese text folded to lower-case ASCII words ("UBND Xã An Dân" → ["ubnd", "xa", "an", "dan"]),
/// for matching keywords in names: tone marks and the other diacritics dropped, NFC or NFD alike,
/// đ as d; anything that is not a letter or digit separates words.
///
/// A table built once, so folding a name costs a few lookups (Foundation's decomposition, called
/// for each of the thousands of unit names of a log, cost more than parsing their rows).
package enum VietnameseFold {
    /// For each scalar below U+2000: its folded ASCII letter or digit, 0 to drop it (a combining
    /// mark), or a space to separate words.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0x20, count: 0x2000)
        for v in 0..<0x2000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            switch v {
            case 0x30...0x39, 0x61...0x7A: table[v] = UInt8(v)
            case 0x41...0x5A: table[v] = UInt8(v) | 0x20
            case 0x0300...0x036F: table[v] = 0
            case 0x0110, 0x0111: table[v] = 0x64  // Đ đ
            case 0x00C0...0x024F, 0x1E00...0x1EFF:
                let base = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars.first!.value
                switch base {
                case 0x61...0x7A: table[v] = UInt8(base)
                case 0x41...0x5A: table[v] = UInt8(base) | 0x20
                default: break
                }
            default: break
            }
        }
        return table
    }()

    package static func words(_ text: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        for scalar in text.unicodeScalars {
            let v = Int(scalar.value)
            let folded: UInt8 = v < 0x2000 ? table[v] : 0x20
            if folded == 0 { continue }
            if folded == 0x20 {
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)); word.removeAll(keepingCapacity: true) }
            } else {
                word.append(folded)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }
}
