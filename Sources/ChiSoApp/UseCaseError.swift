/// A use case that cannot run with what it was given, in the user's words ("error: …").
public struct UseCaseError: Error, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The data is missing or wrong (the CLI exits 1).
        case data
        /// The request lacks what it needs, e.g. a report without a year (the CLI exits 2, as for usage).
        case usage
    }

    public var message: String
    public var kind: Kind

    public init(_ message: String, kind: Kind = .data) { self.message = message; self.kind = kind }
}
