import ChiSoCore
import ChiSoCSV
import ChiSoIngest
import GRDB

/// The database schema, as append-only named migrations.
///
/// A shipped migration is never edited: a change to the schema is a new migration. Migrations speak
/// SQL only (no Swift record types), so an old database can always be brought up to date.
/// The schema is documented for people who open the file with `sqlite3` or Datasette in README.md.
package enum Schema {
    /// The service-index cohorts of every dossier row, recomputed in SQL from the `dossier` table into
    /// `admin_service_cohort`: what an ingest counts on the way (`ServiceCells`), and an independent
    /// check of it in the tests. Days are days since 1970 on the local clock; the status of a horizon
    /// is taken on its last day or the source's last day (latest receipt or resolution), whichever
    /// comes first.
    package static let serviceCohortsFromDossiers = """
        INSERT INTO admin_service_cohort (id, source_id, province_id, year, unit_id, as_of, months)
        WITH last AS (
            SELECT id >> 32 AS source_id, max(max(received_at) / 86400, coalesce(max(resolved_at) / 86400, 0)) AS day
            FROM dossier GROUP BY id >> 32
        ), d AS (
            SELECT d.id >> 32 AS source_id, d.unit_id, strftime('%Y-%m', d.received_at, 'unixepoch') AS month,
                   d.channel, d.online_level, d.due_day, d.resolved_at / 86400 AS rday, last.day AS last_day,
                   min(last.day, CAST(julianday(d.received_at, 'unixepoch', 'start of month', '+1 month', '-1 day') - 2440587.5 AS INTEGER)) AS sm,
                   min(last.day, CAST(julianday(d.received_at, 'unixepoch', 'start of year',
                       '+' || ((CAST(strftime('%m', d.received_at, 'unixepoch') AS INTEGER) + 2) / 3 * 3) || ' months', '-1 day') - 2440587.5 AS INTEGER)) AS sq,
                   min(last.day, CAST(julianday(d.received_at, 'unixepoch', 'start of year', '+1 year', '-1 day') - 2440587.5 AS INTEGER)) AS sy
            FROM dossier d JOIN last ON last.source_id = d.id >> 32
            WHERE d.id >> 32 NOT IN (SELECT DISTINCT source_id FROM admin_service_cohort)
        ), monthly AS (
            SELECT d.source_id, u.province_id, d.month, CAST(substr(d.month, 1, 4) AS INTEGER) AS year, d.unit_id,
                   date(max(d.last_day) * 86400, 'unixepoch') AS as_of,
                   count(*) AS received, sum(CASE WHEN d.channel = 1 THEN 1 ELSE 0 END) AS received_online,
                   sum(CASE WHEN d.online_level = 1 THEN 1 ELSE 0 END) AS received_full_online,
                   sum(CASE WHEN d.rday <= d.sm AND d.rday <= d.due_day THEN 1 ELSE 0 END) AS month_on_time,
                   sum(CASE WHEN d.rday <= d.sm AND d.rday > d.due_day THEN 1 ELSE 0 END) AS month_late,
                   sum(CASE WHEN (d.rday IS NULL OR d.rday > d.sm) AND d.due_day >= d.sm THEN 1 ELSE 0 END) AS month_open_within_due,
                   sum(CASE WHEN d.rday <= d.sq AND d.rday <= d.due_day THEN 1 ELSE 0 END) AS quarter_on_time,
                   sum(CASE WHEN d.rday <= d.sq AND d.rday > d.due_day THEN 1 ELSE 0 END) AS quarter_late,
                   sum(CASE WHEN (d.rday IS NULL OR d.rday > d.sq) AND d.due_day >= d.sq THEN 1 ELSE 0 END) AS quarter_open_within_due,
                   sum(CASE WHEN d.rday <= d.sy AND d.rday <= d.due_day THEN 1 ELSE 0 END) AS year_on_time,
                   sum(CASE WHEN d.rday <= d.sy AND d.rday > d.due_day THEN 1 ELSE 0 END) AS year_late,
                   sum(CASE WHEN (d.rday IS NULL OR d.rday > d.sy) AND d.due_day >= d.sy THEN 1 ELSE 0 END) AS year_open_within_due
            FROM d JOIN admin_unit u ON u.id = d.unit_id
            GROUP BY d.source_id, d.unit_id, d.month
            ORDER BY d.source_id, d.unit_id, d.month
        )
        SELECT (source_id << 32) + row_number() OVER (PARTITION BY source_id ORDER BY province_id, year, unit_id),
               source_id, province_id, year, unit_id, max(as_of),
               json_group_array(json_array(CAST(substr(month, 6, 2) AS INTEGER), received, received_online, received_full_online, month_on_time, month_late, month_open_within_due, quarter_on_time, quarter_late, quarter_open_within_due, year_on_time, year_late, year_open_within_due))
        FROM monthly
        GROUP BY source_id, unit_id, year
        """

    /// The SQL migration v3 ran to count the cohorts of logs loaded before it (one row per unit and
    /// month). Frozen with the migration: shipped migrations never change.
    private static let serviceRollupsFromDossiersV3 = """
        INSERT INTO admin_service_rollup (id, source_id, province_id, month, year, unit_id, level, as_of,
            received, received_online, received_full_online,
            month_on_time, month_late, month_open_within_due, quarter_on_time, quarter_late, quarter_open_within_due,
            year_on_time, year_late, year_open_within_due)
        WITH last AS (
            SELECT id >> 32 AS source_id, max(max(received_at) / 86400, coalesce(max(resolved_at) / 86400, 0)) AS day
            FROM dossier GROUP BY id >> 32
        ), d AS (
            SELECT d.id >> 32 AS source_id, d.unit_id, strftime('%Y-%m', d.received_at, 'unixepoch') AS month,
                   d.channel, d.online_level, d.due_day, d.resolved_at / 86400 AS rday, last.day AS last_day,
                   min(last.day, CAST(julianday(d.received_at, 'unixepoch', 'start of month', '+1 month', '-1 day') - 2440587.5 AS INTEGER)) AS sm,
                   min(last.day, CAST(julianday(d.received_at, 'unixepoch', 'start of year',
                       '+' || ((CAST(strftime('%m', d.received_at, 'unixepoch') AS INTEGER) + 2) / 3 * 3) || ' months', '-1 day') - 2440587.5 AS INTEGER)) AS sq,
                   min(last.day, CAST(julianday(d.received_at, 'unixepoch', 'start of year', '+1 year', '-1 day') - 2440587.5 AS INTEGER)) AS sy
            FROM dossier d JOIN last ON last.source_id = d.id >> 32
            WHERE d.id >> 32 NOT IN (SELECT DISTINCT source_id FROM admin_service_rollup)
        )
        SELECT (d.source_id << 32) + row_number() OVER (PARTITION BY d.source_id ORDER BY d.unit_id, d.month),
               d.source_id, u.province_id, d.month, CAST(substr(d.month, 1, 4) AS INTEGER), d.unit_id, u.level,
               date(max(d.last_day) * 86400, 'unixepoch'),
               count(*), sum(CASE WHEN d.channel = 1 THEN 1 ELSE 0 END), sum(CASE WHEN d.online_level = 1 THEN 1 ELSE 0 END),
               sum(CASE WHEN d.rday <= d.sm AND d.rday <= d.due_day THEN 1 ELSE 0 END), sum(CASE WHEN d.rday <= d.sm AND d.rday > d.due_day THEN 1 ELSE 0 END),
               sum(CASE WHEN (d.rday IS NULL OR d.rday > d.sm) AND d.due_day >= d.sm THEN 1 ELSE 0 END),
               sum(CASE WHEN d.rday <= d.sq AND d.rday <= d.due_day THEN 1 ELSE 0 END), sum(CASE WHEN d.rday <= d.sq AND d.rday > d.due_day THEN 1 ELSE 0 END),
               sum(CASE WHEN (d.rday IS NULL OR d.rday > d.sq) AND d.due_day >= d.sq THEN 1 ELSE 0 END),
               sum(CASE WHEN d.rday <= d.sy AND d.rday <= d.due_day THEN 1 ELSE 0 END), sum(CASE WHEN d.rday <= d.sy AND d.rday > d.due_day THEN 1 ELSE 0 END),
               sum(CASE WHEN (d.rday IS NULL OR d.rday > d.sy) AND d.due_day >= d.sy THEN 1 ELSE 0 END)
        FROM d JOIN admin_unit u ON u.id = d.unit_id
        GROUP BY d.source_id, d.unit_id, d.month
        """

    /// What `chiso rates` reads, as one table (the view `admin_rollup`, v11): the breakdowns kept
    /// as rows, and the cells of `admin_unit_rollup` and `admin_procedure_rollup`, one row each.
    /// Also made as a TEMP view by a dry run, whose TEMP tables a view of the main schema would not see.
    package static let rollupView = """
        SELECT id, source_id, grain, province_id, period, year, first_day, last_day, unit_id, level, procedure_id, field_id,
               received_total, received_online, received_full_online, received_direct, received_postal,
               resolved_total, resolved_on_time, resolved_late, pending
        FROM admin_rollup_row
        UNION ALL
        SELECT r.id + c.key, r.source_id, 'unit', r.province_id, printf('%04d', r.year), r.year,
               date((c.value ->> 2) * 86400, 'unixepoch'), date((c.value ->> 3) * 86400, 'unixepoch'),
               c.value ->> 0, c.value ->> 1, NULL, NULL,
               c.value ->> 4, c.value ->> 5, c.value ->> 6, c.value ->> 7, c.value ->> 8,
               c.value ->> 9, c.value ->> 10, c.value ->> 11, c.value ->> 12
        FROM admin_unit_rollup r, json_each(r.cells) c
        UNION ALL
        SELECT r.id + c.key, r.source_id, 'procedure', r.province_id, printf('%04d', r.year), r.year,
               date((c.value ->> 2) * 86400, 'unixepoch'), date((c.value ->> 3) * 86400, 'unixepoch'), NULL, NULL,
               c.value ->> 0, c.value ->> 1,
               c.value ->> 4, c.value ->> 5, c.value ->> 6, c.value ->> 7, c.value ->> 8,
               c.value ->> 9, c.value ->> 10, c.value ->> 11, c.value ->> 12
        FROM admin_procedure_rollup r, json_each(r.cells) c
        """

    /// The view as migration v9 made it (before the unit cells were packed): a migration's SQL never
    /// changes, or a database made by an older build and one made now would differ.
    private static let rollupViewV9 = """
        SELECT id, source_id, grain, province_id, period, year, first_day, last_day, unit_id, level, procedure_id, field_id,
               received_total, received_online, received_full_online, received_direct, received_postal,
               resolved_total, resolved_on_time, resolved_late, pending
        FROM admin_rollup_row
        UNION ALL
        SELECT r.id + c.key, r.source_id, 'procedure', r.province_id, printf('%04d', r.year), r.year,
               date((c.value ->> 2) * 86400, 'unixepoch'), date((c.value ->> 3) * 86400, 'unixepoch'), NULL, NULL,
               c.value ->> 0, c.value ->> 1,
               c.value ->> 4, c.value ->> 5, c.value ->> 6, c.value ->> 7, c.value ->> 8,
               c.value ->> 9, c.value ->> 10, c.value ->> 11, c.value ->> 12
        FROM admin_procedure_rollup r, json_each(r.cells) c
        """

    package static var migrator: DatabaseMigrator {
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
        migrator.registerMigration("v2 administrative procedures") { db in
            try db.execute(sql: """
                -- Dictionaries shared by every file: units that receive dossiers, procedure codes,
                -- fields (lĩnh vực). Ids are small integers so that dossier rows stay compact.
                CREATE TABLE admin_unit (
                    id INTEGER PRIMARY KEY,
                    province_id TEXT NOT NULL REFERENCES province(id),
                    code TEXT NOT NULL,           -- as written: '54.SO.TP', '54.H.559', '54.X.11260'
                    name TEXT NOT NULL,           -- as first written
                    level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
                    UNIQUE (province_id, code)
                );
                CREATE TABLE admin_procedure (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE     -- '1.001193.000.00.00.H36'
                );
                CREATE TABLE admin_field (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE     -- 'Hộ tịch', 'Đất đai', ...
                );

                -- One row per dossier of a dossier log, compact: millions of rows load in seconds.
                -- id = source_id * 2^32 + source_line, so a file's rows are one range of the table
                -- (the trigger below deletes them with the source; a foreign key with an index would
                -- cost a third of the load time). Times are seconds since 1970-01-01T00:00 on the
                -- local clock as written (+07:00: the offset is checked, not applied); days are
                -- days since 1970-01-01. The view dossier_detail shows them as text.
                CREATE TABLE dossier (
                    id INTEGER PRIMARY KEY,
                    dossier_id TEXT NOT NULL,     -- unique within its file
                    unit_id INTEGER NOT NULL,     -- admin_unit(id)
                    procedure_id INTEGER NOT NULL,-- admin_procedure(id)
                    field_id INTEGER,             -- admin_field(id), NULL = not stated
                    received_at INTEGER NOT NULL,
                    channel INTEGER NOT NULL,     -- 1 online, 2 direct, 3 postal
                    online_level INTEGER,         -- 1 full (toàn trình), 2 partial (một phần), NULL = not stated
                    due_day INTEGER NOT NULL,
                    resolved_at INTEGER           -- NULL = pending
                );

                -- One row per row of an aggregated-statistics file, as given (same id scheme).
                CREATE TABLE admin_statistic (
                    id INTEGER PRIMARY KEY,       -- source_id * 2^32 + source_line
                    period TEXT NOT NULL,         -- '2023-Q1', or the range as written '2022-12-15..2023-03-14'
                    reported TEXT NOT NULL,       -- the calendar period it counts in: '2023-Q1'
                    first_day TEXT NOT NULL,      -- ISO dates covered
                    last_day TEXT NOT NULL,
                    province_id TEXT NOT NULL,    -- province(id)
                    unit_id INTEGER,              -- admin_unit(id), NULL = not stated
                    level TEXT,                   -- NULL = not stated
                    procedure_id INTEGER,         -- NULL = not stated
                    field_id INTEGER,             -- NULL = not stated
                    received_total INTEGER, received_online INTEGER, received_full_online INTEGER,
                    received_direct INTEGER, received_postal INTEGER,
                    resolved_total INTEGER, resolved_on_time INTEGER, resolved_late INTEGER, pending INTEGER,
                    note TEXT,
                    citation TEXT                 -- where the figures were published (see datasets/SOURCES.md)
                );


                -- What `chiso rates` reads: counts summed per breakdown (grain) and period, fed by both
                -- kinds of file. NULL counts are "not stated" (a report without an on-time count).
                --   grain 'province':  province totals per month (dossier logs) or per reported period
                --   grain 'unit':      per unit (or level, when a report names no unit) and year
                --   grain 'procedure': per procedure and field and year
                -- Same id scheme as above; the other ids are written by the transaction that writes
                -- the dictionaries, so they are not declared as foreign keys (a check per row).
                CREATE TABLE admin_rollup (
                    id INTEGER PRIMARY KEY,       -- source_id * 2^32 + row number
                    source_id INTEGER NOT NULL,   -- source(id)
                    grain TEXT NOT NULL,          -- 'province', 'unit' or 'procedure'
                    province_id TEXT NOT NULL,    -- province(id)
                    period TEXT NOT NULL,         -- '2023', '2023-Q1' or '2023-03'
                    year INTEGER NOT NULL,
                    first_day TEXT NOT NULL,      -- ISO dates covered by the rows summed
                    last_day TEXT NOT NULL,
                    unit_id INTEGER,              -- admin_unit(id)
                    level TEXT,
                    procedure_id INTEGER,         -- admin_procedure(id)
                    field_id INTEGER,             -- admin_field(id)
                    received_total INTEGER, received_online INTEGER, received_full_online INTEGER,
                    received_direct INTEGER, received_postal INTEGER,
                    resolved_total INTEGER, resolved_on_time INTEGER, resolved_late INTEGER, pending INTEGER
                );
                CREATE INDEX admin_rollup_by_province ON admin_rollup(province_id, grain, year);

                -- A source's rows of these three tables are one id range: deleting the source
                -- (`chiso sources --remove`, or a corrected file of the same name) deletes them.
                CREATE TRIGGER source_delete_admin_rows AFTER DELETE ON source BEGIN
                    DELETE FROM dossier WHERE id BETWEEN old.id * 4294967296 AND old.id * 4294967296 + 4294967295;
                    DELETE FROM admin_statistic WHERE id BETWEEN old.id * 4294967296 AND old.id * 4294967296 + 4294967295;
                    DELETE FROM admin_rollup WHERE id BETWEEN old.id * 4294967296 AND old.id * 4294967296 + 4294967295;
                END;

                CREATE VIEW dossier_detail AS
                SELECT d.id >> 32 AS source_id, d.id & 4294967295 AS source_line, d.dossier_id,
                       u.province_id, u.code AS unit_code, u.name AS unit_name, u.level,
                       p.code AS procedure_code, f.name AS field,
                       strftime('%Y-%m-%dT%H:%M:%S', d.received_at, 'unixepoch') AS received_at,
                       CASE d.channel WHEN 1 THEN 'online' WHEN 2 THEN 'direct' WHEN 3 THEN 'postal' END AS channel,
                       CASE d.online_level WHEN 1 THEN 'full' WHEN 2 THEN 'partial' END AS online_level,
                       date(d.due_day * 86400, 'unixepoch') AS due_at,
                       strftime('%Y-%m-%dT%H:%M:%S', d.resolved_at, 'unixepoch') AS resolved_at,
                       CASE WHEN d.resolved_at IS NULL THEN 'pending' ELSE 'resolved' END AS status
                FROM dossier d JOIN admin_unit u ON u.id = d.unit_id JOIN admin_procedure p ON p.id = d.procedure_id
                LEFT JOIN admin_field f ON f.id = d.field_id;
                """)
        }
        migrator.registerMigration("v3 service index") { db in
            try db.execute(sql: """
                -- What `chiso service-index` reads: the Decision 766 cohorts of dossier logs. One row per
                -- unit and month of receipt; the dossiers' status is counted as of the last day of their
                -- month, quarter and year of receipt (or as_of, the log's last day, when that comes first),
                -- because the index takes the status "as of the period's last day".
                --   <h>_on_time          resolved on or before the due date by the end of horizon h
                --   <h>_late             resolved after the due date by then
                --   <h>_open_within_due  not resolved by then, the due date not passed (the rest: overdue)
                -- The optional yes/no columns of a log count as <flag>_yes, <flag>_no and <flag>_empty
                -- (column there, cell empty); dossiers from files without the column are the rest
                -- (a log without any of them leaves these counts at their default, 0).
                CREATE TABLE admin_service_rollup (
                    id INTEGER PRIMARY KEY,       -- source_id * 2^32 + row number
                    source_id INTEGER NOT NULL,   -- source(id)
                    province_id TEXT NOT NULL,    -- province(id)
                    month TEXT NOT NULL,          -- '2023-03': the month the dossiers were received
                    year INTEGER NOT NULL,
                    unit_id INTEGER NOT NULL,     -- admin_unit(id)
                    level TEXT NOT NULL,
                    as_of TEXT NOT NULL,          -- ISO date: the log's latest receipt or resolution
                    received INTEGER NOT NULL, received_online INTEGER NOT NULL, received_full_online INTEGER NOT NULL,
                    month_on_time INTEGER NOT NULL, month_late INTEGER NOT NULL, month_open_within_due INTEGER NOT NULL,
                    quarter_on_time INTEGER NOT NULL, quarter_late INTEGER NOT NULL, quarter_open_within_due INTEGER NOT NULL,
                    year_on_time INTEGER NOT NULL, year_late INTEGER NOT NULL, year_open_within_due INTEGER NOT NULL,
                    result_electronic_yes INTEGER NOT NULL DEFAULT 0, result_electronic_no INTEGER NOT NULL DEFAULT 0, result_electronic_empty INTEGER NOT NULL DEFAULT 0,
                    digitized_yes INTEGER NOT NULL DEFAULT 0, digitized_no INTEGER NOT NULL DEFAULT 0, digitized_empty INTEGER NOT NULL DEFAULT 0,
                    reused_data_yes INTEGER NOT NULL DEFAULT 0, reused_data_no INTEGER NOT NULL DEFAULT 0, reused_data_empty INTEGER NOT NULL DEFAULT 0,
                    citizen_data_yes INTEGER NOT NULL DEFAULT 0, citizen_data_no INTEGER NOT NULL DEFAULT 0, citizen_data_empty INTEGER NOT NULL DEFAULT 0,
                    synced_yes INTEGER NOT NULL DEFAULT 0, synced_no INTEGER NOT NULL DEFAULT 0, synced_empty INTEGER NOT NULL DEFAULT 0,
                    fee_required_yes INTEGER NOT NULL DEFAULT 0, fee_required_no INTEGER NOT NULL DEFAULT 0, fee_required_empty INTEGER NOT NULL DEFAULT 0,
                    paid_online_yes INTEGER NOT NULL DEFAULT 0, paid_online_no INTEGER NOT NULL DEFAULT 0, paid_online_empty INTEGER NOT NULL DEFAULT 0,
                    satisfied_yes INTEGER NOT NULL DEFAULT 0, satisfied_no INTEGER NOT NULL DEFAULT 0, satisfied_empty INTEGER NOT NULL DEFAULT 0,
                    full_online_eligible_yes INTEGER NOT NULL DEFAULT 0, full_online_eligible_no INTEGER NOT NULL DEFAULT 0, full_online_eligible_empty INTEGER NOT NULL DEFAULT 0,
                    eligible_full_online INTEGER NOT NULL DEFAULT 0,  -- full online, of procedures stated eligible
                    fee_paid_online INTEGER NOT NULL DEFAULT 0,       -- fee_required yes and paid_online yes
                    fee_paid_stated INTEGER NOT NULL DEFAULT 0        -- fee_required yes and paid_online yes or no
                );
                CREATE INDEX admin_service_rollup_by_province ON admin_service_rollup(province_id, year);
                CREATE TRIGGER source_delete_service_rows AFTER DELETE ON source BEGIN
                    DELETE FROM admin_service_rollup WHERE id BETWEEN old.id * 4294967296 AND old.id * 4294967296 + 4294967295;
                END;
                """)
            // Dossier logs loaded before this migration: their cohorts from the dossier table (without
            // the optional columns, which earlier loads did not keep).
            try db.execute(sql: serviceRollupsFromDossiersV3)
        }
        migrator.registerMigration("v4 service cohorts per unit and year") { db in
            try db.execute(sql: """
                -- The service-index cohorts, one row per unit and year of receipt instead of per unit and
                -- month: a national log has about as many unit-months as it has dossiers per four, and
                -- writing them as rows cost more than the rest of the ingest. The months are a JSON array,
                -- so SQL reads them with json_each; the view admin_service_rollup shows them as before.
                CREATE TABLE admin_service_cohort (
                    id INTEGER PRIMARY KEY,       -- source_id * 2^32 + row number
                    source_id INTEGER NOT NULL,   -- source(id)
                    province_id TEXT NOT NULL,    -- province(id)
                    year INTEGER NOT NULL,        -- of receipt
                    unit_id INTEGER NOT NULL,     -- admin_unit(id)
                    as_of TEXT NOT NULL,          -- ISO date: the log's latest receipt or resolution
                    -- One element per month with receipts, in month order: [month (1-12), received, received_online, received_full_online, month_on_time, month_late, month_open_within_due, quarter_on_time, quarter_late, quarter_open_within_due, year_on_time, year_late, year_open_within_due]
                    months TEXT NOT NULL,
                    -- NULL when the log has none of the optional yes/no columns; else one element per element
                    -- of months: [result_electronic_yes, result_electronic_no, result_electronic_empty, digitized_yes, digitized_no, digitized_empty, reused_data_yes, reused_data_no, reused_data_empty, citizen_data_yes, citizen_data_no, citizen_data_empty, synced_yes, synced_no, synced_empty, fee_required_yes, fee_required_no, fee_required_empty, paid_online_yes, paid_online_no, paid_online_empty, satisfied_yes, satisfied_no, satisfied_empty, full_online_eligible_yes, full_online_eligible_no, full_online_eligible_empty, eligible_full_online, fee_paid_online, fee_paid_stated]
                    flags TEXT
                );
                CREATE INDEX admin_service_cohort_by_province ON admin_service_cohort(province_id, year);
                INSERT INTO admin_service_cohort (id, source_id, province_id, year, unit_id, as_of, months, flags)
                SELECT (source_id << 32) + row_number() OVER (PARTITION BY source_id ORDER BY province_id, year, unit_id),
                       source_id, province_id, year, unit_id, max(as_of),
                       json_group_array(json_array(CAST(substr(month, 6, 2) AS INTEGER), received, received_online, received_full_online, month_on_time, month_late, month_open_within_due, quarter_on_time, quarter_late, quarter_open_within_due, year_on_time, year_late, year_open_within_due)),
                       CASE WHEN max(result_electronic_yes + result_electronic_no + result_electronic_empty + digitized_yes + digitized_no + digitized_empty + reused_data_yes + reused_data_no + reused_data_empty + citizen_data_yes + citizen_data_no + citizen_data_empty + synced_yes + synced_no + synced_empty + fee_required_yes + fee_required_no + fee_required_empty + paid_online_yes + paid_online_no + paid_online_empty + satisfied_yes + satisfied_no + satisfied_empty + full_online_eligible_yes + full_online_eligible_no + full_online_eligible_empty) > 0 THEN json_group_array(json_array(result_electronic_yes, result_electronic_no, result_electronic_empty, digitized_yes, digitized_no, digitized_empty, reused_data_yes, reused_data_no, reused_data_empty, citizen_data_yes, citizen_data_no, citizen_data_empty, synced_yes, synced_no, synced_empty, fee_required_yes, fee_required_no, fee_required_empty, paid_online_yes, paid_online_no, paid_online_empty, satisfied_yes, satisfied_no, satisfied_empty, full_online_eligible_yes, full_online_eligible_no, full_online_eligible_empty, eligible_full_online, fee_paid_online, fee_paid_stated)) END
                FROM (SELECT * FROM admin_service_rollup ORDER BY source_id, unit_id, month)
                GROUP BY source_id, unit_id, year;
                DROP TRIGGER source_delete_service_rows;
                DROP TABLE admin_service_rollup;
                CREATE TRIGGER source_delete_service_cohorts AFTER DELETE ON source BEGIN
                    DELETE FROM admin_service_cohort WHERE id BETWEEN old.id * 4294967296 AND old.id * 4294967296 + 4294967295;
                END;
                -- One row per unit and month of receipt, as the table of migration v3 had them.
                CREATE VIEW admin_service_rollup AS
                SELECT c.source_id, c.province_id, printf('%04d-%02d', c.year, m.value ->> 0) AS month, c.year, c.unit_id, u.level, c.as_of,
                       m.value ->> 1 AS received,
                       m.value ->> 2 AS received_online,
                       m.value ->> 3 AS received_full_online,
                       m.value ->> 4 AS month_on_time,
                       m.value ->> 5 AS month_late,
                       m.value ->> 6 AS month_open_within_due,
                       m.value ->> 7 AS quarter_on_time,
                       m.value ->> 8 AS quarter_late,
                       m.value ->> 9 AS quarter_open_within_due,
                       m.value ->> 10 AS year_on_time,
                       m.value ->> 11 AS year_late,
                       m.value ->> 12 AS year_open_within_due,
                       coalesce(c.flags -> m.key ->> 0, 0) AS result_electronic_yes,
                       coalesce(c.flags -> m.key ->> 1, 0) AS result_electronic_no,
                       coalesce(c.flags -> m.key ->> 2, 0) AS result_electronic_empty,
                       coalesce(c.flags -> m.key ->> 3, 0) AS digitized_yes,
                       coalesce(c.flags -> m.key ->> 4, 0) AS digitized_no,
                       coalesce(c.flags -> m.key ->> 5, 0) AS digitized_empty,
                       coalesce(c.flags -> m.key ->> 6, 0) AS reused_data_yes,
                       coalesce(c.flags -> m.key ->> 7, 0) AS reused_data_no,
                       coalesce(c.flags -> m.key ->> 8, 0) AS reused_data_empty,
                       coalesce(c.flags -> m.key ->> 9, 0) AS citizen_data_yes,
                       coalesce(c.flags -> m.key ->> 10, 0) AS citizen_data_no,
                       coalesce(c.flags -> m.key ->> 11, 0) AS citizen_data_empty,
                       coalesce(c.flags -> m.key ->> 12, 0) AS synced_yes,
                       coalesce(c.flags -> m.key ->> 13, 0) AS synced_no,
                       coalesce(c.flags -> m.key ->> 14, 0) AS synced_empty,
                       coalesce(c.flags -> m.key ->> 15, 0) AS fee_required_yes,
                       coalesce(c.flags -> m.key ->> 16, 0) AS fee_required_no,
                       coalesce(c.flags -> m.key ->> 17, 0) AS fee_required_empty,
                       coalesce(c.flags -> m.key ->> 18, 0) AS paid_online_yes,
                       coalesce(c.flags -> m.key ->> 19, 0) AS paid_online_no,
                       coalesce(c.flags -> m.key ->> 20, 0) AS paid_online_empty,
                       coalesce(c.flags -> m.key ->> 21, 0) AS satisfied_yes,
                       coalesce(c.flags -> m.key ->> 22, 0) AS satisfied_no,
                       coalesce(c.flags -> m.key ->> 23, 0) AS satisfied_empty,
                       coalesce(c.flags -> m.key ->> 24, 0) AS full_online_eligible_yes,
                       coalesce(c.flags -> m.key ->> 25, 0) AS full_online_eligible_no,
                       coalesce(c.flags -> m.key ->> 26, 0) AS full_online_eligible_empty,
                       coalesce(c.flags -> m.key ->> 27, 0) AS eligible_full_online,
                       coalesce(c.flags -> m.key ->> 28, 0) AS fee_paid_online,
                       coalesce(c.flags -> m.key ->> 29, 0) AS fee_paid_stated
                FROM admin_service_cohort c JOIN admin_unit u ON u.id = c.unit_id, json_each(c.months) m;
                """)
        }
        migrator.registerMigration("v5 carried over, source paths") { db in
            // "Từ kỳ trước" of a statistics row: dossiers received before the period and still open at its start.
            // Their own count, never part of received_total (rates divide new receipts); NULL = not stated.
            try db.execute(sql: "ALTER TABLE admin_statistic ADD COLUMN received_carried_over INTEGER")
            // Where a source was loaded from (absolute path, NULL = not recorded): two files of one name in
            // different folders are two sources.
            try db.execute(sql: "ALTER TABLE source ADD COLUMN path TEXT")
        }
        migrator.registerMigration("v6 procedure catalogue") { db in
            try db.execute(sql: """
                -- What procedure catalogues say of each procedure (`chiso ingest --kind catalogue`): eligible
                -- for full-online service (toàn trình), has fees or charges. A dossier log loaded later
                -- takes these for its rows that do not state full_online_eligible or fee_required; logs
                -- loaded before keep the counts they were loaded with. 1 yes, 0 no, NULL not stated.
                CREATE TABLE admin_procedure_catalogue (
                    id INTEGER PRIMARY KEY,       -- source_id * 2^32 + source_line
                    source_id INTEGER NOT NULL,   -- source(id)
                    procedure_id INTEGER NOT NULL,-- admin_procedure(id)
                    full_online_eligible INTEGER CHECK (full_online_eligible IN (0, 1)),
                    fee_required INTEGER CHECK (fee_required IN (0, 1))
                );
                CREATE INDEX admin_procedure_catalogue_by_procedure ON admin_procedure_catalogue(procedure_id);
                CREATE TRIGGER source_delete_procedure_catalogue AFTER DELETE ON source BEGIN
                    DELETE FROM admin_procedure_catalogue WHERE id BETWEEN old.id * 4294967296 AND old.id * 4294967296 + 4294967295;
                END;
                """)
        }
        migrator.registerMigration("v7 statistics service counts") { db in
            // The optional service-index counts of an aggregated statistics file, as given (NULL: not
            // stated): of received_total, the dossiers synced, with an electronic result, digitised, with
            // re-used data, using population data, with a fee; ratings satisfied of rated; of
            // fee_required, paid online. `chiso service-index` reads them for periods without a dossier log.
            for column in ["synced", "result_electronic", "digitized", "reused_data", "citizen_data", "satisfied", "rated", "fee_required", "paid_online"] {
                try db.execute(sql: "ALTER TABLE admin_statistic ADD COLUMN \(column) INTEGER")
            }
        }
        migrator.registerMigration("v8 component labels") { db in
            try db.execute(sql: """
                -- Reference data like province: the human name of every known component key, in
                -- Vietnamese and English, rewritten from the compiled-in list (ComponentLabels) on every
                -- write. Notebooks join it: component c JOIN component_label l ON l.index_code =
                -- c.index_code AND l.key = c.component AND l.lang = 'vi'.
                CREATE TABLE component_label (
                    index_code TEXT NOT NULL,     -- 'PCI', 'PAPI', 'DTI' (DTI-34 uses DTI's keys)
                    key TEXT NOT NULL,            -- component.component: 'transparency'
                    lang TEXT NOT NULL,           -- 'vi' or 'en'
                    label TEXT NOT NULL,          -- 'Tính minh bạch' / 'Transparency'
                    position INTEGER NOT NULL,    -- the publisher's order, from 1
                    is_part INTEGER NOT NULL,     -- 0 for a total stored beside the components (PAPI total_weighted)
                    PRIMARY KEY (index_code, key, lang)
                ) WITHOUT ROWID;
                """)
            try ComponentLabelTable.sync(db)
        }
        migrator.registerMigration("v9 procedure rollups per province and year") { db in
            try db.execute(sql: """
                -- The procedure breakdown of admin_rollup, one row per province and year instead of one per
                -- procedure, field and year: a province runs about 1,600 procedures, and writing them as
                -- rows cost as much as the dossiers of a log did. The cells are a JSON array; the view
                -- admin_rollup shows the same rows as the table of migration v2 did.
                ALTER TABLE admin_rollup RENAME TO admin_rollup_row;
                CREATE TABLE admin_procedure_rollup (
                    id INTEGER PRIMARY KEY,       -- source_id * 2^32 + row number of its first cell (cell k: id + k)
                    source_id INTEGER NOT NULL,   -- source(id)
                    province_id TEXT NOT NULL,    -- province(id)
                    year INTEGER NOT NULL,
                    -- One element per procedure and field: [procedure_id, field_id, first_day, last_day, received_total, received_online, received_full_online, received_direct, received_postal, resolved_total, resolved_on_time, resolved_late, pending]; days as days since 1970-01-01, null = not stated
                    cells TEXT NOT NULL
                );
                CREATE INDEX admin_procedure_rollup_by_province ON admin_procedure_rollup(province_id, year);
                CREATE TRIGGER source_delete_procedure_rollups AFTER DELETE ON source BEGIN
                    DELETE FROM admin_procedure_rollup WHERE id BETWEEN old.id * 4294967296 AND old.id * 4294967296 + 4294967295;
                END;
                -- Rows already loaded: each run of consecutive ids of one province and year becomes one
                -- row, so every cell keeps its id.
                CREATE TEMP TABLE moved AS
                SELECT *, id - row_number() OVER (PARTITION BY source_id, province_id, year ORDER BY id) AS run
                FROM admin_rollup_row
                WHERE grain = 'procedure' AND unit_id IS NULL AND level IS NULL AND period = printf('%04d', year);
                INSERT INTO admin_procedure_rollup (id, source_id, province_id, year, cells)
                SELECT min(id), source_id, province_id, year,
                       json_group_array(json_array(procedure_id, field_id, CAST(julianday(first_day) - 2440587.5 AS INTEGER), CAST(julianday(last_day) - 2440587.5 AS INTEGER),
                                                   received_total, received_online, received_full_online, received_direct, received_postal,
                                                   resolved_total, resolved_on_time, resolved_late, pending))
                FROM (SELECT * FROM temp.moved ORDER BY id)
                GROUP BY source_id, province_id, year, run;
                DELETE FROM admin_rollup_row WHERE id IN (SELECT id FROM temp.moved);
                DROP TABLE temp.moved;
                CREATE VIEW admin_rollup AS \(rollupViewV9);
                """)
        }
        migrator.registerMigration("v10 procedure code index") { db in
            // The code's UNIQUE constraint made an index that cannot be dropped; a named one can, so a load
            // that brings many codes makes it again by one sort instead of one random insert per code
            // (AdministrativeTableWriter.insertDictionaryAdditions). The table is made again, the view that
            // reads it too (SQLite checks views when a table is renamed), from its own definition.
            let view = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'dossier_detail'")
            try db.execute(sql: """
                CREATE TABLE admin_procedure_new (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL            -- '1.001193.000.00.00.H36'; unique (admin_procedure_by_code)
                );
                INSERT INTO admin_procedure_new (id, code) SELECT id, code FROM admin_procedure ORDER BY id;
                DROP VIEW IF EXISTS dossier_detail;
                DROP TABLE admin_procedure;
                ALTER TABLE admin_procedure_new RENAME TO admin_procedure;
                CREATE UNIQUE INDEX admin_procedure_by_code ON admin_procedure(code);
                """)
            if let view { try db.execute(sql: view) }
        }
        migrator.registerMigration("v11 unit rollups per province and year") { db in
            try db.execute(sql: """
                -- The unit breakdown of admin_rollup, one row per province and year instead of one per unit
                -- and year, as v9 did for procedures: a dossier log's ~25,000 unit rows were the slowest rows
                -- of a load after the dossiers (a sixth of the time after the parse). The view admin_rollup
                -- shows the same rows as before.
                CREATE TABLE admin_unit_rollup (
                    id INTEGER PRIMARY KEY,       -- source_id * 2^32 + row number of its first cell (cell k: id + k)
                    source_id INTEGER NOT NULL,   -- source(id)
                    province_id TEXT NOT NULL,    -- province(id)
                    year INTEGER NOT NULL,
                    -- One element per unit (or level): [unit_id, level, first_day, last_day, received_total, received_online, received_full_online, received_direct, received_postal, resolved_total, resolved_on_time, resolved_late, pending]; unit_id null when a report names only a level, level 'province', 'district', 'commune' or null; days as days since 1970-01-01, null = not stated
                    cells TEXT NOT NULL
                );
                CREATE INDEX admin_unit_rollup_by_province ON admin_unit_rollup(province_id, year);
                CREATE TRIGGER source_delete_unit_rollups AFTER DELETE ON source BEGIN
                    DELETE FROM admin_unit_rollup WHERE id BETWEEN old.id * 4294967296 AND old.id * 4294967296 + 4294967295;
                END;
                -- Rows already loaded: each run of consecutive ids of one province and year becomes one
                -- row, so every cell keeps its id.
                CREATE TEMP TABLE moved AS
                SELECT *, id - row_number() OVER (PARTITION BY source_id, province_id, year ORDER BY id) AS run
                FROM admin_rollup_row
                WHERE grain = 'unit' AND procedure_id IS NULL AND field_id IS NULL AND period = printf('%04d', year);
                INSERT INTO admin_unit_rollup (id, source_id, province_id, year, cells)
                SELECT min(id), source_id, province_id, year,
                       json_group_array(json_array(unit_id, level, CAST(julianday(first_day) - 2440587.5 AS INTEGER), CAST(julianday(last_day) - 2440587.5 AS INTEGER),
                                                   received_total, received_online, received_full_online, received_direct, received_postal,
                                                   resolved_total, resolved_on_time, resolved_late, pending))
                FROM (SELECT * FROM temp.moved ORDER BY id)
                GROUP BY source_id, province_id, year, run;
                DELETE FROM admin_rollup_row WHERE id IN (SELECT id FROM temp.moved);
                DROP TABLE temp.moved;
                DROP VIEW admin_rollup;
                CREATE VIEW admin_rollup AS \(rollupView);
                """)
        }
        return migrator
    }
}
