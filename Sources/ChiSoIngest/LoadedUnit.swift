import ChiSoCore

/// A unit known to one load of a statistics file or dossier log: its database id, province and level,
/// and where the file first named it (so a second, different name for the same code is an error).
package struct LoadedUnit {
    package var dbID: Int64
    package var provinceIndex: Int32
    package var code: String
    package var level: AdministrativeLevel
    /// The name the file gives the unit first (in the parser's `unitNames`), and where; -1 until named.
    package var nameStart = 0
    package var nameEnd = 0
    package var nameLine = -1

    package init(dbID: Int64, provinceIndex: Int32, code: String, level: AdministrativeLevel) {
        self.dbID = dbID; self.provinceIndex = provinceIndex; self.code = code; self.level = level
    }
}
