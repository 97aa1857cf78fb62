import Foundation

/// The order of day, month and year in dates written with slashes (`20/04/2024`): Vietnamese
/// exports write the day first; some systems set up in English write the month first.
public enum DateOrder: String, Sendable, Codable, CaseIterable {
    case dmy, mdy, ymd
}

extension LocalDateTime {
    /// Parses an ISO date or date-time, or, with `order`, the forms exports write: `20/04/2024`,
    /// `20/04/2024 08:00`, `20-04-2024 8:00:15`, `20.04.2024`, `04/20/2024 8:00 AM` (mdy), `2024/04/20` (ymd).
    @inline(__always)
    package static func parse(_ b: UnsafeRawBufferPointer, order: DateOrder?) -> Int64? {
        if let iso = parse(b) { return iso }
        guard let order else { return nil }
        return parseWritten(b, order: order)
    }

    /// The numbers of a written date: three date parts, then optional hour, minute, second and AM/PM.
    package static func writtenParts(_ b: UnsafeRawBufferPointer) -> (first: Int, second: Int, third: Int, firstDigits: Int, time: (Int, Int, Int)?, pm: Bool?)? {
        var numbers: [(value: Int, digits: Int)] = []
        var i = 0
        let n = b.count
        var separator: UInt8 = 0
        // Date: three groups of digits with one separator ('/', '-' or '.').
        while numbers.count < 3 {
            let start = i
            var value = 0
            while i < n, b[i] &- 0x30 < 10, i - start < 4 { value = value * 10 + Int(b[i] &- 0x30); i += 1 }
            guard i > start else { return nil }
            numbers.append((value, i - start))
            if numbers.count < 3 {
                guard i < n, b[i] == 0x2F || b[i] == 0x2D || b[i] == 0x2E else { return nil }
                if separator == 0 { separator = b[i] } else if separator != b[i] { return nil }
                i += 1
            }
        }
        if i == n { return (numbers[0].value, numbers[1].value, numbers[2].value, numbers[0].digits, nil, nil) }
        guard b[i] == 0x20 || b[i] == 0x54 else { return nil }
        while i < n && b[i] == 0x20 { i += 1 }
        if i < n && b[i] == 0x54 { i += 1 }
        var time: [Int] = []
        while time.count < 3 && i < n {
            let start = i
            var value = 0
            while i < n, b[i] &- 0x30 < 10, i - start < 2 { value = value * 10 + Int(b[i] &- 0x30); i += 1 }
            guard i > start else { return nil }
            time.append(value)
            if i < n && b[i] == 0x3A { i += 1 } else { break }
        }
        guard time.count >= 2 else { return nil }
        var pm: Bool?
        while i < n && b[i] == 0x20 { i += 1 }
        if i + 2 == n, b[i + 1] | 0x20 == 0x6D {
            let c = b[i] | 0x20
            guard c == 0x61 || c == 0x70 else { return nil }
            pm = c == 0x70
            i += 2
        }
        guard i == n else { return nil }
        return (numbers[0].value, numbers[1].value, numbers[2].value, numbers[0].digits, (time[0], time[1], time.count > 2 ? time[2] : 0), pm)
    }

    package static func parseWritten(_ b: UnsafeRawBufferPointer, order: DateOrder) -> Int64? {
        guard let p = writtenParts(b) else { return nil }
        let (year, month, day): (Int, Int, Int)
        switch order {
        case .dmy: (day, month, year) = (p.first, p.second, p.third)
        case .mdy: (month, day, year) = (p.first, p.second, p.third)
        case .ymd: (year, month, day) = (p.first, p.second, p.third)
        }
        guard year >= 1900, year <= 9999, (1...12).contains(month), day >= 1, day <= DayNumber.daysIn(month: month, year: year) else { return nil }
        var seconds = Int64(DayNumber.from(year: year, month: month, day: day)) * secondsPerDay
        if var (h, m, s) = p.time {
            if let pm = p.pm {
                guard (1...12).contains(h) else { return nil }
                h = h % 12 + (pm ? 12 : 0)
            }
            guard h <= 23, m <= 59, s <= 59 else { return nil }
            seconds += Int64(h * 3600 + m * 60 + s)
        }
        return seconds
    }
}

/// Tells the date order of a file from its dates: a first number above 12 can only be a day
/// (day first), a second number above 12 only a day (month first), four digits first a year.
public struct DateOrderDetector: Sendable {
    public private(set) var dayFirst: (text: String, line: Int)?
    public private(set) var monthFirst: (text: String, line: Int)?
    public private(set) var yearFirst: (text: String, line: Int)?
    /// A written (not ISO) date seen, any.
    public private(set) var example: (text: String, line: Int)?

    public init() {}

    /// Looks at one cell; ISO dates say nothing.
    public mutating func observe(_ text: String, line: Int) {
        var copy = text
        copy.withUTF8 { u in
            let b = UnsafeRawBufferPointer(u)
            guard LocalDateTime.parse(b) == nil, let p = LocalDateTime.writtenParts(b) else { return }
            if example == nil { example = (text, line) }
            if p.firstDigits == 4 { if yearFirst == nil { yearFirst = (text, line) }; return }
            if p.first > 12 && p.second <= 12 && dayFirst == nil { dayFirst = (text, line) }
            if p.second > 12 && p.first <= 12 && monthFirst == nil { monthFirst = (text, line) }
        }
    }

    /// Whether more cells can change the verdict (false once the order is known, or known to be mixed).
    public var decided: Bool { (dayFirst != nil) != (monthFirst != nil) || (dayFirst != nil && monthFirst != nil) }

    /// The order, nil when the file has no written dates; throws when they are mixed or could be read both ways.
    public func resolve() throws(DateOrderError) -> DateOrder? {
        guard let example else { return nil }
        if let d = dayFirst, let m = monthFirst { throw .mixed(dayFirst: d, monthFirst: m) }
        if dayFirst != nil { return .dmy }
        if monthFirst != nil { return .mdy }
        if yearFirst != nil { return .ymd }
        throw .ambiguous(example)
    }
}

/// Why the dates of a file cannot be read without `--date-order`.
public enum DateOrderError: Error, Sendable {
    case ambiguous((text: String, line: Int))
    case mixed(dayFirst: (text: String, line: Int), monthFirst: (text: String, line: Int))

    public var line: Int {
        switch self {
        case .ambiguous(let e): e.line
        case .mixed(_, let m): m.line
        }
    }

    public var message: String {
        switch self {
        case .ambiguous(let e):
            return "every date of the file, such as \"\(e.text)\", reads both day first and month first; "
                + "pass --date-order dmy (day first, as Vietnamese exports write) or --date-order mdy"
        case .mixed(let d, let m):
            return "the file writes dates day first (\"\(d.text)\", line \(d.line)) and month first (\"\(m.text)\" here); "
                + "export the dates in one format, or pass --date-order to read every date one way"
        }
    }
}

/// Periods as Vietnamese reports name them, turned into the ISO forms `ReportingPeriod` reads:
/// "Quý II/2024", "Quý 2 năm 2024" → 2024-Q2; "Tháng 3/2024" → 2024-03; "Năm 2024" → 2024;
/// "6 tháng đầu năm 2024" → 2024-01-01..2024-06-30; "9 tháng năm 2024" → 2024-01-01..2024-09-30;
/// "01/01/2024 - 31/03/2024", "Từ 15/12/2023 đến 14/03/2024" → 2024-01-01..2024-03-31 (day first).
public enum VietnamesePeriod {
    public static func normalize(_ raw: String) -> String? {
        // Fold case and diacritics: "Quý" and "QUY", "tháng" and "thang" alike.
        var folded = ""
        for scalar in raw.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue
            case 0x0110, 0x0111: folded.append("d")
            default: folded.unicodeScalars.append(scalar)
            }
        }
        let words = folded.lowercased().replacingOccurrences(of: "/", with: " / ").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        guard !words.isEmpty else { return nil }
        func year(_ w: String) -> Int? { w.count == 4 ? Int(w).flatMap { (1900...2999).contains($0) ? $0 : nil } : nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let roman = ["i": 1, "ii": 2, "iii": 3, "iv": 4]
        // Words that only join: "năm", "/", "đầu", "của".
        let content = words.filter { !["nam", "/", "dau", "cua", "ky", "bao", "cao", ":"].contains($0) }
        if content.count == 3, content[0] == "quy", let q = roman[content[1]] ?? Int(content[1]), (1...4).contains(q), let y = year(content[2]) {
            return "\(y)-Q\(q)"
        }
        if content.count == 3, content[0] == "thang", let m = Int(content[1]), (1...12).contains(m), let y = year(content[2]) {
            return "\(y)-\(two(m))"
        }
        if content.count == 3, let months = Int(content[0]), [3, 6, 9, 12].contains(months), content[1] == "thang", let y = year(content[2]) {
            let last = CalendarPeriod.month(months, of: y).lastDay
            return "\(y)-01-01..\(last)"
        }
        if content.count == 1, words.first == "nam", let y = year(content[0]) { return "\(y)" }
        // A range of two day-first dates, "01/01/2024 - 31/03/2024" or "từ ... đến ...".
        let dates = folded.split(whereSeparator: { !($0.isNumber || $0 == "/" || $0 == "." || $0 == "-") }).map(String.init).filter { $0.contains("/") || $0.filter({ $0 == "." }).count == 2 }
        if dates.count == 2 {
            var iso: [String] = []
            for d in dates {
                var copy = d
                guard let seconds = copy.withUTF8({ LocalDateTime.parseWritten(UnsafeRawBufferPointer($0), order: .dmy) }) else { return nil }
                iso.append(DayNumber.day(LocalDateTime.dayNumber(seconds)).description)
            }
            return "\(iso[0])..\(iso[1])"
        }
        return nil
    }
}
