import Foundation
import Testing
import ChiSoKit

/// The compiled-in table must say what the bundled source CSVs say, so the two can never drift apart.
@Suite struct ProvinceTableTests {
    private let registry = ProvinceRegistry.standard

    /// `datasets/provinces/<name>` of this package, found from this file's path (Tests/ChiSoKitTests/Provinces).
    private static func rows(_ name: String) throws -> [[String: String]] {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("datasets/provinces/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        // These files have no quoted fields; a quote would mean this little reader is no longer enough.
        #expect(!text.contains("\""), "\(name) has quoted fields")
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return try lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(cells.count == header.count, "\(name): \(line)")
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }

    @Test func the63AgreeWithProvinces63CSV() throws {
        let rows = try Self.rows("provinces_63.csv")
        #expect(rows.count == 63)
        let table = registry.all.filter { $0.validTo == Day(year: 2025, month: 6, day: 30) }
        #expect(table.map(\.id) == rows.map { $0["province_code"]! })
        for row in rows {
            let code = row["province_code"]!
            let province = try #require(registry.province(id: code))
            #expect(province.code == code)
            #expect(province.name == row["province_name"])
            #expect(province.asciiName == row["province_name_ascii"])
            #expect(province.officialName == row["official_name_in_source"])
            #expect(province.isCentralCity == (row["unit_type"] == "thành phố trực thuộc trung ương"), "\(code)")
            let successor = try #require(registry.successors(of: province).first)
            #expect(province.successorIDs == [successor.id])
            #expect(successor.code == row["new_province_code_2025"], "\(code)")
            #expect(successor.name == row["new_province_name_2025"], "\(code)")
            #expect(successor.officialName == row["new_official_name_2025"], "\(code)")
            #expect((successor.predecessorIDs.count > 1) == (row["merged_2025"] == "yes"), "\(code)")
        }
    }

    @Test func the34AgreeWithProvinces34CSV() throws {
        let rows = try Self.rows("provinces_34_2025.csv")
        #expect(rows.count == 34)
        let table = registry.all.filter { $0.validFrom == Day(year: 2025, month: 7, day: 1) }
        #expect(table.map(\.code) == rows.map { $0["new_province_code_2025"]! })
        for row in rows {
            let code = row["new_province_code_2025"]!
            let unit = try #require(registry.province(id: "2025-\(code)"))
            #expect(unit.code == code)
            #expect(unit.name == row["new_province_name_2025"])
            #expect(unit.officialName == row["new_official_name_2025"])
            #expect(unit.isCentralCity == (row["unit_type"] == "thành phố trực thuộc trung ương"), "\(code)")
            #expect(unit.predecessorIDs == row["old_province_codes"]!.split(separator: ";").map(String.init))
            #expect(registry.predecessors(of: unit).map(\.name) == row["old_province_names"]!.split(separator: ";").map(String.init))
            #expect(unit.predecessorIDs.count == Int(row["n_old_provinces"]!))
        }
    }
}
