#!/usr/bin/env python3
"""Check that an aggregate file equals the aggregate recomputed from its dossier log.

    check_aggregate.py --log /tmp/dossiers-1m.csv --aggregate /tmp/dossiers-1m-agg.csv

Recomputes every aggregate cell from the log with DuckDB, comparing the ISO strings as
written (month = first 7 characters; on time = date part of resolved_at <= due_at), and
prints a few shares of the log. Exit status 0 when every cell matches, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys

KEY = "period, province, unit_code, unit_name, level, procedure_code, field"
COUNTS = ("received_total, received_online, received_direct, received_postal, "
          "resolved_total, resolved_on_time, resolved_late, pending")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", required=True, help="dossier log from generate_dossiers.py")
    parser.add_argument("--aggregate", required=True, help="its --aggregate file")
    args = parser.parse_args(argv)
    try:
        import duckdb
    except ImportError:
        print("check_aggregate.py: error: the Python package duckdb is missing; install it "
              "with `python3 -m pip install duckdb`", file=sys.stderr)
        return 1
    con = duckdb.connect()
    quote = lambda path: "'" + path.replace("'", "''") + "'"  # noqa: E731
    con.execute(f"CREATE VIEW t AS SELECT * FROM read_csv({quote(args.log)}, header = true, "
                f"all_varchar = true)")
    con.execute(f"CREATE VIEW a AS SELECT {KEY}, {COUNTS} FROM read_csv({quote(args.aggregate)}, "
                f"header = true, all_varchar = true)")
    # The log has no level column: it follows from the unit code (54.X.*, 54.H.*, else province).
    con.execute("""
CREATE VIEW r AS
WITH units AS (
    SELECT DISTINCT unit_code,
           CASE WHEN unit_code LIKE '__.X.%' THEN 'commune'
                WHEN unit_code LIKE '__.H.%' THEN 'district' ELSE 'province' END AS level
    FROM t
), received AS (
    SELECT substr(received_at, 1, 7) AS period, province_code AS province, unit_code, unit_name,
           procedure_code, field, count(*) AS rt,
           count(*) FILTER (WHERE channel IN ('online', 'trực tuyến')) AS ro,
           count(*) FILTER (WHERE channel IN ('direct', 'trực tiếp')) AS rd,
           count(*) FILTER (WHERE channel IN ('postal', 'bưu chính')) AS rp,
           count(*) FILTER (WHERE resolved_at IS NULL) AS pe
    FROM t GROUP BY ALL
), resolved AS (
    SELECT substr(resolved_at, 1, 7) AS period, province_code AS province, unit_code, unit_name,
           procedure_code, field, count(*) AS st,
           count(*) FILTER (WHERE substr(resolved_at, 1, 10) <= due_at) AS so,
           count(*) FILTER (WHERE substr(resolved_at, 1, 10) > due_at) AS sl
    FROM t WHERE resolved_at IS NOT NULL GROUP BY ALL
)
SELECT period, province, unit_code, unit_name, units.level, procedure_code, field,
       coalesce(rt, 0)::VARCHAR, coalesce(ro, 0)::VARCHAR, coalesce(rd, 0)::VARCHAR,
       coalesce(rp, 0)::VARCHAR, coalesce(st, 0)::VARCHAR, coalesce(so, 0)::VARCHAR,
       coalesce(sl, 0)::VARCHAR, coalesce(pe, 0)::VARCHAR
FROM received FULL OUTER JOIN resolved
     USING (period, province, unit_code, unit_name, procedure_code, field)
JOIN units USING (unit_code)
""")
    one = lambda sql: con.execute(sql).fetchone()  # noqa: E731
    rows, ids, units, provinces = one(
        "SELECT count(*), count(DISTINCT dossier_id), count(DISTINCT unit_code), "
        "count(DISTINCT province_code) FROM t")
    print(f"log: {rows} dossiers, ids unique: {'yes' if ids == rows else 'NO'}, "
          f"{provinces} provinces, {units} units")
    for year, share in con.execute(
            "SELECT substr(received_at, 1, 4), avg((channel IN ('online', 'trực tuyến'))::INT) "
            "FROM t GROUP BY 1 ORDER BY 1").fetchall():
        print(f"online share {year}: {share:.3f}")
    pending, late = one(
        "SELECT avg((resolved_at IS NULL)::INT), "
        "avg((substr(resolved_at, 1, 10) > due_at)::INT) FILTER (WHERE resolved_at IS NOT NULL) "
        "FROM t")
    print(f"pending share: {pending:.4f}, late share of resolved: {late:.4f}")
    missing = one("SELECT count(*) FROM (FROM r EXCEPT ALL FROM a)")[0]
    extra = one("SELECT count(*) FROM (FROM a EXCEPT ALL FROM r)")[0]
    cells = one("SELECT count(*) FROM a")[0]
    print(f"aggregate: {cells} cells; recomputed from the log but absent or different: "
          f"{missing}; in the file but not recomputed: {extra}")
    ok = missing == 0 and extra == 0 and ids == rows
    print("aggregate matches the log" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
