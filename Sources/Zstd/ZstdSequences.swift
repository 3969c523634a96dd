import CZstd
import SeamBoundary

/// One step of a zstd block: `literalLength` bytes copied as they are, then `matchLength`
/// bytes repeated from `offset` bytes back in the output. A sequence with neither match nor
/// offset is a block delimiter: its literals are the last of a block.
public struct ZstdSequence: Hashable, Sendable {
    public var literalLength: Int
    public var matchLength: Int
    public var offset: Int

    public init(literalLength: Int, matchLength: Int = 0, offset: Int = 0) {
        self.literalLength = literalLength
        self.matchLength = matchLength
        self.offset = offset
    }

    /// True for a block delimiter.
    public var endsBlock: Bool { offset == 0 && matchLength == 0 }
}

extension Zstd {
    /// The sequences libzstd's match finder chooses for `input` under `parameters`, block by
    /// block, each block ended by a delimiter: ZSTD_generateSequences, the input
    /// `ZstdCompressor.compress(_:sequences:)` takes.
    ///
    /// Runs on a context of its own, freed before returning: libzstd 1.5.4 leaves a context
    /// that generated sequences writing them, into the caller's long-gone buffer, on every
    /// later compression. Throws `.invalidArgument` when libzstd collects sequences that do
    /// not cover the input (it collects none with workers, and reports no error then), and
    /// what creating a compressor with `parameters` throws.
    ///
    /// With long-distance matching, libzstd 1.5.4 lists matches of 3 bytes, which
    /// `compress(_:sequences:)` then refuses (libzstd's `externalSequences_invalid`) unless the
    /// compressor's `minMatch` is 3.
    public static func sequences(of input: [UInt8], parameters: ZstdParameters = ZstdParameters()) throws(ZstdError) -> [ZstdSequence] {
        guard parameters.workers == 0 else { throw .invalidArgument("sequences are collected on the calling thread: workers must be 0") }
        // libzstd collects nothing from the blocks it cuts to a target size. The target shapes
        // how blocks are coded, not the matches found in them, so it is left out here.
        var parameters = parameters
        parameters.experimental.targetCompressedBlockSize = nil
        return try ZstdCompressor(parameters).generatedSequences(of: input)
    }

    /// `sequences` without block delimiters, for libzstd to cut blocks itself: each
    /// delimiter's literals join the next sequence's, and the last block's are left implicit
    /// (ZSTD_mergeBlockDelimiters).
    public static func mergingBlockDelimiters(_ sequences: [ZstdSequence]) -> [ZstdSequence] {
        var merged: [ZstdSequence] = []
        var pendingLiterals = 0
        for sequence in sequences {
            if sequence.endsBlock {
                pendingLiterals += sequence.literalLength
            } else {
                merged.append(ZstdSequence(literalLength: sequence.literalLength + pendingLiterals,
                                           matchLength: sequence.matchLength, offset: sequence.offset))
                pendingLiterals = 0
            }
        }
        return merged
    }
}

extension ZstdCompressor {
    /// One frame of `input` built from `sequences` instead of the compressor's own search:
    /// ZSTD_compressSequences, with the compressor's parameters for everything else (entropy
    /// coding, checksum, header flags). Abandons any stream in progress.
    ///
    /// `sequences` either ends every block with a delimiter, as `Zstd.sequences(of:)` returns
    /// them, and then covers `input` exactly, each block within the compressor's block size;
    /// or has no delimiter, and libzstd cuts the blocks (bytes after the last match are
    /// literals). libzstd takes sequences that break these rules as they are and reads out of
    /// bounds, and encodes a match without comparing its bytes, so sequences are checked first
    /// and refused with `.invalidArgument`: a match of fewer than 3 bytes, an offset before
    /// the start of the input, a match that does not repeat the input, more bytes than the
    /// input holds. libzstd checks the rest (matches under its minimum, offsets past the window,
    /// blocks over the block size) with `externalSequences_invalid`. Not with a dictionary:
    /// `.invalidArgument`.
    public func compress(_ input: [UInt8], sequences: [ZstdSequence]) throws(ZstdError) -> [UInt8] {
        guard dictionary == nil else { throw .invalidArgument("compression from sequences does not take a dictionary") }
        let delimiters = try Self.checkSequences(sequences, in: input)
        var raw = sequences.map {
            ZSTD_Sequence(offset: UInt32($0.offset), litLength: UInt32($0.literalLength), matchLength: UInt32($0.matchLength), rep: 0)
        }
        ZSTD_CCtx_reset(context, ZSTD_reset_session_only)
        let format = delimiters > 0 ? ZSTD_sf_explicitBlockDelimiters : ZSTD_sf_noBlockDelimiters
        _ = try ZstdError.check(ZSTD_CCtx_setParameter(context, seam_zstd_c_blockDelimiters, Int32(format.rawValue)), "ZSTD_CCtx_setParameter")
        _ = try ZstdError.check(ZSTD_CCtx_setParameter(context, seam_zstd_c_validateSequences, 1), "ZSTD_CCtx_setParameter")
        // Blocks the caller cuts small each cost a 3-byte header compressBound does not
        // count, as do the blocks libzstd cuts at a small window.
        let capacity = ZSTD_compressBound(input.count) + 3 * (delimiters + input.count / 1_024 + 2) + 64
        var status = 0
        let frame = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            status = input.withUnsafeBytes { source in
                raw.withUnsafeMutableBufferPointer { raw in
                    ZSTD_compressSequences(context, buffer.baseAddress, Boundary.capacity(capacity, of: buffer, for: "ZSTD_compressSequences"),
                                           raw.baseAddress, raw.count, source.baseAddress, source.count)
                }
            }
            count = ZSTD_isError(status) != 0 ? 0 : status
        }
        _ = try ZstdError.check(status, "ZSTD_compressSequences")
        return frame
    }

    /// Checks what libzstd would read out of bounds on, or encode into a frame of other bytes,
    /// and returns the number of delimiters.
    static func checkSequences<Input: RandomAccessCollection<UInt8>>(_ sequences: [ZstdSequence], in input: Input) throws(ZstdError) -> Int
    where Input.Index == Int {
        var position = 0
        var delimiters = 0
        for (index, sequence) in sequences.enumerated() {
            guard UInt32(exactly: sequence.literalLength) != nil, UInt32(exactly: sequence.matchLength) != nil,
                  UInt32(exactly: sequence.offset) != nil
            else { throw .invalidArgument("sequence \(index) has a length or offset outside 0...\(UInt32.max)") }
            position += sequence.literalLength
            if sequence.offset == 0 {
                guard sequence.matchLength == 0 else { throw .invalidArgument("sequence \(index) has a match but no offset") }
                delimiters += 1
            } else {
                guard sequence.matchLength >= 3 else {
                    throw .invalidArgument("sequence \(index) matches \(sequence.matchLength) bytes, under zstd's minimum of 3")
                }
                guard sequence.offset <= position else {
                    throw .invalidArgument("sequence \(index) reaches \(sequence.offset) bytes back from byte \(position)")
                }
                position += sequence.matchLength
            }
            guard position <= input.count else {
                throw .invalidArgument("the sequences cover more than the input's \(input.count) bytes")
            }
            // libzstd encodes a match without looking at it: one that does not repeat the
            // input would make a frame that decodes to other bytes.
            for byte in (position - sequence.matchLength)..<position where input[byte] != input[byte - sequence.offset] {
                throw .invalidArgument("sequence \(index) does not repeat the input at byte \(byte)")
            }
        }
        if delimiters > 0 {
            guard sequences.last?.endsBlock == true else { throw .invalidArgument("sequences with block delimiters must end with one") }
            guard position == input.count else {
                throw .invalidArgument("the blocks cover \(position) bytes of the input's \(input.count)")
            }
        }
        return delimiters
    }

    /// ZSTD_generateSequences on this context, which it leaves collecting into the freed
    /// buffer: only for a compressor about to be freed (`Zstd.sequences(of:parameters:)`).
    func generatedSequences(of input: [UInt8]) throws(ZstdError) -> [ZstdSequence] {
        // ZSTD_sequenceBound leaves out the delimiter each block ends with, and every block
        // but the last holds at least 1 KiB (the smallest window and block size).
        let capacity = ZSTD_sequenceBound(input.count) + input.count / 1_024 + 2
        var raw = [ZSTD_Sequence](repeating: ZSTD_Sequence(), count: capacity)
        let count = input.withUnsafeBytes { source in
            raw.withUnsafeMutableBufferPointer { raw in
                ZSTD_generateSequences(context, raw.baseAddress, raw.count, source.baseAddress, source.count)
            }
        }
        var sequences = raw[..<min(count, capacity)].map {
            ZstdSequence(literalLength: Int($0.litLength), matchLength: Int($0.matchLength), offset: Int($0.offset))
        }
        var covered = sequences.reduce(0) { $0 + $1.literalLength + $1.matchLength }
        // libzstd stores a block under 7 bytes raw and collects nothing from it; only the last
        // block can be that small. Its bytes are a block of literals.
        if case 1...6 = input.count - covered {
            sequences.append(ZstdSequence(literalLength: input.count - covered))
            covered = input.count
        }
        // The count is all libzstd returns: a compression that failed under it, or collected
        // nothing, shows only as sequences that fall short of the input.
        guard covered == input.count else {
            throw .invalidArgument("libzstd collected sequences for \(covered) of \(input.count) bytes under these parameters")
        }
        return sequences
    }
}
