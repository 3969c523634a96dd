/// The size of the buffer each streaming context decodes or encodes into before the bytes are
/// appended to the caller's result. libzstd suggests a whole block (128 KiB, its
/// ZSTD_DStreamOutSize/ZSTD_CStreamOutSize) and works with any size. 64 KiB stays below the
/// size at which allocators switch to mmap (glibc's initial threshold and ASan's primary
/// allocator are both 128 KiB): a 128 KiB buffer cost a fresh mmap, munmap and page faults
/// for every short-lived context, which halved the ZstdDecompress fuzz target's speed.
let streamScratchSize = 64 << 10

/// A copy of `prefix` for libzstd to reference beyond the call (`setPrefix`), owned by the
/// context that hands it to `refer`; freed again when `refer` throws, as libzstd then keeps
/// referencing whatever it did before.
func referencedCopy<Bytes: Collection<UInt8>>(
    of prefix: Bytes,
    _ refer: (UnsafeMutableRawBufferPointer) throws(ZstdError) -> Void
) throws(ZstdError) -> UnsafeMutableRawBufferPointer {
    let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: prefix.count, alignment: 1)
    copy.copyBytes(from: prefix)
    do {
        try refer(copy)
    } catch {
        copy.deallocate()
        throw error
    }
    return copy
}

/// A one-shot call's output buffer that a context keeps between calls (`withCompressed`,
/// `withDecompressed`), grown as needed. A struct over a pointer allocated once, held in a
/// `let`: each access to a class's `var` costs a dynamic exclusivity check (57 instructions
/// a call, callgrind), a pointee none. Owned by its context, which calls `free()` in deinit.
@usableFromInline
struct KeptBuffer {
    /// The most a context keeps between calls; larger outputs are allocated per call.
    static let limit = 1 << 20
    /// The allocating one-shot calls make outputs up to these sizes in the kept buffer and
    /// copy them into an Array of their own size. That costs less than allocating the Array
    /// first: its allocating initializer runs the standard library's unspecialized generic
    /// code, its copying initializer is inlined (at 1 KiB, about 25 ns less a decompression
    /// and 60 ns less a compression, `scripts/profile-tiny --time`). A frame is copied up to
    /// 16 KiB of bound (so it never keeps the bound's capacity); decoded output, whose copy
    /// weighs more against the decoding, up to 2 KiB.
    static let frameCopyLimit = 16 << 10
    static let decodedCopyLimit = 2 << 10

    @usableFromInline let storage: UnsafeMutablePointer<UnsafeMutableBufferPointer<UInt8>>

    init() {
        storage = .allocate(capacity: 1)
        storage.initialize(to: UnsafeMutableBufferPointer(start: nil, count: 0))
    }

    /// The kept buffer, grown to at least `count` bytes (count <= `limit`).
    func reserve(_ count: Int) -> UnsafeMutableBufferPointer<UInt8> {
        if storage.pointee.count < count {
            storage.pointee.deallocate()
            storage.pointee = .allocate(capacity: count)
        }
        return storage.pointee
    }

    /// The first `count` bytes, copied into an Array of their own size.
    func array(count: Int) -> [UInt8] {
        [UInt8](UnsafeBufferPointer(start: storage.pointee.baseAddress, count: count))
    }

    /// The first `count` bytes, as a span for the caller's closure.
    @inlinable
    func withSpan<Result>(count: Int, _ body: (Span<UInt8>) -> Result) -> Result {
        body(Span(_unsafeElements: UnsafeBufferPointer(start: storage.pointee.baseAddress, count: count)))
    }

    func free() {
        storage.pointee.deallocate()
        storage.deallocate()
    }
}
