import Foundation
import Testing

@Suite("chiso report")
struct ReportCommandTests {
    let db = CLI.bundledDatabase.path

    func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test("Markdown with -o writes the charts to a folder named after the file; stale charts are removed")
    func markdownWithCharts() throws {
        let dir = try CLI.temporaryDirectory()
        let folder = dir.appendingPathComponent("reports/phu-yen-2021")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "old".write(to: folder.appendingPathComponent("99-stale.svg"), atomically: true, encoding: .utf8)
        try "keep".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["report", "province", "--province", "Phú Yên", "--year", "2021", "-o", "reports/phu-yen-2021.md", "--db", db], cwd: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // Seven charts and the map.
        #expect(result.stderr == "wrote reports/phu-yen-2021.md and 8 charts in reports/phu-yen-2021/\n")
        let markdown = try read(dir.appendingPathComponent("reports/phu-yen-2021.md"))
        let svgs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(svgs.count == 8)
        #expect(!svgs.contains("99-stale.svg"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.txt").path))
        for svg in svgs { #expect(markdown.contains("](phu-yen-2021/\(svg))"), "\(svg) is not linked") }
        #expect(markdown.hasPrefix("# Phú Yên: các chỉ số cấp tỉnh năm 2021\n"))
    }

    @Test("HTML goes to stdout without -o; the same database gives the same bytes in another process")
    func htmlIsDeterministic() throws {
        let arguments = ["report", "compare", "--provinces", "Phú Yên, Binh Dinh ,56", "--index", "pci,PAPI", "--lang", "en", "--db", db]
        let first = try CLI.run(arguments)
        let second = try CLI.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.isEmpty)
        #expect(first.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(first.stdout.contains("<title>PCI and PAPI compared: Phú Yên, Bình Định and Khánh Hòa</title>"))
        #expect(first.stdout.utf8.elementsEqual(second.stdout.utf8))
        #expect(!first.stdout.contains("Generated"))
    }

    @Test("--format follows the extension of -o unless given; --stamp prints the generation time")
    func formatAndStamp() throws {
        let dir = try CLI.temporaryDirectory()
        let result = try CLI.run(["report", "index", "--index", "dti", "--year", "2022", "-o", "dti.html", "--stamp", "--db", db], cwd: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try read(dir.appendingPathComponent("dti.html"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Tạo lúc 2025-11-25T00:00:00Z."))  // SOURCE_DATE_EPOCH of the test runner
        let md = try CLI.run(["report", "index", "--index", "DTI", "--year", "2022", "--format", "md", "--db", db])
        #expect(md.stdout.hasPrefix("# DTI 2022: bảng xếp hạng các tỉnh, thành phố\n"))
        // Markdown to stdout links no chart file (none is written): the two charts and the map are inline SVG.
        #expect(!md.stdout.contains("](charts/") && !md.stdout.contains(".svg)"))
        #expect(md.stdout.components(separatedBy: "<svg ").count - 1 == 3)
        #expect(md.stdout.contains("class=\"choropleth\""))
        #expect(!md.stdout.contains("<svg ") || !md.stdout.components(separatedBy: "<svg ")[1].components(separatedBy: "</svg>")[0].contains("\n\n"))
        #expect(md.stderr.isEmpty)
    }

    @Test("a whole traditional region can be compared")
    func subregion() throws {
        let result = try CLI.run(["report", "compare", "--subregion", "south-central-coast", "--index", "PCI", "--format", "md", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("# So sánh PCI: các tỉnh, thành phố Duyên hải Nam Trung Bộ\n"))
        for name in ["Bình Định", "Bình Thuận", "Đà Nẵng", "Khánh Hòa", "Ninh Thuận", "Phú Yên", "Quảng Nam", "Quảng Ngãi"] {
            #expect(result.stdout.contains("| \(name) |"), "\(name)")
        }
    }

    @Test("mistakes are reported on stderr with what to do, and the right exit status", arguments: [
        (["report", "index", "--index", "XYZ", "--year", "2022"], Int32(1), "error: no XYZ data in"),
        (["report", "index", "--index", "DTI", "--year", "1999"], Int32(1), "error: no DTI 1999 in"),
        (["report", "province", "--province", "Atlantis", "--year", "2021"], Int32(1), "error: "),
        (["report", "province", "--province", "Phú Yên", "--year", "2030"], Int32(1), "figures for Phú Yên"),
        (["report", "compare", "--index", "PCI"], Int32(2), "exactly one of --provinces, --region or --subregion"),
        (["report", "province", "--province", "Phú Yên", "--year", "2021", "--format", "md", "-o", "report"], Int32(2), "give the Markdown file an extension"),
        (["report", "index", "--index", "DTI", "--year", "2022", "--movers", "0"], Int32(2), "--movers 0"),
    ])
    func errors(arguments: [String], status: Int32, message: String) throws {
        let result = try CLI.run(arguments + ["--db", db])
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("chiso build makes the standard reports listed in chiso.yml, one page per language")
    func standardReports() throws {
        let dir = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("nb"), withIntermediateDirectories: true)
        try """
            out: site
            notebooks: nb
            formats: [html]
            source_date: 2026-11-25
            reports:
              - {kind: index, index: DTI, year: 2022, lang: [vi, en], name: boards/dti-2022}
            """.write(to: dir.appendingPathComponent("chiso.yml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["build", "--config", dir.appendingPathComponent("chiso.yml").path])
        #expect(result.status == 0, "\(result.stderr)")
        let en = try read(dir.appendingPathComponent("site/boards/dti-2022.en.html"))
        #expect(en.contains("<title>DTI 2022: provincial leaderboard</title>"))
        #expect(en.contains("<td>2025-11-25</td>"))  // the runner's SOURCE_DATE_EPOCH wins over source_date
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/boards/dti-2022.vi.html").path))
        #expect(try read(dir.appendingPathComponent("site/index.html")).contains("href=\"boards/dti-2022.en.html\""))
    }

    @Test("a wrong report entry in chiso.yml fails the build and says which setting", arguments: [
        ("{kind: index, index: DTI, year: 2022, name: x, colour: red}", "error: chiso.yml: report x: unknown setting \"colour\""),
        ("{kind: index, index: DTI, year: 2022}", "error: chiso.yml: a report: give it a name"),
        ("{kind: chart, name: x}", "error: chiso.yml: report x: kind must be one of province, index, compare"),
        ("{kind: index, index: DTI, year: 1999, name: x}", "error: chiso.yml: report x: no DTI 1999 in"),
        ("{kind: province, province: Phú Yên, year: 2021, lang: fr, name: x}", "error: chiso.yml: report x: lang \"fr\" is not vi or en"),
        ("{kind: compare, subregion: mars, name: x}", "error: chiso.yml: report x: subregion \"mars\" is not one of"),
    ])
    func badReportEntry(entry: String, message: String) throws {
        let dir = try CLI.temporaryDirectory()
        try "out: site\nnotebooks: nb\nsource_date: 2026-11-25\nreports:\n  - \(entry)\n".write(to: dir.appendingPathComponent("chiso.yml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["build", "--config", dir.appendingPathComponent("chiso.yml").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("site").path))
    }
}
