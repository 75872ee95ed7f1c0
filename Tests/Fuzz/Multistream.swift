// fuzz-modules: Wire Multistream
// Fuzzes multistream-select: the message decoder, and a dialer and a listener fed the
// input after start(). Nothing may trap; a decoded message must re-encode to the bytes it
// came from; and feeding the input whole or in small pieces must give the same result.
// The first byte picks a valid prefix to put in front (so the fuzzer reaches the states
// after the header) and the piece size.
import Multistream

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let control = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    checkDecoder(body, lengthMax: Int(control) * 4 + 1)

    let prefixes: [[UInt8]] = [
        [],
        MultistreamMessage.encode(MultistreamMessage.header),
        MultistreamMessage.encode(MultistreamMessage.header) + MultistreamMessage.encode("/noise"),
        MultistreamMessage.encode(MultistreamMessage.header) + MultistreamMessage.encode("na"),
    ]
    let input = prefixes[Int(control & 0x03)] + body
    let pieceSize = Int(control >> 2 & 0x07) + 1
    let makers: [() -> MultistreamNegotiation] = [
        { .dialer(proposing: ["/noise", "/yamux/1.0.0"]) },
        { .listener(supporting: ["/yamux/1.0.0", "/tls/1.0.0"]) },
    ]
    for make in makers {
        let whole = feed(make(), input, pieceSize: max(input.count, 1))
        let pieces = feed(make(), input, pieceSize: pieceSize)
        if whole != pieces {
            fatalError("fragmentation changed the result: \(whole) versus \(pieces) in pieces of \(pieceSize)")
        }
    }
    return 0
}

private func checkDecoder(_ bytes: [UInt8], lengthMax: Int) {
    guard let decoded = try? MultistreamMessage.decode(bytes[...], lengthMax: min(lengthMax, MultistreamMessage.lengthMax)) else {
        return
    }
    if MultistreamMessage.encode(decoded.text) != Array(bytes.prefix(decoded.byteCount)) {
        fatalError("message \(bytes.prefix(decoded.byteCount)) decoded to \"\(decoded.text)\", which encodes differently")
    }
}

private struct FeedResult: Equatable {
    var sent: [UInt8] = []
    var outcome = MultistreamOutcome.pending
    var error: MultistreamError?
}

/// Feeds `input` in pieces until an outcome is final or an error is thrown; whatever follows
/// the deciding piece counts as leftover.
private func feed(_ negotiation: MultistreamNegotiation, _ input: [UInt8], pieceSize: Int) -> FeedResult {
    var negotiation = negotiation
    var result = FeedResult(sent: negotiation.start())
    var remaining = input[...]
    while !remaining.isEmpty {
        let piece = Array(remaining.prefix(pieceSize))
        remaining = remaining.dropFirst(pieceSize)
        do {
            let step = try negotiation.receive(piece)
            result.sent += step.send
            result.outcome = step.outcome
        } catch {
            return FeedResult(sent: [], outcome: .pending, error: error)
        }
        switch result.outcome {
        case .pending:
            continue
        case .negotiated(let protocolID, let leftover):
            result.outcome = .negotiated(protocol: protocolID, leftover: leftover + remaining)
            return result
        case .unsupported:
            return result
        }
    }
    return result
}
