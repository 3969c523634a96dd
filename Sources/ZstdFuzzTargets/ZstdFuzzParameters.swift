import SeamFuzz
import Zstd

/// Match-finder settings drawn in the ranges libzstd's own fuzzers use (tests/fuzz's
/// zstd_helpers.c, FUZZ_randomCParams): every strategy over small tables. Half the inputs
/// draw none and leave the search to the level. Small tables matter for speed as much as for
/// coverage: a compressor clears its tables for every frame (ZSTD_reset_matchState's memset),
/// and the high levels' defaults for a stream of unknown size run to tens of MiB.
enum ZstdFuzzParameters {
    static let windowLogs = 10...15
    static let hashLogs = 6...15
    static let chainLogs = 6...16
    static let searchLogs = 1...9
    static let minMatches = 3...7
    static let targetLengths = 1...512
    // Long-distance matching's, as FUZZ_setRandomParameters draws them.
    static let ldmHashLogs = 6...16
    static let ldmMinMatches = 4...4_096
    static let ldmBucketSizeLogs = 1...8
    static let ldmHashRateLogs = 1...25

    /// Draws `(windowLog, matchFinder)`, left to the level when the input says so, unless
    /// `required`.
    static func draw(_ input: inout FuzzInput, required: Bool = false) -> (windowLog: Int?, matchFinder: ZstdMatchFinder) {
        guard input.bool() || required else { return (nil, ZstdMatchFinder()) }
        let windowLog = input.int(in: windowLogs)
        let finder = ZstdMatchFinder(
            strategy: input.pick(from: ZstdStrategy.allCases),
            hashLog: input.int(in: hashLogs), chainLog: input.int(in: chainLogs), searchLog: input.int(in: searchLogs),
            minMatch: input.int(in: minMatches), targetLength: input.int(in: targetLengths))
        return (windowLog, finder)
    }

    /// Draws the frame-header flags and libzstd's experimental parameters, in the ranges
    /// FUZZ_setRandomParameters uses, into `parameters`, and long-distance matching's tables
    /// when `parameters` asks for it; half the inputs keep the defaults.
    static func drawExtras(_ input: inout FuzzInput, into parameters: inout ZstdParameters) {
        guard input.bool() else { return }
        parameters.writesContentSize = input.bool()
        parameters.writesDictionaryID = input.bool()
        var experimental = ZstdExperimentalParameters()
        experimental.blockSplitter = input.pick(from: ZstdSwitch.allCases)
        experimental.rowMatchFinder = input.pick(from: ZstdSwitch.allCases)
        experimental.literalCompression = input.pick(from: ZstdSwitch.allCases)
        experimental.targetCompressedBlockSize = input.bool() ? input.int(in: 64...(128 << 10)) : nil
        experimental.sourceSizeHint = input.bool() ? input.int(in: 0...(64 << 10)) : nil
        experimental.dictionaryAttachment = input.pick(from: ZstdDictionaryAttachment.allCases)
        experimental.maxBlockSize = input.bool() ? input.int(in: 1_024...(128 << 10)) : nil
        experimental.forcesMaxWindow = input.bool()
        experimental.prefetchDictionaryTables = input.pick(from: ZstdSwitch.allCases)
        parameters.experimental = experimental
        if parameters.longDistanceMatching {
            parameters.longDistanceTables = ZstdLongDistanceTables(
                hashLog: input.int(in: ldmHashLogs), minMatch: input.int(in: ldmMinMatches),
                bucketSizeLog: input.int(in: ldmBucketSizeLogs), hashRateLog: input.int(in: ldmHashRateLogs))
        }
    }

    /// Writes what `drawExtras` reads: the defaults, or each extra set away from them, for
    /// parameters with `longDistanceMatching` as given.
    static func buildExtras(_ builder: inout FuzzInputBuilder, set: Bool, longDistanceMatching: Bool) {
        builder.bool(set)
        guard set else { return }
        builder.bool(false)
        builder.bool(false)
        builder.pick(ZstdSwitch.enabled, from: ZstdSwitch.allCases)
        builder.pick(ZstdSwitch.disabled, from: ZstdSwitch.allCases)
        builder.pick(ZstdSwitch.disabled, from: ZstdSwitch.allCases)
        builder.bool(true)
        builder.int(1_024, in: 64...(128 << 10))
        builder.bool(true)
        builder.int(4_096, in: 0...(64 << 10))
        builder.pick(ZstdDictionaryAttachment.copy, from: ZstdDictionaryAttachment.allCases)
        builder.bool(true)
        builder.int(4_096, in: 1_024...(128 << 10))
        builder.bool(true)
        builder.pick(ZstdSwitch.enabled, from: ZstdSwitch.allCases)
        if longDistanceMatching {
            builder.int(12, in: ldmHashLogs)
            builder.int(32, in: ldmMinMatches)
            builder.int(3, in: ldmBucketSizeLogs)
            builder.int(4, in: ldmHashRateLogs)
        }
    }

    /// Writes what `draw` reads: the level's settings when `strategy` is nil (and `draw` is
    /// not `required`), else `strategy` over mid-range tables (fast for a nil one).
    static func build(_ builder: inout FuzzInputBuilder, strategy: ZstdStrategy?, required: Bool = false) {
        builder.bool(strategy != nil)
        guard required || strategy != nil else { return }
        let strategy = strategy ?? .fast
        builder.int(14, in: windowLogs)
        builder.pick(strategy, from: ZstdStrategy.allCases)
        builder.int(12, in: hashLogs)
        builder.int(13, in: chainLogs)
        builder.int(4, in: searchLogs)
        builder.int(4, in: minMatches)
        builder.int(32, in: targetLengths)
    }
}
