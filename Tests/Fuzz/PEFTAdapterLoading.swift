// fuzz-modules: ModelFiles Tensor OpenLoRA
// Fuzzes PEFT adapter loading: the input is a 2-byte little-endian length n, n bytes of
// adapter_config.json, and the rest as adapter_model.safetensors, loaded for a small Llama
// base (the shapes of the OpenLoRA "base" fixture). Loading may throw, never trap; an adapter
// that loads must fit the base, run a forward pass, merge, and survive a write through the
// PEFT writer and a second load unchanged.
// (Tensor imports COpenBLAS: building needs -I Sources/COpenBLAS and -lopenblas.)
import ModelFiles
import OpenLoRA
import Tensor

let backend = CPUBackend(threadCount: 1)

/// The "base" fixture's shapes (width 64, 2 blocks, 4/2 heads of 16, ffn 160) with a vocabulary
/// of 8 and constant weights: only the shapes matter here.
let model: LlamaModel = {
    let c = LlamaConfiguration(vocabularySize: 8, embeddingLength: 64, feedForwardLength: 160, blockCount: 2,
                               headCount: 4, keyValueHeadCount: 2, headDimension: 16, contextLength: 8,
                               rmsNormEpsilon: 1e-5, ropeFrequencyBase: 10000, ropeLayout: .interleaved,
                               tiesEmbeddings: true)
    func matrix(_ rows: Int, _ columns: Int) -> WeightMatrix {
        WeightMatrix(rowCount: rows, columnCount: columns, values: (0..<(rows * columns)).map { Float($0 % 7) / 50 })
    }
    let layer = LlamaLayerWeights(
        attentionNorm: Array(repeating: 1, count: 64), query: matrix(64, 64), key: matrix(32, 64),
        value: matrix(32, 64),
        attentionOutput: matrix(64, 64), feedForwardNorm: Array(repeating: 1, count: 64), gate: matrix(160, 64),
        up: matrix(160, 64), down: matrix(64, 160))
    let embedding = matrix(8, 64)
    let weights = LlamaWeights(tokenEmbedding: embedding, layers: [layer, layer],
                               outputNorm: Array(repeating: 1, count: 64), output: embedding)
    guard let model = try? LlamaModel(configuration: c, weights: weights, backend: backend) else {
        fatalError("the fuzz base model is invalid")
    }
    return model
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let length = Int(data[0]) | Int(data[1]) << 8
    guard length <= size - 2 else { return 0 }
    let configuration = Array(UnsafeBufferPointer(start: data + 2, count: length))
    let weights = Array(UnsafeBufferPointer(start: data + 2 + length, count: size - 2 - length))
    var limits = SafetensorsLimits.standard
    limits.elementCountMax = 1 << 20
    guard let file = try? SafetensorsFile(bytes: weights, limits: limits),
          let adapter = try? LoRAAdapter(configurationJSON: configuration, safetensors: file,
                                         base: model.configuration) else { return 0 }
    check(adapter)
    return 0
}

/// What every accepted adapter must satisfy.
private func check(_ adapter: LoRAAdapter) {
    guard adapter.isCompatible(with: model.configuration), !adapter.modules.isEmpty, adapter.byteCount > 0 else {
        fatalError("accepted an adapter that does not fit its base")
    }
    guard (try? model.forward([1, 2], state: model.makeState(contextCapacity: 2), adapter: adapter)) != nil,
          (try? model.merging(adapter)) != nil else {
        fatalError("an accepted adapter cannot run")
    }
    guard let rewritten = try? SafetensorsFile(bytes: adapter.serializedWeights()),
          let reloaded = try? LoRAAdapter(configurationJSON: adapter.configuration.serialized(), safetensors: rewritten,
                                          base: model.configuration) else {
        fatalError("the PEFT writer wrote an adapter its loader refuses")
    }
    guard reloaded.configuration == adapter.configuration, reloaded.modules == adapter.modules else {
        fatalError("the rewritten adapter lost its configuration or modules")
    }
    for module in adapter.modules {
        guard let before = adapter.factorValues(module), let after = reloaded.factorValues(module),
              before.a.elementsEqual(after.a, by: sameBits), before.b.elementsEqual(after.b, by: sameBits) else {
            fatalError("the rewritten adapter changed \(module)")
        }
    }
}

private func sameBits(_ left: Float, _ right: Float) -> Bool { left.bitPattern == right.bitPattern }
