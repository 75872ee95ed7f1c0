import ModelFiles

extension LoRAAdapterConfiguration {
    /// The configuration as PEFT's `adapter_config.json`: every field `LoraConfig.to_dict()`
    /// writes for an inference-ready LoRA adapter on a causal language model, the unsupported
    /// features at their "off" values, sorted keys, two-space indentation.
    public func serialized() -> [UInt8] {
        var object = JSONObject()
        let members: [(String, JSONValue)] = [
            ("alpha_pattern", .object(JSONObject())), ("auto_mapping", .null),
            ("base_model_name_or_path", baseModelNameOrPath.map { .string($0) } ?? .null), ("bias", .string("none")),
            ("exclude_modules", excludedModules.map(Self.json) ?? .null), ("fan_in_fan_out", .bool(false)),
            ("inference_mode", .bool(true)), ("init_lora_weights", .bool(true)), ("layer_replication", .null),
            ("layers_pattern", .null), ("layers_to_transform", .null), ("lora_alpha", Self.json(alpha)),
            ("lora_bias", .bool(false)), ("lora_dropout", .number(dropout)), ("modules_to_save", .null),
            ("peft_type", .string("LORA")), ("r", .integer(Int64(rank))), ("rank_pattern", .object(JSONObject())),
            ("revision", .null), ("target_modules", Self.json(targetModules)), ("task_type", .string("CAUSAL_LM")),
            ("use_dora", .bool(false)), ("use_rslora", .bool(usesRankStabilizedScaling)),
        ]
        for (key, value) in members { object.insert(value, forKey: key) }
        return Array(JSONText.serialize(.object(object)).utf8)
    }

    /// α as an integer when it is one (PEFT's `lora_alpha` is usually an int).
    private static func json(_ alpha: Double) -> JSONValue {
        if let integer = Int64(exactly: alpha) { return .integer(integer) }
        return .number(alpha)
    }

    private static func json(_ selection: LoRAModuleSelection) -> JSONValue {
        switch selection {
        case .allLinear: .string("all-linear")
        case .pattern(let pattern): .string(pattern)
        case .names(let names): .array(names.map { .string($0) })
        }
    }
}
