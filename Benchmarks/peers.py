#!/usr/bin/env python3
"""Time ChiSo's dossier ingest and rate queries against sqlite3 and DuckDB on one CSV file.

    peers.py --csv /tmp/dossiers-1m.csv --province 54 --year 2023
    peers.py --csv /tmp/dossiers-1m.csv --province 54 --year 2023 \\
        --chiso-ingest "chiso ingest {csv} --db {db}" \\
        --chiso-rates "chiso rates --db {db} --province {province} --year {year} --by month"

Prints Markdown to stdout (timings, ratios, DuckDB's and sqlite3's monthly rates); progress
goes to stderr. The CSV is the one generate_dossiers.py writes (see Benchmarks/README.md).

Without --csv, one run compares the log's shapes side by side (issue 13's ingest targets):

    peers.py --rows 1000000 --chiso .build/release/chiso

generates (or reuses, in --data-dir) the realistic and the high-cardinality log of --rows rows,
then times, shape after shape and round after round, `sqlite3 .import`, DuckDB's read_csv +
monthly rates (a child process) and `chiso ingest` (fresh database), with each one's peak RSS;
checks that ChiSo's yearly rates per province equal DuckDB's on the same file; and prints a
Markdown table with the ratio ChiSo / sqlite3 against the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

ONLINE = ("online", "trực tuyến")
TIME_BIN = "/usr/bin/time"
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CHISO = "/work/main/.build-release/release/chiso"
SHAPES = ("realistic", "high-cardinality", "basic")
# Issue 13's targets: ChiSo ingest time / sqlite3 `.import` time, and peak RSS of the ingest.
RATIO_TARGET = {"realistic": 0.35, "high-cardinality": 0.8}
RSS_TARGET_MIB = 64
RSS_TARGET_ALWAYS = {"high-cardinality"}  # for the others, from 10M rows on
DUCKDB_COLUMNS = {
    "dossier_id": "VARCHAR", "province_code": "VARCHAR", "unit_code": "VARCHAR",
    "unit_name": "VARCHAR", "procedure_code": "VARCHAR", "field": "VARCHAR",
    "received_at": "TIMESTAMPTZ", "channel": "VARCHAR", "online_level": "VARCHAR",
    "due_at": "DATE", "resolved_at": "TIMESTAMPTZ", "status": "VARCHAR",
}


def progress(message: str) -> None:
    print(f"peers.py: {message}", file=sys.stderr, flush=True)


def fail(message: str) -> None:
    print(f"peers.py: error: {message}", file=sys.stderr)
    sys.exit(1)


# --- tools -------------------------------------------------------------------------------

def apt_install(package: str, allowed: bool) -> None:
    if not allowed or os.geteuid() != 0 or shutil.which("apt-get") is None:
        fail(f"'{package}' is missing; install it with `apt-get install {package}` "
             f"(or run as root without --no-install)")
    progress(f"installing {package} with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True, env=env)


def ensure_tools(install: bool, need_time: bool):
    if shutil.which("sqlite3") is None:
        apt_install("sqlite3", install)
    version = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True,
                             check=True).stdout.split()[0]
    if tuple(int(x) for x in version.split(".")[:2]) < (3, 32):
        fail(f"sqlite3 {version} has no `.import --csv`; 3.32 or later is needed")
    if need_time and not os.access(TIME_BIN, os.X_OK):
        apt_install("time", install)
    try:
        import duckdb
    except ImportError:
        if not install:
            fail("the Python package duckdb is missing; install it with "
                 "`python3 -m pip install duckdb`")
        progress("installing duckdb with pip")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "duckdb"], check=True)
        import duckdb
    return version, duckdb


# --- SQL -----------------------------------------------------------------------------------

def sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def rates_sql_duckdb(source: str, province: str, year: int) -> str:
    """Monthly online-submission and on-time rates on typed columns (session zone +07:00)."""
    start = f"TIMESTAMPTZ '{year:04d}-01-01 00:00:00+07:00'"
    end = f"TIMESTAMPTZ '{year + 1:04d}-01-01 00:00:00+07:00'"
    online = ", ".join(sql_text(c) for c in ONLINE)
    p = sql_text(province)
    return f"""
WITH received AS (
    SELECT strftime(received_at, '%Y-%m') AS month,
           count(*) AS received,
           count(*) FILTER (WHERE channel IN ({online})) AS online
    FROM {source}
    WHERE province_code = {p} AND received_at >= {start} AND received_at < {end}
    GROUP BY month
), resolved AS (
    SELECT strftime(resolved_at, '%Y-%m') AS month,
           count(*) AS resolved,
           count(*) FILTER (WHERE CAST(resolved_at AS DATE) <= due_at) AS on_time
    FROM {source}
    WHERE province_code = {p} AND resolved_at >= {start} AND resolved_at < {end}
    GROUP BY month
)
SELECT month,
       coalesce(received, 0), coalesce(online, 0),
       coalesce(resolved, 0), coalesce(on_time, 0)
FROM received FULL OUTER JOIN resolved USING (month)
ORDER BY month
"""


def rates_sql_sqlite(province: str, year: int) -> str:
    """The same rates on sqlite3's all-text import, by comparing the ISO strings as written."""
    online = ", ".join(sql_text(c) for c in ONLINE)
    p = sql_text(province)
    lo, hi = sql_text(f"{year:04d}-"), sql_text(f"{year + 1:04d}-")
    return f"""
SELECT month, sum(received), sum(online), sum(resolved), sum(on_time) FROM (
    SELECT substr(received_at, 1, 7) AS month, 1 AS received,
           channel IN ({online}) AS online, 0 AS resolved, 0 AS on_time
    FROM t WHERE province_code = {p} AND received_at >= {lo} AND received_at < {hi}
    UNION ALL
    SELECT substr(resolved_at, 1, 7), 0, 0, 1, substr(resolved_at, 1, 10) <= due_at
    FROM t WHERE province_code = {p} AND resolved_at >= {lo} AND resolved_at < {hi}
) GROUP BY month ORDER BY month;
"""


# --- measuring -----------------------------------------------------------------------------

@dataclass
class Measure:
    label: str
    seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        ordered = sorted(self.seconds)
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

    @property
    def peak_rss_mib(self) -> float | None:
        return max(self.rss_kib) / 1024 if self.rss_kib else None


def run_process(command: list[str] | str, shell: bool = False) -> tuple[float, int | None, str]:
    """Run a whole process under /usr/bin/time; return (wall seconds, peak RSS KiB, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        argv = ["sh", "-c", command] if shell else list(command)
        wrapped = [TIME_BIN, "-f", "%M", "-o", rss_file.name] + argv
        started = time.perf_counter()
        done = subprocess.run(wrapped, capture_output=True)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            shown = command if shell else shlex.join(command)
            fail(f"`{shown}` exited with status {done.returncode}:\n"
                 + done.stderr.decode("utf-8", "replace").strip())
        text = rss_file.read().strip().splitlines()
    rss = int(text[-1]) if text and text[-1].isdigit() else None
    return elapsed, rss, done.stdout.decode("utf-8", "replace")


def remove_database(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".wal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def fill(template: str, values: dict[str, str]) -> str:
    # Plain replacement, not str.format: shell commands may hold other braces (awk, jq).
    for key, value in values.items():
        template = template.replace("{" + key + "}", shlex.quote(value))
    return template


def count_lines(path: str) -> tuple[int, float]:
    started = time.perf_counter()
    lines = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 24):
            lines += chunk.count(b"\n")
    return lines, time.perf_counter() - started


# --- formatting ----------------------------------------------------------------------------

def seconds(value: float | None) -> str:
    return "not measured" if value is None else f"{value:.3f}"


def ratio(numerator: float | None, denominator: float | None) -> str:
    if numerator is None or denominator is None:
        return "not yet measured"
    return f"{numerator / denominator:.2f}"


def mib(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


def rates_table(rows) -> list[str]:
    out = ["| month | received | online | online rate | resolved | on time | on-time rate |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for month, received, online, resolved, on_time in rows:
        online_rate = f"{online / received:.4f}" if received else ""
        on_time_rate = f"{on_time / resolved:.4f}" if resolved else ""
        out.append(f"| {month} | {received} | {online} | {online_rate} | {resolved} | "
                   f"{on_time} | {on_time_rate} |")
    return out


# --- main ----------------------------------------------------------------------------------

def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(
        description="Time ChiSo's dossier ingest and rates against sqlite3 and DuckDB.")
    parser.add_argument("--csv", default=None,
                        help="dossier log written by generate_dossiers.py (leave out to compare the shapes)")
    parser.add_argument("--province", default=None,
                        help="2-digit province code, e.g. 54 (needed with --csv; 54 in the shape comparison)")
    parser.add_argument("--year", default=None, type=int,
                        help="year of the rates, e.g. 2023 (needed with --csv; 2023 in the shape comparison)")
    shapes = parser.add_argument_group("shape comparison (without --csv)")
    shapes.add_argument("--shapes", default="realistic,high-cardinality",
                        help="comma-separated shapes of generate_dossiers.py to compare "
                             "(default: realistic,high-cardinality)")
    shapes.add_argument("--rows", type=int, default=1_000_000,
                        help="rows of each generated log (default 1000000; 10000000 for the memory target)")
    shapes.add_argument("--seed", type=int, default=1, help="seed of the generated logs (default 1)")
    shapes.add_argument("--data-dir", default="/tmp",
                        help="where the generated logs are written and reused (default /tmp)")
    shapes.add_argument("--chiso", default=DEFAULT_CHISO, metavar="PATH",
                        help=f"the chiso binary, a release build (default {DEFAULT_CHISO})")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each whole-process or load step; the best is shown (default 3)")
    parser.add_argument("--query-repeat", type=int, default=3,
                        help="runs of the DuckDB query on the loaded table; best shown (default 3)")
    parser.add_argument("--workdir", default=None,
                        help="folder for the databases (default: a new temporary folder, removed after)")
    parser.add_argument("--chiso-ingest", default=None, metavar="CMD",
                        help="shell command that loads {csv} into a fresh database {db}")
    parser.add_argument("--chiso-rates", default=None, metavar="CMD",
                        help="shell command that prints the monthly rates of {province} in {year} from {db}")
    parser.add_argument("--no-install", action="store_true",
                        help="fail instead of installing a missing sqlite3, time or duckdb")
    args = parser.parse_args(argv)
    if args.csv is None:
        if args.chiso_ingest or args.chiso_rates:
            parser.error("--chiso-ingest and --chiso-rates go with --csv; the shape comparison takes --chiso PATH")
        args.shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
        unknown = [s for s in args.shapes if s not in SHAPES]
        if not args.shapes or unknown:
            parser.error(f"--shapes: unknown shape(s) {', '.join(unknown) or '(none given)'}; "
                         f"choose from {', '.join(SHAPES)}")
        if args.rows < 1:
            parser.error(f"--rows must be 1 or more, got {args.rows}")
        args.province = args.province or "54"
        args.year = args.year or 2023
        if not re.fullmatch(r"\d{2}", args.province):
            parser.error(f"--province must be a 2-digit code such as 54, got {args.province!r}")
        if not os.access(args.chiso, os.X_OK):
            parser.error(f"--chiso {args.chiso}: not an executable file; build one with "
                         f"`swift build -c release --static-swift-stdlib --product chiso` and pass "
                         f"--chiso .build/release/chiso")
        if args.repeat < 1:
            parser.error("--repeat must be 1 or more")
        return args
    if args.province is None or args.year is None:
        parser.error("--csv needs --province and --year")
    if not os.path.isfile(args.csv):
        parser.error(f"--csv {args.csv}: no such file; write one with "
                     f"`python3 Benchmarks/generate_dossiers.py --rows 1000000 --seed 1 --out {args.csv}`")
    if not re.fullmatch(r"\d{2}", args.province):
        parser.error(f"--province must be a 2-digit code such as 54, got {args.province!r}")
    if args.repeat < 1 or args.query_repeat < 1:
        parser.error("--repeat and --query-repeat must be 1 or more")
    if args.chiso_rates and not args.chiso_ingest:
        parser.error("--chiso-rates needs --chiso-ingest (the rates run on the database it writes)")
    return args


def main(argv=None) -> int:
    args = parse_arguments(argv)
    sqlite_version, duckdb = ensure_tools(not args.no_install, need_time=True)
    if args.csv is None:
        return compare_shapes(args, sqlite_version, duckdb)
    csv_path = os.path.abspath(args.csv)
    own_workdir = args.workdir is None
    workdir = tempfile.mkdtemp(prefix="chiso-peers-") if own_workdir else args.workdir
    os.makedirs(workdir, exist_ok=True)
    try:
        return measure_all(args, csv_path, workdir, sqlite_version, duckdb)
    finally:
        if own_workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def measure_all(args, csv_path, workdir, sqlite_version, duckdb) -> int:
    size = os.path.getsize(csv_path)
    load_before = os.getloadavg()[0]
    lines, read_seconds = count_lines(csv_path)  # also warms the page cache for every peer
    _, read_seconds = count_lines(csv_path)
    progress(f"{csv_path}: {size / 1e6:.1f} MB, {lines - 1} data rows")

    # sqlite3 CLI: whole process, fresh database each run.
    sqlite_db = os.path.join(workdir, "sqlite3-import.db")
    sqlite_import = Measure("sqlite3 `.import --csv` (whole process, fresh db)")
    for i in range(args.repeat):
        remove_database(sqlite_db)
        progress(f"sqlite3 .import run {i + 1}/{args.repeat}")
        elapsed, rss, _ = run_process(["sqlite3", sqlite_db, f".import --csv {csv_path} t"])
        sqlite_import.seconds.append(elapsed)
        if rss is not None:
            sqlite_import.rss_kib.append(rss)
    sqlite_rates = Measure("sqlite3 rates query on the imported table (whole process)")
    sql = rates_sql_sqlite(args.province, args.year)
    sqlite_rows = None
    for i in range(args.repeat):
        progress(f"sqlite3 rates run {i + 1}/{args.repeat}")
        elapsed, rss, out = run_process(["sqlite3", "-bail", "-separator", ",", sqlite_db, sql])
        sqlite_rates.seconds.append(elapsed)
        if rss is not None:
            sqlite_rates.rss_kib.append(rss)
        sqlite_rows = [tuple([r[0]] + [int(x) for x in r[1:]])
                       for r in (line.split(",") for line in out.splitlines() if line)]
    remove_database(sqlite_db)

    # DuckDB, in process.
    read = (f"read_csv({sql_text(csv_path)}, header = true, delim = ',', quote = '\"', "
            f"escape = '\"', columns = {DUCKDB_COLUMNS!r})")
    duck_db = os.path.join(workdir, "duckdb-load.duckdb")
    duck_load = Measure("DuckDB: load CSV into a table (file db, CREATE TABLE AS + CHECKPOINT)")
    con = None
    for i in range(args.repeat):
        if con is not None:
            con.close()
        remove_database(duck_db)
        progress(f"DuckDB load run {i + 1}/{args.repeat}")
        con = duckdb.connect(duck_db)
        con.execute("SET TimeZone = 'Asia/Ho_Chi_Minh'")
        started = time.perf_counter()
        con.execute(f"CREATE TABLE t AS SELECT * FROM {read}")
        con.execute("CHECKPOINT")
        duck_load.seconds.append(time.perf_counter() - started)
    loaded_rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
    duck_query = Measure("DuckDB: monthly rates on the loaded table")
    query = rates_sql_duckdb("t", args.province, args.year)
    duck_rows = None
    for i in range(args.query_repeat):
        started = time.perf_counter()
        duck_rows = con.execute(query).fetchall()
        duck_query.seconds.append(time.perf_counter() - started)
    con.close()
    remove_database(duck_db)
    duck_direct = Measure("DuckDB: read_csv + monthly rates, no table (in-memory db)")
    direct_query = rates_sql_duckdb(read, args.province, args.year)
    for i in range(args.repeat):
        progress(f"DuckDB read_csv + rates run {i + 1}/{args.repeat}")
        con = duckdb.connect()  # fresh: no cached file data from an earlier run
        con.execute("SET TimeZone = 'Asia/Ho_Chi_Minh'")
        started = time.perf_counter()
        direct_rows = con.execute(direct_query).fetchall()
        duck_direct.seconds.append(time.perf_counter() - started)
        con.close()
        if direct_rows != duck_rows:
            fail("DuckDB's read_csv rates differ from its rates on the loaded table")
    duck_threads = duckdb.connect().execute("SELECT current_setting('threads')").fetchone()[0]

    # ChiSo, whole processes.
    chiso_ingest = chiso_rates = None
    chiso_output = ""
    if args.chiso_ingest:
        chiso_db = os.path.join(workdir, "chiso.sqlite")
        values = {"csv": csv_path, "db": chiso_db, "province": args.province,
                  "year": str(args.year)}
        chiso_ingest = Measure("ChiSo ingest (whole process, fresh db)")
        for i in range(args.repeat):
            remove_database(chiso_db)
            progress(f"ChiSo ingest run {i + 1}/{args.repeat}")
            elapsed, rss, _ = run_process(fill(args.chiso_ingest, values), shell=True)
            chiso_ingest.seconds.append(elapsed)
            if rss is not None:
                chiso_ingest.rss_kib.append(rss)
        if args.chiso_rates:
            chiso_rates = Measure("ChiSo rates (whole process)")
            for i in range(args.repeat):
                progress(f"ChiSo rates run {i + 1}/{args.repeat}")
                elapsed, rss, chiso_output = run_process(fill(args.chiso_rates, values), shell=True)
                chiso_rates.seconds.append(elapsed)
                if rss is not None:
                    chiso_rates.rss_kib.append(rss)
        remove_database(chiso_db)

    # Report.
    out = []
    out.append(f"## Peers on {os.path.basename(csv_path)}: province {args.province}, "
               f"year {args.year}")
    out.append("")
    out.append(f"- file: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB), {lines - 1} data rows "
               f"(DuckDB loaded {loaded_rows}); reading it once takes {read_seconds:.3f} s "
               f"(page cache warm)")
    out.append(f"- machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
               f"Python {platform.python_version()}; sqlite3 {sqlite_version}; "
               f"DuckDB {duckdb.__version__} ({duck_threads} threads)")
    runs = lambda n: f"{n} run" + ("" if n == 1 else "s")  # noqa: E731
    out.append(f"- {runs(args.repeat)} of each step ({runs(args.query_repeat)} of the DuckDB query "
               f"on the loaded table); ratios use the best run; whole-process times include "
               f"start-up; load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after "
               f"(the machine is shared: compare figures taken at a similar load)")
    out.append("")
    out.append("| step | best s | median s | worst s | peak RSS MiB |")
    out.append("| --- | ---: | ---: | ---: | ---: |")
    measures = [sqlite_import, sqlite_rates, duck_load, duck_query, duck_direct]
    measures += [m for m in (chiso_ingest, chiso_rates) if m is not None]
    for m in measures:
        rss = mib(m.peak_rss_mib) if m.rss_kib else "in process"
        out.append(f"| {m.label} | {seconds(m.best)} | {seconds(m.median)} | "
                   f"{seconds(max(m.seconds))} | {rss} |")
    if chiso_ingest is None:
        out.append("| ChiSo ingest (whole process, fresh db) | not yet measured | | | |")
    if chiso_rates is None:
        out.append("| ChiSo rates (whole process) | not yet measured | | | |")
    out.append("")
    ci = chiso_ingest.best if chiso_ingest else None
    cr = chiso_rates.best if chiso_rates else None
    both = ci + cr if ci is not None and cr is not None else None
    out.append("| ratio | value | target |")
    out.append("| --- | ---: | --- |")
    out.append(f"| ChiSo ingest / sqlite3 `.import` | {ratio(ci, sqlite_import.best)} | <= 0.5 |")
    out.append(f"| ChiSo rates (process) / DuckDB rates on loaded table (in process) | "
               f"{ratio(cr, duck_query.best)} | |")
    out.append(f"| ChiSo rates (process) / sqlite3 rates query (process) | "
               f"{ratio(cr, sqlite_rates.best)} | |")
    out.append(f"| (ChiSo ingest + rates) / DuckDB read_csv + rates | "
               f"{ratio(both, duck_direct.best)} | |")
    out.append(f"| DuckDB load / sqlite3 `.import` | "
               f"{ratio(duck_load.best, sqlite_import.best)} | (context) |")
    out.append("")
    out.append(f"### DuckDB rates, province {args.province}, {args.year}")
    out.append("")
    out += rates_table(duck_rows)
    out.append("")
    same = "yes" if sqlite_rows == [tuple(r) for r in duck_rows] else "NO, they differ"
    out.append(f"sqlite3's string-based query gives the same counts: {same}.")
    if not duck_rows:
        out.append("")
        out.append(f"No dossier of province {args.province} was received or resolved in "
                   f"{args.year}; pick a province and year present in the file.")
    if chiso_output:
        out.append("")
        out.append("### ChiSo rates output (last run, verbatim)")
        out.append("")
        out.append("```")
        out += chiso_output.rstrip("\n").splitlines()
        out.append("```")
    print("\n".join(out))
    return 0 if same == "yes" else 1


# --- the shape comparison (without --csv) ----------------------------------------------------

DUCKDB_CHILD = """
import json, sys, time
import duckdb
con = duckdb.connect()
con.execute("SET TimeZone = 'Asia/Ho_Chi_Minh'")
con.execute("SET enable_progress_bar = false")
started = time.perf_counter()
rows = con.execute(sys.argv[1]).fetchall()
print(json.dumps({"seconds": time.perf_counter() - started, "rows": [[str(v) for v in r] for r in rows]}))
"""


def generated_log(args, shape: str) -> str:
    """The log of `shape` in --data-dir, written by generate_dossiers.py unless already there."""
    path = os.path.join(os.path.abspath(args.data_dir), f"dossiers-{shape}-{args.rows}-seed{args.seed}.csv")
    if os.path.isfile(path):
        progress(f"reusing {path}")
        return path
    os.makedirs(os.path.dirname(path), exist_ok=True)
    progress(f"writing {path}")
    started = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(HERE, "generate_dossiers.py"), "--rows", str(args.rows),
                    "--seed", str(args.seed), "--shape", shape, "--out", path + ".part"], check=True)
    os.replace(path + ".part", path)
    progress(f"wrote {path} in {time.perf_counter() - started:.1f} s")
    return path


def yearly_counts_duckdb(duckdb, csv_path: str) -> dict[tuple[str, str], tuple[int, int, int, int]]:
    """(province, year) -> (received, online, resolved, on time), from the CSV's text as written."""
    online = ", ".join(sql_text(c) for c in ONLINE)
    read = f"read_csv({sql_text(csv_path)}, header = true, all_varchar = true)"
    con = duckdb.connect()
    received = con.execute(f"""
        SELECT province_code, substr(received_at, 1, 4), count(*),
               count(*) FILTER (WHERE channel IN ({online}))
        FROM {read} GROUP BY ALL""").fetchall()
    resolved = con.execute(f"""
        SELECT province_code, substr(resolved_at, 1, 4), count(*),
               count(*) FILTER (WHERE substr(resolved_at, 1, 10) <= due_at)
        FROM {read} WHERE resolved_at IS NOT NULL AND resolved_at <> '' GROUP BY ALL""").fetchall()
    con.close()
    out: dict[tuple[str, str], list[int]] = {}
    for province, year, n, k in received:
        out.setdefault((province, year), [0, 0, 0, 0])[0:2] = [n, k]
    for province, year, n, k in resolved:
        out.setdefault((province, year), [0, 0, 0, 0])[2:4] = [n, k]
    return {key: tuple(v) for key, v in out.items()}


def yearly_counts_chiso(chiso: str, db: str, years) -> dict[tuple[str, str], tuple[int, int, int, int]]:
    import csv
    import io
    out = {}
    for year in years:
        _, _, text = run_process([chiso, "rates", "--db", db, "--year", year, "--by", "province",
                                  "--format", "csv"])
        for row in csv.DictReader(io.StringIO(text)):
            counts = tuple(int(row[c]) for c in ("received_total", "received_online", "resolved_total",
                                                 "resolved_on_time"))
            if any(counts):
                out[(row["province_code"], year)] = counts
    return out


def compare_shapes(args, sqlite_version, duckdb) -> int:
    own_workdir = args.workdir is None
    workdir = tempfile.mkdtemp(prefix="chiso-peers-") if own_workdir else args.workdir
    os.makedirs(workdir, exist_ok=True)
    try:
        return compare_shapes_in(args, workdir, sqlite_version, duckdb)
    finally:
        if own_workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def compare_shapes_in(args, workdir, sqlite_version, duckdb) -> int:
    chiso = os.path.abspath(args.chiso)
    chiso_version = subprocess.run([chiso, "--version"], capture_output=True, text=True).stdout.strip()
    chiso_built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(os.path.getmtime(chiso)))
    paths = {shape: generated_log(args, shape) for shape in args.shapes}
    sizes = {shape: os.path.getsize(p) for shape, p in paths.items()}
    load_before = os.getloadavg()
    started_at = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    measures = {shape: {"sqlite": Measure("sqlite3 `.import --csv` (whole process, fresh db)"),
                        "duckdb": Measure("DuckDB read_csv + monthly rates (query time; RSS of the Python child)"),
                        "chiso": Measure("ChiSo ingest (whole process, fresh db)")}
                for shape in args.shapes}
    duck_rows = {}
    sqlite_db = os.path.join(workdir, "sqlite3-import.db")
    chiso_db = {shape: os.path.join(workdir, f"chiso-{shape}.sqlite") for shape in args.shapes}
    for shape, path in paths.items():
        count_lines(path)  # warms the page cache
    for round_number in range(1, args.repeat + 1):
        for shape in args.shapes:
            path = paths[shape]
            m = measures[shape]
            count_lines(path)  # the other shape's file may have pushed this one out of the cache
            progress(f"round {round_number}/{args.repeat}, {shape}: sqlite3 .import")
            remove_database(sqlite_db)
            elapsed, rss, _ = run_process(["sqlite3", sqlite_db, f".import --csv {path} t"])
            m["sqlite"].seconds.append(elapsed)
            m["sqlite"].rss_kib += [rss] if rss is not None else []
            remove_database(sqlite_db)
            progress(f"round {round_number}/{args.repeat}, {shape}: DuckDB read_csv + rates")
            read = (f"read_csv({sql_text(path)}, header = true, delim = ',', quote = '\"', "
                    f"escape = '\"', columns = {DUCKDB_COLUMNS!r})")
            _, rss, text = run_process([sys.executable, "-c", DUCKDB_CHILD,
                                        rates_sql_duckdb(read, args.province, args.year)])
            result = json.loads(text.strip().splitlines()[-1])  # the last line: nothing else can interfere
            m["duckdb"].seconds.append(result["seconds"])
            m["duckdb"].rss_kib += [rss] if rss is not None else []
            duck_rows[shape] = result["rows"]
            progress(f"round {round_number}/{args.repeat}, {shape}: chiso ingest")
            remove_database(chiso_db[shape])
            elapsed, rss, _ = run_process([chiso, "ingest", path, "--db", chiso_db[shape]])
            m["chiso"].seconds.append(elapsed)
            m["chiso"].rss_kib += [rss] if rss is not None else []
    load_after = os.getloadavg()

    # Nothing lost: ChiSo's yearly rates per province equal DuckDB's counts on the same file.
    checks = {}
    for shape, path in paths.items():
        progress(f"{shape}: comparing ChiSo's yearly rates per province with DuckDB's")
        expected = yearly_counts_duckdb(duckdb, path)
        years = sorted({year for _, year in expected})
        got = yearly_counts_chiso(chiso, chiso_db[shape], years)
        differing = sorted(k for k in set(expected) | set(got) if expected.get(k) != got.get(k))
        checks[shape] = (len(expected), differing)
        remove_database(chiso_db[shape])

    out = []
    out.append(f"## ChiSo ingest against sqlite3 and DuckDB, by shape ({args.rows:,} rows, seed {args.seed})")
    out.append("")
    out.append(f"- run {started_at}; load average {load_before[0]:.2f} / {load_before[1]:.2f} / "
               f"{load_before[2]:.2f} before, {load_after[0]:.2f} / {load_after[1]:.2f} / "
               f"{load_after[2]:.2f} after (1 / 5 / 15 min; the machine is shared)")
    out.append(f"- machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
               f"Python {platform.python_version()}; sqlite3 {sqlite_version}; DuckDB {duckdb.__version__}")
    out.append(f"- ChiSo: `{chiso}` ({chiso_version}, built {chiso_built})")
    for shape in args.shapes:
        out.append(f"- {shape}: `{paths[shape]}`, {sizes[shape] / 1e6:.1f} MB")
    runs = f"{args.repeat} round" + ("" if args.repeat == 1 else "s")
    out.append(f"- {runs}, each running every step on every shape in turn; times are the best run, "
               f"peak RSS the largest (`/usr/bin/time -f %M`); sqlite3 and ChiSo are whole processes, "
               f"DuckDB's time is its query in a child Python process (the RSS is that process's)")
    out.append("")
    out.append("| shape | sqlite3 `.import` | DuckDB read_csv + rates | ChiSo ingest | ChiSo / sqlite3 | "
               "ChiSo peak RSS | target | met? |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    all_met = True
    for shape in args.shapes:
        m = measures[shape]
        r = m["chiso"].best / m["sqlite"].best
        rss = m["chiso"].peak_rss_mib
        targets, met = [], []
        if shape in RATIO_TARGET:
            targets.append(f"≤ {RATIO_TARGET[shape]:.2f} × sqlite3")
            met.append(r <= RATIO_TARGET[shape])
        if shape in RSS_TARGET_ALWAYS or args.rows >= 10_000_000:
            targets.append(f"≤ {RSS_TARGET_MIB} MiB")
            met.append(rss is not None and rss <= RSS_TARGET_MIB)
        all_met = all_met and all(met)
        verdict = ", ".join("yes" if ok else "**no**" for ok in met) or "(no target)"
        out.append(f"| {shape} | {m['sqlite'].best:.3f} s ({mib(m['sqlite'].peak_rss_mib)} MiB) | "
                   f"{m['duckdb'].best:.3f} s ({mib(m['duckdb'].peak_rss_mib)} MiB) | "
                   f"**{m['chiso'].best:.3f} s** | **{r:.2f}** | **{mib(rss)} MiB** | "
                   f"{'; '.join(targets) or '—'} | {verdict} |")
    out.append("")
    out.append("Every run (seconds):")
    out.append("")
    out.append("| shape | step | runs | best | median | worst | peak RSS MiB |")
    out.append("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    for shape in args.shapes:
        for m in measures[shape].values():
            out.append(f"| {shape} | {m.label} | {', '.join(f'{s:.3f}' for s in m.seconds)} | "
                       f"{m.best:.3f} | {m.median:.3f} | {max(m.seconds):.3f} | {mib(m.peak_rss_mib)} |")
    out.append("")
    lost = False
    for shape in args.shapes:
        cells, differing = checks[shape]
        if differing:
            lost = True
            shown = "; ".join(f"{p} {y}" for p, y in differing[:5])
            out.append(f"- {shape}: ChiSo's yearly rates differ from DuckDB's for {len(differing)} of "
                       f"{cells} province-years (first: {shown})")
        else:
            out.append(f"- {shape}: ChiSo's yearly rates (received, online, resolved, on time) equal "
                       f"DuckDB's for all {cells} province-years")
        rows = duck_rows[shape]
        received = sum(int(r[1]) for r in rows)
        out.append(f"  (DuckDB's monthly rates of province {args.province} in {args.year}: {len(rows)} months, "
                   f"{received:,} dossiers received)")
    print("\n".join(out))
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
