import ChiSoCore

/// What happened to the store when a file was loaded.
public enum LoadOutcome: Sendable, Equatable {
    /// The same bytes were loaded before: nothing changed.
    case unchanged(previous: SourceRecord)
    /// New rows were added.
    case loaded(rows: Int)
    /// A file with the same name but other content was loaded before; its rows were replaced.
    case replaced(rows: Int, previous: SourceRecord)
}
