import ModelFiles

/// An adapter as one file, the blob peers fetch by hash and ledger records name: PEFT's
/// adapter_model.safetensors whose header metadata also carries adapter_config.json under
/// ``bundleConfigurationKey``. PEFT and safetensors readers ignore the extra metadata, so the
/// bundle is itself a valid adapter_model.safetensors; `unpackBundle` writes the folder back.
extension LoRAAdapter {
    /// The metadata key that holds adapter_config.json's text.
    public static let bundleConfigurationKey = "oln.adapter_config"

    /// The adapter as one file: weights, with the configuration in the header.
    public func bundle() -> [UInt8] {
        let configurationText = String(decoding: configuration.serialized(), as: UTF8.self)
        return serializedWeights(metadata: ["format": "pt", Self.bundleConfigurationKey: configurationText])
    }

    /// Writes the PEFT folder of a bundle: adapter_config.json from its metadata and the bundle
    /// itself as adapter_model.safetensors. Throws when the bytes are not a safetensors file
    /// or carry no adapter configuration.
    public static func unpackBundle(_ bytes: [UInt8], toDirectory directory: String) throws(OpenLoRAError) {
        let file: SafetensorsFile
        do {
            file = try SafetensorsFile(bytes: bytes)
        } catch {
            throw OpenLoRAError(.invalidAdapter, "the adapter bundle is not a safetensors file: \(error)")
        }
        guard let configuration = file.header.metadata[bundleConfigurationKey] else {
            throw OpenLoRAError(.invalidAdapter, "the adapter bundle carries no \(bundleConfigurationKey) metadata")
        }
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        do {
            try FileWriting.createDirectory(folder)
            try FileWriting.writeFile(Array(configuration.utf8), toFile: folder + configurationFileName)
            try FileWriting.writeFile(bytes, toFile: folder + weightsFileName)
        } catch {
            throw OpenLoRAError(error)
        }
    }
}
