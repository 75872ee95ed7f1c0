import ModelFiles

extension LoRAAdapter {
    /// adapter_model.safetensors in PEFT's layout: `lora_A.weight` [r, in] and
    /// `lora_B.weight` [out, r] of every targeted module as F32, B's rows in Hugging Face
    /// order, metadata {"format": "pt"} as PEFT writes it; byte for byte what PyPI
    /// `safetensors` writes for the same tensors.
    public func serializedWeights() -> [UInt8] {
        serializedWeights(metadata: ["format": "pt"])
    }

    /// The weights with `metadata` in the safetensors header.
    func serializedWeights(metadata: [String: String]) -> [UInt8] {
        var writer = SafetensorsWriter()
        writer.metadata = metadata
        let rank = configuration.rank
        for module in modules {
            let (outputs, inputs) = baseShape.projectionSize(module.role)
            let (a, b) = factorValues(module)!  // every listed module has factors
            writer.addTensor(named: module.peftTensorName(.a), shape: [rank, inputs], values: a)
            writer.addTensor(named: module.peftTensorName(.b), shape: [outputs, rank], values: b)
        }
        return writer.serialized()
    }

    /// Writes the adapter as a PEFT folder: `directory` (created when absent) gets
    /// adapter_config.json (`LoRAAdapterConfiguration.serialized()`) and
    /// adapter_model.safetensors (`serializedWeights()`), each replaced whole.
    public func write(toDirectory directory: String) throws(OpenLoRAError) {
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        do {
            try FileWriting.createDirectory(folder)
            try FileWriting.writeFile(configuration.serialized(), toFile: folder + Self.configurationFileName)
            try FileWriting.writeFile(serializedWeights(), toFile: folder + Self.weightsFileName)
        } catch {
            throw OpenLoRAError(error)
        }
    }
}
