import SeamFuzz
import Zstd

/// zstd's own `simple_decompress` fuzzer (tests/fuzz/simple_decompress.c), call for call,
/// through Seam's driver, FuzzInput and the Zstd wrapper: what the Swift layer costs on a
/// real target, against the C fuzzer itself (scripts/bench-null).
///
/// The input means what it means to the C fuzzer: the last bytes give the size of a suffix
/// kept for parameters (`FUZZ_dataProducer_reserveDataPrefix`: FuzzInput's integers read
/// from the back the same way), the prefix is the frame, the suffix gives the output bound,
/// up to ten times the frame. Like the C fuzzer built without STATEFUL_FUZZING, each input
/// gets a new decompression context and one one-shot decode, its result dropped. The wrapper
/// adds what makes it safe: it asks libzstd for the frames' declared size and window first.
enum DecompressMirror: FuzzTarget {
    static func fuzz(_ input: inout FuzzInput) {
        let parameterBytes = input.int(in: 0...UInt32(input.remainingCount))
        let frame = input.slice(count: input.remainingCount - Int(parameterBytes))
        let bound = input.int(in: 0...UInt32(10 * frame.count))
        guard let decompressor = try? ZstdDecompressor() else { return }
        // The output lent, not copied out: the C fuzzer drops it unread.
        _ = try? decompressor.withDecompressed(frame, maxOutputSize: Int(bound)) { $0.count }
    }

    /// Frames of text and of bytes at four levels, each with the output bound its content
    /// needs, encoded as the C fuzzer reads them: both sides decode every one whole.
    static var seeds: [[UInt8]] {
        var payloads: [[UInt8]] = []
        for count in [100, 1_000, 10_000, 60_000] {
            payloads.append(Array((0..<count).map { "<item id=\"\($0)\">value \($0 * 31 % 97)</item>\n" }.joined().utf8.prefix(count)))
            var state: UInt32 = 2_463_534_242
            payloads.append((0..<count).map { _ in
                state ^= state << 13; state ^= state >> 17; state ^= state << 5
                return UInt8(truncatingIfNeeded: state % 16)  // a small alphabet: compressible, not trivially
            })
        }
        return payloads.enumerated().compactMap { index, payload in
            // The C fuzzer bounds the output at ten times the frame: a frame that expands more
            // could not be decoded whole.
            guard let frame = try? Zstd.compress(payload, level: [1, 3, 9, 19][index % 4]), payload.count <= 10 * frame.count else { return nil }
            return encode(frame: frame, bound: UInt32(payload.count))
        }
    }

    /// `frame`, then `bound`, then the size of the suffix `bound` takes, as FuzzInput (and
    /// the C fuzzer's data producer) read them back.
    static func encode(frame: [UInt8], bound: UInt32) -> [UInt8] {
        var suffix = FuzzInputBuilder()
        suffix.int(bound, in: 0...UInt32(10 * frame.count))
        let suffixCount = UInt32(suffix.data.count)
        // The suffix's size is read over the whole input, its own bytes included: the width
        // that holds the total with itself in it.
        for width in 1...4 {
            var builder = FuzzInputBuilder()
            builder.int(suffixCount, in: 0...(UInt32(frame.count) + suffixCount + UInt32(width)))
            guard builder.data.count == width else { continue }
            builder.int(bound, in: 0...UInt32(10 * frame.count))
            builder.remainingBytes(frame)
            return builder.data
        }
        preconditionFailure("a frame over 4 GiB")
    }
}

fuzzMain(DecompressMirror.self)
