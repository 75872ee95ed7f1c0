import Testing
import TestSupport
@testable import Multistream

@Suite struct MultistreamMessageTests {
    /// `/multistream/1.0.0\n` with its length prefix 0x13 (19), from the libp2p connections spec.
    let header = hex("13 2f6d756c746973747265616d2f312e302e30 0a")

    @Test func encodesTheSpecMessages() {
        #expect(MultistreamMessage.encode("/multistream/1.0.0") == header)
        #expect(MultistreamMessage.encode("na") == hex("036e610a"))
        #expect(MultistreamMessage.encode("ls") == hex("036c730a"))
        #expect(MultistreamMessage.encode("") == hex("010a"))
    }

    @Test func encodesATwoByteLengthPrefix() throws {
        let text = String(repeating: "a", count: MultistreamMessage.textByteCountMax)
        let encoded = MultistreamMessage.encode(text)
        #expect(Array(encoded.prefix(2)) == hex("8008"))
        #expect(encoded.count == 2 + 1024)
        #expect(try MultistreamMessage.decode(encoded[...])?.text == text)
    }

    @Test func decodesOneMessageAndLeavesTheRest() throws {
        let decoded = try #require(try MultistreamMessage.decode((header + hex("036e610a ff"))[...]))
        #expect(decoded.text == "/multistream/1.0.0")
        #expect(decoded.byteCount == 20)
        let second = try #require(try MultistreamMessage.decode((header + hex("036e610a ff"))[20...]))
        #expect(second.text == "na")
        #expect(second.byteCount == 4)
    }

    @Test func waitsForEveryIncompletePrefix() throws {
        for count in 0..<header.count {
            #expect(try MultistreamMessage.decode(header.prefix(count)) == nil)
        }
        #expect(try MultistreamMessage.decode(hex("80")[...]) == nil)
    }

    @Test func rejectsALengthAboveTheLimitBeforeItsBytesArrive() {
        #expect(throws: MultistreamError.messageTooLong(limit: 1024)) { try MultistreamMessage.decode(hex("8108")[...]) }
        #expect(throws: MultistreamError.messageTooLong(limit: 1024)) { try MultistreamMessage.decode(hex("ffff7f")[...]) }
        #expect(throws: MultistreamError.messageTooLong(limit: 1024)) { try MultistreamMessage.decode(hex("8080")[...]) }
        #expect(throws: MultistreamError.messageTooLong(limit: 3)) {
            try MultistreamMessage.decode(hex("04616263 0a")[...], lengthMax: 3)
        }
    }

    @Test func rejectsANonMinimalLengthPrefix() {
        #expect(throws: MultistreamError.malformedLength(.overlongVarint)) { try MultistreamMessage.decode(hex("8300")[...]) }
    }

    @Test func rejectsAMessageWithoutItsNewline() {
        #expect(throws: MultistreamError.missingNewline) { try MultistreamMessage.decode(hex("00")[...]) }
        #expect(throws: MultistreamError.missingNewline) { try MultistreamMessage.decode(hex("036e6120")[...]) }
        #expect(throws: MultistreamError.missingNewline) { try MultistreamMessage.decode(hex("026e61")[...]) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: MultistreamError.invalidUTF8) { try MultistreamMessage.decode(hex("03c3280a")[...]) }
        #expect(throws: MultistreamError.invalidUTF8) { try MultistreamMessage.decode(hex("02ff0a")[...]) }
        #expect(throws: MultistreamError.invalidUTF8) { try MultistreamMessage.decode(hex("04eda0800a")[...]) }
    }

    @Test(arguments: [
        ("/noise", true), ("/yamux/1.0.0", true), ("/ipfs/id/1.0.0", true),
        ("", false), ("na", false), ("ls", false), ("/multistream/1.0.0", false), ("/a\nb", false),
    ])
    func validatesProtocolIDs(text: String, isValid: Bool) {
        #expect(MultistreamMessage.isValidProtocolID(text) == isValid)
    }

    @Test func limitsProtocolIDsTo1023Bytes() {
        #expect(MultistreamMessage.isValidProtocolID("/" + String(repeating: "x", count: 1022)))
        #expect(!MultistreamMessage.isValidProtocolID("/" + String(repeating: "x", count: 1023)))
        #expect(MultistreamMessage.isValidProtocolID("/" + String(repeating: "é", count: 511)))
        #expect(!MultistreamMessage.isValidProtocolID("/" + String(repeating: "é", count: 512)))
    }

    @Test func randomAndMutatedInputNeverTraps() throws {
        var generator = SeededGenerator.make(for: "MultistreamMessage")
        let samples = [header, hex("036e610a"), MultistreamMessage.encode("/yamux/1.0.0") + [1, 2, 3]]
        for _ in 0..<5_000 {
            let input = Bool.random(using: &generator)
                ? generator.mutate(samples.randomElement(using: &generator)!)
                : generator.bytes(maximumCount: 24)
            let lengthMax = Int.random(in: 1...MultistreamMessage.lengthMax, using: &generator)
            guard let decoded = try? MultistreamMessage.decode(input[...], lengthMax: lengthMax) else { continue }
            #expect(MultistreamMessage.encode(decoded.text) == Array(input.prefix(decoded.byteCount)))
        }
    }
}
