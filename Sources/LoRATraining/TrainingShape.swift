import OpenLoRA

/// The sizes the training buffers are made from: the model's widths, the adapter's rank and
/// the most tokens a sequence may have.
struct TrainingShape {
    let tokenCapacity: Int
    let embeddingLength: Int
    let queryWidth: Int
    let keyValueWidth: Int
    let feedForwardLength: Int
    let headCount: Int
    let keyValueHeadCount: Int
    let headDimension: Int
    let vocabularySize: Int
    let rank: Int
    /// Rows of logits computed at once by the output head.
    let logitsRowCapacity: Int

    init(configuration c: LlamaConfiguration, rank: Int, tokenCapacity: Int, logitsRowCapacity: Int) {
        self.tokenCapacity = tokenCapacity
        embeddingLength = c.embeddingLength
        queryWidth = c.queryWidth
        keyValueWidth = c.keyValueWidth
        feedForwardLength = c.feedForwardLength
        headCount = c.headCount
        keyValueHeadCount = c.keyValueHeadCount
        headDimension = c.headDimension
        vocabularySize = c.vocabularySize
        self.rank = rank
        self.logitsRowCapacity = min(logitsRowCapacity, tokenCapacity)
    }

    /// The widest projection input or output.
    var widthMaximum: Int { max(embeddingLength, queryWidth, feedForwardLength) }
}
