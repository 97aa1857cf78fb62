import ChiSoCore
import ChiSoCSV

/// A set of 64-bit hashes with open addressing (the table doubles past half full).
package struct IntegerSet {
    private var table: [UInt64]
    private var mask: Int
    private var count = 0

    package init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Adds `key`; false when it was there already.
    @inline(__always)
    package mutating func insert(_ key: UInt64) -> Bool {
        let k = key == 0 ? 1 : key  // 0 marks an empty slot
        var i = Int(truncatingIfNeeded: ByteHash.mix(k)) & mask
        while true {
            let v = table[i]
            if v == 0 { break }
            if v == k { return false }
            i = (i &+ 1) & mask
        }
        table[i] = k
        count += 1
        if count * 2 > table.count {
            let old = table
            table = Array(repeating: 0, count: old.count * 2)
            mask = table.count - 1
            count = 0
            for v in old where v != 0 { _ = insert(v) }
        }
        return true
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
