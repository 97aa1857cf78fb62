import ChiSoApp
import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore
import Foundation

/// The only place that knows about the terminal: stdout for data, stderr for everything else.
enum Terminal {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }

    /// Writes to stdout; a write that fails (a full disk, `> /dev/full`, a closed pipe) ends the
    /// program with exit status 1 and the reason, never a crash.
    static func write(_ text: String) {
        if let reason = writeAll(STDOUT_FILENO, Array(text.utf8)) {
            printError("error: cannot write the output: \(reason)")
            exit(1)
        }
    }

    /// Writes every byte to `descriptor`; the system's reason when it cannot.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += n
        }
        return nil
    }
}
