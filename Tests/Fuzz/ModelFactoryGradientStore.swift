// fuzz-modules: ModelFiles Tensor OpenLoRA Tokenizers LoRATraining Sodium ModelFactory
// Fuzzes GradientStore's decoder: it must never trap, and a store it accepts must serialize
// back to the same bytes (so its Merkle root is a function of the file). Half the runs put
// a valid magic and version in front of the input to reach the header checks.
import ModelFactory

private let limits: GradientStore.Limits = {
    var limits = GradientStore.Limits.standard
    limits.byteCountMax = 1 << 20
    limits.dimensionMax = 1 << 12
    return limits
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let prefixed = Array("OLNGRAD".utf8) + [0, 1, 0, 0, 0] + bytes
    for input in [bytes, prefixed] {
        guard let store = try? GradientStore(decoding: input, limits: limits) else { continue }
        if store.serialized() != input {
            fatalError("an accepted gradient store does not serialize back to its bytes")
        }
        _ = store.merkleRoot
    }
    return 0
}
