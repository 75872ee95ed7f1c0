import CLibUV

extension EventLoop {
    /// Closes every handle (loop thread, once `stop()` was called). `uv_run` then returns
    /// when the last close callback has run and the last worker job has completed.
    func beginShutdown() {
        isShuttingDown = true
        closeAllHandles()
    }

    /// Closes every handle that is not closing yet: owned handles through their owner
    /// (so that owners learn of it and release themselves), others directly.
    func closeAllHandles() {
        uv_walk(loop, { handle, argument in
            guard let handle, let argument, uv_is_closing(handle) == 0 else { return }
            let eventLoop = Unmanaged<EventLoop>.fromOpaque(argument).takeUnretainedValue()
            if eventLoop.isWakeup(handle) {
                uv_close(handle, nil)
            } else if let data = uv_handle_get_data(handle),
                      let owner = Unmanaged<AnyObject>.fromOpaque(data).takeUnretainedValue() as? LoopHandleOwner {
                owner.closeForShutdown()
            } else {
                uv_close(handle, nil)
            }
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Runs the loop until its close callbacks are done and closes it; repeats the close
    /// of every handle while anything is left (a callback that opened a handle late).
    func closeLoop() {
        isShuttingDown = true
        uv_run(loop, UV_RUN_DEFAULT)
        while uv_loop_close(loop) != 0 {
            closeAllHandles()
            uv_run(loop, UV_RUN_DEFAULT)
        }
    }
}
