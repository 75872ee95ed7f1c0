// fuzz-modules: ModelFiles Tensor OpenLoRA Tokenizers LoRATraining Sodium ModelFactory
// Fuzzes TrainingCheckpoint's decoder: it must never trap, and a checkpoint it accepts must
// serialize back to the same bytes. The checksum rejects almost every random input, so half
// of the runs re-seal the input with a valid SHA-256 to reach the field checks.
import ModelFactory
import Sodium

private let configuration = TrainingConfiguration()
private let limits: TrainingCheckpoint.Limits = {
    var limits = TrainingCheckpoint.Limits.standard
    limits.byteCountMax = 1 << 20
    return limits
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Sealed: magic, version and identifier fixed, the rest from the input, checksum valid.
    var body = Array("OLNCKPT".utf8) + [0, 1, 0, 0, 0] + configuration.identifier + bytes
    body += SHA256.hash(body)
    for input in [bytes, body] {
        guard let checkpoint = try? TrainingCheckpoint(decoding: input, configuration: configuration, limits: limits) else {
            continue
        }
        if checkpoint.serialized() != input {
            fatalError("an accepted checkpoint does not serialize back to its bytes")
        }
    }
    return 0
}
