import ChiSoCore

/// How fields are separated: comma (RFC 4180), semicolon (spreadsheets in locales whose decimal
/// separator is a comma, common in Vietnam) or tab. Quoting is always RFC 4180 double quotes.
public struct CSVDialect: Sendable, Equatable, CustomStringConvertible {
    /// The field separator, an ASCII byte other than `"`, CR and LF.
    public var delimiter: UInt8

    public init(delimiter: UInt8) {
        precondition(
            delimiter < 0x80 && delimiter != CSVByte.quote && delimiter != CSVByte.cr && delimiter != CSVByte.lf,
            "a CSV delimiter must be an ASCII byte other than quote, CR and LF")
        self.delimiter = delimiter
    }

    public static let comma = CSVDialect(delimiter: CSVByte.comma)
    public static let semicolon = CSVDialect(delimiter: CSVByte.semicolon)
    public static let tab = CSVDialect(delimiter: CSVByte.tab)

    /// The delimiters `detect(headerLine:)` chooses among, in tie-breaking order.
    public static let detectable: [CSVDialect] = [.comma, .semicolon, .tab]

    /// Chooses comma, semicolon or tab: whichever occurs most often outside quotes in the first
    /// physical line (counting stops at the first CR or LF). Ties, including a one-column header
    /// with none of them, go to the earlier of comma, semicolon, tab.
    public static func detect(headerLine: some Sequence<UInt8>) -> CSVDialect {
        var counts = [0, 0, 0]
        var inQuotes = false
        scan: for byte in headerLine {
            switch byte {
            case CSVByte.quote: inQuotes.toggle()
            case CSVByte.lf, CSVByte.cr: break scan
            case _ where inQuotes: continue
            case CSVByte.comma: counts[0] += 1
            case CSVByte.semicolon: counts[1] += 1
            case CSVByte.tab: counts[2] += 1
            default: continue
            }
        }
        var best = 0
        for i in 1..<counts.count where counts[i] > counts[best] { best = i }
        return detectable[best]
    }

    /// Same as `detect(headerLine:)` on the UTF-8 bytes of `headerLine`.
    public static func detect(headerLine: String) -> CSVDialect {
        detect(headerLine: headerLine.utf8)
    }

    public var description: String {
        switch delimiter {
        case CSVByte.comma: "comma"
        case CSVByte.semicolon: "semicolon"
        case CSVByte.tab: "tab"
        default: "'\(Character(Unicode.Scalar(delimiter)))'"
        }
    }
}

/// The bytes the reader and writer care about.
@usableFromInline
package enum CSVByte {
    @usableFromInline package static let quote: UInt8 = 0x22
    @usableFromInline package static let comma: UInt8 = 0x2C
    @usableFromInline package static let semicolon: UInt8 = 0x3B
    @usableFromInline package static let tab: UInt8 = 0x09
    @usableFromInline package static let lf: UInt8 = 0x0A
    @usableFromInline package static let cr: UInt8 = 0x0D
}
