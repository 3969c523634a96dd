import SeamFuzz
import Zstd

/// One input, three encodings: one-shot, streamed in fuzzed chunks, and split into fuzzed
/// frames. Every decoder (one-shot, streaming) gives back the same bytes from each, and the
/// sizing functions agree with the frames.
public enum ZstdDifferential: FuzzTarget {
    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let level = input.int(in: -3...9)
        let checksum = input.bool()
        let chunk = input.int(in: 1...2_048)
        let parts = input.int(in: 1...4)
        let data = input.remainingBytes()
        let parameters = ZstdParameters(level: level, checksum: checksum)

        let oneShot = try mustSucceed("one-shot compress") { try ZstdCompressor(parameters).compress(data) }
        let again = try mustSucceed("one-shot compress again") { try ZstdCompressor(parameters).compress(data) }
        try invariant(oneShot == again, "compression is not deterministic")

        let compressor = try mustSucceed("create a streaming compressor") { try ZstdCompressor(parameters) }
        var streamed: [UInt8] = []
        for start in stride(from: 0, to: data.count, by: chunk) {
            let piece = data[start..<min(start + chunk, data.count)]
            streamed += try mustSucceed("stream a chunk") { try compressor.compress(chunk: piece, mode: .continue) }
        }
        streamed += try mustSucceed("end the stream") { try compressor.compress(chunk: [UInt8](), mode: .end) }

        let cut = (0...parts).map { data.count * $0 / parts }
        var multi: [UInt8] = []
        for index in 0..<parts {
            multi += try mustSucceed("compress part \(index)") {
                try Zstd.compress(data[cut[index]..<cut[index + 1]], level: level)
            }
        }

        for (name, encoded) in [("one-shot", oneShot), ("streamed", streamed), ("multi-frame", multi)] {
            let decoded = try mustSucceed("one-shot decode of the \(name) encoding") {
                try Zstd.decompress(encoded, maxOutputSize: data.count)
            }
            try invariant(decoded == data, "one-shot decoder differs on the \(name) encoding")
            let decompressor = try mustSucceed("create a decompressor") { try ZstdDecompressor(maxStreamOutputSize: data.count) }
            var pieces: [UInt8] = []
            for start in stride(from: 0, to: encoded.count, by: chunk) {
                let piece = encoded[start..<min(start + chunk, encoded.count)]
                pieces += try mustSucceed("stream-decode the \(name) encoding") { try decompressor.decompress(chunk: piece) }
            }
            try mustSucceed("finish the \(name) stream") { try decompressor.finish() }
            try invariant(pieces == data, "streaming decoder differs on the \(name) encoding")
            let bound = try mustSucceed("bound the \(name) encoding") { try Zstd.decompressedBound(of: encoded) }
            try invariant(bound >= UInt64(data.count), "decompressedBound \(bound) under \(data.count)")
        }
        let frames = try mustSucceed("split the multi-frame encoding") { try Zstd.frames(in: multi) }
        try invariant(frames.count == parts, "found \(frames.count) frames, wrote \(parts)")
        let oneFrame = try mustSucceed("size the one-shot frame") { try Zstd.compressedSizeOfFirstFrame(in: oneShot) }
        try invariant(oneFrame == oneShot.count, "first frame size \(oneFrame), frame is \(oneShot.count) bytes")
    }

    public static var seeds: [[UInt8]] {
        SeedSamples.all.enumerated().map { index, sample in
            var builder = FuzzInputBuilder()
            builder.int(index % 4 + 1, in: -3...9)
            builder.bool(index % 2 == 1)
            builder.int(17 + 100 * index, in: 1...2_048)
            builder.int(index % 4 + 1, in: 1...4)
            builder.remainingBytes(sample)
            return builder.data
        }
    }
}
