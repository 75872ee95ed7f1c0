import Wire

extension Optional {
    /// The value of a required field, or ``Wire/WireError/missingField(_:)`` when it was absent.
    public func required(field: Int) throws(WireError) -> Wrapped {
        guard let value = self else { throw .missingField(field) }
        return value
    }
}
