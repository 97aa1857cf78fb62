import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Small readers of our own output, for assertions.
enum MarkupChecks {
    /// All values of `attribute` on `<element ...>` tags, in order.
    static func attributeValues(_ attribute: String, of element: String, in text: String) -> [String] {
        var values: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "<\(element) ") {
            let tagEnd = rest[open.upperBound...].firstIndex(of: ">") ?? rest.endIndex
            let tag = rest[open.upperBound..<tagEnd]
            if let a = tag.range(of: " \(attribute)=\"") ?? (tag.hasPrefix("\(attribute)=\"") ? tag.range(of: "\(attribute)=\"") : nil),
               let close = tag[a.upperBound...].firstIndex(of: "\"") {
                values.append(String(tag[a.upperBound..<close]))
            }
            rest = rest[tagEnd...]
        }
        return values
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// `nil` when `xml` parses as XML, else the parser's error.
    static func xmlError(_ xml: String) -> String? {
        let parser = XMLParser(data: Data(xml.utf8))
        return parser.parse() ? nil : String(describing: parser.parserError)
    }

    /// Checks that the HTML's elements nest properly (void elements and self-closed SVG tags aside);
    /// returns the first problem.
    static func htmlNestingProblem(_ html: String) -> String? {
        let void: Set<String> = ["meta", "br", "img", "input", "link", "hr", "wbr", "source", "col"]
        var stack: [String] = []
        var rest = Substring(html)
        // Skip the style sheet: its text has no tags.
        if let s = rest.range(of: "<style>"), let e = rest.range(of: "</style>") {
            rest = Substring(String(rest[..<s.lowerBound]) + String(rest[e.upperBound...]))
        }
        while let lt = rest.firstIndex(of: "<") {
            guard let gt = rest[lt...].firstIndex(of: ">") else { return "unclosed tag" }
            let tag = rest[rest.index(after: lt)..<gt]
            rest = rest[rest.index(after: gt)...]
            if tag.hasPrefix("!") { continue }
            let closing = tag.hasPrefix("/")
            let name = String((closing ? tag.dropFirst() : tag).prefix { $0.isLetter || $0.isNumber }).lowercased()
            if name.isEmpty { return "bad tag <\(tag)>" }
            if closing {
                guard stack.last == name else { return "</\(name)> closes <\(stack.last ?? "nothing")>" }
                stack.removeLast()
            } else if !void.contains(name) && !tag.hasSuffix("/") {
                stack.append(name)
            }
        }
        return stack.isEmpty ? nil : "unclosed <\(stack.joined(separator: "> <"))>"
    }
}
