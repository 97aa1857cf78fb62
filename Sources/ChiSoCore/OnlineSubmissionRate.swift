/// Online-submission rate (tỷ lệ hồ sơ trực tuyến): received online / received.
public struct OnlineSubmissionRate: Proportion {
    public var online: Int
    public var received: Int
    public init(online: Int, received: Int) { self.online = online; self.received = received }
    public var part: Int { online }
    public var whole: Int { received }
}
