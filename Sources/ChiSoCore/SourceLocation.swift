/// A place in an input file, printed as `file:line:column` in diagnostics.
///
/// Both numbers are 1-based. `line` is the *physical* line of the file: a quoted field may span
/// several lines, and a field's line is the one where it starts. `column` is the 1-based *field
/// number* (the spreadsheet column, as a user sees it in LibreOffice or Excel), not a character
/// offset: "column 3" means the third cell of the row.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as shown to the user (a display name or the path given on the command line).
    public var file: String
    /// 1-based physical line where the record or field starts.
    public var line: Int
    /// 1-based field number within the record (spreadsheet column).
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the prefix of every diagnostic.
    public var description: String { "\(file):\(line):\(column)" }
}
