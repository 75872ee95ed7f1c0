// fuzz-modules: ModelFiles Tensor OpenLoRA
// Fuzzes model loading: a first byte of 0 makes the rest a config.json for
// LlamaConfiguration; otherwise the rest is a GGUF file loaded as a LlamaModel, and a model
// that loads runs one token. Either may throw; neither may trap.
// (Tensor imports COpenBLAS: building needs -I Sources/COpenBLAS and -lopenblas.)
import ModelFiles
import OpenLoRA
import Tensor

let backend = CPUBackend(threadCount: 1)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    if data[0] == 0 {
        _ = try? LlamaConfiguration(huggingFaceConfiguration: bytes)
        return 0
    }
    var limits = GGUFLimits.standard
    limits.elementCountMax = 1 << 20
    guard let file = try? GGUFFile(buffer: ModelFileBuffer(copying: bytes), limits: limits),
          let model = try? LlamaModel(gguf: file, backend: backend) else { return 0 }
    let state = model.makeState(contextCapacity: min(model.configuration.contextLength, 4), batchCapacity: 2)
    _ = try? model.forward([0, model.configuration.vocabularySize - 1], state: state)
    return 0
}
