import ModelFiles

extension LoRAAdapterConfiguration {
    /// PEFT fields that change what an adapter computes and that this runtime does not
    /// implement. Each is refused, by name, when it is set: anything but absent, null, false,
    /// or an empty list or object. (`bias` is checked separately: it must be "none".)
    static let unsupportedFields: [(field: String, feature: String)] = [
        ("use_dora", "DoRA (use_dora)"), ("modules_to_save", "modules_to_save"),
        ("rank_pattern", "per-module ranks (rank_pattern)"), ("alpha_pattern", "per-module alphas (alpha_pattern)"),
        ("layers_to_transform", "layers_to_transform"), ("fan_in_fan_out", "fan_in_fan_out"),
        ("lora_bias", "LoRA biases (lora_bias)"), ("target_parameters", "target_parameters"),
        ("layer_replication", "layer_replication"), ("trainable_token_indices", "trainable_token_indices"),
        ("alora_invocation_tokens", "activated LoRA (alora_invocation_tokens)"), ("use_qalora", "QA-LoRA (use_qalora)"),
        ("use_bdlora", "block-diagonal LoRA (use_bdlora)"), ("arrow_config", "Arrow routing (arrow_config)"),
        ("kasa_config", "kasa_config"), ("monteclora_config", "MonteCLoRA (monteclora_config)"),
        ("velora_config", "velora_config"),
    ]

    /// PEFT's default targets for a Llama model when `target_modules` is absent or null.
    static let defaultTargetNames = ["q_proj", "v_proj"]

    /// Parses an `adapter_config.json`. Fields PEFT uses only in training (`lora_dropout`,
    /// `init_lora_weights`, `loftq_config`, …) and unknown fields are accepted and ignored;
    /// missing `r` and `lora_alpha` take PEFT's defaults (8). Throws `.invalidAdapter` for
    /// malformed JSON or values, `.unsupportedAdapterFeature` naming a refused feature.
    public init(parsing bytes: [UInt8]) throws(OpenLoRAError) {
        guard bytes.count <= Limits.configurationByteCountMaximum else {
            throw OpenLoRAError(.invalidAdapter, "adapter_config.json is \(bytes.count) bytes; the limit is "
                                + "\(Limits.configurationByteCountMaximum)")
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw OpenLoRAError(.invalidAdapter, "adapter_config.json: \(error.description)")
        }
        guard case .object(let object) = json else {
            throw OpenLoRAError(.invalidAdapter, "adapter_config.json is \(json.kindName), not a JSON object")
        }
        try Self.refuseUnsupportedFeatures(object)
        self.init(rank: try Self.integer(object, "r") ?? 8, alpha: try Self.number(object, "lora_alpha") ?? 8,
                  targetModules: try Self.selection(object, "target_modules") ?? .names(Self.defaultTargetNames),
                  usesRankStabilizedScaling: try Self.bool(object, "use_rslora") ?? false,
                  excludedModules: try Self.selection(object, "exclude_modules"),
                  dropout: try Self.number(object, "lora_dropout") ?? 0,
                  baseModelNameOrPath: try Self.string(object, "base_model_name_or_path"))
        try validate()
    }

    private static func refuseUnsupportedFeatures(_ object: JSONObject) throws(OpenLoRAError) {
        if let type = object["peft_type"], type != .null, type.string != "LORA" {
            throw OpenLoRAError(.unsupportedAdapterFeature,
                                "peft_type \(describe(type)) is not supported; only LORA is")
        }
        if let bias = object["bias"], bias != .null, bias.string != "none" {
            throw OpenLoRAError(.unsupportedAdapterFeature, "bias \(describe(bias)) is not supported; only \"none\" is")
        }
        for (field, feature) in unsupportedFields {
            guard let value = object[field], isSet(value) else { continue }
            throw OpenLoRAError(.unsupportedAdapterFeature, "\(feature) is not supported (\(field) is set)")
        }
    }

    private static func isSet(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let flag): flag
        case .array(let elements): !elements.isEmpty
        case .object(let members): members.count > 0
        default: true
        }
    }

    private static func describe(_ value: JSONValue) -> String {
        value.string.map { "\"\($0.prefix(64))\"" } ?? value.kindName
    }

    private static func typeError(_ field: String, _ value: JSONValue, _ expected: String) -> OpenLoRAError {
        OpenLoRAError(.invalidAdapter, "\(field) is \(value.kindName), not \(expected)")
    }

    private static func integer(_ object: JSONObject, _ field: String) throws(OpenLoRAError) -> Int? {
        guard let value = object[field], value != .null else { return nil }
        guard let integer = value.integer else { throw typeError(field, value, "an integer") }
        return integer
    }

    private static func number(_ object: JSONObject, _ field: String) throws(OpenLoRAError) -> Double? {
        guard let value = object[field], value != .null else { return nil }
        guard let number = value.number else { throw typeError(field, value, "a number") }
        return number
    }

    private static func bool(_ object: JSONObject, _ field: String) throws(OpenLoRAError) -> Bool? {
        guard let value = object[field], value != .null else { return nil }
        guard let flag = value.bool else { throw typeError(field, value, "a bool") }
        return flag
    }

    private static func string(_ object: JSONObject, _ field: String) throws(OpenLoRAError) -> String? {
        guard let value = object[field], value != .null else { return nil }
        guard let text = value.string else { throw typeError(field, value, "a string") }
        return text
    }

    /// A list of names, "all-linear" (any case, as PEFT compares it), or a pattern.
    private static func selection(_ object: JSONObject, _ field: String)
        throws(OpenLoRAError) -> LoRAModuleSelection? {
        guard let value = object[field], value != .null else { return nil }
        switch value {
        case .string(let text):
            return text.lowercased() == "all-linear" ? .allLinear : .pattern(text)
        case .array(let elements):
            guard elements.count <= Limits.nameCountMaximum else {
                throw OpenLoRAError(.invalidAdapter, "\(field) lists \(elements.count) names; the limit is "
                                    + "\(Limits.nameCountMaximum)")
            }
            var names: [String] = []
            for element in elements {
                guard let name = element.string else { throw typeError(field + " element", element, "a string") }
                names.append(name)
            }
            return .names(names)
        default:
            throw typeError(field, value, "a list of names or a string")
        }
    }
}
