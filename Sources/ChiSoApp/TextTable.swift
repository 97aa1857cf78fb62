import ChiSoCore
import ChiSoCSV
import ChiSoReport
import Foundation

/// Plain text columns, padded by characters (Vietnamese letters are one character each once NFC).
package enum TextTable {
    package static func render(headers: [String], rows: [[String]], rightAligned: [Bool]) -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.indices.map { i in
                let pad = String(repeating: " ", count: widths[i] - cells[i].count)
                return rightAligned[i] ? pad + cells[i] : cells[i] + pad
            }.joined(separator: "  ").trimmingTrailingWhitespace + "\n"
        }
        var out = line(headers)
        out += line(widths.map { String(repeating: "-", count: $0) })
        for row in rows { out += line(row) }
        return out
    }
}
