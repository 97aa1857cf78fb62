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
package struct ServiceCells {
    /// Counts per cell: received, online, full online, then on time, late, open within due for
    /// each horizon (`ServiceCounts` order, the first 12).
    package static let coreStride = 12
    /// Per flag: yes, no, empty; then eligible full online, fee paid online, fee payment stated.
    package static let flagStride = ServiceFlag.allCases.count * 3 + 3

    private var slots = IntegerSlots(capacity: 16384)
    private var core: [Int32] = []
    /// Grown only when a row states a flag: logs without the optional columns cost nothing here.
    private var flagCells: [Int32] = []
    /// (slot << 24 | horizon << 20 | due day offset) -> dossiers still open in the log, due before
    /// the horizon's end. The day offset is from `dayBase`.
    private var openDue: [UInt64: Int32] = [:]
    private static let dayBase = DayNumber.from(year: 1990, month: 1, day: 1)
    /// The latest day of any receipt or resolution seen; `Int.min` before the first row.
    package private(set) var lastDay = Int.min
    private let months = MonthTable.shared
    /// Per unit, the month and slot of its last cell (rows of a unit come mostly in date order).
    private var unitMonthSlots: [(month: Int32, slot: Int32)] = []

    package init() {}

    package var count: Int { slots.count }
    /// Whether any row stated an optional yes/no column.
    package var hasFlags: Bool { !flagCells.isEmpty }

    @inline(__always)
    private static func key(unit: Int32, month: Int) -> UInt64 { UInt64(UInt32(bitPattern: unit)) << 24 | UInt64(month) }

    @inline(__always)
    private mutating func slot(unit: Int32, month: Int) -> Int {
        let u = Int(unit)
        if u < unitMonthSlots.count, unitMonthSlots[u].month == Int32(truncatingIfNeeded: month) { return Int(unitMonthSlots[u].slot) }
        let (slot, isNew) = slots.slot(Self.key(unit: unit, month: month))
        if isNew { core.append(contentsOf: repeatElement(0, count: Self.coreStride)) }
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
            let dueKey = UInt64(max(0, due - Self.dayBase)) & 0xF_FFFF
            for (h, open) in [overdueOpen.0, overdueOpen.1, overdueOpen.2].enumerated() where open {
                openDue[UInt64(s) << 24 | UInt64(h) << 20 | dueKey, default: 0] &+= sign32
            }
        }
        guard v.flags != 0 else { return }
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

    /// One cell as the store writes it.
    package struct Record: Sendable {
        package var provinceID: String
        package var month: CalendarPeriod
        package var unitID: Int64
        package var level: AdministrativeLevel
        package var asOf: Day
        package var counts: ServiceCounts
    }

    /// Every cell, with the statuses of horizons ending after the log's last day settled as of
    /// that day. `unit` gives a dense unit index's database id, province id and level.
    package func forEachRecord(unit: (Int32) -> (id: Int64, provinceID: String, level: AdministrativeLevel),
                               _ body: (Record) throws -> Void) rethrows {
        guard lastDay != Int.min else { return }
        // Dossiers open in the log, due on or after its last day but before the horizon's end:
        // within their due date as of the last day.
        var settled: [Int: [Int32]] = [:]
        for (key, n) in openDue where n != 0 {
            let s = Int(key >> 24), h = Int(key >> 20 & 0xF), due = Int(key & 0xF_FFFF) + Self.dayBase
            let m = Int(slots.keys[s] & 0xFF_FFFF)
            let ends = horizonEnds(month: m)
            let end = h == 0 ? ends.0 : h == 1 ? ends.1 : ends.2
            guard end > lastDay && due >= lastDay else { continue }
            settled[s, default: [0, 0, 0]][h] &+= n
        }
        let asOf = DayNumber.day(lastDay)
        // Units' database ids, provinces and levels, looked up once per unit.
        var units: [Int32: (id: Int64, provinceID: String, level: AdministrativeLevel)] = [:]
        for key in slots.keys {
            let u = Int32(truncatingIfNeeded: key >> 24)
            if units[u] == nil { units[u] = unit(u) }
        }
        // In the order of the store's index (province, year), then unit and month: the index grows at its end.
        let order = (0..<slots.count).sorted { a, b in
            let (ka, kb) = (slots.keys[a], slots.keys[b])
            let (ua, ub) = (units[Int32(truncatingIfNeeded: ka >> 24)]!, units[Int32(truncatingIfNeeded: kb >> 24)]!)
            if ua.provinceID != ub.provinceID { return ua.provinceID < ub.provinceID }
            let (ya, yb) = ((ka & 0xFF_FFFF) / 12, (kb & 0xFF_FFFF) / 12)
            if ya != yb { return ya < yb }
            return ka < kb
        }
        var values = Array(repeating: 0, count: ServiceCounts.columns.count)
        for s in order {
            for i in 0..<Self.coreStride { values[i] = Int(core[s * Self.coreStride + i]) }
            if let extra = settled[s] {
                for h in ServiceCounts.Horizon.allCases { values[ServiceCounts.openWithinDueIndex(h)] += Int(extra[h.rawValue]) }
            }
            guard values[ServiceCounts.receivedIndex] > 0 else { continue }  // emptied by rejected duplicates
            let flagBase = s * Self.flagStride
            for flag in ServiceFlag.allCases {
                let yes = flagCells.count > flagBase ? Int(flagCells[flagBase + flag.bitIndex * 3]) : 0
                let no = flagCells.count > flagBase ? Int(flagCells[flagBase + flag.bitIndex * 3 + 1]) : 0
                let empty = flagCells.count > flagBase ? Int(flagCells[flagBase + flag.bitIndex * 3 + 2]) : 0
                values[ServiceCounts.flagIndex(flag, .yes)] = yes
                values[ServiceCounts.flagIndex(flag, .no)] = no
                values[ServiceCounts.flagIndex(flag, .empty)] = empty
            }
            if flagCells.count > flagBase {
                let tail = flagBase + ServiceFlag.allCases.count * 3
                values[ServiceCounts.eligibleFullOnlineIndex] = Int(flagCells[tail])
                values[ServiceCounts.feePaidOnlineIndex] = Int(flagCells[tail + 1])
                values[ServiceCounts.feePaidStatedIndex] = Int(flagCells[tail + 2])
            }
            let key = slots.keys[s]
            let m = Int(key & 0xFF_FFFF)
            let u = units[Int32(truncatingIfNeeded: key >> 24)]!
            try body(Record(provinceID: u.provinceID, month: .month(m % 12 + 1, of: m / 12), unitID: u.id, level: u.level,
                            asOf: asOf, counts: ServiceCounts(values: values)))
        }
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
