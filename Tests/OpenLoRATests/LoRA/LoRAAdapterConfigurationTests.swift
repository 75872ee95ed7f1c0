import Testing
import OpenLoRA

/// adapter_config.json parsing, target resolution against a Llama model's modules (PEFT's
/// check_target_module_exists), every refusal, and the writer's JSON.
@Suite struct LoRAAdapterConfigurationTests {
    static func parse(_ json: String) throws -> LoRAAdapterConfiguration {
        try LoRAAdapterConfiguration(parsing: Array(json.utf8))
    }

    static func module(_ layer: Int, _ role: LlamaLayerRole) -> LoRAModule { LoRAModule(layer: layer, role: role) }

    @Test func parsesEveryFixtureAsTheReferenceResolvedIt() throws {
        for (name, reference) in LoRAFixtures.expected {
            let configuration = try LoRAAdapterConfiguration(
                parsing: LoRAFixtures.bytes(reference.adapter, "adapter_config.json"))
            #expect(abs(Double(configuration.scale) - reference.scale) <= 1e-7 * reference.scale, "\(name)")
            let targets = try configuration.targetedModules(blockCount: 2).map(\.huggingFaceName)  // both models
            #expect(targets == reference.targets, "\(name)")
        }
    }

    @Test func readsTheFieldsAndTheScale() throws {
        let plain = try Self.parse(#"{"r": 8, "lora_alpha": 16, "target_modules": ["q_proj"], "lora_dropout": 0.1}"#)
        #expect(plain.rank == 8 && plain.alpha == 16 && plain.dropout == 0.1 && plain.scale == 2)
        #expect(plain.targetModules == .names(["q_proj"]) && !plain.usesRankStabilizedScaling)
        let stabilized = try Self.parse(
            #"{"r": 16, "lora_alpha": 8, "use_rslora": true, "target_modules": "all-linear"}"#)
        #expect(stabilized.scale == 2 && stabilized.targetModules == .allLinear)
        let upper = try Self.parse(#"{"r": 4, "lora_alpha": 4.5, "target_modules": "ALL-LINEAR"}"#)
        #expect(upper.targetModules == .allLinear && upper.alpha == 4.5)
        let defaults = try Self.parse(#"{"peft_type": "LORA", "base_model_name_or_path": "tiny"}"#)
        #expect(defaults.rank == 8 && defaults.alpha == 8 && defaults.targetModules == .names(["q_proj", "v_proj"]))
        #expect(defaults.baseModelNameOrPath == "tiny")
    }

    @Test func trainingOnlyAndOffFieldsAreAccepted() throws {
        let json = #"""
            {"r": 4, "lora_alpha": 8, "target_modules": ["v_proj"], "lora_dropout": 0.05,
             "init_lora_weights": "gaussian",
             "loftq_config": {}, "use_dora": false, "modules_to_save": null, "rank_pattern": {}, "alpha_pattern": {},
             "layers_to_transform": null, "layers_pattern": null, "bias": "none", "fan_in_fan_out": false,
             "megatron_config": null, "inference_mode": false, "task_type": "CAUSAL_LM", "some_future_field": [1, 2],
             "trainable_token_indices": [], "lora_bias": false}
            """#
        #expect(try Self.parse(json).rank == 4)
    }

    static let refusals: [(json: String, feature: String)] = [
        (#""use_dora": true"#, "DoRA"), (#""modules_to_save": ["lm_head"]"#, "modules_to_save"),
        (#""rank_pattern": {"q_proj": 16}"#, "rank_pattern"), (#""alpha_pattern": {"q_proj": 32}"#, "alpha_pattern"),
        (#""layers_to_transform": [0, 1]"#, "layers_to_transform"),
        (#""layers_to_transform": 0"#, "layers_to_transform"),
        (#""bias": "all""#, "bias"), (#""bias": "lora_only""#, "bias"), (#""fan_in_fan_out": true"#, "fan_in_fan_out"),
        (#""lora_bias": true"#, "lora_bias"), (#""target_parameters": ["experts.weight"]"#, "target_parameters"),
        (#""layer_replication": [[0, 2]]"#, "layer_replication"), (#""use_qalora": true"#, "use_qalora"),
        (#""trainable_token_indices": [5]"#, "trainable_token_indices"), (#""peft_type": "ADALORA""#, "peft_type"),
        (#""alora_invocation_tokens": [7]"#, "alora_invocation_tokens"),
    ]

    @Test(arguments: 0..<refusals.count)
    func refusesUnsupportedFeaturesByName(_ index: Int) {
        let (field, feature) = Self.refusals[index]
        let json = #"{"r": 4, "lora_alpha": 8, "target_modules": ["q_proj"], "# + field + "}"
        #expect { try Self.parse(json) } throws: { error in
            guard let error = error as? OpenLoRAError else { return false }
            return error.kind == .unsupportedAdapterFeature && error.message.contains(feature)
        }
    }

    static let targetRefusals: [(targets: String, kind: OpenLoRAError.Kind, named: String)] = [
        (#"["lm_head"]"#, .unsupportedAdapterFeature, "lm_head"),
        (#"["q_proj", "embed_tokens"]"#, .unsupportedAdapterFeature, "embed_tokens"),
        (#"".*(q_proj|lm_head)""#, .unsupportedAdapterFeature, "lm_head"),
        (#"["c_attn"]"#, .invalidAdapter, "c_attn"), (#"["self_attn"]"#, .invalidAdapter, "self_attn"),
        (#"["input_layernorm"]"#, .invalidAdapter, "input_layernorm"),
        (#"".*\\.mlp""#, .invalidAdapter, "mlp"), (#""q_proj""#, .invalidAdapter, "selects no projection"),
        (#""(unclosed""#, .invalidAdapter, "not a regular expression"), (#"[]"#, .invalidAdapter, "no projection"),
        (#"[3]"#, .invalidAdapter, "element"), (#"{"a": 1}"#, .invalidAdapter, "target_modules"),
    ]

    @Test(arguments: 0..<targetRefusals.count)
    func refusesTargetsThatAreNotLlamaProjections(_ index: Int) throws {
        let (targets, kind, named) = Self.targetRefusals[index]
        #expect {
            try Self.parse(#"{"r": 4, "target_modules": "# + targets + "}").targetedModules(blockCount: 2)
        } throws: { error in
            guard let error = error as? OpenLoRAError else { return false }
            return error.kind == kind && error.message.contains(named)
        }
    }

    @Test func resolvesListsPatternsAndExclusionsAsPEFTDoes() throws {
        let list = try Self.parse(#"{"r": 2, "target_modules": ["self_attn.k_proj", "model.layers.1.mlp.up_proj"]}"#)
        #expect(try list.targetedModules(blockCount: 2)
                == [Self.module(0, .key), Self.module(1, .key), Self.module(1, .up)])
        let pattern = try Self.parse(#"{"r": 2, "target_modules": "model\\.layers\\.[01]\\.mlp\\.(gate|down)_proj"}"#)
        #expect(try pattern.targetedModules(blockCount: 3)
                == [Self.module(0, .gate), Self.module(0, .down), Self.module(1, .gate), Self.module(1, .down)])
        // A pattern must match the whole name (re.fullmatch): "q_proj" alone matches nothing.
        let partial = try Self.parse(#"{"r": 2, "target_modules": ".*q_proj"}"#)
        #expect(try partial.targetedModules(blockCount: 1) == [Self.module(0, .query)])
        let excluded = try Self.parse(#"{"r": 2, "target_modules": "all-linear", "exclude_modules": ".*\\.0\\..*"}"#)
        let modules = try excluded.targetedModules(blockCount: 2)
        #expect(modules.count == 7 && modules.allSatisfy { $0.layer == 1 })
        let everything = try Self.parse(#"{"r": 2, "target_modules": "all-linear"}"#)
        #expect(try everything.targetedModules(blockCount: 2).count == 14)
    }

    @Test func refusesMalformedValues() {
        let cases = [
            #"{"r": 0, "target_modules": ["q_proj"]}"#, #"{"r": 4097, "target_modules": ["q_proj"]}"#,
            #"{"r": "8", "target_modules": ["q_proj"]}"#, #"{"r": 8.5, "target_modules": ["q_proj"]}"#,
            #"{"lora_alpha": "16", "target_modules": ["q_proj"]}"#, #"{"use_rslora": 1, "target_modules": ["q_proj"]}"#,
            #"["r", 8]"#, #"{"r": 8,}"#, "", #"{"r": 8, "r": 4}"#, #"{"target_modules": ["q_proj"], "bias": 3}"#,
            #"{"target_modules": ["q_proj"], "exclude_modules": "all-linear"}"#,
            #"{"target_modules": ["\#(String(repeating: "x", count: 300))"]}"#,
            #"{"target_modules": "\#(String(repeating: "a", count: 5000))"}"#,
        ]
        for json in cases {
            #expect(throws: OpenLoRAError.self, "\(json.prefix(80))") { try Self.parse(json) }
        }
        #expect { try LoRAAdapterConfiguration(parsing: [UInt8](repeating: 32, count: (1 << 20) + 1)) } throws: {
            ($0 as? OpenLoRAError)?.kind == .invalidAdapter
        }
    }

    @Test func serializedConfigurationParsesBackUnchanged() throws {
        let configurations = [
            LoRAAdapterConfiguration(rank: 8, alpha: 16, targetModules: .names(["q_proj", "v_proj"]), dropout: 0.05,
                                     baseModelNameOrPath: "HuggingFaceTB/SmolLM2-135M-Instruct"),
            LoRAAdapterConfiguration(rank: 4, alpha: 2.5, targetModules: .pattern(#"model\.layers\.\d+\.mlp\..*"#),
                                     usesRankStabilizedScaling: true, excludedModules: .names(["down_proj"])),
            LoRAAdapterConfiguration(rank: 1, alpha: 1, targetModules: .allLinear,
                                     baseModelNameOrPath: "é \"quoted\" 😀"),
        ]
        for configuration in configurations {
            let text = String(decoding: configuration.serialized(), as: UTF8.self)
            #expect(try LoRAAdapterConfiguration(parsing: configuration.serialized()) == configuration, "\(text)")
            #expect(text.hasPrefix("{\n  \"alpha_pattern\": {},\n  \"auto_mapping\": null,\n"))
            #expect(text.contains("\"peft_type\": \"LORA\"") && text.contains("\"bias\": \"none\""))
        }
        // Python's json.dumps escapes non-ASCII characters (surrogate pairs beyond the BMP).
        let text = String(decoding: configurations[2].serialized(), as: UTF8.self)
        #expect(text.contains(#""base_model_name_or_path": "\u00e9 \"quoted\" \ud83d\ude00""#))
        #expect(text.contains(#""lora_alpha": 1,"#) && text.contains(#""lora_dropout": 0.0,"#))
    }
}
