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

/// The size of the buffer each streaming context decodes or encodes into before the bytes are
/// appended to the caller's result. libzstd suggests a whole block (128 KiB, its
/// ZSTD_DStreamOutSize/ZSTD_CStreamOutSize) and works with any size. 64 KiB stays below the
/// size at which allocators switch to mmap (glibc's initial threshold and ASan's primary
/// allocator are both 128 KiB): a 128 KiB buffer cost a fresh mmap, munmap and page faults
/// for every short-lived context, which halved the ZstdDecompress fuzz target's speed.
let streamScratchSize = 64 << 10
