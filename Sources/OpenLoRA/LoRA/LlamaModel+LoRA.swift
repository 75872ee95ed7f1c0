import Tensor

/// What a projection needs to apply an adapter: the adapter (nil for none), the block, and
/// the scratch to compute in.
struct AdapterRows {
    let adapter: LoRAAdapter?
    let layer: Int
    let workspace: LoRAWorkspace
}

extension LlamaModel {
    /// output = weight · input, plus s·B(A·input) when `lora`'s adapter targets this
    /// projection: the base product is unchanged, and the update adds two thin products.
    func project(_ weight: WeightMatrix, _ role: LlamaLayerRole, _ input: UnsafeBufferPointer<Float>,
                 tokenCount n: Int, into output: UnsafeMutableBufferPointer<Float>, _ lora: AdapterRows) {
        backend.matrixProduct(weight, input, tokenCount: n, into: output)
        guard let adapter = lora.adapter,
              let projection = adapter.projection(layer: lora.layer, roleIndex: LoRAModule.roleIndex(role)) else {
            return
        }
        let delta = adapterDelta(projection, scale: adapter.scale, input, tokenCount: n, workspace: lora.workspace)
        backend.add(UnsafeBufferPointer(delta), to: UnsafeMutableBufferPointer(rebasing: output[0..<delta.count]))
    }

    /// s·B(A·input) for `n` rows of `input`, in the workspace's `.delta` buffer ([n, out]).
    /// The scale multiplies the rank-r intermediate (n·r values, on the host: buffers are
    /// host memory for every backend) rather than B, so B stays as the file holds it.
    func adapterDelta(_ projection: LoRAProjection, scale: Float, _ input: UnsafeBufferPointer<Float>,
                      tokenCount n: Int, workspace: LoRAWorkspace) -> UnsafeMutableBufferPointer<Float> {
        let reduced = workspace.buffer(.reduced, count: n * projection.rank)
        backend.matrixProduct(projection.a, input, tokenCount: n, into: reduced)
        for index in reduced.indices { reduced[index] *= scale }
        let delta = workspace.buffer(.delta, count: n * projection.b.rowCount)
        backend.matrixProduct(projection.b, UnsafeBufferPointer(reduced), tokenCount: n, into: delta)
        return delta
    }
}
