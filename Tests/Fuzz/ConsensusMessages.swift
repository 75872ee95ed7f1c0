// fuzz-modules: Sodium Wire Identity Store Ledger Sequencer
// Fuzzes the decoders of consensus traffic and of what a validator persists
// (Sources/Sequencer/Chain/ConsensusVote.swift, ConsensusProposal.swift,
// ProposalMessage.swift; Sources/Sequencer/Consensus/ConsensusLock.swift,
// ConsensusSigningState.swift). The first byte picks the decoder; whatever decodes must
// re-encode to the same bytes.
import Identity
import Sequencer

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let chainID: UInt64 = 4_242
    switch data[0] % 6 {
    case 0:
        if let vote = try? ConsensusVote.decodeCanonical(bytes) {
            precondition(vote.canonicalBytes == bytes, "a decoded vote re-encodes differently")
        }
    case 1:
        if let proposal = try? ConsensusProposal.decodeCanonical(bytes) {
            precondition(proposal.canonicalBytes == bytes, "a decoded proposal re-encodes differently")
        }
    case 2:
        if let message = try? ProposalMessage.decode(bytes, chainID: chainID) {
            precondition(message.encoded == bytes, "a decoded proposal message re-encodes differently")
        }
    case 3:
        if let lock = try? ConsensusLock.decode(bytes, chainID: chainID) {
            precondition(lock.encoded == bytes, "a decoded lock re-encodes differently")
        }
    case 4:
        if let state = try? ConsensusSigningState.decode(bytes) {
            precondition(state.encoded == bytes, "a decoded signing state re-encodes differently")
        }
    default:
        if let vote = try? SignedMessage<ConsensusVote>.verified(bytes, chainID: chainID) {
            precondition(vote.envelopeBytes == bytes, "a verified vote envelope re-encodes differently")
        }
    }
    return 0
}
