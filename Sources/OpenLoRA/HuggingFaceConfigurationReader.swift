import ModelFiles

/// Typed reads of a Hugging Face config.json that throw an error naming the key; a key whose
/// value is null counts as absent, as transformers treats it.
struct HuggingFaceConfigurationReader {
    let object: JSONObject

    private func present(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    func integer(_ key: String) throws(OpenLoRAError) -> Int {
        guard let value = present(key) else { throw OpenLoRAError(.invalidConfiguration, "config.json lacks \(key)") }
        guard let integer = value.integer else {
            throw OpenLoRAError(.invalidConfiguration, "config.json \(key) is \(value.kindName), not an integer")
        }
        return integer
    }

    func integer(_ key: String, default fallback: Int) throws(OpenLoRAError) -> Int {
        present(key) == nil ? fallback : try integer(key)
    }

    func number(_ key: String, default fallback: Double) throws(OpenLoRAError) -> Double {
        guard let value = present(key) else { return fallback }
        guard let number = value.number else {
            throw OpenLoRAError(.invalidConfiguration, "config.json \(key) is \(value.kindName), not a number")
        }
        return number
    }

    func bool(_ key: String, default fallback: Bool) throws(OpenLoRAError) -> Bool {
        guard let value = present(key) else { return fallback }
        guard let bool = value.bool else {
            throw OpenLoRAError(.invalidConfiguration, "config.json \(key) is \(value.kindName), not a bool")
        }
        return bool
    }

    func string(_ key: String, default fallback: String) throws(OpenLoRAError) -> String {
        guard let value = present(key) else { return fallback }
        guard let string = value.string else {
            throw OpenLoRAError(.invalidConfiguration, "config.json \(key) is \(value.kindName), not a string")
        }
        return string
    }

    /// Throws for the LlamaConfig options that change the computation in ways not implemented.
    func refuseUnsupportedFeatures() throws(OpenLoRAError) {
        for key in ["attention_bias", "mlp_bias"] where try bool(key, default: false) {
            throw OpenLoRAError(.invalidConfiguration, "config.json \(key) is true; biases are not supported")
        }
        let activation = try string("hidden_act", default: "silu")
        guard activation == "silu" else {
            throw OpenLoRAError(.invalidConfiguration, "hidden_act \(activation) is not supported; Llama uses silu")
        }
        let pretraining = try integer("pretraining_tp", default: 1)
        guard pretraining == 1 else {
            throw OpenLoRAError(.invalidConfiguration, "pretraining_tp \(pretraining) is not supported")
        }
    }

    /// `rope_scaling`: absent or null, or an object whose `rope_type` (or older `type`) is
    /// "default", "linear" or "llama3".
    func ropeScaling() throws(OpenLoRAError) -> RopeScaling {
        guard let value = present("rope_scaling") else { return .none }
        guard let object = value.object else {
            throw OpenLoRAError(.invalidConfiguration, "config.json rope_scaling is \(value.kindName), not an object")
        }
        let scaling = HuggingFaceConfigurationReader(object: object)
        let type = try scaling.string("rope_type", default: try scaling.string("type", default: "default"))
        switch type {
        case "default":
            return .none
        case "linear":
            return .linear(factor: Float(try scaling.number("factor", default: .nan)))
        case "llama3":
            return .llama3(factor: Float(try scaling.number("factor", default: .nan)),
                           lowFrequencyFactor: Float(try scaling.number("low_freq_factor", default: .nan)),
                           highFrequencyFactor: Float(try scaling.number("high_freq_factor", default: .nan)),
                           originalContextLength: try scaling.integer("original_max_position_embeddings"))
        default:
            throw OpenLoRAError(.invalidConfiguration, "rope scaling \(type) is not supported")
        }
    }

    /// `eos_token_id` of the config.json text `text` (an integer or a list), or empty.
    static func endOfSequenceTokenIDs(in text: UnsafeRawBufferPointer) throws(OpenLoRAError) -> Set<Int> {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw OpenLoRAError(error)
        }
        guard let entry = value.object?["eos_token_id"] else { return [] }
        if let single = entry.integer { return [single] }
        return Set((entry.array ?? []).compactMap(\.integer))
    }
}
