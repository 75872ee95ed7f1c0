// IO: the only user of libuv in the oln node. It gives the sans-IO protocol machines
// (multistream, Noise, yamux, gossipsub, …) sockets, timers, a worker pool and a clock.
//
// What it owns
//   EventLoop          one libuv loop, run on one dedicated thread; `execute` and `stop`
//                      reach it from any thread through a uv_async_t and a locked queue
//   TimerHandle        one-shot and repeating timers (loop thread only)
//   IdleHandle         long work run in slices, one per loop iteration (loop thread only)
//   TCPListener        a bound, listening TCP socket on an IPv4 or IPv6 literal address
//   TCPConnection      an open TCP stream: reads, a bounded write queue with a
//                      low-water wake-up, read back-pressure, graceful close and abort
//   SocketAddress      host text, port and family of a socket's end
//   IOError            libuv error codes with their names and texts, plus timeouts,
//                      invalid addresses, closed loops and the connection limit
//   IOStatistics       bytes and connection counters, readable from any thread
//
// It imports CLibUV (the module map of Debian's libuv) and Foundation (Thread, NSCondition,
// NSLock). Nothing else in the project imports libuv.
//
// Threading
//   Every libuv handle is created, used and closed on the loop thread; the public
//   loop-thread-only classes check this with a precondition. Other threads only call
//   `execute`, `stop`, `now`, `statistics` and `isOnLoopThread`.
//
//        any thread                          loop thread (EventLoop.run)
//   execute { … } ──► pending closures ──► uv_async_t wake-up ──► closures run in order
//   stop()        ──► phase = stopping ──►  uv_walk + uv_close every handle ──►
//                                            close callbacks ──► uv_loop_close
//
// Memory
//   libuv keeps raw pointers to handles and requests, so each lives in memory from
//   `UnsafeMutablePointer.allocate` that Swift never moves. A handle's `data` holds a
//   retained reference to the Swift object that owns it (`Unmanaged.passRetained`); the
//   close callback releases that reference and frees the handle. A write request is one
//   allocation that also holds a copy of the bytes it writes:
//
//     write request      uv_write_t ‖ byte count (Int) ‖ payload[byte count]
//
// Limits (named, enforced)
//   EventLoop.pendingClosureCountMax          closures waiting in `execute`'s queue
//   EventLoop.connectionCountMax              open and connecting TCP connections
//   TCPConnection.writeQueueByteCountMax      bytes queued for writing before `write`
//                                             refuses (default 4 MiB)
//   TCPConnection.closeTimeout                how long a graceful close may wait for
//                                             queued bytes to drain
//   EventLoop.readBufferByteCount             bytes read from a socket at once
