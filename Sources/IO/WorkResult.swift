/// The result of a worker job, written on the pool thread and read on the loop thread
/// after libuv's hand-over (see `WorkItem`).
final class WorkResult<Value: Sendable>: @unchecked Sendable {
    var value: Value?
}
