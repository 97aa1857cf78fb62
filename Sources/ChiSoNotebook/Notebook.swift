import ChiSoCore
import ChiSoReport
import ChiSoStore

/// A Markdown analysis whose SQL, chart and `chiso` blocks ChiSo executes.
///
/// ````markdown
/// ---
/// title: Phú Yên 2020-2022
/// lang: vi
/// params:
///   province: Phú Yên
///   year: 2021
/// ---
/// ```sql pci
/// SELECT year, rank FROM ranking_effective WHERE index_code = 'PCI' AND province_id = :province_id
/// ```
/// PCI {{ param.year }}: {{ pci.rank }}
/// ```chart
/// type: line
/// data: pci
/// x: year
/// y: rank
/// ```
/// ````
public struct Notebook: Sendable, Equatable {
    public var path: String
    public var title: String
    public var language: Language
    /// Declared parameters and their defaults, in name order.
    public var parameters: [(name: String, value: String)]
    public var parts: [NotebookPart]

    public static func == (a: Notebook, b: Notebook) -> Bool {
        a.path == b.path && a.title == b.title && a.language == b.language && a.parts == b.parts
            && a.parameters.map(\.name) == b.parameters.map(\.name) && a.parameters.map(\.value) == b.parameters.map(\.value)
    }
}

/// One piece of a notebook, with the line where it starts.
public enum NotebookPart: Sendable, Equatable {
    /// Markdown passed through, after `{{ … }}` references are filled in.
    case markdown(String, line: Int)
    /// ```` ```sql name [hide] ````: a read-only query; its result is shown as a table unless hidden.
    case sql(name: String, sql: String, hidden: Bool, line: Int)
    /// ```` ```chart ````: a chart of a query's result.
    case chart(ChartSpec, line: Int)
    /// ```` ```chiso changes ```` or ```` ```chiso ranks ````: what the CLI computes, embedded.
    case command(name: String, options: [String: String], line: Int)
}

/// The settings of a chart block.
public struct ChartSpec: Sendable, Equatable {
    public var kind: Chart.Kind
    /// The name of the SQL block whose result is drawn.
    public var data: String
    public var x: String
    public var y: String
    /// A column whose values name the lines (one series when nil).
    public var series: String?
    public var title: String?
    public var description: String?
    /// Rank axes run downwards (1 at the top); the default for bump charts and a `y` named like a rank.
    public var inverted: Bool?
}

/// A problem in a notebook, at a line of it.
public struct NotebookError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) { self.path = path; self.line = line; self.message = message }

    /// `notebooks-md/phu-yen.md:23: error: sql error in block `pci`: no such column: rnk`
    public var description: String { "\(path):\(line): error: \(message)" }
}
