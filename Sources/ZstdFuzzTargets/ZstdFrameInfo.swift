import SeamFuzz
import Zstd

/// Arbitrary bytes into the frame inspection functions: each gives a value or a typed error,
/// and they agree with each other and with the decoder on the first frame.
public enum ZstdFrameInfo: FuzzTarget {
    static let limit = 1 << 20
    public static var budget: FuzzBudget { ZstdDecompress.arbitraryFramesBudget }

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let data = input.remainingBytes()
        let header = try? Zstd.frameHeader(of: data)
        guard let size = try? Zstd.compressedSizeOfFirstFrame(in: data) else { return }
        try invariant(size > 0 && size <= data.count, "first frame size \(size) outside 1...\(data.count)")
        guard let header else {
            throw InvariantViolation("a frame of \(size) bytes was found but its header does not parse")
        }
        try invariant(header.headerSize <= size, "header of \(header.headerSize) bytes in a frame of \(size)")
        let frame = Array(data[..<size])
        guard let output = try? Zstd.decompress(frame, maxOutputSize: limit) else { return }
        if header.isSkippable {
            try invariant(output.isEmpty, "a skippable frame decoded to \(output.count) bytes")
        }
        if let declared = header.contentSize {
            try invariant(UInt64(output.count) == declared, "frame declares \(declared) bytes, decoded \(output.count)")
        }
        let bound = try mustSucceed("bound a frame that decodes") { try Zstd.decompressedBound(of: frame) }
        try invariant(UInt64(output.count) <= bound, "decoded \(output.count) bytes, over the bound \(bound)")
    }

    public static var seeds: [[UInt8]] {
        ZstdDecompress.seedFrames
    }
}
