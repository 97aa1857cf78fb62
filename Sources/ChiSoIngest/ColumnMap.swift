import ChiSoCore

/// A field that a file's header can name: its key (`province_code`, which `--column` takes too) and
/// the English and Vietnamese headers that name it, compared after `HeaderKey.normalize` (case,
/// diacritics, `_` and `-` do not matter).
package protocol HeaderField: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    var aliases: [String] { get }
    /// A normalised header without the qualifiers a kind of file allows around a field's name
    /// ("Điểm PCI 2022" → "diem pci"); the identity by default.
    static func canonicalKey(_ key: String) -> String
}

extension HeaderField {
    package static func canonicalKey(_ key: String) -> String { key }

    /// The headers to list in a message about a missing `field`: all of them in the file's order when
    /// there are at most `limit`; else the `limit` closest to its names, closest first, and how many more.
    package static func closest(_ header: [String], to field: Self, limit: Int = 10) -> [String] {
        guard header.count > limit else { return header }
        let names = [field.rawValue.replacingOccurrences(of: "_", with: " ")] + field.aliases
        let ranked = header.enumerated().filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }.map { (i, h) -> (Int, Int, String) in
            let key = canonicalKey(HeaderKey.normalize(h))
            let d = names.map { name in key.contains(name) || name.contains(key) ? abs(key.count - name.count) / 4 : ProvinceRegistry.distance(key, name) }.min() ?? 0
            return (d, i, h)
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        let shown = ranked.prefix(limit).map(\.2)
        return ranked.count > limit ? shown + ["… \(ranked.count - limit) more"] : shown
    }

    /// Whether a normalised header names this field: its key written with spaces, or an alias.
    package func isNamed(by key: String) -> Bool {
        rawValue.replacingOccurrences(of: "_", with: " ") == key || aliases.contains(key)
    }

    /// The field a normalised header names, if any.
    package static func named(by key: String) -> Self? { allCases.first { $0.isNamed(by: key) } }
}

/// Which column holds which field, worked out from a header and the `--column FIELD=HEADER`
/// mappings with one set of rules for every kind of file (rankings, statistics, dossier logs):
///
/// - a mapping wins over the usual headers; a mapping that names no header of the file, or no field
///   of the kind, is an error;
/// - the same header twice is an error (which of the two would be read?);
/// - two headers that both name one field ("score" and "Điểm") are an error, never a silent choice:
///   the user says which with `--column`;
/// - `component.KEY` headers are components, for kinds that have them (rankings).
package struct ColumnMap<Field: HeaderField> {
    package var header: [String]
    package var index: [Field: Int] = [:]
    /// `component.KEY` columns in header order (and those mapped with `--column component.KEY=…`).
    package var components: [(key: String, column: Int)] = []
    /// Headers no field claimed.
    package var ignored: [String] = []

    package subscript(field: Field) -> Int? { index[field] }

    /// Resolves `header` (found on line `line` of `file`). The problems come back as diagnostics,
    /// so a caller can add its own (a required field missing) and report them all at once.
    package static func resolve(header: [String], mappings: [String: String], file: String, line: Int,
                                acceptsComponents: Bool = false) -> (columns: ColumnMap, problems: [Diagnostic]) {
        var result = ColumnMap(header: header)
        var problems: [Diagnostic] = []
        func at(_ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column + 1) }
        let keys = header.map(HeaderKey.normalize)
        // Wide workbooks repeat headers of columns ChiSo does not read: a repeat is an error only for a column it reads.
        var seen: [String: Int] = [:]
        var repeats: [(column: Int, first: Int)] = []
        for (i, key) in keys.enumerated() where !key.isEmpty {
            if let first = seen[key] { repeats.append((i, first)) } else { seen[key] = i }
        }
        let fieldKeys = keys.map(Field.canonicalKey)
        var claimed = Set<Int>()
        for (name, wanted) in mappings.sorted(by: { $0.key < $1.key }) {
            guard let column = keys.firstIndex(of: HeaderKey.normalize(wanted)) else {
                problems.append(Diagnostic(at(0), .missingColumn(field: "\"\(wanted)\"", found: header,
                                                                 advice: "check the header named in --column \(name)=\(wanted)")))
                continue
            }
            if acceptsComponents, name.hasPrefix("component.") {
                result.components.append((String(name.dropFirst("component.".count)), column))
            } else if let field = Field(rawValue: name) {
                result.index[field] = column
            } else {
                let fields = Field.allCases.map(\.rawValue) + (acceptsComponents ? ["component.KEY"] : [])
                problems.append(Diagnostic(at(0), .unknownColumnMapping("\(name)=\(wanted)", fields: fields)))
                continue
            }
            claimed.insert(column)
        }
        // Fields found by their usual headers; a field mapped with --column is not looked for.
        var byHeader: [Field: Int] = [:]
        for (i, key) in keys.enumerated() where !claimed.contains(i) && !key.isEmpty && seen[key] == i {
            if acceptsComponents, let prefix = HeaderKey.componentPrefixes.first(where: { key.hasPrefix($0) }) {
                let raw = header[i].trimmingCharacters(in: .whitespaces)
                result.components.append((String(raw.dropFirst(prefix.count)), i))
            } else if let field = Field.named(by: fieldKeys[i]), mappings[field.rawValue] == nil {
                if let first = byHeader[field] {
                    // "score" and "Điểm": taking either silently could load the wrong numbers.
                    problems.append(Diagnostic(at(i), .sameField(field: field.rawValue, header: header[i],
                                                                 otherHeader: header[first], otherColumn: first + 1)))
                } else {
                    byHeader[field] = i
                    result.index[field] = i
                }
            } else {
                result.ignored.append(header[i])
            }
        }
        let read = Set(result.index.values).union(result.components.map(\.column))
        for (column, first) in repeats where read.contains(first) {
            problems.append(Diagnostic(at(column), .duplicateColumn(header: header[column], firstColumn: first + 1)))
        }
        return (result, problems)
    }

    /// The file's headers closest to `field` (at most ten).
    package func closest(_ field: Field) -> [String] { Field.closest(header, to: field) }

    /// A diagnostic for each group of which no field has a column (`[[.provinceCode, .province]]`:
    /// a code or a name), with `advice` for the group's first field.
    package func missing(_ required: [[Field]], file: String, line: Int, advice: (Field) -> String) -> [Diagnostic] {
        required.filter { group in !group.contains { index[$0] != nil } }.map { group in
            Diagnostic(SourceLocation(file: file, line: line, column: 1),
                       .missingColumn(field: group.map(\.rawValue).joined(separator: " or "), found: closest(group[0]), advice: advice(group[0])))
        }
    }
}
