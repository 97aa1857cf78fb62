import ChiSoApp
import Foundation
import Testing

/// The `ingested_at` stamp is written out by hand (Foundation's formatter costs 8 MB of ICU data);
/// the oracle is that formatter.
@Suite("Ingest timestamps")
struct IngestTimestampTests {
    static func foundation(_ seconds: TimeInterval) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    @Test("the stamp equals ISO8601DateFormatter's in UTC: before 1970, leap days, the last second of a day, fractions")
    func equalsFoundation() {
        var instants: [TimeInterval] = [0, -1, -86_400, -86_401, 59, 86_399, 86_400, 951_782_399, 951_782_400, 1_709_251_199.999,
                                        1_765_119_749.5, 4_102_444_799, -2_208_988_800, -0.25]
        // And a spread of instants over 1900-2100, seconds and days apart.
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            instants.append(TimeInterval(Int64(x >> 33) % 6_311_433_600 - 2_208_988_800))
        }
        for t in instants {
            #expect(Ingestor.timestamp(environment: [:], now: Date(timeIntervalSince1970: t)) == Self.foundation(t), "\(t)")
        }
    }

    @Test("SOURCE_DATE_EPOCH wins over the clock; one that is not a number or outside years 1-9999 is not used")
    func sourceDateEpoch() {
        let now = Date(timeIntervalSince1970: 1_765_119_749)
        #expect(Ingestor.timestamp(environment: ["SOURCE_DATE_EPOCH": "1700000000"], now: now) == "2023-11-14T22:13:20Z")
        #expect(Ingestor.timestamp(environment: ["SOURCE_DATE_EPOCH": "253402300799"], now: now) == "9999-12-31T23:59:59Z")
        #expect(Ingestor.timestamp(environment: ["SOURCE_DATE_EPOCH": "-62135596800"], now: now) == "0001-01-01T00:00:00Z")
        for bad in ["1e300", "-1e300", "nan", "inf", "253402300800", "soon", ""] {
            #expect(Ingestor.timestamp(environment: ["SOURCE_DATE_EPOCH": bad], now: now) == Self.foundation(1_765_119_749), "\(bad)")
        }
    }
}
