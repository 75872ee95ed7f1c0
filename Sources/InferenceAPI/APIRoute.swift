/// A route's handler and whether it needs the admin bearer token.
struct APIRoute: Sendable {
    /// The route's pattern, the `route` label of the request counter.
    let pattern: String
    let requiresAuthorization: Bool
    let handler: @Sendable (APIRequest, APIResponder) -> Void
}
