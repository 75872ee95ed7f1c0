import ModelFiles

/// Typed reads of GGUF metadata values that throw an error naming the key.
struct GGUFMetadataReader {
    let file: GGUFFile

    /// The integer at `key`; throws when it is absent or not an integer.
    func integer(_ key: String) throws(OpenLoRAError) -> Int {
        guard let value = file[key] else { throw OpenLoRAError(.invalidConfiguration, "metadata \(key) is missing") }
        guard let integer = value.integer else {
            throw OpenLoRAError(.invalidConfiguration, "metadata \(key) is \(value.type), not an integer")
        }
        return integer
    }

    /// The integer at `key`, or `fallback` when the key is absent.
    func integer(_ key: String, default fallback: Int) throws(OpenLoRAError) -> Int {
        file[key] == nil ? fallback : try integer(key)
    }

    /// The number (float or integer) at `key`; throws when it is absent or not a number.
    func number(_ key: String) throws(OpenLoRAError) -> Double {
        guard let value = file[key] else { throw OpenLoRAError(.invalidConfiguration, "metadata \(key) is missing") }
        guard let number = value.floatingPoint ?? value.integer.map(Double.init) else {
            throw OpenLoRAError(.invalidConfiguration, "metadata \(key) is \(value.type), not a number")
        }
        return number
    }

    /// The number at `key`, or `fallback` when the key is absent.
    func number(_ key: String, default fallback: Double) throws(OpenLoRAError) -> Double {
        file[key] == nil ? fallback : try number(key)
    }
}
