import ChiSoCore

/// A field that a file's header can name: its key (`province_code`, which `--column` takes too) and
/// the English and Vietnamese headers that name it, compared after `HeaderKey.normalize` (case,
/// diacritics, `_` and `-` do not matter).
package protocol HeaderField: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    var aliases: [String] { get }
}

extension HeaderField {
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
        var seen: [String: Int] = [:]
        for (i, key) in keys.enumerated() where !key.isEmpty {
            if let first = seen[key] {
                problems.append(Diagnostic(at(i), .duplicateColumn(header: header[i], firstColumn: first + 1)))
            } else {
                seen[key] = i
            }
        }
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
            } else if let field = Field.named(by: key), mappings[field.rawValue] == nil {
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
        return (result, problems)
    }

    /// A diagnostic for each group of which no field has a column (`[[.provinceCode, .province]]`:
    /// a code or a name), with `advice` for the group's first field.
    package func missing(_ required: [[Field]], file: String, line: Int, advice: (Field) -> String) -> [Diagnostic] {
        required.filter { group in !group.contains { index[$0] != nil } }.map { group in
            Diagnostic(SourceLocation(file: file, line: line, column: 1),
                       .missingColumn(field: group.map(\.rawValue).joined(separator: " or "), found: header, advice: advice(group[0])))
        }
    }
}
