import SeamFuzz
import Zstd

/// Compress and decompress with a dictionary (one trained once from fixed samples, one trained
/// on the input's own data, or fuzzed raw content; digested for dedicated search or not) and
/// fuzzed parameters. The bytes come back, the frame names the dictionary unless told not to, a
/// frame that names one cannot be decoded without it, and the streaming decoder, fed the frame
/// in fuzzed pieces, agrees. Half the frames are streamed in those pieces instead of compressed
/// in one call. Half the compressors build their own tables from the dictionary's bytes for
/// their parameters, as dictionary_round_trip's do, instead of sharing the dictionary's
/// digested ones. Half the inputs use the dictionary's bytes as a reference prefix instead, as
/// libzstd's dictionary_round_trip does, checked as ZstdRoundTrip checks its prefixes. One input
/// in eleven compresses through an outside sequence producer, as in ZstdRoundTrip. One in four
/// trains its dictionary on its own data with fuzzed fastCover parameters (`Training`), as
/// dictionary_round_trip trains every input's.
public enum ZstdDictionaryRoundTrip: FuzzTarget {
    /// Training takes milliseconds and megabytes: once per process, from fixed samples.
    static let trained: ZstdDictionary? = try? ZstdDictionary.train(
        samples: (0..<300).map { Array("<item id=\"\($0)\" kind=\"k\($0 % 7)\">value \($0 * 31 % 97)</item>".utf8) },
        capacity: 4_096
    )

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let useTrained = input.bool()
        let level = input.int(in: 1...12)
        let checksum = input.bool()
        let longDistance = input.bool()
        let dedicatedSearch = input.bool()
        let asPrefix = input.bool()
        let raw = input.bytes(maxCount: 1_024)
        let (windowLog, matchFinder) = ZstdFuzzParameters.draw(&input)
        var parameters = ZstdParameters(level: level, checksum: checksum, windowLog: windowLog, longDistanceMatching: longDistance, matchFinder: matchFinder)
        ZstdFuzzParameters.drawExtras(&input, into: &parameters)
        let producer = FuzzedSequenceProducer.draw(&input, adjusting: &parameters)
        let split = input.int(in: 1...1_024)
        let streamsCompression = input.bool()
        parameters.dictionaryTables = input.pick(from: ZstdDictionaryTables.allCases)
        let training = Training.draw(&input)
        let data = input.remainingBytes()
        let dictionary: ZstdDictionary
        let trained: ZstdDictionary?
        if let training {
            guard let own = try training.train(on: data, level: level) else { return }
            trained = own
        } else {
            trained = useTrained ? Self.trained : nil
        }
        if let trained {
            let digested = dedicatedSearch ? try? ZstdDictionary(bytes: trained.bytes, level: level, dedicatedSearch: true) : trained
            guard let digested else { throw InvariantViolation("a trained dictionary does not digest for dedicated search") }
            dictionary = digested
        } else {
            // Empty or malformed (the zstd dictionary magic, then garbage) is a typed error.
            guard let fuzzed = try? ZstdDictionary(bytes: raw, level: level, dedicatedSearch: dedicatedSearch) else { return }
            dictionary = fuzzed
        }
        if asPrefix {
            let result = Result { () throws(ZstdError) in
                let compressor = try ZstdCompressor(parameters)
                compressor.register(producer)
                return try compressor.compress(data, prefix: dictionary.bytes)
            }
            guard let frame = try FuzzedSequenceProducer.output(of: result, with: producer, "compress against a prefix") else { return }
            let decompressor = try mustSucceed("create a decompressor") { try ZstdDecompressor() }
            try ZstdRoundTrip.checkDecoding(frame, madeAgainst: dictionary.bytes, of: data, with: decompressor)
            return
        }
        let result = Result { () throws(ZstdError) in
            let compressor = try ZstdCompressor(parameters, dictionary: dictionary)
            compressor.register(producer)
            guard streamsCompression else { return try compressor.compress(data) }
            // Pledged, as one-shot compression knows the size: without it the encoder sizes
            // its tables and buffers for the level's largest inputs, tens of MiB a frame.
            try compressor.setPledgedSourceSize(UInt64(data.count))
            var frame: [UInt8] = []
            for start in stride(from: 0, to: data.count, by: split) {
                frame += try compressor.compress(chunk: data[start..<min(start + split, data.count)], mode: .continue)
            }
            return frame + (try compressor.compress(chunk: [UInt8](), mode: .end))
        }
        guard let frame = try FuzzedSequenceProducer.output(of: result, with: producer, "compress with a dictionary") else { return }
        let header = try mustSucceed("read the header") { try Zstd.frameHeader(of: frame) }
        let named = parameters.writesDictionaryID ? dictionary.id : 0
        try invariant(header.dictionaryID == named, "frame names dictionary \(header.dictionaryID), not \(named)")
        try invariant(header.hasChecksum == checksum, "checksum flag lost")
        let decompressor = try mustSucceed("create a decompressor with the dictionary") { try ZstdDecompressor(dictionary: dictionary) }
        let back = try mustSucceed("decompress with the dictionary") { try decompressor.decompress(frame, maxOutputSize: data.count) }
        try invariant(back == data, "dictionary round trip changed the data")
        let streamed = try ZstdRoundTrip.streamDecode(frame, inPiecesOf: split, with: decompressor, "the frame made with the dictionary")
        try invariant(streamed == data, "streaming decompression with the dictionary changed the data")
        if header.dictionaryID != 0 {
            let without = Result { () throws(ZstdError) in try Zstd.decompress(frame, maxOutputSize: data.count) }
            guard case .failure(let error) = without else {
                throw InvariantViolation("a frame needing dictionary \(dictionary.id) decoded without it")
            }
            try invariant(error.code == ZstdError.dictionaryWrongCode, "wrong error without the dictionary: \(error)")
        }
    }

    public static var seeds: [[UInt8]] {
        SeedSamples.all.enumerated().map { index, sample in
            var builder = FuzzInputBuilder()
            builder.bool(index % 2 == 0)
            builder.int(3, in: 1...12)
            builder.bool(index % 3 == 0)
            builder.bool(index == 2)  // long-distance matching
            builder.bool(index % 4 == 1)  // dedicated dictionary search
            builder.bool(index % 3 == 2)  // the dictionary's bytes as a prefix
            builder.bytes(Array(SeedSamples.text.prefix(32 + index)))
            ZstdFuzzParameters.build(&builder, strategy: index % 3 == 1 ? ZstdStrategy.allCases[index % 9] : nil)
            ZstdFuzzParameters.buildExtras(&builder, set: index % 4 == 3, longDistanceMatching: index == 2)
            FuzzedSequenceProducer.build(&builder, index == 6 ? .strict : nil)
            builder.int([1, 9, 100, 1_024][index % 4], in: 1...1_024)
            builder.bool(index % 2 == 1)  // streamed
            builder.pick(ZstdDictionaryTables.allCases[index / 2 % 2], from: ZstdDictionaryTables.allCases)
            Training.build(&builder, index % 4 == 0 ? Training(samples: 100, seed: UInt64(index), method: Training.asLibzstdsFuzzer) : nil)
            builder.remainingBytes(sample)
            return builder.data
        }
    }

    /// A dictionary trained on the input's own data: `samples` pieces of it at offsets drawn from
    /// `seed` (cheaper to draw than one offset each, as FUZZ_train does), sized as FUZZ_train
    /// sizes them, each piece its share of eleven times the dictionary's capacity.
    struct Training {
        let samples: Int
        let seed: UInt64
        let method: ZstdTrainingMethod

        /// FUZZ_train's parameters in libzstd's fuzzers.
        static let asLibzstdsFuzzer = ZstdTrainingMethod.fastCover(segmentSize: 40, dmerSize: 8, frequencyLog: 14, acceleration: 5)

        /// One input in four trains, with fastCover's parameters over their whole ranges (f
        /// up to 16, 384 KiB of tables) and now and then just outside them.
        static func draw(_ input: inout FuzzInput) -> Training? {
            guard input.int(in: 0...3) == 0 else { return nil }
            let method = ZstdTrainingMethod.fastCover(
                segmentSize: input.int(in: 0...1_100), dmerSize: input.int(in: 5...8),
                frequencyLog: input.int(in: 1...16), acceleration: input.int(in: 1...10))
            return Training(samples: input.int(in: 1...100), seed: input.int(in: 0...UInt64.max), method: method)
        }

        /// Writes what `draw` reads.
        static func build(_ builder: inout FuzzInputBuilder, _ training: Training?) {
            builder.int(training == nil ? 1 : 0, in: 0...3)
            guard let training, case .fastCover(let k, let d, let f, let accel) = training.method else { return }
            builder.int(k, in: 0...1_100)
            builder.int(d, in: 5...8)
            builder.int(f, in: 1...16)
            builder.int(accel, in: 1...10)
            builder.int(training.samples, in: 1...100)
            builder.int(training.seed, in: 0...UInt64.max)
        }

        /// The dictionary, or nil where libzstd refuses the samples or the parameters, which it
        /// must do with an error of its own.
        func train(on data: [UInt8], level: Int) throws(InvariantViolation) -> ZstdDictionary? {
            let capacity = max(data.count / 8, 1_024)
            var budget = capacity * 11
            var state = seed
            var pieces: [[UInt8]] = []
            pieces.reserveCapacity(samples)
            for index in 0..<samples {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let offset = data.isEmpty ? 0 : Int((state >> 33) % UInt64(data.count))
                let count = min(data.count - offset, budget / (samples - index))
                pieces.append(Array(data[offset..<offset + count]))
                budget -= count
            }
            do {
                return try ZstdDictionary.train(samples: pieces, capacity: capacity, level: level, method: method)
            } catch .library {
                return nil
            } catch {
                throw InvariantViolation("training refused as a caller's mistake: \(error)")
            }
        }
    }
}
