import ChiSoCore
import ChiSoCSV

/// The columns of a procedure catalogue: one row a procedure.
package enum CatalogueField: String, HeaderField {
    case procedureCode = "procedure_code", procedureName = "procedure_name"
    case fullOnlineEligible = "full_online_eligible", feeRequired = "fee_required"

    package var aliases: [String] {
        switch self {
        case .procedureCode: DossierField.procedureCode.aliases
        case .procedureName: ["procedure name", "procedure", "ten thu tuc", "ten tthc", "ten thu tuc hanh chinh", "thu tuc hanh chinh"]
        case .fullOnlineEligible: DossierField.fullOnlineEligible.aliases
        case .feeRequired: DossierField.feeRequired.aliases
        }
    }
}

/// One procedure of a catalogue: what it says of the procedure (nil: the cell is empty or the
/// file has no such column).
package struct ProcedureCatalogueEntry: Sendable, Equatable {
    package var code: String
    package var line: Int
    package var fullOnlineEligible: Bool?
    package var feeRequired: Bool?
    /// 1-based columns of the two flags (0 when the file has none), for messages about the row.
    package var eligibleColumn: Int
    package var feeColumn: Int

    package init(code: String, line: Int, fullOnlineEligible: Bool?, feeRequired: Bool?, eligibleColumn: Int = 0, feeColumn: Int = 0) {
        self.code = code; self.line = line; self.fullOnlineEligible = fullOnlineEligible; self.feeRequired = feeRequired
        self.eligibleColumn = eligibleColumn; self.feeColumn = feeColumn
    }

    /// The value of a flag, for `ServiceFlag.fullOnlineEligible` and `.feeRequired`.
    package func value(_ flag: ServiceFlag) -> Bool? {
        switch flag {
        case .fullOnlineEligible: fullOnlineEligible
        case .feeRequired: feeRequired
        default: nil
        }
    }
}

/// A procedure catalogue read whole: the procedures in file order, one entry per code.
package struct ProcedureCatalogueFile: Sendable {
    package var entries: [ProcedureCatalogueEntry]
    package var ignoredColumns: [String]
}

/// Reads a procedure catalogue (procedure code → eligible for full-online service, has fees).
///
/// A catalogue is small (a province publishes a few thousand procedures): it is read whole, every
/// problem is collected, and any problem refuses the file.
package enum ProcedureCatalogueParser {
    /// The two flags a catalogue states, in the order of its columns.
    package static let flags: [ServiceFlag] = [.fullOnlineEligible, .feeRequired]

    package static func read(path: String, file: String, options: AdminIngestOptions) throws(IngestError) -> ProcedureCatalogueFile {
        var reader: CSVReader
        do { reader = try CSVReader(path: path, displayName: file, hasHeader: true, options: options.readerOptions) } catch { throw DossierParser.csvFailure(error) }
        let header = reader.header ?? []
        let line = reader.headerLine ?? 1
        let (columns, problems) = ColumnMap<CatalogueField>.resolve(header: header, mappings: options.columns ?? [:], file: file, line: line)
        let missing = columns.missing([[.procedureCode], [.fullOnlineEligible, .feeRequired]], file: file, line: line) { field in
            field == .procedureCode
                ? "name it \"procedure_code\" (or Mã TTHC, Mã thủ tục) or map it with --column procedure_code=\"HEADER\""
                : "name them \"full_online_eligible\" and \"fee_required\" (or Đủ điều kiện toàn trình, Có phí, lệ phí) or map them with --column"
        }
        if !(problems + missing).isEmpty { throw .invalid(problems + missing) }
        let codeColumn = columns[.procedureCode]!
        let flagColumns = flags.map { flag in columns[flag == .fullOnlineEligible ? .fullOnlineEligible : .feeRequired] }

        var diagnostics: [Diagnostic] = []
        var entries: [ProcedureCatalogueEntry] = []
        var byCode: [String: Int] = [:]
        func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column + 1) }
        do {
            try reader.forEachRecord { (r: borrowing CSVRecord) in
                guard diagnostics.count < 50 else { return }
                if (0..<r.count).allSatisfy({ r.isEmpty($0) }) { return }
                guard r.count == header.count else {
                    diagnostics.append(Diagnostic(at(r.line, min(r.count, header.count)), .raggedRow(fields: r.count, expected: header.count)))
                    return
                }
                let code = r[codeColumn].trimmingCharacters(in: .whitespaces)
                guard !code.isEmpty else {
                    diagnostics.append(Diagnostic(at(r.line, codeColumn), .missingValue(field: "procedure_code", advice: "write the procedure's code (mã TTHC)")))
                    return
                }
                var values: [Bool?] = [nil, nil]
                for (k, column) in flagColumns.enumerated() {
                    guard let column, !r.isEmpty(column) else { continue }
                    guard let value = r.withBytes(column, DossierCodes.yesNo) else {
                        diagnostics.append(Diagnostic(at(r.line, column), .unknownYesNo(field: flags[k].rawValue, text: r[column])))
                        return
                    }
                    values[k] = value == .yes
                }
                let entry = ProcedureCatalogueEntry(code: code, line: r.line, fullOnlineEligible: values[0], feeRequired: values[1],
                                                    eligibleColumn: flagColumns[0].map { $0 + 1 } ?? 0, feeColumn: flagColumns[1].map { $0 + 1 } ?? 0)
                guard let first = byCode[code] else {
                    byCode[code] = entries.count
                    entries.append(entry)
                    return
                }
                // The same procedure again: the same values add nothing; other values contradict.
                for (k, flag) in flags.enumerated() {
                    guard let column = flagColumns[k], let mine = entry.value(flag), let theirs = entries[first].value(flag), mine != theirs else { continue }
                    diagnostics.append(Diagnostic(at(r.line, column), .csv(
                        "procedure_code \(code) appears again with \(flag.rawValue) \(mine ? "yes" : "no") (line \(entries[first].line) says \(theirs ? "yes" : "no")); "
                            + "keep one row per procedure, with the right value")))
                    return
                }
                // A value only the later row states completes the first.
                if entries[first].fullOnlineEligible == nil { entries[first].fullOnlineEligible = entry.fullOnlineEligible }
                if entries[first].feeRequired == nil { entries[first].feeRequired = entry.feeRequired }
            }
        } catch {
            diagnostics.append(Diagnostic(error.location, .csv(error.message)))
        }
        if !diagnostics.isEmpty { throw .invalid(diagnostics) }
        if entries.isEmpty { throw .invalid([Diagnostic(at(line, 0), .noRows)]) }
        return ProcedureCatalogueFile(entries: entries, ignoredColumns: columns.ignored)
    }
}
