import ChiSoCore
import ChiSoCSV
import Crypto
import Foundation

/// Progress of a long ingest, for a terminal display.
public struct IngestProgress: Sendable, Equatable {
    public var rows: Int
    /// Bytes of the file read so far (approximate: line ends and quotes are estimated).
    public var bytes: Int
    public var totalBytes: Int
}
