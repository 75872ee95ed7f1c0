// Checks that the libuv found through pkg-config links and runs: a loop runs a timer.
import CLibUV
import Testing

@Suite("libuv system library")
struct LibUVTests {
    @Test("the linked libuv is 1.44 or newer")
    func versionIsRecentEnough() {
        let version = uv_version()
        #expect(version >= (1 << 16 | 44 << 8), "libuv \(String(cString: uv_version_string())) is too old")
    }

    @Test("a loop runs a zero-delay timer once and closes cleanly")
    func loopRunsTimer() {
        // libuv keeps pointers to the loop and the handle, so both live at fixed heap addresses.
        let loop = UnsafeMutablePointer<uv_loop_t>.allocate(capacity: 1)
        let timer = UnsafeMutablePointer<uv_timer_t>.allocate(capacity: 1)
        let fired = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        defer {
            loop.deallocate()
            timer.deallocate()
            fired.deallocate()
        }
        fired.initialize(to: 0)
        #expect(uv_loop_init(loop) == 0)
        #expect(uv_timer_init(loop, timer) == 0)
        timer.pointee.data = UnsafeMutableRawPointer(fired)
        uv_timer_start(timer, { handle in
            handle?.pointee.data.assumingMemoryBound(to: Int.self).pointee += 1
        }, 0, 0)
        uv_run(loop, UV_RUN_DEFAULT)
        #expect(fired.pointee == 1)
        timer.withMemoryRebound(to: uv_handle_t.self, capacity: 1) { uv_close($0, nil) }
        uv_run(loop, UV_RUN_DEFAULT)
        #expect(uv_loop_close(loop) == 0)
    }
}
