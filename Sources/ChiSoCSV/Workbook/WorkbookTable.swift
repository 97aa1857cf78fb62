import ChiSoCore

/// The table of one sheet of a workbook, row by row, as `CSVReader` hands records over.
///
/// Publishers and one-stop-shop systems put a title, the agency's name, the report period and
/// blank rows above the table; `WorkbookTable` finds the header row below them (the first row of
/// text that is about as wide as the table) and starts there. A two-row header whose group cells
/// are merged over sub-headers ("Số hồ sơ đã giải quyết" over "Tổng số · Trước hạn · …") becomes
/// one row of names "group - sub". Rows are padded (or trimmed of empty cells) to the header's width.
package final class WorkbookTable {
    package let workbook: Workbook
    package private(set) var reader: SheetReader!
    /// What a user should know about how the table was found (the sheet chosen, title rows skipped).
    package private(set) var notes: [String] = []

    /// A row kept in memory while the header is looked for.
    private struct Row {
        var number: Int
        var bytes: [UInt8]
        var cells: [(column: Int, start: Int, end: Int, numeric: Bool)]
        var nonEmpty: Int { cells.count }
        var numeric: Int { cells.filter(\.numeric).count }
        /// Different values: a title merged across the table fills every cell with one.
        var distinct: Int { Set(cells.map { bytes[$0.start..<$0.end] }).count }
        func text(_ column: Int) -> String {
            guard let c = cells.first(where: { $0.column == column }) else { return "" }
            return String(decoding: bytes[c.start..<c.end], as: UTF8.self)
        }
    }

    private var queue: [Row] = []
    private var queueIndex = 0
    /// The header row replaced by its combined names, when two header rows were merged.
    private var headerOverride: [String]?
    private var headerRowNumber: Int?
    private var width = 0

    // The current record.
    package private(set) var line = 0
    package private(set) var base: UnsafeMutablePointer<UInt8>
    private var baseCapacity = 4096
    package private(set) var spans: UnsafeMutablePointer<CSVFieldSpan>
    private var spanCapacity = 64
    package private(set) var count = 0

    /// How many rows above the table the header is looked for in.
    static let lookahead = 30

    /// Opens `selection` (a sheet name or 1-based number), or the first visible sheet with a table.
    package init(source: ByteSource, file: String, sheet selection: String?) throws(CSVError) {
        do {
            workbook = try Workbook(source: source)
        } catch {
            throw Self.error(error, file: file)
        }
        base = .allocate(capacity: baseCapacity)
        spans = .allocate(capacity: spanCapacity)
        let names = workbook.sheets.map(\.name)
        guard !workbook.sheets.isEmpty else {
            throw CSVError.workbook("the workbook has no sheets; open it in Excel and save it again", at: SourceLocation(file: file, line: 1, column: 1))
        }
        if let selection {
            guard let sheet = workbook.sheet(named: selection) else {
                throw CSVError.workbook("the workbook has no sheet \"\(selection)\"; its sheets are \(Self.list(names)); pass --sheet with one of them or its number",
                                        at: SourceLocation(file: file, line: 1, column: 1))
            }
            do { reader = try SheetReader(workbook: workbook, sheet: sheet) } catch { throw Self.error(error, file: file) }
            try findHeader(file: file)
        } else {
            // The first visible sheet that holds a table (a header and a row below it).
            var chosen: SheetReader?
            var candidates = workbook.sheets.filter { !$0.hidden }
            if candidates.isEmpty { candidates = workbook.sheets }
            for sheet in candidates {
                let r: SheetReader
                do { r = try SheetReader(workbook: workbook, sheet: sheet) } catch { throw Self.error(error, file: file) }
                queue = []
                queueIndex = 0
                headerOverride = nil
                reader = r
                try findHeader(file: file)
                if let h = headerRowNumber, queue.contains(where: { $0.number > h }) { chosen = r; break }
            }
            if chosen == nil {
                // No sheet has a table: read the first, whose own error (empty, no rows) will say so.
                do { reader = try SheetReader(workbook: workbook, sheet: candidates[0]) } catch { throw Self.error(error, file: file) }
                queue = []
                queueIndex = 0
                headerOverride = nil
                try findHeader(file: file)
            }
            if workbook.sheets.count > 1 {
                notes.insert("read sheet \"\(reader.sheet.name)\" of \(Self.list(names)) (the first with a table); choose another with --sheet NAME or --sheet N", at: 0)
            }
        }
    }

    deinit {
        base.deallocate()
        spans.deallocate()
    }

    /// The sheet's name, for locations (`file.xlsx:Sheet1!C7`).
    package var sheetName: String { reader.sheet.name }

    private static func list(_ names: [String]) -> String { names.map { "\"\($0)\"" }.joined(separator: ", ") }

    /// Reads the first rows, picks the header and keeps the rows from it on for `next()`.
    private func findHeader(file: String) throws(CSVError) {
        var rows: [Row] = []
        do {
            while rows.count < Self.lookahead, try reader.nextRow() {
                rows.append(Row(number: reader.rowNumber, bytes: Array(UnsafeBufferPointer(start: reader.bytes, count: reader.cells.map(\.end).max() ?? 0)),
                                cells: reader.cells))
            }
        } catch {
            throw Self.error(error, file: file, sheet: reader.sheet.name)
        }
        headerRowNumber = nil
        guard !rows.isEmpty else { queue = []; return }
        // The header: mostly text (a row of data has numbers), at least two cells, and about as wide as the widest such
        // row (a title, or the agency's name beside the national motto, is narrower than the table).
        func isText(_ row: Row) -> Bool { row.distinct >= 2 && row.numeric * 2 < row.nonEmpty }
        let widest = rows.filter(isText).map(\.nonEmpty).max() ?? 0
        let h = rows.firstIndex { isText($0) && $0.nonEmpty * 5 >= widest * 4 } ?? 0
        if h > 0 {
            let skipped = rows[..<h].map(\.number)
            notes.append("skipped \(skipped.count) title row\(skipped.count == 1 ? "" : "s") above the header (row\(skipped.count == 1 ? "" : "s") \(skipped.map(String.init).joined(separator: ", ")) of sheet \"\(reader.sheet.name)\")")
        }
        let header = rows[h]
        headerRowNumber = header.number
        width = (header.cells.map(\.column).max() ?? 0) + 1
        // A second header row: right below, all text, under group cells merged across columns.
        if h + 1 < rows.count, rows[h + 1].number == header.number + 1, rows[h + 1].numeric == 0, hasGroupHeader(header) {
            let sub = rows[h + 1]
            var names: [String] = []
            for c in 0..<max(width, (sub.cells.map(\.column).max() ?? 0) + 1) {
                let top = header.text(c), below = sub.text(c)
                names.append(below.isEmpty || below == top ? top : top.isEmpty ? below : top + " - " + below)
            }
            headerOverride = names
            width = names.count
            notes.append("read rows \(header.number) and \(sub.number) of sheet \"\(reader.sheet.name)\" as one header (group names over sub-columns)")
            rows.remove(at: h + 1)
        }
        queue = Array(rows[h...])
        queueIndex = 0
    }

    private func hasGroupHeader(_ header: Row) -> Bool {
        // The reader has already filled merged cells; a group shows as the same text in neighbouring columns.
        let texts = (0..<width).map { header.text($0) }
        for i in 1..<max(1, texts.count) where !texts[i].isEmpty && texts[i] == texts[i - 1] { return true }
        return false
    }

    /// Moves to the next record (the header first); false at the end of the sheet.
    package func next(file: String) throws(CSVError) -> Bool {
        if queueIndex < queue.count {
            let row = queue[queueIndex]
            queueIndex += 1
            if queueIndex == queue.count { queue = []; queueIndex = 0 }
            if let names = headerOverride, row.number == headerRowNumber {
                var bytes: [UInt8] = []
                var cells: [(column: Int, start: Int, end: Int, numeric: Bool)] = []
                for (i, name) in names.enumerated() where !name.isEmpty {
                    let start = bytes.count
                    bytes.append(contentsOf: name.utf8)
                    cells.append((i, start, bytes.count, false))
                }
                load(number: row.number, bytes: bytes, cells: cells)
            } else {
                load(number: row.number, bytes: row.bytes, cells: row.cells)
            }
            return true
        }
        do {
            guard try reader.nextRow() else { return false }
        } catch {
            throw Self.error(error, file: file, sheet: reader.sheet.name)
        }
        let length = reader.cells.map(\.end).max() ?? 0
        ensureBase(length)
        base.update(from: reader.bytes, count: length)
        setSpans(number: reader.rowNumber, cells: reader.cells)
        return true
    }

    private func load(number: Int, bytes: [UInt8], cells: [(column: Int, start: Int, end: Int, numeric: Bool)]) {
        ensureBase(bytes.count)
        bytes.withUnsafeBufferPointer { if let b = $0.baseAddress { base.update(from: b, count: bytes.count) } }
        setSpans(number: number, cells: cells)
    }

    private func ensureBase(_ n: Int) {
        guard n > baseCapacity else { return }
        base.deallocate()
        while baseCapacity < n { baseCapacity *= 2 }
        base = .allocate(capacity: baseCapacity)
    }

    private func setSpans(number: Int, cells: [(column: Int, start: Int, end: Int, numeric: Bool)]) {
        line = number
        let last = cells.map(\.column).max() ?? 0
        // The header's width; a value beyond it widens the row (the ingest reports the ragged row).
        let n = max(width, last + 1, 1)
        if n > spanCapacity {
            spans.deallocate()
            while spanCapacity < n { spanCapacity *= 2 }
            spans = .allocate(capacity: spanCapacity)
        }
        for i in 0..<n { spans[i] = CSVFieldSpan(start: 0, end: 0, lineDelta: 0, flags: 0) }
        for c in cells where c.column < n {
            spans[c.column] = CSVFieldSpan(start: UInt32(c.start), end: UInt32(c.end), lineDelta: 0, flags: 0)
        }
        count = n
    }

    static func error(_ error: ZipError, file: String, sheet: String? = nil) -> CSVError {
        let at = SourceLocation(file: file, line: 1, column: 1, sheet: sheet)
        switch error {
        case .unreadable(let reason):
            return .unreadable(file, reason: reason)
        case .damaged(let what):
            return .workbook("the workbook cannot be read: \(what); open it in Excel and save it again as .xlsx, or save the sheet as CSV UTF-8", at: at)
        case .missingPart(let part):
            return .workbook("the workbook lacks its part \(part); it is not an Excel .xlsx file (or it is damaged): save it again as .xlsx or CSV UTF-8", at: at)
        case .unsupportedMethod(let method, let part):
            return .workbook("\(part) is compressed with method \(method), which ChiSo does not read; save the workbook again in Excel as .xlsx or as CSV UTF-8", at: at)
        case .encrypted:
            return .workbook("the workbook is password-protected; remove the password (File › Info › Protect Workbook) and save it again", at: at)
        }
    }
}
