import ChiSoCore

/// Ingested files as output rows (`chiso sources`), with the keys JSON users rely on.
package enum SourceRows {
    /// `fullDigests` false shows the first 12 hex digits of each SHA-256, enough to tell files apart on screen.
    package static func table(_ sources: [SourceRecord], _ language: Language, fullDigests: Bool) -> OutputTable {
        let vi = language == .vi
        return OutputTable(
            keys: ["id", "file_name", "sha256", "kind", "rows", "ingested_at"],
            headers: vi ? ["#", "Tệp", "SHA-256", "Loại", "Số dòng", "Nạp lúc"] : ["#", "File", "SHA-256", "Kind", "Rows", "Ingested at"],
            rows: sources.map { s in
                [.int(Int(s.id)), .text(s.fileName), .text(fullDigests ? s.sha256 : String(s.sha256.prefix(12))),
                 .text(s.kind), .int(s.rowCount), .text(s.ingestedAt)]
            })
    }
}
