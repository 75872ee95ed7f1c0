import Testing
import Store

@Suite struct StoreErrorTests {
    @Test func eachCaseTellsTheOperatorWhatToDo() {
        let advice: [(StoreError, String)] = [
            (.busy(code: 5, message: "database is locked"), "stop it, or retry"),
            (.corrupt(code: 11, message: "malformed"), "Restore it from a backup"),
            (.full(code: 13, message: "disk full"), "Free disk space"),
            (.readOnly(code: 8, message: "readonly"), "Check the permissions"),
            (.cannotOpen(code: 14, message: "cannot open"), "Check that its directory exists"),
            (.inputOutput(code: 10, message: "disk I/O error"), "Check the disk"),
            (.stateMismatch(bucket: 3), "restore it or resynchronize"),
        ]
        for (error, text) in advice {
            #expect(error.description.contains(text), "\(error)")
        }
    }

    @Test func sqliteCasesCarryTheirCodeAndMessage() {
        let error = StoreError.full(code: 13, message: "database or disk is full")
        #expect(error.resultCode == 13)
        #expect(error.description.contains("database or disk is full"))
        #expect(StoreError.schemaTooNew(found: 2, known: 1).resultCode == nil)
    }

    @Test func limitsAreNamedInTheMessages() {
        #expect(StoreError.invalidKeyByteCount(0).description.contains("1 to 256 bytes"))
        #expect(StoreError.valueTooLong(2_000_000).description.contains("1048576"))
    }
}
