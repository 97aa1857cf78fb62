import ChiSoCore
import ChiSoMetrics

extension HTMLRenderer {
    /// The document's own print rules: A4 pages with the report's title as a running header and
    /// "Trang N/M" ("Page N of M") with the data's date as a running footer, in the page margins
    /// (CSS margin boxes, so no script and no browser header is needed).
    package static func pageRules(for document: ReportDocument) -> String {
        let vi = document.language == .vi
        let title = cssString(document.title)
        let page = vi ? "\"Trang \" counter(page) \"/\" counter(pages)" : "\"Page \" counter(page) \" of \" counter(pages)"
        var footer = "\"ChiSo\""
        if let date = document.footer.sources.map(\.ingestDate).max(), !date.isEmpty {
            footer = cssString(vi ? "ChiSo · số liệu đến ngày \(date)" : "ChiSo · data as of \(date)")
        }
        let box = "font-family: system-ui, sans-serif; font-size: 8pt; color: #57606a;"
        return """
        @page { size: A4; margin: 16mm 14mm 15mm;
          @top-left { content: \(title); \(box) }
          @bottom-left { content: \(footer); \(box) }
          @bottom-right { content: \(page); \(box) }
        }

        """
    }

    /// A CSS string literal: quotes, backslashes and "<" escaped, so no text can end the rule or the
    /// style element.
    package static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<": out += "\\3C "
            case ">": out += "\\3E "
            case "\n", "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
