/// One turn of a conversation.
public struct ChatMessage: Sendable, Equatable {
    /// Who speaks.
    public var role: ChatRole
    /// What they say.
    public var content: String

    /// A message from `role`.
    public init(role: ChatRole, content: String) {
        self.role = role
        self.content = content
    }

    /// A message from the user.
    public static func user(_ content: String) -> ChatMessage { ChatMessage(role: .user, content: content) }

    /// A message from the assistant.
    public static func assistant(_ content: String) -> ChatMessage { ChatMessage(role: .assistant, content: content) }
}
