import ChiSoCore
import ChiSoReport

/// The `chiso …` blocks of a notebook (`chiso changes`, `chiso ranks`).
///
/// ChiSoApp provides the implementation, so a notebook block and the command of the same name call
/// one use case and show the same rows; the notebook layer stays below the use cases.
public protocol NotebookCommands {
    /// Runs `chiso <name>` with the block's settings (`province`, `year`, `index`, `subregion`, `limit`).
    func run(_ name: String, settings: [String: String], language: Language) throws -> NotebookCommandOutput
}

/// What a `chiso` block shows: what the command prints (its sentences as a list, its rows as a
/// table) and the notes under it.
public struct NotebookCommandOutput: Sendable, Equatable {
    public var blocks: [ReportBlock]
    public var notes: [String]
    public init(blocks: [ReportBlock], notes: [String]) { self.blocks = blocks; self.notes = notes }
}

/// A `chiso` block that cannot run, in the user's words; the runner adds the notebook's line.
public struct NotebookCommandError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
