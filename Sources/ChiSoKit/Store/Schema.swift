import GRDB

/// The database schema, as append-only named migrations.
///
/// A shipped migration is never edited: a change to the schema is a new migration. Migrations speak
/// SQL only (no Swift record types), so an old database can always be brought up to date.
/// The schema is documented for people who open the file with `sqlite3` or Datasette in README.md.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 rankings") { db in
            try db.execute(sql: """
                -- Reference data, rewritten from the compiled-in registry on every write so that
                -- SQL users can join names, codes and regions.
                CREATE TABLE province (
                    id TEXT PRIMARY KEY,          -- '54' (until 2025-06-30), 'HT' (Hà Tây), '2025-24' (from 2025-07-01)
                    code TEXT,                    -- GSO code; reused by the 2025 reorganisation, so not unique
                    name TEXT NOT NULL,           -- short name with diacritics
                    name_ascii TEXT NOT NULL,
                    official_name TEXT NOT NULL,
                    region TEXT NOT NULL,         -- one of the six socio-economic regions
                    subregion TEXT NOT NULL,      -- one of the eight traditional regions
                    valid_from TEXT,              -- ISO date, NULL = before the registry's horizon
                    valid_to TEXT                 -- last valid day, NULL = still valid
                );
                CREATE TABLE province_succession (
                    predecessor_id TEXT NOT NULL REFERENCES province(id),
                    successor_id TEXT NOT NULL REFERENCES province(id),
                    PRIMARY KEY (predecessor_id, successor_id)
                );

                -- One row per ingested file: every data row points here.
                CREATE TABLE source (
                    id INTEGER PRIMARY KEY,
                    file_name TEXT NOT NULL,      -- base name; a corrected file with the same name replaces its rows
                    sha256 TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,           -- 'rankings', 'statistics', 'dossiers'
                    ingested_at TEXT NOT NULL,    -- ISO 8601, UTC
                    row_count INTEGER NOT NULL,
                    options TEXT NOT NULL         -- the ingest options, JSON, so a load can be repeated
                );

                -- One row per index, edition (year) and province.
                CREATE TABLE ranking (
                    index_code TEXT NOT NULL,     -- 'PCI', 'PAPI', 'DTI', or any other code
                    year INTEGER NOT NULL,
                    province_id TEXT NOT NULL REFERENCES province(id),
                    score REAL,
                    rank INTEGER,                 -- as published (ties kept); NULL = not published
                    of_count INTEGER NOT NULL,    -- how many provinces the edition ranked
                    note TEXT,
                    citation TEXT,                -- where the figure was published (see datasets/SOURCES.md)
                    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                    source_line INTEGER NOT NULL,
                    PRIMARY KEY (index_code, year, province_id)
                ) WITHOUT ROWID;

                -- Sub-indices (PCI), dimensions (PAPI), pillars (DTI).
                CREATE TABLE component (
                    index_code TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    province_id TEXT NOT NULL REFERENCES province(id),
                    component TEXT NOT NULL,
                    value REAL NOT NULL,
                    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                    source_line INTEGER NOT NULL,
                    PRIMARY KEY (index_code, year, province_id, component)
                ) WITHOUT ROWID;
                CREATE INDEX component_by_source ON component(source_id);
                CREATE INDEX ranking_by_source ON ranking(source_id);

                -- Published ranks where there are; otherwise the standard competition rank
                -- (1, 2, 2, 4) of the score among the edition's scored provinces.
                CREATE VIEW ranking_effective AS
                SELECT r.index_code, r.year, r.province_id, r.score,
                       COALESCE(r.rank, CASE WHEN r.score IS NOT NULL THEN
                           RANK() OVER (PARTITION BY r.index_code, r.year ORDER BY r.score IS NULL, r.score DESC) END) AS rank,
                       (r.rank IS NULL AND r.score IS NOT NULL) AS rank_computed,
                       r.of_count, r.note, r.citation, r.source_id, r.source_line
                FROM ranking r;

                -- Per edition: how many provinces it ranked, and how many the store knows.
                CREATE VIEW edition AS
                SELECT index_code, year, MAX(of_count) AS of_count,
                       COUNT(*) AS provinces_present,
                       COUNT(score) AS provinces_scored,
                       COUNT(rank) AS ranks_published
                FROM ranking GROUP BY index_code, year;
                """)
        }
        return migrator
    }
}
