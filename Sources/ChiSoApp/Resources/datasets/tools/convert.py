#!/usr/bin/env python3
"""Convert the sourced CSVs in ../shared/data into ChiSo's bundled rankings and dossier-statistics CSVs.

Usage (from anywhere; paths are resolved from the repository root):

    python3 datasets/tools/convert.py              # (re)write the files in datasets/
    python3 datasets/tools/convert.py --check      # print the checks, compare with the committed files
    python3 datasets/tools/convert.py --shared PATH --out DIR

Rules this script keeps (see datasets/SOURCES.md):
- Numbers are copied as the source's TEXT ("66.60" stays "66.60"); floats are parsed only to
  validate them and to compare scores in the checks, never to write them.
- Output is UTF-8 without BOM, LF line ends, RFC 4180 quoting only where a field needs it.
  The writer is our own (a few lines) so the bytes do not depend on the Python version's csv module.
- Running it twice gives byte-identical files: rows keep the source order, nothing reads a clock.

Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

WIDE_HEADER = ["index", "year", "province_code", "province", "score", "rank", "of", "as_of", "note", "source_id"]
LONG_HEADER = ["index", "year", "province_code", "province", "metric", "value", "of", "as_of", "note", "source_id"]

PAPI_DIMENSIONS = [
    "d1_participation",
    "d2_transparency",
    "d3_vertical_accountability",
    "d4_control_of_corruption",
    "d5_public_admin_procedures",
    "d6_public_service_delivery",
    "d7_environmental_governance",
    "d8_e_governance",
]

STATISTICS_HEADER = ["period", "province_code", "province", "level", "received_total", "received_online",
                     "resolved_total", "note", "source_id"]

# Rows that use the 34 post-merger units' codes resolve them at the date the new units started.
AS_OF_34_UNITS = "2025-07-01"
PHU_YEN = "54"


class ConversionError(Exception):
    """A source file does not look as SOURCES.md describes it; the message says where and what to do."""


# --------------------------------------------------------------------------- CSV in and out


class SourceRow(dict):
    """A source row (column -> text) that remembers where it came from, for error messages."""

    def __init__(self, values: dict, path: Path, line: int):
        super().__init__(values)
        self.path = path
        self.line = line

    def where(self) -> str:
        return f"{self.path}:{self.line}"


def read_source(path: Path, expected_header: list[str]) -> list[SourceRow]:
    if not path.is_file():
        raise ConversionError(f"{path}: error: source file not found; pass the folder that holds it with --shared PATH")
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise ConversionError(f"{path}:1:1: error: starts with a byte-order mark; the shared data are UTF-8 without BOM")
    text = data.decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    if header != expected_header:
        raise ConversionError(
            f"{path}:1:1: error: header is {','.join(header)}; expected {','.join(expected_header)}. "
            "The source layout changed: update convert.py and datasets/SOURCES.md together"
        )
    rows = []
    for values in reader:
        line = reader.line_num
        if len(values) != len(header):
            raise ConversionError(f"{path}:{line}: error: {len(values)} fields, header has {len(header)}; fix the quoting in the source")
        rows.append(SourceRow(dict(zip(header, values)), path, line))
    return rows


def csv_field(text: str) -> str:
    # RFC 4180: quote only fields that hold a comma, a quote or a line break; double inner quotes.
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    lines = [",".join(csv_field(v) for v in header)]
    for row in rows:
        if len(row) != len(header):
            raise AssertionError(f"row has {len(row)} fields, header {len(header)}: {row}")
        lines.append(",".join(csv_field(v) for v in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def verbatim_copy(path: Path) -> bytes:
    """The source bytes with CRLF line ends turned into LF (the only change: datasets/ is LF-only)."""
    if not path.is_file():
        raise ConversionError(f"{path}: error: source file not found; pass the folder that holds it with --shared PATH")
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise ConversionError(f"{path}:1:1: error: starts with a byte-order mark; the shared data are UTF-8 without BOM")
    data.decode("utf-8")  # fail here, not in the ingest, if it is not UTF-8
    return data.replace(b"\r\n", b"\n")


# --------------------------------------------------------------------------- validation of copied text


def number(row: SourceRow, column: str) -> str:
    """The cell's text, checked to be a plain decimal number (or empty)."""
    text = row[column]
    if text and not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        raise ConversionError(f"{row.where()}: error: {column} {text!r} is not a plain decimal number; correct the source cell or leave it empty")
    return text


def whole(row: SourceRow, column: str) -> str:
    text = row[column]
    if text and not re.fullmatch(r"[1-9][0-9]*", text):
        raise ConversionError(f"{row.where()}: error: {column} {text!r} is not a whole number ≥ 1; correct the source cell or leave it empty")
    return text


def year(row: SourceRow) -> str:
    text = row["year"]
    if not re.fullmatch(r"(19|20)[0-9]{2}", text):
        raise ConversionError(f"{row.where()}: error: year {text!r} is not a four-digit year")
    return text


def code(row: SourceRow) -> str:
    text = row["province_code"]
    if text and not re.fullmatch(r"[0-9]{2}", text):
        raise ConversionError(f"{row.where()}: error: province_code {text!r} is not a two-digit GSO code")
    if not text and row["province_name"] != "Hà Tây":
        raise ConversionError(f"{row.where()}: error: empty province_code for {row['province_name']!r}; only Hà Tây has no code")
    return text


# --------------------------------------------------------------------------- the conversions

# Each builder returns (header, rows); a row is a list of texts in header order.


def build_pci(shared: Path):
    src = read_source(shared / "pci_2005_2021.csv", [
        "province_code", "province_name", "year", "pci_score", "pci_rank", "n_provinces_ranked",
        "pci_tier_in_source", "pci_unweighted", "source_label", "score_source", "rank_source",
    ])
    rows = []
    of_by_year: dict[str, str] = {}
    for r in src:
        y = year(r)
        of = whole(r, "n_provinces_ranked")
        if of_by_year.setdefault(y, of) != of:
            raise ConversionError(f"{r.where()}: error: n_provinces_ranked {of} differs from {of_by_year[y]} earlier in {y}")
        score, rank = number(r, "pci_score"), whole(r, "pci_rank")
        if rank and r["rank_source"] and r["rank_source"] != r["score_source"]:
            source_id = f"score: {r['score_source']}; rank: {r['rank_source']}"
        else:
            source_id = r["score_source"]
        note = f"tier: {r['pci_tier_in_source']}" if r["pci_tier_in_source"] else ""
        rows.append(["PCI", y, code(r), r["province_name"], score, rank, of, "", note, source_id])
    return WIDE_HEADER, rows, of_by_year


def build_pci_subindices(shared: Path, of_by_year: dict[str, str]):
    src = read_source(shared / "pci_subindices_2006_2021.csv",
                      ["province_code", "province_name", "year", "subindex_key", "score", "source_id"])
    rows = []
    for r in src:
        y = year(r)
        if y not in of_by_year:
            raise ConversionError(f"{r.where()}: error: no PCI {y} edition in pci_2005_2021.csv to take n_provinces_ranked from")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", r["subindex_key"]):
            raise ConversionError(f"{r.where()}: error: subindex_key {r['subindex_key']!r} is not a lower-case key")
        value = number(r, "score")
        if not value:
            raise ConversionError(f"{r.where()}: error: empty score; a long-format row needs a value, drop the row in the source")
        rows.append(["PCI", y, code(r), r["province_name"], r["subindex_key"], value, of_by_year[y], "", "", r["source_id"]])
    return LONG_HEADER, rows


def build_pci_partial(shared: Path):
    """PCI 2022–2024 facts: pci_2022_2024_partial.csv (source ids), then pci_2022_2024_press.csv
    (one address and the quoted words per row: the address becomes `source_id`, the quote `note`)."""
    src = read_source(shared / "pci_2022_2024_partial.csv",
                      ["province_code", "province_name", "year", "pci_score", "pci_rank", "pci_tier_in_source", "source_id", "note"])
    press = read_source(shared / "pci_2022_2024_press.csv",
                        ["province_code", "province_name", "year", "pci_score", "pci_rank", "source_url", "quote"])
    rows, dropped, seen = [], [], {}
    for r in [*src, *press]:
        score, rank = number(r, "pci_score"), whole(r, "pci_rank")
        if not score and not rank:
            dropped.append(r)  # a row with no number to load
            continue
        key = (year(r), code(r))
        if key in seen:
            raise ConversionError(f"{r.where()}: error: PCI {key[0]} {r['province_name']} is also at {seen[key].where()}; "
                                  "a province appears once per edition: drop one of the two rows")
        seen[key] = r
        notes = []
        if r.get("pci_tier_in_source"):
            notes.append(f"tier: {r['pci_tier_in_source']}")
        if r.get("note"):
            notes.append(r["note"])
        if r.get("quote"):
            notes.append(r["quote"])
        source_id = r.get("source_id") or r["source_url"]
        if not source_id:
            raise ConversionError(f"{r.where()}: error: no source; every row needs a source_id or source_url")
        rows.append(["PCI", year(r), code(r), r["province_name"], score, rank, "63", "", "; ".join(notes), source_id])
    # A rank stated twice in one edition means a misread source.
    ranks = Counter((row[1], row[5]) for row in rows if row[5])
    for (y, rank), n in sorted(ranks.items()):
        if n > 1:
            raise ConversionError(f"error: PCI {y} rank {rank} is given to {n} provinces across the PCI 2022–2024 files; check the sources")
    return WIDE_HEADER, rows, dropped


def build_papi(shared: Path):
    src = read_source(shared / "papi_2011_2024.csv", [
        "province_code", "province_name", "year", *PAPI_DIMENSIONS, "total_unweighted", "total_weighted",
        "n_dimensions_index", "data_note", "source_label", "source_id",
    ])
    header = WIDE_HEADER + [f"component.{d}" for d in PAPI_DIMENSIONS] + ["component.total_weighted"]
    rows, dropped = [], []
    for r in src:
        y = year(r)
        dims = [number(r, d) for d in PAPI_DIMENSIONS]
        weighted = number(r, "total_weighted")
        if weighted and y != "2019":
            raise ConversionError(f"{r.where()}: error: total_weighted given for {y}; SOURCES.md says it exists for 2019 only")
        total = number(r, "total_unweighted")
        if not total and not any(dims) and not weighted:
            dropped.append(r)
            continue
        rows.append(["PAPI", y, code(r), r["province_name"], total, "", "63", "", r["data_note"], r["source_id"], *dims, weighted])
    return header, rows, dropped


DTI_UNITS_2025 = "DTI-34"  # the index code of DTI editions published for the 34 units of 2025


def build_dti(shared: Path):
    """Both DTI source files in one long file: dti_partial_2020_2024.csv, then dti_more_2020_2024.csv.

    DTI 2024 was published twice: for the 63 pre-merger provinces (index `DTI`, `of` 63, like the
    earlier editions) and for the 34 units of 2025 (index `DTI-34`, `of` 34, as_of 2025-07-01), so
    the two are separate editions that ChiSo ranks apart. A figure stated by both files must be equal
    and is written once (from the first file).
    """
    header = ["province_code", "province_name", "year", "metric", "value", "unit_set", "source_id", "note"]
    src = read_source(shared / "dti_partial_2020_2024.csv", header)
    more = read_source(shared / "dti_more_2020_2024.csv", header)
    rows, dropped, seen = [], [], {}
    for r in [*src, *more]:
        y = year(r)
        if not r["province_code"] and not r["province_name"]:
            dropped.append(r)  # dti_score_provincial_mean: a national figure, not a province's
            continue
        if r["unit_set"].startswith("34 units"):
            if y != "2024":
                raise ConversionError(f"{r.where()}: error: 34-unit row in {y}; only DTI 2024 was published for the 34 units")
            index, of, as_of = DTI_UNITS_2025, "34", AS_OF_34_UNITS
        elif r["unit_set"].startswith("63 provinces"):
            index, of, as_of = "DTI", "63", ""
        else:
            raise ConversionError(f"{r.where()}: error: unit_set {r['unit_set']!r} is neither '63 provinces…' nor '34 units…'")
        metric = {"dti_rank": "rank", "dti_score": "score"}.get(r["metric"], r["metric"])
        if not re.fullmatch(r"[a-z][a-z0-9_]*", metric):
            raise ConversionError(f"{r.where()}: error: metric {r['metric']!r} is not a lower-case key")
        value = whole(r, "value") if metric == "rank" or metric.endswith("_rank") else number(r, "value")
        if not value:
            raise ConversionError(f"{r.where()}: error: empty value; a long-format row needs a value")
        key = (index, y, code(r), metric)
        if key in seen:
            first = seen[key]
            if float(first["value"]) != float(value):
                raise ConversionError(f"{r.where()}: error: {metric} {value} differs from {first['value']} at {first.where()}; "
                                      "correct one of the two sources")
            continue
        seen[key] = r
        rows.append([index, y, code(r), r["province_name"], metric, value, of, as_of, r["note"], r["source_id"]])
    return LONG_HEADER, rows, dropped


def build_dti_press(shared: Path, dti_rows: list[list[str]]):
    """Phú Yên's DTI 2021 and 2020 ranks, known only from Báo Phú Yên (WEB_BAOPHUYEN_CCHC)."""
    src = read_source(shared / "press_baophuyen_2022.csv",
                      ["province_code", "province_name", "index", "year", "rank", "of", "change_vs_previous_year", "source_id", "note"])
    dti = [r for r in src if r["index"] == "DTI"]
    if len(dti) != 1 or dti[0]["province_code"] != PHU_YEN or dti[0]["source_id"] != "WEB_BAOPHUYEN_CCHC":
        raise ConversionError(f"{src[0].path}: error: expected exactly one DTI row for Phú Yên (54) from WEB_BAOPHUYEN_CCHC")
    r = dti[0]
    y, rank, of, change = int(year(r)), int(whole(r, "rank")), whole(r, "of"), int(r["change_vs_previous_year"])
    # The note states the quoted phrase and, in brackets, the derived previous rank; both must agree.
    m = re.fullmatch(r'("[^"]+") \(so (\d{4}) rank = (\d+)/(\d+)\)', r["note"])
    if not m or int(m.group(2)) != y - 1 or int(m.group(3)) != rank + change or m.group(4) != of:
        raise ConversionError(f"{r.where()}: error: note {r['note']!r} does not state the previous rank {rank + change}/{of} for {y - 1}")
    phrase = m.group(1)
    for other in dti_rows:
        if other[2] == PHU_YEN and other[1] in (str(y), str(y - 1)):
            raise ConversionError(f"{shared / 'dti_partial_2020_2024.csv'}: error: has Phú Yên DTI {other[1]} ({other[4]}), "
                                  f"which {r.where()} also states; a province may appear once per edition: drop one of the two")
    rows = [
        ["DTI", str(y), PHU_YEN, r["province_name"], "", str(rank), of, "", phrase, r["source_id"]],
        ["DTI", str(y - 1), PHU_YEN, r["province_name"], "", str(rank + change), of, "",
         f"{phrase} ({y - 1}: {rank} + {change} = {rank + change})", r["source_id"]],
    ]
    return WIDE_HEADER, rows


def build_admin_statistics(shared: Path):
    """Aggregated dossier statistics from admin_services_partial.csv, where the source gives counts.

    Only counts become rows: a figure the source gives as a rate alone (Kon Tum's "nearly 98%"
    on time, Thái Nguyên's 97% and 99.7%, Hòa Bình's 96.6%) cannot honestly become a count, and the
    Decision-766 index score and rank of Bình Dương are not dossier statistics. Every metric of the
    source is either carried or listed in `left_out` with the reason (printed by --check).
    """
    src = read_source(shared / "admin_services_partial.csv",
                      ["province_code", "province_name", "period", "metric", "value", "unit", "source_id", "note"])
    by_key = {(r["province_code"], r["metric"]): r for r in src}

    def count(code_: str, metric: str) -> str:
        r = by_key[(code_, metric)]
        if r["unit"] != "dossiers" or not re.fullmatch(r"[0-9]+", r["value"]):
            raise ConversionError(f"{r.where()}: error: {metric} {r['value']!r} ({r['unit']}) is not a count of dossiers")
        return r["value"]

    def rate(code_: str, metric: str) -> float:
        return float(by_key[(code_, metric)]["value"])

    rows: list[list[str]] = []
    carried: set = set()
    # Kon Tum, Q1/2023 reporting window 2022-12-15..2023-03-14 (Decree 09/2019: reports Q1 2023).
    kt, window = "62", "2022-12-15..2023-03-14"
    kt_source = by_key[(kt, "dossiers_received_total")]["source_id"]
    total = int(count(kt, "dossiers_received_total"))
    levels = [("province", "province_level"), ("district", "district_level"), ("commune", "commune_level")]
    level_sum = sum(int(count(kt, f"{prefix}_dossiers_received")) for _, prefix in levels)
    online_sum = sum(int(count(kt, f"{prefix}_dossiers_online")) for _, prefix in levels)
    if level_sum != total or online_sum != int(count(kt, "dossiers_received_online")):
        raise ConversionError(f"{kt_source}: error: Kon Tum's levels add to {level_sum} received, {online_sum} online; "
                              "the totals differ, so the level rows would not add up to the report")
    for level, prefix in levels:
        received, online = count(kt, f"{prefix}_dossiers_received"), count(kt, f"{prefix}_dossiers_online")
        stated = rate(kt, f"{prefix}_online_rate")
        computed = 100 * int(online) / int(received)
        note = f"{level} level; received includes dossiers carried over from the previous period (report total 56,039 = 51,129 new + 4,910 carried over)"
        # The report's rates are its counts' ratios rounded or cut to 2 decimals, except one: say so.
        if abs(computed - stated) >= 0.01:
            note += f"; the report states an online rate of {by_key[(kt, prefix + '_online_rate')]['value']}%, its counts give {computed:.2f}%"
        rows.append([window, kt, "Kon Tum", level, received, online, "", note, kt_source])
        carried |= {f"{prefix}_dossiers_received", f"{prefix}_dossiers_online", f"{prefix}_online_rate"}
    rows.append([window, kt, "Kon Tum", "", "", "", count(kt, "dossiers_resolved"),
                 "all levels; resolved only (the report's on-time share, \"nearly 98%\", is approximate and gives no count)", kt_source])
    carried |= {"dossiers_received_total", "dossiers_received_online", "online_dossier_rate", "dossiers_resolved"}
    # Thái Nguyên, Q1/2023.
    tn = "19"
    tn_source = by_key[(tn, "dossiers_total")]["source_id"]
    rows.append(["2023-Q1", tn, "Thái Nguyên", "", count(tn, "dossiers_total"), count(tn, "dossiers_received_online"), "",
                 "all levels; the source's dossier total read as received (its online figure counts received dossiers); "
                 "on-time shares (97%, 99.7% online) are rates without counts", tn_source])
    carried |= {"dossiers_total", "dossiers_received_online"}
    left_out = []
    for r in src:
        if (r["metric"] not in carried) or r["province_code"] not in (kt, tn):
            reason = {
                "dossiers_received_direct_or_postal": "direct and postal are not told apart",
                "dossiers_carried_over": "carried-over dossiers have no column; the level totals include them",
                "dossiers_pending_within_deadline": "pending within the deadline only, not all pending dossiers",
                "on_time_or_early_rate": "a rate (approximate), no count",
                "on_time_rate": "a rate, no count",
                "online_dossiers_on_time_rate": "a rate, no count",
                "dossier_resolution_rate": "a rate, no count",
                "index_766_total_score": "a Decision-766 index score, not dossier statistics",
                "index_766_rank": "a Decision-766 index rank, not dossier statistics",
            }.get(r["metric"], "not a count of dossiers")
            left_out.append((r, reason))
    return STATISTICS_HEADER, rows, left_out


class Build:
    """Everything the script produces, in memory, so writing and checking see the same bytes."""

    def __init__(self, shared: Path):
        self.shared = shared
        pci_header, pci_rows, of_by_year = build_pci(shared)
        sub_header, sub_rows = build_pci_subindices(shared, of_by_year)
        part_header, part_rows, self.pci_partial_dropped = build_pci_partial(shared)
        papi_header, papi_rows, self.papi_dropped = build_papi(shared)
        dti_header, dti_rows, self.dti_dropped = build_dti(shared)
        press_header, press_rows = build_dti_press(shared, dti_rows)
        stats_header, stats_rows, self.admin_left_out = build_admin_statistics(shared)
        # name -> (format, header, rows); format is "wide", "long" or None for verbatim copies.
        self.tables = {
            "pci_2005_2021.csv": ("wide", pci_header, pci_rows),
            "pci_subindices_2006_2021.csv": ("long", sub_header, sub_rows),
            "pci_2022_2024_partial.csv": ("wide", part_header, part_rows),
            "papi_2011_2024.csv": ("wide", papi_header, papi_rows),
            "dti_2020_2024.csv": ("long", dti_header, dti_rows),
            "dti_press_baophuyen_2022.csv": ("wide", press_header, press_rows),
        }
        self.files: dict[str, bytes] = {name: csv_bytes(h, rows) for name, (_, h, rows) in self.tables.items()}
        # Dossier statistics: another kind of file (no index, year or score), kept out of `tables`,
        # which the rankings checks below walk.
        self.files["admin_statistics_partial.csv"] = csv_bytes(stats_header, stats_rows)
        self.files["checks/press_baophuyen_2022.csv"] = verbatim_copy(shared / "press_baophuyen_2022.csv")
        self.files["raw/admin_services_partial.csv"] = verbatim_copy(shared / "admin_services_partial.csv")
        # Reference material of the additions of 2026-12, not loaded: the Decision 766 indicator list
        # and published procedure figures with their denominators (see SOURCES.md).
        self.files["raw/qd766_indicators.csv"] = verbatim_copy(shared / "qd766_indicators.csv")
        self.files["raw/admin_services_examples_more.csv"] = verbatim_copy(shared / "admin_services_examples_more.csv")


# --------------------------------------------------------------------------- checks


def records(build: Build):
    """Every output value as (file, line, index, year, province key, as_of, name, metric, text)."""
    for name, (fmt, header, rows) in build.tables.items():
        for line, row in enumerate(rows, start=2):
            cell = dict(zip(header, row))
            key = cell["province_code"] or cell["province"]
            base = (name, line, cell["index"], cell["year"], key, cell["as_of"], cell["province"])
            if fmt == "long":
                yield (*base, cell["metric"], cell["value"])
            else:
                for column in header:
                    if (column in ("score", "rank") or column.startswith("component.")) and cell[column]:
                        yield (*base, column.removeprefix("component."), cell[column])


def editions(build: Build):
    """(index, year, as_of) -> province key -> {"name", "score", "rank"} over all files."""
    out: dict = defaultdict(lambda: defaultdict(dict))
    for _, _, index, y, key, as_of, name, metric, text in records(build):
        if metric in ("score", "rank"):
            entry = out[(index, y, as_of)][key]
            entry["name"] = name
            entry[metric] = text
    return out


def ordinal(entries: dict, key: str) -> tuple[int, int]:
    """Standard competition position of key's score among the scored entries, and how many are scored."""
    scored = {k: float(e["score"]) for k, e in entries.items() if e.get("score")}
    mine = scored[key]
    return 1 + sum(1 for v in scored.values() if v > mine), len(scored)


def run_checks(build: Build, out_dir: Path, sources_md: Path) -> int:
    problems = 0

    def say(text=""):
        print(text)

    say("== Rows per file, index and year")
    say("file | index | year | rows | provinces | with score | with rank | duplicates")
    for name, (fmt, header, rows) in build.tables.items():
        by_year: dict = defaultdict(list)
        for row in rows:
            cell = dict(zip(header, row))
            by_year[(cell["index"], cell["year"])].append(cell)
        for (index, y), cells in sorted(by_year.items()):
            keys = [(c["province_code"] or c["province"], c["as_of"]) for c in cells]
            if fmt == "long":
                dup = [k for k, n in Counter((*k, c["metric"]) for k, c in zip(keys, cells)).items() if n > 1]
                scored = {k for k, c in zip(keys, cells) if c["metric"] == "score"}
                ranked = {k for k, c in zip(keys, cells) if c["metric"] == "rank"}
            else:
                dup = [k for k, n in Counter(keys).items() if n > 1]
                scored = {k for k, c in zip(keys, cells) if c["score"]}
                ranked = {k for k, c in zip(keys, cells) if c["rank"]}
            problems += len(dup)
            say(f"{name} | {index} | {y} | {len(cells)} | {len(set(keys))} | {len(scored)} | {len(ranked)} | "
                + (", ".join(map(str, dup)) if dup else "none"))

    say()
    say("== Duplicates across files (score/rank per index, year, province; each component once)")
    seen: dict = {}
    dups = 0
    for name, line, index, y, key, as_of, _, metric, _ in records(build):
        k = (index, y, key, as_of, metric)
        if k in seen:
            dups += 1
            say(f"DUPLICATE {k}: {seen[k]} and {name}:{line}")
        else:
            seen[k] = f"{name}:{line}"
    say("none" if not dups else f"{dups} duplicate(s)")
    problems += dups
    # Not an error: a long file may add components to province-editions whose score/rank is in a wide file;
    # listed so the ingest's merging of such rows can be checked against these counts.
    files_by_edition: dict = defaultdict(set)
    for name, _, index, y, key, as_of, _, _, _ in records(build):
        files_by_edition[(index, y, key, as_of)].add(name)
    shared = Counter(tuple(sorted(names)) for names in files_by_edition.values() if len(names) > 1)
    for names, n in sorted(shared.items()):
        say(f"note: {n} province-editions appear in {' and '.join(names)} (different metrics)")

    say()
    say("== Rank vs score within an edition (higher score but worse rank; equal scores with different ranks)")
    eds = editions(build)
    found = 0
    for (index, y, as_of), entries in sorted(eds.items()):
        both = sorted(((k, e) for k, e in entries.items() if e.get("score") and e.get("rank")), key=lambda ke: int(ke[1]["rank"]))
        for i, (ka, a) in enumerate(both):
            for kb, b in both[i + 1:]:
                sa, sb, ra, rb = float(a["score"]), float(b["score"]), int(a["rank"]), int(b["rank"])
                if sb > sa and rb > ra or sa == sb and ra != rb:
                    found += 1
                    kind = "equal scores, different ranks" if sa == sb else "higher score, worse rank"
                    say(f"{index} {y}: {b['name']} ({kb}) score {b['score']} rank {b['rank']} vs "
                        f"{a['name']} ({ka}) score {a['score']} rank {a['rank']} [{kind}]")
    say("none" if not found else f"{found} pair(s): published as such, kept as published")

    say()
    say("== Published ranks vs ordinal position of the score (editions where ranks are partly published)")
    for (index, y, as_of), entries in sorted(eds.items()):
        scored = [e for e in entries.values() if e.get("score")]
        stated = [(k, e) for k, e in entries.items() if e.get("score") and e.get("rank")]
        if not stated or len(stated) == len(scored):
            continue
        if len(scored) < 10:
            say(f"{index} {y}: {len(scored)} scores, {len(stated)} ranks: too few scores to compare")
            continue
        bad = [(k, e, ordinal(entries, k)[0]) for k, e in stated if ordinal(entries, k)[0] != int(e["rank"])]
        say(f"{index} {y}: {len(stated)} published ranks among {len(scored)} scores; disagreeing with the ordinal position: "
            + (", ".join(f"{e['name']} rank {e['rank']} vs position {p}" for _, e, p in bad) if bad else "none"))

    say()
    say("== Phú Yên (54): ordinal position by score")
    expected = {("PCI", "2020"): 42, ("PCI", "2021"): 35, ("PAPI", "2020"): 59, ("PAPI", "2021"): 45}
    for (index, y), want in expected.items():
        entries = eds[(index, y, "")]
        pos, n = ordinal(entries, PHU_YEN)
        status = "ok" if pos == want else f"MISMATCH (expected {want})"
        problems += pos != want
        say(f"{index} {y}: score {entries[PHU_YEN]['score']}, position {pos} of {n} with a score — {status}")

    say()
    say("== Press figures (checks/press_baophuyen_2022.csv, WEB_BAOPHUYEN_CCHC) vs the data")
    press = list(csv.DictReader(io.StringIO(build.files["checks/press_baophuyen_2022.csv"].decode("utf-8"), newline="")))
    for p in press:
        index, y = p["index"], p["year"]
        prev = str(int(y) - 1)
        now, before = eds[(index, y, "")].get(p["province_code"], {}), eds[(index, prev, "")].get(p["province_code"], {})
        if now.get("score") and before.get("score"):
            pos_now, pos_before = ordinal(eds[(index, y, "")], p["province_code"])[0], ordinal(eds[(index, prev, "")], p["province_code"])[0]
            got = f"positions {pos_now} ({y}) and {pos_before} ({prev}), change +{pos_before - pos_now}"
            ok = pos_now == int(p["rank"]) and pos_before - pos_now == int(p["change_vs_previous_year"])
        else:
            got = f"ranks {now.get('rank', '—')} ({y}) and {before.get('rank', '—')} ({prev}) from the article itself"
            ok = now.get("rank") == p["rank"] and before.get("rank") == str(int(p["rank"]) + int(p["change_vs_previous_year"]))
        problems += not ok
        say(f"{index} {y}: press {p['rank']}/{p['of']}, +{p['change_vs_previous_year']}; data: {got} — {'ok' if ok else 'MISMATCH'}")

    say()
    say("== Rows left out")
    for label, dropped in (("pci_2022_2024_partial.csv (neither score nor rank)", build.pci_partial_dropped),
                           ("papi_2011_2024.csv (no value at all)", build.papi_dropped),
                           ("dti_partial_2020_2024.csv (no province)", build.dti_dropped)):
        say(f"{label}: {len(dropped)}")
        for r in dropped:
            say(f"  {r.path.name}:{r.line} {r['year']} {r['province_code'] or '—'} {r['province_name'] or '—'}"
                + (f" {r['metric']}" if "metric" in r else "") + (f" ({r['data_note']})" if r.get("data_note") else ""))

    say()
    say("== admin_statistics_partial.csv: source metrics not carried (admin_services_partial.csv)")
    for r, reason in build.admin_left_out:
        say(f"  {r.path.name}:{r.line} {r['province_name']} {r['metric']} = {r['value']} {r['unit']}: {reason}")

    say()
    say("== datasets/SOURCES.md")
    if sources_md.is_file():
        text = sources_md.read_text(encoding="utf-8")
        registry = source_registry(build.shared / "SOURCES.md")
        in_registry = set(re.findall(r"^\| ([A-Z][A-Z0-9_]+) \|", registry, re.M))
        if registry in text:
            say(f"source registry copied unchanged ({len(in_registry)} ids)")
        else:
            problems += 1
            say("MISSING: the source registry of the shared SOURCES.md is not copied unchanged")
        more = more_sources(build.shared / "SOURCES.md")
        more_ids = set()
        for first_cell in re.findall(r"^\| ([A-Z][A-Z0-9_ /]+) \|", more, re.M):
            # "WEB_PCIVN_LAMDONG / _PHUTHO / _NINHTHUAN" names three ids.
            parts = [p.strip() for p in first_cell.split("/")]
            stem = parts[0].rsplit("_", 1)[0]
            more_ids.update(parts[0:1] + [stem + p for p in parts[1:] if p.startswith("_")])
        if more in text:
            say(f"'More sources' table of the additions of 2026-12 copied unchanged ({len(more_ids)} ids)")
        else:
            problems += 1
            say("MISSING: the 'More sources' table of the shared SOURCES.md (additions of 2026-12) is not copied unchanged")
        in_registry |= more_ids
        used = set()
        for _, (_, header, rows) in build.tables.items():
            for row in rows:
                used.update(re.findall(r"\b(SRC_[A-Z]+|WEB_[A-Z0-9_]+|GH_[A-Z0-9_]+)\b", row[header.index("source_id")]))
        unknown = sorted(used - in_registry)
        problems += len(unknown)
        say(f"source ids used: {len(used)}; not in the registry: " + (", ".join(unknown) if unknown else "none"))
    else:
        problems += 1
        say(f"MISSING: {sources_md}")

    say()
    say("== Committed files vs this run")
    for name, data in sorted(build.files.items()):
        path = out_dir / name
        state = "up to date" if path.is_file() and path.read_bytes() == data else "STALE (run convert.py)"
        problems += state != "up to date"
        say(f"{name}: {state} ({row_count(data)} rows, {len(data)} bytes)")

    say()
    say("OK" if not problems else f"{problems} problem(s)")
    return problems


def row_count(data: bytes) -> int:
    """Data rows of a CSV (records, not physical lines: a quoted field may hold a line break)."""
    return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8"), newline=""))) - 1


def source_registry(shared_sources_md: Path) -> str:
    """The '## Source registry' section of the shared SOURCES.md, up to the next horizontal rule."""
    text = shared_sources_md.read_text(encoding="utf-8").replace("\r\n", "\n")
    start = text.index("## Source registry")
    end = text.index("\n---\n", start)
    return text[start:end]


def more_sources(shared_sources_md: Path) -> str:
    """The 'More sources' table of the shared SOURCES.md's additions of 2026-12 (header to last row)."""
    text = shared_sources_md.read_text(encoding="utf-8").replace("\r\n", "\n")
    start = text.index("| id | source |", text.index("## More sources"))
    end = text.index("\n\n", start)
    return text[start:end]


# --------------------------------------------------------------------------- main


def repository_root(start: Path) -> Path:
    # datasets/ is a symlink into Sources/ChiSoKit/Resources, so walk up to the folder with Package.swift.
    for folder in [start, *start.parents]:
        if (folder / "Package.swift").is_file():
            return folder
    raise ConversionError(f"{start}: error: no Package.swift above this script; run it from a ChiSo checkout")


def main(argv: list[str]) -> int:
    script = Path(__file__).resolve()
    parser = argparse.ArgumentParser(description="Convert ../shared/data into ChiSo's bundled rankings CSVs.")
    parser.add_argument("--shared", type=Path, help="folder with the sourced CSVs (default: ../shared/data from the repository root)")
    parser.add_argument("--out", type=Path, help="folder to write (default: the datasets/ folder that holds this script)")
    parser.add_argument("--check", action="store_true", help="write nothing; print the checks and compare with the files in --out")
    args = parser.parse_args(argv)
    try:
        root = repository_root(script.parent)
        shared = args.shared if args.shared else root / ".." / "shared" / "data"
        out_dir = args.out if args.out else script.parent.parent
        build = Build(shared)
        if args.check:
            return 1 if run_checks(build, out_dir, out_dir / "SOURCES.md") else 0
        for name, data in sorted(build.files.items()):
            path = out_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_file() and path.read_bytes() == data:
                status = "unchanged"
            else:
                path.write_bytes(data)
                status = "written"
            print(f"{name}: {status} ({row_count(data)} rows)", file=sys.stderr)
        return 0
    except ConversionError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
