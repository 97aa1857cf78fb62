/// An Excel workbook (`.xlsx`, Office Open XML): its sheets, shared strings and date styles.
///
/// Opening reads the small parts whole (workbook, relationships, styles) and the shared strings
/// into one byte arena; a sheet is then streamed by `SheetReader`.
package struct Workbook {
    package struct Sheet: Equatable {
        package var name: String
        /// The part holding the sheet, e.g. `xl/worksheets/sheet1.xml`.
        package var part: String
        package var hidden: Bool
    }

    package let archive: ZipArchive
    package private(set) var sheets: [Sheet] = []
    /// Dates count days from 1904-01-01 instead of 1899-12-30 (old Mac workbooks).
    package private(set) var date1904 = false
    package let sharedStrings: SharedStrings
    /// For each cell style (`s="N"`), whether its number format shows a date, a time, or neither.
    package private(set) var styleKinds: [NumberKind] = []

    package enum NumberKind: UInt8 { case number, date, dateTime, time }

    package init(source: ByteSource) throws(ZipError) {
        archive = try ZipArchive(source: source)
        guard let workbookPart = try Self.workbookPart(archive), let workbookXML = try archive.readAll(workbookPart) else {
            throw .missingPart("xl/workbook.xml")
        }
        let folder = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
        let rels = try archive.readAll(Self.relsPath(of: workbookPart)).map(Self.relationships) ?? [:]
        var sheets: [Sheet] = []
        var date1904 = false
        var sharedStringsPart = folder.isEmpty ? "sharedStrings.xml" : folder + "/sharedStrings.xml"
        var stylesPart = folder.isEmpty ? "styles.xml" : folder + "/styles.xml"
        for (target, type) in rels.values {
            if type.hasSuffix("/sharedStrings") { sharedStringsPart = Self.resolve(target, folder: folder) }
            if type.hasSuffix("/styles") { stylesPart = Self.resolve(target, folder: folder) }
        }
        XMLDocument.forEachTag(workbookXML) { name, attributes in
            switch name {
            case "workbookPr":
                let v = attributes["date1904"] ?? ""
                date1904 = v == "1" || v == "true"
            case "sheet":
                guard let id = attributes["id"], let (target, _) = rels[id] else { return }
                let state = attributes["state"] ?? "visible"
                sheets.append(Sheet(name: attributes["name"] ?? "Sheet\(sheets.count + 1)", part: Self.resolve(target, folder: folder),
                                    hidden: state != "visible"))
            default: break
            }
        }
        self.sheets = sheets
        self.date1904 = date1904
        if let entry = archive.entry(sharedStringsPart) {
            var scanner = XMLPullScanner(stream: try archive.open(entry), part: entry.name)
            sharedStrings = try SharedStrings(scanner: &scanner)
        } else {
            sharedStrings = SharedStrings()
        }
        if let styles = try archive.readAll(stylesPart) { styleKinds = Self.styleKinds(styles) }
    }

    /// The main part named by `_rels/.rels` (usually `xl/workbook.xml`).
    private static func workbookPart(_ archive: ZipArchive) throws(ZipError) -> String? {
        if let rels = try archive.readAll("_rels/.rels") {
            for (target, type) in relationships(rels).values where type.hasSuffix("/officeDocument") {
                return resolve(target, folder: "")
            }
        }
        return archive.entry("xl/workbook.xml") != nil ? "xl/workbook.xml" : nil
    }

    private static func relsPath(of part: String) -> String {
        var pieces = part.split(separator: "/").map(String.init)
        let last = pieces.removeLast()
        return (pieces + ["_rels", last + ".rels"]).joined(separator: "/")
    }

    /// Id → (target, type).
    private static func relationships(_ xml: [UInt8]) -> [String: (String, String)] {
        var result: [String: (String, String)] = [:]
        XMLDocument.forEachTag(xml) { name, attributes in
            guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
            result[id] = (target, attributes["Type"] ?? "")
        }
        return result
    }

    /// A relationship target made a part name: absolute (`/xl/...`) or relative to `folder`, with `..` resolved.
    private static func resolve(_ target: String, folder: String) -> String {
        var pieces: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { if !pieces.isEmpty { pieces.removeLast() } } else if piece != "." { pieces.append(piece) }
        }
        return pieces.joined(separator: "/")
    }

    /// Which cell styles show numbers as dates: built-in formats 14–22, 27–36, 45–47, 50–58 and
    /// custom formats with day, month or year codes (outside quotes and brackets).
    private static func styleKinds(_ xml: [UInt8]) -> [NumberKind] {
        var custom: [Int: NumberKind] = [:]
        var kinds: [NumberKind] = []
        var inCellXfs = false
        XMLDocument.forEachTag(xml, closing: { name in if name == "cellXfs" { inCellXfs = false } }) { name, attributes in
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { custom[id] = kind(ofFormat: code) }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs:
                let id = attributes["numFmtId"].flatMap { Int($0) } ?? 0
                kinds.append(custom[id] ?? builtinKind(id))
            default: break
            }
        }
        return kinds
    }

    private static func builtinKind(_ id: Int) -> NumberKind {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: .date
        case 22: .dateTime
        case 18...21, 32, 33, 45...47: .time
        default: .number
        }
    }

    package static func kind(ofFormat code: String) -> NumberKind {
        var plain = ""
        var inQuote = false
        var inBracket = false
        var escape = false
        for c in code.lowercased() {
            if escape { escape = false; continue }
            if inQuote { if c == "\"" { inQuote = false }; continue }
            if inBracket {
                if c == "]" { inBracket = false }
                // [h], [mm], [ss]: elapsed time.
                else if c == "h" || c == "m" || c == "s" { plain.append(c) }
                continue
            }
            switch c {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escape = true
            default: plain.append(c)
            }
        }
        // Only the first section (positive numbers) counts.
        let section = plain.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? plain
        let hasDate = section.contains("y") || section.contains("d") || (section.contains("m") && !section.contains("h") && !section.contains("s"))
        let hasTime = section.contains("h") || section.contains("s")
        if section.contains("general") || section.contains("0") || section.contains("#") { return hasDate && !section.contains("#") ? (hasTime ? .dateTime : .date) : .number }
        if hasDate { return hasTime ? .dateTime : .date }
        return hasTime ? .time : .number
    }

    /// The sheet named `name` (exact, then case-insensitive), or numbered `name` (1-based).
    package func sheet(named selection: String) -> Sheet? {
        if let s = sheets.first(where: { $0.name == selection }) { return s }
        if let s = sheets.first(where: { $0.name.lowercased() == selection.lowercased() }) { return s }
        if let n = Int(selection), n >= 1, n <= sheets.count { return sheets[n - 1] }
        return nil
    }
}

/// Every shared string of a workbook in one byte arena.
package struct SharedStrings {
    package private(set) var bytes: [UInt8] = []
    package private(set) var offsets: [Int] = [0]

    package var count: Int { offsets.count - 1 }
    /// The text of every distinct string of a workbook, held in memory: far above any real table, below a ZIP bomb.
    package static let sizeLimit = 1 << 30

    package init() {}

    /// Reads `<si>` items: plain `<t>`, or rich text runs `<r><t>` joined; phonetic runs (`<rPh>`) left out.
    package init(scanner: inout XMLPullScanner) throws(ZipError) {
        var inItem = false
        var inText = false
        var phonetic = 0
        var itemStart = 0
        var textStart = 0
        while true {
            switch try scanner.next() {
            case .end:
                return
            case .open(let name, _, let selfClosing):
                let local = scanner.localName(name)
                if scanner.equals(local, "si") {
                    if selfClosing { offsets.append(bytes.count) } else { inItem = true; itemStart = bytes.count }
                } else if scanner.equals(local, "t") && inItem && phonetic == 0 && !selfClosing {
                    inText = true
                    textStart = bytes.count
                } else if scanner.equals(local, "rPh") && !selfClosing {
                    phonetic += 1
                }
            case .close(let name):
                let local = scanner.localName(name)
                if scanner.equals(local, "t") && inText {
                    inText = false
                    // Decode this run's entities in place.
                    let start = textStart
                    let newEnd = bytes.withUnsafeMutableBufferPointer { b in XMLText.decode(b.baseAddress!, from: start, to: b.count) }
                    bytes.removeLast(bytes.count - newEnd)
                } else if scanner.equals(local, "rPh") {
                    phonetic = max(0, phonetic - 1)
                } else if scanner.equals(local, "si") && inItem {
                    inItem = false
                    _ = itemStart
                    offsets.append(bytes.count)
                }
            case .text(let range):
                if inText {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: scanner.base + range.lowerBound, count: range.count))
                    if bytes.count > Self.sizeLimit { throw .damaged("the shared strings hold more than \(Self.sizeLimit >> 20) MiB of text") }
                }
            case .cdata(let range):
                if inText {
                    // Literal: protect '&' and '_' from the later decode by writing them as entities.
                    for i in range {
                        let c = scanner.base[i]
                        if c == 0x26 { bytes.append(contentsOf: Array("&amp;".utf8)) } else if c == 0x5F { bytes.append(contentsOf: Array("_x005F_".utf8)) } else { bytes.append(c) }
                    }
                }
            }
        }
    }

    package func range(_ index: Int) -> Range<Int>? {
        guard index >= 0, index < count else { return nil }
        return offsets[index]..<offsets[index + 1]
    }
}

/// Small whole parts (workbook, relationships, styles) as a list of tags with decoded attributes.
package enum XMLDocument {
    package static func forEachTag(_ xml: [UInt8], closing: (String) -> Void = { _ in }, _ body: (String, [String: String]) -> Void) {
        var xml = xml
        xml.withUnsafeMutableBufferPointer { buffer in
            guard let b = buffer.baseAddress else { return }
            let n = buffer.count
            var i = 0
            while i < n {
                guard b[i] == 0x3C else { i += 1; continue }
                let first = i + 1 < n ? b[i + 1] : 0
                // A '>' may stand inside a quoted attribute value (a number format "[>=100]0").
                var j = i + 1
                var quote: UInt8 = 0
                while j < n {
                    let c = b[j]
                    if quote != 0 { if c == quote { quote = 0 } } else if c == 0x3E { break } else if (c == 0x22 || c == 0x27) && first != 0x21 && first != 0x3F { quote = c }
                    j += 1
                }
                guard j < n else { return }
                defer { i = j + 1 }
                if first == 0x3F || first == 0x21 { continue }
                if first == 0x2F {
                    var s = i + 2
                    for k in (i + 2)..<j where b[k] == 0x3A { s = k + 1 }
                    closing(String(decoding: UnsafeBufferPointer(start: b + s, count: j - s), as: UTF8.self).trimmingSpaces)
                    continue
                }
                var nameEnd = i + 1
                while nameEnd < j && !XMLPullScanner.isSpace(b[nameEnd]) && b[nameEnd] != 0x2F { nameEnd += 1 }
                var localStart = i + 1
                for k in (i + 1)..<nameEnd where b[k] == 0x3A { localStart = k + 1 }
                let name = String(decoding: UnsafeBufferPointer(start: b + localStart, count: nameEnd - localStart), as: UTF8.self)
                var attributes: [String: String] = [:]
                var k = nameEnd
                while k < j {
                    while k < j && (XMLPullScanner.isSpace(b[k]) || b[k] == 0x2F) { k += 1 }
                    let aStart = k
                    while k < j && b[k] != 0x3D && !XMLPullScanner.isSpace(b[k]) { k += 1 }
                    var aLocal = aStart
                    for m in aStart..<k where b[m] == 0x3A { aLocal = m + 1 }
                    let aName = String(decoding: UnsafeBufferPointer(start: b + aLocal, count: k - aLocal), as: UTF8.self)
                    while k < j && b[k] != 0x22 && b[k] != 0x27 { k += 1 }
                    guard k < j else { break }
                    let quote = b[k]
                    let vStart = k + 1
                    k = vStart
                    while k < j && b[k] != quote { k += 1 }
                    let vEnd = XMLText.decode(b, from: vStart, to: min(k, j), ooxmlEscapes: false)
                    attributes[aName] = String(decoding: UnsafeBufferPointer(start: b + vStart, count: vEnd - vStart), as: UTF8.self)
                    k += 1
                }
                body(name, attributes)
                if j > 0 && b[j - 1] == 0x2F { closing(name) }
            }
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
