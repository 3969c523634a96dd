import CZstd
import SeamBoundary

/// A reusable zstd decompression context: one-shot decompression with an output bound, and
/// chunked streaming with the same bound over the whole stream.
///
/// Ownership: owns one `ZSTD_DCtx`, freed when the decompressor is. Threading: not Sendable;
/// a context serves one thread at a time, so give each task its own decompressor.
public final class ZstdDecompressor {
    private let context: OpaquePointer
    /// The streaming buffer, allocated on the first streaming call: one-shot use never pays
    /// for it (see `streamScratchSize`).
    private var streamBuffer: UnsafeMutableRawBufferPointer?
    private var scratch: UnsafeMutableRawBufferPointer {
        if let streamBuffer { return streamBuffer }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: streamScratchSize, alignment: 16)
        streamBuffer = buffer
        return buffer
    }
    /// The output buffer `withDecompressed` keeps between calls.
    @usableFromInline let kept: KeptBuffer
    private var streamedCount = 0
    private var frameInProgress = false
    /// The frame being streamed, held to the size its header declares: libzstd 1.5.4's
    /// streaming decoder lets a frame whose last block is empty decode to less.
    private var frame = StreamedFrame()

    /// The most bytes one stream (from creation or `reset()` on) may produce.
    public var maxStreamOutputSize: Int
    /// The dictionary frames may need, kept alive by the decompressor.
    public let dictionary: ZstdDictionary?

    /// Creates a context. `maxStreamOutputSize` bounds the streaming API's total output;
    /// `maxWindowLog` bounds the window (the memory) a streamed frame may demand, 10...31,
    /// libzstd's default 27 (128 MiB) when nil; `dictionary` serves frames that need it.
    public init(
        maxStreamOutputSize: Int = Zstd.defaultMaxOutputSize,
        maxWindowLog: Int? = nil,
        dictionary: ZstdDictionary? = nil
    ) throws(ZstdError) {
        let created = ZSTD_createDCtx()
        Boundary.record("ZSTD_createDCtx", ok: created != nil)
        guard let context = created else {
            throw .library(code: Int(ZSTD_error_memory_allocation.rawValue), name: "Allocation error : not enough memory")
        }
        self.context = context
        kept = KeptBuffer()
        self.maxStreamOutputSize = maxStreamOutputSize
        self.dictionary = dictionary
        if let maxWindowLog {
            _ = try ZstdError.check(ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, Int32(clamping: maxWindowLog)), "ZSTD_DCtx_setParameter")
        }
        if let dictionary {
            _ = try ZstdError.check(ZSTD_DCtx_refDDict(context, dictionary.decompressionForm), "ZSTD_DCtx_refDDict")
        }
    }

    deinit {
        ZSTD_freeDCtx(context)
        streamBuffer?.deallocate()
        kept.free()
    }

    /// Decompresses every frame in `input` (skippable frames give no output), refusing to
    /// produce more than `maxOutputSize` bytes. When the frames declare their sizes, the
    /// output is allocated once at its exact size, and a declared size over the bound is
    /// refused before any allocation. Abandons any stream in progress on this context.
    @inlinable
    public func decompress<Bytes: Collection<UInt8>>(
        _ input: Bytes,
        maxOutputSize: Int = Zstd.defaultMaxOutputSize
    ) throws(ZstdError) -> [UInt8] {
        // Inlinable so callers specialize it: an Array is borrowed with no generic dispatch.
        try withBorrowedBytes(input) { decompress(raw: $0, maxOutputSize: maxOutputSize) }.get()
    }

    @usableFromInline
    func decompress(raw source: UnsafeRawBufferPointer, maxOutputSize: Int) -> Result<[UInt8], ZstdError> {
        let size: Int
        switch declaredSize(of: source, maxOutputSize: maxOutputSize) {
        case .failure(let error): return .failure(error)
        case .success(nil):
            // Some frame hides its size, or the input is malformed: stream it under the
            // bound, which also yields libzstd's precise error for malformed input.
            return decompressStreaming(source, limit: maxOutputSize)
        case .success(let declared?): size = declared
        }
        var failure: ZstdError?
        let output = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
            failure = decode(source, size: size, into: buffer.baseAddress)
            count = failure == nil ? size : 0
        }
        if let failure { return .failure(failure) }
        return .success(output)
    }

    /// The one-shot calls' common start: the bound checked, any stream abandoned, and the
    /// size the frames declare in all, nil when some frame hides it or the input is malformed.
    /// A declared size over the bound is refused here, before anything is allocated.
    @inline(__always)
    private func declaredSize(of source: UnsafeRawBufferPointer, maxOutputSize: Int) -> Result<Int?, ZstdError> {
        guard maxOutputSize >= 0 else { return .failure(.invalidArgument("maxOutputSize \(maxOutputSize) is negative")) }
        abandonStream()
        let declared = ZSTD_findDecompressedSize(source.baseAddress, source.count)
        Boundary.record("ZSTD_findDecompressedSize", ok: declared != ZSTD_CONTENTSIZE_ERROR)
        if declared == ZSTD_CONTENTSIZE_ERROR || declared == ZSTD_CONTENTSIZE_UNKNOWN { return .success(nil) }
        guard declared <= UInt64(maxOutputSize) else { return .failure(.outputLimitExceeded(limit: maxOutputSize)) }
        return .success(Int(declared))
    }

    /// Decodes frames that declare `size` bytes in all into `destination`, which holds
    /// `size` bytes; nil when they decode to exactly that.
    @inline(__always)
    private func decode(_ source: UnsafeRawBufferPointer, size: Int, into destination: UnsafeMutablePointer<UInt8>?) -> ZstdError? {
        let status = ZSTD_decompressDCtx(context, destination, size, source.baseAddress, source.count)
        do throws(ZstdError) {
            guard try ZstdError.check(status, "ZSTD_decompressDCtx") == size else {
                return .library(code: ZstdError.corruptionCode, name: "Data corruption detected")
            }
        } catch {
            return error
        }
        return nil
    }

    /// Decompresses `input` like `decompress(_:maxOutputSize:)` and lends the bytes to `body`
    /// as a `Span`, valid only inside `body`. When the frames declare their sizes (up to 1 MiB)
    /// the bytes go into a buffer the decompressor keeps for the next call, so a loop over
    /// small frames allocates nothing per call; larger or undeclared outputs are allocated
    /// for the call, as `decompress` does.
    @inlinable
    public func withDecompressed<Bytes: Collection<UInt8>, Result>(
        _ input: Bytes,
        maxOutputSize: Int = Zstd.defaultMaxOutputSize,
        _ body: (Span<UInt8>) -> Result
    ) throws(ZstdError) -> Result {
        // Inlinable over a non-generic core, as `decompress` is: no generic dispatch per call.
        guard let count = try withBorrowedBytes(input, { decodeIntoKept(raw: $0, maxOutputSize: maxOutputSize) }).get() else {
            // Undeclared, malformed or large: the allocating path, with its precise errors.
            let output = try decompress(input, maxOutputSize: maxOutputSize)
            return output.withUnsafeBufferPointer { body(Span(_unsafeElements: $0)) }
        }
        return kept.withSpan(count: count, body)
    }

    /// Decodes `source` into the kept buffer and returns the byte count, or nil when it is not
    /// a case for the kept buffer (sizes undeclared, over `KeptBuffer.limit`, or malformed).
    @usableFromInline
    func decodeIntoKept(raw source: UnsafeRawBufferPointer, maxOutputSize: Int) -> Swift.Result<Int?, ZstdError> {
        let size: Int
        switch declaredSize(of: source, maxOutputSize: maxOutputSize) {
        case .failure(let error): return .failure(error)
        case .success(let declared?) where declared <= KeptBuffer.limit: size = declared
        case .success: return .success(nil)
        }
        if let failure = decode(source, size: size, into: kept.reserve(size)) { return .failure(failure) }
        return .success(size)
    }

    /// The one-shot call's path for frames without declared sizes: a whole stream, under
    /// `limit`, through the same loop as `decompress(chunk:)`.
    private func decompressStreaming(_ source: UnsafeRawBufferPointer, limit: Int) -> Result<[UInt8], ZstdError> {
        reset()
        let streamLimit = maxStreamOutputSize
        maxStreamOutputSize = limit
        defer { maxStreamOutputSize = streamLimit }
        let output = stream(source)
        let truncated = frameInProgress
        reset()
        if case .success = output, truncated { return .failure(.truncatedInput) }
        return output
    }

    /// Feeds one chunk of a stream of frames and returns the bytes it decodes. Throws
    /// `.outputLimitExceeded` once the stream's output passes `maxStreamOutputSize`; after
    /// any error the stream is reset.
    public func decompress<Bytes: Collection<UInt8>>(chunk: Bytes) throws(ZstdError) -> [UInt8] {
        try withBorrowedBytes(chunk) { stream($0) }.get()
    }

    /// Decodes all of `source` into the current stream, counting against its bound.
    private func stream(_ source: UnsafeRawBufferPointer) -> Result<[UInt8], ZstdError> {
        var output: [UInt8] = []
        var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
        while true {
            // One call of ZSTD_decompressStream never goes past the end of a frame, so a call
            // that starts outside a frame starts the next one.
            if !frameInProgress { frame = StreamedFrame() }
            let consumedBefore = inBuffer.pos
            var outBuffer = ZSTD_outBuffer(dst: scratch.baseAddress, size: scratch.count, pos: 0)
            let hint: Int
            do throws(ZstdError) {
                hint = try ZstdError.check(ZSTD_decompressStream(context, &outBuffer, &inBuffer), "ZSTD_decompressStream")
            } catch {
                reset()
                return .failure(error)
            }
            guard streamedCount + outBuffer.pos <= maxStreamOutputSize else {
                reset()
                return .failure(.outputLimitExceeded(limit: maxStreamOutputSize))
            }
            let progressed = inBuffer.pos > 0 || outBuffer.pos > 0
            frame.read(header: UnsafeRawBufferPointer(rebasing: source[consumedBefore..<inBuffer.pos]))
            frame.decoded += UInt64(outBuffer.pos)
            if let declared = frame.declaredSize,
               frame.decoded > declared || (progressed && hint == 0 && frame.decoded != declared) {
                reset()
                return .failure(.library(code: ZstdError.corruptionCode, name: "Data corruption detected"))
            }
            streamedCount += outBuffer.pos
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<outBuffer.pos]))
            if progressed { frameInProgress = hint != 0 }
            if inBuffer.pos == inBuffer.size && outBuffer.pos < outBuffer.size { return .success(output) }
        }
    }

    /// Ends a stream: throws `.truncatedInput` when it stopped inside a frame. Resets the
    /// stream either way.
    public func finish() throws(ZstdError) {
        let truncated = frameInProgress
        reset()
        if truncated { throw .truncatedInput }
    }

    /// One-shot calls abandon any stream in progress, libzstd's state and the wrapper's (its
    /// output count, the frame it was in); a check, so the usual case costs no call.
    private func abandonStream() {
        if frameInProgress || streamedCount > 0 { reset() }
    }

    /// Drops any stream in progress and its output count.
    public func reset() {
        ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
        streamedCount = 0
        frameInProgress = false
        frame = StreamedFrame()
    }
}

/// What the streaming decoder knows of the frame it is in: its header's first bytes until
/// they are complete, the content size the header declares, and the bytes decoded so far.
struct StreamedFrame {
    /// At most a whole header (ZSTD_FRAMEHEADERSIZE_MAX bytes); usually filled in one call.
    private var headerBytes: [UInt8] = []
    private var headerRead = false
    /// The declared content size, once the header is read; nil when the frame declares none
    /// (or is skippable, where the field is the user data's size).
    private(set) var declaredSize: UInt64?
    var decoded: UInt64 = 0

    /// Takes the bytes the decoder consumed in one call, until the header is complete.
    mutating func read(header consumed: UnsafeRawBufferPointer) {
        guard !headerRead, !consumed.isEmpty else { return }
        let headerMax = 18  // ZSTD_FRAMEHEADERSIZE_MAX, a macro Swift does not import
        var header = ZSTD_frameHeader()
        let status: Int
        if headerBytes.isEmpty {
            // The usual case: the whole header came in one call; read it in place.
            status = ZSTD_getFrameHeader(&header, consumed.baseAddress, consumed.count)
            if status > 0, ZSTD_isError(status) == 0 { headerBytes.append(contentsOf: consumed.prefix(headerMax)) }
        } else {
            headerBytes.append(contentsOf: consumed.prefix(headerMax - headerBytes.count))
            status = ZSTD_getFrameHeader(&header, headerBytes, headerBytes.count)
        }
        Boundary.record("ZSTD_getFrameHeader", ok: ZSTD_isError(status) == 0)
        // Still short (> 0) waits for more; an error is the decoder's to report.
        guard status == 0 || ZSTD_isError(status) != 0 || headerBytes.count == headerMax else { return }
        headerRead = true
        headerBytes = []
        if status == 0, header.frameType != ZSTD_skippableFrame, header.frameContentSize != ZSTD_CONTENTSIZE_UNKNOWN {
            declaredSize = header.frameContentSize
        }
    }
}
