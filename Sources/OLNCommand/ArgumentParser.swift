/// A small parser for `command [--option VALUE | --option=VALUE | --flag | positional]…`.
/// Commands take what they know; `finish` then reports anything left over as a usage error.
struct ArgumentParser {
    private(set) var remaining: [String]

    init(_ arguments: [String]) {
        remaining = arguments
    }

    var isEmpty: Bool { remaining.isEmpty }

    /// The first argument that is not an option, removed from the list.
    mutating func nextPositional() -> String? {
        guard let index = remaining.firstIndex(where: { !$0.hasPrefix("-") || $0 == "-" }) else { return nil }
        if let terminator = remaining.firstIndex(of: "--"), terminator < index {
            return nil
        }
        return remaining.remove(at: index)
    }

    /// Whether any of `names` was given; removes every occurrence.
    mutating func takeFlag(_ names: String...) -> Bool {
        let before = remaining.count
        remaining.removeAll { names.contains($0) }
        return remaining.count != before
    }

    /// The value of `--name VALUE` or `--name=VALUE`, removed from the list.
    mutating func takeOption(_ name: String, topic: String) throws -> String? {
        if let index = remaining.firstIndex(where: { $0.hasPrefix(name + "=") }) {
            let value = String(remaining.remove(at: index).dropFirst(name.count + 1))
            guard !value.isEmpty else { throw UsageError("\(name) needs a value", topic: topic) }
            return value
        }
        guard let index = remaining.firstIndex(of: name) else { return nil }
        guard index + 1 < remaining.count, !remaining[index + 1].hasPrefix("--") else {
            throw UsageError("\(name) needs a value", topic: topic)
        }
        let value = remaining[index + 1]
        remaining.removeSubrange(index...(index + 1))
        return value
    }

    /// Fails on anything not taken.
    func finish(topic: String) throws {
        guard let first = remaining.first else { return }
        if first.hasPrefix("-") {
            throw UsageError("unknown option '\(first)'", topic: topic)
        }
        throw UsageError("unexpected argument '\(first)'", topic: topic)
    }
}
