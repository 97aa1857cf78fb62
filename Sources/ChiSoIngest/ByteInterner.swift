import Foundation
import ChiSoCore
import ChiSoCSV

/// Maps byte strings (within a namespace, such as a province) to dense ids 0, 1, 2, ...
///
/// Laid out for the national logs' hundreds of thousands of procedure codes, whose lookups miss the
/// cache: each slot holds the key's id and the high 32 bits of its hash side by side, so a probe
/// reads one slot and goes to the key's bytes only when the hash matches (a lookup misses the cache
/// about twice: the slot, then the bytes). Per key it keeps 8 bytes of start, 4 of namespace only
/// once a namespace other than 0 is used, and 11–21 of slots (up to three quarters full).
package struct ByteInterner {
    private var arena: [UInt8] = []
    /// Start of each key in `arena`; key `id` ends at `starts[id + 1]`.
    private var starts: [Int] = [0]
    /// Each key's namespace; empty while every key is in namespace 0.
    private var namespaces: [Int32] = []
    /// Open addressing, linear probing: the high 32 bits of the key's hash, then its id; `empty` when free.
    private var slots: [UInt64]
    private var mask: Int
    private static let empty = UInt64.max

    package init(capacity: Int = 1024) {
        var size = 16
        while size * 3 < capacity * 4 { size <<= 1 }
        slots = Array(repeating: Self.empty, count: size)
        mask = size - 1
    }

    package var count: Int { starts.count - 1 }

    @inline(__always)
    private static func hash(_ key: UnsafeRawBufferPointer, _ namespace: Int32) -> UInt64 {
        ByteHash.hash(key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, key.count, seed: UInt64(bitPattern: Int64(namespace)))
    }

    @inline(__always)
    private func space(of id: Int) -> Int32 { namespaces.isEmpty ? 0 : namespaces[id] }

    /// Where a key is, or where it would go: `intern(_:namespace:at:)` adds it there, without
    /// looking again, as long as nothing was added in between.
    package struct Probe {
        /// The key's id, nil when the key is not there.
        package let id: Int32?
        fileprivate let slot: Int
        fileprivate let tag: UInt64
        fileprivate let count: Int
    }

    /// Looks the key up.
    @inline(__always)
    package func probe(_ key: UnsafeRawBufferPointer, namespace: Int32 = 0) -> Probe {
        let h = Self.hash(key, namespace)
        let tag = h & 0xFFFF_FFFF_0000_0000
        var i = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { s in
            while true {
                let entry = s[i]
                if entry == Self.empty { return Probe(id: nil, slot: i, tag: tag, count: count) }
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF)
                    if space(of: id) == namespace && equals(id, key) { return Probe(id: Int32(truncatingIfNeeded: id), slot: i, tag: tag, count: count) }
                }
                i = (i &+ 1) & mask
            }
        }
    }

    /// The id of the key, or nil.
    @inline(__always)
    package func find(_ key: UnsafeRawBufferPointer, namespace: Int32 = 0) -> Int32? {
        probe(key, namespace: namespace).id
    }

    /// The id of the key, adding it when new.
    @inline(__always)
    package mutating func intern(_ key: UnsafeRawBufferPointer, namespace: Int32 = 0) -> (id: Int32, isNew: Bool) {
        intern(key, namespace: namespace, at: probe(key, namespace: namespace))
    }

    /// The id of the key that `probe` (made by `probe(_:namespace:)` for this key, with nothing
    /// added since) found, or the key added where it showed.
    @inline(__always)
    package mutating func intern(_ key: UnsafeRawBufferPointer, namespace: Int32 = 0, at probe: Probe) -> (id: Int32, isNew: Bool) {
        if let found = probe.id { return (found, false) }
        precondition(probe.count == count, "a probe used after another key was added")
        let id = Int32(count)
        arena.append(contentsOf: key)
        starts.append(arena.count)
        if namespace != 0 && namespaces.isEmpty { namespaces = Array(repeating: 0, count: Int(id)) }
        if !namespaces.isEmpty { namespaces.append(namespace) }
        slots[probe.slot] = probe.tag | UInt64(UInt32(bitPattern: id))
        // Up to three quarters full: the tags in the slots keep long probes cheap.
        if count * 4 > slots.count * 3 { grow() }
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

    /// Doubles the slots, hashing every key again from its bytes (the slots hold only half the hash).
    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [UInt64](repeating: Self.empty, count: size)
        let newMask = size - 1
        arena.withUnsafeBytes { a in
            for id in 0..<count {
                let key = UnsafeRawBufferPointer(rebasing: a[starts[id]..<starts[id + 1]])
                let h = Self.hash(key, space(of: id))
                var i = Int(truncatingIfNeeded: h) & newMask
                while newSlots[i] != Self.empty { i = (i &+ 1) & newMask }
                newSlots[i] = h & 0xFFFF_FFFF_0000_0000 | UInt64(id)
            }
        }
        slots = newSlots
        mask = newMask
    }
}
