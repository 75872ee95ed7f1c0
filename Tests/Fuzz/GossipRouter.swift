// fuzz-modules: Wire Sodium Identity Gossip
// Fuzzes the gossipsub router with what peers send: the input is a sequence of
// `peer byte ‖ uvarint(length) ‖ RPC bytes` records; each RPC that decodes is handed to a
// router with four peers (v1.0, v1.1, v1.2, v1.2), with a heartbeat every few records.
// Nothing may trap, every RPC the router sends must decode under the standard limits,
// and after each heartbeat no mesh exceeds D_hi.
import Gossip
import Identity
import Sodium
import Wire

private let keys: [IdentityKey] = (0..<5).map { index in
    IdentityKey(privateKey: try! Ed25519PrivateKey(seed: [UInt8](repeating: UInt8(index + 1), count: 32)))
}
private let versions: [GossipProtocolVersion] = [.v1_0, .v1_1, .v1_2, .v1_2]

private func check(_ actions: [GossipRouterAction]) {
    for case .send(_, let rpc) in actions {
        guard (try? GossipRPC(protobufBytes: rpc.protobufBytes)) != nil else {
            fatalError("the router sent an RPC that does not decode: \(rpc)")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reader = ByteReader(Array(UnsafeBufferPointer(start: data, count: size)))
    var configuration = GossipRouterConfiguration()
    configuration.meshDegree = 2
    configuration.meshDegreeLow = 1
    configuration.meshDegreeHigh = 3
    configuration.meshDegreeScore = 1
    configuration.meshOutboundMin = 1
    configuration.idontwantThreshold = 8
    // The choke extension is off by default; on here, so that CHOKE, UNCHOKE and the
    // extensions announcement from peers reach its code.
    configuration.chokesMeshPeers = true
    configuration.chokeSampleCountMin = 1
    configuration.scoreParameters = .olnDefaults(topics: ["a": .transactions, "b": .batches])
    var router = GossipRouter(localPeer: keys[0].peerID, identity: keys[0], configuration: configuration, seed: 1)
    var now = Duration.zero
    for (index, version) in versions.enumerated() {
        check(router.addPeer(keys[index + 1].peerID, version: version, outbound: index % 2 == 0, now: now))
    }
    check(router.subscribe("a", now: now))
    check(router.subscribe("b", now: now))
    var records = 0
    while let peerByte = try? reader.readByte(), let bytes = try? reader.readLengthPrefixed(byteCountMax: 1 << 16) {
        let peer = keys[1 + Int(peerByte % 4)].peerID
        if let rpc = try? GossipRPC(protobufBytes: bytes) {
            check(router.receive(rpc, from: peer, now: now))
        }
        records += 1
        if peerByte & 0x80 != 0, let result = try? router.publish(bytes, topic: "a", seqno: UInt64(records), now: now) {
            check(result.actions)
        }
        if records % 3 == 0 {
            now += .seconds(1)
            check(router.heartbeat(now: now))
            for topic in router.subscribedTopics where router.meshPeers(of: topic).count > configuration.meshDegreeHigh {
                fatalError("mesh of \(topic) exceeds D_hi after a heartbeat")
            }
        }
    }
    return 0
}
