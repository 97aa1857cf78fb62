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

    /// Known components per index, in the order the publisher lists them.
    public static let entries: [String: [Entry]] = [
        "PCI": [
            Entry("entry_costs", "Gia nhập thị trường", "Entry costs"),
            Entry("land_access", "Tiếp cận đất đai", "Land access"),
            Entry("transparency", "Tính minh bạch", "Transparency"),
            Entry("time_costs", "Chi phí thời gian", "Time costs"),
            Entry("informal_charges", "Chi phí không chính thức", "Informal charges"),
            Entry("policy_bias", "Cạnh tranh bình đẳng", "Policy bias"),
            Entry("soe_bias", "Ưu đãi doanh nghiệp nhà nước", "SOE bias"),
            Entry("proactivity", "Tính năng động", "Proactivity"),
            Entry("business_support_services", "Dịch vụ hỗ trợ doanh nghiệp", "Business support services"),
            Entry("private_sector_dev_services", "Dịch vụ phát triển khu vực tư nhân", "Private sector development services"),
            Entry("labor_training", "Đào tạo lao động", "Labour training"),
            Entry("legal_institutions", "Thiết chế pháp lý", "Legal institutions"),
        ],
        "PAPI": [
            Entry("d1_participation", "Tham gia của người dân ở cấp cơ sở", "Participation at local levels"),
            Entry("d2_transparency", "Công khai, minh bạch trong việc ra quyết định ở địa phương", "Transparency in local decision-making"),
            Entry("d3_vertical_accountability", "Trách nhiệm giải trình với người dân", "Vertical accountability towards citizens"),
            Entry("d4_control_of_corruption", "Kiểm soát tham nhũng trong khu vực công", "Control of corruption in the public sector"),
            Entry("d5_public_admin_procedures", "Thủ tục hành chính công", "Public administrative procedures"),
            Entry("d6_public_service_delivery", "Cung ứng dịch vụ công", "Public service delivery"),
            Entry("d7_environmental_governance", "Quản trị môi trường", "Environmental governance"),
            Entry("d8_e_governance", "Quản trị điện tử", "E-governance"),
            Entry("total_weighted", "Tổng điểm có trọng số", "Weighted total", isPart: false),
        ],
        "DTI": [
            Entry("cqs_score", "Chính quyền số (điểm)", "Digital government (score)"),
            Entry("cqs_rank", "Chính quyền số (thứ hạng)", "Digital government (rank)"),
            Entry("kts_score", "Kinh tế số (điểm)", "Digital economy (score)"),
            Entry("kts_rank", "Kinh tế số (thứ hạng)", "Digital economy (rank)"),
            Entry("xhs_score", "Xã hội số (điểm)", "Digital society (score)"),
            Entry("xhs_rank", "Xã hội số (thứ hạng)", "Digital society (rank)"),
            Entry("idx_digital_awareness", "Nhận thức số", "Digital awareness"),
            Entry("idx_digital_institutions", "Thể chế số", "Digital institutions"),
            Entry("idx_digital_infrastructure", "Hạ tầng số", "Digital infrastructure"),
            Entry("idx_digital_human_resources", "Nhân lực số", "Digital human resources"),
            Entry("idx_cyber_security", "An toàn thông tin mạng", "Cyber security"),
            Entry("idx_digital_government_activity", "Hoạt động chính quyền số", "Digital government activity"),
            Entry("idx_digital_economy_activity", "Hoạt động kinh tế số", "Digital economy activity"),
            Entry("idx_digital_society_activity", "Hoạt động xã hội số", "Digital society activity"),
        ],
    ]

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
