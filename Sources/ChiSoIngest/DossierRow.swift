import ChiSoCore
import ChiSoCSV
import Foundation

/// One row as the store writes it: database ids and the row's line.
package struct DossierRow: Sendable {
    package var line: Int64
    package var received: Int64
    package var resolved: Int64
    package var unitID: Int32
    package var procedureID: Int32
    /// 0: not stated.
    package var fieldID: Int32
    package var due: Int32
    package var channel: UInt8
    package var level: UInt8
    /// End of the row's dossier id in `DossierBatch.ids`.
    package var idEnd: Int32
}
