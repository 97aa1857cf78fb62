#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pull scanner for the XML of workbook parts: tags and text runs, nothing more.
///
/// Office Open XML parts are machine-written, so a small scanner suffices: no DTDs, no external
/// entities (which also means no entity-expansion attacks). It reads from a `ZipEntryStream` in
/// chunks, so a sheet of any size is scanned in constant memory; positions in an event are valid
/// until the next call. Element names keep their prefix (`x:row`); `localName` drops it.
/// Text runs are raw: entities are decoded by the consumer (`XMLText.decode`) once a value is whole.
package struct XMLPullScanner: ~Copyable {
    package enum Event {
        /// `<name attrs>` or `<name attrs/>`: the name and the attribute text, as offsets into `base`.
        case open(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
        case close(name: Range<Int>)
        /// Raw character data (entities not decoded); a run may come in several pieces.
        case text(Range<Int>)
        /// CDATA content, already literal.
        case cdata(Range<Int>)
        case end
    }

    private var stream: ZipEntryStream
    package private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var position = 0
    private var end = 0
    private var atEOF = false
    private let part: String

    package init(stream: consuming ZipEntryStream, part: String, chunkSize: Int = 256 << 10) {
        self.stream = stream
        self.part = part
        capacity = chunkSize
        base = .allocate(capacity: capacity + 1)
    }

    deinit { base.deallocate() }

    /// Keeps bytes from `keep` on, then loads more; false at the end of the part.
    private mutating func refill(keeping keep: Int) throws(ZipError) -> Bool {
        if atEOF { return false }
        let kept = end - keep
        if keep > 0 && kept > 0 { base.update(from: base + keep, count: kept) }
        end = max(0, kept)
        position = 0
        if capacity - end < capacity / 4 {
            // A single tag larger than the buffer: grow, within reason.
            guard capacity < 64 << 20 else { throw .damaged("\(part) has a tag longer than 64 MiB") }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + 1)
            bigger.update(from: base, count: end)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        let n = try stream.read(into: base + end, count: capacity - end)
        if n == 0 { atEOF = true; return false }
        end += n
        return true
    }

    package mutating func next() throws(ZipError) -> Event {
        while true {
            if position >= end {
                if try !refill(keeping: end) { return .end }
                continue
            }
            let p = position
            if base[p] != 0x3C {
                // Text up to the next '<' (or the end of what is loaded).
                let found = memchr(base + p, 0x3C, end - p)
                let stop = found.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt8.self) - base } ?? end
                position = stop
                return .text(p..<stop)
            }
            // A tag: find its '>'.
            guard p + 1 < end else {
                if try !refill(keeping: p) { throw .damaged("\(part) ends inside a tag") }
                continue
            }
            let first = base[p + 1]
            if first == 0x21 /* ! */ {
                if let event = try special(at: p) { return event }
                continue
            }
            guard let gtRaw = memchr(base + p + 1, 0x3E, end - p - 1) else {
                if try !refill(keeping: p) { throw .damaged("\(part) ends inside a tag") }
                continue
            }
            let gt = UnsafeMutableRawPointer(gtRaw).assumingMemoryBound(to: UInt8.self) - base
            position = gt + 1
            if first == 0x3F /* ? */ { continue }  // processing instruction, <?xml ...?>
            if first == 0x2F /* / */ {
                var e = gt
                while e > p + 2 && Self.isSpace(base[e - 1]) { e -= 1 }
                return .close(name: (p + 2)..<e)
            }
            var nameEnd = p + 1
            while nameEnd < gt && !Self.isSpace(base[nameEnd]) && base[nameEnd] != 0x2F { nameEnd += 1 }
            let selfClosing = base[gt - 1] == 0x2F && gt - 1 > p
            let attributesEnd = selfClosing ? gt - 1 : gt
            return .open(name: (p + 1)..<nameEnd, attributes: nameEnd..<max(nameEnd, attributesEnd), selfClosing: selfClosing)
        }
    }

    /// `<!-- -->`, `<![CDATA[ ]]>`, `<!DOCTYPE>`: comments and declarations are skipped; CDATA is text.
    private mutating func special(at p: Int) throws(ZipError) -> Event? {
        let cdata: [UInt8] = Array("<![CDATA[".utf8)
        let comment: [UInt8] = Array("<!--".utf8)
        // Enough bytes to tell which.
        while end - p < 9 && !atEOF { if try !refill(keeping: p) { break }; return nil }
        func starts(_ prefix: [UInt8], _ at: Int) -> Bool {
            guard end - at >= prefix.count else { return false }
            for i in 0..<prefix.count where base[at + i] != prefix[i] { return false }
            return true
        }
        let terminator: [UInt8] = starts(cdata, p) ? Array("]]>".utf8) : starts(comment, p) ? Array("-->".utf8) : Array(">".utf8)
        let contentStart = starts(cdata, p) ? p + 9 : p + 2
        var q = contentStart
        while true {
            if q + terminator.count > end {
                let offset = q - p
                let contentOffset = contentStart - p
                if try !refill(keeping: p) { throw .damaged("\(part) ends inside a comment or CDATA section") }
                _ = offset; _ = contentOffset
                return nil  // start over at the same '<' with more bytes loaded
            }
            if starts(terminator, q) { break }
            q += 1
        }
        position = q + terminator.count
        return terminator.count == 3 && terminator[0] == 0x5D ? .cdata(contentStart..<q) : nil
    }

    @inline(__always) package static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// The name without its namespace prefix (`x:row` → `row`).
    @inline(__always) package func localName(_ name: Range<Int>) -> Range<Int> {
        var i = name.upperBound - 1
        while i >= name.lowerBound {
            if base[i] == 0x3A { return (i + 1)..<name.upperBound }
            i -= 1
        }
        return name
    }

    @inline(__always) package func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let l = literal.utf8Start
        for i in 0..<range.count where base[range.lowerBound + i] != l[i] { return false }
        return true
    }

    /// The raw value of attribute `name` (no prefix) in `attributes`, or nil.
    package func attribute(_ name: StaticString, in attributes: Range<Int>) -> Range<Int>? {
        XMLText.attribute(name, in: UnsafePointer(base), attributes)
    }

    package func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }
}

/// Attribute lookup and entity decoding on raw XML bytes.
package enum XMLText {
    /// The value range of attribute `name` (matched on its local name) in `base[attributes]`.
    package static func attribute(_ name: StaticString, in base: UnsafePointer<UInt8>, _ attributes: Range<Int>) -> Range<Int>? {
        var i = attributes.lowerBound
        let end = attributes.upperBound
        let n = name.utf8CodeUnitCount
        let l = name.utf8Start
        while i < end {
            while i < end && XMLPullScanner.isSpace(base[i]) { i += 1 }
            let nameStart = i
            while i < end && base[i] != 0x3D && !XMLPullScanner.isSpace(base[i]) { i += 1 }
            let nameEnd = i
            while i < end && base[i] != 0x3D { i += 1 }
            i += 1
            while i < end && XMLPullScanner.isSpace(base[i]) { i += 1 }
            guard i < end else { return nil }
            let quote = base[i]
            guard quote == 0x22 || quote == 0x27 else { return nil }
            let valueStart = i + 1
            i = valueStart
            while i < end && base[i] != quote { i += 1 }
            let valueEnd = i
            i += 1
            var localStart = nameStart
            for j in nameStart..<nameEnd where base[j] == 0x3A { localStart = j + 1 }
            if nameEnd - localStart == n {
                var same = true
                for k in 0..<n where base[localStart + k] != l[k] { same = false; break }
                if same { return valueStart..<valueEnd }
            }
        }
        return nil
    }

    /// Decodes entities (`&amp;`, `&#233;`, `&#xE9;`) and the OOXML escapes `_xHHHH_` in place;
    /// returns the new end (the text only shrinks). Unknown entities stay as written.
    package static func decode(_ base: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int, ooxmlEscapes: Bool = true) -> Int {
        guard start < end else { return end }
        // Nothing to do in the usual case.
        var hasSpecial = false
        for i in start..<end where base[i] == 0x26 || (ooxmlEscapes && base[i] == 0x5F) || base[i] == 0x0D { hasSpecial = true; break }
        if !hasSpecial { return end }
        var r = start
        var w = start
        while r < end {
            let c = base[r]
            if c == 0x26, let (scalar, length) = entity(base, r, end) {
                w = write(scalar, base, w)
                r += length
            } else if c == 0x5F && ooxmlEscapes, r + 6 < end, base[r + 1] == 0x78, base[r + 6] == 0x5F,
                      let value = hex(base, r + 2, r + 6), let scalar = Unicode.Scalar(value) {
                w = write(scalar, base, w)
                r += 7
            } else if c == 0x0D {
                // XML reads CR LF and lone CR as LF.
                base[w] = 0x0A; w += 1
                r += r + 1 < end && base[r + 1] == 0x0A ? 2 : 1
            } else {
                base[w] = c; w += 1; r += 1
            }
        }
        return w
    }

    private static func entity(_ b: UnsafeMutablePointer<UInt8>, _ at: Int, _ end: Int) -> (Unicode.Scalar, Int)? {
        var semi = at + 1
        while semi < end && semi - at <= 10 && b[semi] != 0x3B { semi += 1 }
        guard semi < end, b[semi] == 0x3B else { return nil }
        let length = semi - at + 1
        let body = (at + 1)..<semi
        func named(_ s: StaticString) -> Bool {
            guard body.count == s.utf8CodeUnitCount else { return false }
            for k in 0..<body.count where b[body.lowerBound + k] != s.utf8Start[k] { return false }
            return true
        }
        if named("amp") { return ("&", length) }
        if named("lt") { return ("<", length) }
        if named("gt") { return (">", length) }
        if named("quot") { return ("\"", length) }
        if named("apos") { return ("'", length) }
        guard body.count >= 2, b[body.lowerBound] == 0x23 else { return nil }
        var value: UInt32 = 0
        if b[body.lowerBound + 1] | 0x20 == 0x78 {
            guard let v = hex(b, body.lowerBound + 2, body.upperBound) else { return nil }
            value = v
        } else {
            for k in (body.lowerBound + 1)..<body.upperBound {
                let d = b[k] &- 0x30
                guard d < 10, value < 0x110000 else { return nil }
                value = value * 10 + UInt32(d)
            }
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    private static func hex(_ b: UnsafeMutablePointer<UInt8>, _ from: Int, _ to: Int) -> UInt32? {
        guard to > from, to - from <= 6 else { return nil }
        var value: UInt32 = 0
        for k in from..<to {
            let c = b[k]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(d)
        }
        return value
    }

    /// Writes `scalar` as UTF-8 at `w`; returns the new end.
    private static func write(_ scalar: Unicode.Scalar, _ b: UnsafeMutablePointer<UInt8>, _ w: Int) -> Int {
        var w = w
        for unit in UTF8.encode(scalar)! { b[w] = unit; w += 1 }
        return w
    }
}
