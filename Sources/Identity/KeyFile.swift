import Foundation
import Wire

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The on-disk key format: a small JSON object.
///
///     {"address":"0x…","peer_id":"12D3KooW…","private_key":"<base64 libp2p PrivateKey protobuf>","type":"ed25519"}
///
/// `private_key` is what go-libp2p writes for an Ed25519 identity, so the key moves between
/// implementations. `peer_id` and `address` are there for people; when present they must
/// match the key. Files are created with mode 0600, and a file that group or others may
/// read is refused, as ssh refuses such private keys.
public enum KeyFile {
    /// The largest key file accepted.
    public static let byteCountMax = 4096
    /// Permission bits that must be clear on a key file: any access by group or others.
    public static let forbiddenModeBits: UInt32 = 0o077

    /// The file contents for `key`.
    public static func encode(_ key: IdentityKey) -> [UInt8] {
        let privateKey = Data(key.libp2pPrivateKey.protobufBytes).base64EncodedString()
        let fields = [
            ("address", key.accountAddress.description),
            ("peer_id", key.peerID.description),
            ("private_key", privateKey),
            ("type", "ed25519"),
        ]
        let body = fields.map { "  \"\($0.0)\": \"\($0.1)\"" }.joined(separator: ",\n")
        return Array("{\n\(body)\n}\n".utf8)
    }

    /// The key in file contents; checks the optional peer id and address against it.
    public static func decode(_ bytes: [UInt8]) throws(KeyFileError) -> IdentityKey {
        guard bytes.count <= byteCountMax else {
            throw .malformed("\(bytes.count) bytes, over the \(byteCountMax)-byte limit")
        }
        let object = try jsonObject(bytes)
        guard let type = object["type"] as? String else { throw .malformed("the \"type\" field is missing") }
        guard type == "ed25519" else { throw .malformed("key type \"\(type)\" is not supported; oln uses ed25519") }
        guard let encoded = object["private_key"] as? String,
              let protobuf = Data(base64Encoded: encoded) else {
            throw .malformed("\"private_key\" is missing or not base64")
        }
        let key: IdentityKey
        do {
            let libp2pKey = try LibP2PPrivateKey(protobufBytes: Array(protobuf))
            key = try IdentityKey(libp2pPrivateKey: libp2pKey)
        } catch let error as IdentityError {
            throw .invalidKey(error)
        } catch let error as WireError {
            throw .invalidKey(.malformed(error))
        } catch {
            throw .malformed("\(error)")
        }
        try check(object["peer_id"], equals: key.peerID.description, name: "peer_id")
        try check(object["address"], equals: key.accountAddress.description, name: "address")
        return key
    }

    private static func jsonObject(_ bytes: [UInt8]) throws(KeyFileError) -> [String: Any] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw .malformed("not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw .malformed("not a JSON object") }
        return object
    }

    private static func check(_ value: Any?, equals expected: String, name: String) throws(KeyFileError) {
        guard let value else { return }
        guard let text = value as? String, text == expected else {
            throw .malformed("\"\(name)\" does not belong to the private key in the file (expected \(expected))")
        }
    }
}
