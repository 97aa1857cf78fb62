#!/usr/bin/env python3
"""Time `chiso ingest` of a dossier log saved as .xlsx against openpyxl merely iterating its rows.

    pip install openpyxl
    swift build -c release
    python3 Benchmarks/xlsx_bench.py --rows 200000 --chiso .build/release/chiso

Steps:
1. the synthetic log of generate_dossiers.py (seeded, byte-identical everywhere) as CSV;
2. the same rows written to .xlsx by openpyxl, the way one-stop-shop exports look: a title row
   and a blank row above the header, codes as text, dates and date-times as real Excel dates
   (serial numbers with a date format), ids as shared strings;
3. openpyxl in read-only mode iterating every row (`iter_rows(values_only=True)`), best of N;
4. `chiso ingest` of the .xlsx into a fresh database, best of N (and of the CSV, for reference);
5. the ratio, the issue's target being <= 0.2.
Peak memory (max RSS) of each is printed too.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))


def make_csv(rows: int, path: str) -> None:
    if os.path.exists(path):
        return
    subprocess.run([sys.executable, os.path.join(HERE, "generate_dossiers.py"), "--rows", str(rows), "--seed", "1", "--out", path], check=True)


def parse_time(text: str):
    """2023-03-15T09:12:45+07:00 -> naive local datetime (as an export on the local clock holds it)."""
    if not text:
        return None
    return datetime.fromisoformat(text[:19])


def make_xlsx(csv_path: str, xlsx_path: str) -> None:
    if os.path.exists(xlsx_path):
        return
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Hồ sơ")
    ws.append(["DANH SÁCH HỒ SƠ TIẾP NHẬN (xuất từ hệ thống một cửa)"])
    ws.append([])
    date_columns = {"received_at", "due_at", "resolved_at"}
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        ws.append(header)
        kinds = [c in date_columns for c in header]
        for row in reader:
            out = []
            for is_date, value in zip(kinds, row):
                if is_date and value:
                    # A date alone (a due date) with a date format, a date-time with a date-time format.
                    moment = parse_time(value)
                    cell = WriteOnlyCell(ws, value=moment.date() if len(value) == 10 else moment)
                    cell.number_format = "dd/mm/yyyy" if len(value) == 10 else "dd/mm/yyyy hh:mm:ss"
                    out.append(cell)
                else:
                    out.append(value)
            ws.append(out)
    wb.save(xlsx_path)


def max_rss_children_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def time_openpyxl(xlsx_path: str) -> tuple[float, int, float]:
    code = (
        "import sys, time, resource\n"
        "from openpyxl import load_workbook\n"
        "t = time.perf_counter()\n"
        "wb = load_workbook(sys.argv[1], read_only=True)\n"
        "ws = wb.worksheets[0]\n"
        "n = 0\n"
        "for row in ws.iter_rows(values_only=True):\n"
        "    n += 1\n"
        "u = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(time.perf_counter() - t, n, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, xlsx_path], check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]), float(out[2]), float(out[3])


def time_chiso(chiso: str, path: str) -> tuple[float, float, str, float]:
    """Wall seconds, max RSS (MB), chiso's own output, CPU seconds (user + system)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.sqlite")
        t = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", chiso, "ingest", "--db", db, path], capture_output=True, text=True, cwd=tmp)
        elapsed = time.perf_counter() - t
        if p.returncode != 0:
            sys.exit(f"chiso ingest failed:\n{p.stderr}")
        lines = p.stderr.strip().splitlines()
        rss, user, system = lines[-1].split()
        return elapsed, int(rss) / 1024, "\n".join(lines[:-1]), float(user) + float(system)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--chiso", default=".build/release/chiso")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--py-repeat", type=int, default=1, help="openpyxl runs (each takes tens of seconds)")
    parser.add_argument("--openpyxl", default=None, help="WALL,CPU seconds of an earlier openpyxl run, instead of running it again")
    parser.add_argument("--dir", default=tempfile.gettempdir())
    args = parser.parse_args()

    csv_path = os.path.join(args.dir, f"dossiers-{args.rows}.csv")
    xlsx_path = os.path.join(args.dir, f"dossiers-{args.rows}.xlsx")
    make_csv(args.rows, csv_path)
    make_xlsx(csv_path, xlsx_path)
    print(f"{xlsx_path}: {os.path.getsize(xlsx_path) / 1e6:.1f} MB (CSV {os.path.getsize(csv_path) / 1e6:.1f} MB)")

    # Wall time and CPU time (user + system) of each: on a machine other jobs share, CPU time is the steadier figure.
    args.chiso = os.path.abspath(args.chiso)
    # --openpyxl WALL,CPU reuses a measurement (openpyxl takes minutes on a loaded machine).
    py = [(float(args.openpyxl.split(",")[0]), args.rows + 3, float("nan"), float(args.openpyxl.split(",")[1]))] if args.openpyxl else \
        [time_openpyxl(xlsx_path) for _ in range(args.py_repeat)]
    best_py, best_py_cpu = min(p[0] for p in py), min(p[3] for p in py)
    print(f"openpyxl read-only iteration: {best_py:.2f} s wall, {best_py_cpu:.2f} s CPU, best of {args.py_repeat} "
          f"({py[0][1]} rows, max RSS {max(p[2] for p in py):.0f} MB)")

    runs = [time_chiso(args.chiso, xlsx_path) for _ in range(args.repeat)]
    best, best_cpu = min(r[0] for r in runs), min(r[3] for r in runs)
    print(f"chiso ingest .xlsx: {best:.2f} s wall, {best_cpu:.2f} s CPU, best of {args.repeat} (max RSS {max(r[1] for r in runs):.0f} MB)")
    print(runs[0][2])
    csv_runs = [time_chiso(args.chiso, csv_path) for _ in range(args.repeat)]
    print(f"chiso ingest .csv (same rows): {min(r[0] for r in csv_runs):.2f} s wall, {min(r[3] for r in csv_runs):.2f} s CPU "
          f"(max RSS {max(r[1] for r in csv_runs):.0f} MB)")
    print(f"ratio chiso/openpyxl, wall: {best / best_py:.3f}; CPU: {best_cpu / best_py_cpu:.3f} (target <= 0.2)")


if __name__ == "__main__":
    main()
