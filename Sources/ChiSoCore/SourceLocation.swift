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

    /// The worksheet, for a cell of a workbook: `line` is then the sheet's row and `column` its column.
    public var sheet: String?

    public init(file: String, line: Int, column: Int, sheet: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.sheet = sheet
    }

    /// `file:line:column`, the prefix of every diagnostic; in a workbook `file.xlsx:Sheet1!C7`, as Excel names a cell.
    public var description: String {
        guard let sheet else { return "\(file):\(line):\(column)" }
        return "\(file):\(Self.quotedSheet(sheet))!\(Self.columnName(column))\(line)"
    }

    /// The same place in `sheet` (a no-op for a location already in a sheet).
    public func inSheet(_ sheet: String?) -> SourceLocation {
        guard let sheet, self.sheet == nil else { return self }
        var copy = self
        copy.sheet = sheet
        return copy
    }

    /// `3` → `C`, `28` → `AB` (1-based, as spreadsheets letter columns).
    public static func columnName(_ column: Int) -> String {
        var n = max(1, column)
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(Character(Unicode.Scalar(UInt8(65 + r)))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// A sheet name as a formula would write it: quoted when it holds anything but letters, digits and `_`.
    static func quotedSheet(_ name: String) -> String {
        if !name.isEmpty && name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }) { return name }
        var quoted = "'"
        for c in name { quoted += c == "'" ? "''" : String(c) }
        return quoted + "'"
    }
}
