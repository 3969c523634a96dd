import SeamFuzz
import Zstd

/// Arbitrary bytes into the decoder under a fuzzed output bound: a typed error or an output
/// within the bound, never a trap. The one-shot and streaming decoders agree on the bytes when
/// both succeed, and whatever the streaming decoder (the stricter) accepts, the one-shot
/// decoder accepts too.
public enum ZstdDecompress: FuzzTarget {
    /// The budget of a target decoding arbitrary frames: what the wrapper documents for one
    /// call with its defaults, a window of up to 2^27 bytes (libzstd's default
    /// windowLogMax, which a 10-byte frame can demand) plus up to 64 MiB of output, and 16 MiB
    /// of the rest.
    public static let arbitraryFramesBudget = FuzzBudget(memoryMiB: 128 + 64 + 16)
    public static var budget: FuzzBudget { arbitraryFramesBudget }

    static let ceiling = 1 << 20
    /// The streaming decoder's window bound: 4 MiB, room for the regressions' frames (the
    /// largest has a 2 MiB window). A frame may declare up to libzstd's default of 128 MiB, and
    /// a window buffer that large costs ASan a shadow poisoning on every free. The one-shot
    /// decoder, which needs no window buffer, still decodes such frames; their refusal by the
    /// streaming one is the documented difference the invariant allows.
    static let maxWindowLog = 22

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        // The bound scales with the input (up to 32x, in steps of 1/8), as libzstd's
        // simple_decompress sizes its buffer (up to 10x): every size of bound gets exercised,
        // and a tiny frame that expands to the 1 MiB ceiling cannot cost two full decodes.
        let scale = Int(input.int(in: UInt8.min...UInt8.max))
        let data = input.remainingBytes()
        let limit = min(ceiling, scale * max(data.count, 64) / 8)
        try decompressor.use { decompressor throws(InvariantViolation) in
            decompressor.reset()
            decompressor.maxStreamOutputSize = limit
            try check(data, limit: limit, decompressor)
        }
    }

    /// One context for the process, reset for every input, serving both decoders as a
    /// long-lived reader's would. A fresh context per input cost this target a third of its
    /// speed: ZSTD_createDCtx runs CPUID (a trap to the hypervisor on a virtual machine), and
    /// every streamed frame then mapped and faulted in a new window buffer. libzstd's reset
    /// keeps only buffers and parameters, so a used context must decode as a new one; the
    /// tests replay the whole corpus through one context.
    static let decompressor = ReusedPerProcess { () throws(InvariantViolation) in
        try mustSucceed("create decompressor") { try ZstdDecompressor(maxWindowLog: maxWindowLog) }
    }

    /// The second decoding, by the streaming decoder (`-seam_skip_checks=streaming`).
    static let streamingAgrees = FuzzCheck("streaming")

    static func check(_ data: [UInt8], limit: Int, _ decompressor: ZstdDecompressor) throws(InvariantViolation) {
        let oneShot: Result<[UInt8], ZstdError>
        do {
            oneShot = .success(try decompressor.decompress(data, maxOutputSize: limit))
        } catch {
            oneShot = .failure(error)
        }
        if case .success(let output) = oneShot {
            try invariant(output.count <= limit, "one-shot output of \(output.count) bytes passed the bound")
        }
        guard streamingAgrees.runs else { return }
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
            // The documented differences: libzstd's streaming decoder refuses windows over its
            // windowLogMax, which the one-shot decoder (writing straight into its output) never
            // needs, and blocks over the frame's Block_Maximum_Size, as corruption, which the
            // one-shot decoder does not check (regression-81a1f7ed2d200a54: a 1,280-byte RLE
            // block in a frame with a 1 KiB window). Whether the streaming decoder refuses a
            // valid frame is the round-trip targets' check.
            try invariant(error.code == ZstdError.windowTooLargeCode || error.code == ZstdError.corruptionCode,
                          "only the streaming decoder failed: \(error)")
        case (.failure(let error), .success):
            // regression-f67e5634ebad708b: a frame declaring 17 MB whose only block is empty;
            // regression-59a39d6b928620e1: a compressed block of size 0. libzstd 1.5.4's
            // streaming decoder accepts both; the wrapper's streaming loop refuses them.
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
