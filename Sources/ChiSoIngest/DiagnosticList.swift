import ChiSoCore

/// The diagnostics of one file: every problem counted, the first `limit` kept for display.
package struct DiagnosticList {
    package var limit = 50
    package private(set) var shown: [Diagnostic] = []
    package private(set) var total = 0
    /// Rows with a problem (and problems of the whole file): `--max-errors` counts these, since every bad
    /// cell of a row is reported.
    package private(set) var rows = 0

    package init(limit: Int = 50) { self.limit = limit }

    /// Adds a problem; `sameRow`: another bad cell of the row of the previous one.
    package mutating func add(_ diagnostic: Diagnostic, sameRow: Bool = false) {
        total += 1
        if !sameRow { rows += 1 }
        if shown.count < limit { shown.append(diagnostic) }
    }

    /// Puts the diagnostics kept from position `start` on (one row's) in column order.
    package mutating func sortByColumn(from start: Int) {
        guard start < shown.count - 1 else { return }
        shown[start...].sort { $0.location.column < $1.location.column }
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
