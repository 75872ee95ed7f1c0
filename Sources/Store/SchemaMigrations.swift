/// A database schema's history: an ordered list of steps, tracked by `PRAGMA user_version`.
///
/// Version n means the first n steps have run. `apply(to:)` runs the steps a database is
/// missing in one transaction, so a crash leaves either the old version or the new one. Steps
/// are only ever appended: a released step is never changed or removed.
public struct SchemaMigrations: Sendable {
    /// The most steps a history may have.
    public static let stepCountMax = 10_000

    /// The steps, oldest first.
    public let steps: [SchemaMigration]

    /// A history of `steps`, oldest first.
    public init(_ steps: [SchemaMigration]) {
        precondition(steps.count <= Self.stepCountMax, "too many migration steps")
        self.steps = steps
    }

    /// The version a database has once every step has run.
    public var latestVersion: Int {
        steps.count
    }

    /// Runs the steps `database` is missing and returns the number run.
    ///
    /// Throws `StoreError.schemaTooNew` for a database written by a newer build, and rethrows
    /// a failing step's error with nothing applied.
    @discardableResult
    public func apply(to database: Database) throws -> Int {
        guard try checkedVersion(of: database) < latestVersion else { return 0 }
        return try database.transaction {
            let version = try checkedVersion(of: database)
            for step in steps[version...] {
                try step.apply(to: database)
            }
            try database.execute("PRAGMA user_version = \(latestVersion)")
            return latestVersion - version
        }
    }

    /// The schema version of `database`; throws `StoreError.schemaTooNew` when it is newer than
    /// `latestVersion`.
    public func checkedVersion(of database: Database) throws(StoreError) -> Int {
        let version = try Self.version(of: database)
        guard version <= latestVersion else {
            throw StoreError.schemaTooNew(found: version, known: latestVersion)
        }
        return version
    }

    /// Reads `PRAGMA user_version`.
    static func version(of database: Database) throws(StoreError) -> Int {
        let statement = try database.cachedStatement("PRAGMA user_version")
        defer { statement.reset() }
        return try statement.step() ? Int(statement.int64(at: 0)) : 0
    }
}
