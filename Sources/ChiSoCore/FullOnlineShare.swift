/// Full-online share (tỷ lệ toàn trình): of the dossiers received online, those whose whole
/// procedure was done online.
public struct FullOnlineShare: Proportion {
    public var fullOnline: Int
    public var online: Int
    public init(fullOnline: Int, online: Int) { self.fullOnline = fullOnline; self.online = online }
    public var part: Int { fullOnline }
    public var whole: Int { online }
}
