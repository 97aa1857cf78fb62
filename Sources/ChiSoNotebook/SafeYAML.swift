import ChiSoCore
import ChiSoReport
import ChiSoStore
import Yams

/// YAML read as `Yams.load` reads it, minus what would crash or stall the process.
///
/// Yams 6 force-unwraps every mapping key as a string, so a key that is a list or a map (`? [a]: b`,
/// `? top: 10`) ends the process; and aliases can expand a few lines into millions of values. Both are
/// refused here, with the line, before Yams builds any value. (Found by the notebook parser's fuzzer.)
package enum SafeYAML {
    /// More values than any settings block needs, and few enough to build in a blink.
    package static let valueLimit = 10_000

    /// Why the text was refused; `line` counts from 1 in the YAML text.
    package struct Problem: Error, Equatable {
        package var line: Int
        package var message: String
    }

    /// The document's value (`[String: Any]`, `[Any]`, a scalar), or nil when the text holds none.
    /// Throws `Problem`, or Yams' own `YamlError` for text that is not YAML.
    package static func load(_ yaml: String) throws -> Any? {
        guard let root = try Yams.compose(yaml: yaml) else { return nil }
        var budget = valueLimit
        try check(root, budget: &budget)
        return root.any
    }

    private static func check(_ node: Node, budget: inout Int) throws(Problem) {
        budget -= 1
        let line = node.mark?.line ?? 1
        guard budget >= 0 else {
            throw Problem(line: line, message: "more than \(valueLimit) values once aliases (*name) are expanded; write the settings out plainly")
        }
        switch node {
        case .scalar:
            return
        case .alias:
            throw Problem(line: line, message: "an alias (*name) that names nothing; define it with &name first")
        case .sequence(let sequence):
            for item in sequence { try check(item, budget: &budget) }
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard case .scalar = key else {
                    throw Problem(line: key.mark?.line ?? line, message: "a key must be a plain name such as `title:`, not a list or a map")
                }
                try check(value, budget: &budget)
            }
        }
    }
}
