import Sodium
import Testing
import TestSupport
@testable import Identity

@Suite("AccountAddress")
struct AccountAddressTests {
    @Test("the address is BLAKE2b-256(\"oln-account\" ‖ key) cut to 20 bytes")
    func derivation() throws {
        // RFC 8032 TEST 1 public key.
        let publicKey = try Ed25519PublicKey(bytes: hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
        let address = AccountAddress(publicKey: publicKey)
        let expected = BLAKE2b256.hash(Array("oln-account".utf8) + publicKey.bytes).prefix(20)
        #expect(address.bytes == Array(expected))
    }

    @Test("text round-trips with its checksum; lower and upper case are accepted")
    func textRoundTrip() throws {
        for _ in 0..<16 {
            let address = IdentityKey().accountAddress
            let text = address.description
            #expect(text.count == 42 && text.hasPrefix("0x"))
            #expect(try AccountAddress(text) == address)
            #expect(try AccountAddress("0x" + text.dropFirst(2).lowercased()) == address)
            #expect(try AccountAddress("0x" + text.dropFirst(2).uppercased()) == address)
        }
    }

    @Test("a mixed-case text with one letter's case flipped fails the checksum")
    func checksumCatchesTypos() throws {
        var flippedOnce = 0
        for _ in 0..<16 {
            let text = IdentityKey().accountAddress.description
            var characters = Array(text)
            guard let index = characters.indices.dropFirst(2).first(where: { characters[$0].isLetter }) else { continue }
            let letter = characters[index]
            characters[index] = Character(letter.isUppercase ? letter.lowercased() : letter.uppercased())
            let typo = String(characters)
            let cased = typo.dropFirst(2)
            guard cased.contains(where: \.isLowercase) && cased.contains(where: \.isUppercase) else { continue }
            #expect(throws: IdentityError.checksumMismatch(typo)) { try AccountAddress(typo) }
            flippedOnce += 1
        }
        #expect(flippedOnce > 0)
    }

    @Test("malformed texts are refused", arguments: [
        "", "0x", "0x1234", "1234567890123456789012345678901234567890ab",
        "0xzz34567890123456789012345678901234567890", "0x12345678901234567890123456789012345678901",
        "0x12345678901234567890123456789012345678é",
    ])
    func refusesMalformed(text: String) {
        #expect(throws: IdentityError.self) { try AccountAddress(text) }
    }
}
