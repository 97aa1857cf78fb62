/// Why a name or code found in a source could not be turned into one province on a given day.
public enum ProvinceLookupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No unit of any period has this name; `suggestions` are up to three close names.
    case unknown(query: String, suggestions: [String])
    /// The query is a number but no unit has ever had that GSO code.
    case unknownCode(query: String, code: String)
    /// Several units valid on `on` share the name.
    case ambiguous(query: String, candidates: [Province], on: Day)
    /// The name or code exists, but its unit was not valid on `on`; `replacements` are the units that
    /// covered its territory on that day (its successors or predecessors).
    case notValid(query: String, province: Province, on: Day, replacements: [Province])

    /// What is wrong and what to do, in one sentence.
    public var message: String {
        switch self {
        case .unknown(let query, _) where query.allSatisfy({ $0.isWhitespace }):
            return "the province is empty; write a province name such as \"Phú Yên\" or its 2-digit GSO code such as \"54\""
        case .unknown(let query, let suggestions) where suggestions.isEmpty:
            return "unknown province \"\(query)\"; write a province name such as \"Phú Yên\" or its 2-digit GSO code such as \"54\""
        case .unknown(let query, let suggestions):
            return "unknown province \"\(query)\"; did you mean \(suggestions.joined(separator: ", "))?"
        case .unknownCode(let query, let code):
            let shown = query == code ? code : "\(code) (written \"\(query)\")"
            return "no province has GSO code \(shown); codes run from 01 (Hà Nội) to 96 (Cà Mau), check the code or write the province name"
        case .ambiguous(let query, let candidates, let day):
            let listed = candidates.map(\.nameWithCode).joined(separator: ", ")
            return "\"\(query)\" matches \(candidates.count) units valid on \(day): \(listed); write the code instead of the name"
        case .notValid(let query, let province, let day, let replacements):
            return Self.notValidMessage(query: query, province: province, day: day, replacements: replacements)
        }
    }

    public var description: String { message }

    private static func notValidMessage(query: String, province: Province, day: Day, replacements: [Province]) -> String {
        let subject = ProvinceRegistry.matchingKey(query) == ProvinceRegistry.matchingKey(province.name)
            ? province.name
            : "\"\(query)\" is \(province.nameWithCode), which"
        let instead = replacements.map(\.name)
        if let lastDay = province.validTo, lastDay < day {
            let changeDay = lastDay.adding(days: 1)
            guard !instead.isEmpty else {
                return "\(subject) was valid only until \(lastDay); use a date up to \(lastDay)"
            }
            // A unit that starts the day after and continues only this one is a rename, not a merger.
            let isRename = replacements.count == 1 && replacements[0].validFrom == changeDay
                && replacements[0].predecessorIDs == [province.id]
            let verb = isRename ? "became" : "was merged into"
            return "\(subject) \(verb) \(list(instead)) on \(changeDay); use \(alternatives(instead)) a date before \(changeDay)"
        }
        let firstDay = province.validFrom ?? day
        guard !instead.isEmpty else {
            return "\(subject) exists only from \(firstDay); use a date from \(firstDay)"
        }
        return "\(subject) exists only from \(firstDay); on \(day) use \(alternatives(instead)) a date from \(firstDay)"
    }

    /// "A or", "A or B, or", "A, B or C, or": the units to use, followed by the other way out.
    private static func alternatives(_ names: [String]) -> String {
        list(names, "or") + (names.count > 1 ? ", or" : " or")
    }

    /// "A", "A and B", "A, B and C".
    private static func list(_ names: [String], _ conjunction: String = "and") -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " \(conjunction) " + names.last!
    }
}
