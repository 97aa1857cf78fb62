/// On-time rate (tỷ lệ giải quyết đúng hạn): resolved on time / resolved.
public struct OnTimeRate: Proportion {
    public var onTime: Int
    public var resolved: Int
    public init(onTime: Int, resolved: Int) { self.onTime = onTime; self.resolved = resolved }
    public var part: Int { onTime }
    public var whole: Int { resolved }
}
