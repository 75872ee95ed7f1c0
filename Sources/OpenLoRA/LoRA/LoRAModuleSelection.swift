/// Which modules of the base model an adapter's `target_modules` (or `exclude_modules`)
/// names, in PEFT's three forms. Matching follows peft's `check_target_module_exists`.
public enum LoRAModuleSelection: Sendable, Equatable {
    /// A list of names: a module matches one equal to its full name or that its full name
    /// ends with after a dot (`"q_proj"` matches `model.layers.0.self_attn.q_proj`).
    case names([String])
    /// A regular expression the whole module name must match (Python's `re.fullmatch`),
    /// compiled with Swift's `Regex`, whose syntax agrees with Python's for the patterns
    /// adapters use (alternation, groups, classes, `\d`, `.*`, anchors).
    case pattern(String)
    /// PEFT's "all-linear": every linear layer but the output projection, that is the seven
    /// projections of every block.
    case allLinear

    /// A predicate over full module names; throws `.invalidAdapter` for a pattern that does
    /// not compile.
    func matcher() throws(OpenLoRAError) -> (String) -> Bool {
        switch self {
        case .allLinear:
            return { _ in false }  // resolved by module kind, not by name
        case .names(let names):
            let set = Set(names)
            return { key in set.contains(key) || names.contains { key.hasSuffix("." + $0) } }
        case .pattern(let pattern):
            let regex: Regex<AnyRegexOutput>
            do {
                regex = try Regex(pattern)
            } catch {
                throw OpenLoRAError(.invalidAdapter, "target pattern \(pattern) is not a regular expression: \(error)")
            }
            return { key in (try? regex.wholeMatch(in: key)) != nil }
        }
    }
}
