extension StateStore: TransactionObserver {
    /// Refuses to commit a transaction in which an `apply` failed half-way.
    public func databaseWillCommit() throws {
        if applyFailed {
            throw StoreError.transactionAborted(reason: "a StateStore.apply in it failed, so its state changes were incomplete.")
        }
    }

    /// Keeps the tree as the transaction left it.
    public func databaseDidCommit() {
        tree.discardUndo()
        applyFailed = false
    }

    /// Puts the tree back as it was before the transaction.
    public func databaseDidRollBack() {
        tree.undo()
        applyFailed = false
    }
}
