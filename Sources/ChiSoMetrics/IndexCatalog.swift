import ChiSoCore

/// The indexes ChiSo knows by name; any other code ingested works too, sorted after these.
public enum IndexCatalog {
    /// The order the provincial press lists them in: competitiveness, governance, digital transformation.
    public static let known = ["PCI", "PAPI", "DTI"]

    /// The suffix of an edition published for the 34 units of 2025 beside one of the 63 provinces
    /// (DTI 2024: `DTI` holds the 63 provinces, `DTI-34` the 34 units).
    public static let unitsSuffix = "-34"

    /// The index an edition code belongs to: `DTI-34` → `DTI`.
    public static func baseIndex(_ code: String) -> String {
        code.hasSuffix(unitsSuffix) ? String(code.dropLast(unitsSuffix.count)) : code
    }

    /// True for a code that holds the 34-unit editions of an index.
    public static func isUnits2025(_ code: String) -> Bool { code.hasSuffix(unitsSuffix) && code != unitsSuffix }

    /// Sorts index codes: the known ones in press order (each followed by its 34-unit editions),
    /// then the others alphabetically.
    public static func sorted(_ codes: [String]) -> [String] {
        codes.sorted { a, b in
            let (ba, bb) = (baseIndex(a), baseIndex(b))
            if ba == bb { return !isUnits2025(a) && isUnits2025(b) }
            switch (known.firstIndex(of: ba), known.firstIndex(of: bb)) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return ba < bb
            }
        }
    }
}
