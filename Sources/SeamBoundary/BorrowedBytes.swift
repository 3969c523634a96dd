/// Runs `body` on the bytes of `bytes` in place when the collection has contiguous storage
/// (Array, ArraySlice, ContiguousArray, Data, ...), and on one copy otherwise: how both
/// wrappers lend a caller's bytes to C. The pointer is valid only inside `body`.
///
/// `package`, so it is shared by the wrappers and never part of their API; inlinable, so the
/// public entry points that call it specialize for the caller's collection.
@inlinable @inline(__always)
package func withBorrowedBytes<Bytes: Collection<UInt8>, Value, Failure: Error>(
    _ bytes: Bytes,
    _ body: (UnsafeRawBufferPointer) throws(Failure) -> Value
) throws(Failure) -> Value {
    // The standard library's lending methods rethrow untyped errors: the typed one is carried
    // out in a Result.
    let outcome = bytes.withContiguousStorageIfAvailable { buffer in
        Result { () throws(Failure) in try body(UnsafeRawBufferPointer(buffer)) }
    } ?? Array(bytes).withUnsafeBytes { buffer in
        Result { () throws(Failure) in try body(buffer) }
    }
    return try outcome.get()
}
