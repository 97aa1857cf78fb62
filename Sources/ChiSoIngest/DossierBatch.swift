import ChiSoCore
import ChiSoCSV
import Foundation

/// Dossier rows, parsed and validated, ready for the store: the unit of work passed from the
/// parsing thread to the writing thread.
package struct DossierBatch: Sendable {
    /// `resolved` of a pending dossier.
    package static let pending = Int64.min

    /// The dossier ids' bytes, one after another.
    package var ids: [UInt8] = []
    package var rows: [DossierRow] = []
    /// Each row's values for the rollups (dictionary indexes, not ids), in the order of `rows`.
    package var values: [DossierValues] = []
    /// Dictionary entries first seen in this batch (the writer holds them and writes them after the
    /// rows: `DictionaryAdditions`).
    package var newUnits: [AdminUnitEntry] = []
    package var newProcedures: [(id: Int64, code: String)] = []
    package var newFields: [(id: Int64, name: String)] = []

    package var count: Int { rows.count }

    package init(capacity: Int) {
        ids.reserveCapacity(capacity * 32)
        rows.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    package mutating func removeAll() {
        ids.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        newUnits.removeAll(); newProcedures.removeAll(); newFields.removeAll()
    }
}
