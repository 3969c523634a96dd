import SeamFuzz
import Zstd

/// Compress with fuzzed parameters (level, checksum, long-distance matching, window, match
/// finder, header flags and libzstd's experimental parameters), decompress, compare: the
/// bytes come back, the frame declares their size when asked to and its checksum flag, and
/// the compressed size stays within `Zstd.compressBound`; the streaming decoder, fed the frame
/// in fuzzed pieces, gives the same bytes; and for some inputs, the match finder's sequences,
/// compressed from through the sequence API, make a frame that decodes to the same bytes. One
/// input in eleven compresses through an outside sequence producer (FuzzedSequenceProducer):
/// the frame must still round-trip, or the compression fail with sequenceProducer_failed
/// when the producer's fault is one libzstd may not fall back from. One input in four also
/// compresses the end of its bytes against their start, as a reference prefix or a raw-content
/// dictionary: that frame decodes with it, and without it fails as corrupt unless it never
/// refers back.
public enum ZstdRoundTrip: FuzzTarget {
    static let levels = -7...19

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let level = input.int(in: levels)
        let checksum = input.bool()
        let longDistance = input.bool()
        let (windowLog, matchFinder) = ZstdFuzzParameters.draw(&input)
        var parameters = ZstdParameters(level: level, checksum: checksum, windowLog: windowLog, longDistanceMatching: longDistance, matchFinder: matchFinder)
        ZstdFuzzParameters.drawExtras(&input, into: &parameters)
        let producer = FuzzedSequenceProducer.draw(&input, adjusting: &parameters)
        let split = input.int(in: 1...1_024)
        let sequences = input.pick(from: SequenceForm.allCases)
        // Sixteenths of the data: a split drawn in bytes would mostly fall past a small input's end.
        let prefixShare = input.int(in: 0...3) == 0 ? input.int(in: 1...15) : 0
        let asDictionary = prefixShare > 0 && input.bool()
        let data = input.remainingBytes()
        var output: [UInt8]?
        try compressor.use { compressor throws(InvariantViolation) in
            try mustSucceed("set up the compressor with \(parameters)") { try compressor.reset(to: parameters) }
            compressor.register(producer)
            let result = Result { () throws(ZstdError) in try compressor.compress(data) }
            output = try FuzzedSequenceProducer.output(of: result, with: producer, "compress \(data.count) bytes with \(parameters)")
        }
        guard let compressed = output else { return }
        try invariant(compressed.count <= Zstd.compressBound(data.count), "compressed size over compressBound")
        let header = try mustSucceed("read own frame header") { try Zstd.frameHeader(of: compressed) }
        let size = parameters.writesContentSize ? UInt64(data.count) : nil
        try invariant(header.contentSize == size, "frame declares \(String(describing: header.contentSize)), not \(String(describing: size))")
        try invariant(header.hasChecksum == checksum, "checksum flag \(header.hasChecksum), asked for \(checksum)")
        // The bound is the exact size: a correct frame never needs a byte more.
        try decompressor.use { decompressor throws(InvariantViolation) in
            let decompressed = try mustSucceed("decompress own frame at level \(level)") {
                try decompressor.decompress(compressed, maxOutputSize: data.count)
            }
            try invariant(decompressed == data, "round trip changed \(data.count) bytes at level \(level)")
            // The streaming decoder, fed the frame in pieces, agrees: libzstd's two decoders
            // check different things (see ZstdDecompress), and a frame the compressor made
            // must pass both.
            decompressor.reset()
            let streamed = try streamDecode(compressed, inPiecesOf: split, with: decompressor, "own frame at level \(level)")
            try invariant(streamed == data, "streaming decompression changed \(data.count) bytes at level \(level)")
        }
        if sequences != .none {
            try roundTripThroughSequences(data, parameters: parameters, form: sequences)
        }
        if prefixShare > 0 {
            try roundTripAgainstPrefix(data, prefixLength: data.count * prefixShare / 16, asDictionary: asDictionary, parameters: parameters, producer: producer)
        }
    }

    /// The bytes after the first `prefixLength`, compressed against those as a reference
    /// prefix (libzstd's match finders then search a second, separate buffer: their
    /// external-dictionary forms) or as a raw-content dictionary (their dictionary-state
    /// forms), decode as `checkDecoding` says.
    static func roundTripAgainstPrefix(_ data: [UInt8], prefixLength: Int, asDictionary: Bool, parameters: ZstdParameters,
                                       producer: FuzzedSequenceProducer?) throws(InvariantViolation) {
        // A buffer of its own: a slice of `data` would end where the content starts, and
        // libzstd would see one contiguous window instead of a prefix to search separately.
        let prefix = Array(data.prefix(prefixLength))
        let content = data.dropFirst(prefixLength)
        if asDictionary {
            // Empty bytes, or the dictionary magic and garbage, are refused with a typed error.
            guard let dictionary = try? ZstdDictionary(bytes: prefix, level: parameters.level) else { return }
            try roundTrip(content, with: dictionary, parameters: parameters, producer: producer)
            return
        }
        var output: [UInt8]?
        try compressor.use { compressor throws(InvariantViolation) in
            // The sequences' pass may have changed the parameters.
            try mustSucceed("set up the compressor with \(parameters)") { try compressor.reset(to: parameters) }
            let result = Result { () throws(ZstdError) in try compressor.compress(content, prefix: prefix) }
            output = try FuzzedSequenceProducer.output(of: result, with: producer, "compress \(content.count) bytes against a prefix of \(prefix.count) with \(parameters)")
        }
        guard let frame = output else { return }
        try decompressor.use { decompressor throws(InvariantViolation) in
            try checkDecoding(frame, madeAgainst: prefix, of: content, with: decompressor)
        }
    }

    /// `content` compressed with `dictionary` decodes with it; without it, as a frame made
    /// against a prefix does.
    static func roundTrip(_ content: ArraySlice<UInt8>, with dictionary: ZstdDictionary, parameters: ZstdParameters,
                          producer: FuzzedSequenceProducer?) throws(InvariantViolation) {
        var output: [UInt8]?
        try compressor.use { compressor throws(InvariantViolation) in
            try mustSucceed("set up the compressor with \(parameters) and a dictionary") { try compressor.reset(to: parameters, dictionary: dictionary) }
            let result = Result { () throws(ZstdError) in try compressor.compress(content) }
            output = try FuzzedSequenceProducer.output(of: result, with: producer, "compress \(content.count) bytes with a dictionary of \(dictionary.bytes.count)")
        }
        guard let frame = output else { return }
        let decompressor = try mustSucceed("create a decompressor with the dictionary") { try ZstdDecompressor(dictionary: dictionary) }
        let decoded = try mustSucceed("decompress the frame made with a dictionary") { try decompressor.decompress(frame, maxOutputSize: content.count) }
        try invariant(decoded.elementsEqual(content), "the frame made with a dictionary decodes to other bytes")
        // Bytes that parse as a zstd-format dictionary are one (ZstdDictionaryRoundTrip's
        // case); raw content has no id, and its frames none to name.
        guard dictionary.id == 0 else { return }
        try self.decompressor.use { decompressor throws(InvariantViolation) in
            try checkDecodingAlone(frame, of: content, with: decompressor, "made with a dictionary")
        }
    }

    /// `frame`, made from `content` with a prefix or raw-content dictionary, decoded without
    /// it: the same bytes when it never refers back, and otherwise libzstd's corruption error.
    static func checkDecodingAlone(_ frame: [UInt8], of content: some Collection<UInt8>, with decompressor: ZstdDecompressor,
                                   _ how: @autoclosure () -> String) throws(InvariantViolation) {
        switch Result(catching: { () throws(ZstdError) in try decompressor.decompress(frame, maxOutputSize: content.count) }) {
        case .success(let alone):
            try invariant(alone.elementsEqual(content), "the frame \(how()) decodes to other bytes without it")
        case .failure(let error):
            try invariant(error.code == ZstdError.corruptionCode, "the frame \(how()) fails without it as \(error), not as corrupt")
        }
    }

    /// What the streaming decoder makes of `frame` fed in pieces of `split` bytes, finished.
    static func streamDecode(_ frame: [UInt8], inPiecesOf split: Int, with decompressor: ZstdDecompressor,
                             _ what: @autoclosure () -> String) throws(InvariantViolation) -> [UInt8] {
        var streamed: [UInt8] = []
        for start in stride(from: 0, to: frame.count, by: split) {
            streamed += try mustSucceed("stream-decompress \(what())") {
                try decompressor.decompress(chunk: frame[start..<min(start + split, frame.count)])
            }
        }
        try mustSucceed("finish the stream of \(what())") { try decompressor.finish() }
        return streamed
    }

    /// `frame`, made from `content` against `prefix`, decodes to it with the prefix; without
    /// it, to the same bytes when it never refers back, and otherwise it fails as corrupt.
    static func checkDecoding(_ frame: [UInt8], madeAgainst prefix: some Collection<UInt8>, of content: some Collection<UInt8>,
                              with decompressor: ZstdDecompressor) throws(InvariantViolation) {
        let decoded = try mustSucceed("decompress the frame made against a prefix of \(prefix.count) bytes") {
            try decompressor.decompress(frame, prefix: prefix, maxOutputSize: content.count)
        }
        try invariant(decoded.elementsEqual(content), "the frame made against a prefix decodes to other bytes")
        let header = try mustSucceed("read the header of the frame made against a prefix") { try Zstd.frameHeader(of: frame) }
        try invariant(header.dictionaryID == 0, "a frame made against a prefix names dictionary \(header.dictionaryID)")
        try checkDecodingAlone(frame, of: content, with: decompressor, "made against a prefix")
    }

    /// Whether an input also goes through the sequence API, and in which form.
    enum SequenceForm: CaseIterable {
        case none, delimited, merged
    }

    /// The match finder's sequences for `data`, compressed from as they come (each block
    /// delimited) or merged (libzstd cuts the blocks), decode to `data`.
    static func roundTripThroughSequences(_ data: [UInt8], parameters: ZstdParameters, form: SequenceForm) throws(InvariantViolation) {
        let generated = try mustSucceed("generate sequences for \(data.count) bytes with \(parameters)") {
            try Zstd.sequences(of: data, parameters: parameters)
        }
        let sequences = form == .merged ? Zstd.mergingBlockDelimiters(generated) : generated
        var frame: [UInt8] = []
        try compressor.use { compressor throws(InvariantViolation) in
            if parameters.longDistanceMatching {
                // libzstd 1.5.4's long-distance matcher lists matches of 3 bytes, which its own
                // check of sequences refuses unless minMatch is 3 (ZSTD_validateSequence); the
                // match finder's other settings do not change how a frame is made from them.
                var accepting = parameters
                accepting.matchFinder.minMatch = 3
                try mustSucceed("set up the compressor with \(accepting)") { try compressor.reset(to: accepting) }
            }
            frame = try mustSucceed("compress \(data.count) bytes from \(sequences.count) \(form) sequences with \(compressor.parameters)") {
                try compressor.compress(data, sequences: sequences)
            }
        }
        try decompressor.use { decompressor throws(InvariantViolation) in
            let decoded = try mustSucceed("decompress the frame made from \(form) sequences") {
                try decompressor.decompress(frame, maxOutputSize: data.count)
            }
            try invariant(decoded == data, "the frame made from \(form) sequences decodes to other bytes")
        }
    }

    /// A compression and a decompression context for the process, as libzstd's
    /// simple_round_trip keeps: the compressor is set up afresh for each input.
    static let compressor = ReusedPerProcess { () throws(InvariantViolation) in
        try mustSucceed("create compressor") { try ZstdCompressor() }
    }
    static let decompressor = ReusedPerProcess { () throws(InvariantViolation) in
        try mustSucceed("create decompressor") { try ZstdDecompressor() }
    }

    public static var seeds: [[UInt8]] {
        SeedSamples.all.enumerated().map { index, sample in
            var builder = FuzzInputBuilder()
            builder.int([1, 3, -5, 19, 3, 9, 1][index % 7], in: levels)
            builder.bool(index % 2 == 0)
            builder.bool(index == 4)
            ZstdFuzzParameters.build(&builder, strategy: index % 3 == 0 ? ZstdStrategy.allCases[index % 9] : nil)
            ZstdFuzzParameters.buildExtras(&builder, set: index % 4 == 1, longDistanceMatching: index == 4)
            FuzzedSequenceProducer.build(&builder, index == 6 ? .strict : nil)
            builder.int([1, 7, 64, 1_024][index % 4], in: 1...1_024)
            builder.pick(SequenceForm.allCases[index % 3], from: SequenceForm.allCases)
            builder.int(index % 4 == 2 ? 0 : 1, in: 0...3)
            if index % 4 == 2 {
                builder.int(8, in: 1...15)
                builder.bool(index == 6)  // as a dictionary
            }
            builder.remainingBytes(sample)
            return builder.data
        }
    }
}
