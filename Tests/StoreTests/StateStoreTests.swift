import Sodium
import Testing
import TestSupport
import Store

@Suite struct StateStoreTests {
    struct Failure: Error {}

    static func open(_ path: String = ":memory:", verifying: Bool = false) throws -> StateStore {
        let database = try Database(path: path)
        try SchemaMigrations([StateStore.schemaMigration]).apply(to: database)
        return try StateStore(database: database, verifyingIntegrity: verifying)
    }

    static func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    // Keys found, and roots computed, by an independent Python script (hashlib.blake2b):
    // key-27292 lies in bucket 0, key-1799 in bucket 65,535, pair-165 and pair-301 share bucket 33,214.
    static let sevenKeys: [StateChange] = [
        .set(bytes("key-27292"), to: []),
        .set(bytes("key-1799"), to: [UInt8](repeating: 0x78, count: 300)),
        .set(bytes("abc"), to: bytes("value")),
        .set(Array(0..<200), to: bytes("long")),
        .set([0], to: [0xff]),
        .set(bytes("pair-165"), to: bytes("first of pair")),
        .set(bytes("pair-301"), to: bytes("second of pair")),
    ]
    static let sevenKeyRoot = "a45104d90d49d48471c44224c1681ca05078da61a2e55727126b8904ff846fc8"

    @Test func theEmptyStateHasAnAllZeroRoot() throws {
        let store = try Self.open()
        #expect(store.root == [UInt8](repeating: 0, count: 32))
        #expect(try store.recomputeRoot() == store.root)
        #expect(store.bucketHash(0) == [UInt8](repeating: 0, count: 32))
    }

    @Test func bucketsAreTheFirstTwoDigestBytes() {
        #expect(StateStore.bucket(for: Self.bytes("abc")) == 0xbddd)
        #expect(StateStore.bucket(for: Self.bytes("key-27292")) == 0)
        #expect(StateStore.bucket(for: Self.bytes("key-1799")) == 65_535)
    }

    @Test func oneKeyGivesTheRootOfTheDefinition() throws {
        let store = try Self.open()
        let key = Self.bytes("abc")
        let value = Self.bytes("value")
        let root = try store.database.transaction { try store.apply([.set(key, to: value)]) }
        // Built here from the definition: one bucket hash, then 16 levels up with zero siblings.
        let leaf = BLAKE2b256.hash([3] + key + BLAKE2b256.hash(value))
        #expect(leaf.hex == "98f1786c6b7900f2f7661b63000eed20d8e99082c24bb5a55d17afdaf7707e61")
        var node = leaf
        var index = 0xbddd
        for _ in 0..<16 {
            let zero = [UInt8](repeating: 0, count: 32)
            node = BLAKE2b256.hash([1] + (index.isMultiple(of: 2) ? node + zero : zero + node))
            index /= 2
        }
        #expect(root == node)
        #expect(root.hex == "1bba18b4b01d28c94467ea426f5db4c59ea29db5b1d523e3cb8990cbd31c704e")
        #expect(store.bucketHash(0xbddd) == leaf)
        #expect(try store.value(for: key) == value)
    }

    @Test func sevenKeysGiveTheIndependentlyComputedRoot() throws {
        let store = try Self.open()
        let root = try store.database.transaction { try store.apply(Self.sevenKeys) }
        #expect(root.hex == Self.sevenKeyRoot)
        #expect(store.bucketHash(33_214).hex == "1c79c73bb6684731de3d6e4e88d4b2fa553113469fe6505ef28b7c417258ed58")
        #expect(store.bucketHash(0).hex == "9adb86ed096dc89b2224f6dc82f88c80edc8359dc845aaf95aea705d6820402c")
        #expect(store.bucketHash(65_535).hex == "76dbf9ea1758dae91aac99c63474d7ec778af830642d50c3894fc3b9f214da6a")
        #expect(try store.recomputeRoot() == root)
        #expect(try store.value(for: Self.bytes("key-27292")) == [])
        #expect(try store.value(for: Self.bytes("key-1799"))?.count == 300)
    }

    @Test func theOrderOfChangesDoesNotMatter() throws {
        let forward = try Self.open()
        let backward = try Self.open()
        let rootForward = try forward.database.transaction { try forward.apply(Self.sevenKeys) }
        let rootBackward = try backward.database.transaction { try backward.apply(Self.sevenKeys.reversed()) }
        #expect(rootForward == rootBackward)
        let oneByOne = try Self.open()
        for change in Self.sevenKeys.shuffled() {
            try oneByOne.database.transaction { try oneByOne.apply([change]) }
        }
        #expect(oneByOne.root == rootForward)
    }

    @Test func deletingRestoresThePriorRoot() throws {
        let store = try Self.open()
        let before = try store.database.transaction { try store.apply(Array(Self.sevenKeys.prefix(4))) }
        try store.database.transaction { try store.apply(Array(Self.sevenKeys.dropFirst(4))) }
        #expect(store.root != before)
        let after = try store.database.transaction { try store.apply(Self.sevenKeys.dropFirst(4).map { .delete($0.key) }) }
        #expect(after == before)
        #expect(try store.value(for: Self.bytes("pair-165")) == nil)
        try store.database.transaction { try store.apply(Self.sevenKeys.prefix(4).map { .delete($0.key) }) }
        #expect(store.root == [UInt8](repeating: 0, count: 32))
        #expect(try store.recomputeRoot() == store.root)
    }

    @Test func deletingAMissingKeyChangesNothing() throws {
        let store = try Self.open()
        let root = try store.database.transaction { try store.apply(Self.sevenKeys) }
        #expect(try store.database.transaction { try store.apply([.delete(Self.bytes("never set"))]) } == root)
    }

    @Test func reopeningGivesTheSameRoot() throws {
        let directory = try TemporaryDirectory()
        let root = try {
            let store = try Self.open(directory.file("state.sqlite"))
            return try store.database.transaction { try store.apply(Self.sevenKeys) }
        }()
        let reopened = try Self.open(directory.file("state.sqlite"), verifying: true)
        #expect(reopened.root == root)
        #expect(reopened.root.hex == Self.sevenKeyRoot)
    }

    @Test func aRolledBackTransactionRestoresTheTree() throws {
        let store = try Self.open()
        let root = try store.database.transaction { try store.apply(Array(Self.sevenKeys.prefix(3))) }
        #expect(throws: Failure.self) {
            try store.database.transaction {
                try store.apply(Array(Self.sevenKeys.dropFirst(3)))
                try store.apply([.delete(Self.bytes("abc"))])
                throw Failure()
            }
        }
        #expect(store.root == root)
        #expect(store.bucketHash(33_214) == [UInt8](repeating: 0, count: 32))
        #expect(try store.value(for: Self.bytes("abc")) == Self.bytes("value"))
        #expect(try store.recomputeRoot() == root)
        let all = try store.database.transaction { try store.apply(Array(Self.sevenKeys.dropFirst(3))) }
        #expect(all.hex == Self.sevenKeyRoot)
    }

    @Test func aRootComputedWithoutWritingIsTheRootApplyingGivesAndCannotCommit() throws {
        let store = try Self.open()
        let root = try store.database.transaction { try store.apply(Array(Self.sevenKeys.prefix(3))) }
        let rest = try PreparedStateChanges(Array(Self.sevenKeys.dropFirst(3)))
        var computed: [UInt8] = []
        #expect(throws: StoreError.self) {
            try store.database.transaction { computed = try store.root(after: rest) }
        }
        #expect(computed.hex == Self.sevenKeyRoot)
        #expect(store.root == root)
        #expect(try store.value(for: Self.bytes("pair-165")) == nil)
        #expect(try store.recomputeRoot() == root)
        let applied = try store.database.transaction { try store.apply(rest) }
        #expect(applied.hex == Self.sevenKeyRoot)
        #expect(try store.recomputeRoot() == applied)
    }

    @Test func aFailedApplyKeepsTheTransactionFromCommitting() throws {
        let store = try Self.open()
        let root = try store.database.transaction { try store.apply(Array(Self.sevenKeys.prefix(3))) }
        #expect(throws: StoreError.self) {
            try store.database.transaction {
                try store.database.execute("DROP TABLE state_buckets")
                _ = try? store.apply([.set(Self.bytes("new"), to: [1])])
            }
        }
        #expect(store.root == root)
        #expect(try store.value(for: Self.bytes("new")) == nil)
        let next = try store.database.transaction { try store.apply([.set(Self.bytes("new"), to: [1])]) }
        #expect(try store.recomputeRoot() == next)
    }

    @Test func keyAndValueLimitsAreEnforcedBeforeAnyWrite() throws {
        let store = try Self.open()
        let longest = [UInt8](repeating: 1, count: StateStore.keyByteCountRange.upperBound)
        let largest = [UInt8](repeating: 2, count: StateStore.valueByteCountMax)
        try store.database.transaction { try store.apply([.set(longest, to: largest)]) }
        #expect(try store.value(for: longest) == largest)
        let cases: [([StateChange], StoreError)] = [
            ([.set([], to: [1])], .invalidKeyByteCount(0)),
            ([.set([9], to: [1]), .delete(longest + [1])], .invalidKeyByteCount(257)),
            ([.set([9], to: largest + [0])], .valueTooLong(StateStore.valueByteCountMax + 1)),
        ]
        for (changes, expected) in cases {
            #expect(throws: expected) { try store.database.transaction { try store.apply(changes) } }
        }
        #expect(try store.value(for: [9]) == nil)
        #expect(throws: StoreError.invalidKeyByteCount(0)) { try store.value(for: []) }
    }

    @Test func tamperedRowsFailTheIntegrityCheck() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.sqlite")
        do {
            let store = try Self.open(path)
            try store.database.transaction { try store.apply(Self.sevenKeys) }
            try store.verifyIntegrity()
            let tamper = try store.database.prepare("UPDATE state SET value = x'00' WHERE key = ?1")
            try tamper.bind([0, 0] + Self.bytes("key-27292"), at: 1)
            try tamper.run()
            #expect(store.database.changes == 1)
            #expect(throws: StoreError.stateMismatch(bucket: 0)) { try store.verifyIntegrity() }
        }
        #expect(throws: StoreError.stateMismatch(bucket: 0)) { try Self.open(path, verifying: true) }
        let unverified = try Self.open(path)
        #expect(unverified.root.hex == Self.sevenKeyRoot)
        #expect(try unverified.recomputeRoot() != unverified.root)
    }

    @Test func aDatabaseWithoutTheTablesIsRefused() throws {
        let database = try Database(path: ":memory:")
        #expect(throws: StoreError.missingTable(name: "state")) { try StateStore(database: database) }
    }

    /// Random batches of sets and deletes over a small key pool, some rolled back; after each,
    /// the root must equal both `recomputeRoot()` and the root of an independent model.
    @Test func randomBatchesMatchTheModel() throws {
        var random = SeededGenerator.make(for: "StateStoreTests.randomBatchesMatchTheModel")
        let directory = try TemporaryDirectory()
        let store = try Self.open(directory.file("state.sqlite"))
        // 400 distinct keys: short ones repeat by chance, and a key may change once per apply.
        var pool: [[UInt8]] = []
        var drawn = Set<[UInt8]>()
        while pool.count < 400 {
            let length = pool.count.isMultiple(of: 50) ? Int.random(in: 128...256, using: &random) : Int.random(in: 1...40, using: &random)
            let key = random.bytes(count: length)
            if drawn.insert(key).inserted { pool.append(key) }
        }
        var model: [[UInt8]: [UInt8]] = [:]
        for batch in 0..<8 {
            var pending = model
            var changes: [StateChange] = []
            for key in Set(pool.indices.shuffled(using: &random).prefix(Int.random(in: 1...150, using: &random))).map({ pool[$0] }) {
                if Bool.random(using: &random) && pending[key] != nil {
                    changes.append(.delete(key))
                    pending[key] = nil
                } else {
                    let value = random.bytes(count: Int.random(in: 0...120, using: &random))
                    changes.append(.set(key, to: value))
                    pending[key] = value
                }
            }
            let rollBack = batch % 3 == 2
            let root = try? store.database.transaction {
                let root = try store.apply(changes)
                if rollBack { throw Failure() }
                return root
            }
            if !rollBack {
                model = pending
                #expect(root == store.root)
            }
            #expect(store.root == StateModel.root(model), "batch \(batch)")
            #expect(try store.recomputeRoot() == store.root, "batch \(batch)")
            for key in pool.prefix(40) {
                #expect(try store.value(for: key) == model[key])
            }
        }
        let reopened = try Self.open(directory.file("state.sqlite"), verifying: true)
        #expect(reopened.root == StateModel.root(model))
    }

    @Test func aSecondConnectionReadsCommittedValuesWhileACommitRuns() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.sqlite")
        let store = try Self.open(path)
        let reader = try Database(path: path)
        try store.database.transaction { try store.apply(Self.sevenKeys) }
        try store.database.transaction(committingInBackground: true) {
            try store.apply([.set(Self.bytes("abc"), to: Self.bytes("changed")), .set(Self.bytes("new"), to: [1])])
        }
        #expect(store.database.isCommitPending)
        // Keys the committing transaction did not write read the same on either connection.
        #expect(try store.value(for: Self.bytes("pair-165"), readingFrom: reader) == Self.bytes("first of pair"))
        #expect(try store.value(for: Self.bytes("absent"), readingFrom: reader) == nil)
        #expect(store.database.isCommitPending)
        try store.database.finishPendingCommit()
        #expect(try store.value(for: Self.bytes("abc"), readingFrom: reader) == Self.bytes("changed"))
        #expect(try store.value(for: Self.bytes("new"), readingFrom: reader) == [1])
        #expect(try store.value(for: Self.bytes("abc")) == Self.bytes("changed"))
    }

    @Test func aReadOnTheWritingConnectionWaitsForItsCommit() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.open(directory.file("state.sqlite"))
        try store.database.transaction(committingInBackground: true) { try store.apply(Self.sevenKeys) }
        #expect(try store.value(for: Self.bytes("abc")) == Self.bytes("value"))
        #expect(!store.database.isCommitPending)
        #expect(store.root.hex == Self.sevenKeyRoot)
    }

    /// Applies `changes` through `applyDeferringRows` with `ahead`, writing the rows before commit.
    static func applyDeferring(_ changes: [StateChange], ahead: StateAheadUpdate?, to store: StateStore,
                               inBackground: Bool = false) throws {
        let prepared = try PreparedStateChanges(changes)
        try store.database.transaction(committingInBackground: inBackground) {
            let rows = try store.applyDeferringRows(prepared, ahead: ahead)
            store.database.writeBeforeCommit { try store.writeRows(rows) }
        }
    }

    static let laterChanges: [StateChange] = [
        .set(bytes("abc"), to: bytes("changed")), .set(bytes("fresh-1"), to: [1]), .set(bytes("fresh-2"), to: [2, 2]),
        .delete(bytes("pair-301")),
    ]

    @Test func bucketWorkDoneAheadGivesTheRootAndRowsOfAnApply() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.sqlite")
        let store = try Self.open(path)
        let reference = try Self.open()
        try store.database.transaction { try store.apply(Self.sevenKeys) }
        try reference.database.transaction { try reference.apply(Self.sevenKeys) }
        let reader = try Database(path: path)
        let ahead = try store.prepareAhead(try PreparedStateChanges(Self.laterChanges), reader: reader)
        #expect(ahead != nil)
        #expect(store.root == reference.root, "working ahead leaves the tree as it was")
        try Self.applyDeferring(Self.laterChanges, ahead: ahead, to: store)
        try reference.database.transaction { try reference.apply(Self.laterChanges) }
        #expect(store.root == reference.root)
        #expect(try store.value(for: Self.bytes("fresh-2")) == [2, 2])
        #expect(try Self.open(path, verifying: true).root == reference.root)
    }

    @Test func bucketWorkDoneAheadOfAnotherStateIsDoneAgain() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.sqlite")
        let store = try Self.open(path)
        let reference = try Self.open()
        let reader = try Database(path: path)
        let stale = try store.prepareAhead(try PreparedStateChanges(Self.laterChanges), reader: reader)
        for target in [store, reference] {
            try target.database.transaction { try target.apply(Self.sevenKeys) }
        }
        try Self.applyDeferring(Self.laterChanges, ahead: stale, to: store)
        try reference.database.transaction { try reference.apply(Self.laterChanges) }
        #expect(store.root == reference.root)
        #expect(try Self.open(path, verifying: true).root == reference.root)
    }

    @Test func bucketWorkAheadOfACommitInTheBackgroundReadsUncachedBucketsThroughTheReader() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.sqlite")
        let writer = try Self.open(path)
        try writer.database.transaction { try writer.apply(Self.sevenKeys) }
        let reference = try Self.open()
        try reference.database.transaction { try reference.apply(Self.sevenKeys) }
        // A fresh store has no preimage cached: the ahead work reads every bucket it touches.
        let store = try Self.open(path)
        let reader = try Database(path: path)
        let first: [StateChange] = [.set(Self.bytes("key-27292"), to: [9]), .set(Self.bytes("first-new"), to: [1])]
        try Self.applyDeferring(first, ahead: nil, to: store, inBackground: true)
        try reference.database.transaction { try reference.apply(first) }
        #expect(store.database.isCommitPending)
        let ahead = try store.prepareAhead(try PreparedStateChanges(Self.laterChanges), reader: reader)
        #expect(ahead != nil && store.database.isCommitPending)
        try Self.applyDeferring(Self.laterChanges, ahead: ahead, to: store, inBackground: true)
        try reference.database.transaction { try reference.apply(Self.laterChanges) }
        try store.database.finishPendingCommit()
        #expect(store.root == reference.root)
        #expect(try Self.open(path, verifying: true).root == reference.root)
    }

    @Test func aKeyInAnEmptyBucketIsAbsentWithoutALookup() throws {
        let directory = try TemporaryDirectory()
        let store = try Self.open(directory.file("state.sqlite"))
        try store.database.transaction { try store.apply(Self.sevenKeys) }
        // A connection to a file without tables fails any lookup it is asked for.
        let noTables = try Database(path: directory.file("empty.sqlite"))
        let emptyBucketKey = (0..<1_000).map { Self.bytes("probe-\($0)") }
            .first { store.bucketHash(StateStore.bucket(for: $0)) == [UInt8](repeating: 0, count: 32) }!
        #expect(try store.value(for: emptyBucketKey, readingFrom: noTables) == nil)
        // pair-165 and pair-301 share a bucket whose preimage is not cached in a fresh store.
        let fresh = try Self.open(directory.file("state.sqlite"))
        #expect(throws: StoreError.self) { _ = try fresh.value(for: Self.bytes("pair-165"), readingFrom: noTables) }
    }
}
