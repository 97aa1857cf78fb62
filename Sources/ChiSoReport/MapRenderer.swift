import ChiSoCore
import ChiSoMetrics

/// Draws a `ChoroplethMap` as SVG: one `<path data-province="…">` per unit with a `<title>` naming it
/// and its value (hover text without script), "no data" hatched, the archipelagos of Hoàng Sa and
/// Trường Sa boxed and labelled as Vietnam's (islets of Đà Nẵng and Khánh Hòa), and optionally the
/// legend and attribution inside the drawing (for a standalone file; HTML pages write them as text).
///
/// The same map gives the same bytes: the geometry is pre-projected whole units, and units are
/// drawn in GSO code order.
public enum MapRenderer {
    /// - Parameters:
    ///   - id: unique in the page; prefixes the hatching pattern's id and names the title and description.
    ///   - standalone: draw the legend and the attribution inside the SVG.
    public static func svg(for map: ChoroplethMap, id: String, standalone: Bool = false, registry: ProvinceRegistry = .standard) -> String {
        let geometry = MapGeometry.of(map.units)
        let e = HTMLEscaping.escape
        let vi = map.language == .vi
        let safeID = e(id)
        let width = geometry.width + 20
        let legendHeight = standalone ? (map.classes.count + 1) * 24 + 10 : 0
        let bottom = standalone ? 40 : 0
        let height = geometry.height + bottom
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\""
        out += " aria-labelledby=\"\(safeID)-title\" aria-describedby=\"\(safeID)-desc\" font-family=\"\(SVGChartRenderer.fontFamily)\" font-size=\"16\" class=\"choropleth\">\n"
        out += "<title id=\"\(safeID)-title\">\(e(map.title))</title>\n<desc id=\"\(safeID)-desc\">\(e(map.description))</desc>\n"
        out += "<defs><pattern id=\"\(safeID)-nodata\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        out += "<rect width=\"6\" height=\"6\" fill=\"\(MapPalette.noData)\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8c959f\" stroke-width=\"2\"/></pattern></defs>\n"
        out += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"

        // The sea and the archipelagos first, under nothing: boxes and labels.
        out += "<g fill=\"\(SVGChartRenderer.mutedColor)\" font-size=\"21\">\n"
        out += "<text x=\"610\" y=\"620\" font-style=\"italic\" text-anchor=\"middle\">\(vi ? "Biển Đông" : "East Sea")</text>\n"
        if let h = geometry.groups["hoang-sa"] {
            out += box(h, pad: 10)
            out += "<text x=\"\((h.x0 + h.x1) / 2)\" y=\"\(h.y0 - 38)\" text-anchor=\"middle\">\(vi ? "Quần đảo Hoàng Sa" : "Hoàng Sa archipelago")</text>"
            out += "<text x=\"\((h.x0 + h.x1) / 2)\" y=\"\(h.y0 - 16)\" text-anchor=\"middle\" font-size=\"17\">(\(vi ? "Đà Nẵng" : "Đà Nẵng city"))</text>\n"
        }
        if let t = geometry.groups["truong-sa"] {
            out += box(t, pad: 10)
            out += "<text x=\"\(t.x0 - 18)\" y=\"\((t.y0 + t.y1) / 2 - 4)\" text-anchor=\"end\">\(vi ? "Quần đảo Trường Sa" : "Trường Sa archipelago")</text>"
            out += "<text x=\"\(t.x0 - 18)\" y=\"\((t.y0 + t.y1) / 2 + 18)\" text-anchor=\"end\" font-size=\"17\">(\(vi ? "Khánh Hòa" : "Khánh Hòa province"))</text>\n"
        }
        out += "</g>\n"

        out += "<g stroke=\"#ffffff\" stroke-width=\"0.7\" stroke-linejoin=\"round\">\n"
        for shape in geometry.shapes {
            let name = registry.province(id: shape.provinceID)?.name ?? shape.provinceID
            let fill: String
            let tip: String
            if let value = map.values[shape.provinceID], map.classes.indices.contains(value.classIndex) {
                fill = map.classes[value.classIndex].color
                tip = value.text.isEmpty ? name : name + ": " + value.text
            } else {
                fill = "url(#\(safeID)-nodata)"
                tip = name + ": " + map.noDataLabel.lowercased()
            }
            out += "<path data-province=\"\(e(shape.provinceID))\" fill=\"\(fill)\" d=\"\(shape.path)\"><title>\(e(tip))</title></path>\n"
        }
        out += "</g>\n"
        let byID = Dictionary(geometry.shapes.map { ($0.provinceID, $0) }, uniquingKeysWith: { a, _ in a })
        let outlined = map.outlined.filter { !map.highlighted.contains($0) }.compactMap { byID[$0] }
        if !outlined.isEmpty {
            out += "<g fill=\"none\" stroke=\"\(SVGChartRenderer.textColor)\" stroke-width=\"1.4\" stroke-linejoin=\"round\" aria-hidden=\"true\">"
            out += outlined.map { "<path d=\"\($0.path)\"/>" }.joined() + "</g>\n"
        }
        let highlighted = map.highlighted.compactMap { byID[$0] }
        if !highlighted.isEmpty {
            out += "<g fill=\"none\" stroke=\"#000000\" stroke-linejoin=\"round\" aria-hidden=\"true\">"
            // A ring marks a lone province, small ones included; several get outlines only.
            for shape in highlighted {
                out += "<path d=\"\(shape.path)\" stroke-width=\"\(highlighted.count == 1 ? "3" : "2.2")\"/>"
                guard highlighted.count == 1 else { continue }
                out += "<circle cx=\"\(shape.anchor.x)\" cy=\"\(shape.anchor.y)\" r=\"18\" stroke-width=\"4\" stroke=\"#ffffff\"/>"
                out += "<circle cx=\"\(shape.anchor.x)\" cy=\"\(shape.anchor.y)\" r=\"18\" stroke-width=\"2\"/>"
            }
            out += "</g>\n"
        }
        if standalone {
            out += legend(map, x: 480, y: 24, patternID: safeID + "-nodata", height: legendHeight)
            out += "<text x=\"10\" y=\"\(height - 14)\" font-size=\"11\" fill=\"\(SVGChartRenderer.mutedColor)\">\(e(MapGeometry.attribution(map.language)))</text>\n"
        }
        return out + "</svg>\n"
    }

    private static func box(_ b: (x0: Int, y0: Int, x1: Int, y1: Int), pad: Int) -> String {
        "<rect x=\"\(b.x0 - pad)\" y=\"\(b.y0 - pad)\" width=\"\(b.x1 - b.x0 + 2 * pad)\" height=\"\(b.y1 - b.y0 + 2 * pad)\" fill=\"none\" stroke=\"\(SVGChartRenderer.axisColor)\" stroke-width=\"1\" stroke-dasharray=\"4 3\" rx=\"6\"/>"
    }

    private static func legend(_ map: ChoroplethMap, x: Int, y: Int, patternID: String, height: Int) -> String {
        let e = HTMLEscaping.escape
        var out = "<g class=\"legend\" font-size=\"16\" fill=\"\(SVGChartRenderer.textColor)\">"
        var row = y
        let entries = map.classes.map { ($0.label, $0.color) } + (map.unitsWithoutData.isEmpty ? [] : [(map.noDataLabel, "url(#\(patternID))")])
        for (label, fill) in entries {
            out += "<rect x=\"\(x)\" y=\"\(row)\" width=\"22\" height=\"16\" fill=\"\(fill)\" stroke=\"\(SVGChartRenderer.axisColor)\" stroke-width=\"0.6\"/>"
            out += "<text x=\"\(x + 30)\" y=\"\(row + 13)\">\(e(label))</text>"
            row += 24
        }
        return out + "</g>\n"
    }

    /// The legend as HTML (readable at any width): a swatch and the words per class, with the number of
    /// units in it.
    package static func htmlLegend(for map: ChoroplethMap) -> String {
        let e = HTMLEscaping.escape
        var counts = Array(repeating: 0, count: map.classes.count)
        for value in map.values.values where counts.indices.contains(value.classIndex) { counts[value.classIndex] += 1 }
        var out = "<ul class=\"map-legend\">\n"
        for (i, c) in map.classes.enumerated() {
            out += "<li><span class=\"swatch\" style=\"background:\(e(c.color))\" aria-hidden=\"true\"></span>\(e(c.label)) <span class=\"count\">(\(counts[i]))</span></li>\n"
        }
        let missing = map.unitsWithoutData.count
        if missing > 0 {
            out += "<li><span class=\"swatch swatch-nodata\" aria-hidden=\"true\"></span>\(e(map.noDataLabel)) <span class=\"count\">(\(missing))</span></li>\n"
        }
        if let label = map.highlightLabel, !map.highlighted.isEmpty {
            out += "<li><span class=\"swatch swatch-highlight\" aria-hidden=\"true\"></span>\(e(label))</li>\n"
        }
        if let label = map.outlineLabel, !map.outlined.isEmpty {
            out += "<li><span class=\"swatch swatch-outline\" aria-hidden=\"true\"></span>\(e(label))</li>\n"
        }
        return out + "</ul>\n"
    }
}
