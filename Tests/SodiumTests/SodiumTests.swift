import Testing
import TestSupport
@testable import Sodium

@Suite struct SodiumTests {
    @Test func initializeCanBeCalledRepeatedly() {
        Sodium.initialize()
        Sodium.initialize()
    }

    @Test func initializeIsSafeFromManyTasksAtOnce() async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask { Sodium.initialize() }
            }
        }
    }
}
