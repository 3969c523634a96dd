import Testing
import Zstd

/// Reference prefixes: a frame compressed against bytes the receiver already holds.
@Suite struct Prefixes {
    /// An old version of a document and a new one that changes a few of its records.
    static let old = records.prefix(120).flatMap { $0 }
    static let new = records.prefix(120).enumerated().flatMap { index, record in index % 40 == 7 ? Array("changed".utf8) : record }

    @Test func aFrameAgainstItsPrefixIsSmallAndDecodesWithIt() throws {
        let compressor = try ZstdCompressor(ZstdParameters(level: 3))
        let frame = try compressor.compress(Self.new, prefix: Self.old)
        let alone = try compressor.compress(Self.new)
        #expect(frame.count * 3 < alone.count, "\(frame.count) bytes against the prefix, \(alone.count) alone")
        #expect(try ZstdDecompressor().decompress(frame, prefix: Self.old) == Self.new)
    }

    /// The three ways a one-shot decode goes: a declared size, an undeclared one bounded
    /// within the kept buffer, and one streamed (undeclared, over 1 MiB).
    @Test(arguments: [(true, 1 << 20), (false, 1 << 20), (false, 8 << 20)])
    func everyDecodingPathUsesThePrefix(declaresSize: Bool, length: Int) throws {
        let old = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 15) }
        var new = old
        for index in stride(from: 5, to: new.count, by: 100_003) { new[index] ^= 0x5A }
        var parameters = ZstdParameters(level: 1, windowLog: 24)
        parameters.writesContentSize = declaresSize
        let frame = try ZstdCompressor(parameters).compress(new, prefix: old)
        #expect(frame.count < length / 50, "\(frame.count) bytes")
        #expect(try ZstdDecompressor().decompress(frame, prefix: old, maxOutputSize: length) == new)
        // Without the prefix, the first match into it is out of reach.
        let error = #expect(throws: ZstdError.self) { try ZstdDecompressor().decompress(frame, maxOutputSize: length) }
        #expect(error?.code == ZstdError.corruptionCode)
    }

    @Test func thePrefixServesOneCall() throws {
        let compressor = try ZstdCompressor(ZstdParameters(level: 3))
        let decompressor = try ZstdDecompressor()
        let prefixed = try compressor.compress(Self.new, prefix: Self.old)
        #expect(try decompressor.decompress(prefixed, prefix: Self.old) == Self.new)
        // Neither context keeps the prefix for the next frame.
        let plain = try compressor.compress(Self.new)
        #expect(try Zstd.decompress(plain) == Self.new)
        #expect(try decompressor.decompress(plain) == Self.new)
        #expect((#expect(throws: ZstdError.self) { try decompressor.decompress(prefixed) })?.code == ZstdError.corruptionCode)
    }

    @Test func aPrefixBelongsToOneFrame() throws {
        let frame = try ZstdCompressor().compress(Self.new, prefix: Self.old)
        #expect(throws: ZstdError.invalidArgument("a prefix belongs to one frame, and \(frame.count) bytes follow it")) {
            try ZstdDecompressor().decompress(frame + frame, prefix: Self.old)
        }
        // A frame cut short is libzstd's to report, as without a prefix.
        #expect(throws: ZstdError.truncatedInput) { try ZstdDecompressor().decompress(frame.dropLast(3), prefix: Self.old) }
    }

    @Test func aPrefixTakesTheDictionarysPlace() throws {
        let dictionary = try ZstdDictionary(bytes: Self.old)
        #expect(throws: ZstdError.invalidArgument("a prefix takes the dictionary's place, and this compressor has a dictionary")) {
            try ZstdCompressor(ZstdParameters(), dictionary: dictionary).compress(Self.new, prefix: Self.old)
        }
        #expect(throws: ZstdError.invalidArgument("a prefix takes the dictionary's place, and this decompressor has a dictionary")) {
            try ZstdDecompressor(dictionary: dictionary).decompress(try ZstdCompressor().compress(Self.new, prefix: Self.old), prefix: Self.old)
        }
    }

    @Test func anEmptyPrefixIsNoPrefix() throws {
        let frame = try ZstdCompressor().compress(Self.new, prefix: [UInt8]())
        #expect(try Zstd.decompress(frame) == Self.new)
        #expect(try ZstdDecompressor().decompress(frame, prefix: [UInt8]()) == Self.new)
    }

    /// Streamed in chunks on both sides, the prefix serves the frame that follows `setPrefix`.
    @Test func aStreamedFrameUsesThePrefixSetBeforeIt() throws {
        let compressor = try ZstdCompressor(ZstdParameters(level: 3))
        try compressor.setPrefix(Self.old)
        var stream: [UInt8] = []
        for start in stride(from: 0, to: Self.new.count, by: 1_000) {
            stream += try compressor.compress(chunk: Self.new[start..<min(start + 1_000, Self.new.count)], mode: .continue)
        }
        stream += try compressor.compress(chunk: [UInt8](), mode: .end)
        #expect(stream.count * 3 < (try compressor.compress(Self.new)).count)
        #expect(try ZstdDecompressor().decompress(stream, prefix: Self.old) == Self.new)

        let decompressor = try ZstdDecompressor()
        try decompressor.setPrefix(Self.old)
        var decoded: [UInt8] = []
        for start in stride(from: 0, to: stream.count, by: 7) {
            decoded += try decompressor.decompress(chunk: stream[start..<min(start + 7, stream.count)])
        }
        try decompressor.finish()
        #expect(decoded == Self.new)
        // finish() dropped the prefix: the same stream is corrupt without it.
        #expect((#expect(throws: ZstdError.self) { try decompressor.decompress(chunk: stream) })?.code == ZstdError.corruptionCode)
    }

    @Test func aPrefixMidFrameIsRefusedAndTheFrameGoesOn() throws {
        let compressor = try ZstdCompressor()
        var stream = try compressor.compress(chunk: Self.new.prefix(100), mode: .continue)
        #expect((#expect(throws: ZstdError.self) { try compressor.setPrefix(Self.old) })?.code == ZstdError.stageWrongCode)
        stream += try compressor.compress(chunk: Self.new.dropFirst(100), mode: .end)
        let decompressor = try ZstdDecompressor()
        var decoded = try decompressor.decompress(chunk: stream.prefix(20))
        #expect((#expect(throws: ZstdError.self) { try decompressor.setPrefix(Self.old) })?.code == ZstdError.stageWrongCode)
        decoded += try decompressor.decompress(chunk: stream.dropFirst(20))
        try decompressor.finish()
        #expect(decoded == Self.new)
    }

    @Test func newParametersOrAOneShotCallDropAPrefix() throws {
        let compressor = try ZstdCompressor()
        try compressor.setPrefix(Self.old)
        try compressor.reset(to: ZstdParameters(level: 5))
        #expect(try Zstd.decompress(try compressor.compress(Self.new)) == Self.new)

        let prefixed = try ZstdCompressor().compress(Self.new, prefix: Self.old)
        let decompressor = try ZstdDecompressor()
        try decompressor.setPrefix(Self.old)
        #expect((#expect(throws: ZstdError.self) { try decompressor.decompress(prefixed) })?.code == ZstdError.corruptionCode)
        #expect(throws: ZstdError.invalidArgument("a prefix takes the dictionary's place, and this decompressor has a dictionary")) {
            try ZstdDecompressor(dictionary: ZstdDictionary(bytes: Self.old)).setPrefix(Self.old)
        }
        #expect(throws: ZstdError.invalidArgument("a prefix takes the dictionary's place, and this compressor has a dictionary")) {
            try ZstdCompressor(ZstdParameters(), dictionary: ZstdDictionary(bytes: Self.old)).setPrefix(Self.old)
        }
    }
}
