import Testing
import TestSupport
import Wire
@testable import Node

/// The one frame of a request/response stream: `uvarint(length) ‖ bytes` (the multiformats
/// unsigned varint: 300 is `ac 02`).
@Suite("RequestFrameReader")
struct RequestFrameReaderTests {
    @Test("a whole frame, then nothing more")
    func whole() throws {
        var reader = RequestFrameReader(byteCountMax: 16)
        #expect(try reader.append(hex("03 0a 0b 0c")) == hex("0a0b0c"))
        #expect(reader.frame == hex("0a0b0c"))
        #expect(try reader.append([]) == nil)
        #expect(throws: WireError.trailingBytes(1)) { try reader.append([0]) }
    }

    @Test("an empty frame is a frame")
    func empty() throws {
        var reader = RequestFrameReader(byteCountMax: 16)
        #expect(try reader.append([0]) == [])
    }

    @Test("bytes arriving one at a time, with a two-byte length (300 = ac 02)")
    func fragmented() throws {
        let body = (0..<300).map { UInt8(truncatingIfNeeded: $0) }
        var reader = RequestFrameReader(byteCountMax: 300)
        let bytes = hex("ac02") + body
        for byte in bytes.dropLast() { #expect(try reader.append([byte]) == nil) }
        #expect(try reader.append([bytes.last!]) == body)
    }

    @Test("a length over the limit is refused before its bytes arrive")
    func overLimit() {
        var reader = RequestFrameReader(byteCountMax: 299)
        #expect(throws: WireError.self) { try reader.append(hex("ac02")) }
    }

    @Test("bytes after the frame in the same chunk are refused", arguments: [hex("01 aa 00"), hex("01 aa 01"), hex("01 aa 02 bb cc")])
    func trailing(bytes: [UInt8]) {
        var reader = RequestFrameReader(byteCountMax: 16)
        #expect(throws: WireError.self) { try reader.append(bytes) }
    }

    @Test("an overlong length is refused")
    func overlong() {
        var reader = RequestFrameReader(byteCountMax: 16)
        #expect(throws: WireError.self) { try reader.append(hex("8100")) }
    }

    @Test("random and mutated bytes never trap; a valid frame reads the same whatever the split")
    func property() throws {
        var generator = SeededGenerator.make(for: "RequestFrameReader")
        for _ in 0..<2_000 {
            let body = generator.bytes(maximumCount: 200)
            let framed = VarintFrameDecoder.frame(body)
            let split = Int.random(in: 0...framed.count, using: &generator)
            var reader = RequestFrameReader(byteCountMax: 200)
            let first = try reader.append(Array(framed[..<split]))
            let second = try reader.append(Array(framed[split...]))
            #expect((first ?? second) == body)
            var fuzzed = RequestFrameReader(byteCountMax: 64)
            for input in [generator.mutate(framed), generator.bytes(maximumCount: 80)] {
                _ = try? fuzzed.append(input)
            }
        }
    }
}
