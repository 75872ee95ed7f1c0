import Ledger
import Wire
@testable import Sequencer

/// How the simulated nodes frame consensus traffic: a kind byte, then the message. The
/// real node puts proposals, votes and decisions on gossip topics and sync on its own
/// protocol; the simulation needs only the bytes.
enum ConsensusWireMessage {
    case proposal([UInt8])
    case vote([UInt8])
    /// A decided batch and its certificate (the commit a node announces).
    case decision(batch: [UInt8], certificate: FinalityCertificate)
    /// Decisions wanted from this height on.
    case syncRequest(fromHeight: UInt64)

    var encoded: [UInt8] {
        switch self {
        case .proposal(let bytes): return [1] + bytes
        case .vote(let bytes): return [2] + bytes
        case .decision(let batch, let certificate):
            var writer = ProtobufWriter()
            writer.writeBytes(batch, field: 1)
            writer.writeMessage(certificate, field: 2)
            return [3] + writer.bytes
        case .syncRequest(let height):
            var writer = ProtobufWriter()
            writer.writeVarint(height, field: 1)
            return [4] + writer.bytes
        }
    }

    init?(_ bytes: [UInt8]) {
        guard let kind = bytes.first else { return nil }
        let body = Array(bytes.dropFirst())
        switch kind {
        case 1: self = .proposal(body)
        case 2: self = .vote(body)
        case 3:
            guard var reader = try? ProtobufReader(body, limits: ProtobufLimits.standard, strictness: .canonical),
                  let batchField = try? reader.next(), batchField.number == 1, let batch = try? batchField.bytes(),
                  let certificateField = try? reader.next(), certificateField.number == 2,
                  let certificate = try? reader.nestedMessage(FinalityCertificate.self, in: certificateField) else { return nil }
            self = .decision(batch: batch, certificate: certificate)
        case 4:
            guard var reader = try? ProtobufReader(body, limits: ProtobufLimits.standard, strictness: .canonical),
                  let field = try? reader.next(), field.number == 1, let height = try? field.uint64() else { return nil }
            self = .syncRequest(fromHeight: height)
        default: return nil
        }
    }
}
