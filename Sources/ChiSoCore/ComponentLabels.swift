/// The human names of index components (PCI sub-indices, PAPI dimensions, DTI pillars and main
/// indices) in Vietnamese and English, in the order each publisher lists them: the one list behind
/// the reports' labels (`ComponentCatalog`) and the store's `component_label` table, which
/// notebooks join to show labels instead of keys.
public enum ComponentLabels {
    public struct Label: Sendable, Equatable {
        public var index: String
        public var key: String
        public var vi: String
        public var en: String
        /// False for totals stored beside the components (PAPI's weighted total).
        public var isPart: Bool

        public init(_ index: String, _ key: String, _ vi: String, _ en: String, isPart: Bool = true) {
            self.index = index; self.key = key; self.vi = vi; self.en = en; self.isPart = isPart
        }
    }

    /// Every known component, grouped by index, each index in its publisher's order.
    public static let all: [Label] = [
        Label("PCI", "entry_costs", "Gia nhập thị trường", "Entry costs"),
        Label("PCI", "land_access", "Tiếp cận đất đai", "Land access"),
        Label("PCI", "transparency", "Tính minh bạch", "Transparency"),
        Label("PCI", "time_costs", "Chi phí thời gian", "Time costs"),
        Label("PCI", "informal_charges", "Chi phí không chính thức", "Informal charges"),
        Label("PCI", "policy_bias", "Cạnh tranh bình đẳng", "Policy bias"),
        Label("PCI", "soe_bias", "Ưu đãi doanh nghiệp nhà nước", "SOE bias"),
        Label("PCI", "proactivity", "Tính năng động", "Proactivity"),
        Label("PCI", "business_support_services", "Dịch vụ hỗ trợ doanh nghiệp", "Business support services"),
        Label("PCI", "private_sector_dev_services", "Dịch vụ phát triển khu vực tư nhân", "Private sector development services"),
        Label("PCI", "labor_training", "Đào tạo lao động", "Labour training"),
        Label("PCI", "legal_institutions", "Thiết chế pháp lý", "Legal institutions"),
        Label("PAPI", "d1_participation", "Tham gia của người dân ở cấp cơ sở", "Participation at local levels"),
        Label("PAPI", "d2_transparency", "Công khai, minh bạch trong việc ra quyết định ở địa phương", "Transparency in local decision-making"),
        Label("PAPI", "d3_vertical_accountability", "Trách nhiệm giải trình với người dân", "Vertical accountability towards citizens"),
        Label("PAPI", "d4_control_of_corruption", "Kiểm soát tham nhũng trong khu vực công", "Control of corruption in the public sector"),
        Label("PAPI", "d5_public_admin_procedures", "Thủ tục hành chính công", "Public administrative procedures"),
        Label("PAPI", "d6_public_service_delivery", "Cung ứng dịch vụ công", "Public service delivery"),
        Label("PAPI", "d7_environmental_governance", "Quản trị môi trường", "Environmental governance"),
        Label("PAPI", "d8_e_governance", "Quản trị điện tử", "E-governance"),
        Label("PAPI", "total_weighted", "Tổng điểm có trọng số", "Weighted total", isPart: false),
        Label("DTI", "cqs_score", "Chính quyền số (điểm)", "Digital government (score)"),
        Label("DTI", "cqs_rank", "Chính quyền số (thứ hạng)", "Digital government (rank)"),
        Label("DTI", "kts_score", "Kinh tế số (điểm)", "Digital economy (score)"),
        Label("DTI", "kts_rank", "Kinh tế số (thứ hạng)", "Digital economy (rank)"),
        Label("DTI", "xhs_score", "Xã hội số (điểm)", "Digital society (score)"),
        Label("DTI", "xhs_rank", "Xã hội số (thứ hạng)", "Digital society (rank)"),
        Label("DTI", "idx_digital_awareness", "Nhận thức số", "Digital awareness"),
        Label("DTI", "idx_digital_institutions", "Thể chế số", "Digital institutions"),
        Label("DTI", "idx_digital_infrastructure", "Hạ tầng số", "Digital infrastructure"),
        Label("DTI", "idx_digital_human_resources", "Nhân lực số", "Digital human resources"),
        Label("DTI", "idx_cyber_security", "An toàn thông tin mạng", "Cyber security"),
        Label("DTI", "idx_digital_government_activity", "Hoạt động chính quyền số", "Digital government activity"),
        Label("DTI", "idx_digital_economy_activity", "Hoạt động kinh tế số", "Digital economy activity"),
        Label("DTI", "idx_digital_society_activity", "Hoạt động xã hội số", "Digital society activity"),
        // The same eight main indices under the keys of the DTI 2024 table of the 34 units.
        Label("DTI", "idx_nhan_thuc_so", "Nhận thức số", "Digital awareness"),
        Label("DTI", "idx_the_che_so", "Thể chế số", "Digital institutions"),
        Label("DTI", "idx_ha_tang_so", "Hạ tầng số", "Digital infrastructure"),
        Label("DTI", "idx_nhan_luc_so", "Nhân lực số", "Digital human resources"),
        Label("DTI", "idx_an_toan_thong_tin_mang", "An toàn thông tin mạng", "Cyber security"),
        Label("DTI", "idx_hd_chinh_quyen_so", "Hoạt động chính quyền số", "Digital government activity"),
        Label("DTI", "idx_hd_kinh_te_so", "Hoạt động kinh tế số", "Digital economy activity"),
        Label("DTI", "idx_hd_xa_hoi_so", "Hoạt động xã hội số", "Digital society activity"),
    ]
}
