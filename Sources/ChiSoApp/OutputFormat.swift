/// How rows are printed.
package enum OutputFormat: String, CaseIterable {
    case table, md, csv, json
}
