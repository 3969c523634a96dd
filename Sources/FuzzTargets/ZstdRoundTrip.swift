import SeamFuzz
import Zstd

/// Compress at a fuzzed level, decompress, compare: the bytes come back, the frame declares
/// their size, and the compressed size stays within `Zstd.compressBound`.
public enum ZstdRoundTrip: FuzzTarget {
    static let levels = -7...19

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let level = input.int(in: levels)
        let data = input.remainingBytes()
        let compressed = try mustSucceed("compress \(data.count) bytes at level \(level)") { () throws(ZstdError) in
            try Zstd.compress(data, level: level)
        }
        try invariant(compressed.count <= Zstd.compressBound(data.count), "compressed size over compressBound")
        let header = try mustSucceed("read own frame header") { () throws(ZstdError) in try Zstd.frameHeader(of: compressed) }
        try invariant(header.contentSize == UInt64(data.count), "frame declares \(String(describing: header.contentSize)), not \(data.count)")
        // The bound is the exact size: a correct frame never needs a byte more.
        let decompressed = try mustSucceed("decompress own frame at level \(level)") { () throws(ZstdError) in
            try Zstd.decompress(compressed, maxOutputSize: data.count)
        }
        try invariant(decompressed == data, "round trip changed \(data.count) bytes at level \(level)")
    }

    public static var seeds: [[UInt8]] {
        SeedSamples.all.enumerated().map { index, sample in
            var builder = FuzzInputBuilder()
            builder.int([1, 3, -5, 19, 3, 9, 1][index % 7], in: levels)
            builder.remainingBytes(sample)
            return builder.data
        }
    }
}
