import Foundation
import ChiSoCore
import ChiSoCSV

/// Maps 64-bit keys to dense slots 0, 1, 2, ... (the rollup cells of an ingest).
package struct IntegerSlots {
    package private(set) var keys: [UInt64] = []
    /// Open addressing: the key and its slot side by side (slot -1: empty), one probe one load.
    private var table: [(key: UInt64, slot: Int)]
    private var mask: Int

    package init(capacity: Int = 4096) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = Array(repeating: (0, -1), count: size)
        mask = size - 1
    }

    package var count: Int { keys.count }

    /// The slot of `key`, adding it when new (`isNew`).
    @inline(__always)
    package mutating func slot(_ key: UInt64) -> (slot: Int, isNew: Bool) {
        var i = Int(truncatingIfNeeded: ByteHash.mix(key)) & mask
        let found: Int? = table.withUnsafeBufferPointer { t in
            while true {
                let entry = t[i]
                if entry.slot < 0 { return nil }
                if entry.key == key { return entry.slot }
                i = (i &+ 1) & mask
            }
        }
        if let found { return (found, false) }
        let s = keys.count
        keys.append(key)
        table[i] = (key, s)
        // Up to 3/4 full: linear probing stays short, and the table is a third smaller than at 1/2.
        if keys.count * 4 > table.count * 3 { grow() }
        return (s, true)
    }

    /// Forgets every key, keeping the table's size (the rollup cells start again after a spill).
    package mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        for i in table.indices { table[i] = (0, -1) }
    }

    private mutating func grow() {
        let size = table.count * 2
        table = Array(repeating: (0, -1), count: size)
        mask = size - 1
        for (s, key) in keys.enumerated() {
            var i = Int(truncatingIfNeeded: ByteHash.mix(key)) & mask
            while table[i].slot >= 0 { i = (i &+ 1) & mask }
            table[i] = (key, s)
        }
    }
}
