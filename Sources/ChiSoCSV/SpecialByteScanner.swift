import ChiSoCore

/// Finds where a run of field content ends, eight bytes at a time (SWAR: plain 64-bit
/// arithmetic, no SIMD intrinsics), and checks the run's UTF-8 on the way, so that the reader
/// touches each byte once and branches once per field rather than once per byte.
///
/// The UTF-8 check is the fast structural one of `UTF8Validation`: each continuation byte must be
/// exactly where a lead byte before it requires one. A run with anything it cannot vouch for
/// (rare lead bytes, a mismatch, non-ASCII in the last few bytes before the scan limit) is
/// reported `suspicious`, and the reader validates that run exactly.
package struct SpecialByteScanner {
    private let delimiter: UInt64

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let quotes = ones &* UInt64(CSVByte.quote)
    /// Every byte below 0x0E: CR (0x0D) and LF (0x0A) with one test. The other control bytes
    /// it also flags (rare in text) are checked and skipped.
    private static let belowLineEnds = ones &* 0x0E

    package init(delimiter: UInt8) {
        self.delimiter = Self.ones &* UInt64(delimiter)
    }

    /// High bit set in each byte of `v` below `n` (n <= 0x80); the same caveat as `zeroBytes`.
    @inline(__always)
    private static func bytesBelow(_ v: UInt64, _ n: UInt64) -> UInt64 {
        (v &- n) & ~v & highs
    }

    /// High bit set in each zero byte of `v`. Bits above the lowest zero byte may be false
    /// positives (borrows), which is harmless: only the lowest one is used as a position, and
    /// a false positive needs a true zero below it.
    @inline(__always)
    private static func zeroBytes(_ v: UInt64) -> UInt64 {
        (v &- ones) & ~v & highs
    }

    @inline(__always)
    private static func load(_ base: UnsafePointer<UInt8>, _ p: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
    }

    /// Checks the UTF-8 structure of the bytes of `w` up to and including the first special byte
    /// (all of `w` when `found` is 0). `pending` carries continuation bytes required by a
    /// sequence that started in the previous word. Returns false when the word needs the exact
    /// validator: rare lead bytes (C0 C1 E0 ED F0-FF) or continuation bytes out of place.
    @inline(__always)
    private static func checkUTF8(_ w: UInt64, found: UInt64, pending: inout UInt64) -> Bool {
        let high = w & highs
        if high | pending == 0 { return true }
        let bit6 = (w &<< 1) & highs
        let bit5 = (w &<< 2) & highs
        let bit4 = (w &<< 3) & highs
        let continuation = high & ~bit6
        let lead = high & bit6
        let lead3 = lead & bit5
        let rare =
            (lead3 & bit4) | zeroBytes((w & 0xFEFE_FEFE_FEFE_FEFE) ^ 0xC0C0_C0C0_C0C0_C0C0)
            | zeroBytes(w ^ 0xE0E0_E0E0_E0E0_E0E0) | zeroBytes(w ^ 0xEDED_EDED_EDED_EDED)
        let required = (lead &<< 8) | (lead3 &<< 16) | pending
        // Bytes up to the first special one; a sequence cut by it requires it as a continuation,
        // which it is not (it is ASCII), so the comparison catches that too.
        let upTo = found == 0 ? ~0 : ((found & (0 &- found)) &<< 1) &- 1
        pending = (lead &>> 56) | (lead3 &>> 48)
        return ((continuation ^ required) | rare) & upTo == 0
    }

    /// The offset of the first delimiter, quote, CR or LF in `base[from..<to]`, or `to`.
    @inline(__always)
    package func endOfUnquotedField(
        _ base: UnsafePointer<UInt8>, from: Int, to end: Int, classes: UnsafePointer<UInt8>, suspicious: inout Bool
    ) -> Int {
        var p = from
        var pending: UInt64 = 0
        while p &+ 8 <= end {
            let w = Self.load(base, p)
            let found = Self.zeroBytes(w ^ delimiter) | Self.zeroBytes(w ^ Self.quotes)
                | Self.bytesBelow(w, Self.belowLineEnds)
            if !Self.checkUTF8(w, found: found, pending: &pending) { suspicious = true }
            if found != 0 {
                let q = p &+ (found.trailingZeroBitCount &>> 3)
                if classes[Int(base[q])] & 1 != 0 { return q }
                // A control byte other than CR and LF: content, go on after it.
                p = q &+ 1
                pending = 0
                continue
            }
            p &+= 8
        }
        return Self.tail(base, from: p, to: end, stop: 1, classes: classes, pending: pending, suspicious: &suspicious)
    }

    /// The offset of the first quote, CR or LF in `base[from..<to]`, or `to`.
    @inline(__always)
    package func endOfQuotedRun(
        _ base: UnsafePointer<UInt8>, from: Int, to end: Int, classes: UnsafePointer<UInt8>, suspicious: inout Bool
    ) -> Int {
        var p = from
        var pending: UInt64 = 0
        while p &+ 8 <= end {
            let w = Self.load(base, p)
            let found = Self.zeroBytes(w ^ Self.quotes) | Self.bytesBelow(w, Self.belowLineEnds)
            if !Self.checkUTF8(w, found: found, pending: &pending) { suspicious = true }
            if found != 0 {
                let q = p &+ (found.trailingZeroBitCount &>> 3)
                if classes[Int(base[q])] & 2 != 0 { return q }
                p = q &+ 1
                pending = 0
                continue
            }
            p &+= 8
        }
        return Self.tail(base, from: p, to: end, stop: 2, classes: classes, pending: pending, suspicious: &suspicious)
    }

    /// The last bytes before the scan limit, one at a time; any non-ASCII byte there (or a
    /// sequence still open from the last word) makes the run suspicious.
    @inline(__always)
    private static func tail(
        _ base: UnsafePointer<UInt8>, from: Int, to end: Int, stop: UInt8, classes: UnsafePointer<UInt8>,
        pending: UInt64, suspicious: inout Bool
    ) -> Int {
        var p = from
        var seen: UInt8 = 0
        while p < end {
            let byteClass = classes[Int(base[p])]
            if byteClass & stop != 0 { break }
            seen |= byteClass
            p &+= 1
        }
        if pending != 0 || seen & 4 != 0 { suspicious = true }
        return p
    }

    /// The offset of the first quote in `base[from..<to]`, or `to`.
    @inline(__always)
    package static func nextQuote(_ base: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int {
        var p = from
        while p &+ 8 <= end {
            let found = zeroBytes(load(base, p) ^ quotes)
            if found != 0 { return p &+ (found.trailingZeroBitCount &>> 3) }
            p &+= 8
        }
        while p < end && base[p] != CSVByte.quote { p &+= 1 }
        return p
    }
}
