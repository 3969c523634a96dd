import SeamFuzz
import Zstd

/// Arbitrary bytes into the decoder: a typed error or an output within the bound, never a
/// trap; and the one-shot and streaming decoders agree on success and on the bytes.
public enum ZstdDecompress: FuzzTarget {
    static let limit = 1 << 20

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let data = input.remainingBytes()
        // One context serves both decoders, as a long-lived caller would use it.
        let decompressor = try mustSucceed("create decompressor") { () throws(ZstdError) in
            try ZstdDecompressor(maxStreamOutputSize: limit)
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

    public static var seeds: [[UInt8]] {
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
