// fuzz-modules: Sodium Wire Identity Store Ledger
// Fuzzes the canonical decoders of the ledger's transactions (Sources/Ledger/Transactions):
// none may trap, and whatever decodes re-encodes to exactly its input. The input is read
// whole as a Transaction, a FeeAuthorization, a BatchHeader and a signed transaction
// envelope; and, so that every kind's decoder is reached without the fuzzer first finding
// the oneof framing, its first byte also picks a kind and the rest becomes that kind's
// message inside a transaction with expiry 1.
import Identity
import Ledger
import Wire

func checkRoundTrip<Message: CanonicalMessage>(_ type: Message.Type, _ bytes: [UInt8]) {
    if let message = try? Message.decodeCanonical(bytes), message.canonicalBytes != bytes {
        fatalError("a canonical \(Message.domainTag) message re-encodes to other bytes")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    checkRoundTrip(Transaction.self, bytes)
    checkRoundTrip(FeeAuthorization.self, bytes)
    checkRoundTrip(BatchHeader.self, bytes)
    if let signed = try? SignedTransaction.verified(bytes, chainID: 1), signed.envelopeBytes != bytes {
        fatalError("a verified transaction envelope re-encodes to other bytes")
    }
    guard let selector = bytes.first else { return 0 }
    let numbers = TransactionKind.allFieldNumbers
    var writer = ProtobufWriter()
    writer.writeVarint(1, field: 3)
    writer.writeBytes(bytes.dropFirst(), field: numbers[Int(selector) % numbers.count])
    checkRoundTrip(Transaction.self, writer.bytes)
    return 0
}
