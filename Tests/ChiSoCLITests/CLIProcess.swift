import Foundation
import Testing

/// A `chiso` process started in the background, for tests that run several at once or kill one.
final class CLIProcess: @unchecked Sendable {
    let process = Process()
    private let out = Pipe(), err = Pipe()
    private var outData = Data(), errData = Data()
    private let readers = DispatchGroup()

    /// Starts `chiso arguments` with the same environment as `CLI.run`.
    init(_ arguments: [String], cwd: URL? = nil) throws {
        process.executableURL = CLI.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CHISO_DB")
        env["SOURCE_DATE_EPOCH"] = "1764028800"
        process.environment = env
        if let cwd { process.currentDirectoryURL = cwd }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain both pipes while the process runs, so a full pipe never blocks it.
        readers.enter()
        DispatchQueue.global().async { [self] in
            outData = out.fileHandleForReading.readDataToEndOfFile()
            readers.leave()
        }
        readers.enter()
        DispatchQueue.global().async { [self] in
            errData = err.fileHandleForReading.readDataToEndOfFile()
            readers.leave()
        }
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Waits for the end and returns what the process wrote and its status (the signal number when killed).
    func wait() -> CLIResult {
        process.waitUntilExit()
        readers.wait()
        return CLIResult(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                         status: process.terminationStatus)
    }

    /// True when the process ended by a signal rather than by exiting.
    var wasKilled: Bool { process.terminationReason == .uncaughtSignal }
}

/// Polls `condition` every millisecond until it holds or `timeout` seconds pass; returns whether it held.
func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(1_000)
    }
    return condition()
}

/// Long-format rankings rows for a made-up index: `editions` years of the 63 provinces with `components`
/// component values each, so that a load takes a measurable time.
func syntheticLoad(index: String, firstYear: Int = 2000, editions: Int, components: Int, value: Double = 0.5) -> String {
    var text = "index,year,province_code,metric,value\n"
    text.reserveCapacity(editions * 63 * components * 30)
    for year in firstYear..<(firstYear + editions) {
        for code in provinceCodes63 {
            for k in 0..<components { text += "\(index),\(year),\(code),c\(k),\(Double(k) + value)\n" }
        }
    }
    return text
}

/// The GSO codes of the 63 provinces valid until 2025-06-30.
let provinceCodes63 = [
    "01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "22", "24", "25", "26", "27", "30", "31", "33",
    "34", "35", "36", "37", "38", "40", "42", "44", "45", "46", "48", "49", "51", "52", "54", "56", "58", "60", "62", "64", "66",
    "67", "68", "70", "72", "74", "75", "77", "79", "80", "82", "83", "84", "86", "87", "89", "91", "92", "93", "94", "95", "96",
]
