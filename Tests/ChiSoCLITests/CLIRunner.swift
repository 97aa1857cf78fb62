import Foundation
import Testing

/// Runs the built `chiso` binary and captures stdout, stderr and the exit status separately.
struct CLIResult {
    var stdout: String
    var stderr: String
    var status: Int32
}

enum CLI {
    /// The folder holding the test bundle, where SwiftPM also puts the `chiso` executable.
    static let productsDirectory: URL = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("chiso").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static var binary: URL { productsDirectory.appendingPathComponent("chiso") }

    @discardableResult
    static func run(_ arguments: [String], cwd: URL? = nil, environment: [String: String] = [:]) throws -> CLIResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CHISO_DB")
        env["SOURCE_DATE_EPOCH"] = "1764028800"  // 2025-11-25T00:00:00Z: stable ingest times in outputs
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let cwd { process.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs, so a large output cannot block it.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLIResult(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                         status: process.terminationStatus)
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chiso-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// One default database built from the bundled datasets (by running chiso with no --db), shared by the tests.
    static let bundledDatabase: URL = {
        let dir = try! temporaryDirectory()
        let result = try! run(["sources"], cwd: dir)
        precondition(result.status == 0, "building the default database failed: \(result.stderr)")
        return dir.appendingPathComponent("chiso.sqlite")
    }()
}
