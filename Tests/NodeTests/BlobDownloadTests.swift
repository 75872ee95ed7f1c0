import Testing
@testable import Node

@Suite("BlobDownload")
struct BlobDownloadTests {
    static let hash = [UInt8](repeating: 0x11, count: 32)

    /// What a peer holding `blob` answers.
    static func answer(_ request: BlobRequest, from blob: [UInt8]) -> BlobResponse {
        let end = min(blob.count, Int(request.offset) + Int(request.length))
        return BlobResponse(id: request.id, status: .found, totalSize: UInt64(blob.count), offset: request.offset,
                            data: Array(blob[Int(request.offset)..<end]))
    }

    @Test("a blob larger than a chunk arrives in order in chunks, then the download is complete")
    func chunks() throws {
        let blob = (0..<600_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var download = BlobDownload(hash: Self.hash, byteCountMax: 1 << 20)
        var received: [UInt8] = []
        var id: UInt64 = 1
        while let request = download.nextRequest(id: id) {
            received += try download.accept(Self.answer(request, from: blob), for: request)
            id += 1
        }
        #expect(received == blob)
        #expect(download.isComplete)
        #expect(id == 4)
    }

    @Test("a download resumes after the bytes held")
    func resume() throws {
        let blob = [UInt8](repeating: 9, count: 1_000)
        var download = BlobDownload(hash: Self.hash, byteCountMax: 1 << 20, receivedCount: 600)
        let request = try #require(download.nextRequest(id: 1))
        #expect(request.offset == 600)
        #expect(try download.accept(Self.answer(request, from: blob), for: request).count == 400)
        #expect(download.isComplete)
    }

    @Test("answers that contradict the request or the limit are refused")
    func refusals() throws {
        var download = BlobDownload(hash: Self.hash, byteCountMax: 100)
        let request = try #require(download.nextRequest(id: 5))
        #expect(throws: BlobDownload.Refusal.notHeld) { try download.accept(BlobResponse(id: 5, status: .notHeld), for: request) }
        #expect(throws: BlobDownload.Refusal.tooLarge(200, limit: 100)) {
            try download.accept(BlobResponse(id: 5, status: .found, totalSize: 200, data: [1]), for: request)
        }
        let wrongOffset = BlobResponse(id: 5, status: .found, totalSize: 50, offset: 3, data: [1])
        #expect(throws: BlobDownload.Refusal.self) { try download.accept(wrongOffset, for: request) }
        let short = BlobResponse(id: 5, status: .found, totalSize: 50, offset: 0, data: [1, 2])
        #expect(throws: BlobDownload.Refusal.self) { try download.accept(short, for: request) }
        let otherID = BlobResponse(id: 6, status: .found, totalSize: 2, offset: 0, data: [1, 2])
        #expect(throws: BlobDownload.Refusal.self) { try download.accept(otherID, for: request) }
        #expect(download.receivedCount == 0)
    }
}
