import ChiSoCore

/// The provinces that moved most in one edition, up and down.
public struct Movers: Sendable, Equatable {
    /// Biggest gains first; ties in Vietnamese name order.
    public var up: [RankChange]
    /// Biggest falls first; ties in Vietnamese name order.
    public var down: [RankChange]
    /// How many provinces of the edition have a change at all (a rank now and in an earlier edition).
    public var compared: Int

    /// At most `limit` movers each way from one edition's `changes`.
    public static func make(_ changes: [RankChange], limit: Int = 5, registry: ProvinceRegistry = .standard) -> Movers {
        let comparable = changes.filter { $0.change != nil }
        func name(_ c: RankChange) -> String { registry.province(id: c.provinceID)?.name ?? c.provinceID }
        func byName(_ a: RankChange, _ b: RankChange) -> Bool { VietnameseCollation.areInIncreasingOrder(name(a), name(b)) }
        let up = comparable.filter { $0.change! > 0 }.sorted { a, b in a.change! != b.change! ? a.change! > b.change! : byName(a, b) }
        let down = comparable.filter { $0.change! < 0 }.sorted { a, b in a.change! != b.change! ? a.change! < b.change! : byName(a, b) }
        return Movers(up: Array(up.prefix(limit)), down: Array(down.prefix(limit)), compared: comparable.count)
    }
}
