/// Hand-built yamux frames, so that tests can send what a correct session never would:
///
/// ```
/// version[1] = 0 ‖ type[1] ‖ flags[2] ‖ stream id[4] ‖ length[4] ‖ payload   (big-endian)
/// type: 0 data, 1 window update, 2 ping, 3 go away
/// flags: 1 SYN, 2 ACK, 4 FIN, 8 RST
/// ```
enum RawYamuxFrame {
    static let data: UInt8 = 0
    static let windowUpdate: UInt8 = 1
    static let syn: UInt16 = 1
    static let fin: UInt16 = 4

    /// A frame whose length field is the payload's byte count unless `length` says otherwise.
    static func frame(type: UInt8, flags: UInt16 = 0, stream: UInt32, length: UInt32? = nil, payload: [UInt8] = []) -> [UInt8] {
        var bytes: [UInt8] = [0, type, UInt8(flags >> 8), UInt8(flags & 0xff)]
        for word in [stream, length ?? UInt32(payload.count)] {
            bytes += [UInt8(word >> 24), UInt8((word >> 16) & 0xff), UInt8((word >> 8) & 0xff), UInt8(word & 0xff)]
        }
        return bytes + payload
    }
}
