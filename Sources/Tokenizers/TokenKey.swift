/// A token's text as a dictionary key that compares UTF-8 bytes.
struct TokenKey: Hashable, Sendable {
    let utf8: [UInt8]

    init(_ text: String) { utf8 = Array(text.utf8) }
}
