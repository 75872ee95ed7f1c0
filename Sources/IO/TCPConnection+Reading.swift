import CLibUV

extension TCPConnection {
    /// Stops reading from the socket until `resumeReading()`; the kernel's buffer then
    /// fills and the peer's sends slow down. Idempotent.
    public func pauseReading() {
        precondition(eventLoop.isOnLoopThread, "TCPConnection.pauseReading() called off the loop thread")
        guard !isReadingPaused else { return }
        isReadingPaused = true
        if state != .closed {
            uv_read_stop(stream)
        }
    }

    /// Starts reading again after `pauseReading()`. Idempotent.
    public func resumeReading() {
        precondition(eventLoop.isOnLoopThread, "TCPConnection.resumeReading() called off the loop thread")
        guard isReadingPaused else { return }
        isReadingPaused = false
        if state != .closed {
            startReading()
        }
    }

    /// Starts libuv reading into the loop's shared read buffer.
    func startReading() {
        let status = uv_read_start(stream, { handle, _, buffer in
            guard let handle, let buffer else { return }
            let readBuffer = owner(of: handle, as: TCPConnection.self).eventLoop.readBuffer
            buffer.pointee = uv_buf_t(base: readBuffer.baseAddress?.assumingMemoryBound(to: CChar.self), len: readBuffer.count)
        }, { stream, count, _ in
            guard let stream else { return }
            owner(of: castPointer(stream, to: uv_handle_t.self), as: TCPConnection.self).didRead(count: count)
        })
        if status != 0 {
            closeHandle(error: IOError(status: status))
        }
    }

    /// Handles one read callback: bytes, end of stream (a graceful close) or an error.
    private func didRead(count: Int) {
        if count > 0 {
            eventLoop.counters.update { $0.bytesRead &+= UInt64(count) }
            guard state == .open else { return }
            onRead([UInt8](UnsafeRawBufferPointer(rebasing: eventLoop.readBuffer[..<count])))
        } else if count == Int(UV_EOF.rawValue) {
            close()
        } else if count < 0 {
            closeHandle(error: IOError(status: count))
        }
    }
}
