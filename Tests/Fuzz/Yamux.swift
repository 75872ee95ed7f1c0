// fuzz-modules: Wire Yamux
// Feeds fuzz bytes to YamuxSession.receive as both client and server, in chunks whose
// sizes come from the input, with local operations (open, accept, write, consume, close,
// reset, ping) chosen by the input between chunks. It must never trap, windows stay within
// 0...UInt32.max, and at most one violation is counted, after which input is ignored.
import Yamux

private let configuration = YamuxConfiguration(
    frameByteCountMax: 4096, streamCountMax: 8, unacknowledgedInboundStreamCountMax: 4,
    bufferedSendByteCountMax: 8192, responseByteCountMax: 256)

private func operate(_ session: inout YamuxSession, selector: UInt8) {
    let streams = session.openStreamIDs
    guard !streams.isEmpty else {
        _ = try? session.openStream()
        return
    }
    let stream = streams[Int(selector >> 3) % streams.count]
    switch selector & 7 {
    case 0: try? session.write([UInt8](repeating: selector, count: Int(selector) * 40), to: stream)
    case 1, 2: session.consume(session.unconsumedByteCount(on: stream), on: stream)
    case 3: session.closeWrite(stream)
    case 4: session.accept(stream)
    case 5: session.reset(stream)
    case 6: session.ping(now: .milliseconds(Int(selector)))
    default: _ = try? session.openStream()
    }
}

private func check(_ session: YamuxSession) {
    for stream in session.openStreamIDs {
        let send = session.sendWindow(of: stream)
        guard send >= 0, send <= Int(UInt32.max), session.receiveWindow(of: stream) >= 0,
              session.unconsumedByteCount(on: stream) >= 0 else {
            fatalError("stream \(stream) has an invalid window")
        }
    }
    let violations = session.statistics.violations.values.reduce(0, +)
    guard violations == (session.failure == nil ? 0 : 1) else {
        fatalError("\(violations) violations counted with failure \(String(describing: session.failure))")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for role in [YamuxRole.client, .server] {
        var session = YamuxSession(role: role, configuration: configuration)
        var index = 0
        var now = Duration.zero
        while index < bytes.count {
            let selector = bytes[index]
            let end = min(bytes.count, index + 1 + Int(selector % 61))
            now += .milliseconds(1)
            let failedBefore = session.failure != nil
            let events = session.receive(Array(bytes[index..<end]), now: now)
            if failedBefore && events.contains(where: { if case .data = $0 { true } else { false } }) {
                fatalError("data delivered after the session failed")
            }
            operate(&session, selector: selector)
            _ = session.takeOutbound()
            check(session)
            index = end
        }
    }
    return 0
}
