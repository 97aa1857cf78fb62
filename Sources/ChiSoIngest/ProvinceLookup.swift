import ChiSoCore
import ChiSoCSV
import Crypto
import Foundation

/// Looks up the province of a code or name on a day, caching what it found.
package struct ProvinceLookup {
    package let registry: ProvinceRegistry
    /// Provinces seen, by dense index.
    package private(set) var provinces: [Province] = []
    private var indexByID: [String: Int32] = [:]
    private var validity: [(from: Int, to: Int)] = []
    /// Province indexes by the text written (a code or a name).
    private var byText = ByteInterner(capacity: 256)
    private var textCandidates: [[Int32]] = []

    package init(registry: ProvinceRegistry) { self.registry = registry }

    package func province(_ index: Int32) -> Province { provinces[Int(index)] }

    package mutating func index(of province: Province) -> Int32 {
        if let i = indexByID[province.id] { return i }
        let i = Int32(provinces.count)
        provinces.append(province)
        indexByID[province.id] = i
        validity.append((province.validFrom.map(DayNumber.from) ?? Int.min, province.validTo.map(DayNumber.from) ?? Int.max))
        return i
    }

    /// The province the text denotes on `day` (a day number).
    @inline(__always)
    package mutating func resolve(_ text: UnsafeRawBufferPointer, day: Int) -> Result<Int32, ProvinceLookupError> {
        if let slot = byText.find(text) {
            for candidate in textCandidates[Int(slot)] where validity[Int(candidate)].from <= day && day <= validity[Int(candidate)].to {
                return .success(candidate)
            }
        }
        return slowResolve(String(decoding: text, as: UTF8.self), day: day)
    }

    private mutating func slowResolve(_ text: String, day: Int) -> Result<Int32, ProvinceLookupError> {
        do {
            let province = try registry.resolve(text, on: DayNumber.day(day))
            let index = index(of: province)
            let (slot, isNew) = byText.intern(text)
            if isNew { textCandidates.append([]) }
            if !textCandidates[Int(slot)].contains(index) { textCandidates[Int(slot)].append(index) }
            return .success(index)
        } catch {
            return .failure(error)
        }
    }
}
