/// Which breakdown a rollup row belongs to. Every ingested row feeds all three, so each
/// breakdown adds up to the same totals.
public enum RollupGrain: String, Sendable, CaseIterable {
    /// Province totals per reported period (months for dossier logs; as reported for statistics).
    case province
    /// Per unit (or per level, when a report gives no unit) and year.
    case unit
    /// Per procedure and field (lĩnh vực) and year.
    case procedure
}
