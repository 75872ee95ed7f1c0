import CLibUV

extension TCPConnection {
    /// Queues a copy of `bytes` for sending. Returns false, taking nothing, when the queue
    /// cannot take them (the owner then waits for `onWritable`, which also holds back
    /// later writes until it is called) or when the connection is closing or closed.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        precondition(eventLoop.isOnLoopThread, "TCPConnection.write(_:) called off the loop thread")
        guard state == .open else { return false }
        guard !bytes.isEmpty else { return true }
        guard !isWritableNotificationPending, fitsInQueue(bytes.count) else {
            isWritableNotificationPending = true
            eventLoop.counters.update { $0.writesRefused &+= 1 }
            return false
        }
        let request = WriteRequest.make(copying: bytes)
        var buffer = WriteRequest.buffer(of: request)
        let status = uv_write(request, stream, &buffer, 1) { request, status in
            guard let request else { return }
            let byteCount = WriteRequest.byteCount(of: request)
            let stream = request.pointee.handle
            WriteRequest.deallocate(request)
            guard let stream else { return }
            owner(of: castPointer(stream, to: uv_handle_t.self), as: TCPConnection.self)
                .didWrite(byteCount: byteCount, status: status)
        }
        guard status == 0 else {
            WriteRequest.deallocate(request)
            closeHandle(error: IOError(status: status))
            return false
        }
        queuedWriteByteCount += bytes.count
        return true
    }

    /// Whether `byteCount` more bytes stay within `writeQueueByteCountMax` (always true
    /// for an empty queue).
    private func fitsInQueue(_ byteCount: Int) -> Bool {
        guard queuedWriteByteCount > 0 else { return true }
        return byteCount <= writeQueueByteCountMax - queuedWriteByteCount
    }

    /// Handles one write callback: counts the bytes, reports errors and wakes the writer.
    private func didWrite(byteCount: Int, status: Int32) {
        queuedWriteByteCount -= byteCount
        if status == 0 {
            eventLoop.counters.update { $0.bytesWritten &+= UInt64(byteCount) }
        } else if status != UV_ECANCELED.rawValue {
            closeHandle(error: IOError(status: status))
            return
        }
        guard state == .open, isWritableNotificationPending,
              queuedWriteByteCount <= writeQueueLowWaterByteCount else { return }
        isWritableNotificationPending = false
        onWritable()
    }
}
