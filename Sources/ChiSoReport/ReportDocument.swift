import ChiSoCore
import ChiSoMetrics

/// A finished report, ready to be rendered: built from metric values by the caller, it holds
/// only plain text and numbers already formatted (never HTML or Markdown).
public struct ReportDocument: Sendable, Equatable {
    public var title: String
    public var language: Language
    public var subtitle: String?
    public var blocks: [ReportBlock]
    public var footer: ReportFooter
    /// Links shown above the title in HTML (the site's breadcrumbs, the other language); empty for a
    /// report made on its own.
    public var navigation: [ReportBlock.Inline] = []

    public init(title: String, language: Language, subtitle: String? = nil, blocks: [ReportBlock], footer: ReportFooter) {
        self.title = title
        self.language = language
        self.subtitle = subtitle
        self.blocks = blocks
        self.footer = footer
    }
}

/// Where the numbers came from and what to keep in mind: printed at the end of every report.
public struct ReportFooter: Sendable, Equatable {
    /// One ingested file.
    public struct SourceFile: Sendable, Equatable {
        /// File name as ingested, e.g. "pci_2005_2021.csv".
        public var name: String
        /// Hex SHA-256 of the file's bytes (full or a prefix); renderers show the first 12 digits.
        public var sha256: String
        /// Day the file was ingested, already written out (ISO 8601, "2025-01-31").
        public var ingestDate: String
        /// Who published the data, e.g. "VCCI" or a repository and commit; optional.
        public var origin: String?

        public init(name: String, sha256: String, ingestDate: String, origin: String? = nil) {
            self.name = name
            self.sha256 = sha256
            self.ingestDate = ingestDate
            self.origin = origin
        }

        /// The first 12 characters of `sha256`, enough to tell files apart in print.
        public var shortHash: String { String(sha256.prefix(12)) }
    }

    public var sources: [SourceFile]
    public var caveats: [String]
    /// Licence and attribution, e.g. "Dữ liệu PCI: VCCI & USAID. ...".
    public var attribution: String

    public init(sources: [SourceFile], caveats: [String] = [], attribution: String) {
        self.sources = sources
        self.caveats = caveats
        self.attribution = attribution
    }
}
