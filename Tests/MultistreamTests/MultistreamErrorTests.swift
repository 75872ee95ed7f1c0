import Testing
import Multistream

@Suite struct MultistreamErrorTests {
    @Test func describesEveryError() {
        let errors: [MultistreamError] = [
            .messageTooLong(limit: 1024), .malformedLength(.overlongVarint), .missingNewline, .invalidUTF8,
            .wrongHeader("/multistream-select/0.3.0"), .tooManyProposals(limit: 32), .unexpectedMessage("/x"),
        ]
        #expect(Set(errors.map(\.description)).count == errors.count)
        #expect(MultistreamError.wrongHeader("/x").description.contains("\"/x\""))
    }
}
