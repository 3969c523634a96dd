import CZstd
import SeamBoundary

/// One-shot zstd compression and decompression, frame inspection and version information.
///
/// Every function here is safe to call from any thread: each call uses its own context.
/// For many calls in a row, a `ZstdCompressor` or `ZstdDecompressor` reuses one.
public enum Zstd {
    /// The output bound that applies when a caller gives none: 64 MiB.
    public static let defaultMaxOutputSize = 64 << 20

    /// libzstd's default compression level.
    public static var defaultLevel: Int { Int(ZSTD_defaultCLevel()) }

    /// The compression levels libzstd accepts (negative levels are the fast ones).
    public static var levels: ClosedRange<Int> { Int(ZSTD_minCLevel())...Int(ZSTD_maxCLevel()) }

    /// The version of the libzstd loaded at run time, as MAJOR*10000 + MINOR*100 + PATCH.
    public static var libraryVersion: Int { Int(ZSTD_versionNumber()) }

    /// The version of the zstd.h this wrapper was compiled against, in the same form.
    public static var headerVersion: Int { Int(seam_zstd_header_version()) }

    /// Compresses `input` into one frame that records its content size.
    public static func compress<Bytes: Collection<UInt8>>(
        _ input: Bytes,
        level: Int = defaultLevel
    ) throws(ZstdError) -> [UInt8] {
        try ZstdCompressor(level: level).compress(input)
    }

    /// Decompresses every frame in `input` (skippable frames give no output), refusing to
    /// produce more than `maxOutputSize` bytes; a frame that declares more is refused before
    /// anything is allocated for it.
    ///
    /// Memory: the output, and for a frame that does not declare its size, the window its
    /// header asks for, up to 2^27 bytes (libzstd's default; a 10-byte frame can ask for
    /// 120 MiB). `ZstdDecompressor(maxWindowLog:)` bounds it lower.
    public static func decompress<Bytes: Collection<UInt8>>(
        _ input: Bytes,
        maxOutputSize: Int = defaultMaxOutputSize
    ) throws(ZstdError) -> [UInt8] {
        try ZstdDecompressor().decompress(input, maxOutputSize: maxOutputSize)
    }

    /// The header of the frame at the start of `input`.
    ///
    /// Throws `.truncatedInput` when `input` is too short to hold the whole header and a
    /// `.library` error when it is not a frame.
    public static func frameHeader<Bytes: Collection<UInt8>>(of input: Bytes) throws(ZstdError) -> ZstdFrameHeader {
        try withBorrowedBytes(input) { source throws(ZstdError) in
            var header = ZSTD_frameHeader()
            let status = ZSTD_getFrameHeader(&header, source.baseAddress, source.count)
            if try ZstdError.check(status, "ZSTD_getFrameHeader") > 0 { throw .truncatedInput }
            return ZstdFrameHeader(header)
        }
    }

    /// The largest output `compress` can produce for an input of `count` bytes.
    public static func compressBound(_ count: Int) -> Int {
        ZSTD_compressBound(count)
    }
}

/// What a zstd frame header says about its frame.
public struct ZstdFrameHeader: Hashable, Sendable {
    /// The decompressed size the frame declares, or nil when it does not declare one;
    /// 0 for a skippable frame (libzstd reports the size of its user data there instead).
    public let contentSize: UInt64?
    /// The window the decoder needs, in bytes (0 for a skippable frame).
    public let windowSize: UInt64
    /// The id of the dictionary the frame needs, or 0 for none.
    public let dictionaryID: UInt32
    /// The size of the header itself.
    public let headerSize: Int
    /// True when the frame ends with a checksum of its content.
    public let hasChecksum: Bool
    /// True for a skippable frame, whose content is user data and decompresses to nothing.
    public let isSkippable: Bool

    init(_ header: ZSTD_frameHeader) {
        let skippable = header.frameType == ZSTD_skippableFrame
        self.contentSize = skippable ? 0 : header.frameContentSize == ZSTD_CONTENTSIZE_UNKNOWN ? nil : header.frameContentSize
        self.windowSize = header.windowSize
        self.dictionaryID = header.dictID
        self.headerSize = Int(header.headerSize)
        self.hasChecksum = header.checksumFlag != 0
        self.isSkippable = header.frameType == ZSTD_skippableFrame
    }
}
