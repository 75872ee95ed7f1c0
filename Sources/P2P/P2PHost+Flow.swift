extension P2PHost {
    /// How many more bytes an application stream takes now; write more after
    /// `.streamWritable`. Writing past it is refused, so producers should check it.
    public func writableByteCount(on stream: UInt32, of id: ConnectionID) -> Int {
        connections[id]?.connection.writableByteCount(on: stream) ?? 0
    }
}
