import CZstd
import SeamBoundary

/// A reusable zstd decompression context: one-shot decompression with an output bound, and
/// chunked streaming with the same bound over the whole stream.
///
/// The two paths are libzstd's two decoders, and the streaming one is the stricter: it refuses
/// blocks larger than their frame's Block_Maximum_Size (the smaller of its window and
/// 128 KiB), which one-shot decoding, writing straight into its output, does not check.
/// Whatever streaming accepts, one-shot decoding accepts too, with the same bytes (the wrapper
/// holds streamed frames to the rules libzstd's streaming decoder skips: the declared size, no
/// empty compressed block). Both refuse a frame whose window (a single-segment frame's is its
/// content size) is over `maxWindowLog`, before decoding it: libzstd checks that only when it
/// streams through its own window buffer, and a frame declaring a 2 GiB window would otherwise
/// decode one-shot and be refused streamed.
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
    /// The decompressor's copy of the prefix `setPrefix` gave, which libzstd references until
    /// the stream is reset.
    private var prefixCopy: UnsafeMutableRawBufferPointer?
    private var streamedCount = 0
    private var frameInProgress = false
    /// The frame being streamed, held to what the one-shot decoder holds it to (see
    /// `StreamedFrame.isRefused`).
    private var frame = StreamedFrame()

    /// The most bytes one stream (from creation or `reset()` on) may produce.
    public var maxStreamOutputSize: Int
    /// The dictionary frames may need, kept alive by the decompressor.
    public let dictionary: ZstdDictionary?
    /// The largest window a frame may declare, from `maxWindowLog`.
    private let maxWindowSize: UInt64

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
        // ZSTD_WINDOWLOG_LIMIT_DEFAULT, a macro Swift does not import; a log libzstd refuses
        // below is refused before it is used here.
        self.maxWindowSize = 1 << UInt64(min(max(maxWindowLog ?? 27, 0), 62))
        if let maxWindowLog {
            _ = try ZstdError.check(ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, try ZstdError.cInt(maxWindowLog, "maxWindowLog")), "ZSTD_DCtx_setParameter")
        }
        if let dictionary {
            _ = try ZstdError.check(ZSTD_DCtx_refDDict(context, dictionary.decompressionForm), "ZSTD_DCtx_refDDict")
        }
    }

    deinit {
        ZSTD_freeDCtx(context)
        streamBuffer?.deallocate()
        prefixCopy?.deallocate()
        kept.free()
    }

    /// Decompresses every frame in `input` (skippable frames give no output), refusing to
    /// produce more than `maxOutputSize` bytes. When the frames declare their sizes, the
    /// output is allocated once at its exact size, and a declared size over the bound is
    /// refused before any allocation. When they do not, an output known to fit 1 MiB (the
    /// bound is within it, or libzstd bounds the frames within it from their block headers)
    /// is decoded in one call into a buffer the context keeps and copied out; others are
    /// streamed. Abandons any stream in progress on this context.
    @inlinable
    public func decompress<Bytes: Collection<UInt8>>(
        _ input: Bytes,
        maxOutputSize: Int = Zstd.defaultMaxOutputSize
    ) throws(ZstdError) -> [UInt8] {
        // Inlinable so callers specialize it: an Array is borrowed with no generic dispatch.
        try withBorrowedBytes(input) { decompress(raw: $0, maxOutputSize: maxOutputSize) }.get()
    }

    /// Decompresses the one frame in `frame`, made by `ZstdCompressor.compress(_:prefix:)`,
    /// with the same `prefix`, as `decompress(_:maxOutputSize:)` does (a frame made without
    /// one decodes too). The prefix belongs to one frame: input with more after its first
    /// frame throws `.invalidArgument`. Decoded without its prefix (by `decompress(_:maxOutputSize:)`),
    /// a frame that refers into it fails with libzstd's corruption error, never reading
    /// outside the bytes it is given. A prefix takes a dictionary's place: a decompressor with
    /// a dictionary throws `.invalidArgument`.
    @inlinable
    public func decompress<Bytes: Collection<UInt8>, Prefix: Collection<UInt8>>(
        _ frame: Bytes,
        prefix: Prefix,
        maxOutputSize: Int = Zstd.defaultMaxOutputSize
    ) throws(ZstdError) -> [UInt8] {
        try withBorrowedBytes(prefix) { prefix in
            withBorrowedBytes(frame) { decompress(raw: $0, prefix: prefix, maxOutputSize: maxOutputSize) }
        }.get()
    }

    @usableFromInline
    func decompress(raw source: UnsafeRawBufferPointer, prefix: UnsafeRawBufferPointer, maxOutputSize: Int) -> Result<[UInt8], ZstdError> {
        guard dictionary == nil else {
            return .failure(.invalidArgument("a prefix takes the dictionary's place, and this decompressor has a dictionary"))
        }
        let size = ZSTD_findFrameCompressedSize(source.baseAddress, source.count)
        Boundary.record("ZSTD_findFrameCompressedSize", ok: ZSTD_isError(size) == 0)
        if ZSTD_isError(size) == 0, size < source.count {
            return .failure(.invalidArgument("a prefix belongs to one frame, and \(source.count - size) bytes follow it"))
        }
        // libzstd only references the prefix, for the next frame to start; it is dropped
        // afterwards in case none started, since `prefix` is borrowed for this call only.
        defer {
            reset()
            ZSTD_DCtx_refPrefix(context, nil, 0)
        }
        return decompress(raw: source, maxOutputSize: maxOutputSize, prefix: prefix)
    }

    @usableFromInline
    func decompress(raw source: UnsafeRawBufferPointer, maxOutputSize: Int, prefix: UnsafeRawBufferPointer? = nil) -> Result<[UInt8], ZstdError> {
        let size: Int
        switch declaredSize(of: source, maxOutputSize: maxOutputSize) {
        case .failure(let error): return .failure(error)
        case .success(nil):
            // Some frame hides its size, or the input is malformed.
            if let decoded = decodeUndeclared(source, maxOutputSize: maxOutputSize, prefix: prefix) {
                return decoded.map { kept.array(count: $0) }
            }
            return decompressStreaming(source, limit: maxOutputSize, prefix: prefix)
        case .success(let declared?): size = declared
        }
        if size <= KeptBuffer.decodedCopyLimit {
            // Small output is made in the kept buffer and copied out (see KeptBuffer).
            if let failure = decode(source, size: size, into: kept.reserve(max(size, 1)), prefix: prefix) { return .failure(failure) }
            return .success(kept.array(count: size))
        }
        var failure: ZstdError?
        let output = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
            failure = decode(source, size: size, into: buffer, prefix: prefix)
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
        if let error = windowError(in: source) { return .failure(error) }
        let declared = ZSTD_findDecompressedSize(source.baseAddress, source.count)
        Boundary.record("ZSTD_findDecompressedSize", ok: declared != ZSTD_CONTENTSIZE_ERROR)
        if declared == ZSTD_CONTENTSIZE_ERROR || declared == ZSTD_CONTENTSIZE_UNKNOWN { return .success(nil) }
        guard declared <= UInt64(maxOutputSize) else { return .failure(.outputLimitExceeded(limit: maxOutputSize)) }
        return .success(Int(declared))
    }

    /// The error for the first frame in `source` whose window is over the bound, as the
    /// streaming decoder reports it; nil when there is none (or the frames cannot be read,
    /// which the decoders report themselves).
    private func windowError(in source: UnsafeRawBufferPointer) -> ZstdError? {
        var rest = source
        while !rest.isEmpty {
            var header = ZSTD_frameHeader()
            guard ZSTD_getFrameHeader(&header, rest.baseAddress, rest.count) == 0 else { return nil }
            if header.frameType == ZSTD_frame, header.windowSize > maxWindowSize { return .windowTooLarge }
            let size = ZSTD_findFrameCompressedSize(rest.baseAddress, rest.count)
            guard ZSTD_isError(size) == 0 else { return nil }
            rest = UnsafeRawBufferPointer(rebasing: rest[size...])
        }
        return nil
    }

    /// Lends `prefix`, if any, to the frame libzstd starts next: it forgets it after one.
    /// Called outside a stream, where referencing cannot fail.
    @inline(__always)
    private func refer(to prefix: UnsafeRawBufferPointer?) {
        if let prefix { ZSTD_DCtx_refPrefix(context, prefix.baseAddress, prefix.count) }
    }

    /// Decodes frames that declare `size` bytes in all into `destination`, which holds
    /// `size` bytes; nil when they decode to exactly that.
    @inline(__always)
    private func decode(_ source: UnsafeRawBufferPointer, size: Int, into destination: UnsafeMutableBufferPointer<UInt8>,
                        prefix: UnsafeRawBufferPointer? = nil) -> ZstdError? {
        refer(to: prefix)
        let status = ZSTD_decompressDCtx(context, destination.baseAddress, Boundary.capacity(size, of: destination, for: "ZSTD_decompressDCtx"),
                                         source.baseAddress, source.count)
        switch Result(catching: { () throws(ZstdError) in try ZstdError.check(status, "ZSTD_decompressDCtx") }) {
        case .failure(let error): return error
        case .success(size): return nil
        case .success: return .library(code: ZstdError.corruptionCode, name: "Data corruption detected")
        }
    }

    /// Decompresses `input` like `decompress(_:maxOutputSize:)` and lends the bytes to `body`
    /// as a `Span`, valid only inside `body`. When the output is known to fit 1 MiB (the frames
    /// declare it, the bound is within it, or libzstd bounds it from the block headers) the
    /// bytes go into a buffer the decompressor keeps for the next call, so a loop over small
    /// frames allocates nothing per call; other outputs are allocated for the call, as
    /// `decompress` does.
    @inlinable
    public func withDecompressed<Bytes: Collection<UInt8>, Result>(
        _ input: Bytes,
        maxOutputSize: Int = Zstd.defaultMaxOutputSize,
        _ body: (Span<UInt8>) -> Result
    ) throws(ZstdError) -> Result {
        // Inlinable over a non-generic core, as `decompress` is: no generic dispatch per call.
        guard let count = try withBorrowedBytes(input, { decodeIntoKept(raw: $0, maxOutputSize: maxOutputSize) }).get() else {
            // Large: the allocating path.
            let output = try decompress(input, maxOutputSize: maxOutputSize)
            return output.withUnsafeBufferPointer { body(Span(_unsafeElements: $0)) }
        }
        return kept.withSpan(count: count, body)
    }

    /// Decodes `source` into the kept buffer and returns the byte count, or nil when it is not
    /// a case for the kept buffer (a declared size over `KeptBuffer.limit`, or an undeclared
    /// one `decodeUndeclared` leaves to the streaming path).
    @usableFromInline
    func decodeIntoKept(raw source: UnsafeRawBufferPointer, maxOutputSize: Int) -> Swift.Result<Int?, ZstdError> {
        switch declaredSize(of: source, maxOutputSize: maxOutputSize) {
        case .failure(let error): return .failure(error)
        case .success(let size?) where size <= KeptBuffer.limit:
            if let failure = decode(source, size: size, into: kept.reserve(size)) { return .failure(failure) }
            return .success(size)
        case .success(nil):
            return decodeUndeclared(source, maxOutputSize: maxOutputSize)?.map { $0 } ?? .success(nil)
        case .success: return .success(nil)
        }
    }

    /// Frames that do not declare their sizes, or malformed input, when the output is known
    /// to fit `KeptBuffer.limit` (the caller's bound is within it, or libzstd bounds the
    /// frames within it from their block headers): one ZSTD_decompressDCtx call into the kept
    /// buffer, so no window buffer is allocated and nothing is copied chunk by chunk. Returns
    /// the byte count, left in the kept buffer; nil when this cannot decide, for the streaming
    /// path. Errors read as the streaming path's.
    private func decodeUndeclared(_ source: UnsafeRawBufferPointer, maxOutputSize: Int, prefix: UnsafeRawBufferPointer? = nil) -> Result<Int, ZstdError>? {
        let bound = ZSTD_decompressBound(source.baseAddress, source.count)
        Boundary.record("ZSTD_decompressBound", ok: bound != ZSTD_CONTENTSIZE_ERROR)
        let capacity = bound == ZSTD_CONTENTSIZE_ERROR ? maxOutputSize : Int(min(bound, UInt64(maxOutputSize)))
        guard capacity <= KeptBuffer.limit else { return nil }
        let destination = kept.reserve(capacity)
        refer(to: prefix)
        let status = ZSTD_decompressDCtx(context, destination.baseAddress, Boundary.capacity(capacity, of: destination, for: "ZSTD_decompressDCtx"),
                                         source.baseAddress, source.count)
        do throws(ZstdError) {
            return .success(try ZstdError.check(status, "ZSTD_decompressDCtx"))
        } catch where error.code == Int(ZSTD_error_dstSize_tooSmall.rawValue) {
            // Past the caller's bound; or past libzstd's, which assumes blocks of at most
            // 128 KiB, when the streaming path decides.
            return capacity == maxOutputSize ? .failure(.outputLimitExceeded(limit: maxOutputSize)) : nil
        } catch where error.code == Int(ZSTD_error_srcSize_wrong.rawValue) || error.code == Int(ZSTD_error_checksum_wrong.rawValue) {
            return .failure(Self.frameError(in: source) ?? error)
        } catch {
            return .failure(error)
        }
    }

    /// What is wrong with the first frame in `source` whose extent cannot be found, as the
    /// streaming decoder reports it; nil when every frame is whole. Resolves the codes one
    /// ZSTD_decompressDCtx call uses for more than one thing: srcSize_wrong for input ending
    /// inside a frame and for garbage after one, checksum_wrong for a checksum cut off.
    private static func frameError(in source: UnsafeRawBufferPointer) -> ZstdError? {
        var rest = source
        while !rest.isEmpty {
            let size = ZSTD_findFrameCompressedSize(rest.baseAddress, rest.count)
            if ZSTD_isError(size) == 0 {
                rest = UnsafeRawBufferPointer(rebasing: rest[size...])
                continue
            }
            var header = ZSTD_frameHeader()
            do throws(ZstdError) {
                // A header libzstd cannot read is the error; a short one, or a whole one
                // whose blocks run past the end, is truncation.
                _ = try ZstdError.check(ZSTD_getFrameHeader(&header, rest.baseAddress, rest.count), "ZSTD_getFrameHeader")
                _ = try ZstdError.check(size, "ZSTD_findFrameCompressedSize")
            } catch where error.code == Int(ZSTD_error_srcSize_wrong.rawValue) {
                return .truncatedInput
            } catch {
                return error
            }
        }
        return nil
    }

    /// The one-shot call's path for frames without declared sizes: a whole stream, under
    /// `limit`, through the same loop as `decompress(chunk:)`.
    private func decompressStreaming(_ source: UnsafeRawBufferPointer, limit: Int, prefix: UnsafeRawBufferPointer? = nil) -> Result<[UInt8], ZstdError> {
        reset()
        refer(to: prefix)
        let streamLimit = maxStreamOutputSize
        maxStreamOutputSize = limit
        defer { maxStreamOutputSize = streamLimit }
        let output = Result { () throws(ZstdError) in try stream(source) }
        let truncated = frameInProgress
        reset()
        if case .success = output, truncated { return .failure(.truncatedInput) }
        return output
    }

    /// Feeds one chunk of a stream of frames and returns the bytes it decodes. Throws
    /// `.outputLimitExceeded` once the stream's output passes `maxStreamOutputSize`; after
    /// any error the stream is reset.
    public func decompress<Bytes: Collection<UInt8>>(chunk: Bytes) throws(ZstdError) -> [UInt8] {
        try withBorrowedBytes(chunk) { source throws(ZstdError) in try stream(source) }
    }

    /// Decodes all of `source` into the current stream, counting against its bound.
    private func stream(_ source: UnsafeRawBufferPointer) throws(ZstdError) -> [UInt8] {
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
                throw error
            }
            guard streamedCount + outBuffer.pos <= maxStreamOutputSize else {
                reset()
                throw .outputLimitExceeded(limit: maxStreamOutputSize)
            }
            // This call's progress: the loop's last call may find no input and nothing to
            // flush (the frame ended filling the output), and says nothing of the stream then.
            let progressed = inBuffer.pos > consumedBefore || outBuffer.pos > 0
            frame.read(consumed: UnsafeRawBufferPointer(rebasing: source[consumedBefore..<inBuffer.pos]))
            frame.decoded += UInt64(outBuffer.pos)
            if frame.windowSize > maxWindowSize {
                reset()
                throw .windowTooLarge
            }
            if frame.isRefused(ended: progressed && hint == 0) {
                reset()
                throw .library(code: ZstdError.corruptionCode, name: "Data corruption detected")
            }
            streamedCount += outBuffer.pos
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<outBuffer.pos]))
            if progressed { frameInProgress = hint != 0 }
            if inBuffer.pos == inBuffer.size && outBuffer.pos < outBuffer.size { return output }
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
        if frameInProgress || streamedCount > 0 || prefixCopy != nil { reset() }
    }

    /// Lets the next frame `decompress(chunk:)` starts refer back to `prefix` (see
    /// `decompress(_:prefix:maxOutputSize:)`); the decompressor keeps a copy of the bytes
    /// until the stream is reset (`reset()`, `finish()`, an error, or a one-shot call).
    /// Call outside a frame: inside one, libzstd refuses with its stage_wrong error. A prefix
    /// takes a dictionary's place: a decompressor with a dictionary throws `.invalidArgument`.
    public func setPrefix<Bytes: Collection<UInt8>>(_ prefix: Bytes) throws(ZstdError) {
        guard dictionary == nil else {
            throw .invalidArgument("a prefix takes the dictionary's place, and this decompressor has a dictionary")
        }
        let copy = try referencedCopy(of: prefix) { copy throws(ZstdError) in
            _ = try ZstdError.check(ZSTD_DCtx_refPrefix(context, copy.baseAddress, copy.count), "ZSTD_DCtx_refPrefix")
        }
        prefixCopy?.deallocate()
        prefixCopy = copy
    }

    /// Drops any stream in progress, its output count and any prefix.
    public func reset() {
        ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
        streamedCount = 0
        frameInProgress = false
        frame = StreamedFrame()
        if let prefixCopy {
            ZSTD_DCtx_refPrefix(context, nil, 0)
            prefixCopy.deallocate()
            self.prefixCopy = nil
        }
    }
}

/// What the streaming decoder knows of the frame it is in, read from the bytes it consumes:
/// the content size the header declares, the bytes decoded so far, and whether a block is one
/// libzstd 1.5.4's streaming decoder takes and its one-shot decoder refuses.
struct StreamedFrame {
    /// Where the next consumed byte belongs.
    private enum Part {
        case header, blockHeader
        case blockContent(remaining: Int, last: Bool)
        /// The checksum, or anything libzstd's decoder will judge itself (a skippable frame's
        /// data, a malformed header or block).
        case rest
    }
    private var part = Part.header
    /// A header (up to ZSTD_FRAMEHEADERSIZE_MAX bytes) or block header (3) split across calls.
    private var pending: [UInt8] = []
    /// The declared content size, once the header is read; nil when the frame declares none
    /// (or is skippable, where the field is the user data's size).
    private(set) var declaredSize: UInt64?
    /// The window the header declares, once it is read (0 before).
    private(set) var windowSize: UInt64 = 0
    var decoded: UInt64 = 0
    /// A compressed block of size 0: it must hold at least its literals and sequences headers,
    /// and libzstd's one-shot decoder refuses it, but its streaming decoder (1.5.4) decodes it
    /// as an empty block (regression-59a39d6b928620e1).
    private var hasEmptyCompressedBlock = false

    /// Whether the frame fails what the one-shot decoder holds every frame to, which libzstd
    /// 1.5.4's streaming decoder does not: no more bytes than its header declares, no fewer
    /// once it has `ended`, and no empty compressed block.
    func isRefused(ended: Bool) -> Bool {
        if hasEmptyCompressedBlock { return true }
        guard let declaredSize else { return false }
        return decoded > declaredSize || (ended && decoded != declaredSize)
    }

    /// Takes the bytes the decoder consumed in one call, in order.
    mutating func read(consumed: UnsafeRawBufferPointer) {
        var rest = consumed[...]
        while !rest.isEmpty {
            switch part {
            case .header: readHeader(&rest)
            case .blockHeader:
                guard let word = blockHeader(from: &rest) else { return }
                let (last, type, size) = (word & 1 == 1, word >> 1 & 3, word >> 3)
                switch type {
                case 0: part = .blockContent(remaining: size, last: last)  // raw
                case 1: part = .blockContent(remaining: 1, last: last)     // RLE: one byte
                case 2:
                    hasEmptyCompressedBlock = hasEmptyCompressedBlock || size == 0
                    part = .blockContent(remaining: size, last: last)
                default: part = .rest                                       // reserved
                }
            case .blockContent(let remaining, let last):
                let taken = min(remaining, rest.count)
                rest = rest.dropFirst(taken)
                if taken < remaining { part = .blockContent(remaining: remaining - taken, last: last) }
                else { part = last ? .rest : .blockHeader }
            case .rest: return
            }
        }
    }

    /// The 3-byte little-endian block header at the front of `rest`: read in place when it is
    /// whole (the usual case, no allocation per block), gathered across calls when a chunk
    /// boundary splits it; nil until it is complete.
    private mutating func blockHeader(from rest: inout Slice<UnsafeRawBufferPointer>) -> Int? {
        if pending.isEmpty, rest.count >= 3 {
            let start = rest.startIndex
            defer { rest = rest.dropFirst(3) }
            return Int(rest[start]) | Int(rest[start + 1]) << 8 | Int(rest[start + 2]) << 16
        }
        let taken = rest.prefix(3 - pending.count)
        rest = rest.dropFirst(taken.count)
        pending.append(contentsOf: taken)
        guard pending.count == 3 else { return nil }
        defer { pending = [] }
        return Int(pending[0]) | Int(pending[1]) << 8 | Int(pending[2]) << 16
    }

    private mutating func readHeader(_ rest: inout Slice<UnsafeRawBufferPointer>) {
        let headerMax = 18  // ZSTD_FRAMEHEADERSIZE_MAX, a macro Swift does not import
        var header = ZSTD_frameHeader()
        let status: Int
        let gathered = pending.count
        if gathered == 0 {
            // The usual case: the whole header came in one call; read it in place.
            status = ZSTD_getFrameHeader(&header, UnsafeRawBufferPointer(rebasing: rest).baseAddress, rest.count)
            if status > 0, ZSTD_isError(status) == 0 { pending.append(contentsOf: rest.prefix(headerMax)) }
        } else {
            pending.append(contentsOf: rest.prefix(headerMax - gathered))
            status = ZSTD_getFrameHeader(&header, pending, pending.count)
        }
        Boundary.record("ZSTD_getFrameHeader", ok: ZSTD_isError(status) == 0)
        guard status == 0 else {
            // Still short (> 0) waits for more; an error is the decoder's to report.
            if ZSTD_isError(status) != 0 || pending.count == headerMax { part = .rest }
            rest = rest.dropFirst(rest.count)
            return
        }
        pending = []
        if header.frameType == ZSTD_skippableFrame {
            // libzstd reports headerSize 0 for a skippable frame: its data is the decoder's.
            part = .rest
            rest = rest.dropFirst(rest.count)
            return
        }
        rest = rest.dropFirst(Int(header.headerSize) - gathered)
        part = .blockHeader
        windowSize = header.windowSize
        if header.frameContentSize != ZSTD_CONTENTSIZE_UNKNOWN { declaredSize = header.frameContentSize }
    }
}
