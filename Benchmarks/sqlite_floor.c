/*
 * What SQLite alone costs to store a dossier log: 1M rows of the `dossier` table's shape (a 25-byte
 * dossier id, eight integers, two of them sometimes NULL), bound with prepared statements of 64 rows
 * in one transaction, into a fresh database: no reading, no parsing, no checks, no rollups. ChiSo's
 * writer does the same per row; this is the time no ingest that keeps a row per dossier in SQLite
 * goes under on this machine (see "The floor" in README.md).
 *
 *   cc -O2 Benchmarks/sqlite_floor.c -o /tmp/sqlite_floor -lsqlite3 && /tmp/sqlite_floor /tmp/floor.db
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void must(int rc, sqlite3 *db, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        fprintf(stderr, "sqlite_floor: %s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: sqlite_floor DATABASE [ROWS]\n");
        return 2;
    }
    const char *path = argv[1];
    const int rows = argc > 2 ? atoi(argv[2]) : 1000000, per = 64;
    char journal[4096];
    snprintf(journal, sizeof journal, "%s-journal", path);
    remove(path);
    remove(journal);
    sqlite3 *db;
    must(sqlite3_open(path, &db), db, "open");
    must(sqlite3_exec(db, "CREATE TABLE dossier (id INTEGER PRIMARY KEY, dossier_id TEXT NOT NULL, unit_id INTEGER NOT NULL, "
                          "procedure_id INTEGER NOT NULL, field_id INTEGER, received_at INTEGER NOT NULL, channel INTEGER NOT NULL, "
                          "online_level INTEGER, due_day INTEGER NOT NULL, resolved_at INTEGER)", 0, 0, 0), db, "create");
    char sql[8192] = "INSERT INTO dossier VALUES ";
    for (int k = 0; k < per; k++) strcat(sql, k ? ",(?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?)");
    double start = now();
    must(sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0), db, "begin");
    sqlite3_stmt *s;
    must(sqlite3_prepare_v2(db, sql, -1, &s, 0), db, "prepare");
    char id[64];
    for (int i = 0; i + per <= rows; i += per) {
        for (int k = 0; k < per; k++) {
            int r = i + k, p = k * 10;
            int n = snprintf(id, sizeof id, "000.00.01.H01-2201%02d-%06d", r % 30, r);
            sqlite3_bind_int64(s, p + 1, (1LL << 32) | r);
            sqlite3_bind_text(s, p + 2, id, n, SQLITE_TRANSIENT);
            sqlite3_bind_int64(s, p + 3, r % 8000);
            sqlite3_bind_int64(s, p + 4, r % 100000);
            sqlite3_bind_int64(s, p + 5, r % 300);
            sqlite3_bind_int64(s, p + 6, 1640000000LL + r * 60LL);
            sqlite3_bind_int64(s, p + 7, 1 + r % 3);
            if (r % 3 == 0) sqlite3_bind_int64(s, p + 8, 1 + r % 2); else sqlite3_bind_null(s, p + 8);
            sqlite3_bind_int64(s, p + 9, 19000 + r % 1000);
            if (r % 7) sqlite3_bind_int64(s, p + 10, 1640000000LL + r * 60LL + 86400 * 3); else sqlite3_bind_null(s, p + 10);
        }
        must(sqlite3_step(s), db, "insert");
        sqlite3_reset(s);
    }
    double inserted = now();
    sqlite3_finalize(s);
    must(sqlite3_exec(db, "COMMIT", 0, 0, 0), db, "commit");
    double committed = now();
    printf("%d rows: inserts %.3f s, commit %.3f s, total %.3f s\n", rows, inserted - start, committed - inserted, committed - start);
    sqlite3_close(db);
    return 0;
}
