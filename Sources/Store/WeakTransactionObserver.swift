/// A weak reference to a transaction observer, so that observing keeps nothing alive.
struct WeakTransactionObserver {
    /// The observer, nil once it was released.
    weak var observer: (any TransactionObserver)?
}
