import SeamFuzz
import Zstd

/// Streams the input through a compressor with fuzzed parameters, in fuzzed chunks with fuzzed
/// flushes and frame ends,
/// then checks that the one-shot decoder and a streaming decoder fed in other fuzzed chunks
/// both return the input. One-shot compression with the same parameters is ZstdRoundTrip's
/// property, not repeated here. One input in eleven compresses through an outside sequence
/// producer, as in ZstdRoundTrip.
public enum ZstdStreamRoundTrip: FuzzTarget {
    static let modes: [ZstdCompressor.Mode] = [.continue, .continue, .flush, .end]

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let level = input.int(in: -5...12)
        let plan = (0..<input.int(in: 1...8)).map { _ in (size: input.int(in: 1...700), mode: input.pick(from: modes)) }
        let splits = (0..<input.int(in: 1...8)).map { _ in input.int(in: 1...900) }
        // A pledge covers one frame: only for a plan that never ends one early.
        let pledge = input.bool() && !plan.contains { $0.mode == .end }
        // Without a pledge the encoder sizes its tables for the level's largest inputs and
        // clears them for every frame; small drawn tables stand in then, as in libzstd's own
        // stream fuzzer.
        let (windowLog, matchFinder) = ZstdFuzzParameters.draw(&input, required: !pledge)
        let checksum = input.bool()
        let longDistance = input.bool()
        var parameters = ZstdParameters(level: level, checksum: checksum, windowLog: windowLog, longDistanceMatching: longDistance, matchFinder: matchFinder)
        ZstdFuzzParameters.drawExtras(&input, into: &parameters)
        let producer = FuzzedSequenceProducer.draw(&input, adjusting: &parameters)
        let data = input.remainingBytes()

        var output: [UInt8]?
        try compressor.use { compressor throws(InvariantViolation) in
            try mustSucceed("set up the compressor with \(parameters)") { try compressor.reset(to: parameters) }
            compressor.register(producer)
            let result = Result { () throws(ZstdError) in try compress(data, plan: plan, pledge: pledge, with: compressor) }
            output = try FuzzedSequenceProducer.output(of: result, with: producer, "stream-compress \(data.count) bytes in \(plan) with \(parameters)")
        }
        guard let stream = output else { return }
        try decompressor.use { decompressor throws(InvariantViolation) in
            decompressor.reset()
            try decode(stream, splits: splits, expecting: data, with: decompressor)
        }
    }

    /// One compression context for the process, set up afresh for each input, as libzstd's
    /// stream_round_trip keeps its ZSTD_CCtx: a new context probes the CPU (CPUID traps to
    /// the hypervisor here) and maps and faults in its tables again.
    static let compressor = ReusedPerProcess { () throws(InvariantViolation) in
        try mustSucceed("create compressor") { try ZstdCompressor() }
    }

    static func compress(_ data: [UInt8], plan: [(size: Int, mode: ZstdCompressor.Mode)], pledge: Bool, with compressor: ZstdCompressor) throws(ZstdError) -> [UInt8] {
        if pledge {
            // The frame's size, declared up front: recorded in its header, and the encoder
            // sizes its tables to it.
            try compressor.setPledgedSourceSize(UInt64(data.count))
        }
        var stream: [UInt8] = []
        var offset = 0
        var step = 0
        while offset < data.count {
            let (size, mode) = plan[step % plan.count]
            let end = min(offset + size, data.count)
            stream += try compressor.compress(chunk: data[offset..<end], mode: mode)
            offset = end
            step += 1
        }
        stream += try compressor.compress(chunk: [UInt8](), mode: .end)
        return stream
    }

    /// One decompression context for the process, serving both decodes, as a long-lived
    /// reader's would (libzstd's stream_round_trip keeps its ZSTD_DCtx across inputs too).
    static let decompressor = ReusedPerProcess { () throws(InvariantViolation) in
        try mustSucceed("create decompressor") { try ZstdDecompressor() }
    }

    static func decode(_ stream: [UInt8], splits: [Int], expecting data: [UInt8], with decompressor: ZstdDecompressor) throws(InvariantViolation) {
        let oneShot = try mustSucceed("one-shot decompress of the stream") { try decompressor.decompress(stream) }
        try invariant(oneShot == data, "one-shot decompression of the stream differs from the input")

        var streamed: [UInt8] = []
        var offset = 0
        var step = 0
        while offset < stream.count {
            let end = min(offset + splits[step % splits.count], stream.count)
            streamed += try mustSucceed("stream-decompress chunk \(step)") {
                try decompressor.decompress(chunk: stream[offset..<end])
            }
            offset = end
            step += 1
        }
        try mustSucceed("finish the decompression stream") { try decompressor.finish() }
        try invariant(streamed == data, "streaming decompression differs from the input")
    }

    public static var seeds: [[UInt8]] {
        SeedSamples.all.enumerated().map { index, sample in
            var builder = FuzzInputBuilder()
            builder.int(index % 2 == 0 ? 3 : 1, in: -5...12)
            builder.int(2, in: 1...8)
            builder.int(64 + index * 10, in: 1...700)
            builder.pick(ZstdCompressor.Mode.continue, from: modes)
            builder.int(7, in: 1...700)
            builder.pick(index % 3 == 0 ? ZstdCompressor.Mode.end : .flush, from: modes)
            builder.int(1, in: 1...8)
            builder.int(13 + index, in: 1...900)
            let pledge = index % 3 != 0  // the plan ends a frame early for index % 3 == 0
            builder.bool(pledge)
            ZstdFuzzParameters.build(&builder, strategy: index % 2 == 1 ? ZstdStrategy.allCases[index % 9] : nil, required: !pledge)
            builder.bool(index % 2 == 0)  // checksum
            builder.bool(index == 3)  // long-distance matching
            ZstdFuzzParameters.buildExtras(&builder, set: index % 4 == 2, longDistanceMatching: index == 3)
            FuzzedSequenceProducer.build(&builder, index == 5 ? .strict : nil)
            builder.remainingBytes(sample)
            return builder.data
        }
    }
}
