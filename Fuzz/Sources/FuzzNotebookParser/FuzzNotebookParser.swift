import ChiSoKit

/// Properties: parsing any text never crashes; an error names a line of the notebook; every part's
/// line is a line of the notebook.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
    do {
        let notebook = try NotebookParser.parse(text, path: "n.md")
        for part in notebook.parts {
            let line: Int
            switch part {
            case .markdown(_, let l), .sql(_, _, _, let l), .chart(_, let l), .command(_, _, let l): line = l
            }
            precondition((1...max(1, lineCount)).contains(line), "part at line \(line) of \(lineCount)")
        }
    } catch {
        precondition(error.path == "n.md" && (1...max(1, lineCount)).contains(error.line), "error at line \(error.line) of \(lineCount): \(error)")
        precondition(!error.message.isEmpty, "empty message")
    }
    return 0
}
