import SeamFuzz
import Zstd

/// An outside sequence producer for a fuzzed compressor: libzstd's example one
/// (contrib/externalSequenceProducer, the one its own fuzzers register), with a drawn fault so
/// that the wrapper's check of a producer's parse and libzstd's fallback are fuzzed too.
/// About one input in eleven draws one, as in FUZZ_setRandomParameters.
struct FuzzedSequenceProducer {
    enum Fault: CaseIterable {
        /// The example producer's parse as it finds it.
        case none
        /// No parse for any block.
        case declines
        /// One sequence's match length and offset moved by a few bytes.
        case moves
    }

    let fallsBack: Bool
    let fault: Fault
    let sequence: Int
    let matchLengthDelta: Int
    let offsetDelta: Int

    static let deltas = -3...3

    /// The example producer as it is, without fallback: every block's frame comes from its parse.
    static let strict = FuzzedSequenceProducer(fallsBack: false, fault: .none, sequence: 0, matchLengthDelta: 0, offsetDelta: 0)

    /// Draws a producer for one input in eleven, nil for the rest (and for an exhausted input);
    /// with one, turns off long-distance matching in `parameters`, which libzstd refuses
    /// together with a producer.
    static func draw(_ input: inout FuzzInput, adjusting parameters: inout ZstdParameters) -> FuzzedSequenceProducer? {
        guard input.int(in: 0...10) == 10 else { return nil }
        parameters.longDistanceMatching = false
        return FuzzedSequenceProducer(
            fallsBack: input.bool(), fault: input.pick(from: Fault.allCases),
            sequence: input.int(in: 0...255), matchLengthDelta: input.int(in: deltas), offsetDelta: input.int(in: deltas))
    }

    /// Writes what `draw` reads: no producer for nil.
    static func build(_ builder: inout FuzzInputBuilder, _ producer: FuzzedSequenceProducer?) {
        builder.int(producer == nil ? 0 : 10, in: 0...10)
        guard let producer else { return }
        builder.bool(producer.fallsBack)
        builder.pick(producer.fault, from: Fault.allCases)
        builder.int(producer.sequence, in: 0...255)
        builder.int(producer.matchLengthDelta, in: deltas)
        builder.int(producer.offsetDelta, in: deltas)
    }

    /// A compression's output, or nil when it failed the one way `producer` allows:
    /// sequenceProducer_failed, for a faulty parse libzstd may not replace with its own
    /// search. Any other failure breaks the target's invariant, as `mustSucceed` reports it.
    static func output<Value>(
        of result: Result<Value, ZstdError>, with producer: FuzzedSequenceProducer?, _ what: @autoclosure () -> String,
        file: String = #fileID, line: Int = #line
    ) throws(InvariantViolation) -> Value? {
        if case .failure(let error) = result, let producer, !producer.fallsBack, producer.fault != .none,
           error.code == ZstdError.sequenceProducerFailedCode {
            return nil
        }
        return try mustSucceed("\(what()), producer \(String(describing: producer))", file: file, line: line) { try result.get() }
    }

    var producer: ZstdSequenceProducer {
        ZstdSequenceProducer(fallsBack: fallsBack) { [self] block, windowSize in
            switch fault {
            case .declines:
                return nil
            case .none:
                return Self.parse(block, windowSize: windowSize)
            case .moves:
                var sequences = Self.parse(block, windowSize: windowSize)
                let index = sequence % sequences.count
                sequences[index].matchLength = max(0, sequences[index].matchLength + matchLengthDelta)
                sequences[index].offset = max(0, sequences[index].offset + offsetDelta)
                return sequences
            }
        }
    }

    /// simpleSequenceProducer: a 1,024-entry hash table of 4-byte prefixes, each position's
    /// latest match taken when it repeats at least 3 bytes within the window, the block's
    /// remaining bytes as a last literals-only sequence.
    static func parse(_ block: Span<UInt8>, windowSize: Int) -> [ZstdSequence] {
        let hashLog = 10, prefix = 4, minimumMatch = 3
        var table = [Int](repeating: -1, count: 1 << hashLog)
        var sequences: [ZstdSequence] = []
        var position = 0, anchor = 0
        while position + prefix < block.count {
            var word: UInt32 = 0
            for byte in 0..<prefix { word |= UInt32(block[position + byte]) << (8 * byte) }
            let hash = Int((word &* 2_654_435_761) >> (32 - UInt32(hashLog)))
            let candidate = table[hash]
            table[hash] = position
            if candidate >= 0 {
                var length = 0
                while position + length < block.count, block[candidate + length] == block[position + length] { length += 1 }
                let offset = position - candidate
                if length >= minimumMatch, offset <= windowSize {
                    sequences.append(ZstdSequence(literalLength: position - anchor, matchLength: length, offset: offset))
                    position += length
                    anchor = position
                    continue
                }
            }
            position += 1
        }
        sequences.append(ZstdSequence(literalLength: block.count - anchor))
        return sequences
    }
}

extension ZstdCompressor {
    /// Registers `fuzzed`'s producer, or none; a reused compressor left without one is not
    /// set again.
    func register(_ fuzzed: FuzzedSequenceProducer?) {
        if fuzzed != nil || sequenceProducer != nil { sequenceProducer = fuzzed?.producer }
    }
}
