/// Runs `body` on the bytes of `bytes` in place when the collection has contiguous storage
/// (Array, ArraySlice, ContiguousArray, Data, ...), and on one copy otherwise.
@inline(__always)
func withBorrowedBytes<Bytes: Collection<UInt8>, Result>(
    _ bytes: Bytes,
    _ body: (UnsafeRawBufferPointer) -> Result
) -> Result {
    if let result = bytes.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
        return result
    }
    return Array(bytes).withUnsafeBytes(body)
}
