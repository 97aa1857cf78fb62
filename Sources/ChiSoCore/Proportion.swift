/// A part of a whole: online dossiers of all received, on-time of all resolved.
///
/// `value` is `nil` ("n/a") when the whole is zero: never NaN, never a crash.
public protocol Proportion: Sendable, Equatable {
    var part: Int { get }
    var whole: Int { get }
}

extension Proportion {
    /// `part / whole`, or `nil` when `whole` is zero.
    public var value: Double? { whole > 0 ? Double(part) / Double(whole) : nil }
}
