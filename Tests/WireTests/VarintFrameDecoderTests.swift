import Testing
import TestSupport
@testable import Wire

@Suite("VarintFrameDecoder")
struct VarintFrameDecoderTests {
    @Test("frames split across and within appends come out whole and in order")
    func fragmentation() throws {
        let frames: [[UInt8]] = [[], [1, 2, 3], [UInt8](repeating: 7, count: 300)]
        let stream = frames.flatMap { VarintFrameDecoder.frame($0) }
        #expect(Array(stream.prefix(4)) == [0x00, 0x03, 1, 2])
        for chunkSize in [1, 2, 5, stream.count] {
            var decoder = VarintFrameDecoder(frameByteCountMax: 1024)
            var received: [[UInt8]] = []
            for start in stride(from: 0, to: stream.count, by: chunkSize) {
                received += try decoder.append(stream[start..<min(start + chunkSize, stream.count)])
            }
            #expect(received == frames)
            #expect(decoder.bufferedByteCount == 0)
        }
    }

    @Test("a frame announced over the limit is refused before its bytes arrive")
    func limit() {
        var decoder = VarintFrameDecoder(frameByteCountMax: 100)
        #expect(throws: WireError.limitExceeded("length-prefixed frame byte count", limit: 100)) {
            try decoder.append([0x65])
        }
    }

    @Test("overlong and overflowing length prefixes are refused", arguments: [
        [0x80, 0x00], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
    ])
    func badPrefixes(prefix: [UInt8]) {
        var decoder = VarintFrameDecoder(frameByteCountMax: 100)
        #expect(throws: WireError.self) { try decoder.append(prefix) }
    }

    @Test("random and mutated streams never trap (seeded)")
    func randomInput() {
        var generator = SeededGenerator.make(for: "VarintFrameDecoderTests.randomInput")
        for _ in 0..<500 {
            var decoder = VarintFrameDecoder(frameByteCountMax: 64)
            let frames = (0..<3).map { _ in generator.bytes(maximumCount: 40) }
            let stream = generator.mutate(frames.flatMap { VarintFrameDecoder.frame($0) })
            _ = try? decoder.append(stream)
        }
    }
}
