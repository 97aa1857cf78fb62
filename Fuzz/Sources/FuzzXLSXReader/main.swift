import Foundation
import FuzzDriver

// SwiftPM gives an executable its own entry point (it links `main` to this file's code), so libFuzzer's
// driver is started here; it calls `fuzz` (also exported as LLVMFuzzerTestOneInput) on every input.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzz))
