import ChiSoCore
import ChiSoCSV
import Foundation

/// The values of one dossier, compact: what the table stores and the rollups count.
package struct DossierValues: Sendable {
    /// Dense indexes of the parse (not database ids): province, unit, procedure, field (-1: none).
    package var province: Int32
    package var unit: Int32
    package var procedure: Int32
    package var field: Int32
    /// Local seconds (see `LocalDateTime`).
    package var received: Int64
    /// `DossierBatch.pending` when not resolved.
    package var resolved: Int64
    package var due: Int32
    /// 1 online, 2 direct, 3 postal.
    package var channel: UInt8
    /// 0 not stated, 1 full, 2 partial.
    package var level: UInt8
    /// The optional yes/no columns, 2 bits each in `ServiceFlag` order (`FlagValue`).
    package var flags: UInt32 = 0
}

/// One row as the store writes it: database ids and the row's line.
package struct DossierRow: Sendable {
    package var line: Int64
    package var received: Int64
    package var resolved: Int64
    package var unitID: Int32
    package var procedureID: Int32
    /// 0: not stated.
    package var fieldID: Int32
    package var due: Int32
    package var channel: UInt8
    package var level: UInt8
    /// End of the row's dossier id in `DossierBatch.ids`.
    package var idEnd: Int32
}

/// Dossier rows, parsed and validated, ready for the store: the unit of work passed from the
/// parsing thread to the writing thread.
package struct DossierBatch: Sendable {
    /// `resolved` of a pending dossier.
    package static let pending = Int64.min

    /// The dossier ids' bytes, one after another.
    package var ids: [UInt8] = []
    package var rows: [DossierRow] = []
    /// Dictionary entries first seen in this batch, to insert before its rows.
    package var newUnits: [AdminUnitEntry] = []
    package var newProcedures: [(id: Int64, code: String)] = []
    package var newFields: [(id: Int64, name: String)] = []

    package var count: Int { rows.count }

    package init(capacity: Int) {
        ids.reserveCapacity(capacity * 32)
        rows.reserveCapacity(capacity)
    }

    package mutating func removeAll() {
        ids.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        newUnits.removeAll(); newProcedures.removeAll(); newFields.removeAll()
    }
}

/// A bounded queue between two threads: `put` waits while it is full, `take` while it is empty,
/// so memory stays flat whichever side is faster. `cancel` wakes both sides for good.
package final class BatchChannel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private let capacity: Int
    private var closed = false
    private var cancelled = false

    package init(capacity: Int) { self.capacity = capacity }

    /// Adds an element; false when the channel was cancelled.
    package func put(_ element: Element) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// The next element, or nil once the channel is closed and empty, or cancelled.
    package func take() -> Element? {
        condition.lock(); defer { condition.unlock() }
        while items.isEmpty && !closed && !cancelled { condition.wait() }
        if cancelled || items.isEmpty { return nil }
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }

    /// An element if one is ready, without waiting.
    package func poll() -> Element? {
        condition.lock(); defer { condition.unlock() }
        if items.isEmpty { return nil }
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }

    /// No more elements will come.
    package func close() {
        condition.lock(); closed = true; condition.broadcast(); condition.unlock()
    }

    package func cancel() {
        condition.lock(); cancelled = true; items.removeAll(); condition.broadcast(); condition.unlock()
    }

    package var isCancelled: Bool {
        condition.lock(); defer { condition.unlock() }
        return cancelled
    }
}

/// A value set once by one thread and read by another after `wait()`.
package final class Handoff<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?

    package init() {}

    package func set(_ newValue: Value) {
        condition.lock(); value = newValue; condition.broadcast(); condition.unlock()
    }

    package func wait() -> Value {
        condition.lock(); defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }

    /// The value if already set.
    package var current: Value? {
        condition.lock(); defer { condition.unlock() }
        return value
    }
}

/// Month of a day number by table lookup: the parse needs the month of two dates per row, and a
/// table is cheaper than the calendar arithmetic. Days outside 1990...2109 are computed.
package struct MonthTable: Sendable {
    package static let shared = MonthTable()
    private let base = DayNumber.from(year: 1990, month: 1, day: 1)
    private let months: [Int32]
    private let bounds: [(first: Int32, last: Int32)]
    private static let firstYear = 1990

    private init() {
        var months: [Int32] = []
        var bounds: [(Int32, Int32)] = []
        for year in 1990..<2110 {
            for month in 1...12 {
                let first = DayNumber.from(year: year, month: month, day: 1)
                let days = DayNumber.daysIn(month: month, year: year)
                bounds.append((Int32(first), Int32(first + days - 1)))
                months.append(contentsOf: repeatElement(Int32(year * 12 + month - 1), count: days))
            }
        }
        self.months = months
        self.bounds = bounds
    }

    /// `year * 12 + month - 1` of a day number.
    @inline(__always)
    package func monthIndex(day: Int) -> Int {
        let i = day - base
        if i >= 0 && i < months.count { return Int(months[i]) }
        let c = DayNumber.civil(day)
        return c.year * 12 + c.month - 1
    }

    /// First and last day numbers of a month index.
    @inline(__always)
    package func bounds(month index: Int) -> (first: Int32, last: Int32) {
        let i = index - Self.firstYear * 12
        if i >= 0 && i < bounds.count { return bounds[i] }
        let (year, month) = (index / 12, index % 12 + 1)
        let first = DayNumber.from(year: year, month: month, day: 1)
        return (Int32(first), Int32(first + DayNumber.daysIn(month: month, year: year) - 1))
    }
}
