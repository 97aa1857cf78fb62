import ChiSoIngest

/// The units, procedure codes and fields a dossier log brings, held while its rows are written and
/// written after them (`AdministrativeTableWriter.insertDictionaryAdditions(_:)`).
///
/// Written as they came, each new code went into the code index at a random place, which missed
/// SQLite's page cache once the dossier pages had filled it: 0.39 s of the writer's 2.1 s on the 1M-row
/// realistic log (63,582 new codes), 1.5 s of 3.1 s on the high-cardinality log (275,473). Held here,
/// they cost their bytes and 8 more a code, the ids a range each, and no more than `limit`: past it the
/// writer takes what is held (`isLarge`), so memory does not grow with the number of codes.
package struct DictionaryAdditions {
    package private(set) var units: [AdminUnitEntry] = []
    package private(set) var fields: [(id: Int64, name: String)] = []
    /// The procedures' ids as runs of consecutive ids (one run, normally: new ids are consecutive).
    private var idRuns: [(first: Int64, count: Int)] = []
    /// The codes' bytes one after another; code k ends at `codeEnds[k]`.
    private var codeBytes: [UInt8] = []
    private var codeEnds: [Int] = []
    /// Bytes held before the writer takes them: 2 MiB, about 150,000 codes of 10 characters.
    package static let limit = 2 << 20

    package init() {}

    package var procedureCount: Int { codeEnds.count }
    package var isEmpty: Bool { units.isEmpty && fields.isEmpty && codeEnds.isEmpty }

    /// More than `limit` held: write them (`insertDictionaryAdditions(_:final: false)`) and start again.
    package var isLarge: Bool { codeBytes.count + codeEnds.count * 8 + units.count * 64 >= Self.limit }

    /// Takes the dictionary entries `batch` brought.
    package mutating func add(_ batch: borrowing DossierBatch) {
        units.append(contentsOf: batch.newUnits)
        fields.append(contentsOf: batch.newFields)
        for procedure in batch.newProcedures {
            if let last = idRuns.last, last.first + Int64(last.count) == procedure.id {
                idRuns[idRuns.count - 1].count += 1
            } else {
                idRuns.append((procedure.id, 1))
            }
            var code = procedure.code
            code.withUTF8 { codeBytes.append(contentsOf: $0) }
            codeEnds.append(codeBytes.count)
        }
    }

    /// Every procedure in the order it came: its id and its code's bytes (valid during the call).
    package func forEachProcedure(_ body: (Int64, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try codeBytes.withUnsafeBufferPointer { bytes in
            var k = 0
            var start = 0
            for run in idRuns {
                for offset in 0..<run.count {
                    let end = codeEnds[k]
                    try body(run.first + Int64(offset), UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    start = end
                    k += 1
                }
            }
        }
    }
}
