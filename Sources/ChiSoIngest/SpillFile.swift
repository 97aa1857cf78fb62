import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files the ingest spills to (`IDHashSpill`, `RollupCellSpill`): made and unlinked at
/// once, so they vanish with the process whatever happens, and written whole or not at all.
enum SpillFile {
    /// A new unlinked file in `directory` named after `prefix`, or the `errno` of the failure.
    static func make(in directory: String, prefix: String) -> Result<Int32, SpillError> {
        var template = Array((directory + "/" + prefix + "-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return .failure(SpillError(code: errno)) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return .success(fd)
    }

    /// Writes all of `bytes` through `writer` (retrying short writes and EINTR); the `errno` of a
    /// failure (ENOSPC for a write that wrote nothing), nil when all was written.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, _ writer: IDHashSpill.Writer) -> Int32? {
        var done = 0
        while done < bytes.count {
            let n = writer(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return n < 0 ? errno : ENOSPC }
            done += n
        }
        return nil
    }

    struct SpillError: Error { var code: Int32 }
}
