import ChiSoCore
import ChiSoMetrics

/// The renderers' own words (figure numbers, footer headings, trend words) in each language.
package struct ReportStrings {
    package let language: Language

    package func figure(_ number: Int) -> String { language == .vi ? "Hình \(number)" : "Figure \(number)" }
    package func chartData(_ number: Int) -> String { language == .vi ? "Số liệu của hình \(number)" : "Data for figure \(number)" }
    package var sourcesHeading: String { language == .vi ? "Nguồn dữ liệu" : "Data sources" }
    package var caveatsHeading: String { language == .vi ? "Lưu ý về số liệu" : "Caveats" }
    package var fileColumn: String { language == .vi ? "Tệp" : "File" }
    package var originColumn: String { language == .vi ? "Nguồn gốc" : "Origin" }
    package var hashColumn: String { "SHA-256" }
    package var ingestColumn: String { language == .vi ? "Ngày nạp" : "Ingested" }
    package var sourcesCaption: String { language == .vi ? "Các tệp dữ liệu dùng trong báo cáo" : "Data files used in this report" }
    package var caveatNote: String { language == .vi ? "Lưu ý" : "Caveat" }
    package var infoNote: String { language == .vi ? "Ghi chú" : "Note" }

    package func note(_ kind: ReportBlock.NoteKind) -> String { kind == .caveat ? caveatNote : infoNote }
    /// Above a table with many years: it scrolls sideways and opens on the latest years.
    package var scrollHint: String {
        language == .vi ? "Bảng cuộn ngang: mở ra ở các năm gần nhất; các năm trước ở bên trái." : "This table scrolls sideways: it opens on the latest years; earlier years are to the left."
    }

    package func trend(_ trend: ReportBlock.Trend) -> String {
        switch (trend, language) {
        case (.up, .vi): return "tăng"
        case (.down, .vi): return "giảm"
        case (.flat, .vi): return "không đổi"
        case (.up, .en): return "up"
        case (.down, .en): return "down"
        case (.flat, .en): return "unchanged"
        }
    }

    package static func arrow(_ trend: ReportBlock.Trend) -> String {
        switch trend {
        case .up: return "▲"
        case .down: return "▼"
        case .flat: return "■"
        }
    }
}
