import ChiSoCore
import ChiSoCSV
import Crypto
import Foundation

/// What the user told `chiso ingest` about an administrative-procedure file.
public struct AdminIngestOptions: Sendable, Equatable, Codable {
    /// `nil`: the whole file loads or nothing does. `n`: good rows load, up to `n` bad rows are
    /// written to the reject file; more than `n` and nothing loads.
    public var maxErrors: Int?
    /// Where rejected rows go (default: `<file name>.rejects.csv` in the current folder).
    public var rejectFile: String?
    /// `FIELD=HEADER` mappings (`--column`), as for rankings files; nil when none were given.
    public var columns: [String: String]?
    /// For a workbook: the sheet to read (name or 1-based number); nil reads the first sheet with a table.
    public var sheet: String?
    /// How dates written with slashes read (`20/04/2024`): nil until told from the file (`DateOrderDetector`) or given.
    public var dateOrder: DateOrder?

    public init(maxErrors: Int? = nil, rejectFile: String? = nil, columns: [String: String]? = nil, sheet: String? = nil, dateOrder: DateOrder? = nil) {
        self.maxErrors = maxErrors; self.rejectFile = rejectFile; self.columns = columns; self.sheet = sheet; self.dateOrder = dateOrder
    }

    /// How the reader opens the file (the sheet of a workbook).
    package var readerOptions: CSVReader.Options { CSVReader.Options(sheet: sheet) }

    /// The reject file for `file`: the one given, or `<base name without .csv>.rejects.csv`.
    public func rejectPath(for file: String) -> String {
        if let rejectFile { return rejectFile }
        var base = URL(fileURLWithPath: file).lastPathComponent
        if base.lowercased().hasSuffix(".csv") { base.removeLast(4) } else if base.lowercased().hasSuffix(".xlsx") { base.removeLast(5) }
        return base + ".rejects.csv"
    }
}
