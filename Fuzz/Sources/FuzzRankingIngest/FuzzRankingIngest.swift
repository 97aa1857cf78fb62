import ChiSoKit

/// One in-memory store for the whole run; every valid file is loaded and removed again.
nonisolated(unsafe) let store = try! ChiSoStore(path: nil)

nonisolated(unsafe) let ingest = RankingIngest(latestYear: 2026)

/// The options a user may give, chosen by the input's first byte so each input is deterministic.
let choices: [RankingIngestOptions] = [
    RankingIngestOptions(index: "PCI", year: 2021),
    RankingIngestOptions(),
    RankingIngestOptions(index: "DTI", year: 2024, of: 34, asOf: Day(year: 2025, month: 7, day: 1)),
    RankingIngestOptions(index: "PAPI", year: 2015, decimal: .comma),
]

/// Properties: reading never crashes; a rejected file's every diagnostic has a 1-based location in this
/// file and a message; a valid file's records are consistent and load into the store as one source and
/// come out again on removal (loading may refuse, with a `StoreError`, never crash).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    let options = choices[Int(bytes.first ?? 0) % choices.count]
    let file: RankingFile
    do {
        file = try ingest.read(bytes: bytes, file: "f.csv", options: options) { index, year in
            try store.fetchEntries(index: index, year: year)
        }
    } catch {
        switch error {
        case .invalid(let diagnostics):
            precondition(!diagnostics.isEmpty, "invalid with no diagnostic")
            for d in diagnostics {
                precondition(d.location.file == "f.csv" && d.location.line >= 1 && d.location.column >= 1, "bad location \(d)")
                precondition(!d.problem.message.isEmpty, "empty message at \(d.location)")
            }
        case .unreadable:
            preconditionFailure("bytes in memory are never unreadable: \(error)")
        }
        return 0
    }
    precondition(!file.records.isEmpty, "a valid file without records")
    for r in file.records {
        precondition(r.of >= 1 && r.line >= 2, "bad record \(r)")
        if let rank = r.rank { precondition((1...r.of).contains(rank), "rank outside 1...of: \(r)") }
        if let score = r.score { precondition(score.isFinite, "non-finite score \(r)") }
        precondition(r.components.values.allSatisfy(\.isFinite), "non-finite component \(r)")
    }
    let source = SourceFile(fileName: "f.csv", sha256: Ingestor.sha256(bytes), kind: .rankings, options: "{}")
    do {
        _ = try store.load(RankingBatch(source: source, records: file.records), ingestedAt: "2026-01-01T00:00:00Z")
        let removed = try store.removeSource(fileName: "f.csv")
        precondition(removed != nil, "loaded source not found")
    } catch {
        // Refusals (a row already loaded, a conflicting `of`) are fine; the store must be left empty.
    }
    precondition((try? store.fetchSources().isEmpty) == true, "the store kept a source")
    precondition((try? store.fetchIndexes().isEmpty) == true, "the store kept rows")
    return 0
}
