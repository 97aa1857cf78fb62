import ChiSoCore

/// The indexes ChiSo knows by name; any other code ingested works too, sorted after these.
public enum IndexCatalog {
    /// The order the provincial press lists them in: competitiveness, governance, digital transformation.
    public static let known = ["PCI", "PAPI", "DTI"]

    /// Sorts index codes: the known ones in press order, then the others alphabetically.
    public static func sorted(_ codes: [String]) -> [String] {
        codes.sorted { a, b in
            switch (known.firstIndex(of: a), known.firstIndex(of: b)) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a < b
            }
        }
    }
}
