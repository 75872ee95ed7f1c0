/// Builds the rank-ordered merge table from merge rules given as token texts, checking that
/// both parts and their concatenation are in the vocabulary. The first rule for a pair wins.
struct MergeTableBuilder {
    let vocabulary: Vocabulary
    private(set) var merges: [UInt64: BytePairModel.Merge] = [:]

    init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    mutating func add(_ left: String, _ right: String, rank: Int) throws(TokenizerError) {
        guard let leftID = vocabulary.id(for: left), let rightID = vocabulary.id(for: right),
              let result = vocabulary.id(for: left + right) else {
            throw TokenizerError(.invalidVocabulary, "merge \(rank) (\"\(left)\" \"\(right)\") names a token the vocabulary lacks")
        }
        let key = BytePairModel.pairKey(leftID, rightID)
        if merges[key] == nil { merges[key] = BytePairModel.Merge(rank: rank, result: result) }
    }
}
