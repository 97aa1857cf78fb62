import Foundation

/// Writes small .xlsx workbooks for tests, part by part, so a test controls exactly what an
/// exporter put in them: shared or inline strings, `x:`-prefixed elements (.NET exporters),
/// date styles, the 1904 date system, merged cells, missing `r` attributes.
/// The ZIP entries are stored (not deflated); the deflate path is covered by workbooks openpyxl wrote.
public struct XLSXBuilder {
    /// A cell as the sheet XML stores it.
    public enum Cell: Equatable {
        case empty
        /// A shared string (added to the shared-string table).
        case text(String)
        /// An inline string (`t="inlineStr"`).
        case inline(String)
        /// A number as written in `<v>`.
        case number(String)
        /// A number with cell style `style` (see `styles`: 1 date, 2 date-time, 3 custom dd/mm/yyyy hh:mm, 4 percent).
        case styled(String, style: Int)
        case bool(Bool)
        /// A formula with its cached string result (`t="str"`).
        case formulaText(String)
        case error(String)
    }

    public var sheets: [(name: String, xml: String)] = []
    public var sharedStrings: [String] = []
    public var date1904 = false
    /// Extra parts, path → content (e.g. a sheet without its workbook entry).
    public var extraParts: [(String, [UInt8])] = []
    /// Hidden sheets, by name.
    public var hidden: Set<String> = []

    public init() {}

    /// Adds a sheet with `rows` starting at row `firstRow`; `prefix` is a namespace prefix ("x:") for every element.
    public mutating func addSheet(_ name: String, rows: [[Cell]], firstRow: Int = 1, merges: [String] = [], prefix: String = "",
                                  writeReferences: Bool = true) {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let ns = prefix.isEmpty ? "xmlns" : "xmlns:\(prefix.dropLast())"
        xml += "<\(prefix)worksheet \(ns)=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><\(prefix)sheetData>"
        for (i, row) in rows.enumerated() {
            let r = firstRow + i
            xml += "<\(prefix)row r=\"\(r)\">"
            for (c, cell) in row.enumerated() {
                let ref = writeReferences ? " r=\"\(Self.columnName(c))\(r)\"" : ""
                switch cell {
                case .empty:
                    if !writeReferences { xml += "<\(prefix)c/>" }
                case .text(let s):
                    var index = sharedStrings.firstIndex(of: s)
                    if index == nil { sharedStrings.append(s); index = sharedStrings.count - 1 }
                    xml += "<\(prefix)c\(ref) t=\"s\"><\(prefix)v>\(index!)</\(prefix)v></\(prefix)c>"
                case .inline(let s):
                    xml += "<\(prefix)c\(ref) t=\"inlineStr\"><\(prefix)is><\(prefix)t xml:space=\"preserve\">\(Self.escape(s))</\(prefix)t></\(prefix)is></\(prefix)c>"
                case .number(let v):
                    xml += "<\(prefix)c\(ref)><\(prefix)v>\(v)</\(prefix)v></\(prefix)c>"
                case .styled(let v, let style):
                    xml += "<\(prefix)c\(ref) s=\"\(style)\"><\(prefix)v>\(v)</\(prefix)v></\(prefix)c>"
                case .bool(let b):
                    xml += "<\(prefix)c\(ref) t=\"b\"><\(prefix)v>\(b ? 1 : 0)</\(prefix)v></\(prefix)c>"
                case .formulaText(let s):
                    xml += "<\(prefix)c\(ref) t=\"str\"><\(prefix)f>CONCAT(A1,\"x\")</\(prefix)f><\(prefix)v>\(Self.escape(s))</\(prefix)v></\(prefix)c>"
                case .error(let e):
                    xml += "<\(prefix)c\(ref) t=\"e\"><\(prefix)v>\(Self.escape(e))</\(prefix)v></\(prefix)c>"
                }
            }
            xml += "</\(prefix)row>"
        }
        xml += "</\(prefix)sheetData>"
        if !merges.isEmpty {
            xml += "<\(prefix)mergeCells count=\"\(merges.count)\">" + merges.map { "<\(prefix)mergeCell ref=\"\($0)\"/>" }.joined() + "</\(prefix)mergeCells>"
        }
        xml += "</\(prefix)worksheet>"
        sheets.append((name, xml))
    }

    /// The workbook's bytes.
    public func data() -> [UInt8] {
        var parts: [(String, [UInt8])] = []
        let overrides = sheets.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined()
        parts.append(("[Content_Types].xml", Array("""
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\(overrides)</Types>
            """.utf8)))
        parts.append(("_rels/.rels", Array("""
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """.utf8)))
        let sheetEntries = sheets.enumerated().map { i, s in
            "<sheet name=\"\(Self.escape(s.name))\" sheetId=\"\(i + 1)\"\(hidden.contains(s.name) ? " state=\"hidden\"" : "") r:id=\"rId\(i + 10)\"/>"
        }.joined()
        parts.append(("xl/workbook.xml", Array("""
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr\(date1904 ? " date1904=\"1\"" : "")/><sheets>\(sheetEntries)</sheets></workbook>
            """.utf8)))
        let sheetRels = sheets.indices.map { "<Relationship Id=\"rId\($0 + 10)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined()
        parts.append(("xl/_rels/workbook.xml.rels", Array("""
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\(sheetRels)</Relationships>
            """.utf8)))
        parts.append(("xl/styles.xml", Array("""
            <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="22" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/></cellXfs></styleSheet>
            """.utf8)))
        let items = sharedStrings.map { "<si><t xml:space=\"preserve\">\(Self.escape($0))</t></si>" }.joined()
        parts.append(("xl/sharedStrings.xml", Array("""
            <?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(sharedStrings.count)" uniqueCount="\(sharedStrings.count)">\(items)</sst>
            """.utf8)))
        for (i, s) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", Array(s.xml.utf8))) }
        parts += extraParts
        return Self.zip(parts)
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            name = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// A ZIP archive of stored entries.
    public static func zip(_ parts: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: UInt32, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
        for (name, data) in parts {
            let offset = UInt32(out.count)
            let crc = crc32(data)
            let nameBytes = Array(name.utf8)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(UInt32(data.count), &out); u32(UInt32(data.count), &out); u16(nameBytes.count, &out); u16(0, &out)
            out += nameBytes + data
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0x21, &central)
            u32(crc, &central); u32(UInt32(data.count), &central); u32(UInt32(data.count), &central); u16(nameBytes.count, &central)
            u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central); u32(0, &central); u32(offset, &central)
            central += nameBytes
        }
        let centralOffset = out.count
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(parts.count, &out); u16(parts.count, &out)
        u32(UInt32(central.count), &out); u32(UInt32(centralOffset), &out); u16(0, &out)
        return out
    }

    public static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
