import ChiSoCore
import ChiSoMetrics

/// One block of a report, in reading order.
public indirect enum ReportBlock: Sendable, Equatable {
    /// A heading; `level` 2...6 (the report title is level 1). In HTML its id is `anchor` (made
    /// ASCII-safe) or a slug of `text`; Markdown leaves ids to the viewer (GitHub makes its own).
    case heading(level: Int, text: String, anchor: String? = nil)
    case paragraph([Inline])
    /// A bulleted list; each item is a run of inline text.
    case list([[Inline]])
    case table(ReportTable)
    case chart(Chart)
    /// A choropleth map of the provinces, with its legend and the boundaries' attribution.
    case map(ChoroplethMap)
    /// A highlighted remark: a caveat about the data, or extra information.
    case note(kind: NoteKind, [Inline])
    /// Headline numbers shown side by side ("PCI 2021: 64,17 điểm").
    case keyFigures([KeyFigure])
    /// A titled group of blocks; its heading level follows its depth (top level is 2).
    case section(title: String, anchor: String? = nil, blocks: [ReportBlock])
    /// Markdown written by a notebook's author (trusted text; values from data inside it are escaped
    /// before they are put in). Markdown output keeps it as is; HTML output converts it with Ink.
    case markdown(String)

    /// A run of text inside a paragraph, list item or note. All text is plain.
    public enum Inline: Sendable, Equatable {
        case text(String)
        case strong(String)
        case emphasis(String)
        /// A hyperlink; a `url` with a scheme other than http, https or mailto is shown as text only.
        case link(text: String, url: String)
    }

    public enum NoteKind: String, Sendable, Equatable {
        case caveat, info
    }

    /// Direction of a change for the reader: `.up` means *better* (a rank moving towards 1, a score
    /// rising), `.down` worse, `.flat` unchanged. Shown as ▲ ▼ ■ with colour and words.
    public enum Trend: String, Sendable, Equatable {
        case up, down, flat
    }

    /// A headline number: a label, its value, and optionally the change with its direction.
    public struct KeyFigure: Sendable, Equatable {
        /// "Chỉ số PCI 2021"
        public var label: String
        /// "64,17 điểm"
        public var value: String
        /// "+1,33 điểm so với 2020"
        public var change: String?
        public var trend: Trend?

        public init(label: String, value: String, change: String? = nil, trend: Trend? = nil) {
            self.label = label
            self.value = value
            self.change = change
            self.trend = trend
        }
    }
}

extension ReportBlock.Inline: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension ReportBlock.Inline {
    /// The text a reader sees, without formatting.
    public var plainText: String {
        switch self {
        case .text(let s), .strong(let s), .emphasis(let s): return s
        case .link(let text, _): return text
        }
    }
}
