import Testing
@testable import ModelFactory

@Suite struct TrainingDatasetTests {
    static func configuration(_ fraction: Double = 0.25, length: Int = 32) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.validationFraction = fraction
        configuration.sequenceLength = length
        configuration.seed = 11
        return configuration
    }

    @Test func theSplitIsStableWhenTheDatanetGrows() throws {
        let small = TestData.patternDocuments(40)
        let large = TestData.patternDocuments(120)
        let split = DatasetSplit(validationFraction: 0.25, seed: 11)
        for document in small {
            #expect(split.isValidation(document.contentHash) == split.isValidation(document.contentHash))
        }
        let first = try TrainingDataset(documents: small, tokenizer: TestData.tokenizer, configuration: Self.configuration())
        let second = try TrainingDataset(documents: large, tokenizer: TestData.tokenizer, configuration: Self.configuration())
        let heldOut = Set(first.validationExamples.map(\.contentHash))
        let heldOutLater = Set(second.validationExamples.map(\.contentHash))
        #expect(heldOut.isSubset(of: heldOutLater))
        #expect(Set(first.trainingExamples.map(\.contentHash)).isDisjoint(with: heldOutLater))
        let fraction = Double(second.statistics.validationDocumentCount) / 120
        #expect(fraction > 0.1 && fraction < 0.4)
    }

    @Test func theOrderOfDocumentsDoesNotMatterButTheSeedDoes() throws {
        let documents = TestData.patternDocuments(30)
        let a = try TrainingDataset(documents: documents, tokenizer: TestData.tokenizer, configuration: Self.configuration())
        let b = try TrainingDataset(documents: documents.reversed(), tokenizer: TestData.tokenizer, configuration: Self.configuration())
        #expect(a.trainingSequences == b.trainingSequences)
        var other = Self.configuration()
        other.seed = 12
        let c = try TrainingDataset(documents: documents, tokenizer: TestData.tokenizer, configuration: other)
        #expect(a.trainingSequences != c.trainingSequences)
    }

    @Test func packingKeepsExamplesWholeAndWithinTheLength() throws {
        let dataset = try TrainingDataset(documents: TestData.patternDocuments(50), tokenizer: TestData.tokenizer,
                                          configuration: Self.configuration(0, length: 48))
        var seen: [Int] = []
        for packed in dataset.trainingSequences {
            #expect(packed.sequence.tokens.count <= 48)
            let expected = packed.exampleIndices.flatMap { dataset.trainingExamples[$0].sequence.tokens }
            #expect(packed.sequence.tokens == expected)
            seen += packed.exampleIndices
        }
        #expect(seen.sorted() == Array(dataset.trainingExamples.indices))
        #expect(dataset.trainingSequences.count < dataset.trainingExamples.count)
    }

    @Test func duplicatesAndUnusableDocumentsAreCounted() throws {
        let unusable = DatanetDocument(contentHash: [UInt8](repeating: 9, count: 32), payload: [0xFF])
        let documents = TestData.patternDocuments(5) + TestData.patternDocuments(2) + [unusable]
        let dataset = try TrainingDataset(documents: documents, tokenizer: TestData.tokenizer, configuration: Self.configuration(0))
        #expect(dataset.statistics.duplicateDocumentCount == 2)
        #expect(dataset.statistics.unusableDocumentCount == 1)
        #expect(dataset.statistics.trainingDocumentCount == 5)
    }

    @Test func emptyAndUnusableDatanetsAreClearErrors() throws {
        let empty = try #require(throws: ModelFactoryError.self) {
            try TrainingDataset(documents: [], tokenizer: TestData.tokenizer, configuration: Self.configuration())
        }
        #expect(empty.kind == .invalidData && empty.message.contains("no documents"))
        let blank = [DatanetDocument(contentHash: [UInt8](repeating: 3, count: 32), payload: Array(" ".utf8))]
        let unusable = try #require(throws: ModelFactoryError.self) {
            try TrainingDataset(documents: blank, tokenizer: TestData.tokenizer, configuration: Self.configuration())
        }
        #expect(unusable.kind == .invalidData && unusable.message.contains("usable text"))
    }

    @Test func aLongRowFailsTheWholeDataset() throws {
        let documents = TestData.patternDocuments(3) + [TestData.row("q", String(repeating: "r", count: 100))]
        let error = try #require(throws: ModelFactoryError.self) {
            try TrainingDataset(documents: documents, tokenizer: TestData.tokenizer, configuration: Self.configuration())
        }
        #expect(error.kind == .sequenceTooLong)
    }
}
