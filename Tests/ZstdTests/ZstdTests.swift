import Testing
import Zstd

let sample = Array((0..<10_000).map { UInt8(truncatingIfNeeded: ($0 * 7) % 251) })
let text = Array(String(repeating: "the boundary between Swift and C ", count: 200).utf8)

@Suite struct OneShot {
    @Test(arguments: [-5, 1, 3, 19])
    func roundTripsAtEveryLevel(level: Int) throws {
        let compressed = try Zstd.compress(text, level: level)
        #expect(compressed.count < text.count)
        #expect(try Zstd.decompress(compressed) == text)
    }

    @Test func roundTripsEmptyInput() throws {
        let compressed = try Zstd.compress([UInt8]())
        #expect(try Zstd.frameHeader(of: compressed).contentSize == 0)
        #expect(try Zstd.decompress(compressed) == [])
    }

    @Test func acceptsSlicesWithoutCopyingSemanticsChanging() throws {
        let compressed = try Zstd.compress(sample[100..<5_000])
        #expect(try Zstd.decompress(compressed[...]) == Array(sample[100..<5_000]))
    }

    @Test func compressRejectsLevelOutOfRange() {
        #expect(throws: ZstdError.invalidArgument("compression level 99 outside \(Zstd.levels)")) {
            try Zstd.compress(text, level: 99)
        }
    }

    @Test func decompressRejectsGarbageWithLibraryCode() {
        let error = #expect(throws: ZstdError.self) { try Zstd.decompress(Array("plain text".utf8)) }
        #expect(error?.code == ZstdError.unknownFrameCode)
    }

    @Test func decompressRejectsFrameLargerThanBound() throws {
        let compressed = try Zstd.compress(text)
        #expect(throws: ZstdError.outputLimitExceeded(limit: text.count - 1)) {
            try Zstd.decompress(compressed, maxOutputSize: text.count - 1)
        }
        #expect(try Zstd.decompress(compressed, maxOutputSize: text.count) == text)
    }

    @Test func decompressBoundsFramesWithoutDeclaredSize() throws {
        let compressor = try ZstdCompressor()
        // Fed in pieces, the encoder cannot know the size when it writes the header.
        let frame = try compressor.compress(chunk: text, mode: .continue) + compressor.compress(chunk: [UInt8](), mode: .end)
        #expect(try Zstd.frameHeader(of: frame).contentSize == nil)
        #expect(throws: ZstdError.outputLimitExceeded(limit: 100)) { try Zstd.decompress(frame, maxOutputSize: 100) }
        #expect(try Zstd.decompress(frame) == text)
    }

    @Test func decompressRejectsTruncatedFrame() throws {
        let compressed = try Zstd.compress(sample)
        #expect(throws: ZstdError.truncatedInput) { try Zstd.decompress(compressed.dropLast(5)) }
    }

    @Test func decompressRejectsNegativeBound() throws {
        let compressed = try Zstd.compress(sample)
        #expect(throws: ZstdError.invalidArgument("maxOutputSize -1 is negative")) { try Zstd.decompress(compressed, maxOutputSize: -1) }
    }

    @Test func decompressConcatenatesFramesAndSkipsSkippableOnes() throws {
        let a = try Zstd.compress(Array("first ".utf8)), b = try Zstd.compress(Array("second".utf8))
        let skippable: [UInt8] = [0x50, 0x2A, 0x4D, 0x18, 2, 0, 0, 0, 0xAA, 0xBB]
        #expect(try Zstd.decompress(a + skippable + b) == Array("first second".utf8))
        #expect(try Zstd.decompress(skippable) == [])
    }

    /// A skippable frame's 8-byte header split across chunks, down to one byte per chunk, and
    /// as a file reader feeds it (64 KiB chunks of a 65,540-byte input): libzstd reports its
    /// header size as 0, which the frame reader once subtracted from the bytes gathered.
    @Test(arguments: [1, 3, 65_536])
    func streamedSkippableFramesSplitAnywhereDecodeToNothing(chunkSize: Int) throws {
        let small: [UInt8] = [0x50, 0x2A, 0x4D, 0x18, 0, 0, 0, 0]
        let large: [UInt8] = [0x50, 0x2A, 0x4D, 0x18, 0xF4, 0xFF, 0, 0] + [UInt8](repeating: 0xAB, count: 65_524) + small
        let text = Array("after the skipped frames".utf8)
        let cases: [(input: [UInt8], output: [UInt8])] = [(small, []), (large, []), (small + (try Zstd.compress(text)), text)]
        for (input, expected) in cases {
            let decompressor = try ZstdDecompressor()
            var output: [UInt8] = []
            for start in stride(from: 0, to: input.count, by: chunkSize) {
                output += try decompressor.decompress(chunk: input[start..<min(start + chunkSize, input.count)])
            }
            try decompressor.finish()
            #expect(output == expected, "\(input.count) bytes in chunks of \(chunkSize)")
        }
    }

    @Test func decompressRejectsGarbageAfterFrame() throws {
        let frame = try Zstd.compress(sample)
        #expect((#expect(throws: ZstdError.self) { try Zstd.decompress(frame + [1, 2, 3, 4, 5, 6, 7, 8]) })?.code == ZstdError.unknownFrameCode)
    }

    @Test func decompressRefusesDeclaredBombBeforeAllocating() throws {
        // 8 MiB of zeros compress to a few hundred bytes that declare their size.
        let bomb = try Zstd.compress([UInt8](repeating: 0, count: 8 << 20), level: 19)
        #expect(bomb.count < 2_000)
        #expect(throws: ZstdError.outputLimitExceeded(limit: 1 << 20)) { try Zstd.decompress(bomb, maxOutputSize: 1 << 20) }
    }
}

@Suite struct FrameHeader {
    @Test func readsContentSizeWindowAndDictionary() throws {
        let header = try Zstd.frameHeader(of: try Zstd.compress(sample))
        #expect(header.contentSize == UInt64(sample.count))
        #expect(header.windowSize >= UInt64(sample.count))
        #expect(header.dictionaryID == 0)
        #expect(!header.isSkippable)
        #expect(header.headerSize > 4)
    }

    @Test func recognizesSkippableFrames() throws {
        let header = try Zstd.frameHeader(of: [0x50, 0x2A, 0x4D, 0x18, 2, 0, 0, 0, 0xAA, 0xBB] as [UInt8])
        #expect(header.isSkippable)
    }

    @Test func rejectsShortAndForeignInput() {
        #expect(throws: ZstdError.truncatedInput) { try Zstd.frameHeader(of: [0x28, 0xB5] as [UInt8]) }
        let error = #expect(throws: ZstdError.self) { try Zstd.frameHeader(of: Array("not a frame".utf8)) }
        #expect(error?.code == ZstdError.unknownFrameCode)
    }
}

@Suite struct Streaming {
    @Test func chunkedCompressionRoundTrips() throws {
        let compressor = try ZstdCompressor(level: 5)
        var stream: [UInt8] = []
        for start in stride(from: 0, to: text.count, by: 1_000) {
            stream += try compressor.compress(chunk: text[start..<min(start + 1_000, text.count)], mode: .continue)
        }
        stream += try compressor.compress(chunk: [UInt8](), mode: .end)
        #expect(try Zstd.decompress(stream) == text)
    }

    @Test func flushMakesEverythingSoFarDecodable() throws {
        let compressor = try ZstdCompressor()
        let flushed = try compressor.compress(chunk: Array("hello".utf8), mode: .flush)
        let decompressor = try ZstdDecompressor()
        #expect(try decompressor.decompress(chunk: flushed) == Array("hello".utf8))
        #expect(throws: ZstdError.truncatedInput) { try decompressor.finish() }
    }

    @Test func chunkedDecompressionMatchesOneShot() throws {
        let frame = try Zstd.compress(sample)
        let decompressor = try ZstdDecompressor()
        var output: [UInt8] = []
        for start in stride(from: 0, to: frame.count, by: 17) {
            output += try decompressor.decompress(chunk: frame[start..<min(start + 17, frame.count)])
        }
        try decompressor.finish()
        #expect(output == sample)
    }

    @Test func streamingDecompressionEnforcesItsBound() throws {
        let frame = try Zstd.compress(text)
        let decompressor = try ZstdDecompressor(maxStreamOutputSize: 1_000)
        #expect(throws: ZstdError.outputLimitExceeded(limit: 1_000)) { try decompressor.decompress(chunk: frame) }
        // The stream was reset: the context is usable again.
        decompressor.maxStreamOutputSize = text.count
        #expect(try decompressor.decompress(chunk: frame) == text)
    }

    /// A frame whose output ends exactly where the decoder's 64 KiB output buffer does: the
    /// call that ends the frame fills the buffer, so the loop asks libzstd once more, with no
    /// input left, and that call must not count as the start of another frame.
    @Test(arguments: [64 << 10, 2 << 20])
    func streamingDecodesFramesEndingAtTheBuffersEdge(count: Int) throws {
        let data = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 15) }
        var parameters = ZstdParameters(level: 1)
        parameters.writesContentSize = false
        let frame = try ZstdCompressor(parameters).compress(data)
        let decompressor = try ZstdDecompressor()
        #expect(try decompressor.decompress(chunk: frame) == data)
        try decompressor.finish()
        // Over 1 MiB without a declared size, one-shot decoding streams too.
        #expect(try decompressor.decompress(frame, maxOutputSize: 4 << 20) == data)
    }

    @Test func streamingDecompressionRejectsGarbage() throws {
        let decompressor = try ZstdDecompressor()
        #expect((#expect(throws: ZstdError.self) { try decompressor.decompress(chunk: Array("garbage!".utf8)) })?.code == ZstdError.unknownFrameCode)
    }

    /// A single-segment frame declaring `declared` bytes whose only block is a raw last block
    /// holding `content`.
    static func frame(declaring declared: UInt8, content: [UInt8]) -> [UInt8] {
        let blockHeader = UInt32(content.count) << 3 | 1
        return [0x28, 0xB5, 0x2F, 0xFD, 0x20, declared,
                UInt8(blockHeader & 0xFF), UInt8(blockHeader >> 8 & 0xFF), UInt8(blockHeader >> 16)] + content
    }

    @Test(arguments: [1, 2, 1_000])
    func streamingHoldsEachFrameToItsDeclaredSize(chunkSize: Int) throws {
        // libzstd 1.5.4's streaming decoder itself lets a frame whose last block is empty
        // decode to less than it declares; the wrapper must refuse it with libzstd's own kind
        // of error, however the frame is split.
        let good = Self.frame(declaring: 3, content: Array("abc".utf8))
        for bad in [Self.frame(declaring: 5, content: []), Self.frame(declaring: 5, content: Array("abc".utf8)),
                    Self.frame(declaring: 1, content: Array("abc".utf8)), good + Self.frame(declaring: 9, content: [1])] {
            let decompressor = try ZstdDecompressor()
            let error = #expect(throws: ZstdError.self) {
                for start in stride(from: 0, to: bad.count, by: chunkSize) {
                    _ = try decompressor.decompress(chunk: bad[start..<min(start + chunkSize, bad.count)])
                }
                try decompressor.finish()
            }
            #expect(error?.code != nil, "\(bad): \(String(describing: error))")
            // The stream was reset: the next frame decodes.
            #expect(try decompressor.decompress(chunk: good) == Array("abc".utf8))
            let oneShot = #expect(throws: ZstdError.self) { try decompressor.decompress(bad) }
            #expect(oneShot?.code != nil)
        }
    }

    @Test(arguments: [1, 2, 4, 1_000])
    func streamingRefusesEmptyCompressedBlocks(chunkSize: Int) throws {
        // regression-59a39d6b928620e1: a compressed block needs at least its literals and
        // sequences headers. libzstd 1.5.4's one-shot decoder refuses one of size 0; its
        // streaming decoder takes it for an empty block. The wrapper refuses it both ways.
        let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
        let raw: [UInt8] = [0x11, 0x00, 0x00] + Array("hi".utf8)        // last, raw, 2 bytes
        let good = magic + [0x00, 0x03] + raw                            // window only, no size
        for bad in [magic + [0x00, 0x03, 0x05, 0x00, 0x00],              // last, compressed, 0 bytes
                    magic + [0x00, 0x03, 0x04, 0x00, 0x00] + raw,        // not last, compressed, 0 bytes
                    good + magic + [0x20, 0x00, 0x05, 0x00, 0x00]] {     // declares 0 bytes
            let decompressor = try ZstdDecompressor()
            let error = #expect(throws: ZstdError.self) {
                for start in stride(from: 0, to: bad.count, by: chunkSize) {
                    _ = try decompressor.decompress(chunk: bad[start..<min(start + chunkSize, bad.count)])
                }
                try decompressor.finish()
            }
            #expect(error?.code == ZstdError.corruptionCode, "\(bad): \(String(describing: error))")
            #expect(try decompressor.decompress(chunk: good) == Array("hi".utf8))
            try decompressor.finish()
            for bound in [1 << 10, 64 << 20] {
                let oneShot = #expect(throws: ZstdError.self) { try decompressor.decompress(bad, maxOutputSize: bound) }
                #expect(oneShot?.code == ZstdError.corruptionCode)
            }
        }
        // Blocks of every other kind and size stream as before, whatever the split.
        let decompressor = try ZstdDecompressor()
        let rle: [UInt8] = [0x02 | 5 << 3, 0x00, 0x00, 0x41]                 // not last, RLE, 5 x "A"
        let emptyRaw: [UInt8] = [0x00, 0x00, 0x00]                           // not last, raw, 0 bytes
        let checksummed = try ZstdCompressor(ZstdParameters(checksum: true)).compress(text)
        let stream = magic + [0x00, 0x03] + rle + emptyRaw + raw + checksummed + good
        var output: [UInt8] = []
        for start in stride(from: 0, to: stream.count, by: chunkSize) {
            output += try decompressor.decompress(chunk: stream[start..<min(start + chunkSize, stream.count)])
        }
        try decompressor.finish()
        #expect(output == Array("AAAAAhi".utf8) + text + Array("hi".utf8))
    }

    @Test func lentOutputMatchesTheAllocatingCallAtEverySize() throws {
        let decompressor = try ZstdDecompressor()
        let big = Array(repeating: UInt8(7), count: (1 << 20) + 1)  // past the kept buffer
        let streamed = try { () throws(ZstdError) -> [UInt8] in
            let compressor = try ZstdCompressor()
            return try compressor.compress(chunk: text, mode: .end)  // no declared size
        }()
        for frame in [try Zstd.compress(sample), try Zstd.compress([UInt8]()), try Zstd.compress(text),
                      try Zstd.compress(Array(sample.prefix(10))), try Zstd.compress(big), streamed] {
            let lent = try decompressor.withDecompressed(frame) { span in span.indices.map { span[$0] } }
            #expect(lent == (try decompressor.decompress(frame)))
        }
    }

    @Test func lentFramesMatchTheAllocatingCallAtEverySize() throws {
        let compressor = try ZstdCompressor(level: 3)
        for data in [sample, [], text, Array(sample.prefix(10)), Array(repeating: UInt8(7), count: (1 << 20) + 1), sample] {
            let lent = try compressor.withCompressed(data) { span in span.indices.map { span[$0] } }
            #expect(lent == (try compressor.compress(data)))
            #expect(try Zstd.decompress(lent) == data)
        }
    }

    @Test func lentOutputKeepsTheBoundsAndErrors() throws {
        let decompressor = try ZstdDecompressor()
        let frame = try Zstd.compress(text)
        #expect(throws: ZstdError.outputLimitExceeded(limit: 100)) { try decompressor.withDecompressed(frame, maxOutputSize: 100) { $0.count } }
        #expect(throws: ZstdError.invalidArgument("maxOutputSize -1 is negative")) { try decompressor.withDecompressed(frame, maxOutputSize: -1) { $0.count } }
        let garbage = #expect(throws: ZstdError.self) { try decompressor.withDecompressed(Array("garbage!".utf8)) { $0.count } }
        #expect(garbage?.code == ZstdError.unknownFrameCode)
        var corrupt = try ZstdCompressor(ZstdParameters(checksum: true)).compress(text)
        corrupt[corrupt.count - 1] ^= 0x55
        let checksum = #expect(throws: ZstdError.self) { try decompressor.withDecompressed(corrupt) { $0.count } }
        #expect(checksum?.code == ZstdError.checksumWrongCode)
        #expect(try decompressor.withDecompressed(frame) { $0.count } == text.count)
    }

    /// Frames without declared sizes decode in one call into the kept buffer when libzstd
    /// can bound their output within 1 MiB (or the caller's bound is within it), and stream
    /// otherwise (malformed input too). Both paths give the same bytes and errors.
    @Test(arguments: [text.count, 1 << 20, (1 << 20) + 1, 64 << 20])
    func undeclaredFramesDecodeAlikeUnderEveryBound(bound: Int) throws {
        let undeclared = { (compressor: ZstdCompressor) throws(ZstdError) -> [UInt8] in
            // Fed in pieces, the encoder cannot know the size when it writes the header.
            try compressor.compress(chunk: text, mode: .continue) + compressor.compress(chunk: [UInt8](), mode: .end)
        }
        let frame = try undeclared(ZstdCompressor())
        #expect(try Zstd.frameHeader(of: frame).contentSize == nil)
        let decompressor = try ZstdDecompressor()
        #expect(try decompressor.decompress(frame, maxOutputSize: bound) == text)
        #expect(try decompressor.withDecompressed(frame, maxOutputSize: bound) { span in span.indices.map { span[$0] } } == text)
        #expect(try decompressor.decompress(frame + frame, maxOutputSize: 2 * bound) == text + text)
        #expect(throws: ZstdError.outputLimitExceeded(limit: text.count - 1)) {
            try decompressor.decompress(frame, maxOutputSize: text.count - 1)
        }
        #expect(throws: ZstdError.truncatedInput) { try decompressor.decompress(frame.dropLast(5), maxOutputSize: bound) }
        #expect(throws: ZstdError.truncatedInput) { try decompressor.decompress(frame + [0x28, 0xB5], maxOutputSize: bound) }
        let garbage = #expect(throws: ZstdError.self) { try decompressor.decompress(Array("garbage!".utf8), maxOutputSize: bound) }
        #expect(garbage?.code == ZstdError.unknownFrameCode)
        let trailing = #expect(throws: ZstdError.self) { try decompressor.decompress(frame + Array("garbage!".utf8), maxOutputSize: bound) }
        #expect(trailing?.code == ZstdError.unknownFrameCode)
        let checksummed = try undeclared(ZstdCompressor(ZstdParameters(checksum: true)))
        #expect(throws: ZstdError.truncatedInput) { try decompressor.decompress(checksummed.dropLast(2), maxOutputSize: bound) }
        var corrupt = checksummed
        corrupt[corrupt.count / 2] ^= 0x55
        #expect((#expect(throws: ZstdError.self) { try decompressor.decompress(corrupt, maxOutputSize: bound) })?.code == ZstdError.checksumWrongCode)
        let skippable: [UInt8] = [0x50, 0x2A, 0x4D, 0x18, 2, 0, 0, 0, 0xAA, 0xBB]
        #expect(try decompressor.decompress(skippable, maxOutputSize: 0) == [])
    }

    @Test func undeclaredFramesPastTheKeptBufferStream() throws {
        let big = Array(repeating: UInt8(7), count: (1 << 20) + 1)
        let compressor = try ZstdCompressor()
        let frame = try compressor.compress(chunk: big, mode: .continue) + compressor.compress(chunk: [UInt8](), mode: .end)
        #expect(try Zstd.frameHeader(of: frame).contentSize == nil)
        let decompressor = try ZstdDecompressor()
        #expect(try decompressor.decompress(frame) == big)
        #expect(try decompressor.withDecompressed(frame) { $0.count } == big.count)
        #expect(throws: ZstdError.outputLimitExceeded(limit: big.count - 1)) { try decompressor.decompress(frame, maxOutputSize: big.count - 1) }
    }

    @Test func undeclaredFramesPastLibzstdsBoundGetTheStreamingVerdict() throws {
        // libzstd's ZSTD_decompressBound assumes blocks of at most 128 KiB, but an RLE block's
        // header may claim up to 2 MiB. Decoding into a buffer of that bound runs out of room,
        // which must not be reported as the caller's bound being passed: the streaming decoder
        // decides, and it refuses the block (over the frame's Block_Maximum_Size).
        let size = 200_000
        let word = size << 3 | 1 << 1 | 1                                   // last, RLE
        let frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x50,           // no size, 1 MiB window
                              UInt8(word & 0xFF), UInt8(word >> 8 & 0xFF), UInt8(word >> 16), 0x41]
        let decompressor = try ZstdDecompressor()
        let streamed = try #require(#expect(throws: ZstdError.self) { try decompressor.decompress(chunk: frame) })
        #expect(streamed.code == ZstdError.corruptionCode)
        for bound in [size, 1 << 20, 64 << 20] {
            #expect(throws: streamed) { try decompressor.decompress(frame, maxOutputSize: bound) }
            #expect(throws: streamed) { try decompressor.withDecompressed(frame, maxOutputSize: bound) { $0.count } }
        }
    }

    @Test func oneShotCallsAbandonTheStreamInProgress() throws {
        let frame = try Zstd.compress(sample)
        let decompressor = try ZstdDecompressor(maxStreamOutputSize: sample.count)
        _ = try decompressor.decompress(chunk: frame.prefix(frame.count / 2))
        #expect(try decompressor.decompress(frame) == sample)
        #expect(try decompressor.withDecompressed(frame) { $0.count } == sample.count)
        // A new stream starts from nothing: a whole frame, within the bound, and complete.
        #expect(try decompressor.decompress(chunk: frame) == sample)
        try decompressor.finish()
    }

    @Test func contextsAreReusable() throws {
        let compressor = try ZstdCompressor(level: 3), decompressor = try ZstdDecompressor()
        for size in [0, 1, 100, 5_000] {
            let data = Array(sample.prefix(size))
            #expect(try decompressor.decompress(try compressor.compress(data)) == data)
        }
    }
}

@Test func loadedLibraryMatchesHeaders() {
    #expect(Zstd.libraryVersion == Zstd.headerVersion)
    #expect(Zstd.libraryVersion >= 10_400)
}

@Test func skippableFramesDeclareNoContent() throws {
    let header = try Zstd.frameHeader(of: [0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 1, 2, 3, 4] as [UInt8])
    #expect(header.isSkippable)
    #expect(header.contentSize == 0)
}
