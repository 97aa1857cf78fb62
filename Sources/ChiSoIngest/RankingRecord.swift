import ChiSoCore
import ChiSoCSV

/// One province's figures in one edition of an index, validated and ready to store.
public struct RankingRecord: Sendable, Equatable {
    public var index: String
    public var year: Int
    public var provinceID: String
    public var score: Double?
    /// The rank as published; `nil` when the file has none (the store then computes it from the score).
    public var rank: Int?
    /// How many provinces the edition ranked.
    public var of: Int
    /// Sub-indices, dimensions or pillars, by key.
    public var components: [String: Double]
    public var note: String?
    public var citation: String?
    /// Physical line of the row in its file (the first line, for long-format files).
    public var line: Int

    public init(index: String, year: Int, provinceID: String, score: Double? = nil, rank: Int? = nil, of: Int,
                components: [String: Double] = [:], note: String? = nil, citation: String? = nil, line: Int) {
        self.index = index; self.year = year; self.provinceID = provinceID; self.score = score; self.rank = rank
        self.of = of; self.components = components; self.note = note; self.citation = citation; self.line = line
    }
}

/// The file a batch of records came from.
public struct SourceFile: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case rankings, statistics, dossiers
        /// A procedure catalogue: procedure code → eligible for full-online service, has fees.
        case catalogue
    }
    public var fileName: String
    public var sha256: String
    public var kind: Kind
    /// The ingest options, as JSON, so that the load can be repeated.
    public var options: String
    /// The file's absolute path when it was loaded (nil: not recorded): two files of one name in different
    /// folders are two sources, and a file loaded again from the same place replaces its earlier version.
    public var path: String?

    public init(fileName: String, sha256: String, kind: Kind, options: String, path: String? = nil) {
        self.fileName = fileName; self.sha256 = sha256; self.kind = kind; self.options = options; self.path = path
    }
}
