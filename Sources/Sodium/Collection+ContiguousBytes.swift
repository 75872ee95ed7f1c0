extension Collection<UInt8> {
    /// Calls `body` with the collection's bytes in contiguous memory whose base address is never nil.
    ///
    /// Arrays, array slices and other contiguous collections are passed without copying; other
    /// collections, and empty ones without storage, are copied into a temporary array first.
    func withContiguousBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let direct = withContiguousStorageIfAvailable { buffer in
            buffer.baseAddress == nil ? nil : Swift.Result { () throws(Failure) -> Result in try body(buffer) }
        }
        if let direct = direct ?? nil {
            return try direct.get()
        }
        return try withCopiedBytes(body)
    }

    /// Copies the bytes into an array with one spare byte, so that even an empty copy has an address.
    private func withCopiedBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        var copy = [UInt8]()
        copy.reserveCapacity(count + 1)
        copy.append(contentsOf: self)
        copy.append(0)
        let outcome = copy.withUnsafeBufferPointer { whole in
            Swift.Result { () throws(Failure) -> Result in try body(UnsafeBufferPointer(rebasing: whole.dropLast())) }
        }
        return try outcome.get()
    }
}
