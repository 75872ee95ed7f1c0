extension StateStore: TransactionObserver {
    /// Refuses to commit a transaction in which an `apply` failed half-way.
    public func databaseWillCommit() throws {
        if applyFailed {
            throw StoreError.transactionAborted(reason: "a StateStore.apply in it failed, or a root was only computed (StateStore.root(after:)), so its state changes were incomplete.")
        }
    }

    /// Keeps the tree and the caches as the transaction left them.
    public func databaseDidCommit() {
        tree.discardUndo()
        bucketCache.commit()
        valueCache.commit()
        applyFailed = false
    }

    /// Puts the tree back as it was before the transaction, and forgets what it cached.
    public func databaseDidRollBack() {
        tree.undo()
        bucketCache.rollBack()
        valueCache.rollBack()
        applyFailed = false
    }
}
