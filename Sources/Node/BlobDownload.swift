/// The fetching side of one blob over `/oln/blob/1`, sans-IO: which range to ask for next,
/// and whether an answer is acceptable. The caller appends accepted bytes to the partial
/// file and checks the hash when `isComplete`; a download resumes from the partial file's
/// size after a restart or a peer change.
public struct BlobDownload: Sendable, Equatable {
    /// Why an answer was not accepted.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// The peer does not hold the blob (ask another peer; not misbehaviour).
        case notHeld
        /// The blob is larger than the caller allows.
        case tooLarge(UInt64, limit: UInt64)
        /// The answer contradicts the request or an earlier answer (the peer misbehaves).
        case inconsistent(String)

        public var description: String {
            switch self {
            case .notHeld: "the peer does not hold the blob"
            case .tooLarge(let size, let limit): "the blob has \(size) bytes; the limit is \(limit)"
            case .inconsistent(let detail): detail
            }
        }
    }

    /// BLAKE2b-256 of the whole blob.
    public let hash: [UInt8]
    /// The largest blob accepted.
    public let byteCountMax: UInt64
    /// The blob's size, once a peer has said it.
    public private(set) var totalSize: UInt64?
    /// Bytes held so far (the partial file's size).
    public private(set) var receivedCount: UInt64

    /// A download of `hash`, resuming after `receivedCount` bytes already held.
    public init(hash: [UInt8], byteCountMax: UInt64, receivedCount: UInt64 = 0) {
        precondition(hash.count == 32, "a blob is named by a 32-byte hash")
        self.hash = hash
        self.byteCountMax = byteCountMax
        self.receivedCount = receivedCount
    }

    /// Whether every byte is held (the caller then checks the hash).
    public var isComplete: Bool { totalSize.map { receivedCount == $0 } ?? false }

    /// The next request, or nil when complete.
    public func nextRequest(id: UInt64) -> BlobRequest? {
        guard !isComplete else { return nil }
        let remaining = totalSize.map { $0 - receivedCount } ?? BlobRequest.chunkByteCountMax
        return BlobRequest(id: id, hash: hash, offset: receivedCount, length: min(remaining, BlobRequest.chunkByteCountMax))
    }

    /// Checks `response` against `request` and what is known; returns the bytes to append.
    public mutating func accept(_ response: BlobResponse, for request: BlobRequest) throws(Refusal) -> [UInt8] {
        guard response.id == request.id else { throw .inconsistent("an answer to another request") }
        switch response.status {
        case .notHeld: throw .notHeld
        case .offsetPastEnd: throw .inconsistent("the peer says offset \(request.offset) lies past the blob's end")
        case .found: break
        }
        if let totalSize, totalSize != response.totalSize {
            throw .inconsistent("the blob's size changed from \(totalSize) to \(response.totalSize)")
        }
        guard response.totalSize <= byteCountMax else { throw .tooLarge(response.totalSize, limit: byteCountMax) }
        guard response.totalSize > 0 else { throw .inconsistent("an empty blob") }
        guard response.offset == request.offset, request.offset == receivedCount, receivedCount < response.totalSize else {
            throw .inconsistent("an answer for offset \(response.offset), not \(request.offset)")
        }
        let expected = min(request.length, response.totalSize - receivedCount)
        guard UInt64(response.data.count) == expected else {
            throw .inconsistent("\(response.data.count) bytes where \(expected) were due")
        }
        totalSize = response.totalSize
        receivedCount += expected
        return response.data
    }

    /// Starts over (after the finished bytes failed the hash check).
    public mutating func restart() {
        totalSize = nil
        receivedCount = 0
    }
}
