import Foundation
import Testing

@testable import ChiSoIngest

@Suite("Batch channel between the parser and the writer")
struct BatchChannelTests {
    @Test("handing a batch back never waits: offer drops it when the spare channel is full")
    func offerNeverWaits() {
        let spare = BatchChannel<Int>(capacity: 2)
        #expect(spare.offer(1))
        #expect(spare.offer(2))
        #expect(!spare.offer(3))  // full: dropped at once (a put would wait here forever)
        #expect(spare.poll() == 1)
        #expect(spare.offer(4))
        spare.cancel()
        #expect(!spare.offer(5))
    }

    @Test("a parser that makes more batches than the spare channel holds, against a writer handing each back: no deadlock")
    func manyBatchesNoDeadlock() async {
        let channel = BatchChannel<[Int]>(capacity: 3)
        let spare = BatchChannel<[Int]>(capacity: 1)
        let producer = Thread {
            for i in 0..<20_000 {
                // Never reuse: every batch is new, so many more circulate than `spare` can hold.
                _ = spare.poll()
                _ = channel.put([i])
            }
            channel.close()
        }
        producer.start()
        var seen = 0
        while let batch = channel.take() {
            seen += batch.count
            spare.offer(batch)
            spare.offer(batch)
        }
        #expect(seen == 20_000)
    }
}
