// fuzz-modules: Sodium Wire Identity Noise
// Fuzzes the Noise transport phase and the responder's first handshake step. The input is
// opened by a session established in-process at startup, in two fragments split where its
// first byte says; it must never trap, and sealing the input then opening it must give the
// input back. The same bytes are also fed to a fresh responder as handshake message 1.
import Identity
import Noise
import Sodium

/// Keys for one side of the in-process handshake, fixed so that runs are repeatable.
private func handshake(_ role: NoiseRole, seed: UInt8) -> NoiseHandshake {
    NoiseHandshake(
        role: role,
        identityKey: try! Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32)),
        staticKey: try! X25519PrivateKey(bytes: [UInt8](repeating: seed &+ 1, count: 32)),
        ephemeralKey: try! X25519PrivateKey(bytes: [UInt8](repeating: seed &+ 2, count: 32))
    )
}

/// The sessions of an initiator and a responder, established once, lazily.
private let sessions: (initiator: NoiseSession, responder: NoiseSession) = {
    var initiator = handshake(.initiator, seed: 1)
    var responder = handshake(.responder, seed: 11)
    _ = responder.start()
    let message2 = try! responder.receive(initiator.start())
    let message3 = try! initiator.receive(message2.output)
    let last = try! responder.receive(message3.output)
    return (message3.result!.session, last.result!.session)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var receiver = sessions.responder
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    if (try? receiver.open(Array(bytes[..<split]))) != nil {
        _ = try? receiver.open(Array(bytes[split...]))
    }

    var sender = sessions.initiator
    var roundTrip = sessions.responder
    guard let sealed = try? sender.seal(bytes), (try? roundTrip.open(sealed)) == bytes else {
        fatalError("opening what was sealed did not give the plaintext back")
    }

    var responder = handshake(.responder, seed: 11)
    _ = responder.start()
    _ = try? responder.receive(bytes)
    return 0
}
