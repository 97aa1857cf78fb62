import ChiSoKit

/// Wraps fuzzer bytes into a workbook: the bytes up to the first 0x00 are the sheet's XML, the bytes up
/// to the next 0x00 the shared strings, the rest the styles; the ZIP container itself is well formed
/// (stored entries), so every input reaches the XML scanner and the sheet reader.
public func xlsxWorkbook(_ bytes: [UInt8]) -> [UInt8] {
    let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
    let sheet = parts.first ?? []
    let strings = parts.count > 1 ? parts[1] : Array("<sst><si><t>a&amp;b</t></si><si><r><t>x</t></r><r><t>y</t></r></si></sst>".utf8)
    let styles = parts.count > 2 ? parts[2] : Array("<styleSheet><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/></cellXfs></styleSheet>".utf8)
    let files: [(String, [UInt8])] = [
        ("_rels/.rels", Array("<Relationships><Relationship Id=\"r\" Type=\"x/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8)),
        ("xl/workbook.xml", Array("<workbook><workbookPr/><sheets><sheet name=\"S 1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".utf8)),
        ("xl/_rels/workbook.xml.rels", Array("<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>".utf8)),
        ("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", strings), ("xl/styles.xml", styles),
    ]
    return storedZip(files)
}

/// A ZIP of stored entries (what the tests' XLSXBuilder writes).
func storedZip(_ parts: [(String, [UInt8])]) -> [UInt8] {
    var out: [UInt8] = [], central: [UInt8] = []
    func u16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func u32(_ v: UInt32, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
    func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc ^= UInt32(byte); for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 } }
        return ~crc
    }
    for (name, data) in parts {
        let offset = UInt32(out.count), crc = crc32(data), n = Array(name.utf8)
        u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
        u32(crc, &out); u32(UInt32(data.count), &out); u32(UInt32(data.count), &out); u16(n.count, &out); u16(0, &out)
        out += n + data
        u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0x21, &central)
        u32(crc, &central); u32(UInt32(data.count), &central); u32(UInt32(data.count), &central); u16(n.count, &central)
        for _ in 0..<4 { u16(0, &central) }
        u32(0, &central); u32(offset, &central)
        central += n
    }
    let at = out.count
    out += central
    u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(parts.count, &out); u16(parts.count, &out)
    u32(UInt32(central.count), &out); u32(UInt32(at), &out); u16(0, &out)
    return out
}

enum XLSXOutcome: Equatable {
    case records([[String]], lines: [Int], locations: [String])
    case failure(CSVError)
}

func readWorkbook(_ bytes: [UInt8], hasHeader: Bool) -> XLSXOutcome {
    do {
        var reader = try CSVReader(bytes: bytes, file: "f.xlsx", hasHeader: hasHeader)
        var records: [[String]] = [], lines: [Int] = [], locations: [String] = []
        try reader.forEachRecord { record in
            records.append(record.strings)
            lines.append(record.line)
            locations.append(record.location(ofField: record.count - 1).description)
        }
        return .records(records, lines: lines, locations: locations)
    } catch {
        return .failure(error)
    }
}

/// Properties (the bytes are wrapped by `xlsxWorkbook`; the first byte's low bit says whether the sheet
/// has a header):
/// - reading never traps, and gives the same outcome twice (no state leaks between readers);
/// - a record has at least one field, and its location names the sheet and a cell (`f.xlsx:'S 1'!B7`);
/// - an error has a message and a location in the file.
public func checkXLSXReader(_ bytes: [UInt8]) throws(FuzzCheckFailure) {
    let workbook = xlsxWorkbook(bytes)
    let hasHeader = bytes.first.map { $0 & 1 == 1 } ?? false
    let first = readWorkbook(workbook, hasHeader: hasHeader)
    try require(first == readWorkbook(workbook, hasHeader: hasHeader), "two reads of one workbook differ")
    switch first {
    case .records(let records, _, let locations):
        try require(records.allSatisfy { !$0.isEmpty }, "a record without fields")
        try require(locations.allSatisfy { $0.hasPrefix("f.xlsx:'S 1'!") }, "a location without its sheet: \(locations)")
    case .failure(let error):
        try require(!error.message.isEmpty && error.location.file == "f.xlsx", "an error without a message or a file: \(error)")
    }
}
