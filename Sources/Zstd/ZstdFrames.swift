import CZstd
import SeamBoundary

extension Zstd {
    /// The size of the frame (zstd or skippable) at the start of `input`, header to checksum,
    /// without decoding it. Throws libzstd's error for a malformed or truncated frame.
    public static func compressedSizeOfFirstFrame<Bytes: Collection<UInt8>>(in input: Bytes) throws(ZstdError) -> Int {
        let status = withBorrowedBytes(input) { ZSTD_findFrameCompressedSize($0.baseAddress, $0.count) }
        return try ZstdError.check(status, "ZSTD_findFrameCompressedSize")
    }

    /// An upper bound on what every frame in `input` decompresses to, from the headers and
    /// block sizes alone. Throws when the input is not a sequence of complete frames.
    public static func decompressedBound<Bytes: Collection<UInt8>>(of input: Bytes) throws(ZstdError) -> UInt64 {
        let bound = withBorrowedBytes(input) { ZSTD_decompressBound($0.baseAddress, $0.count) }
        Boundary.record("ZSTD_decompressBound", ok: bound != ZSTD_CONTENTSIZE_ERROR)
        guard bound != ZSTD_CONTENTSIZE_ERROR else {
            throw .library(code: ZstdError.corruptionCode, name: "not a sequence of complete zstd frames")
        }
        return bound
    }

    /// The byte ranges of the frames that make up `input`, in order (skippable ones included).
    public static func frames<Bytes: Collection<UInt8>>(in input: Bytes) throws(ZstdError) -> [Range<Int>] {
        let bytes = Array(input)
        var ranges: [Range<Int>] = []
        var offset = 0
        while offset < bytes.count {
            let size = try compressedSizeOfFirstFrame(in: bytes[offset...])
            ranges.append(offset..<(offset + size))
            offset += size
        }
        return ranges
    }
}
