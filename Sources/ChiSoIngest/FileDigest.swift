import ChiSoCore
import ChiSoCSV
import Crypto
import Foundation

/// SHA-256 of a file, read in chunks (the identity of a source, without holding the file).
package enum FileDigest {
    package static func sha256(path: String) throws(IngestError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var hasher = SHA256()
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer, size)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: n))
        }
        return hasher.finalize().map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }

    /// Computes the digest on its own thread; the result (or the error text) arrives in the handoff.
    package static func start(path: String) -> ThreadResult<Result<String, IngestError>> {
        let handoff = ThreadResult<Result<String, IngestError>>()
        let thread = Thread {
            handoff.set(Result { () throws(IngestError) -> String in try sha256(path: path) })
        }
        thread.name = "chiso-sha256"
        thread.start()
        return handoff
    }
}
