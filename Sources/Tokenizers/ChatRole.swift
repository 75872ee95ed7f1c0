/// The speaker of a chat message: the usual three, or any other name a ChatML model knows
/// ("tool", …), written as the template writes it.
public struct ChatRole: RawRepresentable, Hashable, Sendable {
    /// The role's name.
    public let rawValue: String

    /// The role named `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The system prompt.
    public static let system = ChatRole(rawValue: "system")
    /// The user.
    public static let user = ChatRole(rawValue: "user")
    /// The model.
    public static let assistant = ChatRole(rawValue: "assistant")
}
