import Gossip
import Testing
import Wire

@Suite("GossipRPCError and GossipMessageError")
struct GossipRPCErrorTests {
    static let rpcErrors: [GossipRPCError] = [
        .malformed(.truncated("a byte")), .rpcTooLarge(limit: 10), .messageDataTooLarge(byteCount: 11, limit: 10),
        .tooManySubscriptions(limit: 1), .tooManyMessages(limit: 2), .tooManyControlEntries(limit: 3),
        .tooManyMessageIDs(limit: 4), .messageIDTooLong(byteCount: 6, limit: 5), .topicTooLong(byteCount: 8, limit: 7),
        .tooManyPrunePeers(limit: 9), .missingField(message: "Message", field: 4),
        .duplicateField(message: "RPC", field: 3),
    ]
    static let messageErrors: [GossipMessageError] = [
        .missingSignature, .missingAuthor, .invalidAuthor(.unsupportedMultihash(code: 0x13)), .missingSequenceNumber,
        .invalidSequenceNumberLength(byteCount: 7), .missingPublicKey, .invalidPublicKey("short"), .publicKeyMismatch,
        .unsupportedKeyType(.secp256k1), .invalidSignature, .forbiddenField(5),
    ]

    @Test("every RPC error has its own sentence")
    func rpcDescriptions() {
        let descriptions = Set(Self.rpcErrors.map(\.description))
        #expect(descriptions.count == Self.rpcErrors.count)
        #expect(GossipRPCError.topicTooLong(byteCount: 8, limit: 7).description.contains("8"))
        #expect(GossipRPCError.missingField(message: "Message", field: 4).description.contains("Message"))
    }

    @Test("every message error has its own sentence")
    func messageDescriptions() {
        let descriptions = Set(Self.messageErrors.map(\.description))
        #expect(descriptions.count == Self.messageErrors.count)
        #expect(GossipMessageError.invalidSequenceNumberLength(byteCount: 7).description.contains("7"))
    }

    @Test("the standard limits are the documented ones")
    func standardLimits() {
        let limits = GossipRPCLimits.standard
        #expect(limits.messageDataByteCountMax == 1 << 20)
        #expect(limits.rpcByteCountMax == (1 << 20) + (64 << 10))
        #expect(limits.messageIDCountMax == 5000)
    }
}
