import ChiSoCore
import ChiSoMetrics

/// A choropleth map of Vietnam described by its data: every unit of a unit set coloured by its class;
/// `MapRenderer` draws it.
public struct ChoroplethMap: Sendable, Equatable {
    public var title: String
    /// The text alternative: what the map shows and its main message.
    public var description: String
    public var units: MapUnitSet
    /// The legend, in order; a unit's `MapValue.classIndex` points into it.
    public var classes: [MapClass]
    /// The value of each unit that has one, by province id; the others are drawn hatched as "no data".
    public var values: [String: MapValue]
    /// Units drawn with a heavy outline and a marker (the province a report is about).
    public var highlighted: [String]
    /// Units drawn with a darker outline (the highlighted province's region, the compared provinces).
    public var outlined: [String]
    /// The legend's words for units without a value ("Không có số liệu").
    public var noDataLabel: String
    /// The legend's words for the heavy outline (the province's name); `nil`: no legend entry.
    public var highlightLabel: String?
    /// The legend's words for the darker outline ("Vùng Tây Nguyên"); `nil`: no legend entry.
    public var outlineLabel: String?
    public var language: Language

    public init(title: String, description: String, units: MapUnitSet, classes: [MapClass], values: [String: MapValue],
                highlighted: [String] = [], outlined: [String] = [], noDataLabel: String? = nil, language: Language) {
        self.title = title
        self.description = description
        self.units = units
        self.classes = classes
        self.values = values
        self.highlighted = highlighted
        self.outlined = outlined
        self.noDataLabel = noDataLabel ?? (language == .vi ? "Không có số liệu" : "No data")
        self.language = language
    }

    /// Units of the unit set with no value, in code order.
    public var unitsWithoutData: [String] {
        MapGeometry.of(units).shapes.map(\.provinceID).filter { values[$0] == nil }
    }
}

/// One legend entry: its words and its fill colour.
public struct MapClass: Sendable, Equatable {
    public var label: String
    /// "#RRGGBB".
    public var color: String

    public init(label: String, color: String) {
        self.label = label
        self.color = color
    }
}

/// A unit's class and the words of its hover text ("hạng 12/63, 66,05 điểm").
public struct MapValue: Sendable, Equatable {
    public var classIndex: Int
    public var text: String

    public init(classIndex: Int, text: String) {
        self.classIndex = classIndex
        self.text = text
    }
}

/// Colour scales safe for colour-blind readers and in greyscale print (ColorBrewer, Brewer & Harrower).
public enum MapPalette {
    /// Sequential blues, light to dark, five classes (ColorBrewer Blues without its palest step, so
    /// the lightest class stays visible against the white sea and the grey of "no data").
    public static let sequential5 = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
    /// Sequential, six classes, light to dark (ColorBrewer YlGnBu).
    public static let sequential6 = ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"]
    /// Diverging orange–purple, five classes: worse, a little worse, unchanged, a little better, better
    /// (ColorBrewer PuOr, read orange to purple).
    public static let diverging5 = ["#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"]
    /// The neutral grey under the "no data" hatching.
    public static let noData = "#e6e6e6"
}

extension ChoroplethMap {
    /// Rank quintiles of an edition that ranked `of` units, best first: class 0 (darkest) is the best fifth.
    public static func rankClasses(of: Int, language: Language) -> [MapClass] {
        let bounds = rankQuintileBounds(of: of)
        return (0..<5).map { q in
            let (lo, hi) = bounds[q]
            let label = lo == hi ? (language == .vi ? "Hạng \(lo)" : "Rank \(lo)") : (language == .vi ? "Hạng \(lo)–\(hi)" : "Ranks \(lo)–\(hi)")
            return MapClass(label: label, color: MapPalette.sequential5[4 - q])
        }
    }

    /// The class (index into `rankClasses(of:language:)`: 0 = best fifth) of `rank` out of `of`.
    public static func rankClass(_ rank: Int, of: Int) -> Int {
        let bounds = rankQuintileBounds(of: of)
        for (q, b) in bounds.enumerated() where rank >= b.0 && rank <= b.1 { return q }
        return 4
    }

    /// Five contiguous rank groups of near-equal size, best first (63 → 1–13, 14–26, 27–38, 39–51, 52–63).
    private static func rankQuintileBounds(of: Int) -> [(Int, Int)] {
        let n = max(of, 5)
        return (0..<5).map { q in (q == 0 ? 1 : (q * n + 4) / 5 + 1, ((q + 1) * n + 4) / 5) }
    }
}
