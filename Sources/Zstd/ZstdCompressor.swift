import CZstd

/// A reusable zstd compression context: one-shot compression and chunked streaming.
///
/// Ownership: owns one `ZSTD_CCtx`, freed when the compressor is. Threading: not Sendable;
/// a context serves one thread at a time, so give each task its own compressor.
public final class ZstdCompressor {
    /// How a streaming call ends.
    public enum Mode: Sendable {
        /// Buffer as the compressor likes; output may lag behind input.
        case `continue`
        /// Emit everything given so far, so the receiver can decode it; the frame goes on.
        case flush
        /// Emit everything and close the frame; the next chunk starts a new frame.
        case end
    }

    private let context: OpaquePointer
    private let scratch: UnsafeMutableRawBufferPointer

    /// The compression level in use.
    public let level: Int

    /// Creates a context compressing at `level` (see `Zstd.levels`).
    public init(level: Int = Zstd.defaultLevel) throws(ZstdError) {
        guard Zstd.levels.contains(level) else {
            throw .invalidArgument("compression level \(level) outside \(Zstd.levels)")
        }
        guard let context = ZSTD_createCCtx() else {
            throw .library(code: Int(ZSTD_error_memory_allocation.rawValue), name: "Allocation error : not enough memory")
        }
        self.context = context
        self.level = level
        self.scratch = .allocate(byteCount: ZSTD_CStreamOutSize(), alignment: 16)
        _ = try? ZstdError.check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(level)))
    }

    deinit {
        ZSTD_freeCCtx(context)
        scratch.deallocate()
    }

    /// Compresses `input` into one frame that records its content size. Abandons any stream
    /// in progress on this context.
    public func compress<Bytes: Collection<UInt8>>(_ input: Bytes) throws(ZstdError) -> [UInt8] {
        var status = 0
        let output = withBorrowedBytes(input) { source in
            [UInt8](unsafeUninitializedCapacity: max(ZSTD_compressBound(source.count), 1)) { buffer, count in
                status = ZSTD_compress2(context, buffer.baseAddress, buffer.count, source.baseAddress, source.count)
                count = ZSTD_isError(status) != 0 ? 0 : status
            }
        }
        _ = try ZstdError.check(status)
        return output
    }

    /// Feeds one chunk to the current stream and returns the compressed bytes it yields.
    /// With `.end`, the frame is complete once this returns. On error the stream is reset.
    public func compress<Bytes: Collection<UInt8>>(chunk: Bytes, mode: Mode) throws(ZstdError) -> [UInt8] {
        let directive: ZSTD_EndDirective = switch mode {
        case .continue: ZSTD_e_continue
        case .flush: ZSTD_e_flush
        case .end: ZSTD_e_end
        }
        let result: Result<[UInt8], ZstdError> = withBorrowedBytes(chunk) { source in
            var output: [UInt8] = []
            var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
            while true {
                var outBuffer = ZSTD_outBuffer(dst: scratch.baseAddress, size: scratch.count, pos: 0)
                let remaining: Int
                do throws(ZstdError) {
                    remaining = try ZstdError.check(ZSTD_compressStream2(context, &outBuffer, &inBuffer, directive))
                } catch {
                    reset()
                    return .failure(error)
                }
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<outBuffer.pos]))
                let done = mode == .continue ? inBuffer.pos == inBuffer.size : remaining == 0
                if done { return .success(output) }
            }
        }
        return try result.get()
    }

    /// Drops any stream in progress; the level stays.
    public func reset() {
        ZSTD_CCtx_reset(context, ZSTD_reset_session_only)
    }
}
