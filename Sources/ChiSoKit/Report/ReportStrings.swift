/// The renderers' own words (figure numbers, footer headings, trend words) in each language.
struct ReportStrings {
    let language: Language

    func figure(_ number: Int) -> String { language == .vi ? "Hình \(number)" : "Figure \(number)" }
    func chartData(_ number: Int) -> String { language == .vi ? "Số liệu của hình \(number)" : "Data for figure \(number)" }
    var sourcesHeading: String { language == .vi ? "Nguồn dữ liệu" : "Data sources" }
    var caveatsHeading: String { language == .vi ? "Lưu ý về số liệu" : "Caveats" }
    var fileColumn: String { language == .vi ? "Tệp" : "File" }
    var originColumn: String { language == .vi ? "Nguồn gốc" : "Origin" }
    var hashColumn: String { "SHA-256" }
    var ingestColumn: String { language == .vi ? "Ngày nạp" : "Ingested" }
    var sourcesCaption: String { language == .vi ? "Các tệp dữ liệu dùng trong báo cáo" : "Data files used in this report" }
    var caveatNote: String { language == .vi ? "Lưu ý" : "Caveat" }
    var infoNote: String { language == .vi ? "Ghi chú" : "Note" }

    func note(_ kind: ReportBlock.NoteKind) -> String { kind == .caveat ? caveatNote : infoNote }

    func trend(_ trend: ReportBlock.Trend) -> String {
        switch (trend, language) {
        case (.up, .vi): return "tăng"
        case (.down, .vi): return "giảm"
        case (.flat, .vi): return "không đổi"
        case (.up, .en): return "up"
        case (.down, .en): return "down"
        case (.flat, .en): return "unchanged"
        }
    }

    static func arrow(_ trend: ReportBlock.Trend) -> String {
        switch trend {
        case .up: return "▲"
        case .down: return "▼"
        case .flat: return "■"
        }
    }
}
