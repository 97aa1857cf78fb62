import ChiSoCore

/// Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF)
/// of the reader's chunks.
///
/// Vietnamese text is a quarter non-ASCII bytes, so an ASCII-only fast path is not enough.
/// The fast path checks eight bytes at a time with 64-bit arithmetic: every continuation byte
/// (10xxxxxx) must be exactly where a lead byte before it requires one. Words holding the rare
/// bytes that need finer range checks (C0 C1 E0 ED F0-FF: overlong forms, surrogates, 4-byte
/// sequences) and words that fail the check go through a byte-by-byte validator, which also
/// finds the exact offset of an error.
package enum UTF8Validation {
    package enum Outcome: Equatable {
        /// Everything up to `resumeAt` is valid; bytes from `resumeAt` on are the start of a
        /// sequence cut off by the end of the chunk (only when `isFinal` is false).
        case valid(resumeAt: Int)
        /// The sequence starting at `offset` is invalid.
        case invalid(offset: Int)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    private static func zeroBytes(_ v: UInt64) -> UInt64 {
        (v &- ones) & ~v & highs
    }

    /// Validates `bytes[from..<to]`, where `from` is the start of a character. When `isFinal`
    /// is false a truncated sequence at the end is not an error: the caller validates it again
    /// once the next chunk has arrived.
    package static func validate(_ bytes: UnsafePointer<UInt8>, from: Int, to: Int, isFinal: Bool) -> Outcome {
        var i = from
        // Bit 7 set in each byte of the next word that must be a continuation byte of a
        // sequence started in the previous word. Zero means `i` starts a character.
        var pending: UInt64 = 0
        while true {
            while i &+ 8 <= to {
                let w = UInt64(littleEndian: UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self))
                let high = w & highs
                if high == 0 && pending == 0 {
                    i &+= 8
                    continue
                }
                let bit6 = (w &<< 1) & highs
                let bit5 = (w &<< 2) & highs
                let bit4 = (w &<< 3) & highs
                let continuation = high & ~bit6
                let lead = high & bit6
                let lead3 = lead & bit5
                let lead4 = lead3 & bit4
                let rare =
                    lead4 | zeroBytes((w & 0xFEFE_FEFE_FEFE_FEFE) ^ 0xC0C0_C0C0_C0C0_C0C0)
                    | zeroBytes(w ^ 0xE0E0_E0E0_E0E0_E0E0) | zeroBytes(w ^ 0xEDED_EDED_EDED_EDED)
                let required = (lead &<< 8) | (lead3 &<< 16) | pending
                if rare != 0 || continuation != required { break }
                pending = (lead &>> 56) | (lead3 &>> 48)
                i &+= 8
            }
            // Byte by byte from the start of the current character, for at least one word.
            if pending != 0 {
                while bytes[i &- 1] & 0xC0 == 0x80 { i &-= 1 }
                i &-= 1
                pending = 0
            }
            let stop = min(to, i &+ 16)
            while i < stop {
                let lead = bytes[i]
                if lead < 0x80 {
                    i &+= 1
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80
                var high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return .invalid(offset: i)
                }
                let available = min(length, to &- i)
                for k in 1..<max(available, 1) {
                    let byte = bytes[i &+ k]
                    let (lo, hi) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                    if byte < lo || byte > hi { return .invalid(offset: i) }
                }
                if available < length {
                    return isFinal ? .invalid(offset: i) : .valid(resumeAt: i)
                }
                i &+= length
            }
            if i >= to { return .valid(resumeAt: to) }
        }
    }

    /// The length of the complete, valid UTF-8 sequence at `offset`, or nil if there is none.
    package static func sequenceLength(_ bytes: UnsafePointer<UInt8>, at offset: Int, end: Int) -> Int? {
        let lead = bytes[offset]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard offset + length <= end else { return nil }
        let outcome = validate(bytes, from: offset, to: offset + length, isFinal: true)
        return outcome == .valid(resumeAt: offset + length) ? length : nil
    }
}
