import ModelFiles

extension LoRAAdapter {
    /// The configuration file of a PEFT adapter folder.
    public static let configurationFileName = "adapter_config.json"
    /// The weights file of a PEFT adapter folder.
    public static let weightsFileName = "adapter_model.safetensors"

    /// The PEFT adapter in `directory` (adapter_config.json and adapter_model.safetensors),
    /// loaded for a base model of configuration `base`. The factors are copied out of the
    /// file as F32 (F32, F16 and BF16 files), so the file may be removed afterwards.
    public convenience init(directory: String, base: LlamaConfiguration) throws(OpenLoRAError) {
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        let configurationBytes: [UInt8]
        let weights: SafetensorsFile
        do {
            let buffer = try ModelFileBuffer(mappingFileAt: folder + Self.configurationFileName)
            guard buffer.count <= LoRAAdapterConfiguration.Limits.configurationByteCountMaximum else {
                throw OpenLoRAError(.invalidAdapter, "\(Self.configurationFileName) is \(buffer.count) bytes; the "
                                    + "limit is \(LoRAAdapterConfiguration.Limits.configurationByteCountMaximum)")
            }
            configurationBytes = Array(buffer.bytes)
            weights = try SafetensorsFile(contentsOfFile: folder + Self.weightsFileName)
        } catch let error as OpenLoRAError {
            throw error
        } catch let error as ModelFileError {
            throw OpenLoRAError(error)
        } catch {
            throw OpenLoRAError(.modelFile, "\(error)")
        }
        try self.init(configurationJSON: configurationBytes, safetensors: weights, base: base)
    }

    /// An adapter from the bytes of its adapter_config.json and its parsed
    /// adapter_model.safetensors. The file must hold exactly the `lora_A` and `lora_B`
    /// weights of the modules the configuration targets on `base`, with the shapes `r` and
    /// the base model give them.
    public convenience init(configurationJSON: [UInt8], safetensors: SafetensorsFile, base: LlamaConfiguration)
        throws(OpenLoRAError) {
        let configuration = try LoRAAdapterConfiguration(parsing: configurationJSON)
        let targeted = Set(try configuration.targetedModules(blockCount: base.blockCount))
        let shape = LoRABaseShape(base)
        var views: [LoRAModule: [LoRAWeightPart: TensorView]] = [:]
        for info in safetensors.header.tensors {
            let (module, part) = try LoRATensorName.parse(info.name, blockCount: base.blockCount)
            guard targeted.contains(module) else {
                throw OpenLoRAError(.invalidAdapter, "tensor \(info.name) belongs to \(module), which target_modules "
                                    + "does not select")
            }
            views[module, default: [:]][part] = try Self.view(info, in: safetensors)
        }
        var factors: [LoRAModule: (a: [Float], b: [Float])] = [:]
        for module in targeted.sorted() {
            let (outputs, inputs) = shape.projectionSize(module.role)
            let a = try Self.values(views[module]?[.a], module, .a, dimensions: [inputs, configuration.rank])
            let b = try Self.values(views[module]?[.b], module, .b, dimensions: [configuration.rank, outputs])
            factors[module] = (a, b)
        }
        try self.init(configuration: configuration, factors: factors, base: base)
    }

    private static func view(_ info: SafetensorsTensorInfo, in file: SafetensorsFile) throws(OpenLoRAError)
        -> TensorView {
        do {
            return try file.view(info)
        } catch {
            if error.kind == .unsupportedType { throw OpenLoRAError(.unsupportedType, error.message) }
            throw OpenLoRAError(error)
        }
    }

    /// The Float values of a factor whose view must have `dimensions` (innermost first).
    private static func values(_ view: TensorView?, _ module: LoRAModule, _ part: LoRAWeightPart,
                               dimensions: [Int]) throws(OpenLoRAError) -> [Float] {
        guard let view else {
            throw OpenLoRAError(.missingTensor, "tensor \(module.peftTensorName(part)) is missing")
        }
        guard view.dimensions == dimensions else {
            throw OpenLoRAError(.shapeMismatch, "tensor \(view.name) has shape \(Array(view.dimensions.reversed())); "
                                + "r and the base model need \(Array(dimensions.reversed())) (an adapter for "
                                + "another base?)")
        }
        do {
            return try view.dequantize()
        } catch {
            throw OpenLoRAError(error)
        }
    }
}
