import ChiSoCore

/// Provinces as output rows (`chiso provinces`), with the keys JSON users rely on.
package enum ProvinceRows {
    package static func table(_ provinces: [Province], _ language: Language, _ registry: ProvinceRegistry) -> OutputTable {
        let vi = language == .vi
        func names(_ ids: [String]) -> [String] { ids.compactMap { registry.province(id: $0) }.map { p in p.code.map { "\(p.name) (\($0))" } ?? p.name } }
        return OutputTable(
            keys: ["id", "code", "name", "official_name", "name_ascii", "region", "valid_from", "valid_to", "predecessors", "successors"],
            headers: vi ? ["Khoá", "Mã", "Tên", "Tên chính thức", "Không dấu", "Vùng", "Từ", "Đến", "Tiền thân", "Kế thừa"]
                : ["Key", "Code", "Name", "Official name", "ASCII", "Region", "From", "To", "Predecessors", "Successors"],
            rows: provinces.map { p in
                [.text(p.id), p.code.map(OutputValue.text) ?? .null, .text(p.name), .text(p.officialName), .text(p.asciiName),
                 .text(vi ? p.region.vietnameseName : p.region.englishName),
                 p.validFrom.map { .text($0.description) } ?? .null, p.validTo.map { .text($0.description) } ?? .null,
                 .list(names(p.predecessorIDs)), .list(names(p.successorIDs))]
            })
    }
}
