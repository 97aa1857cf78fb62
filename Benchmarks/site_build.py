#!/usr/bin/env python3
"""Times `chiso build` (the whole site, once) against pages x one `chiso report province` process.

    python3 Benchmarks/site_build.py --chiso .build/release/chiso [--runs 3] [--samples 5]

Run from the repository root (it reads chiso.yml). The site goes to a temporary folder; the province
reports read a database (./chiso.sqlite of the temporary folder) made once beforehand from the bundled datasets (so a report process pays its
start-up and queries, not the database build). Prints a Markdown table and the ratio the issue bounds
(target: at most 0.25).
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

def timed(cmd, **kw):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--chiso", default=".build/debug/chiso")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--samples", type=int, default=5, help="province report processes timed")
    a = p.parse_args()
    chiso = os.path.abspath(a.chiso)
    work = tempfile.mkdtemp(prefix="chiso-site-")
    try:
        site = os.path.join(work, "site")
        builds = []
        for _ in range(a.runs):
            shutil.rmtree(site, ignore_errors=True)
            builds.append(timed([chiso, "build", "--out", site]))
        pages = sum(1 for root, _, files in os.walk(site) for f in files if f.endswith(".html"))
        # The first report process makes ./chiso.sqlite (in the temporary folder) from the bundled
        # datasets; it is not timed.
        subprocess.run([chiso, "report", "province", "--province", "Phú Yên", "--year", "2021", "-o", "warm.html"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
        provinces = ["Phú Yên", "Hà Nội", "Lào Cai", "Cà Mau", "Đà Nẵng", "Bình Dương", "Quảng Ninh", "Kon Tum"]
        reports = [timed([chiso, "report", "province", "--province", provinces[i % len(provinces)], "--year", "2021",
                          "-o", "r.html"], cwd=work) for i in range(a.samples)]
        build, one = statistics.median(builds), statistics.median(reports)
        ratio = build / (pages * one)
        print("| measure | value |\n| --- | --- |")
        print(f"| `chiso build` (whole site, median of {a.runs}) | {build:.2f} s |")
        print(f"| HTML pages in the site | {pages} |")
        print(f"| one `chiso report province` process (median of {a.samples}) | {one * 1000:.0f} ms |")
        print(f"| pages × one report | {pages * one:.1f} s |")
        print(f"| ratio build / (pages × one report) | {ratio:.3f} (target ≤ 0.25) |")
        return 0 if ratio <= 0.25 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    sys.exit(main())
