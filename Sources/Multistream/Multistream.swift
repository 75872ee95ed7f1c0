// Multistream: multistream-select 1.0.0 (`/multistream/1.0.0`), the libp2p protocol that
// agrees on the protocol a connection or stream speaks next. Sans-IO: the caller moves the
// bytes; this module only turns received bytes into bytes to send and an outcome.
//
// What it owns
//   MultistreamMessage      the codec: one length-prefixed, newline-terminated text message
//   MultistreamNegotiation  the dialer and listener state machine
//   MultistreamStep,        what one receive returns: bytes to send and the outcome so far
//   MultistreamOutcome
//   MultistreamError        every way a peer's bytes can be wrong
//
// It imports Wire (Varint) and nothing else; no Foundation, no clock, no randomness.
//
// Byte layout (‖ is concatenation)
//
//   message     varint(n) ‖ UTF-8 text[n − 1] ‖ 0a        n counts the newline; minimal varint;
//                                                          n ≤ MultistreamMessage.lengthMax (1024)
//   header      13 ‖ "/multistream/1.0.0" ‖ 0a
//   na          03 6e 61 0a                                "not available"
//
// Exchange (the dialer pipelines its header and first proposal; so may the listener's answers)
//
//   dialer                                   listener
//     header ‖ "/tls/1.0.0"        ──▶
//                                  ◀──       header ‖ "na"
//     "/noise"                     ──▶
//                                  ◀──       "/noise"             (the echo accepts)
//     application data …           ◀─▶       application data …
//
// Whatever follows the deciding message in the same read (the first application bytes,
// which go-libp2p and py-libp2p send right behind their proposal or echo) is handed back
// to the caller as leftover. `ls` is answered with `na`, as go-libp2p does.
