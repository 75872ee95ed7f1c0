/// A composable network address such as `/ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…`.
///
/// Binary form: each component is its protocol code as a varint followed by its value
/// (4 or 16 address bytes, a big-endian 16-bit port, or a varint length and the bytes of
/// a DNS name or peer multihash). Text form: `/name/value` per component.
///
/// Text rules: it must start with `/`; one trailing `/` is tolerated and never printed;
/// empty components (`//`) are rejected; `ipfs` is read as `p2p`, which is always printed.
/// An empty multiaddr (no components) is rejected in both forms.
public struct Multiaddr: Hashable, Sendable, CustomStringConvertible {
    /// The longest binary multiaddr accepted, in bytes.
    public static let byteCountMax = 1024
    /// The longest multiaddr text accepted, in UTF-8 bytes.
    public static let textByteCountMax = 4096

    /// The components in order.
    public var components: [MultiaddrComponent]

    /// A multiaddr of the given components, which must each be valid
    /// (see ``MultiaddrComponent/validate()``) before ``bytes`` or ``description`` is used.
    public init(components: [MultiaddrComponent]) {
        self.components = components
    }

    /// Parses multiaddr text.
    ///
    /// - Throws: ``WireError/unknownProtocolName(_:)`` for an unsupported protocol,
    ///   ``WireError/truncated(_:)`` when a protocol's value is missing,
    ///   ``WireError/invalidText(_:)`` for malformed text or values, and
    ///   ``WireError/limitExceeded(_:limit:)`` for text over ``textByteCountMax``
    ///   or a result over ``byteCountMax`` bytes.
    public init(_ text: String) throws(WireError) {
        guard text.utf8.count <= Self.textByteCountMax else {
            throw .limitExceeded("multiaddr text byte count", limit: Self.textByteCountMax)
        }
        // Split on the "/" byte, not on Characters: "/" followed by a combining mark is one Character.
        var parts = text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(Substring.init)
        guard parts.count >= 2, parts.removeFirst().isEmpty else {
            throw .invalidText("multiaddr text must start with \"/\" and name at least one protocol")
        }
        if parts.count > 1 && parts.last == "" { parts.removeLast() }
        self.components = try Self.parseComponents(parts)
        guard bytes.count <= Self.byteCountMax else {
            throw .limitExceeded("multiaddr byte count", limit: Self.byteCountMax)
        }
    }

    /// Decodes a binary multiaddr, which must fill all of `bytes`.
    ///
    /// - Throws: ``WireError/unknownProtocolCode(_:)`` for an unsupported protocol,
    ///   ``WireError/truncated(_:)`` for a cut-off value, and
    ///   ``WireError/limitExceeded(_:limit:)`` for input over ``byteCountMax``.
    public init(bytes: [UInt8]) throws(WireError) {
        guard bytes.count <= Self.byteCountMax else {
            throw .limitExceeded("multiaddr byte count", limit: Self.byteCountMax)
        }
        guard !bytes.isEmpty else { throw .truncated("multiaddr component") }
        var reader = ByteReader(bytes)
        var components: [MultiaddrComponent] = []
        while !reader.isAtEnd {
            components.append(try MultiaddrComponent.read(from: &reader))
        }
        self.components = components
    }

    /// The binary form.
    public var bytes: [UInt8] {
        var result: [UInt8] = []
        for component in components { component.append(to: &result) }
        return result
    }

    /// The text form, such as `/ip4/127.0.0.1/tcp/4001`.
    public var description: String {
        components.map { "/\($0.protocolName)/\($0.valueText)" }.joined()
    }

    private static func parseComponents(_ parts: [Substring]) throws(WireError) -> [MultiaddrComponent] {
        var components: [MultiaddrComponent] = []
        var index = 0
        while index < parts.count {
            let name = parts[index]
            guard !name.isEmpty else { throw .invalidText("multiaddr text has an empty component") }
            guard let multiaddrProtocol = MultiaddrProtocol(name: name) else {
                throw .unknownProtocolName(String(name))
            }
            guard index + 1 < parts.count else { throw .truncated("the value of /\(name)") }
            components.append(try MultiaddrComponent.parse(multiaddrProtocol, value: parts[index + 1]))
            index += 2
        }
        return components
    }
}
