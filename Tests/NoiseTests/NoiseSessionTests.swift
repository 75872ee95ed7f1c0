import Sodium
import TestSupport
import Testing

@testable import Noise

@Suite("NoiseSession")
struct NoiseSessionTests {
    @Test("the limits are those of the two-byte length prefix and the 16-byte tag")
    func limits() {
        #expect(NoiseSession.frameByteCountMax == 65535)
        #expect(NoiseSession.plaintextByteCountMax == 65519)
    }

    @Test("messages travel both ways")
    func bothWays() throws {
        var (initiator, responder) = try NoiseTestHandshake.establish()
        for index in 0..<5 {
            let request = Array("request \(index)".utf8)
            #expect(try responder.session.open(initiator.session.seal(request)) == request)
            let response = Array("response \(index)".utf8)
            #expect(try initiator.session.open(responder.session.seal(response)) == response)
        }
    }

    @Test("a 200 KB message is split into full frames and reassembled")
    func largeMessage() throws {
        var (initiator, responder) = try NoiseTestHandshake.establish()
        var generator = SeededGenerator.make(for: "NoiseSession.largeMessage")
        let message = generator.bytes(count: 200_000)
        let sealed = try initiator.session.seal(message)
        let frameBodies = Self.frameBodyByteCounts(sealed)
        #expect(frameBodies == [65535, 65535, 65535, 3443 + 16])
        #expect(initiator.session.sendingCipher.nonce == 4)
        #expect(try responder.session.open(sealed) == message)
    }

    @Test("a 200 KB message in random fragments is reassembled")
    func largeMessageInFragments() throws {
        var (initiator, responder) = try NoiseTestHandshake.establish()
        var generator = SeededGenerator.make(for: "NoiseSession.largeMessageInFragments")
        let message = generator.bytes(count: 200_000)
        let sealed = try initiator.session.seal(message)
        var received: [UInt8] = []
        var start = 0
        while start < sealed.count {
            let end = min(sealed.count, start + Int.random(in: 1...20_000, using: &generator))
            received += try responder.session.open(Array(sealed[start..<end]))
            #expect(responder.session.bufferedByteCount <= 2 + NoiseSession.frameByteCountMax)
            start = end
        }
        #expect(received == message)
    }

    /// The body lengths of the frames in `stream`.
    private static func frameBodyByteCounts(_ stream: [UInt8]) -> [Int] {
        var counts: [Int] = []
        var index = 0
        while index + 2 <= stream.count {
            let count = Int(stream[index]) << 8 | Int(stream[index + 1])
            counts.append(count)
            index += 2 + count
        }
        return counts
    }

    @Test("input delivered one byte at a time yields the same plaintext")
    func byteAtATime() throws {
        var (initiator, responder) = try NoiseTestHandshake.establish()
        let first = Array("first message".utf8), second = Array("second".utf8)
        let sealed = try initiator.session.seal(first) + initiator.session.seal(second)
        var received: [UInt8] = []
        for byte in sealed {
            received += try responder.session.open([byte])
        }
        #expect(received == first + second)
        #expect(responder.session.bufferedByteCount == 0)
    }

    @Test("empty plaintext gives no frames")
    func emptyPlaintext() throws {
        var (initiator, _) = try NoiseTestHandshake.establish()
        #expect(try initiator.session.seal([]) == [])
        #expect(initiator.session.sendingCipher.nonce == 0)
    }

    @Test("a frame holding only a tag opens to nothing")
    func emptyFrame() throws {
        var (initiator, responder) = try NoiseTestHandshake.establish()
        let tagOnly = try initiator.session.sendingCipher.encrypt([UInt8](), authenticating: [])
        #expect(try responder.session.open(NoiseFrameBuffer.frame(tagOnly)) == [])
        #expect(try responder.session.open(initiator.session.seal([42])) == [42])
    }

    @Test("a truncated frame waits in the buffer")
    func truncatedFrame() throws {
        var (initiator, responder) = try NoiseTestHandshake.establish()
        let sealed = try initiator.session.seal(Array("hello".utf8))
        #expect(try responder.session.open(Array(sealed.dropLast(3))) == [])
        #expect(responder.session.bufferedByteCount == sealed.count - 3)
        #expect(try responder.session.open(Array(sealed.suffix(3))) == Array("hello".utf8))
    }

    @Test("a frame shorter than the tag is refused", arguments: [0, 1, 15])
    func frameShorterThanTag(byteCount: Int) throws {
        var (_, responder) = try NoiseTestHandshake.establish()
        #expect(throws: NoiseError.frameTooShort(byteCount: byteCount)) {
            try responder.session.open(NoiseFrameBuffer.frame([UInt8](repeating: 0, count: byteCount)))
        }
    }

    @Test("tampered ciphertext fails authentication, and the session stays failed")
    func tamperedCiphertext() throws {
        var (initiator, responder) = try NoiseTestHandshake.establish()
        var sealed = try initiator.session.seal(Array("attack at dawn".utf8))
        sealed[5] ^= 0x01
        #expect(throws: NoiseError.decryptionFailed) { try responder.session.open(sealed) }
        let next = try initiator.session.seal([1])
        #expect(throws: NoiseError.decryptionFailed) { try responder.session.open(next) }
    }

    @Test("an oversized garbage frame of the maximum length fails authentication")
    func maximumGarbageFrame() throws {
        var (_, responder) = try NoiseTestHandshake.establish()
        #expect(throws: NoiseError.decryptionFailed) {
            try responder.session.open(NoiseFrameBuffer.frame([UInt8](repeating: 0xab, count: 65535)))
        }
    }

    @Test("replayed and reordered frames fail authentication")
    func replayedFrame() throws {
        var (initiator, responder) = try NoiseTestHandshake.establish()
        let first = try initiator.session.seal([1])
        let second = try initiator.session.seal([2])
        var replaying = responder.session
        #expect(try replaying.open(first) == [1])
        #expect(throws: NoiseError.decryptionFailed) { try replaying.open(first) }
        #expect(throws: NoiseError.decryptionFailed) { try responder.session.open(second) }
    }

    @Test("sealing stops before the nonce reaches 2^64 − 1")
    func sendingNonceExhaustion() throws {
        var (initiator, responder) = try NoiseTestHandshake.establish()
        initiator.session.sendingCipher.nonce = UInt64.max - 2
        responder.session.receivingCipher.nonce = UInt64.max - 2
        #expect(try responder.session.open(initiator.session.seal([1])) == [1])
        #expect(try responder.session.open(initiator.session.seal([2])) == [2])
        #expect(initiator.session.sendingCipher.nonce == UInt64.max)
        #expect(throws: NoiseError.nonceExhausted) { try initiator.session.seal([3]) }
        let tagOnly = NoiseFrameBuffer.frame([UInt8](repeating: 0, count: 16))
        #expect(throws: NoiseError.nonceExhausted) { try responder.session.open(tagOnly) }
    }

    @Test("a message needing more frames than nonces left is not sealed at all")
    func multiFrameNonceExhaustion() throws {
        var (initiator, _) = try NoiseTestHandshake.establish()
        initiator.session.sendingCipher.nonce = UInt64.max - 1
        let twoFrames = [UInt8](repeating: 0, count: NoiseSession.plaintextByteCountMax + 1)
        #expect(throws: NoiseError.nonceExhausted) { try initiator.session.seal(twoFrames) }
        #expect(initiator.session.sendingCipher.nonce == UInt64.max - 1)
        #expect(try initiator.session.seal([0]).count == 2 + 1 + 16)
    }
}
