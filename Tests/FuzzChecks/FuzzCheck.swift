/// The properties the fuzz targets check on every input, as throwing functions: the libFuzzer
/// targets (`Fuzz/`) turn a thrown failure into a crash libFuzzer reports, and `FuzzCorpusReplayTests`
/// feeds every committed corpus file through the same functions in `swift test`, without sanitizers,
/// so the targets and their corpora cannot rot.
public struct FuzzCheckFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Throws `message` unless `condition` holds.
@inline(__always)
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) throws(FuzzCheckFailure) {
    if !condition() { throw FuzzCheckFailure(message()) }
}

/// The checks by the name of their corpus folder (`Fuzz/Corpus/<name>`).
public enum FuzzChecks {
    public static let all: [(corpus: String, check: @Sendable ([UInt8]) throws -> Void)] = [
        ("CSVReader", { try checkCSVReader($0) }),
        ("RankingIngest", { try checkRankingIngest($0) }),
        ("NotebookParser", { try checkNotebookParser($0) }),
        ("DossierIngest", { try checkAdministrativeIngest($0, kind: .dossiers) }),
        ("StatisticsIngest", { try checkAdministrativeIngest($0, kind: .statistics) }),
        ("XLSXReader", { try checkXLSXReader($0) }),
    ]
}
