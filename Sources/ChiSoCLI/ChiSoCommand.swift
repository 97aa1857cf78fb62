import ArgumentParser
import ChiSoKit
import Foundation
public struct ChiSoCommand: ParsableCommand {
    public init() {}
    public func run() throws { print(try FileManager.default.contentsOfDirectory(atPath: Bundled.datasetsURL.path)) }
}
