import Sodium
import Testing
import TestSupport
import Wire
@testable import Identity

@Suite("PeerID")
struct PeerIDTests {
    static let specPublicKey = hex(PeerIDSpecVectors.ed25519Public)

    // Expected ids computed independently: python base58 over the identity multihash of
    // keys up to 42 bytes, or over the sha2-256 multihash (hashlib) of larger ones.
    @Test("the spec's keys of every type give their peer ids", arguments: [
        (PeerIDSpecVectors.ed25519Public, "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"),
        (PeerIDSpecVectors.secp256k1Public, "16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY"),
        (PeerIDSpecVectors.ecdsaPublic, "QmVMT29id3TUASyfZZ6k9hmNyc2nYabCo4uMSpDw4zrgDk"),
        (PeerIDSpecVectors.rsaPublic, "QmaeANgBs1DTSxWSrPPtobgQuxW8XTfsS4ydbK4rCHzqxG"),
    ])
    func specKeyPeerIDs(encodedKey: String, expected: String) throws {
        let key = try LibP2PPublicKey(protobufBytes: hex(encodedKey))
        let peerID = PeerID(publicKey: key)
        #expect(peerID.description == expected)
        #expect(try PeerID(expected) == peerID)
        #expect(peerID.matches(key))
    }

    @Test("the spec's Ed25519 key gives an identity-multihash peer id")
    func ed25519PeerID() throws {
        let key = try LibP2PPublicKey(protobufBytes: Self.specPublicKey)
        let peerID = PeerID(publicKey: key)
        // Expected text computed independently (python base58 over 0x00 0x24 ‖ key).
        #expect(peerID.description == "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq")
        #expect(peerID.bytes == [0x00, 0x24] + Self.specPublicKey)
        #expect(peerID.inlinedPublicKey == key)
        #expect(peerID.matches(key))
        #expect(peerID.cidText == "bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6")
    }

    @Test("base58 and CIDv1 texts parse to the same peer id (spec example)")
    func cidAndBase58Agree() throws {
        let legacy = try PeerID("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N")
        let cid = try PeerID("bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe")
        #expect(legacy == cid)
        #expect(legacy.multihash.code == Multihash.sha256Code)
        #expect(legacy.inlinedPublicKey == nil)
        #expect(cid.description == "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N")
        #expect(legacy.cidText == "bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe")
    }

    @Test("a key longer than 42 encoded bytes is hashed with SHA-256")
    func largeKeyIsHashed() {
        let key = LibP2PPublicKey(type: .rsa, data: [UInt8](repeating: 7, count: 270))
        let peerID = PeerID(publicKey: key)
        #expect(peerID.multihash.code == Multihash.sha256Code)
        #expect(peerID.multihash.digest == SHA256.hash(key.protobufBytes))
        #expect(peerID.description.hasPrefix("Qm"))
    }

    @Test("text round-trips for generated keys")
    func generatedRoundTrip() throws {
        for _ in 0..<8 {
            let peerID = IdentityKey().peerID
            #expect(peerID.description.hasPrefix("12D3KooW"))
            #expect(try PeerID(peerID.description) == peerID)
            #expect(try PeerID(peerID.cidText) == peerID)
            #expect(try PeerID(bytes: peerID.bytes) == peerID)
        }
    }

    @Test("bad peer ids are refused with typed errors", arguments: [
        "",
        "12D3KooW",
        "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3p0",   // '0' is not base58
        "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5",           // truncated digest
        "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", // a dag-pb CID, not libp2p-key
        "zzzz",
        String(repeating: "1", count: 500),
    ])
    func refusesBadText(text: String) {
        #expect(throws: IdentityError.self) { try PeerID(text) }
    }

    @Test("binary peer ids with other hash functions or bad lengths are refused")
    func refusesBadBinary() {
        let sha512 = Multihash(code: 0x13, digest: [UInt8](repeating: 1, count: 64))
        #expect(throws: IdentityError.unsupportedMultihash(code: 0x13)) { try PeerID(multihash: sha512) }
        let shortSHA = Multihash(code: Multihash.sha256Code, digest: [1, 2, 3])
        #expect(throws: IdentityError.invalidDigestLength(expected: 32, actual: 3)) { try PeerID(multihash: shortSHA) }
        let notAKey = Multihash(code: Multihash.identityCode, digest: [0xff, 0xff])
        #expect(throws: IdentityError.self) { try PeerID(multihash: notAKey) }
    }

    @Test("sets and dictionaries find every peer id by its kept hash, and equal ids made apart meet")
    func hashing() throws {
        let ids = try (0..<512).map { index in
            let seed = [UInt8(index & 0xff), UInt8(index >> 8)] + [UInt8](repeating: 7, count: 30)
            return IdentityKey(privateKey: try Ed25519PrivateKey(seed: seed)).peerID
        }
        let set = Set(ids)
        #expect(set.count == ids.count)
        var table: [PeerID: Int] = [:]
        for (index, id) in ids.enumerated() { table[id] = index }
        for (index, id) in ids.enumerated() {
            let rebuilt = try PeerID(multihash: try Multihash(bytes: id.bytes))
            #expect(set.contains(rebuilt))
            #expect(table[rebuilt] == index)
            #expect(rebuilt._rawHashValue(seed: index) == id._rawHashValue(seed: index))
        }
    }
}
