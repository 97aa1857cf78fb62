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
            // A mark with no letter before it (a string that starts with one) sorts as a symbol.
            if !primary.isEmpty, let tone = toneWeight(scalar.value) {
                tones[tones.count - 1] = tone
            } else if !primary.isEmpty, let offset = modifierOffset(scalar.value) {
                primary[primary.count - 1] += offset  // breve, circumflex, horn: part of the letter
            } else {
                let lower = Character(scalar).lowercased().unicodeScalars.first!
                cases.append(lower == scalar ? 0 : 1)
                primary.append(weight(of: lower))
                tones.append(0)
            }
        }
        return primary + [0] + tones + [0] + cases
    }

    /// `names` in Vietnamese dictionary order (each key computed once).
    public static func sorted(_ names: [String]) -> [String] {
        let keyed = names.map { (key: sortKey($0), name: $0) }
        return keyed.sorted { a, b in
            a.key != b.key
                ? a.key.lexicographicallyPrecedes(b.key)
                : a.name.unicodeScalars.lexicographicallyPrecedes(b.name.unicodeScalars)
        }.map(\.name)
    }

    /// `true` when `a` sorts before `b`; equal keys fall back to code points so the order is total.
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        let ka = sortKey(a), kb = sortKey(b)
        if ka != kb { return ka.lexicographicallyPrecedes(kb) }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// Dictionary order of the tones: level, huyền, hỏi, ngã, sắc, nặng; `nil` for other scalars.
    private static func toneWeight(_ mark: UInt32) -> UInt32? {
        switch mark {
        case 0x0300: 1
        case 0x0309: 2
        case 0x0303: 3
        case 0x0301: 4
        case 0x0323: 5
        default: nil
        }
    }

    private static func modifierOffset(_ mark: UInt32) -> UInt32? {
        switch mark {
        case 0x0306: 1  // ă after a
        case 0x0302: 2  // â after ă, ê after e, ô after o
        case 0x031B: 3  // ơ after ô, ư after u
        default: nil
        }
    }

    private static func weight(of scalar: Unicode.Scalar) -> UInt32 {
        let v = scalar.value
        switch v {
        case 0x61...0x7A:  // a-z: room for ă â / ê / ô ơ / ư and đ after each base letter
            return 0x1000 + (v - 0x61) * 8
        case 0x0111, 0x00F0:  // đ, and the look-alike eth (ð) some files use for it
            return 0x1000 + (0x64 - 0x61) * 8 + 4
        default:
            return v < 0x61 ? v : 0x2000 + v
        }
    }
}
