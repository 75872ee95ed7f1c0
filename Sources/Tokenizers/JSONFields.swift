import ModelFiles

/// Typed access to the members of one JSON object of a tokenizer file, with errors that name
/// the member's path ("model.merges[3]").
struct JSONFields {
    let object: JSONObject
    let path: String

    init(_ object: JSONObject, path: String) {
        self.object = object
        self.path = path
    }

    /// The object at the top of a parsed document.
    init(document value: JSONValue, name: String) throws(TokenizerError) {
        guard let object = value.object else {
            throw TokenizerError(.invalidField, "\(name) is \(value.kindName), not an object")
        }
        self.init(object, path: name)
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The member `key`, when present and not null.
    func value(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    func required(_ key: String) throws(TokenizerError) -> JSONValue {
        guard let value = value(key) else { throw TokenizerError(.missingField, "\(name(key)) is missing") }
        return value
    }

    func wrongType(_ key: String, _ value: JSONValue, _ expected: String) -> TokenizerError {
        TokenizerError(.invalidField, "\(name(key)) is \(value.kindName), not \(expected)")
    }

    func string(_ key: String) throws(TokenizerError) -> String {
        let value = try required(key)
        guard let string = value.string else { throw wrongType(key, value, "a string") }
        return string
    }

    func optionalString(_ key: String) throws(TokenizerError) -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value.string else { throw wrongType(key, value, "a string") }
        return string
    }

    func bool(_ key: String, default defaultValue: Bool) throws(TokenizerError) -> Bool {
        guard let value = value(key) else { return defaultValue }
        guard let bool = value.bool else { throw wrongType(key, value, "a bool") }
        return bool
    }

    func integer(_ key: String, default defaultValue: Int) throws(TokenizerError) -> Int {
        guard let value = value(key) else { return defaultValue }
        guard let integer = value.integer, integer >= 0 else { throw wrongType(key, value, "a non-negative integer") }
        return integer
    }

    func object(_ key: String) throws(TokenizerError) -> JSONFields {
        let value = try required(key)
        guard let object = value.object else { throw wrongType(key, value, "an object") }
        return JSONFields(object, path: name(key))
    }

    func optionalObject(_ key: String) throws(TokenizerError) -> JSONFields? {
        guard let value = value(key) else { return nil }
        guard let object = value.object else { throw wrongType(key, value, "an object") }
        return JSONFields(object, path: name(key))
    }

    func array(_ key: String) throws(TokenizerError) -> [JSONValue] {
        let value = try required(key)
        guard let array = value.array else { throw wrongType(key, value, "an array") }
        return array
    }

    /// The members of array `key` that are objects (each an error if not).
    func objects(_ key: String) throws(TokenizerError) -> [JSONFields] {
        var result: [JSONFields] = []
        for (index, element) in try array(key).enumerated() {
            guard let object = element.object else { throw wrongType("\(key)[\(index)]", element, "an object") }
            result.append(JSONFields(object, path: name("\(key)[\(index)]")))
        }
        return result
    }

    /// The component type named by member "type".
    func type() throws(TokenizerError) -> String { try string("type") }

    /// A single scalar given as a one-scalar string (Metaspace's and Strip's characters).
    func scalar(_ key: String, default defaultValue: Unicode.Scalar) throws(TokenizerError) -> Unicode.Scalar {
        guard let text = try optionalString(key) else { return defaultValue }
        guard text.unicodeScalars.count == 1 else {
            throw TokenizerError(.invalidField, "\(name(key)) is not a single character")
        }
        return text.unicodeScalars.first!
    }

    /// A string `pattern`: {"String": "…"}; a regex pattern is refused unless `allowingRegex`.
    func stringPattern(_ key: String) throws(TokenizerError) -> String {
        let pattern = try object(key)
        if let text = try pattern.optionalString("String") { return text }
        let regex = try pattern.optionalString("Regex") ?? ""
        throw TokenizerError(.unsupportedComponent, "\(name(key)) is the regex \"\(regex)\"; only string patterns are supported here")
    }

    func unsupported(_ what: String) -> TokenizerError {
        TokenizerError(.unsupportedComponent, "\(path.isEmpty ? "the file" : path) is \(what), which is not supported")
    }
}
