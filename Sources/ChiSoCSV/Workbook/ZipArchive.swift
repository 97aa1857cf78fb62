import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the bytes of a workbook come from: a file read with `pread`, or memory.
package final class ByteSource {
    private let descriptor: Int32
    private let bytes: [UInt8]
    package let size: Int

    /// Takes ownership of `descriptor` (closed on deinit).
    package init(descriptor: Int32) {
        self.descriptor = descriptor
        bytes = []
        var st = stat()
        size = fstat(descriptor, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : 0
    }

    package init(bytes: [UInt8]) {
        descriptor = -1
        self.bytes = bytes
        size = bytes.count
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Reads up to `count` bytes at `offset`; fewer only at the end. Throws the system's reason.
    package func read(at offset: Int, into destination: UnsafeMutableRawPointer, count: Int) throws(ZipError) -> Int {
        guard offset >= 0, offset < size, count > 0 else { return 0 }
        let want = min(count, size - offset)
        if descriptor < 0 {
            bytes.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress! + offset, byteCount: want) }
            return want
        }
        var filled = 0
        while filled < want {
            let n = pread(descriptor, destination + filled, want - filled, off_t(offset + filled))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .unreadable(String(cString: strerror(errno))) }
            if n == 0 { break }
            filled += n
        }
        return filled
    }

    package func read(at offset: Int, count: Int) throws(ZipError) -> [UInt8] {
        let want = max(0, min(count, size - offset))
        guard want > 0 else { return [] }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: want, alignment: 1)
        defer { buffer.deallocate() }
        let n = try read(at: offset, into: buffer, count: want)
        return Array(UnsafeRawBufferPointer(start: buffer, count: n))
    }
}

/// Why a workbook's container cannot be read; `CSVReader` turns it into a `CSVError` with advice.
package enum ZipError: Error, Equatable {
    case unreadable(String)
    /// Not a ZIP file, or a damaged one (the message says what is wrong).
    case damaged(String)
    /// A part the workbook needs is missing.
    case missingPart(String)
    /// A compression method other than stored (0) or deflate (8).
    case unsupportedMethod(Int, part: String)
    /// The workbook is encrypted (a password-protected file is an OLE container, but a ZIP entry may be too).
    case encrypted(part: String)
}

/// The central directory of a ZIP file (an .xlsx is one): part names and where their bytes are.
///
/// Only what an Office Open XML package uses: stored and deflated entries, ZIP64 sizes and offsets.
package struct ZipArchive {
    package struct Entry {
        package var name: String
        package var method: Int
        package var flags: Int
        package var compressedSize: Int
        package var uncompressedSize: Int
        package var crc32: UInt32
        package var localHeaderOffset: Int
    }

    package let source: ByteSource
    package private(set) var entries: [String: Entry] = [:]

    package init(source: ByteSource) throws(ZipError) {
        self.source = source
        let size = source.size
        guard size >= 22 else { throw .damaged("the file is too short to be a ZIP archive") }
        // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment).
        let tailLength = min(size, 22 + 65_535)
        let tail = try source.read(at: size - tailLength, count: tailLength)
        var eocd = -1
        var i = tail.count - 22
        while i >= 0 {
            if tail[i] == 0x50 && tail[i + 1] == 0x4B && tail[i + 2] == 0x05 && tail[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw .damaged("no ZIP central directory at the end of the file (the file is cut short or not a workbook)") }
        var count = Int(Self.u16(tail, eocd + 10))
        var directorySize = Int(Self.u32(tail, eocd + 12))
        var directoryOffset = Int(Self.u32(tail, eocd + 16))
        // ZIP64: the locator sits just before the record.
        if (count == 0xFFFF || directoryOffset == 0xFFFF_FFFF || directorySize == 0xFFFF_FFFF), eocd >= 20,
           Self.u32(tail, eocd - 20) == 0x0706_4B50 {
            let recordOffset = Int(Self.u64(tail, eocd - 20 + 8))
            let record = try source.read(at: recordOffset, count: 56)
            guard record.count == 56, Self.u32(record, 0) == 0x0606_4B50 else { throw .damaged("the ZIP64 directory record is missing") }
            count = Int(Self.u64(record, 32))
            directorySize = Int(Self.u64(record, 40))
            directoryOffset = Int(Self.u64(record, 48))
        }
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset <= size, directorySize <= size - directoryOffset, count >= 0 else {
            throw .damaged("the ZIP central directory points outside the file")
        }
        let directory = try source.read(at: directoryOffset, count: directorySize)
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= directory.count, Self.u32(directory, p) == 0x0201_4B50 else {
                throw .damaged("the ZIP central directory is damaged")
            }
            let flags = Int(Self.u16(directory, p + 8))
            let method = Int(Self.u16(directory, p + 10))
            let crc = Self.u32(directory, p + 16)
            var compressed = Int(Self.u32(directory, p + 20))
            var uncompressed = Int(Self.u32(directory, p + 24))
            let nameLength = Int(Self.u16(directory, p + 28))
            let extraLength = Int(Self.u16(directory, p + 30))
            let commentLength = Int(Self.u16(directory, p + 32))
            var offset = Int(Self.u32(directory, p + 42))
            guard p + 46 + nameLength + extraLength + commentLength <= directory.count else {
                throw .damaged("the ZIP central directory is damaged")
            }
            let name = String(decoding: directory[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            // ZIP64 extra field: the 64-bit values, in order, for the fields set to 0xFFFFFFFF.
            var e = p + 46 + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let id = Self.u16(directory, e)
                let length = Int(Self.u16(directory, e + 2))
                if id == 0x0001 {
                    var q = e + 4
                    if uncompressed == 0xFFFF_FFFF, q + 8 <= e + 4 + length { uncompressed = Int(Self.u64(directory, q)); q += 8 }
                    if compressed == 0xFFFF_FFFF, q + 8 <= e + 4 + length { compressed = Int(Self.u64(directory, q)); q += 8 }
                    if offset == 0xFFFF_FFFF, q + 8 <= e + 4 + length { offset = Int(Self.u64(directory, q)) }
                }
                e += 4 + length
            }
            entries[name] = Entry(name: name, method: method, flags: flags, compressedSize: compressed,
                                  uncompressedSize: uncompressed, crc32: crc, localHeaderOffset: offset)
            p += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The entry named `name` (part names are compared without a leading `/`, case-insensitively as OPC says).
    package func entry(_ name: String) -> Entry? {
        let plain = name.hasPrefix("/") ? String(name.dropFirst()) : name
        if let e = entries[plain] { return e }
        let lower = plain.lowercased()
        return entries.first { $0.key.lowercased() == lower }?.value
    }

    /// A stream of the entry's uncompressed bytes.
    package func open(_ entry: Entry) throws(ZipError) -> ZipEntryStream {
        if entry.flags & 1 != 0 { throw .encrypted(part: entry.name) }
        guard entry.method == 0 || entry.method == 8 else { throw .unsupportedMethod(entry.method, part: entry.name) }
        let header = try source.read(at: entry.localHeaderOffset, count: 30)
        guard header.count == 30, Self.u32(header, 0) == 0x0403_4B50 else {
            throw .damaged("the local header of \(entry.name) is missing")
        }
        let dataOffset = entry.localHeaderOffset + 30 + Int(Self.u16(header, 26)) + Int(Self.u16(header, 28))
        guard entry.compressedSize >= 0, dataOffset <= source.size, entry.compressedSize <= source.size - dataOffset else {
            throw .damaged("\(entry.name) runs past the end of the file")
        }
        return try ZipEntryStream(source: source, entry: entry, dataOffset: dataOffset)
    }

    /// The whole entry, for the small parts (workbook, relationships, styles); at most `limit` bytes.
    package func readAll(_ name: String, limit: Int = 256 << 20) throws(ZipError) -> [UInt8]? {
        guard let entry = entry(name) else { return nil }
        var stream = try open(entry)
        var out: [UInt8] = []
        out.reserveCapacity(min(entry.uncompressedSize, limit))
        let chunkSize = 64 << 10
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        while true {
            let n = try stream.read(into: chunk, count: chunkSize)
            if n == 0 { break }
            out.append(contentsOf: UnsafeBufferPointer(start: chunk, count: n))
            if out.count > limit { throw .damaged("\(entry.name) is larger than \(limit >> 20) MiB") }
        }
        return out
    }

    @inline(__always) static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    @inline(__always) static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
    @inline(__always) static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }
}

/// The uncompressed bytes of one ZIP entry, pulled on demand (inflated with zlib), with the CRC checked at the end.
package struct ZipEntryStream: ~Copyable {
    private let source: ByteSource
    private let entry: ZipArchive.Entry
    private var inputOffset: Int
    private var inputLeft: Int
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 64 << 10
    private var stream: UnsafeMutablePointer<z_stream>
    private var finished = false
    private var crc: UInt = 0
    private var produced = 0

    fileprivate init(source: ByteSource, entry: ZipArchive.Entry, dataOffset: Int) throws(ZipError) {
        self.source = source
        self.entry = entry
        inputOffset = dataOffset
        inputLeft = entry.compressedSize
        input = .allocate(capacity: inputCapacity)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        if entry.method == 8 {
            // Raw deflate (negative window bits): a ZIP entry has no zlib header.
            let status = inflateInit2_(stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                stream.deinitialize(count: 1); stream.deallocate(); input.deallocate()
                throw .damaged("zlib could not start (\(status))")
            }
        }
    }

    deinit {
        if entry.method == 8 { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Fills up to `count` bytes; returns 0 only at the end of the entry.
    package mutating func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws(ZipError) -> Int {
        if finished || count == 0 { return 0 }
        var n = 0
        if entry.method == 0 {
            n = try source.read(at: inputOffset, into: destination, count: min(count, inputLeft))
            inputOffset += n
            inputLeft -= n
            if n == 0 && inputLeft > 0 { throw .damaged("\(entry.name) is cut short") }
        } else {
            stream.pointee.next_out = destination
            stream.pointee.avail_out = UInt32(min(count, Int(UInt32.max)))
            while stream.pointee.avail_out > 0 {
                if stream.pointee.avail_in == 0 && inputLeft > 0 {
                    let got = try source.read(at: inputOffset, into: input, count: min(inputCapacity, inputLeft))
                    if got == 0 { throw .damaged("\(entry.name) is cut short") }
                    inputOffset += got
                    inputLeft -= got
                    stream.pointee.next_in = input
                    stream.pointee.avail_in = UInt32(got)
                }
                let before = stream.pointee.avail_out
                let status = inflate(stream, Z_NO_FLUSH)
                if status == Z_STREAM_END { finished = true; break }
                if status == Z_BUF_ERROR && stream.pointee.avail_in == 0 && inputLeft == 0 {
                    throw .damaged("\(entry.name) is cut short")
                }
                if status != Z_OK && status != Z_BUF_ERROR { throw .damaged("\(entry.name) is damaged (inflate: \(status))") }
                if stream.pointee.avail_out == before && stream.pointee.avail_in == 0 && inputLeft == 0 {
                    throw .damaged("\(entry.name) is cut short")
                }
            }
            n = min(count, Int(UInt32.max)) - Int(stream.pointee.avail_out)
        }
        crc = crc32(crc, destination, UInt32(n))
        produced += n
        if entry.method == 0 && inputLeft == 0 { finished = true }
        if finished {
            // Some writers leave the sizes in the central directory at 0 with a data descriptor; the CRC is always there.
            if UInt32(truncatingIfNeeded: crc) != entry.crc32 {
                throw .damaged("\(entry.name) fails its CRC check (the file is damaged)")
            }
        }
        return n
    }
}
