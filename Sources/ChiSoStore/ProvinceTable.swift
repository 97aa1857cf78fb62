import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import GRDB

/// Keeps the `province` and `province_succession` tables equal to the compiled-in registry.
package enum ProvinceTable {
    package static func sync(_ db: Database, registry: ProvinceRegistry = .standard) throws {
        let expected = registry.all.count
        let present = try Int.fetchOne(db, sql: "SELECT count(*) FROM province") ?? 0
        // The registry only changes with a new ChiSo build; rewriting only on a difference keeps
        // a re-ingest of the same file from touching any page.
        if present == expected, try fingerprint(db) == fingerprint(registry) { return }
        try db.execute(sql: "DELETE FROM province_succession")
        // Rows that data refer to stay (REPLACE would cascade nothing; ids are stable).
        let upsert = try db.makeStatement(sql: """
            INSERT INTO province (id, code, name, name_ascii, official_name, region, subregion, valid_from, valid_to)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET code = excluded.code, name = excluded.name, name_ascii = excluded.name_ascii,
              official_name = excluded.official_name, region = excluded.region, subregion = excluded.subregion,
              valid_from = excluded.valid_from, valid_to = excluded.valid_to
            """)
        for p in registry.all {
            try upsert.execute(arguments: [p.id, p.code, p.name, p.asciiName, p.officialName, p.region.rawValue,
                                           p.subregion.rawValue, p.validFrom?.description, p.validTo?.description])
        }
        let succession = try db.makeStatement(sql: "INSERT INTO province_succession VALUES (?, ?)")
        for p in registry.all {
            for successor in p.successorIDs { try succession.execute(arguments: [p.id, successor]) }
        }
    }

    private static func fingerprint(_ db: Database) throws -> String {
        try String.fetchAll(db, sql: """
            SELECT id || '|' || ifnull(code,'') || '|' || name || '|' || name_ascii || '|' || official_name || '|' ||
                   region || '|' || subregion || '|' || ifnull(valid_from,'') || '|' || ifnull(valid_to,'')
            FROM province ORDER BY id
            """).joined(separator: "\n")
            + "\n#" + String.fetchAll(db, sql: "SELECT predecessor_id || '>' || successor_id FROM province_succession ORDER BY 1")
            .joined(separator: ",")
    }

    private static func fingerprint(_ registry: ProvinceRegistry) -> String {
        registry.all.sorted { $0.id < $1.id }.map { p in
            [p.id, p.code ?? "", p.name, p.asciiName, p.officialName, p.region.rawValue, p.subregion.rawValue,
             p.validFrom?.description ?? "", p.validTo?.description ?? ""].joined(separator: "|")
        }.joined(separator: "\n")
            + "\n#" + registry.all.flatMap { p in p.successorIDs.map { "\(p.id)>\($0)" } }.sorted().joined(separator: ",")
    }
}
