/// Reads the pipeline components of a tokenizer.json (normalizer, pre-tokenizer, decoder,
/// post-processor) into their steps, refusing any component or option not supported here with
/// an error that names it.
enum TokenizerJSONComponents {
    static func normalizer(_ fields: JSONFields?) throws(TokenizerError) -> [NormalizerStep] {
        guard let fields else { return [] }
        switch try fields.type() {
        case "Sequence":
            var steps: [NormalizerStep] = []
            for member in try fields.objects("normalizers") { steps += try normalizer(member) }
            return steps
        case "Prepend":
            return [.prepend(try fields.string("prepend"))]
        case "Replace":
            return [.replace(pattern: try fields.stringPattern("pattern"), content: try fields.string("content"))]
        case let other:
            throw fields.unsupported("the normalizer \(other)")
        }
    }

    static func preTokenizer(_ fields: JSONFields?) throws(TokenizerError) -> [PreTokenizerStep] {
        guard let fields else { return [] }
        switch try fields.type() {
        case "Sequence":
            var steps: [PreTokenizerStep] = []
            for member in try fields.objects("pretokenizers") { steps += try preTokenizer(member) }
            return steps
        case "ByteLevel":
            return [.byteLevel(addsPrefixSpace: try fields.bool("add_prefix_space", default: true),
                               usesRegex: try fields.bool("use_regex", default: true))]
        case "Split":
            return [try split(fields)]
        case "Digits":
            return [.digits(individually: try fields.bool("individual_digits", default: false))]
        case "Metaspace":
            return [.metaspace(replacement: try fields.scalar("replacement", default: "\u{2581}"),
                               prependScheme: try prependScheme(fields), splits: try fields.bool("split", default: true))]
        case let other:
            throw fields.unsupported("the pre-tokenizer \(other)")
        }
    }

    private static func split(_ fields: JSONFields) throws(TokenizerError) -> PreTokenizerStep {
        let pattern = try fields.object("pattern")
        guard let regex = try pattern.optionalString("Regex"), let known = SplitPattern(regex: regex) else {
            throw fields.unsupported("a Split on a pattern other than the GPT-2 and Llama-3 regexes")
        }
        guard try fields.optionalString("behavior") == "Isolated", try !fields.bool("invert", default: false) else {
            throw fields.unsupported("a Split whose behavior is not Isolated, or inverted")
        }
        return .split(known)
    }

    private static func prependScheme(_ fields: JSONFields) throws(TokenizerError) -> PreTokenizerStep.PrependScheme {
        if let scheme = try fields.optionalString("prepend_scheme") {
            guard let known = PreTokenizerStep.PrependScheme(rawValue: scheme) else {
                throw TokenizerError(.invalidField, "\(fields.name("prepend_scheme")) is \"\(scheme)\"")
            }
            return known
        }
        return try fields.bool("add_prefix_space", default: true) ? .always : .never
    }

    static func decoder(_ fields: JSONFields?) throws(TokenizerError) -> [DecoderStep] {
        guard let fields else { return [] }
        switch try fields.type() {
        case "Sequence":
            var steps: [DecoderStep] = []
            for member in try fields.objects("decoders") { steps += try decoder(member) }
            return steps
        case "ByteLevel": return [.byteLevel]
        case "ByteFallback": return [.byteFallback]
        case "Fuse": return [.fuse]
        case "Replace":
            return [.replace(pattern: try fields.stringPattern("pattern"), content: try fields.string("content"))]
        case "Strip":
            return [.strip(content: try fields.scalar("content", default: " "), start: try fields.integer("start", default: 0),
                           stop: try fields.integer("stop", default: 0))]
        case "Metaspace":
            return [.metaspace(replacement: try fields.scalar("replacement", default: "\u{2581}"),
                               prependScheme: try prependScheme(fields))]
        case let other:
            throw fields.unsupported("the decoder \(other)")
        }
    }

    /// The ids a post-processor puts before and after a single sequence.
    static func postProcessor(_ fields: JSONFields?) throws(TokenizerError) -> (prefix: [Int], suffix: [Int]) {
        guard let fields else { return ([], []) }
        switch try fields.type() {
        case "ByteLevel":
            return ([], [])
        case "Sequence":
            var prefix: [Int] = [], suffix: [Int] = []
            for member in try fields.objects("processors") {
                let (before, after) = try postProcessor(member)
                prefix = before + prefix  // each processor wraps what the ones before it made
                suffix += after
            }
            return (prefix, suffix)
        case "TemplateProcessing":
            return try template(fields)
        case let other:
            throw fields.unsupported("the post-processor \(other)")
        }
    }

    private static func template(_ fields: JSONFields) throws(TokenizerError) -> (prefix: [Int], suffix: [Int]) {
        let specialTokens = try fields.object("special_tokens")
        var prefix: [Int] = [], suffix: [Int] = []
        var seenSequence = false
        for (index, element) in try fields.array("single").enumerated() {
            guard let item = element.object else { throw fields.wrongType("single[\(index)]", element, "an object") }
            let itemFields = JSONFields(item, path: fields.name("single[\(index)]"))
            if itemFields.value("Sequence") != nil {
                seenSequence = true
                continue
            }
            let name = try itemFields.object("SpecialToken").string("id")
            let ids = try specialTokenIDs(specialTokens, name)
            if seenSequence { suffix += ids } else { prefix += ids }
        }
        return (prefix, suffix)
    }

    private static func specialTokenIDs(_ specialTokens: JSONFields, _ name: String) throws(TokenizerError) -> [Int] {
        let entry = try specialTokens.object(name)
        var ids: [Int] = []
        for (index, value) in try entry.array("ids").enumerated() {
            guard let id = value.integer, id >= 0 else { throw entry.wrongType("ids[\(index)]", value, "a token id") }
            ids.append(id)
        }
        return ids
    }
}
