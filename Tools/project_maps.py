#!/usr/bin/env python3
"""Projects the province boundaries once into the compact map geometry ChiSo bundles.

    python3 Tools/project_maps.py ../shared/data/geo Sources/ChiSoReport/Resources/maps

Input: vn63.geojson and vn34.geojson (geoBoundaries VNM ADM1, simplified; see datasets/SOURCES.md,
"Map geometry"). Output: vn63.txt and vn34.txt, read by ChiSoReport's `MapGeometry`.

Projection (fixed, so every map ChiSo draws has the same frame):
    x = (lon - 102.0) * cos(16 deg) * 60
    y = (23.5 - lat) * 60
an equirectangular projection with standard parallel 16 deg N, 60 units per degree of latitude,
coordinates rounded to whole units (1/60 deg, about 1.85 km). Consecutive points that round to the same
unit are dropped; shared borders round identically on both sides, so no gaps open between provinces.
An islet whose ring collapses to fewer than 3 distinct points is drawn as a 4 x 4 unit square, so the
Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa) islets stay visible.

File format (UTF-8, one record per line, tab-separated):
    # comment lines
    size <width> <height>
    group <name> <x0> <y0> <x1> <y1>        bounding box of an archipelago (hoang-sa, truong-sa)
    <code> <anchor x>,<anchor y> <path>     GSO code (2025 code in vn34), a point inside its largest
                                            ring, SVG path data (absolute M, relative l, z)
The script is deterministic: the same input writes the same bytes.
"""
import json, math, os, sys

K = 60.0
C = math.cos(math.radians(16))
LON0, LAT0 = 102.0, 23.5

def proj(lon, lat):
    return (int(round((lon - LON0) * C * K)), int(round((LAT0 - lat) * K)))

def ring_points(ring):
    pts = []
    for lon, lat in ring:
        q = proj(lon, lat)
        if not pts or pts[-1] != q:
            pts.append(q)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    if len(set(pts)) < 3:
        x, y = pts[0]
        pts = [(x - 2, y - 2), (x + 2, y - 2), (x + 2, y + 2), (x - 2, y + 2)]
    return pts

def area(pts):
    return abs(sum(pts[i][0] * pts[i - 1][1] - pts[i - 1][0] * pts[i][1] for i in range(len(pts)))) / 2

def path(rings):
    out = []
    for pts in rings:
        s = "M%d %d" % pts[0]
        px, py = pts[0]
        seg = "l"
        for x, y in pts[1:]:
            for v in (x - px, y - py):
                t = str(v)
                if seg[-1] != "l" and not t.startswith("-"):
                    seg += " "
                seg += t
            px, py = x, y
        out.append(s + seg + "z")
    return "".join(out)

def inside(pt, pts):
    x, y = pt; c = False
    for i in range(len(pts)):
        (x1, y1), (x2, y2) = pts[i - 1], pts[i]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            c = not c
    return c

def anchor(pts):
    """A point inside the ring: the centroid when inside, else the middle of the widest horizontal run."""
    a = sum(pts[i - 1][0] * pts[i][1] - pts[i][0] * pts[i - 1][1] for i in range(len(pts))) / 2
    if a != 0:
        cx = sum((pts[i - 1][0] + pts[i][0]) * (pts[i - 1][0] * pts[i][1] - pts[i][0] * pts[i - 1][1]) for i in range(len(pts))) / (6 * a)
        cy = sum((pts[i - 1][1] + pts[i][1]) * (pts[i - 1][0] * pts[i][1] - pts[i][0] * pts[i - 1][1]) for i in range(len(pts))) / (6 * a)
        if inside((cx, cy), pts):
            return (int(round(cx)), int(round(cy)))
    ys = sorted(p[1] for p in pts); y = (ys[0] + ys[-1]) / 2 + 0.5
    xs = sorted((pts[i - 1][0] + (y - pts[i - 1][1]) * (pts[i][0] - pts[i - 1][0]) / (pts[i][1] - pts[i - 1][1]))
                for i in range(len(pts)) if (pts[i - 1][1] > y) != (pts[i][1] > y))
    best = max(((xs[i + 1] - xs[i], (xs[i] + xs[i + 1]) / 2) for i in range(0, len(xs) - 1, 2)), default=(0, pts[0][0]))
    return (int(round(best[1])), int(round(y)))

def convert(src, dst, name):
    data = json.load(open(os.path.join(src, name + ".geojson"), encoding="utf-8"))
    lines = ["# ChiSo map geometry %s, made by Tools/project_maps.py from %s.geojson; do not edit." % (name, name),
             "# Source: " + data["source"],
             "# Licence: " + data["license"],
             "# Attribution: " + data["attribution"],
             "# Projection: x = (lon - 102) * cos(16 deg) * 60, y = (23.5 - lat) * 60; whole units."]
    maxx = maxy = 0
    records = []
    groups = {"hoang-sa": None, "truong-sa": None}
    for ft in sorted(data["features"], key=lambda f: f["properties"]["province_code"]):
        code = ft["properties"]["province_code"]
        g = ft["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        rings = []
        largest = None
        for poly in polys:
            outer_lon = min(p[0] for p in poly[0])
            for i, ring in enumerate(poly):
                pts = ring_points(ring)
                rings.append(pts)
                if i == 0 and (largest is None or area(pts) > area(largest)):
                    largest = pts
                # Islets far offshore: Hoàng Sa of Đà Nẵng (48; 2025: 48), Trường Sa of Khánh Hòa (56).
                if i == 0 and outer_lon > 110.5:
                    key = "hoang-sa" if min(p[1] for p in poly[0]) > 14 else "truong-sa"
                    xs = [p[0] for p in pts]; ys = [p[1] for p in pts]
                    b = groups[key]
                    groups[key] = (min(xs), min(ys), max(xs), max(ys)) if b is None else (min(b[0], min(xs)), min(b[1], min(ys)), max(b[2], max(xs)), max(b[3], max(ys)))
        for pts in rings:
            maxx = max([maxx] + [p[0] for p in pts]); maxy = max([maxy] + [p[1] for p in pts])
        ax, ay = anchor(largest)
        records.append("%s\t%d,%d\t%s" % (code, ax, ay, path(rings)))
    lines.append("size %d %d" % (maxx + 2, maxy + 2))
    for key in ("hoang-sa", "truong-sa"):
        b = groups[key]
        lines.append("group %s %d %d %d %d" % ((key,) + b))
    lines += records
    with open(os.path.join(dst, name + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")

if __name__ == "__main__":
    src, dst = sys.argv[1], sys.argv[2]
    for name in ("vn63", "vn34"):
        convert(src, dst, name)
