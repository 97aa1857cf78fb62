import ChiSoCore
import ChiSoCSV
import Foundation

/// The values of one dossier, compact: what the table stores and the rollups count.
package struct DossierValues: Sendable {
    /// Dense indexes of the parse (not database ids): province, unit, procedure, field (-1: none).
    package var province: Int32
    package var unit: Int32
    package var procedure: Int32
    package var field: Int32
    /// Local seconds (see `LocalDateTime`).
    package var received: Int64
    /// `DossierBatch.pending` when not resolved.
    package var resolved: Int64
    package var due: Int32
    /// 1 online, 2 direct, 3 postal.
    package var channel: UInt8
    /// 0 not stated, 1 full, 2 partial.
    package var level: UInt8
    /// The optional yes/no columns, 2 bits each in `ServiceFlag` order (`FlagValue`).
    package var flags: UInt32 = 0
}
