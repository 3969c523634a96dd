import SeamFuzz
import Zstd

/// Arbitrary bytes into the decoder under a fuzzed output bound: a typed error or an output
/// within the bound, never a trap; and the one-shot and streaming decoders agree on success
/// and on the bytes.
public enum ZstdDecompress: FuzzTarget {
    static let ceiling = 1 << 20
    /// The streaming decoder's window bound: 4 MiB (regression-f67e5634ebad708b's frame has a
    /// 2 MiB window). A frame may declare up to libzstd's default of 128 MiB, and the buffer
    /// it then costs has its shadow poisoned by ASan on every free: replaying one corpus took
    /// 0.61 s with the default and 0.37 s with this bound. The one-shot decoder, which needs
    /// no window buffer, still decodes such frames; their refusal by the streaming one is the
    /// documented difference the invariant allows.
    static let maxWindowLog = 22

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        // The bound scales with the input (up to 32x, in steps of 1/8), as libzstd's
        // simple_decompress sizes its buffer (up to 10x): every size of bound gets exercised,
        // and a tiny frame that expands to the 1 MiB ceiling no longer costs two full decodes
        // (with it, this target ran at a sixth of simple_decompress's speed).
        let scale = Int(input.int(in: UInt8.min...UInt8.max))
        let data = input.remainingBytes()
        let limit = min(ceiling, scale * max(data.count, 64) / 8)
        // One context serves both decoders, as a long-lived caller would use it.
        let decompressor = try mustSucceed("create decompressor") { () throws(ZstdError) in
            try ZstdDecompressor(maxStreamOutputSize: limit, maxWindowLog: maxWindowLog)
        }
        let oneShot: Result<[UInt8], ZstdError>
        do {
            oneShot = .success(try decompressor.decompress(data, maxOutputSize: limit))
        } catch {
            oneShot = .failure(error)
        }
        if case .success(let output) = oneShot {
            try invariant(output.count <= limit, "one-shot output of \(output.count) bytes passed the bound")
        }
        let streamed: Result<[UInt8], ZstdError>
        do {
            let output = try decompressor.decompress(chunk: data)
            try decompressor.finish()
            streamed = .success(output)
        } catch {
            streamed = .failure(error)
        }

        switch (oneShot, streamed) {
        case (.success(let a), .success(let b)):
            try invariant(a == b, "one-shot and streaming decoders returned different bytes")
        case (.failure, .failure):
            break
        case (.success, .failure(let error)):
            // The one-shot decoder writes straight into its output and needs no window
            // buffer; the streaming one refuses windows over its windowLogMax. That is the
            // documented difference, not a bug.
            try invariant(error.code == ZstdError.windowTooLargeCode, "only the streaming decoder failed: \(error)")
        case (.failure(let error), .success):
            // regression-f67e5634ebad708b: a frame declaring 17 MB whose only block is empty,
            // which libzstd 1.5.4's streaming decoder accepts; the wrapper's streaming loop
            // now holds each frame to its declared size.
            throw InvariantViolation("only the one-shot decoder failed: \(error)")
        }
    }

    /// An input that decodes `frame` under the largest bound.
    static func seed(_ frame: [UInt8]) -> [UInt8] {
        var builder = FuzzInputBuilder()
        builder.int(UInt8.max, in: UInt8.min...UInt8.max)
        builder.remainingBytes(frame)
        return builder.data
    }

    public static var seeds: [[UInt8]] {
        seedFrames.map(seed)
    }

    static var seedFrames: [[UInt8]] {
        var seeds: [[UInt8]] = []
        for (index, sample) in SeedSamples.all.enumerated() {
            guard let frame = try? Zstd.compress(sample, level: index % 4 + 1) else { continue }
            seeds.append(frame)
            if index == 3 {
                seeds.append(Array(frame.dropLast(3)))        // truncated
                seeds.append(frame + frame)                   // two frames
                seeds.append(frame + [0x01, 0x02, 0x03])      // garbage after a frame
            }
        }
        // A frame without a declared size, as a streaming encoder writes it.
        if let compressor = try? ZstdCompressor(level: 3),
           let head = try? compressor.compress(chunk: SeedSamples.text, mode: .continue),
           let tail = try? compressor.compress(chunk: [UInt8](), mode: .end) {
            seeds.append(head + tail)
        }
        // A skippable frame (magic 0x184D2A50, 4 bytes of user data) before a real one.
        let skippable: [UInt8] = [0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF]
        seeds.append(skippable + ((try? Zstd.compress(Array("after".utf8))) ?? []))
        seeds.append(Array("not zstd at all".utf8))
        return seeds
    }
}
