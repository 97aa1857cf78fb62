import Foundation

/// Orders strings as a Vietnamese dictionary does: a < ă < â < b < c < d < đ < e < ê ... < y,
/// letters compared first, tone marks only to break ties, case last.
///
/// Swift's `<` and SQLite's BINARY collation compare code points, which puts "Đ" after "Z";
/// Foundation's locale-aware comparison differs between platforms. This is our own, so
/// every machine sorts province names the same way.
public enum VietnameseCollation {
    /// A key whose lexicographic order is the Vietnamese order of `text`.
    public static func sortKey(_ text: String) -> [UInt32] {
        var primary: [UInt32] = []
        var tones: [UInt32] = []
        var cases: [UInt32] = []
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300, 0x0309, 0x0303, 0x0301, 0x0323 where !tones.isEmpty:
                tones[tones.count - 1] = toneWeight(scalar.value)
            case 0x0306, 0x0302, 0x031B where !primary.isEmpty:  // breve, circumflex, horn: part of the letter
                primary[primary.count - 1] += modifierOffset(scalar.value)
            default:
                let lower = Character(scalar).lowercased().unicodeScalars.first!
                cases.append(lower == scalar ? 0 : 1)
                primary.append(weight(of: lower))
                tones.append(0)
            }
        }
        return primary + [0] + tones + [0] + cases
    }

    /// `true` when `a` sorts before `b`; equal keys fall back to code points so the order is total.
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        let ka = sortKey(a), kb = sortKey(b)
        if ka != kb { return ka.lexicographicallyPrecedes(kb) }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// Dictionary order of the tones: level, huyền, hỏi, ngã, sắc, nặng.
    private static func toneWeight(_ mark: UInt32) -> UInt32 {
        switch mark {
        case 0x0300: return 1
        case 0x0309: return 2
        case 0x0303: return 3
        case 0x0301: return 4
        default: return 5
        }
    }

    private static func modifierOffset(_ mark: UInt32) -> UInt32 {
        switch mark {
        case 0x0306: return 1  // ă after a
        case 0x0302: return 2  // â after ă, ê after e, ô after o
        default: return 3      // ơ after ô, ư after u
        }
    }

    private static func weight(of scalar: Unicode.Scalar) -> UInt32 {
        let v = scalar.value
        switch v {
        case 0x61...0x7A:  // a-z: room for ă â / ê / ô ơ / ư and đ after each base letter
            return 0x1000 + (v - 0x61) * 8
        case 0x0111:       // đ
            return 0x1000 + (0x64 - 0x61) * 8 + 4
        default:
            return v < 0x61 ? v : 0x2000 + v
        }
    }
}
