// Yamux: the yamux 1.0.0 stream multiplexer (`/yamux/1.0.0`), sans-IO.
//
// Owns: the frame header codec (`YamuxFrameHeader`, `YamuxFrameType`, `YamuxFlags`,
// `YamuxGoAwayCode`) and the session state machine (`YamuxSession`) that multiplexes
// streams over one reliable, ordered connection: stream opening and acceptance, per-stream
// flow control, half-close, reset, ping and go-away. The caller feeds received bytes and
// `now`, drains `takeOutbound()` to the connection, and reacts to `YamuxEvent`s. No sockets,
// no clocks, no randomness.
//
// May import: `Wire` (declared; the header codec needs nothing from it today). Nothing else.
//
// Specifications: hashicorp/yamux spec.md, libp2p/specs yamux/README.md. Behaviour that
// the specification leaves open follows go-yamux (libp2p/go-yamux), the implementation
// go-libp2p, rust-libp2p and py-libp2p peers interoperate with.
//
// Frame header, 12 bytes, big-endian:
//
//     0        1        2                 4                                 8                                12
//     +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+
//     |version |  type  |      flags      |             stream id             |              length               |
//     +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+
//       0        0 data           1 SYN                0: the session           data: payload byte count
//                1 window update  2 ACK                odd: client-opened       window update: window delta
//                2 ping           4 FIN                even: server-opened      ping: opaque value, echoed
//                3 go away        8 RST                                         go away: error code
//
// A Data frame is followed by `length` payload bytes. Example: the client opening stream 1
// with a window update, `00 01 0001 00000001 00000000`.
//
// Stream life cycle as this module keeps it:
//
//     openStream() ── SYN ──▶            ◀── SYN ── peer (event .inboundStream, awaiting accept)
//     awaiting ACK ◀── ACK ──            accept()/write()/consume()/closeWrite() ── ACK ──▶
//     closeWrite() ── FIN (after queued data) ──▶      ◀── FIN ── (event .remoteClosedWrite)
//     both FINs: state dropped (event .streamClosed)   RST either way: state dropped
//
// Frames for a stream id that was used before but whose state is gone (closed, reset,
// refused) are dropped and counted, as go-yamux does: the peer may not have seen our RST or
// FIN yet. Frames for a stream id that was never opened are a protocol violation.
//
// Limits (`YamuxConfiguration`): inbound streams beyond `streamCountMax` open streams or
// beyond `unacknowledgedInboundStreamCountMax` unaccepted ones are refused with RST, as
// go-yamux does, not treated as violations; data frames above `frameByteCountMax` or the
// stream's window are violations, checked from the header before any payload is read;
// input is never buffered beyond one partial 12-byte header (payloads are delivered as
// they arrive); each stream's write queue holds at most `bufferedSendByteCountMax`; pongs
// and refusals waiting in the outbound queue are capped by `responseByteCountMax`.
