import CZstd

/// An outside match finder for a compressor: for each block it compresses, libzstd asks the
/// producer for the sequences that encode it instead of searching itself (libzstd's
/// block-level sequence producer, `ZSTD_registerSequenceProducer`).
///
/// `produce` gets the block (at most 128 KiB) and the largest offset the frame's window
/// allows, and returns the block's sequences, or nil to decline it. The sequences must cover
/// the block exactly; every one but the last is a match (`matchLength` at least 3), the last
/// a match or a delimiter (literals only); a match repeats bytes of the same block (libzstd
/// 1.5.4 hands a producer no history), at most `windowSize` back. libzstd takes whatever a
/// producer returns and makes a frame of other bytes, or reads out of bounds, from a bad
/// parse; so the compressor checks every block's sequences as `compress(_:sequences:)`
/// checks its input, and sequences that fail count as declining the block.
///
/// A declined block is compressed by libzstd's own search when `fallsBack`, and fails the
/// compression with `.library` code `ZstdError.sequenceProducerFailedCode` otherwise.
/// libzstd refuses a producer together with long-distance matching or workers: compressing
/// then throws its error.
public struct ZstdSequenceProducer {
    /// Whether libzstd compresses a declined block itself rather than failing.
    public var fallsBack: Bool
    let produce: (_ block: Span<UInt8>, _ windowSize: Int) -> [ZstdSequence]?

    public init(fallsBack: Bool = true, _ produce: @escaping (_ block: Span<UInt8>, _ windowSize: Int) -> [ZstdSequence]?) {
        self.fallsBack = fallsBack
        self.produce = produce
    }
}

/// What libzstd's callback reaches through its state pointer; the compressor keeps it alive
/// for as long as it is registered.
final class RegisteredProducer {
    let producer: ZstdSequenceProducer

    init(_ producer: ZstdSequenceProducer) {
        self.producer = producer
    }

    /// Checks the producer's sequences for `block` and writes them to `output`; the count
    /// written, or libzstd's "declined" value.
    func produce(into output: UnsafeMutableBufferPointer<ZSTD_Sequence>, block: UnsafeRawBufferPointer, windowSize: Int) -> Int {
        let typed = block.assumingMemoryBound(to: UInt8.self)
        guard let sequences = producer.produce(Span(_unsafeElements: typed), windowSize),
              Self.isValidParse(sequences, of: block, windowSize: windowSize),
              sequences.count <= output.count
        else { return declined }
        for (index, sequence) in sequences.enumerated() {
            output[index] = ZSTD_Sequence(offset: UInt32(sequence.offset), litLength: UInt32(sequence.literalLength),
                                          matchLength: UInt32(sequence.matchLength), rep: 0)
        }
        return sequences.count
    }

    /// libzstd's rules for a producer's parse (zstd.h), and `compress(_:sequences:)`'s:
    /// matches of at least 3 bytes that repeat the block, within it and the window.
    static func isValidParse(_ sequences: [ZstdSequence], of block: UnsafeRawBufferPointer, windowSize: Int) -> Bool {
        guard let last = sequences.last else { return block.isEmpty }
        guard sequences.dropLast().allSatisfy({ !$0.endsBlock }), sequences.allSatisfy({ $0.offset <= windowSize }) else { return false }
        do throws(ZstdError) {
            _ = try ZstdCompressor.checkSequences(sequences, in: block)
        } catch {
            return false
        }
        // checkSequences holds sequences without a delimiter to at most the input.
        let covered = sequences.reduce(0) { $0 + $1.literalLength + $1.matchLength }
        return covered == block.count && (last.endsBlock || last.matchLength >= 3)
    }
}

/// ZSTD_SEQUENCE_PRODUCER_ERROR, `(size_t)-1`: any count over the capacity declines a block.
private let declined = Int(bitPattern: UInt.max)

/// The C function libzstd calls for each block; `state` is the registered producer.
func producerCallback(_ state: UnsafeMutableRawPointer?, _ output: UnsafeMutablePointer<ZSTD_Sequence>?, _ capacity: Int,
                      _ source: UnsafeRawPointer?, _ sourceSize: Int, _: UnsafeRawPointer?, _: Int, _: Int32, _ windowSize: Int) -> Int {
    guard let state, let output else { return declined }
    let registered = Unmanaged<RegisteredProducer>.fromOpaque(state).takeUnretainedValue()
    return registered.produce(into: UnsafeMutableBufferPointer(start: output, count: capacity),
                              block: UnsafeRawBufferPointer(start: source, count: sourceSize), windowSize: windowSize)
}

extension ZstdError {
    /// The code libzstd uses for a compression whose sequence producer declined a block it
    /// was not allowed to fall back from.
    public static var sequenceProducerFailedCode: Int { Int(ZSTD_error_sequenceProducer_failed.rawValue) }
}
