import ChiSoCore

/// Where the statistics and dossier-log parsers put what they read.
///
/// The store's load (`AdministrativeTableWriter`, inside one write transaction) is the sink that writes; the parsers
/// never see SQL. Rows are addressed by their physical line in the file, which is how diagnostics
/// and the duplicate checks name them.
package protocol AdministrativeSink: AnyObject {
    /// The units, procedures and fields already known, with their ids.
    func loadDictionaries() throws -> AdminDictionaries
    func insertUnit(_ unit: AdminUnitEntry) throws
    func insertProcedure(id: Int64, code: String) throws
    func insertField(id: Int64, name: String) throws

    /// Inserts every row of a dossier-log batch.
    func insertDossiers(_ batch: borrowing DossierBatch) throws
    /// The dossier ids of some lines of this file, in line order.
    func dossierIDs(lines: [Int]) throws -> [(line: Int, id: String)]
    /// Lines of this file whose dossier id appears more than once, by id.
    func duplicateDossierLines() throws -> [(id: String, lines: [Int])]
    func deleteDossier(line: Int) throws

    /// Inserts statistics rows as stated.
    func insertStatistics(_ rows: [StatisticValues]) throws
    /// The identifying values and counts of some lines of this file.
    func statistics(lines: [Int]) throws -> [Int: (key: StatisticKey, counts: [Int64?])]
    func deleteStatistic(line: Int) throws
}
