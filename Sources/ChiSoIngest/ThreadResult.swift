import ChiSoCore
import ChiSoCSV
import Foundation

/// A value set once by one thread and read by another after `wait()`.
package final class ThreadResult<Value: Sendable>: @unchecked Sendable {
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
