import Yamux

extension Connection {
    /// How many more bytes `write` takes on `stream` now (0 when it is not open).
    public func writableByteCount(on stream: UInt32) -> Int {
        guard case .muxed(_, let muxer) = stage, case .open = streams[stream] else { return 0 }
        return muxer.writableByteCount(on: stream)
    }
}
