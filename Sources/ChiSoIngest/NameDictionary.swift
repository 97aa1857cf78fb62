/// One dictionary of an administrative-procedure load (procedure codes, field names): a dense index
/// per distinct value for this load, the database id beside it, and the next id for a value the
/// database does not hold yet. The statistics and dossier-log parsers share it.
package struct NameDictionary {
    private var keys: ByteInterner
    /// Database ids by index.
    package private(set) var ids: [Int64] = []
    package private(set) var nextID: Int64
    /// How many values it takes; more are refused (the packed rollup keys of dossier logs hold no more).
    package let limit: Int

    /// Starts from the values the database already holds.
    package init(existing: [(id: Int64, value: String)], capacity: Int, limit: Int = Int(Int32.max)) {
        keys = ByteInterner(capacity: max(capacity, existing.count * 2))
        nextID = (existing.map(\.id).max() ?? 0) + 1
        self.limit = limit
        for entry in existing {
            _ = keys.intern(entry.value)
            ids.append(entry.id)
        }
    }

    /// The index of `bytes` and, when the value is new to the database, the id it now has; nil when
    /// the dictionary is full.
    @inline(__always)
    package mutating func index(of bytes: UnsafeRawBufferPointer) -> (index: Int32, newID: Int64?)? {
        let (slot, isNew) = keys.intern(bytes)
        guard Int(slot) < limit else { return nil }
        guard isNew else { return (slot, nil) }
        let id = nextID
        ids.append(id)
        nextID += 1
        return (slot, id)
    }

    /// No new value can be added: check with `find` first, so a row refused for it adds nothing.
    package var isFull: Bool { ids.count >= limit }

    /// The index of a value already seen, without adding it.
    package func find(_ bytes: UnsafeRawBufferPointer) -> Int32? { keys.find(bytes) }

    /// The index of a database id (for rows read back from the store).
    package func index(ofID id: Int64) -> Int32? { ids.firstIndex(of: id).map(Int32.init) }

    package subscript(index: Int32) -> Int64 { ids[Int(index)] }
}
