import Foundation
import ChiSoCore
import ChiSoCSV

/// Hash tables for the ingest hot path: keys are raw bytes or 64-bit integers, lookups allocate
/// nothing, and the hash is a cheap multiply-mix (not Swift's seeded SipHash, which would cost
/// more than the rest of a row's work). Inputs are files the user chose, so hash flooding is
/// not a concern.
package enum ByteHash {
    @inline(__always)
    package static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 31
        h = h &* 0x7FB5_D329_728E_A185
        h ^= h >> 27
        h = h &* 0x81DA_DEF4_BC2D_D44D
        h ^= h >> 33
        return h
    }

    /// Whether `count` bytes at `a` and `b` are equal, eight at a time: keys are short, and a
    /// call to `memcmp` costs more than comparing them in place.
    @inline(__always)
    package static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        var i = 0
        while i &+ 8 <= count {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i &+= 8
        }
        while i < count {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i &+= 1
        }
        return true
    }

    /// A 64-bit hash of `count` bytes at `p`, eight at a time.
    @inline(__always)
    package static func hash(_ p: UnsafeRawPointer, _ count: Int, seed: UInt64 = 0) -> UInt64 {
        var h = seed &+ UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i &+ 8 <= count {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i &+= 8
        }
        if i < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < count {
                tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift &+= 8
                i &+= 1
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        return mix(h)
    }
}
