import CLibUV

extension EventLoop {
    /// Runs `work` on libuv's worker pool (off the loop thread), then `completion` with
    /// its result on the loop thread. Loop thread only. The pool has `UV_THREADPOOL_SIZE`
    /// threads (4 by default) shared by every loop of the process; jobs wait their turn.
    public func submit<Value: Sendable>(
        _ work: @escaping @Sendable () -> Value,
        completion: @escaping (Value) -> Void
    ) {
        precondition(isOnLoopThread, "EventLoop.submit called off the loop thread")
        let result = WorkResult<Value>()
        let item = WorkItem(work: { result.value = work() }, complete: {
            guard let value = result.value else { preconditionFailure("worker job completed without running") }
            completion(value)
        })
        let request = UnsafeMutablePointer<uv_work_t>.allocate(capacity: 1)
        uv_req_set_data(castPointer(request, to: uv_req_t.self), Unmanaged.passRetained(item).toOpaque())
        let status = uv_queue_work(loop, request, { request in
            guard let request, let data = uv_req_get_data(castPointer(request, to: uv_req_t.self)) else { return }
            Unmanaged<WorkItem>.fromOpaque(data).takeUnretainedValue().work()
        }, { request, _ in
            guard let request, let data = uv_req_get_data(castPointer(request, to: uv_req_t.self)) else { return }
            let item = Unmanaged<WorkItem>.fromOpaque(data).takeRetainedValue()
            request.deallocate()
            item.complete()
        })
        precondition(status == 0, "uv_queue_work failed: \(status)")
    }
}
