/// Something that keeps in-memory state in step with a database's transactions.
///
/// A `Database` tells its observers about every transaction run through
/// `Database.transaction(_:)`, so that memory derived from the transaction's writes can be
/// kept on commit and undone on rollback. The database holds its observers weakly.
public protocol TransactionObserver: AnyObject {
    /// Called inside the transaction just before it commits; throwing rolls it back instead.
    func databaseWillCommit() throws
    /// Called after the transaction committed.
    func databaseDidCommit()
    /// Called after the transaction was rolled back, whatever the reason.
    func databaseDidRollBack()
}
