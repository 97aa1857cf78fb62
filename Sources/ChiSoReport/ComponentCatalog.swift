import ChiSoCore
import ChiSoMetrics

/// Human names of index components (PCI sub-indices, PAPI dimensions, DTI pillars and main
/// indices) in both languages, and the order reports list them in.
///
/// Keys are those of the bundled datasets; a key the catalog does not know is shown as it is,
/// after the known ones.
public enum ComponentCatalog {
    /// One known component.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var vi: String
        public var en: String
        /// False for totals stored beside the components (PAPI's weighted total): reports leave
        /// them out of component tables.
        public var isPart: Bool

        package init(_ key: String, _ vi: String, _ en: String, isPart: Bool = true) {
            self.key = key; self.vi = vi; self.en = en; self.isPart = isPart
        }
    }

    /// Known components per index, in the order the publisher lists them (from `ComponentLabels`,
    /// which the store's `component_label` table also holds).
    public static let entries: [String: [Entry]] = Dictionary(grouping: ComponentLabels.all, by: \.index)
        .mapValues { $0.map { Entry($0.key, $0.vi, $0.en, isPart: $0.isPart) } }

    /// The component's name in `language`, or the key itself when unknown.
    public static func name(_ key: String, index: String, _ language: Language) -> String {
        guard let entry = entries[IndexCatalog.baseIndex(index)]?.first(where: { $0.key == key }) else { return key }
        return language == .vi ? entry.vi : entry.en
    }

    /// False for keys known to be totals rather than components.
    public static func isPart(_ key: String, index: String) -> Bool {
        entries[IndexCatalog.baseIndex(index)]?.first(where: { $0.key == key })?.isPart ?? true
    }

    /// `keys` in the publisher's order: known keys first, then the others sorted.
    public static func ordered(_ keys: [String], index: String) -> [String] {
        let known = entries[IndexCatalog.baseIndex(index)]?.map(\.key) ?? []
        return keys.sorted { a, b in
            switch (known.firstIndex(of: a), known.firstIndex(of: b)) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a < b
            }
        }
    }

    /// What an index calls its components: "Chỉ số thành phần" / "Sub-indices" for PCI.
    public static func groupName(index: String, _ language: Language) -> String {
        switch (IndexCatalog.baseIndex(index), language) {
        case ("PCI", .vi): return "Chỉ số thành phần"
        case ("PCI", .en): return "Sub-indices"
        case ("PAPI", .vi): return "Chỉ số nội dung"
        case ("PAPI", .en): return "Dimensions"
        case ("DTI", .vi): return "Trụ cột và chỉ số chính"
        case ("DTI", .en): return "Pillars and main indices"
        case (_, .vi): return "Thành phần"
        case (_, .en): return "Components"
        }
    }
}

/// The indexes' full names, publishers and scales, as reports cite them.
public enum IndexNames {
    /// "Chỉ số năng lực cạnh tranh cấp tỉnh" / "Provincial Competitiveness Index"; the code for others.
    public static func fullName(_ index: String, _ language: Language) -> String {
        if IndexCatalog.isUnits2025(index) {
            let base = fullName(IndexCatalog.baseIndex(index), language)
            return language == .vi ? "\(base) (34 đơn vị hành chính từ 01/07/2025)" : "\(base) (the 34 units of 1 July 2025)"
        }
        switch (index, language) {
        case ("PCI", .vi): return "Chỉ số năng lực cạnh tranh cấp tỉnh"
        case ("PCI", .en): return "Provincial Competitiveness Index"
        case ("PAPI", .vi): return "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh"
        case ("PAPI", .en): return "Provincial Governance and Public Administration Performance Index"
        case ("DTI", .vi): return "Chỉ số chuyển đổi số cấp tỉnh"
        case ("DTI", .en): return "Provincial Digital Transformation Index"
        default: return index
        }
    }

    /// Who publishes the index, for the attribution line; `nil` for indexes ChiSo does not know.
    public static func publisher(_ index: String, _ language: Language) -> String? {
        switch (IndexCatalog.baseIndex(index), language) {
        case ("PCI", .vi): return "VCCI (Liên đoàn Thương mại và Công nghiệp Việt Nam) với USAID"
        case ("PCI", .en): return "VCCI (Vietnam Chamber of Commerce and Industry) with USAID"
        case ("PAPI", .vi): return "UNDP, CECODES và RTA"
        case ("PAPI", .en): return "UNDP, CECODES and RTA"
        case ("DTI", .vi): return "Bộ Thông tin và Truyền thông (nay là Bộ Khoa học và Công nghệ)"
        case ("DTI", .en): return "Ministry of Information and Communications (now Ministry of Science and Technology)"
        default: return nil
        }
    }

    /// A remark on how the components make up the index, shown under the component table.
    package static func componentRemark(_ index: String, _ language: Language) -> String? {
        switch (index, language) {
        case ("PCI", .vi): return "PCI là tổng có trọng số của các chỉ số thành phần (thang 10 điểm), nên các chỉ số thành phần không đóng góp như nhau vào tổng điểm."
        case ("PCI", .en): return "The PCI is a weighted sum of its sub-indices (each scored out of 10), so they do not count equally towards the total."
        case ("PAPI", .vi): return "Mỗi chỉ số nội dung PAPI có thang điểm 10; tổng điểm PAPI là tổng các chỉ số nội dung."
        case ("PAPI", .en): return "Each PAPI dimension is scored out of 10; the PAPI total is the sum of the dimensions."
        default: return nil
        }
    }
}
