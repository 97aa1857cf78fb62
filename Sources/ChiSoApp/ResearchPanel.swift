import ChiSoCore
import ChiSoMetrics
import ChiSoReport
import ChiSoStore

/// The province-year panel researchers load into pandas or R: one row per province and year, each
/// province by its stable id, with every chosen index's score, rank, field size, change and caveats.
///
/// An index of the 34 units of 2025 (`DTI-34`) shares its base index's columns (`dti_…`): its rows
/// are those of the 2025 units (ids `2025-…`), and `dti_of` (34) says which field they were ranked in.
package struct ResearchPanel {
    /// One province-year.
    package struct Row {
        package var province: Province?
        package var provinceID: String
        package var year: Int
        /// By column prefix (`pci`, `papi`, `dti`).
        package var cells: [String: Cell]
    }

    /// One index's figures for a province-year.
    package struct Cell {
        package var index: String
        package var change: RankChange
        package var components: [String: Double]
    }

    /// Column prefixes in press order (`pci`, `papi`, `dti`).
    package var prefixes: [String]
    /// Component keys per prefix, in the publisher's order (empty without `--components`).
    package var componentKeys: [String: [String]]
    package var rows: [Row]

    /// Reads the store and builds the panel.
    ///
    /// - Parameters:
    ///   - indexes: index codes as given (`PCI`, `dti`); a base index brings its 34-unit editions along.
    ///     `nil` means every index in the store.
    ///   - from, to: the first and last years kept (inclusive).
    ///   - provinceIDs: only these provinces (a comparison's); all when nil.
    package static func make(store: ChiSoStore, indexes: [String]?, from: Int? = nil, to: Int? = nil,
                             components: Bool = false, provinceIDs: Set<String>? = nil,
                             registry: ProvinceRegistry = .standard) throws -> ResearchPanel {
        if let from, let to, from > to {
            throw UseCaseError("error: --from \(from) is after --to \(to); give the first year, then the last", kind: .usage)
        }
        let known = try store.fetchIndexes()
        let wanted = try indexes.map { list -> [String] in
            let codes = list.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
            for code in codes where !known.contains(code) {
                throw UseCaseError("error: no \(code) data in \(store.path); indexes there: \(known.isEmpty ? "none (run `chiso ingest`)" : IndexCatalog.sorted(known).joined(separator: ", "))")
            }
            // Asking for DTI brings DTI-34 along: the same index on the units of 2025.
            return codes + known.filter { IndexCatalog.isUnits2025($0) && codes.contains(IndexCatalog.baseIndex($0)) }
        } ?? known
        let codes = IndexCatalog.sorted(Array(Set(wanted)))
        func inRange(_ year: Int) -> Bool { (from.map { year >= $0 } ?? true) && (to.map { year <= $0 } ?? true) }

        var cells: [String: [String: Cell]] = [:]   // "id|year" -> prefix -> cell
        var keys: [String: Set<String>] = [:]
        for code in codes {
            let prefix = Self.prefix(code)
            let calculator = RankChangeCalculator(index: code, entries: try store.fetchEntriesForChanges(index: code),
                                                  editions: try store.fetchEditions(index: code), registry: registry)
            var componentValues: [String: [String: Double]] = [:]
            if components {
                for value in try store.fetchComponents(index: code) where inRange(value.year) {
                    componentValues["\(value.provinceID)|\(value.year)", default: [:]][value.component] = value.value
                    keys[prefix, default: []].insert(value.component)
                }
            }
            for year in calculator.years where inRange(year) {
                for entry in calculator.entries(year: year) {
                    guard let change = calculator.change(provinceID: entry.provinceID, year: year) else { continue }
                    let key = "\(entry.provinceID)|\(year)"
                    cells[key, default: [:]][prefix] = Cell(index: code, change: change, components: componentValues[key] ?? [:])
                }
            }
            // Province-years with components but no score or rank (PAPI 2022 Bắc Giang: 4 of 8 dimensions).
            for (key, values) in componentValues where cells[key]?[prefix] == nil {
                let parts = key.split(separator: "|")
                guard let year = Int(parts[1]) else { continue }
                let id = String(parts[0])
                let of = calculator.edition(year)?.of ?? 0
                cells[key, default: [:]][prefix] = Cell(index: code, change: RankChange(index: code, year: year, provinceID: id, rank: nil, of: of),
                                                        components: values)
            }
        }
        if let provinceIDs { cells = cells.filter { provinceIDs.contains(String($0.key.split(separator: "|")[0])) } }
        let order = Dictionary(registry.all.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = cells.map { key, value -> Row in
            let parts = key.split(separator: "|")
            let id = String(parts[0])
            return Row(province: registry.province(id: id), provinceID: id, year: Int(parts[1])!, cells: value)
        }.sorted { a, b in
            let (oa, ob) = (order[a.provinceID] ?? Int.max, order[b.provinceID] ?? Int.max)
            return oa != ob ? oa < ob : (a.provinceID != b.provinceID ? a.provinceID < b.provinceID : a.year < b.year)
        }
        var prefixes: [String] = []
        for code in codes where !prefixes.contains(prefix(code)) { prefixes.append(prefix(code)) }
        let componentKeys = Dictionary(uniqueKeysWithValues: prefixes.map { p in
            (p, ComponentCatalog.ordered(Array(keys[p] ?? []), index: p.uppercased()))
        })
        return ResearchPanel(prefixes: prefixes, componentKeys: componentKeys, rows: rows)
    }

    /// The column prefix of an index: lower case, the 34-unit editions with their base index.
    package static func prefix(_ code: String) -> String {
        IndexCatalog.baseIndex(code).lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    /// The columns each index has, after the prefix and `_`.
    package static let indexColumns = ["score", "rank", "of", "rank_computed", "previous_year", "change", "score_change", "caveats"]

    /// Wide: one row per province-year, the indexes side by side.
    package func wideTable() -> OutputTable {
        var keys = ["province_id", "province_code", "province", "year"]
        for p in prefixes {
            keys += Self.indexColumns.map { "\(p)_\($0)" }
            keys += (componentKeys[p] ?? []).map { "\(p)_\($0)" }
        }
        let rows: [[OutputValue]] = rows.map { row in
            var out = Self.provinceValues(row)
            for p in prefixes {
                let cell = row.cells[p]
                out += Self.values(cell)
                out += (componentKeys[p] ?? []).map { key in Self.number(cell?.components[key]) }
            }
            return out
        }
        return OutputTable(keys: keys, headers: keys, rows: rows)
    }

    /// Long: one row per province, year and index.
    package func longTable() -> OutputTable {
        let allComponents = prefixes.flatMap { componentKeys[$0] ?? [] }
        var seen = Set<String>()
        let componentColumns = allComponents.filter { seen.insert($0).inserted }
        let keys = ["province_id", "province_code", "province", "year", "index"] + Self.indexColumns + componentColumns
        var out: [[OutputValue]] = []
        for row in rows {
            for p in prefixes {
                guard let cell = row.cells[p] else { continue }
                out.append(Self.provinceValues(row) + [.text(cell.index)] + Self.values(cell)
                           + componentColumns.map { Self.number(cell.components[$0]) })
            }
        }
        return OutputTable(keys: keys, headers: keys, rows: out)
    }

    private static func provinceValues(_ row: Row) -> [OutputValue] {
        [.text(row.provinceID), row.province?.code.map(OutputValue.text) ?? .null, .text(row.province?.name ?? row.provinceID), .int(row.year)]
    }

    private static func values(_ cell: Cell?) -> [OutputValue] {
        guard let cell else { return Array(repeating: .null, count: indexColumns.count) }
        let c = cell.change
        let hasFigure = c.rank != nil || c.score != nil
        var codes: [String] = []
        for code in c.caveats.map(\.code) where !codes.contains(code) { codes.append(code) }
        return [number(c.score), c.rank.map(OutputValue.int) ?? .null, hasFigure ? .int(c.of) : .null,
                c.rank == nil ? .null : .bool(c.rankComputed, display: c.rankComputed ? "true" : "false"),
                // Across the 2025 reorganisation the "previous year" is the predecessors' (caveat reorganisation_2025), not this unit's.
                codes.contains("reorganisation_2025") ? .null : c.previousYear.map(OutputValue.int) ?? .null, c.change.map(OutputValue.signed) ?? .null,
                number(c.scoreChange), .list(codes)]
    }

    private static func number(_ x: Double?) -> OutputValue {
        x.map { .number($0, display: JSONValue.number($0).serialized()) } ?? .null
    }
}
