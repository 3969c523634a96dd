import Testing
import Zstd

/// A block's bytes, copied out of the span the compressor lends.
private func bytes(_ block: Span<UInt8>) -> [UInt8] {
    (0..<block.count).map { block[$0] }
}

@Suite struct SequenceProducers {
    @Test func theProducersSequencesMakeTheFrame() throws {
        // libzstd's own parse of each block, handed back through the producer: without
        // fallback, a parse the compressor did not take would fail the compression.
        var blocks = 0
        let compressor = try ZstdCompressor(level: 3)
        compressor.sequenceProducer = ZstdSequenceProducer(fallsBack: false) { block, _ in
            blocks += 1
            return try? Zstd.sequences(of: bytes(block))
        }
        let frame = try compressor.compress(text)
        #expect(blocks == 1)
        #expect(try Zstd.decompress(frame) == text)

        // Literals only: a valid parse, and a larger frame than libzstd's own search makes.
        compressor.sequenceProducer = ZstdSequenceProducer(fallsBack: false) { block, _ in [ZstdSequence(literalLength: block.count)] }
        let literal = try compressor.compress(text)
        #expect(try Zstd.decompress(literal) == text)
        compressor.sequenceProducer = nil
        let searched = try compressor.compress(text)
        #expect(literal.count > searched.count)
    }

    @Test func streamsAskForEveryBlock() throws {
        var blocks = 0
        let compressor = try ZstdCompressor(level: 3)
        compressor.sequenceProducer = ZstdSequenceProducer(fallsBack: false) { block, _ in
            blocks += 1
            return [ZstdSequence(literalLength: block.count)]
        }
        let input = Array(Array(repeating: sample, count: 30).joined())  // 300,000 bytes: three blocks
        var frame: [UInt8] = []
        for start in stride(from: 0, to: input.count, by: 50_000) {
            frame += try compressor.compress(chunk: input[start..<min(start + 50_000, input.count)], mode: start + 50_000 >= input.count ? .end : .continue)
        }
        #expect(blocks == 3)
        #expect(try Zstd.decompress(frame) == Array(input))
    }

    @Test func parsesLibzstdWouldMisreadAreDeclined() throws {
        let input = Array("abcabcabcabc!".utf8)
        let bad: [[ZstdSequence]] = [
            [ZstdSequence(literalLength: 3, matchLength: 2, offset: 3), ZstdSequence(literalLength: 8)],  // a match under 3 bytes
            [ZstdSequence(literalLength: 3, matchLength: 9, offset: 4), ZstdSequence(literalLength: 1)],  // before the block's start
            [ZstdSequence(literalLength: 4, matchLength: 9, offset: 2)],                                  // does not repeat the block
            [ZstdSequence(literalLength: 3, matchLength: 9, offset: 3)],                                  // one byte short
            [ZstdSequence(literalLength: 14)],                                                            // one byte over
            [ZstdSequence(literalLength: 3), ZstdSequence(literalLength: 10)],                            // a delimiter before the last
            [ZstdSequence(literalLength: 3, matchLength: 3, offset: 0), ZstdSequence(literalLength: 7)],  // a match without offset
            [],
        ]
        for sequences in bad {
            let strict = try ZstdCompressor(level: 3)
            strict.sequenceProducer = ZstdSequenceProducer(fallsBack: false) { _, _ in sequences }
            let error = #expect(throws: ZstdError.self, "\(sequences)") { try strict.compress(input) }
            #expect(error?.code == ZstdError.sequenceProducerFailedCode)
            // With fallback libzstd searches the block itself.
            let lenient = try ZstdCompressor(level: 3)
            lenient.sequenceProducer = ZstdSequenceProducer { _, _ in sequences }
            #expect(try Zstd.decompress(lenient.compress(input)) == input)
        }
        let good = [ZstdSequence(literalLength: 3, matchLength: 9, offset: 3), ZstdSequence(literalLength: 1)]
        let strict = try ZstdCompressor(level: 3)
        strict.sequenceProducer = ZstdSequenceProducer(fallsBack: false) { _, _ in good }
        #expect(try Zstd.decompress(strict.compress(input)) == input)
        // Declining outright is the same as a bad parse.
        strict.sequenceProducer = ZstdSequenceProducer(fallsBack: false) { _, _ in nil }
        #expect(#expect(throws: ZstdError.self) { try strict.compress(input) }?.code == ZstdError.sequenceProducerFailedCode)
    }

    @Test func theProducerStaysAcrossResetsAndRefusesLongDistanceMatching() throws {
        let compressor = try ZstdCompressor(level: 3)
        compressor.sequenceProducer = ZstdSequenceProducer(fallsBack: false) { _, _ in nil }
        try compressor.reset(to: ZstdParameters(level: 5, checksum: true))
        #expect(#expect(throws: ZstdError.self) { try compressor.compress(text) }?.code == ZstdError.sequenceProducerFailedCode)
        try compressor.reset(to: ZstdParameters(level: 5, longDistanceMatching: true))
        #expect(#expect(throws: ZstdError.self) { try compressor.compress(text) }?.code == ZstdError.parameterCombinationUnsupportedCode)
        compressor.sequenceProducer = nil
        #expect(try Zstd.decompress(compressor.compress(text)) == text)
    }
}
