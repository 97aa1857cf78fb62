import ChiSoCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One rectangle of merged cells, 1-based rows and 0-based columns.
package struct MergedRange: Equatable {
    package var firstRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int
}

/// Streams the rows of one worksheet as cells of text, the way a CSV row is text.
///
/// Each row comes out as bytes plus `CSVFieldSpan`s, field `i` being column `i` (A = 0), so a row
/// of the sheet is read by the same code as a record of a CSV file; a missing cell is an empty field.
/// Values are turned into the text a CSV export of the sheet would hold:
/// - shared and inline strings as written (entities and `_xHHHH_` escapes decoded);
/// - numbers in their shortest form (`65.430000000000007` → `65.43`, `12480`);
/// - numbers shown with a date format as ISO dates (`2024-04-20`, `2024-04-20 08:00:00`), in the
///   1900 or 1904 date system of the workbook;
/// - booleans as `TRUE`/`FALSE`, errors as written (`#N/A`).
/// Every cell of a merged range reads as its top-left cell. Rows with no value are skipped.
package final class SheetReader {
    package let sheet: Workbook.Sheet
    private let workbook: Workbook
    private var scanner: XMLPullScanner
    private let merges: [MergedRange]
    /// Top-left values of the merges seen so far, by merge index.
    private var mergeValues: [Int: [UInt8]] = [:]
    private var nextMerge = 0
    private var activeMerges: [Int] = []

    // The current row.
    package private(set) var rowNumber = 0
    package private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity = 4096
    private var length = 0
    /// (column, start, end, isNumber) of the row's non-empty cells, in document order.
    package private(set) var cells: [(column: Int, start: Int, end: Int, numeric: Bool)] = []
    private var finished = false

    package static let maxColumns = 16_384  // XFD
    package static let rowSizeLimit = 64 << 20

    package init(workbook: Workbook, sheet: Workbook.Sheet) throws(ZipError) {
        self.workbook = workbook
        self.sheet = sheet
        guard let entry = workbook.archive.entry(sheet.part) else { throw .missingPart(sheet.part) }
        merges = try Self.mergedRanges(workbook.archive, entry)
        scanner = XMLPullScanner(stream: try workbook.archive.open(entry), part: entry.name)
        bytes = .allocate(capacity: byteCapacity)
    }

    deinit { bytes.deallocate() }

    private enum CellType { case number, shared, inline, formulaString, boolean, error, isoDate }

    @inline(__always) private func reserve(_ extra: Int) {
        if length + extra <= byteCapacity { return }
        var capacity = byteCapacity * 2
        while capacity < length + extra { capacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        bigger.update(from: bytes, count: length)
        bytes.deallocate()
        bytes = bigger
        byteCapacity = capacity
    }

    @inline(__always) private func append(_ source: UnsafePointer<UInt8>, _ count: Int) {
        reserve(count)
        (bytes + length).update(from: source, count: count)
        length += count
    }

    /// Moves to the next row holding at least one value; false after the last.
    package func nextRow() throws(ZipError) -> Bool {
        if finished { return false }
        var inRow = false
        var inCell = false
        var capturing = false
        var inInline = false
        var phonetic = 0
        var cellColumn = 0
        var cellType = CellType.number
        var cellStyle = 0
        var cellStart = 0
        var lastColumn = -1
        while true {
            switch try scanner.next() {
            case .end:
                finished = true
                if inRow && !cells.isEmpty { applyMerges(); return true }
                return false
            case .text(let range):
                if capturing {
                    append(scanner.base + range.lowerBound, range.count)
                    // As a CSV record is limited: a row this large is not a table's row (or the workbook is a bomb).
                    if length > Self.rowSizeLimit { throw .damaged("row \(rowNumber) of \(sheet.part) holds more than \(Self.rowSizeLimit >> 20) MiB of text") }
                }
            case .cdata(let range):
                if capturing {
                    for i in range {
                        let c = scanner.base[i]
                        // Literal text: keep '&' and '_' from being decoded later.
                        if c == 0x26 { append("&amp;", 5) } else if c == 0x5F { append("_x005F_", 7) } else { reserve(1); bytes[length] = c; length += 1 }
                    }
                }
            case .open(let name, let attributes, let selfClosing):
                let local = scanner.localName(name)
                switch local.count {
                case 1:
                    let c = scanner.base[local.lowerBound]
                    if c == 0x63 /* c */ {
                        if let r = scanner.attribute("r", in: attributes) {
                            cellColumn = try column(of: r)
                        } else {
                            cellColumn = lastColumn + 1
                        }
                        lastColumn = cellColumn
                        guard !selfClosing else { continue }
                        inCell = true
                        cellType = .number
                        if let t = scanner.attribute("t", in: attributes) { cellType = type(t) }
                        cellStyle = scanner.attribute("s", in: attributes).map { number($0) } ?? 0
                        cellStart = length
                    } else if c == 0x76 /* v */ && inCell && !selfClosing {
                        capturing = true
                    } else if c == 0x74 /* t */ && inInline && phonetic == 0 && !selfClosing {
                        capturing = true
                    }
                case 2 where scanner.equals(local, "is"):
                    inInline = !selfClosing && inCell
                case 3 where scanner.equals(local, "row"):
                    rowNumber = scanner.attribute("r", in: attributes).map { number($0) } ?? rowNumber + 1
                    // A row opened inside a cell (a broken sheet): the cell is dropped, not finished over the new row's bytes.
                    inCell = false
                    capturing = false
                    inInline = false
                    length = 0
                    cells.removeAll(keepingCapacity: true)
                    lastColumn = -1
                    inRow = !selfClosing
                case 3 where scanner.equals(local, "rPh"):
                    if !selfClosing { phonetic += 1 }
                default:
                    break
                }
            case .close(let name):
                let local = scanner.localName(name)
                switch local.count {
                case 1:
                    let c = scanner.base[local.lowerBound]
                    if c == 0x76 || c == 0x74 { capturing = false } else if c == 0x63 && inCell {
                        inCell = false
                        capturing = false
                        inInline = false
                        finishCell(column: cellColumn, type: cellType, style: cellStyle, start: cellStart)
                    }
                case 2 where scanner.equals(local, "is"):
                    inInline = false
                case 3 where scanner.equals(local, "row"):
                    // A stray </row> (no row open) must not hand the last row over again.
                    if inRow && !cells.isEmpty { inRow = false; applyMerges(); return true }
                    inRow = false
                case 3 where scanner.equals(local, "rPh"):
                    phonetic = max(0, phonetic - 1)
                case 9 where scanner.equals(local, "sheetData"):
                    finished = true
                    return false
                default:
                    break
                }
            }
        }
    }

    private func type(_ r: Range<Int>) -> CellType {
        if scanner.equals(r, "s") { return .shared }
        if scanner.equals(r, "inlineStr") { return .inline }
        if scanner.equals(r, "str") { return .formulaString }
        if scanner.equals(r, "b") { return .boolean }
        if scanner.equals(r, "e") { return .error }
        if scanner.equals(r, "d") { return .isoDate }
        return .number
    }

    @inline(__always) private func number(_ r: Range<Int>) -> Int {
        var n = 0
        for i in r {
            let d = scanner.base[i] &- 0x30
            guard d < 10, n < 1 << 40 else { break }
            n = n * 10 + Int(d)
        }
        return n
    }

    /// `C7` → 2 (the row part is ignored; rows come from `<row r>`).
    private func column(of r: Range<Int>) throws(ZipError) -> Int {
        var column = 0
        for i in r {
            let c = scanner.base[i] | 0x20
            guard c >= 0x61 && c <= 0x7A else { break }
            column = column * 26 + Int(c - 0x60)
            if column > Self.maxColumns { throw .damaged("\(sheet.part) has a cell beyond column XFD (\(scanner.string(r)))") }
        }
        return max(0, column - 1)
    }

    /// Turns the raw value captured at `start..<length` into its text.
    private func finishCell(column: Int, type: CellType, style: Int, start: Int) {
        guard start <= length else { return }
        var numeric = false
        switch type {
        case .shared:
            var index = 0
            var valid = length > start
            for i in start..<length {
                let d = bytes[i] &- 0x30
                if d >= 10 || index > 1 << 40 { valid = false; break }
                index = index * 10 + Int(d)
            }
            length = start
            if valid, let range = workbook.sharedStrings.range(index) {
                workbook.sharedStrings.bytes.withUnsafeBufferPointer { append($0.baseAddress! + range.lowerBound, range.count) }
            }
        case .inline, .formulaString, .error, .isoDate:
            length = XMLText.decode(bytes, from: start, to: length)
            if type == .isoDate { numeric = true }
        case .boolean:
            let value = length > start && bytes[start] == 0x31
            length = start
            if value { append("TRUE", 4) } else { append("FALSE", 5) }
            numeric = true
        case .number:
            numeric = true
            guard length > start else { break }
            let kind = style < workbook.styleKinds.count ? workbook.styleKinds[style] : .number
            if kind != .number, let serial = parseDouble(start, length),
               let text = Self.dateText(serial: serial, kind: kind, date1904: workbook.date1904) {
                length = start
                var text8 = text
                text8.withUTF8 { append($0.baseAddress!, $0.count) }
            } else {
                // A date-styled serial outside Excel's calendar (Excel shows #####) stays a number:
                // the field that wants a date then says it is not one, with the cell.
                normalizeNumber(start)
            }
        }
        if length > start { cells.append((column, start, length, numeric)) }
    }

    private func append(_ literal: StaticString, _ count: Int) { append(literal.utf8Start, count) }

    private func parseDouble(_ start: Int, _ end: Int) -> Double? {
        guard end - start < 64 else { return nil }
        var buffer = [CChar](repeating: 0, count: end - start + 1)
        for i in 0..<(end - start) { buffer[i] = CChar(bitPattern: bytes[start + i]) }
        return buffer.withUnsafeBufferPointer { b -> Double? in
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(b.baseAddress!, &stop)
            guard let stop, stop - UnsafeMutablePointer(mutating: b.baseAddress!) == end - start, value.isFinite else { return nil }
            return value
        }
    }

    /// Excel stores binary doubles (`0.1` may be `0.10000000000000001`): write the shortest text that reads back the same.
    private func normalizeNumber(_ start: Int) {
        var plain = true
        for i in start..<length {
            let c = bytes[i]
            if !((c &- 0x30) < 10 || (c == 0x2D && i == start)) { plain = false; break }
        }
        if plain && length - start < 16 { return }
        guard let value = parseDouble(start, length) else { return }
        var text: String
        if value == value.rounded(), abs(value) < 1e15 {
            text = String(Int64(value))
        } else {
            text = "\(value)"
            if text.contains("e") { return }  // keep Excel's own form for very large or small numbers
        }
        length = start
        text.withUTF8 { append($0.baseAddress!, $0.count) }
    }

    /// A date serial as ISO text: `2024-04-20`, `2024-04-20 08:00:00`, or `08:00:00` for a time format;
    /// nil outside Excel's calendar (before its day 0, or after 9999-12-31), which Excel cannot show either.
    package static func dateText(serial: Double, kind: Workbook.NumberKind, date1904: Bool) -> String? {
        // 10000-01-01 is serial 2,958,466 in the 1900 system and 2,957,004 in the 1904 system.
        guard serial >= 0, serial < (date1904 ? 2_957_004 : 2_958_466) else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 { days += 1; seconds -= 86_400 }
        let base: Int
        if date1904 {
            base = DayNumber.from(year: 1904, month: 1, day: 1)
        } else if days >= 61 {
            base = DayNumber.from(year: 1899, month: 12, day: 30)
        } else {
            // Excel's 1900 system counts a 29 February 1900 that never was (serial 60); before it, the offset is one less.
            base = DayNumber.from(year: 1899, month: 12, day: 31)
            if days == 60 { days = 59 }
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let time = "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        if kind == .time && days == 0 { return time }
        let day = DayNumber.day(base + days).description
        if kind == .date && seconds == 0 { return day }
        return day + " " + time
    }

    // MARK: - Merged cells

    private func applyMerges() {
        while nextMerge < merges.count && merges[nextMerge].firstRow <= rowNumber {
            activeMerges.append(nextMerge)
            nextMerge += 1
        }
        guard !activeMerges.isEmpty else { return }
        activeMerges.removeAll { merges[$0].lastRow < rowNumber }
        for m in activeMerges {
            let range = merges[m]
            if range.firstRow == rowNumber {
                if let cell = cells.first(where: { $0.column == range.firstColumn }) {
                    mergeValues[m] = Array(UnsafeBufferPointer(start: bytes + cell.start, count: cell.end - cell.start))
                } else {
                    mergeValues[m] = []
                }
            }
            guard let value = mergeValues[m], !value.isEmpty else { continue }
            for column in range.firstColumn...range.lastColumn where !(rowNumber == range.firstRow && column == range.firstColumn) {
                if cells.contains(where: { $0.column == column }) { continue }
                let start = length
                value.withUnsafeBufferPointer { append($0.baseAddress!, $0.count) }
                cells.append((column, start, length, false))
            }
        }
        for m in activeMerges where merges[m].lastRow == rowNumber { mergeValues[m] = nil }
    }

    /// The sheet's merged ranges: `<mergeCells>` comes after the rows, so the part is inflated once
    /// more and only its tail after `</sheetData>` is parsed (a few per cent of the read time).
    private static func mergedRanges(_ archive: ZipArchive, _ entry: ZipArchive.Entry) throws(ZipError) -> [MergedRange] {
        var stream = try archive.open(entry)
        let chunk = 256 << 10
        let keep = 32
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk + keep)
        defer { b.deallocate() }
        var carried = 0
        var tail: [UInt8]?
        let needle = Array("sheetData>".utf8)
        while true {
            let n = try stream.read(into: b + carried, count: chunk)
            if n == 0 { break }
            let total = carried + n
            if tail != nil {
                tail!.append(contentsOf: UnsafeBufferPointer(start: b + carried, count: n))
                if tail!.count > 64 << 20 { break }
                carried = 0
                continue
            }
            // "sheetData>" ends a closing tag "</sheetData>" or "</x:sheetData>": look at each 'D' (rarer than '<' or '>').
            var from = 5
            var found: Int?
            while from < total, let hit = memchr(b + from, 0x44, total - from) {
                let d = UnsafeMutableRawPointer(hit).assumingMemoryBound(to: UInt8.self) - b
                from = d + 1
                let h = d - 5
                guard h >= 2, h + needle.count <= total, (0..<needle.count).allSatisfy({ b[h + $0] == needle[$0] }) else { continue }
                var k = h - 1
                if b[k] == 0x3A { while k > 0 && b[k] != 0x2F && b[k] != 0x3C { k -= 1 } }
                if k >= 1 && b[k] == 0x2F && b[k - 1] == 0x3C { found = h + needle.count; break }
            }
            if let found {
                tail = Array(UnsafeBufferPointer(start: b + found, count: total - found))
                carried = 0
                continue
            }
            // Keep the last bytes, in case the closing tag straddles two chunks.
            let k = min(keep, total)
            (b).update(from: b + total - k, count: k)
            carried = k
        }
        guard let tail else { return [] }
        var ranges: [MergedRange] = []
        XMLDocument.forEachTag(tail) { name, attributes in
            guard name == "mergeCell", let ref = attributes["ref"], let range = Self.parseRange(ref) else { return }
            ranges.append(range)
        }
        return ranges.sorted { ($0.firstRow, $0.firstColumn) < ($1.firstRow, $1.firstColumn) }
    }

    /// `B2:D3` → rows 2…3, columns 1…3.
    package static func parseRange(_ text: String) -> MergedRange? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let a = cellReference(parts[0]), let b = cellReference(parts[1]) else { return nil }
        guard b.row >= a.row, b.column >= a.column, (b.row - a.row + 1) * (b.column - a.column + 1) <= 1 << 20 else { return nil }
        return MergedRange(firstRow: a.row, lastRow: b.row, firstColumn: a.column, lastColumn: b.column)
    }

    /// `C7` → (row 7, column 2).
    package static func cellReference(_ text: Substring) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var sawDigit = false
        for c in text.utf8 {
            if !sawDigit, (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A {
                column = column * 26 + Int((c | 0x20) - 0x60)
                if column > maxColumns { return nil }
            } else if c >= 0x30 && c <= 0x39 {
                sawDigit = true
                row = row * 10 + Int(c - 0x30)
                if row > 1 << 24 { return nil }
            } else if c == 0x24 { continue } else { return nil }
        }
        guard column > 0, row > 0 else { return nil }
        return (row, column - 1)
    }
}
