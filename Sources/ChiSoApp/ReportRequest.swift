import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import ChiSoMetrics
import ChiSoNotebook
import ChiSoReport
import ChiSoStore
import Foundation

/// One report to make, from `chiso report …` or from a `reports:` entry of chiso.yml: fetches the
/// values from the store and hands them to the report builders.
package struct ReportRequest {
    package enum Kind: String, CaseIterable {
        case province, index, compare
    }

    package var kind: Kind
    package var language: Language = .vi
    /// province: the province's name or code.
    package var province: String?
    /// province and index: the edition.
    package var year: Int?
    /// Comma-separated index codes (one for `index`); nil = every index in the store.
    package var indexes: String?
    /// compare: comma-separated names or codes, or a whole region or sub-region.
    package var provinces: String?
    package var region: Region?
    package var subregion: Subregion?
    /// index: risers and fallers shown each way.
    package var movers = 5

    package func document(store: ChiSoStore, generatedAt: String?) throws -> ReportDocument {
        switch kind {
        case .province: return try provinceReport(store, generatedAt)
        case .index: return try indexReport(store, generatedAt)
        case .compare: return try comparison(store, generatedAt)
        }
    }

    private func provinceReport(_ store: ChiSoStore, _ generatedAt: String?) throws -> ReportDocument {
        guard let province, let year else { throw UseCaseError("error: a province report needs a province and a year", kind: .usage) }
        let registry = ProvinceRegistry.standard
        let candidates = try registry.candidates(province, fallbackDay: Day(year: year, month: 1, day: 1))
        let codes = try Self.indexCodes(indexes, in: store)
        let entries = try codes.flatMap { try store.fetchEntries(index: $0, year: year) }
        // A name can denote a pre-2025 province and a post-2025 unit: take the one the editions rank.
        guard let chosen = candidates.first(where: { p in entries.contains { $0.provinceID == p.id } }) else {
            let resolved = (try? registry.resolve(province, on: Day(year: year, month: 1, day: 1))) ?? candidates[0]
            let shown = resolved.name
            // A province merged away (Hà Tây after 2008) is found under its successor.
            let hint = registry.mergerHint(for: resolved, year: year) ?? "see what it holds with `chiso ranks --index \(codes.first ?? "PCI")`"
            throw UseCaseError("error: the database has no \(codes.joined(separator: ", ")) \(year) figures for \(shown); \(hint)")
        }
        var histories = try codes.map { try Self.history($0, componentsOf: [chosen.id], store) }
        // Every other province's components of the year: the national median and the best province.
        for i in histories.indices {
            histories[i].components += try store.fetchComponents(index: histories[i].index, year: year).filter { $0.provinceID != chosen.id }
        }
        // The procedures section appears only when the store has dossier figures for the province and year.
        var procedures = ProcedureSummary.make(
            provinceID: chosen.id, year: year,
            provinceRollups: try store.fetchRollups(grain: .province, provinceID: chosen.id, years: (year - 1)...year),
            unitRollups: try store.fetchRollups(grain: .unit, provinceID: chosen.id, years: year...year))
        // Every file whose numbers the section prints goes in the footer.
        procedures?.sourceFiles = try store.fetchRollupSourceFiles(provinceID: chosen.id, years: (year - 1)...year)
        return ProvinceReport.make(provinceID: chosen.id, year: year, indexes: histories, sources: try store.fetchSources(),
                                   procedures: procedures, language: language, registry: registry, generatedAt: generatedAt,
                                   serviceIndex: try ServiceIndexQuery.reportRows(provinceID: chosen.id, year: year, store: store))
    }

    private func indexReport(_ store: ChiSoStore, _ generatedAt: String?) throws -> ReportDocument {
        guard let year, let code = try Self.indexCodes(indexes, in: store).first, indexes != nil else {
            throw UseCaseError("error: an index report needs an index and a year", kind: .usage)
        }
        let history = try Self.history(code, componentsOf: nil, store)
        guard history.years.contains(year) else {
            throw UseCaseError("error: no \(code) \(year) in \(store.path); editions there: \(history.years.map(String.init).joined(separator: ", "))")
        }
        return IndexReport.make(history: history, year: year, sources: try store.fetchSources(), language: language,
                                moversLimit: movers, generatedAt: generatedAt)
    }

    private func comparison(_ store: ChiSoStore, _ generatedAt: String?) throws -> ReportDocument {
        let registry = ProvinceRegistry.standard
        var (ids, group, histories) = try comparisonMembers(store, registry)
        for i in histories.indices { histories[i].components = try store.fetchComponents(index: histories[i].index, provinceIDs: ids) }
        return ComparisonReport.make(provinceIDs: ids, group: group, indexes: histories, sources: try store.fetchSources(),
                                     language: language, registry: registry, generatedAt: generatedAt)
    }

    /// The comparison's tables as data (`report compare --format csv|json`): the research panel of
    /// its provinces and indexes, one row per province and year.
    package func comparisonPanel(store: ChiSoStore) throws -> ResearchPanel {
        let (ids, _, histories) = try comparisonMembers(store, .standard)
        return try ResearchPanel.make(store: store, indexes: histories.map(\.index), provinceIDs: Set(ids))
    }

    /// The provinces a comparison shows, how they were chosen, and the indexes' histories.
    private func comparisonMembers(_ store: ChiSoStore, _ registry: ProvinceRegistry) throws
        -> (ids: [String], group: ComparisonReport.Group, histories: [IndexHistory]) {
        let codes = try Self.indexCodes(indexes, in: store)
        let histories = try codes.map { try Self.history($0, componentsOf: nil, store) }
        // The 63 provinces of 2024, before the 2025 reorganisation: the units every edition until then ranked.
        let before2025 = Day(year: 2025, month: 6, day: 30)
        func members(_ keep: (Province) -> Bool) -> [String] {
            registry.provinces(validOn: before2025).filter(keep).sorted { VietnameseCollation.areInIncreasingOrder($0.name, $1.name) }.map(\.id)
        }
        var ids: [String] = []
        var group = ComparisonReport.Group.listed
        if let region {
            ids = members { $0.region == region }
            group = .region(region)
        } else if let subregion {
            ids = members { $0.subregion == subregion }
            group = .subregion(subregion)
        } else if let provinces {
            for name in provinces.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                let candidates = try registry.candidates(name, fallbackDay: before2025)
                // A name of a pre-2025 province and of a 2025 unit: the one with more figures in these indexes.
                let counts = candidates.map { p in histories.map { h in h.entries.filter { $0.provinceID == p.id }.count }.reduce(0, +) }
                let best = candidates.indices.max { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 > $1 }!
                if !ids.contains(candidates[best].id) { ids.append(candidates[best].id) }
            }
        }
        guard !ids.isEmpty else {
            throw UseCaseError("error: name the provinces to compare, e.g. --provinces \"Phú Yên,Bình Định\" or --subregion south-central-coast", kind: .usage)
        }
        return (ids, group, histories)
    }

    /// Index codes from a comma-separated list, upper-cased, each of them in the store; all of them when nil.
    package static func indexCodes(_ list: String?, in store: ChiSoStore) throws -> [String] {
        let known = IndexCatalog.sorted(try store.fetchIndexes())
        guard let list else { return known }
        let codes = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        if let unknown = codes.first(where: { !known.contains($0) }) {
            throw UseCaseError("error: no \(unknown) data in \(store.path); indexes there: \(known.isEmpty ? "none (run `chiso ingest`)" : known.joined(separator: ", "))")
        }
        var seen = Set<String>()
        return codes.filter { seen.insert($0).inserted }
    }

    /// Every edition of `index`, with the components of `provinceIDs`.
    package static func history(_ index: String, componentsOf provinceIDs: [String]?, _ store: ChiSoStore) throws -> IndexHistory {
        let components = try provinceIDs.map { try store.fetchComponents(index: index, provinceIDs: $0) } ?? []
        return IndexHistory(index: index, entries: try store.fetchEntriesForChanges(index: index), editions: try store.fetchEditions(index: index),
                            components: components)
    }

    package init(kind: Kind, language: Language = .vi, province: String? = nil, year: Int? = nil, indexes: String? = nil, provinces: String? = nil, region: Region? = nil, subregion: Subregion? = nil, movers: Int = 5) {
        self.kind = kind; self.language = language; self.province = province; self.year = year; self.indexes = indexes; self.provinces = provinces; self.region = region; self.subregion = subregion; self.movers = movers
    }
}

/// The standard reports `chiso.yml` can list under `reports:`, one map of settings each:
///
///     - {kind: province, province: Phú Yên, year: 2021, lang: [vi, en], name: phu-yen-2021}
///     - {kind: index, index: DTI, year: 2022, name: dti-2022}
///     - {kind: compare, subregion: south-central-coast, index: [PCI, PAPI], name: south-central-coast}
///
/// `name` is the page's path in the output folder without extension; with several languages each
/// page gets the language too (`phu-yen-2021.vi`, `phu-yen-2021.en`).
package enum StandardReports {
    package static let settings = ["kind", "name", "lang", "province", "year", "index", "provinces", "region", "subregion", "movers"]

    package static func make(store: ChiSoStore) -> (([String: String]) throws -> [(name: String, document: ReportDocument)])? {
        { entry in
            let label = entry["name"].map { "report \($0)" } ?? "a report"
            func fail(_ message: String) -> UseCaseError { UseCaseError("error: chiso.yml: \(label): \(message)") }
            if let unknown = entry.keys.sorted().first(where: { !settings.contains($0) }) {
                throw fail("unknown setting \"\(unknown)\"; the settings are \(settings.joined(separator: ", "))")
            }
            guard let name = entry["name"], !name.isEmpty else { throw fail("give it a name: its path in the output folder, e.g. name: phu-yen-2021") }
            guard let kind = entry["kind"].flatMap(ReportRequest.Kind.init(rawValue:)) else {
                throw fail("kind must be one of \(ReportRequest.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var request = ReportRequest(kind: kind)
            request.province = entry["province"]
            request.indexes = entry["index"]
            request.provinces = entry["provinces"]
            if let year = entry["year"] {
                guard let y = Int(year) else { throw fail("year \"\(year)\" is not a year") }
                request.year = y
            }
            if let movers = entry["movers"] {
                guard let n = Int(movers), n >= 1 else { throw fail("movers \"\(movers)\" is not a number of 1 or more") }
                request.movers = n
            }
            if let region = entry["region"] {
                guard let r = Region(rawValue: region) else { throw fail("region \"\(region)\" is not one of \(Region.allCases.map(\.rawValue).joined(separator: ", "))") }
                request.region = r
            }
            if let subregion = entry["subregion"] {
                guard let r = Subregion(rawValue: subregion) else { throw fail("subregion \"\(subregion)\" is not one of \(Subregion.allCases.map(\.rawValue).joined(separator: ", "))") }
                request.subregion = r
            }
            let languages = try (entry["lang"] ?? "vi").split(separator: ",").map { code -> Language in
                let trimmed = code.trimmingCharacters(in: .whitespaces)
                guard let language = Language(rawValue: trimmed) else { throw fail("lang \"\(trimmed)\" is not vi or en") }
                return language
            }
            return try languages.map { language in
                var r = request
                r.language = language
                do {
                    return (languages.count > 1 ? "\(name).\(language.rawValue)" : name, try r.document(store: store, generatedAt: nil))
                } catch let error as UseCaseError {
                    throw fail(error.message.hasPrefix("error: ") ? String(error.message.dropFirst(7)) : error.message)
                }
            }
        }
    }
}
