import ChiSoCore
import ChiSoCSV

/// The service-index cells of a dossier log, counted as rows go by: one cell per unit and month of
/// receipt (the cohort), with each dossier's status as of the end of its month, quarter and year
/// (`ServiceCounts`).
///
/// A log knows nothing after its last day (the latest receipt or resolution in it): a horizon that
/// ends later is counted as of that day. Dossiers resolved by then are counted either way; for
/// dossiers still open in the log whose due date falls before the horizon's end, the cell keeps a
/// small count per due day (`openDue`), settled once the last day is known.
///
/// Memory is bounded whatever the number of units and months: past `cap` cells, the cells go to a
/// `RollupCellSpill` (partitioned by unit and year, so a cohort row's months meet in one partition)
/// and counting starts again; `forEachCohort` merges each partition back alone.
package struct ServiceCells {
    /// Counts per cell: received, online, full online, then on time, late, open within due for
    /// each horizon (`ServiceCounts` order, the first 12).
    package static let coreStride = 12
    /// Per flag: yes, no, empty; then eligible full online, fee paid online, fee payment stated.
    package static let flagStride = ServiceFlag.allCases.count * 3 + 3
    /// A spilled cell: the core counts, then the flag counts (zeros when the log states none).
    package static let spillWidth = coreStride + flagStride
    /// Cells kept in memory before a spill: about 1.5 MiB of counts and 1 MiB of table at the default
    /// (a national log has about 300,000 unit-months; spilling them costs a few milliseconds per
    /// 100,000).
    package static let defaultCap = 1 << 15

    private var slots: IntegerSlots
    private var core: [Int32] = []
    /// Grown only when a row states a flag: logs without the optional columns cost nothing here.
    private var flagCells: [Int32] = []
    /// Whether any row stated an optional yes/no column (kept across spills).
    package private(set) var hasFlags = false
    /// Whether a row can have flags at all (the log has an optional yes/no column, or a loaded catalogue
    /// states one; set before the first row). When not, spilled cells leave out the 30 flag counts: a
    /// record of 56 bytes instead of 176 (the 1M-row realistic log spills 229,376 unit-months).
    package var flagsPossible = true
    /// (cell key, horizon, due day) -> dossiers still open in the log, due before the horizon's end.
    private var openDue: [OpenDue: Int32] = [:]
    private struct OpenDue: Hashable {
        var cell: UInt64
        var horizon: Int8
        var due: Int32
    }
    /// `openDue` is pruned when it reaches this many entries (then set to twice what is left).
    private var openDuePruneAt = 4096
    /// The latest day of any receipt or resolution seen; `Int.min` before the first row.
    package private(set) var lastDay = Int.min
    private let months = MonthTable.shared
    /// Per unit, the month and slot of its last cell (rows of a unit come mostly in date order).
    private var unitMonthSlots: [(month: Int32, slot: Int32)] = []
    /// nil: never spilled (the merge of one partition).
    package var cap: Int?
    package private(set) var spill: RollupCellSpill?
    /// The most cells merged at once when the spill is read back (tests make it small).
    package var groupCells = RollupCellSpill.groupCells
    /// Writes the spill (tests give one that fails like a full disk).
    package var spillWriter: IDHashSpill.Writer?
    /// Unit-months counted, spilled ones included (each spill may count a unit-month again).
    package private(set) var cellsCounted = 0

    package init(cap: Int? = ServiceCells.defaultCap) {
        self.cap = cap
        slots = IntegerSlots(capacity: min(cap ?? 16384, 16384))
        // Reserved, not touched: the pages cost memory only once used, and the array never doubles
        // (which would hold the old and the new copy at once).
        if let cap { core.reserveCapacity(cap * Self.coreStride) }
    }

    @inline(__always)
    private static func key(unit: Int32, month: Int) -> UInt64 { UInt64(UInt32(bitPattern: unit)) << 24 | UInt64(month) }

    /// The spill partition of a cell: by unit and year, so the months of one cohort row meet.
    @inline(__always)
    private static func partitionKey(_ key: UInt64) -> UInt64 { (key >> 24) << 24 | (key & 0xFF_FFFF) / 12 }

    @inline(__always)
    private mutating func slot(unit: Int32, month: Int) -> Int {
        let u = Int(unit)
        if u < unitMonthSlots.count, unitMonthSlots[u].month == Int32(truncatingIfNeeded: month) { return Int(unitMonthSlots[u].slot) }
        let (slot, isNew) = slots.slot(Self.key(unit: unit, month: month))
        if isNew {
            core.append(contentsOf: repeatElement(0, count: Self.coreStride))
            cellsCounted &+= 1
        }
        if u >= unitMonthSlots.count {
            unitMonthSlots.append(contentsOf: repeatElement((month: Int32(-1), slot: Int32(-1)), count: u + 1 - unitMonthSlots.count))
        }
        unitMonthSlots[u] = (Int32(truncatingIfNeeded: month), Int32(truncatingIfNeeded: slot))
        return slot
    }

    /// The last day of the month, quarter and year of a month index (`year * 12 + month - 1`).
    @inline(__always)
    private func horizonEnds(month m: Int) -> (Int, Int, Int) {
        let year = m / 12
        let quarterLast = year * 12 + (m % 12) / 3 * 3 + 2
        return (Int(months.bounds(month: m).last), Int(months.bounds(month: quarterLast).last), Int(months.bounds(month: year * 12 + 11).last))
    }

    /// Adds (`sign` 1) or takes back (-1) one dossier.
    @inline(__always)
    package mutating func count(_ v: DossierValues, sign: Int64) {
        if let cap, slots.count >= cap { spillCells() }
        let receivedDay = LocalDateTime.dayNumber(v.received)
        let m = months.monthIndex(day: receivedDay)
        let s = slot(unit: v.unit, month: m)
        let sign32 = Int32(truncatingIfNeeded: sign)
        let isPending = v.resolved == DossierBatch.pending
        let resolvedDay = isPending ? Int.max : LocalDateTime.dayNumber(v.resolved)
        if sign > 0 { lastDay = max(lastDay, receivedDay, isPending ? receivedDay : resolvedDay) }
        let due = Int(v.due)
        let (e0, e1, e2) = horizonEnds(month: m)
        let base = s &* Self.coreStride
        var overdueOpen: (Bool, Bool, Bool) = (false, false, false)
        core.withUnsafeMutableBufferPointer { c in
            c[base] &+= sign32
            if v.channel == 1 { c[base &+ 1] &+= sign32 }
            if v.level == 1 { c[base &+ 2] &+= sign32 }
            @inline(__always) func status(_ h: Int, _ end: Int) -> Bool {
                let at = base &+ 3 &+ h &* 3
                if resolvedDay <= end {
                    c[resolvedDay <= due ? at : at &+ 1] &+= sign32
                } else if due >= end {
                    c[at &+ 2] &+= sign32
                } else {
                    return isPending
                }
                return false
            }
            overdueOpen = (status(0, e0), status(1, e1), status(2, e2))
        }
        if overdueOpen.0 || overdueOpen.1 || overdueOpen.2 {
            let cell = Self.key(unit: v.unit, month: m)
            for (h, open, end) in [(0, overdueOpen.0, e0), (1, overdueOpen.1, e1), (2, overdueOpen.2, e2)] where open {
                // Only a horizon ending after the log's last day, with the due date not before it,
                // can count the dossier as within its due date; the last day only grows, so a
                // dossier that fails this now never counts (and its take-back is skipped alike).
                guard due >= lastDay && end > lastDay else { continue }
                openDue[OpenDue(cell: cell, horizon: Int8(h), due: Int32(truncatingIfNeeded: due)), default: 0] &+= sign32
            }
            if openDue.count >= openDuePruneAt { pruneOpenDue() }
        }
        guard v.flags != 0 else { return }
        hasFlags = true
        let needed = (s + 1) * Self.flagStride
        if flagCells.count < needed { flagCells.append(contentsOf: repeatElement(0, count: needed - flagCells.count)) }
        let fbase = s * Self.flagStride
        func value(_ flag: ServiceFlag) -> FlagValue { FlagValue(rawValue: v.flags >> (2 * UInt32(flag.bitIndex)) & 3)! }
        flagCells.withUnsafeMutableBufferPointer { f in
            for flag in ServiceFlag.allCases {
                switch value(flag) {
                case .yes: f[fbase + flag.bitIndex * 3] &+= sign32
                case .no: f[fbase + flag.bitIndex * 3 + 1] &+= sign32
                case .empty: f[fbase + flag.bitIndex * 3 + 2] &+= sign32
                case .absent: break
                }
            }
            let tail = fbase + ServiceFlag.allCases.count * 3
            if value(.fullOnlineEligible) == .yes && v.level == 1 { f[tail] &+= sign32 }
            if value(.feeRequired) == .yes {
                let paid = value(.paidOnline)
                if paid == .yes { f[tail + 1] &+= sign32 }
                if paid == .yes || paid == .no { f[tail + 2] &+= sign32 }
            }
        }
    }

    /// Drops the open dossiers that can no longer count as within their due date: those due before
    /// the last day seen, or whose horizon ends by then. What is left is bounded by the units'
    /// dossiers still due after the latest date in the log, not by the rows.
    private mutating func pruneOpenDue() {
        let last = lastDay
        openDue = openDue.filter { entry, n in
            guard n != 0, Int(entry.due) >= last else { return false }
            let ends = horizonEnds(month: Int(entry.cell & 0xFF_FFFF))
            let end = entry.horizon == 0 ? ends.0 : entry.horizon == 1 ? ends.1 : ends.2
            return end > last
        }
        openDuePruneAt = max(4096, openDue.count * 2)
    }

    /// Writes every cell in memory to the spill and starts again with none.
    private mutating func spillCells() {
        let width = flagsPossible || hasFlags ? Self.spillWidth : Self.coreStride
        if spill == nil { spill = spillWriter.map { RollupCellSpill(width: width, writer: $0) } ?? RollupCellSpill(width: width) }
        let spill = spill!
        var record = [Int32](repeating: 0, count: Self.spillWidth)
        for (s, key) in slots.keys.enumerated() {
            spillRecord(s, into: &record)
            record.withUnsafeBufferPointer { spill.append(key: key, partitionKey: Self.partitionKey(key), UnsafeBufferPointer(rebasing: $0[0..<spill.width])) }
        }
        removeCells()
    }

    /// Forgets every cell, keeping the memory.
    private mutating func removeCells() {
        slots.removeAll()
        core.removeAll(keepingCapacity: true)
        flagCells.removeAll(keepingCapacity: true)
        unitMonthSlots.removeAll(keepingCapacity: true)
    }

    /// The cell in `slot` as a spilled record: its core counts, then its flag counts (zeros when none).
    private func spillRecord(_ slot: Int, into record: inout [Int32]) {
        let flagBase = slot * Self.flagStride
        for i in 0..<Self.coreStride { record[i] = core[slot * Self.coreStride + i] }
        for i in 0..<Self.flagStride { record[Self.coreStride + i] = flagCells.count > flagBase ? flagCells[flagBase + i] : 0 }
    }

    /// Adds a spilled cell's counts to the cell of `key`.
    private mutating func merge(_ key: UInt64, _ v: UnsafeBufferPointer<Int32>) {
        let (s, isNew) = slots.slot(key)
        if isNew { core.append(contentsOf: repeatElement(0, count: Self.coreStride)) }
        for i in 0..<Self.coreStride { core[s * Self.coreStride + i] &+= v[i] }
        guard hasFlags else { return }
        let needed = (s + 1) * Self.flagStride
        if flagCells.count < needed { flagCells.append(contentsOf: repeatElement(0, count: needed - flagCells.count)) }
        for i in 0..<Self.flagStride { flagCells[s * Self.flagStride + i] &+= v[Self.coreStride + i] }
    }

    /// One unit's cohorts of one year as the store writes them (one row of `admin_service_cohort`).
    ///
    /// `months` holds, for each month with receipts in order, `monthWidth` numbers: the month (1–12)
    /// then the `coreStride` cohort counts; `flags` (empty when the log states no optional column)
    /// the `flagWidth` flag counts of the same months, aligned with them. Both buffers are reused
    /// from one record to the next: copy what you keep.
    package struct Cohort {
        package var provinceID: String
        package var year: Int
        package var unitID: Int64
        package var asOf: Day
        package var months: [Int32]
        package var flags: [Int32]

        package static let monthWidth = 1 + ServiceCells.coreStride
        package static var flagWidth: Int { ServiceCells.flagStride }
        package var monthCount: Int { months.count / Self.monthWidth }
    }

    /// A unit as `forEachCohort` needs it: its database id, province id, and an index that orders
    /// provinces.
    package typealias CohortUnit = (id: Int64, provinceID: String, provinceIndex: Int32)

    /// Every unit's cohorts per year, with the statuses of horizons ending after the log's last day
    /// settled as of that day: grouped by spill partition when cells were spilled, and within one
    /// by province, year and unit. `unit` gives a dense unit index's database id and province.
    package func forEachCohort(unit: (Int32) -> CohortUnit, _ body: (borrowing Cohort) throws -> Void) throws {
        guard lastDay != Int.min else { return }
        // Dossiers open in the log, due on or after its last day but before the horizon's end:
        // within their due date as of the last day.
        var settled: [UInt64: (Int32, Int32, Int32)] = [:]
        for (entry, n) in openDue where n != 0 {
            let ends = horizonEnds(month: Int(entry.cell & 0xFF_FFFF))
            let end = entry.horizon == 0 ? ends.0 : entry.horizon == 1 ? ends.1 : ends.2
            guard end > lastDay && Int(entry.due) >= lastDay else { continue }
            var extra = settled[entry.cell] ?? (0, 0, 0)
            switch entry.horizon {
            case 0: extra.0 &+= n
            case 1: extra.1 &+= n
            default: extra.2 &+= n
            }
            settled[entry.cell] = extra
        }
        var units: [CohortUnit?] = []
        func lookUp(_ u: Int) -> CohortUnit {
            if u >= units.count { units.append(contentsOf: repeatElement(nil, count: u + 1 - units.count)) }
            if let known = units[u] { return known }
            let found = unit(Int32(truncatingIfNeeded: u))
            units[u] = found
            return found
        }
        guard let spill else { return try emit(settled: settled, lookUp: lookUp, body) }
        try spill.finish()
        // One table for every partition, emptied between them (not made and grown again each time).
        var merged = ServiceCells(cap: nil)
        merged.hasFlags = hasFlags
        merged.lastDay = lastDay
        var record = [Int32](repeating: 0, count: Self.spillWidth)
        for p in 0..<RollupCellSpill.partitions {
            // A partition too large to merge at once comes in several groups, each holding whole
            // cohort rows (split by the same unit-and-year key).
            try spill.forEachGroup(partition: p, limit: groupCells, partitionKey: Self.partitionKey) { read, holds in
                merged.removeCells()
                try read { key, values in merged.merge(key, values) }
                for (s, key) in slots.keys.enumerated() where holds(Self.partitionKey(key)) {
                    spillRecord(s, into: &record)
                    record.withUnsafeBufferPointer { merged.merge(key, $0) }
                }
                try merged.emit(settled: settled, lookUp: lookUp, body)
            }
        }
    }

    /// The cells in memory as cohort rows, by province, year and unit.
    private func emit(settled: [UInt64: (Int32, Int32, Int32)], lookUp: (Int) -> CohortUnit, _ body: (borrowing Cohort) throws -> Void) throws {
        // Sorted on two integers per cell: the province's index and the year, then the cell's key
        // (unit, then month): the cells of one cohort row come together, months in order.
        var order: [(rank: UInt64, key: UInt64, slot: Int32)] = []
        order.reserveCapacity(slots.count)
        for s in 0..<slots.count {
            let key = slots.keys[s]
            let province = UInt64(UInt32(bitPattern: lookUp(Int(key >> 24)).provinceIndex))
            order.append((province << 16 | (key & 0xFF_FFFF) / 12, key, Int32(truncatingIfNeeded: s)))
        }
        order.sort { a, b in a.rank != b.rank ? a.rank < b.rank : a.key < b.key }

        var cohort = Cohort(provinceID: "", year: 0, unitID: 0, asOf: DayNumber.day(lastDay), months: [], flags: [])
        cohort.months.reserveCapacity(12 * Cohort.monthWidth)
        if hasFlags { cohort.flags.reserveCapacity(12 * Cohort.flagWidth) }
        var current: UInt64 = .max  // the partition key (unit and year) of the cohort being filled
        func flush() throws {
            if !cohort.months.isEmpty { try body(cohort) }
            cohort.months.removeAll(keepingCapacity: true)
            cohort.flags.removeAll(keepingCapacity: true)
        }
        for entry in order {
            let s = Int(entry.slot)
            let base = s * Self.coreStride
            guard core[base] > 0 else { continue }  // emptied by rejected duplicates
            let m = Int(entry.key & 0xFF_FFFF)
            let group = Self.partitionKey(entry.key)
            if group != current {
                try flush()
                current = group
                let info = lookUp(Int(entry.key >> 24))
                cohort.provinceID = info.provinceID; cohort.unitID = info.id; cohort.year = m / 12
            }
            cohort.months.append(Int32(m % 12 + 1))
            cohort.months.append(contentsOf: core[base..<base + Self.coreStride])
            if let extra = settled[entry.key] {
                let at = cohort.months.count - Self.coreStride
                cohort.months[at + ServiceCounts.openWithinDueIndex(.month)] &+= extra.0
                cohort.months[at + ServiceCounts.openWithinDueIndex(.quarter)] &+= extra.1
                cohort.months[at + ServiceCounts.openWithinDueIndex(.year)] &+= extra.2
            }
            if hasFlags {
                let fbase = s * Self.flagStride
                if flagCells.count >= fbase + Self.flagStride {
                    cohort.flags.append(contentsOf: flagCells[fbase..<fbase + Self.flagStride])
                } else {
                    cohort.flags.append(contentsOf: repeatElement(0, count: Self.flagStride))
                }
            }
        }
        try flush()
    }
}

extension DossierCodes {
    /// A yes/no cell: yes, no, có, không, 1, 0, true, false, x (yes); for `satisfied` also hài
    /// lòng / không hài lòng. nil for anything else.
    package static func yesNo(_ b: UnsafeRawBufferPointer) -> FlagValue? {
        if b.count == 1 {
            switch b[0] {
            case 0x31, 0x78, 0x58: return .yes  // 1, x, X
            case 0x30: return .no
            default: break
            }
        }
        switch HeaderKey.normalize(String(decoding: b, as: UTF8.self)) {
        case "yes", "y", "true", "co", "da", "hai long", "rat hai long", "satisfied": return .yes
        case "no", "n", "false", "khong", "chua", "khong hai long", "not satisfied", "unsatisfied": return .no
        default: return nil
        }
    }
}

extension DossierLogScan.Columns {
    /// The columns of the optional yes/no flags, in `ServiceFlag` order.
    package static func flagColumns(_ c: ColumnMap<DossierField>) -> [(flag: ServiceFlag, column: Int)] {
        DossierField.allCases.compactMap { field in
            guard let flag = field.serviceFlag, let column = c[field] else { return nil }
            return (flag, column)
        }
    }
}

extension DossierLogScan {
    /// The packed flags of a row (`DossierValues.flags`), or the column and cell text of the first
    /// cell that is not yes or no.
    @inline(__always)
    package static func flags(_ r: borrowing CSVRecord, _ columns: [(flag: ServiceFlag, column: Int)]) -> Result<UInt32, FlagError> {
        var flags: UInt32 = 0
        for (flag, column) in columns {
            let value: FlagValue
            if r.isEmpty(column) {
                value = .empty
            } else {
                guard let v = r.withBytes(column, DossierCodes.yesNo) else {
                    return .failure(FlagError(column: column, field: flag.rawValue, text: r[column]))
                }
                value = v
            }
            flags |= value.rawValue << (2 * UInt32(flag.bitIndex))
        }
        return .success(flags)
    }

    /// A flag cell that is not yes or no.
    package struct FlagError: Error {
        package var column: Int
        package var field: String
        package var text: String
    }
}
