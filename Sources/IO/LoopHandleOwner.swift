import CLibUV

/// A Swift object that owns a libuv handle and holds itself retained through the
/// handle's `data` until the handle's close callback.
protocol LoopHandleOwner: AnyObject {
    /// Closes the handle because the event loop is stopping (called from `uv_walk`).
    func closeForShutdown()
}

/// Views a libuv handle or request of any concrete type as its base type, without
/// touching memory (libuv's C structs begin with their base struct).
func castPointer<Target>(_ pointer: UnsafeMutablePointer<some Any>, to _: Target.Type) -> UnsafeMutablePointer<Target> {
    UnsafeMutablePointer<Target>(OpaquePointer(pointer))
}

/// Stores a retained reference to `owner` in a handle's `data`.
func retainOwner(_ owner: AnyObject, in handle: UnsafeMutablePointer<uv_handle_t>) {
    uv_handle_set_data(handle, Unmanaged.passRetained(owner).toOpaque())
}

/// The owner stored in a handle's `data`, without changing its retain count.
func owner<Owner: AnyObject>(of handle: UnsafeMutablePointer<uv_handle_t>, as _: Owner.Type) -> Owner {
    guard let data = uv_handle_get_data(handle) else {
        preconditionFailure("libuv handle without an owner")
    }
    return Unmanaged<Owner>.fromOpaque(data).takeUnretainedValue()
}

/// Takes back the reference that `retainOwner` stored and clears `data`.
@discardableResult
func releaseOwner<Owner: AnyObject>(of handle: UnsafeMutablePointer<uv_handle_t>, as _: Owner.Type) -> Owner {
    guard let data = uv_handle_get_data(handle) else {
        preconditionFailure("libuv handle without an owner")
    }
    uv_handle_set_data(handle, nil)
    return Unmanaged<Owner>.fromOpaque(data).takeRetainedValue()
}

/// Closes a handle that has no owner and frees its memory in the close callback.
func closeAndDeallocate(_ handle: UnsafeMutablePointer<uv_handle_t>) {
    uv_close(handle) { handle in
        UnsafeMutableRawPointer(handle)?.deallocate()
    }
}
