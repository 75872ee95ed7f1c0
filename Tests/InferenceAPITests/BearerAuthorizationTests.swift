import HTTP
@testable import InferenceAPI
import Testing

@Suite struct BearerAuthorizationTests {
    @Test func onlyTheExactTokenIsAccepted() {
        let check = BearerAuthorization(token: "s3cret")
        #expect(check.isAuthorized(["Authorization": "Bearer s3cret"]))
        #expect(check.isAuthorized(["authorization": "bearer s3cret"]))
        #expect(!check.isAuthorized(["Authorization": "Bearer s3cre"]))
        #expect(!check.isAuthorized(["Authorization": "Bearer s3cret!"]))
        #expect(!check.isAuthorized(["Authorization": "Basic s3cret"]))
        #expect(!check.isAuthorized([:]))
    }

    @Test func constantTimeComparisonAgreesWithEquality() {
        let samples: [[UInt8]] = [[], [1], [1, 2], [1, 3], [2, 2], [1, 2, 0]]
        for left in samples {
            for right in samples { #expect(BearerAuthorization.constantTimeEqual(left, right) == (left == right)) }
        }
    }
}
