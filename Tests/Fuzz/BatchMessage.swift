// fuzz-modules: Sodium Wire Identity Store Ledger Sequencer
// Fuzzes the decoder of gossiped batches (Sources/Sequencer/Chain/BatchMessage.swift):
// whatever decodes must re-encode to the same bytes.
import Sequencer

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let message = try? BatchMessage.decode(bytes, chainID: 161_201) {
        precondition(message.encoded == bytes, "a decoded batch message re-encodes differently")
    }
    return 0
}
