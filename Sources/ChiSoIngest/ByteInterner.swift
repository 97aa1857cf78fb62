import Foundation
import ChiSoCore
import ChiSoCSV

/// Maps byte strings (within a namespace, such as a province) to dense ids 0, 1, 2, ...
package struct ByteInterner {
    private var arena: [UInt8] = []
    /// Start of each key in `arena`; key `id` ends at `starts[id + 1]`.
    private var starts: [Int] = [0]
    private var namespaces: [Int32] = []
    private var hashes: [UInt64] = []
    /// Open addressing, linear probing; -1 = empty.
    private var slots: [Int32]
    private var mask: Int

    package init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    package var count: Int { hashes.count }

    /// The id of the key, or nil.
    @inline(__always)
    package func find(_ key: UnsafeRawBufferPointer, namespace: Int32 = 0) -> Int32? {
        let h = ByteHash.hash(key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, key.count, seed: UInt64(bitPattern: Int64(namespace)))
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[i]
            if id < 0 { return nil }
            if hashes[Int(id)] == h && namespaces[Int(id)] == namespace && equals(Int(id), key) { return id }
            i = (i &+ 1) & mask
        }
    }

    /// The id of the key, adding it when new.
    @inline(__always)
    package mutating func intern(_ key: UnsafeRawBufferPointer, namespace: Int32 = 0) -> (id: Int32, isNew: Bool) {
        let h = ByteHash.hash(key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, key.count, seed: UInt64(bitPattern: Int64(namespace)))
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[i]
            if id < 0 { break }
            if hashes[Int(id)] == h && namespaces[Int(id)] == namespace && equals(Int(id), key) { return (id, false) }
            i = (i &+ 1) & mask
        }
        let id = Int32(hashes.count)
        arena.append(contentsOf: key)
        starts.append(arena.count)
        hashes.append(h)
        namespaces.append(namespace)
        slots[i] = id
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    package mutating func intern(_ key: String, namespace: Int32 = 0) -> (id: Int32, isNew: Bool) {
        var key = key
        return key.withUTF8 { intern(UnsafeRawBufferPointer($0), namespace: namespace) }
    }

    /// The bytes of key `id` as a string.
    package func string(_ id: Int32) -> String {
        String(decoding: arena[starts[Int(id)]..<starts[Int(id) + 1]], as: UTF8.self)
    }

    @inline(__always)
    package func equals(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = starts[id]
        let length = starts[id + 1] - start
        guard length == key.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBytes { a in ByteHash.equal(a.baseAddress! + start, key.baseAddress!, length) }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for id in 0..<hashes.count {
            var i = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[i] >= 0 { i = (i &+ 1) & mask }
            slots[i] = Int32(id)
        }
    }
}
