/// One dictionary of an administrative-procedure load (procedure codes, field names): a dense index
/// per distinct value for this load, the database id beside it, and the next id for a value the
/// database does not hold yet. The statistics and dossier-log parsers share it.
///
/// Values the database already holds come first, with their ids; the new ones follow in index
/// order with consecutive ids from `firstNewID`, so their ids are computed, not stored (a national
/// log brings hundreds of thousands of procedure codes, and reading a stored id per row misses the cache).
package struct NameDictionary {
    private var keys: ByteInterner
    /// Database ids of the values the database held, by index.
    private let existingIDs: [Int64]
    private let firstNewID: Int64
    /// How many values it takes; more are refused (the packed rollup keys of dossier logs hold no more).
    package let limit: Int

    /// Starts from the values the database already holds.
    package init(existing: [(id: Int64, value: String)], capacity: Int, limit: Int = Int(Int32.max)) {
        keys = ByteInterner(capacity: max(capacity, existing.count * 2))
        firstNewID = (existing.map(\.id).max() ?? 0) + 1
        self.limit = limit
        var ids: [Int64] = []
        ids.reserveCapacity(existing.count)
        for entry in existing {
            _ = keys.intern(entry.value)
            ids.append(entry.id)
        }
        existingIDs = ids
    }

    /// The id the next new value gets.
    package var nextID: Int64 { firstNewID + Int64(keys.count - existingIDs.count) }

    /// The index of `bytes` and, when the value is new to the database, the id it now has; nil when
    /// the dictionary is full.
    @inline(__always)
    package mutating func index(of bytes: UnsafeRawBufferPointer) -> (index: Int32, newID: Int64?)? {
        if isFull { return keys.find(bytes).map { ($0, nil) } }
        let (slot, isNew) = keys.intern(bytes)
        return (slot, isNew ? self[slot] : nil)
    }

    /// The index of `bytes`, looked up by `probe(_:)` with nothing added since (the row's checks run
    /// between the two, and a national log's new codes are then looked up once, not twice).
    @inline(__always)
    package mutating func index(of bytes: UnsafeRawBufferPointer, at probe: ByteInterner.Probe) -> (index: Int32, newID: Int64?)? {
        if let found = probe.id { return (found, nil) }
        if isFull { return nil }
        let (slot, isNew) = keys.intern(bytes, at: probe)
        return (slot, isNew ? self[slot] : nil)
    }

    /// Where `bytes` is in the dictionary, or would go (for `index(of:at:)`).
    @inline(__always)
    package func probe(_ bytes: UnsafeRawBufferPointer) -> ByteInterner.Probe { keys.probe(bytes) }

    /// No new value can be added: check with `find` first, so a row refused for it adds nothing.
    package var isFull: Bool { keys.count >= limit }

    /// The index of a value already seen, without adding it.
    package func find(_ bytes: UnsafeRawBufferPointer) -> Int32? { keys.find(bytes) }

    /// The index of a database id (for rows read back from the store).
    package func index(ofID id: Int64) -> Int32? {
        if id >= firstNewID {
            let index = existingIDs.count + Int(id - firstNewID)
            return index < keys.count ? Int32(index) : nil
        }
        return existingIDs.firstIndex(of: id).map(Int32.init)
    }

    @inline(__always)
    package subscript(index: Int32) -> Int64 {
        let i = Int(index)
        return i >= existingIDs.count ? firstNewID + Int64(i - existingIDs.count) : existingIDs[i]
    }
}
