// fuzz-modules: HTTP
// Fuzzes HTTPRequestParser and HTTPServerConnection with small limits: they must never trap,
// the requests (and the first error) must not depend on how the bytes are split, and every
// refusal must be answered with its status and a close.
import HTTP

private let limits = HTTPParserLimits(requestLineByteCountMax: 256, headerByteCountMax: 1024, headerCountMax: 16,
                                      bodyByteCountMax: 512, chunkLineByteCountMax: 64)

/// Every event the bytes give, fed in pieces of `pieceLength`, and the error that ended them.
private func parse(_ bytes: [UInt8], pieceLength: Int) -> ([HTTPParserEvent], HTTPParseError?) {
    var parser = HTTPRequestParser(limits: limits)
    var events: [HTTPParserEvent] = []
    var index = 0
    while index < bytes.count {
        let end = min(bytes.count, index + pieceLength)
        parser.append(bytes[index..<end])
        index = end
        do {
            while let event = try parser.nextEvent() {
                events.append(event)
                guard events.count < 64 else { return (events, nil) }
            }
        } catch {
            return (events, error)
        }
    }
    return (events, nil)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let (whole, wholeError) = parse(bytes, pieceLength: max(bytes.count, 1))
    let pieceLength = Int(bytes.first ?? 1) % 7 + 1
    let (split, splitError) = parse(bytes, pieceLength: pieceLength)
    // The whole-buffer run may fail on a later request before the split run reached it, but
    // up to the shorter list the requests must agree, and errors must agree when both end.
    if !zip(whole, split).allSatisfy({ $0 == $1 }) { fatalError("split changed the requests") }
    if whole.count == split.count, wholeError?.kind != splitError?.kind { fatalError("split changed the error") }

    var connection = HTTPServerConnection(parserLimits: limits, now: .zero)
    var actions = connection.receive(bytes, now: .zero)
    var rounds = 0
    while case .handle = actions.last, rounds < 64 {
        actions = connection.respond(HTTPResponse(status: .ok), now: .zero)
        rounds += 1
    }
    if let error = wholeError, whole.allSatisfy({ if case .request = $0 { false } else { true } }),
       case .write(let answer) = actions.first(where: { if case .write(let bytes) = $0 { bytes.count > 30 } else { false } }) {
        let line = String(decoding: answer.prefix(12), as: UTF8.self)
        if line != "HTTP/1.1 \(error.status.code)" && !line.hasPrefix("HTTP/1.1 100") { fatalError("refusal answered \(line)") }
    }
    _ = connection.handleTimeout(now: .seconds(3600))
    if let text = String(validating: bytes, as: UTF8.self) {
        _ = HTTPQuery(parsing: text)
        _ = PercentEncoding.decode(text)
    }
    return 0
}
