import ChiSoCore
import ChiSoCSV
import Foundation

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

    /// Adds `element` when there is room, without waiting; false (the element dropped) when full or
    /// cancelled. For handing emptied batches back: a writer that waited there while the parser
    /// waits for room in the batch channel would deadlock the two.
    @discardableResult
    package func offer(_ element: Element) -> Bool {
        condition.lock(); defer { condition.unlock() }
        guard items.count < capacity && !cancelled else { return false }
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
