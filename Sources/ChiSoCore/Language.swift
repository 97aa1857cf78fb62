/// The language a report is written in; chooses the words and the number style.
public enum Language: String, Sendable, CaseIterable, Codable {
    /// Vietnamese: "64,17", "56.039".
    case vi
    /// English: "64.17", "56,039".
    case en
}
