import Foundation

/// All province-level units since 2004 (the 63 provinces, Hà Tây, the 34 units of 2025) and the
/// lookups that turn a name or code found in a source file into one of them on a given day.
public struct ProvinceRegistry: Sendable {
    /// The built-in registry; its data is compiled in (no file is read).
    public static let standard = ProvinceRegistry(provinces: standardProvinces)

    /// The earliest day the registry describes. Units with `validFrom == nil` existed on it; earlier
    /// changes (the 2004 splits of Lai Châu, Đắk Lắk and Cần Thơ) are not recorded.
    public static let horizon = Day(year: 2004, month: 1, day: 1)

    /// Every unit, in registry order; for `standard` the 63 pre-2025 provinces by code, then Hà Tây,
    /// then the 34 units of 2025.
    public let all: [Province]

    private let positionByID: [String: Int]
    private let positionsByCode: [String: [Int]]
    private let positionsByKey: [String: [Int]]

    /// A registry over `provinces`, kept in the given order; ids must be unique.
    public init(provinces: [Province]) {
        var positionByID: [String: Int] = [:]
        var positionsByCode: [String: [Int]] = [:]
        var positionsByKey: [String: [Int]] = [:]
        for (position, province) in provinces.enumerated() {
            precondition(positionByID[province.id] == nil, "duplicate province id \(province.id)")
            positionByID[province.id] = position
            if let code = province.code { positionsByCode[code, default: []].append(position) }
            for key in Set(Self.keys(of: province)) { positionsByKey[key, default: []].append(position) }
        }
        self.all = provinces
        self.positionByID = positionByID
        self.positionsByCode = positionsByCode
        self.positionsByKey = positionsByKey.mapValues { $0.sorted() }
    }

    /// The unit with this `id` ("54", "HT", "2025-24").
    public func province(id: String) -> Province? {
        positionByID[id].map { all[$0] }
    }

    /// The units that existed on `day`, in registry order (63 in 2021, 64 in 2007 with Hà Tây, 34 from 2025-07-01).
    public func provinces(validOn day: Day) -> [Province] {
        all.filter { $0.isValid(on: day) }
    }

    /// The units `province` was formed from (the old provinces of a 2025 unit; Hà Tây for Hà Nội).
    public func predecessors(of province: Province) -> [Province] {
        province.predecessorIDs.compactMap { self.province(id: $0) }
    }

    /// The units that absorbed or continued `province`.
    public func successors(of province: Province) -> [Province] {
        province.successorIDs.compactMap { self.province(id: $0) }
    }

    /// Every unit, of any period, whose code, id or name matches `query`, in registry order.
    public func matches(_ query: String) -> [Province] {
        candidatePositions(for: query).map { all[$0] }
    }

    /// Every unit `query` can denote across periods (a pre-2025 province and a 2025 unit can share a
    /// name, and callers pick the one their data holds); when it denotes none, the error of resolving it
    /// on `day`, with the closest names.
    public func candidates(_ query: String, fallbackDay day: Day) throws(ProvinceLookupError) -> [Province] {
        let found = matches(query)
        return found.isEmpty ? [try resolve(query, on: day)] : found
    }

    /// The one unit that `query` (a name in any common spelling, or a GSO code) denotes on `day`.
    ///
    /// Codes may come mangled by spreadsheets ("054", "5", "54.0"). Names ignore case, diacritics, Unicode
    /// normalisation, dashes, extra spaces and prefixes such as "Tỉnh", "Thành phố", "TP.".
    public func resolve(_ query: String, on day: Day) throws(ProvinceLookupError) -> Province {
        let trimmed = Self.trimmed(query)
        if trimmed.isEmpty { throw .unknown(query: query, suggestions: []) }
        let positions = candidatePositions(for: trimmed)
        if positions.isEmpty {
            if let code = Self.normalizedCode(trimmed) { throw .unknownCode(query: query, code: code) }
            throw .unknown(query: query, suggestions: suggestions(for: trimmed, on: day))
        }
        let valid = positions.filter { all[$0].isValid(on: day) }.map { all[$0] }
        if valid.count == 1 { return valid[0] }
        if valid.count > 1 { throw .ambiguous(query: query, candidates: valid, on: day) }
        let nearest = nearestInTime(positions.map { all[$0] }, to: day)
        throw .notValid(query: query, province: nearest, on: day, replacements: replacements(for: nearest, on: day))
    }

    // MARK: - Matching

    /// The form under which two spellings of a name are equal: lower-case ASCII letters and digits without
    /// spaces, diacritics stripped (đ -> d), dashes and dots ignored, the prefixes "Tỉnh", "Thành phố", "TP",
    /// "T." and the suffixes "City", "Province" removed. "TP. Hồ Chí Minh" and "Ho Chi Minh City" give "hochiminh".
    public static func matchingKey(_ name: String) -> String {
        matchingWords(name).joined()
    }

    /// The words of `name` that make up its matching key, in order.
    package static func matchingWords(_ name: String) -> [Substring] {
        stripAffixes(foldedASCII(name) ?? folded(name))
    }

    /// Vietnamese letters with diacritics and their base letters: the fold of `folded(_:)` for
    /// them, without Unicode decomposition (which costs about 20 µs a name, 2 ms for the registry's
    /// keys, a fifth of a `chiso rates` run).
    private static let vietnameseLetters: [UInt32: UInt8] = {
        let groups: [(String, UInt8)] = [
            ("àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 0x61), ("èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ", 0x65),
            ("ìíỉĩịÌÍỈĨỊ", 0x69), ("òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", 0x6F),
            ("ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ", 0x75), ("ỳýỷỹỵỲÝỶỸỴ", 0x79), ("đĐðÐ", 0x64),
        ]
        var map: [UInt32: UInt8] = [:]
        for (letters, base) in groups { for scalar in letters.unicodeScalars { map[scalar.value] = base } }
        return map
    }()

    /// The fold of `folded(_:)` for text made of ASCII, Vietnamese letters and combining marks;
    /// nil for anything else (then `folded(_:)` decides).
    package static func foldedASCII(_ name: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x41...0x5A: bytes.append(UInt8(v) | 0x20)
            case 0x61...0x7A, 0x30...0x39: bytes.append(UInt8(v))
            case 0x00...0x7F: bytes.append(0x20)
            case 0x0300...0x036F: continue
            // Latin-1 punctuation and symbols (not ª µ º, which are letters) and the General
            // Punctuation block (dashes, quotes, spaces): separators, as `folded(_:)` makes them.
            case 0xA0...0xBF where v != 0xAA && v != 0xB5 && v != 0xBA, 0x2000...0x206F: bytes.append(0x20)
            default:
                guard let base = vietnameseLetters[v] else { return nil }
                bytes.append(base)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Lower-case ASCII letters and digits of `name` with diacritics stripped; other characters are
    /// spaces, other letters lower-cased.
    package static func folded(_ name: String) -> String {
        var folded = ""
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F:
                continue  // tone marks, breve, circumflex, horn
            case 0x0110, 0x0111, 0x00D0, 0x00F0:
                folded.append("d")  // đ, and the look-alike eth (ð) that some files use for it
            case 0x41...0x5A:
                folded.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x61...0x7A, 0x30...0x39:
                folded.unicodeScalars.append(scalar)
            default:
                if scalar.properties.isAlphabetic {
                    folded += String(scalar).lowercased()
                } else {
                    folded.append(" ")  // spaces, hyphens, en/em dashes, dots, commas, brackets
                }
            }
        }
        return folded
    }

    package static func stripAffixes(_ folded: String) -> [Substring] {
        var words = folded.split(separator: " ")
        while words.count > 1 {
            if words[0] == "tinh" || words[0] == "tp" || words[0] == "t" {
                words.removeFirst()
            } else if words.count > 2, words[0] == "thanh", words[1] == "pho" {
                words.removeFirst(2)
            } else if words.last == "city" || words.last == "province" {
                words.removeLast()
            } else {
                break
            }
        }
        return words
    }

    /// The 2-digit GSO code written in `text` ("54", "054", "5" -> "05", "54.0"), or `nil` when `text` is
    /// not a whole number. Numbers above 99 come back unpadded (and match no province).
    public static func normalizedCode(_ text: String) -> String? {
        var digits = Substring(trimmed(text))
        if let dot = digits.firstIndex(of: ".") {
            let fraction = digits[digits.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0 == "0" }) else { return nil }
            digits = digits[..<dot]
        }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Int(digits) else { return nil }
        return value < 10 ? "0\(value)" : String(value)
    }

    private static func spellings(of province: Province) -> [String] {
        [province.name, province.officialName, province.asciiName] + province.alternativeNames
    }

    private static func keys(of province: Province) -> [String] {
        spellings(of: province).map(matchingKey).filter { !$0.isEmpty }
    }

    private static func trimmed(_ text: String) -> String {
        String(text.unicodeScalars.drop(while: { $0.properties.isWhitespace })
            .reversed().drop(while: { $0.properties.isWhitespace }).reversed()
            .map(Character.init))
    }

    private func candidatePositions(for query: String) -> [Int] {
        let trimmed = Self.trimmed(query)
        if let code = Self.normalizedCode(trimmed) { return positionsByCode[code] ?? [] }
        if let position = positionByID[trimmed] { return [position] }  // "2025-24", "HT"
        return positionsByKey[Self.matchingKey(trimmed)] ?? []
    }

    /// Of units none of which is valid on `day`, the one closest in time: the latest to end before it,
    /// otherwise the earliest to start after it.
    private func nearestInTime(_ provinces: [Province], to day: Day) -> Province {
        let ended = provinces.filter { $0.validTo.map { $0 < day } ?? false }
        if let latest = ended.max(by: { $0.validTo! < $1.validTo! }) { return latest }
        let future = provinces.filter { $0.validFrom.map { $0 > day } ?? false }
        return future.min(by: { $0.validFrom! < $1.validFrom! }) ?? provinces[0]
    }

    /// The units valid on `day` that took over from `province` (following successors forward in time) or
    /// that it was formed from (following predecessors backward).
    private func replacements(for province: Province, on day: Day) -> [Province] {
        let forward = province.validTo.map { $0 < day } ?? false
        var found: [Province] = []
        var seen: Set<String> = [province.id]
        var queue = forward ? province.successorIDs : province.predecessorIDs
        while !queue.isEmpty {
            let id = queue.removeFirst()
            guard seen.insert(id).inserted, let next = self.province(id: id) else { continue }
            if next.isValid(on: day) {
                found.append(next)
            } else {
                queue += forward ? next.successorIDs : next.predecessorIDs
            }
        }
        return found.sorted { positionByID[$0.id]! < positionByID[$1.id]! }
    }

    /// Up to three names closest to `query` by edit distance on matching keys, those valid on `day` first.
    /// A name sharing a word of 3+ letters with the query is suggested even when further away, so that
    /// "Phu Yeen" suggests Phú Thọ after Phú Yên.
    private func suggestions(for query: String, on day: Day) -> [String] {
        let queryWords = Self.matchingWords(query)
        let key = queryWords.joined()
        guard !key.isEmpty else { return [] }
        let significantWords = Set(queryWords.filter { $0.count >= 3 })
        let limit = max(2, key.count / 3)
        // Rank = (distance, 0 when that unit is valid on `day`), best per distinct name.
        var rankByName: [String: (Int, Int)] = [:]
        for province in all {
            var best = Int.max
            for spelling in Self.spellings(of: province) {
                let words = Self.matchingWords(spelling)
                let distance = Self.distance(key, words.joined())
                if distance <= limit || !significantWords.isDisjoint(with: words) { best = min(best, distance) }
            }
            guard best < Int.max else { continue }
            let rank = (best, province.isValid(on: day) ? 0 : 1)
            if let known = rankByName[province.name], known <= rank { continue }
            rankByName[province.name] = rank
        }
        return rankByName.sorted { a, b in
            a.value != b.value ? a.value < b.value : VietnameseCollation.areInIncreasingOrder(a.key, b.key)
        }.prefix(3).map(\.key)
    }

    /// Levenshtein distance between two keys; a key containing the other (3+ letters) counts as 1 so that a
    /// partial name such as "Quang" suggests the Quảng provinces.
    package static func distance(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        if min(a.count, b.count) >= 3, a.contains(b) || b.contains(a) { return 1 }
        let x = Array(a.utf8), y = Array(b.utf8)
        guard !x.isEmpty, !y.isEmpty else { return max(x.count, y.count) }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
