// fuzz-modules: Sodium Wire Identity Noise
// Fuzzes the Noise handshake from both sides and the handshake payload decoder. The input
// goes, in two fragments split where its first byte says, to a fresh responder and to an
// initiator that has sent message 1; a genuine message 2 with the input's bytes XORed in
// goes to another initiator. Nothing may trap, and a payload that decodes must re-encode
// to bytes that decode to the same payload.
import Identity
import Noise
import Sodium

/// A handshake with fixed keys, so that runs are repeatable.
private func handshake(_ role: NoiseRole, seed: UInt8) -> NoiseHandshake {
    NoiseHandshake(
        role: role,
        identityKey: try! Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32)),
        staticKey: try! X25519PrivateKey(bytes: [UInt8](repeating: seed &+ 1, count: 32)),
        ephemeralKey: try! X25519PrivateKey(bytes: [UInt8](repeating: seed &+ 2, count: 32))
    )
}

/// The responder's genuine answer to the fixed initiator's message 1, computed once.
private let genuineMessage2: [UInt8] = {
    var initiator = handshake(.initiator, seed: 1)
    var responder = handshake(.responder, seed: 11)
    _ = responder.start()
    return try! responder.receive(initiator.start()).output
}()

/// Feeds `bytes` to `handshake` in two fragments, stopping at the first error.
private func feed(_ bytes: [UInt8], split: Int, to handshake: inout NoiseHandshake) {
    guard let step = try? handshake.receive(Array(bytes[..<split])), step.result == nil else { return }
    _ = try? handshake.receive(Array(bytes[split...]))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)

    var responder = handshake(.responder, seed: 11)
    _ = responder.start()
    feed(bytes, split: split, to: &responder)

    var initiator = handshake(.initiator, seed: 1)
    _ = initiator.start()
    feed(bytes, split: split, to: &initiator)

    var tampered = genuineMessage2
    for (index, byte) in bytes.prefix(tampered.count).enumerated() { tampered[index] ^= byte }
    var tamperedInitiator = handshake(.initiator, seed: 1)
    _ = tamperedInitiator.start()
    _ = try? tamperedInitiator.receive(tampered + bytes.dropFirst(tampered.count))

    if let payload = try? NoiseHandshakePayload(bytes: bytes),
       (try? NoiseHandshakePayload(bytes: payload.bytes)) != payload {
        fatalError("a decoded payload does not survive re-encoding")
    }
    return 0
}
