import Testing
import TestSupport
@testable import Wire

@Suite struct MultiaddrTests {
    static let ed25519PeerID = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"

    /// Text and binary pairs, checked against py-multiaddr and the multiformats/multiaddr vectors.
    static let vectors: [(String, String)] = [
        ("/ip4/127.0.0.1/tcp/4001", "047f000001060fa1"),
        ("/ip6/::1/tcp/4001", "2900000000000000000000000000000001060fa1"),
        ("/dns4/example.com/tcp/443", "360b6578616d706c652e636f6d0601bb"),
        ("/ip4/1.2.3.4/tcp/80/p2p/\(ed25519PeerID)",
         "0401020304060050a503260024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"),
        ("/ip4/1.2.3.4/udp/65535", "04010203049102ffff"),
        ("/ip6/2001:db8::1/udp/1234", "2920010db8000000000000000000000001910204d2"),
        ("/dns/example.com", "350b6578616d706c652e636f6d"),
        ("/dns6/ipv6.example/tcp/0", "370c697076362e6578616d706c65060000"),
        ("/ip6/::ffff:1.2.3.4/tcp/1", "2900000000000000000000ffff01020304060001"),
        ("/ip6/2601:9:4f81:9700:803e:ca65:66e8:c21", "29260100094f819700803eca6566e80c21"),
        ("/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC",
         "a503221220d52ebb89d85b02a284948203a62ff28389c57c9f42beec4ec20db76a68911c0b"),
        ("/ip4/0.0.0.0/tcp/0", "0400000000060000"),
    ]

    @Test(arguments: vectors)
    func convertsBetweenTextAndBinary(text: String, binary: String) throws {
        let fromText = try Multiaddr(text)
        #expect(fromText.bytes == hex(binary))
        #expect(fromText.description == text)
        let fromBinary = try Multiaddr(bytes: hex(binary))
        #expect(fromBinary == fromText)
        #expect(fromBinary.description == text)
    }

    @Test func buildsFromComponents() throws {
        let address = Multiaddr(components: [.ip4([127, 0, 0, 1]), .tcp(4001)])
        #expect(address.bytes == hex("047f000001060fa1"))
        #expect(address.description == "/ip4/127.0.0.1/tcp/4001")
        #expect(address.components.map(\.protocolCode) == [4, 6])
        #expect(address.components.map(\.protocolName) == ["ip4", "tcp"])
    }

    /// Non-canonical IPv6 input, printed in RFC 5952 form (expected values from Python's ipaddress).
    static let ipv6Forms: [(String, String)] = [
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("fe80:0:0:0:0:0:0:0", "fe80::"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"),
        ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ("::102:304", "::102:304"),
        ("::1.2.3.4", "::102:304"),
        ("0:0:0:0:0:ffff:102:304", "::ffff:1.2.3.4"),
    ]

    @Test(arguments: ipv6Forms)
    func printsIPv6InCanonicalForm(input: String, canonical: String) throws {
        #expect(try Multiaddr("/ip6/\(input)").description == "/ip6/\(canonical)")
    }

    @Test func acceptsTheIpfsAliasAndPeerCIDs() throws {
        let peer = "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N"
        #expect(try Multiaddr("/ipfs/\(peer)").description == "/p2p/\(peer)")
        let cid = "bafzbeie5745rpv2m6tjyuugywy4d5ewrqgqqhfnf445he3omzpjbx5xqxe"
        #expect(try Multiaddr("/p2p/\(cid)").description == "/p2p/\(peer)")
        #expect(try Multiaddr("/p2p/bafzaajaiaejcahwr5d5ofrfbis4l5d6uwr57hu5tjodrypfm6yaq6dsc2r2pzyt6").description
            == "/p2p/\(Self.ed25519PeerID)")
    }

    @Test func toleratesOneTrailingSlash() throws {
        #expect(try Multiaddr("/ip4/1.2.3.4/tcp/80/").description == "/ip4/1.2.3.4/tcp/80")
    }

    static let badText: [(String, WireError)] = [
        ("/ip4/256.0.0.1", .invalidText("\"256.0.0.1\" is not a dotted-decimal IPv4 address")),
        ("/ip4/1.2.3", .invalidText("\"1.2.3\" is not a dotted-decimal IPv4 address")),
        ("/ip4/01.2.3.4", .invalidText("\"01.2.3.4\" is not a dotted-decimal IPv4 address")),
        ("/ip4/::1", .invalidText("\"::1\" is not a dotted-decimal IPv4 address")),
        ("/tcp/65536", .invalidText("\"65536\" is not a port number from 0 to 65535 without sign or leading zeros")),
        ("/tcp/-1", .invalidText("\"-1\" is not a port number from 0 to 65535 without sign or leading zeros")),
        ("/tcp/+1", .invalidText("\"+1\" is not a port number from 0 to 65535 without sign or leading zeros")),
        ("/udp/080", .invalidText("\"080\" is not a port number from 0 to 65535 without sign or leading zeros")),
        ("/ip4", .truncated("the value of /ip4")),
        ("/ip4/", .truncated("the value of /ip4")),
        ("/unknown/1", .unknownProtocolName("unknown")),
        ("", .invalidText("multiaddr text must start with \"/\" and name at least one protocol")),
        ("ip4/1.2.3.4", .invalidText("multiaddr text must start with \"/\" and name at least one protocol")),
        ("/", .invalidText("multiaddr text has an empty component")),
        ("//ip4/1.2.3.4", .invalidText("multiaddr text has an empty component")),
        ("/ip4/1.2.3.4//tcp/1", .invalidText("multiaddr text has an empty component")),
        ("/ip6/1::2::3", .invalidText("\"1::2::3\" is not an IPv6 address")),
        ("/ip6/fe80::1%eth0", .invalidText("\"fe80::1%eth0\" is not an IPv6 address")),
        ("/ip6/12345::", .invalidText("\"12345::\" is not an IPv6 address")),
        ("/dns4//tcp/1", .invalidText("a DNS name must not be empty")),
        ("/p2p/0OIl", .invalidCharacter("byte 0x30 at offset 0 is not in the base58btc alphabet")),
    ]

    @Test(arguments: badText)
    func rejectsMalformedText(text: String, error: WireError) {
        #expect(throws: error) { try Multiaddr(text) }
    }

    @Test func enforcesTextAndNameLimits() {
        #expect(throws: WireError.limitExceeded("DNS name byte count", limit: 255)) {
            try Multiaddr("/dns/" + String(repeating: "a", count: 256))
        }
        #expect(throws: WireError.limitExceeded("multiaddr text byte count", limit: Multiaddr.textByteCountMax)) {
            try Multiaddr(String(repeating: "/tcp/1", count: 1_000))
        }
        #expect(throws: WireError.limitExceeded("multiaddr byte count", limit: Multiaddr.byteCountMax)) {
            try Multiaddr(String(repeating: "/dns/" + String(repeating: "a", count: 200), count: 6))
        }
    }

    static let badBinary: [(String, WireError)] = [
        ("", .truncated("multiaddr component")),
        ("04010203", .truncated("4 bytes")),
        ("0601", .truncated("a 2-byte integer")),
        ("ff01", .unknownProtocolCode(255)),
        ("a503", .truncated("varint")),
        ("a5030312", .truncated("3 bytes")),
        ("a50303000000", .trailingBytes(1)),
        ("3500", .invalidText("a DNS name must not be empty")),
        ("35022f61", .invalidCharacter("a DNS name must not contain \"/\"")),
        ("3501ff", .invalidText("a DNS name is not valid UTF-8")),
        ("8400", .overlongVarint),
        ("047f000001060fa1" + "ffffffffffffffffff01", .varintOverflow),
    ]

    @Test(arguments: badBinary)
    func rejectsMalformedBinary(binary: String, error: WireError) {
        #expect(throws: error) { try Multiaddr(bytes: hex(binary)) }
    }

    @Test func enforcesTheBinaryLimit() {
        let long = [UInt8](repeating: 0, count: Multiaddr.byteCountMax + 1)
        #expect(throws: WireError.limitExceeded("multiaddr byte count", limit: Multiaddr.byteCountMax)) {
            try Multiaddr(bytes: long)
        }
        #expect(throws: WireError.limitExceeded("length-prefixed value", limit: 255)) {
            try Multiaddr(bytes: hex("358002") + [UInt8](repeating: 0x61, count: 256))
        }
    }

    @Test func dnsNamesStartingWithACombiningMarkRoundTrip() throws {
        // "/" followed by U+0338 is a single Character; splitting must still happen at the "/".
        let address = Multiaddr(components: [.dns("\u{338}abc"), .tcp(1)])
        #expect(try Multiaddr(address.description) == address)
        #expect(try Multiaddr(bytes: address.bytes) == address)
    }

    @Test func equalityIsByteExact() {
        let composed = Multiaddr(components: [.dns("\u{e9}.example")])
        let decomposed = Multiaddr(components: [.dns("e\u{301}.example")])
        #expect("\u{e9}" == "e\u{301}")  // equal as Swift strings
        #expect(composed != decomposed)  // different on the wire
        #expect(Set([composed, decomposed]).count == 2)
    }

    @Test func validatesComponents() {
        #expect(throws: WireError.valueOutOfRange("an ip4 address has 4 bytes, not 3")) {
            try MultiaddrComponent.ip4([1, 2, 3]).validate()
        }
        #expect(throws: WireError.valueOutOfRange("an ip6 address has 16 bytes, not 4")) {
            try MultiaddrComponent.ip6([1, 2, 3, 4]).validate()
        }
        #expect(throws: WireError.invalidCharacter("a DNS name must not contain \"/\"")) {
            try MultiaddrComponent.dns4("a/b").validate()
        }
    }

    @Test func randomAndMutatedInputNeverTraps() throws {
        var generator = SeededGenerator.make(for: "Multiaddr")
        let samples = Self.vectors.map { hex($0.1) }
        for _ in 0..<3_000 {
            let binary = Bool.random(using: &generator)
                ? generator.mutate(samples.randomElement(using: &generator)!)
                : generator.bytes(maximumCount: 40)
            if let address = try? Multiaddr(bytes: binary) {
                #expect(address.bytes == binary)
                #expect(try Multiaddr(address.description) == address)
            }
            let text = String(decoding: generator.mutate(Array(Self.vectors.randomElement(using: &generator)!.0.utf8)), as: UTF8.self)
            if let address = try? Multiaddr(text) {
                #expect(try Multiaddr(address.description) == address)
                #expect(try Multiaddr(bytes: address.bytes) == address)
            }
        }
    }
}
