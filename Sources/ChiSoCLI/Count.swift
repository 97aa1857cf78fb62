import ChiSoCore

/// "1 row", "56,039 rows": English counts on stderr, grouped the same way in progress lines and summaries.
enum Count {
    static func of(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        "\(NumberFormat.integer(n, .en)) \(n == 1 ? singular : plural ?? singular + "s")"
    }
}
