/// A file that was ingested, as the `source` table records it.
public struct SourceRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var fileName: String
    public var sha256: String
    public var kind: String
    public var ingestedAt: String
    public var rowCount: Int

    public init(id: Int64, fileName: String, sha256: String, kind: String, ingestedAt: String, rowCount: Int) {
        self.id = id; self.fileName = fileName; self.sha256 = sha256; self.kind = kind
        self.ingestedAt = ingestedAt; self.rowCount = rowCount
    }
}
