import ChiSoFuzzChecks
import ChiSoKit

/// libFuzzer's entry: the properties are `Tests/FuzzChecks` (`checkXLSXReader`, replayed over the committed
/// corpus by `swift test`); a failed one is a crash libFuzzer reports.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    do { try checkXLSXReader(bytes) } catch { preconditionFailure("\(error)") }
    return 0
}
