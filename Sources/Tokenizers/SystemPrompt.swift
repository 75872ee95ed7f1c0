/// The caller's choice of system message for a rendered conversation.
public enum SystemPrompt: Sendable, Equatable {
    /// No system message.
    case none
    /// The default system message written in the model's chat template, if it has one
    /// (SmolLM2's "You are a helpful AI assistant named SmolLM, …"); none otherwise.
    case templateDefault
    /// This text.
    case custom(String)
}
