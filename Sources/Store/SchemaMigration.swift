/// One step of a database schema's history: SQL to run, or a closure for what SQL alone cannot do.
public struct SchemaMigration: Sendable {
    /// A short name, for logs and error messages.
    public let name: String
    /// Performs the step on the database, inside the migrations' transaction.
    private let body: @Sendable (Database) throws -> Void

    /// A step that runs `sql` (one or more statements).
    public init(name: String, sql: String) {
        self.name = name
        body = { database in try database.execute(sql) }
    }

    /// A step that runs `body`, which must only use the database it is given.
    public init(name: String, body: @escaping @Sendable (Database) throws -> Void) {
        self.name = name
        self.body = body
    }

    /// Performs the step.
    func apply(to database: Database) throws {
        try body(database)
    }
}
