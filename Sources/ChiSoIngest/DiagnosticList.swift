import ChiSoCore

/// The diagnostics of one file: every problem counted, the first `limit` kept for display.
package struct DiagnosticList {
    package var limit = 50
    package private(set) var shown: [Diagnostic] = []
    package private(set) var total = 0

    package init(limit: Int = 50) { self.limit = limit }

    package mutating func add(_ diagnostic: Diagnostic) {
        total += 1
        if shown.count < limit { shown.append(diagnostic) }
    }

    /// The cap is reached: a parser may stop looking for more.
    package var isFull: Bool { total >= limit }

    /// The kept diagnostics in the order they were found (a file's checks run row by row, then per
    /// edition), with a last line at `moreAt` when the cap was reached.
    package func inReportOrder(file: String, moreAt line: Int) -> [Diagnostic] {
        isFull ? shown + [Diagnostic(SourceLocation(file: file, line: line, column: 1), .tooManyErrors(shown: shown.count))] : shown
    }

    /// The kept diagnostics sorted by line and column, with a last line when some were left out.
    package func listed(file: String) -> [Diagnostic] {
        var sorted = shown.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        if total > shown.count {
            sorted.append(Diagnostic(SourceLocation(file: file, line: sorted.last?.location.line ?? 1, column: 1), .tooManyErrors(shown: shown.count)))
        }
        return sorted
    }
}
