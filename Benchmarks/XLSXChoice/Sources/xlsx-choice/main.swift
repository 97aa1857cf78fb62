import Foundation
import XMLCoder
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// CPU seconds of the process so far (user + system), steadier than wall time on a shared machine.
func cpu() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// Unbuffered, so that what was measured shows even if a later step fails.
func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

func measure<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
    let c0 = cpu(), t0 = Date()
    let result = try body()
    log("\(label): \(String(format: "%.2f", cpu() - c0)) s CPU, \(String(format: "%.2f", Date().timeIntervalSince(t0))) s wall")
    return result
}

let path = CommandLine.arguments[1]
let rowsForXMLCoder = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2])! : 20_000

// 1. ZIPFoundation: inflate the sheet part, streamed through its consumer closure.
let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
let entry = archive["xl/worksheets/sheet1.xml"]!
var sheet = Data()
sheet.reserveCapacity(Int(entry.uncompressedSize))
_ = try measure("ZIPFoundation extract of the sheet (\(entry.uncompressedSize / 1_000_000) MB), CRC checked") {
    try archive.extract(entry, skipCRC32: false) { sheet.append($0) }
}
_ = try measure("ZIPFoundation extract of the sheet, CRC skipped") {
    try archive.extract(entry, skipCRC32: true) { _ in }
}

// 2. Foundation's XMLParser (libxml2 SAX underneath): every element and text run, nothing kept.
final class Counter: NSObject, XMLParserDelegate {
    var elements = 0, characters = 0
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) { elements += 1 }
    func parser(_ parser: XMLParser, foundCharacters string: String) { characters += string.utf8.count }
}
let counter = Counter()
_ = measure("XMLParser over the sheet (elements and text counted)") {
    let parser = XMLParser(data: sheet)
    parser.delegate = counter
    return parser.parse()
}
log("  \(counter.elements) elements")

// 3. XMLCoder: decodes a whole document into values; only a slice of the rows, or memory runs out.
struct Worksheet: Decodable { let sheetData: SheetData }
struct SheetData: Decodable { let row: [Row] }
struct Row: Decodable { let r: String; let c: [Cell]? }
struct Cell: Decodable { let r: String?; let t: String?; let s: String?; let v: String? }
let text = String(decoding: sheet, as: UTF8.self)
var cut = text.startIndex
var rows = 0
var search = text.startIndex
while rows < rowsForXMLCoder, let end = text.range(of: "</row>", range: search..<text.endIndex) { rows += 1; cut = end.upperBound; search = end.upperBound }
// From <sheetData> on, inside a bare <worksheet> (the part's own prologue holds elements the types above do not model).
let dataStart = text.range(of: "<sheetData>")!.lowerBound
let slice = "<worksheet>" + String(text[dataStart..<cut]) + "</sheetData></worksheet>"
do {
    let decoded = try measure("XMLCoder decode of the first \(rows) rows") {
        try XMLDecoder().decode(Worksheet.self, from: Data(slice.utf8))
    }
    log("  \(decoded.sheetData.row.count) rows decoded")
} catch {
    log("XMLCoder failed: \(error)")
}
