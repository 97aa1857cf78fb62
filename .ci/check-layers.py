#!/usr/bin/env python3
"""Fails when a target depends on a layer above it, or when GRDB is imported outside ChiSoStore.

Reads the package graph from `swift package describe --type json` (stdin), so the check follows
Package.swift rather than a copy of it. The layer order is the one ARCHITECTURE.md draws.
"""
import json, os, re, sys

LAYERS = ["ChiSoCore", "ChiSoCSV", "ChiSoIngest", "ChiSoStore", "ChiSoMetrics", "ChiSoReport",
          "ChiSoNotebook", "ChiSoApp", "ChiSoKit", "ChiSoCLI", "chiso"]
rank = {name: i for i, name in enumerate(LAYERS)}
package = json.load(sys.stdin)
problems = []
targets = {t["name"]: t for t in package["targets"]}
for name in LAYERS:
    if name not in targets:
        problems.append(f"Package.swift has no target {name}")
        continue
    for dep in targets[name].get("target_dependencies", []):
        if dep in rank and rank[dep] >= rank[name]:
            problems.append(f"{name} depends on {dep}, a layer at or above it")
    # Only the store talks to SQLite through GRDB.
    products = set(targets[name].get("product_dependencies", []))
    if name != "ChiSoStore" and products & {"GRDB", "GRDBSQLite"}:
        problems.append(f"{name} depends on GRDB; only ChiSoStore may")
for root, _, files in os.walk("Sources"):
    for f in files:
        if f.endswith(".swift"):
            path = os.path.join(root, f)
            if not path.startswith("Sources/ChiSoStore/") and re.search(r"^\s*(@\w+\s+)*import\s+GRDB", open(path, encoding="utf-8").read(), re.M):
                problems.append(f"{path} imports GRDB; only ChiSoStore may")
for p in problems:
    print("layers: error:", p)
print("layers: %d targets checked, %d problems" % (len(LAYERS), len(problems)))
sys.exit(1 if problems else 0)
