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

/// The dossier ids of a file, as (64-bit hash, line) pairs spilled to temporary files while the
/// rows go by, then searched for repeated hashes: an exact duplicate check whose memory does not
/// grow with the file (no id is held; each partition is read back alone).
///
/// Pairs go to `partitions` files by the hash's top bits, so that a partition's hashes fit a
/// 2 MiB table. The files are unlinked as soon as they are made: they disappear with the
/// process, whatever happens.
package final class IDHashSpill {
    private var descriptors: [Int32] = []
    private var buffers: [[UInt64]]
    private let shift: UInt64
    /// Where the files are made (the system's temporary folder, `TMPDIR`, by default).
    package let directory: String
    /// Writes bytes to a descriptor (`write(2)`; tests give one that fails like a full disk).
    package typealias Writer = (_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int
    private let writer: Writer
    /// The `errno` of the first write or read that failed: the check cannot be trusted after it.
    package private(set) var failure: Int32?
    /// Pairs buffered per partition before a write: 8 KiB, so that even 256 partitions stay small.
    private static let bufferPairs = 512
    /// Hashes per partition the table is sized for.
    package static let partitionTarget = 1 << 17

    /// A spill for about `expectedRows` rows, or nil when no temporary file can be made (the
    /// caller then checks by SQL).
    package init?(expectedRows: Int, directory: String = FileManager.default.temporaryDirectory.path,
                  writer: @escaping Writer = { fd, bytes, count in write(fd, bytes, count) }) {
        self.directory = directory
        self.writer = writer
        var bits = 0
        while (Self.partitionTarget << bits) < expectedRows && bits < 10 { bits += 1 }
        shift = UInt64(64 - bits)
        buffers = Array(repeating: [], count: 1 << bits)
        for _ in 0..<(1 << bits) {
            var template = Array((directory + "/chiso-ids-XXXXXX").utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { descriptors.forEach { close($0) }; return nil }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            descriptors.append(fd)
        }
        for i in buffers.indices { buffers[i].reserveCapacity(Self.bufferPairs * 2) }
    }

    deinit { descriptors.forEach { close($0) } }

    @inline(__always)
    package func append(hash: UInt64, line: Int) {
        let p = shift == 64 ? 0 : Int(hash >> shift)
        buffers[p].append(hash)
        buffers[p].append(UInt64(line))
        if buffers[p].count >= Self.bufferPairs * 2 { flush(p) }
    }

    /// Writes partition `p`'s buffer; a failure is kept (and reported by `repeatedHashes`), never skipped.
    private func flush(_ p: Int) {
        guard failure == nil else { buffers[p].removeAll(keepingCapacity: true); return }
        buffers[p].withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = writer(descriptors[p], raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = n < 0 ? errno : ENOSPC; return }
                done += n
            }
        }
        buffers[p].removeAll(keepingCapacity: true)
    }

    /// Calls `body` with every pair of partition `p`.
    private func forEach(_ p: Int, _ body: (_ hash: UInt64, _ line: Int) -> Void) throws(IngestError) {
        var chunk = [UInt64](repeating: 0, count: Self.bufferPairs * 2)
        var offset: off_t = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(descriptors[p], $0.baseAddress!, $0.count, offset) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw error(errno) }
            if n == 0 { break }
            // Pairs are 16 bytes; a read that ends inside one is read again from its start.
            let whole = n / 16 * 16
            guard whole > 0 else { throw error(EIO) }
            offset += off_t(whole)
            for i in stride(from: 0, to: whole / 8, by: 2) { body(chunk[i], Int(chunk[i + 1])) }
        }
    }

    private func error(_ code: Int32) -> IngestError {
        .unwritable(path: directory, what: "the temporary file of the duplicate check", reason: String(cString: strerror(code)),
                    advice: "free some space there, or set TMPDIR to a folder with room")
    }

    /// The lines of every hash seen more than once, each group in line order; an error when a
    /// write or read of the spill failed (the check would miss duplicates).
    package func repeatedHashes() throws(IngestError) -> [[Int]] {
        for p in buffers.indices { flush(p) }
        if let failure { throw error(failure) }
        var groups: [[Int]] = []
        for p in descriptors.indices {
            // Pass 1: which hashes repeat (open addressing on the hashes alone; 0 marks empty).
            var seen = IntegerSet(capacity: Self.partitionTarget)
            var repeated = Set<UInt64>()
            try forEach(p) { hash, _ in if !seen.insert(hash) { repeated.insert(hash) } }
            guard !repeated.isEmpty else { continue }
            // Pass 2: their lines.
            var lines: [UInt64: [Int]] = [:]
            try forEach(p) { hash, line in if repeated.contains(hash) { lines[hash, default: []].append(line) } }
            groups += lines.values.map { $0.sorted() }
        }
        return groups.sorted { $0[0] < $1[0] }
    }
}

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
