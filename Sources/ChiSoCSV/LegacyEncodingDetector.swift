import ChiSoCore

/// Recognises Vietnamese text saved in Windows-1258 or TCVN3 instead of UTF-8, so that the
/// reader can say "convert it with iconv -f CP1258 ..." rather than just "invalid UTF-8".
///
/// A heuristic on byte frequencies, run only once a file has already failed UTF-8 validation.
/// Only *stray* high bytes count (bytes that are not part of a valid UTF-8 sequence), so a UTF-8
/// file with one corrupted byte is not mistaken for a legacy file.
/// - Windows-1258 keeps every Vietnamese letter in 0xC0-0xFF and writes most tones as separate
///   combining bytes after the letter: 0xCC grave, 0xEC acute, 0xD2 hook, 0xDE tilde, 0xF2 dot.
/// - TCVN3 puts ă â ê ô ơ ư đ (and capitals) in 0xA1-0xAE and toned lower-case letters in
///   0xB5-0xFE; in Windows-1258, 0xA1-0xBF are symbols (¡ ¢ £ © « ° ...) that Vietnamese text
///   rarely uses, so a good share of bytes there means TCVN3.
public enum LegacyEncodingDetector {
    /// The legacy encoding `sample` most likely uses, or nil when it does not look like
    /// Vietnamese in Windows-1258 or TCVN3 (for instance Latin-1 text or a corrupted UTF-8 file).
    public static func detect(_ sample: UnsafeRawBufferPointer) -> LegacyVietnameseEncoding? {
        guard let base = sample.baseAddress?.assumingMemoryBound(to: UInt8.self), !sample.isEmpty else {
            return nil
        }
        let end = sample.count
        var validSequences = 0
        var stray = 0
        var tcvnLetters = 0
        var cp1258Tones = 0
        var i = 0
        while i < end {
            let byte = base[i]
            if byte < 0x80 {
                i += 1
                continue
            }
            if let length = UTF8Validation.sequenceLength(base, at: i, end: end), length > 1 {
                validSequences += 1
                i += length
                continue
            }
            stray += 1
            if (0xA1...0xAE).contains(byte) || (0xB5...0xBF).contains(byte) { tcvnLetters += 1 }
            if cp1258ToneBytes.contains(byte), i > 0, isCP1258ToneBase(base[i - 1]) { cp1258Tones += 1 }
            i += 1
        }
        // Mostly valid UTF-8 with a few bad bytes: a damaged UTF-8 file, not a legacy one.
        // Two or three stray bytes are too few to name an encoding.
        guard stray > validSequences, stray >= 4 else { return nil }
        if tcvnLetters >= 2 && tcvnLetters * 4 >= stray && tcvnLetters > cp1258Tones { return .tcvn3 }
        if cp1258Tones >= 2 && cp1258Tones >= tcvnLetters { return .windows1258 }
        return nil
    }

    /// Same as `detect(_:)` on an array.
    public static func detect(_ sample: [UInt8]) -> LegacyVietnameseEncoding? {
        sample.withUnsafeBytes { detect($0) }
    }

    private static let cp1258ToneBytes: Set<UInt8> = [0xCC, 0xEC, 0xD2, 0xDE, 0xF2]

    /// A byte a Windows-1258 combining tone can follow: an ASCII letter or a Vietnamese vowel
    /// letter of Windows-1258 (â ă ê ô ơ ư and capitals).
    private static func isCP1258ToneBase(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        if lower >= 0x61 && lower <= 0x7A { return true }
        switch byte {
        case 0xC2, 0xC3, 0xCA, 0xD4, 0xD5, 0xDD, 0xE2, 0xE3, 0xEA, 0xF4, 0xF5, 0xFD: return true
        default: return false
        }
    }
}
