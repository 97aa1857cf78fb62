import ChiSoKit

/// One in-memory store for the whole run; every valid file is loaded and removed again.
let rankingStore = try! ChiSoStore(path: nil)

nonisolated(unsafe) let rankingIngest = RankingIngest(latestYear: 2026)

/// The options a user may give, chosen by the input's first byte so each input is deterministic.
let rankingChoices: [RankingIngestOptions] = [
    RankingIngestOptions(index: "PCI", year: 2021),
    RankingIngestOptions(),
    RankingIngestOptions(index: "DTI", year: 2024, of: 34, asOf: Day(year: 2025, month: 7, day: 1)),
    RankingIngestOptions(index: "PAPI", year: 2015, decimal: .comma),
]

/// Properties: reading never crashes; a rejected file's every diagnostic has a 1-based location in this
/// file and a message; a valid file's records are consistent and load into the store as one source and
/// come out again on removal (loading may refuse, with a `StoreError`, never crash).
public func checkRankingIngest(_ bytes: [UInt8]) throws(FuzzCheckFailure) {
    let options = rankingChoices[Int(bytes.first ?? 0) % rankingChoices.count]
    let read = Result { () throws(IngestError) -> RankingFile in
        try rankingIngest.read(bytes: bytes, file: "f.csv", options: options) { index, year in
            try rankingStore.fetchEntries(index: index, year: year)
        }
    }
    let file: RankingFile
    switch read {
    case .success(let f): file = f
    case .failure(let error):
        switch error {
        case .invalid(let diagnostics):
            try require(!diagnostics.isEmpty, "invalid with no diagnostic")
            for d in diagnostics {
                try require(d.location.file == "f.csv" && d.location.line >= 1 && d.location.column >= 1, "bad location \(d)")
                try require(!d.problem.message.isEmpty, "empty message at \(d.location)")
            }
        case .unreadable, .unwritable:
            throw FuzzCheckFailure("bytes in memory are never unreadable, and reading writes nothing: \(error)")
        }
        return
    }
    try require(!file.records.isEmpty, "a valid file without records")
    for r in file.records {
        try require(r.of >= 1 && r.line >= 2, "bad record \(r)")
        if let rank = r.rank { try require((1...r.of).contains(rank), "rank outside 1...of: \(r)") }
        if let score = r.score { try require(score.isFinite, "non-finite score \(r)") }
        try require(r.components.values.allSatisfy(\.isFinite), "non-finite component \(r)")
    }
    let source = SourceFile(fileName: "f.csv", sha256: Ingestor.sha256(bytes), kind: .rankings, options: "{}")
    do {
        _ = try rankingStore.load(RankingBatch(source: source, records: file.records), ingestedAt: "2026-01-01T00:00:00Z")
        let removed = try rankingStore.removeSource(fileName: "f.csv")
        try require(removed != nil, "loaded source not found")
    } catch let error as FuzzCheckFailure {
        throw error
    } catch {
        // Refusals (a row already loaded, a conflicting `of`) are fine; the store must be left empty.
    }
    try require((try? rankingStore.fetchSources().isEmpty) == true, "the store kept a source")
    try require((try? rankingStore.fetchIndexes().isEmpty) == true, "the store kept rows")
}
