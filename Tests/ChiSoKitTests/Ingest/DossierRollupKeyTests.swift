import PropertyBased
import Testing

@testable import ChiSoCore
@testable import ChiSoIngest

@Suite("Dossier rollup keys")
struct DossierRollupKeyTests {
    @Test("every field of a key reads back as written, at the edges of the layout too")
    func roundTrip() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...DossierRollupKey.maxProvinceIndex),
                            Gen.int(in: 0...DossierRollupKey.maxProcedureIndex), Gen.int(in: -1...DossierRollupKey.maxFieldIndex),
                            Gen.int(in: 1900...2200), Gen.int(in: 1...12), Gen.int(in: 0...(1 << 40) - 1)) { province, procedure, field, year, month, unit in
            let p = DossierRollupKey.province(Int32(province), month: year * 12 + month - 1)
            #expect(p.grain == .province && p.provinceIndex == Int32(province))
            #expect(p.period == .month(month, of: year))

            let u = DossierRollupKey.unit(Int32(truncatingIfNeeded: unit & 0x7FFF_FFFF), year: year)
            #expect(u.grain == .unit && u.provinceIndex == nil)
            #expect(u.unitIndex == unit & 0x7FFF_FFFF && u.year == year && u.period == .year(year))

            let q = DossierRollupKey.procedure(province: Int32(province), procedure: Int32(procedure), field: Int32(field), year: year)
            #expect(q.grain == .procedure && q.provinceIndex == Int32(province))
            #expect(q.procedureIndex == procedure && q.year == year && q.period == .year(year))
            #expect(q.fieldIndex == (field >= 0 ? field : nil))
        }
    }

    @Test("keys of different grains, provinces, months or fields never collide")
    func distinct() {
        var seen = Set<UInt64>()
        for province: Int32 in [0, 1, 62, 0x3FF] {
            for year in [2023, 2024] {
                for month in 1...12 { #expect(seen.insert(DossierRollupKey.province(province, month: year * 12 + month - 1).rawValue).inserted) }
                for field: Int32 in [-1, 0, 1, 0xFFFD] {
                    #expect(seen.insert(DossierRollupKey.procedure(province: province, procedure: 7, field: field, year: year).rawValue).inserted)
                }
                #expect(seen.insert(DossierRollupKey.unit(province, year: year).rawValue).inserted)
            }
        }
    }
}
