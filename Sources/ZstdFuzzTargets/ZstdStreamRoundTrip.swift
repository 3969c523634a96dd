import SeamFuzz
import Zstd

/// Streams the input through a compressor with fuzzed parameters, in fuzzed chunks with fuzzed
/// flushes and frame ends,
/// then checks that the one-shot decoder and a streaming decoder fed in other fuzzed chunks
/// both return the input. One-shot compression with the same parameters is ZstdRoundTrip's
/// property, not repeated here. One input in eleven compresses through an outside sequence
/// producer, as in ZstdRoundTrip. One in eight streams the end of its bytes against their start
/// as a reference prefix, set before the first frame on both sides, and one in eight with their
/// start as a raw-content dictionary, for every frame.
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
        let reference = Reference.draw(&input)
        // Sixteenths of the bytes, as in ZstdRoundTrip.
        let share = reference == .none ? 0 : input.int(in: 1...15)
        let bytes = input.remainingBytes()
        let referenced = Array(bytes.prefix(bytes.count * share / 16))
        let data = share > 0 ? Array(bytes.dropFirst(referenced.count)) : bytes
        let prefix = reference == .prefix ? referenced : nil
        var dictionary: ZstdDictionary?
        if reference == .dictionary {
            // Empty bytes, or the dictionary magic and garbage, are refused with a typed error.
            guard let digested = try? ZstdDictionary(bytes: referenced, level: level) else { return }
            dictionary = digested
        }

        var output: [UInt8]?
        try compressor.use { compressor throws(InvariantViolation) in
            try mustSucceed("set up the compressor with \(parameters)") { try compressor.reset(to: parameters, dictionary: dictionary) }
            compressor.register(producer)
            let result = Result { () throws(ZstdError) in
                if let prefix { try compressor.setPrefix(prefix) }
                return try compress(data, plan: plan, pledge: pledge, with: compressor)
            }
            output = try FuzzedSequenceProducer.output(of: result, with: producer, "stream-compress \(data.count) bytes in \(plan) with \(parameters)")
        }
        guard let stream = output else { return }
        if let dictionary {
            let decompressor = try mustSucceed("create a decompressor with the dictionary") { try ZstdDecompressor(dictionary: dictionary) }
            try decode(stream, splits: splits, expecting: data, prefix: nil, with: decompressor)
            return
        }
        try decompressor.use { decompressor throws(InvariantViolation) in
            decompressor.reset()
            try decode(stream, splits: splits, expecting: data, prefix: prefix, with: decompressor)
        }
    }

    /// What the stream's frames may refer back to besides their own bytes: the input's first
    /// bytes, as a prefix for the first frame or as a dictionary for all.
    enum Reference: CaseIterable {
        case none, prefix, dictionary

        static func draw(_ input: inout FuzzInput) -> Reference {
            switch input.int(in: 0...7) {
            case 0: .prefix
            case 1: .dictionary
            default: .none
            }
        }

        static func build(_ builder: inout FuzzInputBuilder, _ reference: Reference) {
            builder.int(reference == .prefix ? 0 : reference == .dictionary ? 1 : 2, in: 0...7)
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

    /// Decodes `stream` one-shot and in `splits`; its first frame refers to `prefix`, if any.
    static func decode(_ stream: [UInt8], splits: [Int], expecting data: [UInt8], prefix: [UInt8]?, with decompressor: ZstdDecompressor) throws(InvariantViolation) {
        if let prefix {
            // The prefix serves one frame: one-shot, only a stream of one frame decodes with it.
            switch Result(catching: { () throws(ZstdError) in try decompressor.decompress(stream, prefix: prefix) }) {
            case .success(let oneShot):
                try invariant(oneShot == data, "one-shot decompression of the stream against its prefix differs from the input")
            case .failure(.invalidArgument(_)):
                try invariant(((try? Zstd.frames(in: stream).count) ?? 0) > 1, "a one-frame stream refused with its prefix")
            case .failure(let error):
                throw InvariantViolation("one-shot decompression of the stream against its prefix failed: \(error)")
            }
            try mustSucceed("set the prefix for the decoding stream") { try decompressor.setPrefix(prefix) }
        } else {
            let oneShot = try mustSucceed("one-shot decompress of the stream") { try decompressor.decompress(stream) }
            try invariant(oneShot == data, "one-shot decompression of the stream differs from the input")
        }

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
            // A prefix for one frame that does not end early, a dictionary for one that does.
            let reference: Reference = index == 1 ? .prefix : index == 3 ? .dictionary : .none
            Reference.build(&builder, reference)
            if reference != .none { builder.int(5, in: 1...15) }
            builder.remainingBytes(sample)
            return builder.data
        }
    }
}
