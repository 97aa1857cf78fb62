import ChiSoKit

/// Properties: parsing any text never crashes; an error names a line of the notebook; every part's
/// line is a line of the notebook.
public func checkNotebookParser(_ bytes: [UInt8]) throws(FuzzCheckFailure) {
    let text = String(decoding: bytes, as: UTF8.self)
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
    let notebook: Notebook
    do {
        notebook = try NotebookParser.parse(text, path: "n.md")
    } catch {
        try require(error.path == "n.md" && (1...max(1, lineCount)).contains(error.line), "error at line \(error.line) of \(lineCount): \(error)")
        try require(!error.message.isEmpty, "empty message")
        return
    }
    for part in notebook.parts {
        let line: Int
        switch part {
        case .markdown(_, let l), .sql(_, _, _, let l), .chart(_, let l), .command(_, _, let l): line = l
        }
        try require((1...max(1, lineCount)).contains(line), "part at line \(line) of \(lineCount)")
    }
}
