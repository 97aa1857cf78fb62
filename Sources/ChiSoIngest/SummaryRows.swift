import ChiSoCore
import ChiSoCSV

/// Rows that are not data: totals and summary statistics that publishers put below or above a table.
///
/// A rankings table may end with "Trung bình", "Trung vị", "Min", "Max" or "Cả nước"; a one-stop-shop
/// table with "Tổng cộng" or "Toàn tỉnh". Such a row is recognised by the label in its name column
/// (the province, the unit, or the row number column a merged "Tổng cộng" spans), skipped with a
/// note, and, for statistics, its counts are checked against the sum of the units.
package enum SummaryRow {
    /// Labels after `HeaderKey.normalize` (no case, no diacritics), without a trailing colon.
    package static let totals: Set<String> = [
        "tong", "tong cong", "cong", "tong so", "toan tinh", "toan thanh pho", "toan tinh/thanh pho", "total", "grand total", "sum",
    ]
    package static let statistics: Set<String> = [
        "ca nuoc", "toan quoc", "trung binh", "binh quan", "trung vi", "min", "max", "median", "mean", "average", "avg",
        "gia tri nho nhat", "gia tri lon nhat", "nho nhat", "lon nhat", "thap nhat", "cao nhat", "do lech chuan", "standard deviation",
    ]

    /// The label as written (trimmed) when `text` names a total or summary row, else nil.
    package static func label(_ text: String) -> String? {
        normalizedLabel(text).map { _ in text.trimmingCharacters(in: .whitespaces) }
    }

    /// The label without case and diacritics (a key of `totals` or `statistics`), or nil.
    package static func normalizedLabel(_ text: String) -> String? {
        var key = HeaderKey.normalize(text)
        while let last = key.last, last == ":" || last == "." || last == "*" { key.removeLast() }
        // "I. Tổng cộng", "A - Toàn tỉnh": a leading outline number.
        if let space = key.firstIndex(of: " "), key[..<space].allSatisfy({ "ivxlabcd0123456789.)".contains($0) }), key[..<space].count <= 5 {
            let rest = String(key[key.index(after: space)...])
            if totals.contains(rest) || statistics.contains(rest) { return rest }
        }
        return totals.contains(key) || statistics.contains(key) ? key : nil
    }

    /// Whether the label is a total (a sum that can be checked against the units) rather than a statistic.
    package static func isTotal(_ label: String) -> Bool { normalizedLabel(label).map(totals.contains) ?? false }
}
