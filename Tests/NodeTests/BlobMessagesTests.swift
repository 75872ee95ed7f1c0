import Testing
import TestSupport
import Wire
@testable import Node

@Suite("BlobRequest and BlobResponse")
struct BlobMessagesTests {
    static let hash = [UInt8](repeating: 0xab, count: 32)

    @Test("a request encodes as protobuf fields 1–4 and decodes back")
    func requestRoundTrip() throws {
        let request = BlobRequest(id: 7, hash: Self.hash, offset: 300, length: 4_096)
        #expect(request.encoded == [0x08, 0x07, 0x12, 0x20] + Self.hash + [0x18, 0xac, 0x02, 0x20, 0x80, 0x20])
        #expect(try BlobRequest.decode(request.encoded) == request)
    }

    @Test("a response with data, and one without the blob, decode back")
    func responseRoundTrip() throws {
        let found = BlobResponse(id: 3, status: .found, totalSize: 10, offset: 4, data: [1, 2, 3])
        #expect(try BlobResponse.decode(found.encoded) == found)
        let missing = BlobResponse(id: 3, status: .notHeld)
        #expect(missing.encoded == [0x08, 0x03, 0x10, 0x01])
        #expect(try BlobResponse.decode(missing.encoded) == missing)
    }

    @Test("requests out of range are refused", arguments: [
        [0x12, 0x20] + hash + [0x20, 0x01],                   // no id
        [0x08, 0x01, 0x12, 0x20] + hash,                      // no length
        [0x08, 0x01, 0x12, 0x20] + hash + [0x20, 0x81, 0x80, 0x10], // length over 256 KiB
        [0x08, 0x01, 0x12, 0x02, 0x01, 0x02, 0x20, 0x01],     // short hash
        [0x08, 0x01, 0x12, 0x20] + hash + [0x20, 0x01, 0x28, 0x01], // unknown field
    ])
    func badRequests(bytes: [UInt8]) {
        #expect(throws: WireError.self) { try BlobRequest.decode(bytes) }
    }

    @Test("responses that break the rules are refused", arguments: [
        [0x10, 0x01],                                          // no id
        [0x08, 0x01, 0x10, 0x05],                              // unknown status
        [0x08, 0x01, 0x10, 0x01, 0x18, 0x05],                  // not held, yet a size
        [0x08, 0x01, 0x18, 0x01, 0x18, 0x02],                  // a repeated field
    ])
    func badResponses(bytes: [UInt8]) {
        #expect(throws: WireError.self) { try BlobResponse.decode(bytes) }
    }

    @Test("random and mutated bytes never trap, and what decodes re-encodes the same")
    func fuzzed() {
        var generator = SeededGenerator.make(for: "BlobMessagesTests.fuzzed")
        let samples = [BlobRequest(id: 1, hash: Self.hash, offset: 9, length: 5).encoded,
                       BlobResponse(id: 2, status: .found, totalSize: 9, offset: 0, data: [1, 2]).encoded]
        for round in 0..<4_000 {
            var bytes = samples[round % 2]
            if round % 3 == 0 { bytes = generator.bytes(count: Int(generator.next() % 80)) } else { bytes = generator.mutate(bytes) }
            if let request = try? BlobRequest.decode(bytes) { #expect(request.encoded == bytes) }
            if let response = try? BlobResponse.decode(bytes) { #expect(response.encoded == bytes) }
        }
    }
}
