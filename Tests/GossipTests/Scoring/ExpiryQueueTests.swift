import Testing
@testable import Gossip

@Suite struct ExpiryQueueTests {
    @Test func firstInFirstOutAcrossCompaction() {
        var queue = ExpiryQueue<Int>()
        #expect(queue.isEmpty && queue.popFirst() == nil)
        var expected = 0
        for value in 0..<1000 {
            queue.append(value)
            if value % 3 == 0 {
                #expect(queue.popFirst() == expected)
                expected += 1
            }
        }
        #expect(queue.count == 1000 - expected)
        #expect(queue.first == expected && queue.last == 999 && queue[1] == expected + 1)
        while let value = queue.popFirst() {
            #expect(value == expected)
            expected += 1
        }
        #expect(expected == 1000 && queue.isEmpty)
    }
}
