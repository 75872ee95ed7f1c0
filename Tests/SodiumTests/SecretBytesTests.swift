import Testing
import TestSupport
import Sodium

@Suite struct SecretBytesTests {
    @Test func copyingKeepsTheBytes() {
        let secret = SecretBytes(copying: [1, 2, 3, 4])
        #expect(secret.count == 4)
        #expect(secret.withUnsafeBytes { Array($0) } == [1, 2, 3, 4])
    }

    @Test func copyingANonContiguousCollection() {
        let secret = SecretBytes(copying: (1...5).lazy.map { UInt8($0) })
        #expect(secret.withUnsafeBytes { Array($0) } == [1, 2, 3, 4, 5])
    }

    @Test func copyingAnArraySlice() {
        let bytes: [UInt8] = [9, 8, 7, 6, 5]
        let secret = SecretBytes(copying: bytes[1..<4])
        #expect(secret.withUnsafeBytes { Array($0) } == [8, 7, 6])
    }

    @Test func emptySecretIsAllowed() {
        let secret = SecretBytes(copying: [UInt8]())
        #expect(secret.count == 0)
        #expect(secret.withUnsafeBytes { $0.count } == 0)
        #expect(secret.isEqual(to: SecretBytes(copying: [UInt8]())))
    }

    @Test func randomSecretsHaveTheCountAndDiffer() {
        let first = SecretBytes(randomCount: 32)
        let second = SecretBytes(randomCount: 32)
        #expect(first.count == 32)
        #expect(!first.isEqual(to: second))
    }

    @Test func initializerWritesTheBytes() {
        let secret = SecretBytes(count: 3) { buffer in
            #expect(Array(buffer) == [0, 0, 0])
            buffer.copyBytes(from: [7, 8, 9])
        }
        #expect(secret.withUnsafeBytes { Array($0) } == [7, 8, 9])
    }

    @Test func initializerErrorIsRethrown() {
        #expect(throws: CryptoError.weakPublicKey) {
            _ = try SecretBytes(count: 8) { (_) throws(CryptoError) in throw .weakPublicKey }
        }
    }

    @Test func equalityComparesContentAndLength() {
        let secret = SecretBytes(copying: [1, 2, 3])
        #expect(secret.isEqual(to: SecretBytes(copying: [1, 2, 3])))
        #expect(!secret.isEqual(to: SecretBytes(copying: [1, 2, 4])))
        #expect(!secret.isEqual(to: SecretBytes(copying: [1, 2])))
    }

    @Test func descriptionHidesTheContent() {
        let secret = SecretBytes(copying: [UInt8](repeating: 0xab, count: 32))
        #expect(secret.description == "SecretBytes(32 bytes)")
        #expect(String(describing: secret) == "SecretBytes(32 bytes)")
        #expect(String(reflecting: secret) == "SecretBytes(32 bytes)")
        #expect(!"\(secret)".contains("171"))
        #expect(Mirror(reflecting: secret).children.isEmpty)
    }

    @Test func secretCanBeSharedAcrossTasks() async {
        let secret = SecretBytes(copying: [5, 6, 7])
        let sums = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask { secret.withUnsafeBytes { $0.reduce(0) { $0 + Int($1) } } }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(sums == [18, 18, 18, 18])
    }
}
