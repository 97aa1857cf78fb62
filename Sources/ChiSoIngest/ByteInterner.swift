import Foundation
import ChiSoCore
import ChiSoCSV

/// Maps byte strings (within a namespace, such as a province) to dense ids 0, 1, 2, ...
///
/// Laid out for the national logs' hundreds of thousands of procedure codes, whose lookups miss the
/// cache: a lookup reads the slot, then the key's 32-bit hash tag, then its bytes; per key it keeps
/// 4 bytes of tag, 8 of start, 4 of namespace only once a namespace other than 0 is used, and
/// 8–16 of slots (about half the memory of 64-bit hashes and namespaces for every key).
package struct ByteInterner {
    private var arena: [UInt8] = []
    /// Start of each key in `arena`; key `id` ends at `starts[id + 1]`.
    private var starts: [Int] = [0]
    /// The high 32 bits of each key's hash (the slot index takes the low bits).
    private var tags: [UInt32] = []
    /// Each key's namespace; empty while every key is in namespace 0.
    private var namespaces: [Int32] = []
    /// Open addressing, linear probing; -1 = empty.
    private var slots: [Int32]
    private var mask: Int

    package init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    package var count: Int { tags.count }

    @inline(__always)
    private static func hash(_ key: UnsafeRawBufferPointer, _ namespace: Int32) -> UInt64 {
        ByteHash.hash(key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, key.count, seed: UInt64(bitPattern: Int64(namespace)))
    }

    @inline(__always)
    private func space(of id: Int) -> Int32 { namespaces.isEmpty ? 0 : namespaces[id] }

    /// The key's id if it is there, else the empty slot where it goes; and its hash.
    @inline(__always)
    private func probe(_ key: UnsafeRawBufferPointer, _ namespace: Int32) -> (id: Int32?, slot: Int, hash: UInt64) {
        let h = Self.hash(key, namespace)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[i]
            if id < 0 { return (nil, i, h) }
            if tags[Int(id)] == tag && space(of: Int(id)) == namespace && equals(Int(id), key) { return (id, i, h) }
            i = (i &+ 1) & mask
        }
    }

    /// The id of the key, or nil.
    @inline(__always)
    package func find(_ key: UnsafeRawBufferPointer, namespace: Int32 = 0) -> Int32? {
        probe(key, namespace).id
    }

    /// The id of the key, adding it when new.
    @inline(__always)
    package mutating func intern(_ key: UnsafeRawBufferPointer, namespace: Int32 = 0) -> (id: Int32, isNew: Bool) {
        let (found, slot, h) = probe(key, namespace)
        if let found { return (found, false) }
        let id = Int32(tags.count)
        arena.append(contentsOf: key)
        starts.append(arena.count)
        tags.append(UInt32(truncatingIfNeeded: h >> 32))
        if namespace != 0 && namespaces.isEmpty { namespaces = Array(repeating: 0, count: Int(id)) }
        if !namespaces.isEmpty { namespaces.append(namespace) }
        slots[slot] = id
        if tags.count * 2 > slots.count { grow() }
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

    /// Doubles the slots, hashing every key again from its bytes (the tags hold only half the hash).
    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [Int32](repeating: -1, count: size)
        let newMask = size - 1
        arena.withUnsafeBytes { a in
            for id in 0..<tags.count {
                let key = UnsafeRawBufferPointer(rebasing: a[starts[id]..<starts[id + 1]])
                var i = Int(truncatingIfNeeded: Self.hash(key, space(of: id))) & newMask
                while newSlots[i] >= 0 { i = (i &+ 1) & newMask }
                newSlots[i] = Int32(id)
            }
        }
        slots = newSlots
        mask = newMask
    }
}
