/// A date or date-time of a dossier log on the local clock, as written.
///
/// One-stop-shop systems write Vietnam's time (+07:00): the month of a dossier is the calendar
/// month of its local date-time as written, so the UTC offset is checked but not applied.
/// Stored as seconds since 1970-01-01T00:00 of that local clock (a date alone is its midnight).
package enum LocalDateTime {
    package static let secondsPerDay: Int64 = 86_400

    /// Parses `2023-03-15`, `2023-03-15T09:12`, `2023-03-15T09:12:45`, with optional fraction
    /// (`.123`) and zone (`Z`, `+07:00`, `+0700`, `+07`); a space may stand for the `T`.
    /// Returns local seconds, or `nil` for anything else or an impossible date or time.
    @inline(__always)
    package static func parse(_ b: UnsafeRawBufferPointer) -> Int64? {
        let n = b.count
        guard n >= 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        @inline(__always) func d(_ i: Int) -> Int { Int(b[i] &- 0x30) }
        @inline(__always) func isDigit(_ i: Int) -> Bool { b[i] &- 0x30 < 10 }
        guard isDigit(0), isDigit(1), isDigit(2), isDigit(3), isDigit(5), isDigit(6), isDigit(8), isDigit(9) else { return nil }
        let year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)
        let month = d(5) * 10 + d(6)
        let day = d(8) * 10 + d(9)
        guard year >= 1900, month >= 1, month <= 12, day >= 1, day <= DayNumber.daysIn(month: month, year: year) else { return nil }
        let date = Int64(DayNumber.from(year: year, month: month, day: day)) * secondsPerDay
        if n == 10 { return date }
        guard b[10] == 0x54 || b[10] == 0x20 || b[10] == 0x74, n >= 16, b[13] == 0x3A,
              isDigit(11), isDigit(12), isDigit(14), isDigit(15) else { return nil }
        let hour = d(11) * 10 + d(12)
        let minute = d(14) * 10 + d(15)
        var second = 0
        var i = 16
        if i < n && b[i] == 0x3A {
            guard i + 2 < n, isDigit(i + 1), isDigit(i + 2) else { return nil }
            second = d(i + 1) * 10 + d(i + 2)
            i += 3
            if i < n && (b[i] == 0x2E || b[i] == 0x2C) {
                i += 1
                let start = i
                while i < n && isDigit(i) { i += 1 }
                guard i > start else { return nil }
            }
        }
        guard hour <= 23, minute <= 59, second <= 59 else { return nil }
        if i < n {
            if b[i] == 0x5A || b[i] == 0x7A {
                i += 1
            } else if b[i] == 0x2B || b[i] == 0x2D {
                // ±HH, ±HHMM or ±HH:MM, at most 14:00 away from UTC.
                let rest = n - i - 1
                guard rest == 2 || rest == 4 || (rest == 5 && b[i + 3] == 0x3A) else { return nil }
                guard isDigit(i + 1), isDigit(i + 2) else { return nil }
                let hours = d(i + 1) * 10 + d(i + 2)
                var minutes = 0
                if rest >= 4 {
                    let m = rest == 4 ? i + 3 : i + 4
                    guard isDigit(m), isDigit(m + 1) else { return nil }
                    minutes = d(m) * 10 + d(m + 1)
                }
                guard hours <= 14, minutes <= 59 else { return nil }
                i = n
            } else {
                return nil
            }
        }
        guard i == n else { return nil }
        return date + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The day number (days since 1970-01-01) of local seconds.
    @inline(__always)
    package static func dayNumber(_ seconds: Int64) -> Int {
        Int(seconds >= 0 ? seconds / secondsPerDay : (seconds - secondsPerDay + 1) / secondsPerDay)
    }

    /// `2023-03-15T09:12:45` (no zone: the local clock), for messages.
    package static func text(_ seconds: Int64) -> String {
        let day = DayNumber.day(dayNumber(seconds))
        let s = Int(seconds - Int64(dayNumber(seconds)) * secondsPerDay)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
    }
}
