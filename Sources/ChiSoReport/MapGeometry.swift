import ChiSoCore
import Foundation

/// The set of province-level units a map draws.
public enum MapUnitSet: String, Sendable, Equatable, CaseIterable {
    /// The 63 provinces and centrally-governed cities valid until 2025-06-30 (ids "01" … "96").
    case provinces63 = "vn63"
    /// The 34 units valid from 2025-07-01 (ids "2025-01" … "2025-96").
    case units2025 = "vn34"

    /// The unit set of the units valid on `day`.
    public static func valid(on day: Day) -> MapUnitSet {
        day >= Day(year: 2025, month: 7, day: 1) ? .units2025 : .provinces63
    }

    /// The registry id of the unit with GSO `code` in this set.
    package func provinceID(code: String) -> String {
        self == .provinces63 ? code : "2025-" + code
    }
}

/// The projected outlines of the provinces, read once from the bundled resource
/// (`Resources/maps/vn63.txt`, `vn34.txt`, made by `Tools/project_maps.py` from the geoBoundaries
/// files; see datasets/SOURCES.md).
///
/// Fixed projection for every map: x = (lon − 102°) · cos 16° · 60, y = (23.5° − lat) · 60, whole
/// units (1/60°, about 1.85 km). Hoàng Sa is drawn as islets of Đà Nẵng, Trường Sa as islets of
/// Khánh Hòa, at their true positions.
package struct MapGeometry: Sendable {
    /// One unit's outline.
    package struct Shape: Sendable {
        /// The registry id ("54", "2025-56").
        package var provinceID: String
        /// A point inside its largest ring, for a marker.
        package var anchor: (x: Int, y: Int)
        /// SVG path data.
        package var path: String
    }

    package var width: Int
    package var height: Int
    /// Bounding boxes of the archipelagos, by name ("hoang-sa", "truong-sa").
    package var groups: [String: (x0: Int, y0: Int, x1: Int, y1: Int)]
    /// In GSO code order.
    package var shapes: [Shape]

    /// The geometry of `units` (parsed once per process).
    package static func of(_ units: MapUnitSet) -> MapGeometry {
        switch units {
        case .provinces63: return provinces63
        case .units2025: return units2025
        }
    }

    private static let provinces63 = load(.provinces63)
    private static let units2025 = load(.units2025)

    private static func load(_ units: MapUnitSet) -> MapGeometry {
        guard let folder = Bundle.module.url(forResource: "maps", withExtension: nil),
              let data = FileManager.default.contents(atPath: folder.appendingPathComponent(units.rawValue + ".txt").path) else {
            preconditionFailure("the bundled map geometry \(units.rawValue).txt is missing from the ChiSoReport resources")
        }
        return parse(String(decoding: data, as: UTF8.self), units: units)
    }

    /// Reads the resource format described in `Tools/project_maps.py`.
    package static func parse(_ text: String, units: MapUnitSet) -> MapGeometry {
        var geometry = MapGeometry(width: 0, height: 0, groups: [:], shapes: [])
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            if line.hasPrefix("size ") || line.hasPrefix("group ") {
                let parts = line.split(separator: " ")
                if parts[0] == "size" {
                    geometry.width = Int(parts[1]) ?? 0
                    geometry.height = Int(parts[2]) ?? 0
                } else if parts.count == 6 {
                    let n = parts[2...5].map { Int($0) ?? 0 }
                    geometry.groups[String(parts[1])] = (n[0], n[1], n[2], n[3])
                }
                continue
            }
            let fields = line.split(separator: "\t", maxSplits: 2)
            guard fields.count == 3 else { continue }
            let anchor = fields[1].split(separator: ",").map { Int($0) ?? 0 }
            geometry.shapes.append(Shape(provinceID: units.provinceID(code: String(fields[0])),
                                         anchor: (anchor.first ?? 0, anchor.last ?? 0), path: String(fields[2])))
        }
        return geometry
    }

    /// The attribution the licence asks for, shown under every map.
    package static func attribution(_ language: Language) -> String {
        language == .vi
            ? "Ranh giới tỉnh: geoBoundaries (www.geoboundaries.org), VNM ADM1, năm ranh giới 2008 (CC BY 4.0); Runfola và cộng sự (2020), PLoS ONE 15(4): e0231866. Đã giản lược; 34 đơn vị 2025 ghép từ các tỉnh cũ."
            : "Province boundaries: geoBoundaries (www.geoboundaries.org), VNM ADM1, boundary year 2008 (CC BY 4.0); Runfola et al. (2020), PLoS ONE 15(4): e0231866. Simplified; the 34 units of 2025 joined from the old provinces."
    }
}
