import Wire

extension Array {
    /// Appends an element read from the wire, refusing to grow past `countMax`.
    mutating func append(_ element: Element, countMax: Int, what: String) throws(WireError) {
        guard count < countMax else { throw .limitExceeded(what, limit: countMax) }
        append(element)
    }
}
