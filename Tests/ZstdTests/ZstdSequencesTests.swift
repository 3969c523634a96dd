import Testing
import Zstd

@Suite struct Sequences {
    @Test func handWrittenSequencesMakeAFrame() throws {
        let input = Array("abcabcabcabc!".utf8)
        // "abc", then 9 bytes from 3 back, then the last literal.
        let sequences = [ZstdSequence(literalLength: 3, matchLength: 9, offset: 3), ZstdSequence(literalLength: 1)]
        let frame = try ZstdCompressor(level: 3).compress(input, sequences: sequences)
        #expect(try Zstd.decompress(frame) == input)
        // Without delimiters the last literal is implicit.
        let implicit = try ZstdCompressor(level: 3).compress(input, sequences: [sequences[0]])
        #expect(try Zstd.decompress(implicit) == input)
    }

    @Test(arguments: [1, 3, 7, 12, 19])
    func generatedSequencesCoverTheInputAndRoundTrip(level: Int) throws {
        let data = Array(records.joined()) + sample + sample.prefix(3_000)
        let parameters = ZstdParameters(level: level, checksum: true, windowLog: 17)
        let sequences = try Zstd.sequences(of: data, parameters: parameters)
        #expect(sequences.reduce(0) { $0 + $1.literalLength + $1.matchLength } == data.count)
        #expect(sequences.last?.endsBlock == true)
        #expect(sequences.contains { !$0.endsBlock && $0.offset > 0 })
        let merged = Zstd.mergingBlockDelimiters(sequences)
        #expect(!merged.contains { $0.endsBlock })
        let compressor = try ZstdCompressor(parameters)
        for form in [sequences, merged] {
            let frame = try compressor.compress(data, sequences: form)
            #expect(try Zstd.frameHeader(of: frame).hasChecksum)
            #expect(try Zstd.decompress(frame) == data)
        }
        // The compressor still compresses on its own afterwards.
        #expect(try Zstd.decompress(compressor.compress(data)) == data)
    }

    @Test func aTargetBlockSizeDoesNotHideTheSequences() throws {
        // libzstd collects nothing from superblocks; the wrapper finds the same matches without.
        var parameters = ZstdParameters(level: 3)
        let plain = try Zstd.sequences(of: sample, parameters: parameters)
        parameters.experimental.targetCompressedBlockSize = 1_024
        #expect(try Zstd.sequences(of: sample, parameters: parameters) == plain)
        let frame = try ZstdCompressor(parameters).compress(sample, sequences: plain)
        #expect(try Zstd.decompress(frame) == sample)
    }

    @Test func emptyInputHasNoSequencesAndATinyBlockIsLiterals() throws {
        #expect(try Zstd.sequences(of: []) == [])
        #expect(try Zstd.decompress(ZstdCompressor().compress([], sequences: [])) == [])
        // libzstd collects nothing from a block under 7 bytes, here the whole input.
        let tiny = Array("abcab".utf8)
        #expect(try Zstd.sequences(of: tiny) == [ZstdSequence(literalLength: 5)])
        // And from the last block of a longer input: 1 KiB blocks, then 3 bytes.
        let data = Array(sample.prefix(2_051))
        let sequences = try Zstd.sequences(of: data, parameters: ZstdParameters(level: 1, windowLog: 10))
        #expect(sequences.last == ZstdSequence(literalLength: 3))
        let frame = try ZstdCompressor(ZstdParameters(level: 1, windowLog: 10)).compress(data, sequences: sequences)
        #expect(try Zstd.decompress(frame) == data)
    }

    @Test func sequencesLibzstdWouldReadOutOfBoundsOnAreRefused() throws {
        let input = Array("abcabcabcabc".utf8)
        let compressor = try ZstdCompressor(level: 3)
        let cases: [([ZstdSequence], String)] = [
            ([ZstdSequence(literalLength: 3, matchLength: 2, offset: 3)], "sequence 0 matches 2 bytes, under zstd's minimum of 3"),
            ([ZstdSequence(literalLength: 3, matchLength: 9, offset: 4)], "sequence 0 reaches 4 bytes back from byte 3"),
            ([ZstdSequence(literalLength: 3, matchLength: 10, offset: 3)], "the sequences cover more than the input's 12 bytes"),
            ([ZstdSequence(literalLength: 13)], "the sequences cover more than the input's 12 bytes"),
            ([ZstdSequence(literalLength: 3), ZstdSequence(literalLength: 0, matchLength: 9, offset: 3)], "sequences with block delimiters must end with one"),
            ([ZstdSequence(literalLength: 3, matchLength: 3, offset: 3), ZstdSequence(literalLength: 0)], "the blocks cover 6 bytes of the input's 12"),
            ([ZstdSequence(literalLength: 3, matchLength: 3, offset: 0)], "sequence 0 has a match but no offset"),
            ([ZstdSequence(literalLength: 4, matchLength: 3, offset: 2)], "sequence 0 does not repeat the input at byte 4"),
            ([ZstdSequence(literalLength: -1)], "sequence 0 has a length or offset outside 0...4294967295"),
            ([ZstdSequence(literalLength: 0, matchLength: 1 << 32, offset: 1)], "sequence 0 has a length or offset outside 0...4294967295"),
        ]
        for (sequences, message) in cases {
            #expect(throws: ZstdError.invalidArgument(message)) { try compressor.compress(input, sequences: sequences) }
        }
        let dictionary = try ZstdDictionary(bytes: Array(records.joined().prefix(2_000)))
        #expect(throws: ZstdError.invalidArgument("compression from sequences does not take a dictionary")) {
            try ZstdCompressor(ZstdParameters(), dictionary: dictionary).compress(input, sequences: [])
        }
        #expect(throws: ZstdError.invalidArgument("sequences are collected on the calling thread: workers must be 0")) {
            try Zstd.sequences(of: input, parameters: ZstdParameters(workers: 2))
        }
    }

    @Test func libzstdChecksOffsetsAgainstTheWindow() throws {
        // The match repeats the input, but 4 KiB back is past a 1 KiB window.
        let half = Array(sample.prefix(4_096))
        let input = half + half
        let far = [ZstdSequence(literalLength: 4_096, matchLength: 4_096, offset: 4_096)]
        let error = #expect(throws: ZstdError.self) {
            try ZstdCompressor(ZstdParameters(level: 3, windowLog: 10)).compress(input, sequences: far)
        }
        #expect(error?.code == ZstdError.sequencesInvalidCode)
    }
}
