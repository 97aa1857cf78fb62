import ChiSoCore
import ChiSoMetrics

/// A table of already formatted values.
public struct ReportTable: Sendable, Equatable {
    public enum Alignment: String, Sendable, Equatable {
        /// Text columns (names).
        case leading
        /// Number columns, so digits line up.
        case trailing
    }

    public struct Column: Sendable, Equatable {
        public var header: String
        public var alignment: Alignment
        /// Left out on a phone-sized screen (HTML), where the table would not fit: a column that
        /// repeats what other pages show (a province's region). Markdown and print keep it.
        public var hiddenOnPhone: Bool

        public init(_ header: String, alignment: Alignment = .leading, hiddenOnPhone: Bool = false) {
            self.header = header
            self.alignment = alignment
            self.hiddenOnPhone = hiddenOnPhone
        }
    }

    public struct Cell: Sendable, Equatable, ExpressibleByStringLiteral {
        public var text: String
        /// When set, the cell shows an arrow and a word for the direction as well as `text`.
        public var trend: ReportBlock.Trend?
        /// When set (0...1), HTML draws a small bar of that length before the text (an inline data
        /// bar); Markdown shows the text only.
        public var bar: Double?

        public init(_ text: String, trend: ReportBlock.Trend? = nil, bar: Double? = nil) {
            self.text = text
            self.trend = trend
            self.bar = bar
        }

        public init(stringLiteral value: String) { self.init(value) }
    }

    /// Says what the table shows; also its accessible name.
    public var caption: String
    public var columns: [Column]
    /// Each row has one cell per column (missing cells render empty, extra cells are dropped).
    public var rows: [[Cell]]
    /// The first column names the row (a province, a year), so it is marked up as a row header.
    public var firstColumnIsRowHeader: Bool
    /// Rows (indices into `rows`) printed in bold: the province the report is about.
    public var emphasizedRows: Set<Int>

    public init(caption: String, columns: [Column], rows: [[Cell]], firstColumnIsRowHeader: Bool = true, emphasizedRows: Set<Int> = []) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.firstColumnIsRowHeader = firstColumnIsRowHeader
        self.emphasizedRows = emphasizedRows
    }

    /// `rows` padded or cut so every row has exactly one cell per column.
    package var normalizedRows: [[Cell]] {
        rows.map { row in
            row.count >= columns.count
                ? Array(row.prefix(columns.count))
                : row + Array(repeating: Cell(""), count: columns.count - row.count)
        }
    }
}
