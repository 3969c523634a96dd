import CZstd
import SeamBoundary

/// A reusable zstd compression context: one-shot compression and chunked streaming.
///
/// Ownership: owns one `ZSTD_CCtx`, freed when the compressor is. Threading: not Sendable;
/// a context serves one thread at a time, so give each task its own compressor.
public final class ZstdCompressor {
    /// How a streaming call ends.
    public enum Mode: Sendable {
        /// Buffer as the compressor likes; output may lag behind input.
        case `continue`
        /// Emit everything given so far, so the receiver can decode it; the frame goes on.
        case flush
        /// Emit everything and close the frame; the next chunk starts a new frame.
        case end
    }

    let context: OpaquePointer
    /// The streaming buffer, allocated on the first streaming call: one-shot use never pays
    /// for it (see `streamScratchSize`).
    private var streamBuffer: UnsafeMutableRawBufferPointer?
    /// The output buffer `withCompressed` keeps between calls.
    @usableFromInline let kept: KeptBuffer
    /// The compressor's copy of the prefix `setPrefix` gave, which libzstd references until
    /// the frame that uses it ends.
    private var prefixCopy: UnsafeMutableRawBufferPointer?
    private var scratch: UnsafeMutableRawBufferPointer {
        if let streamBuffer { return streamBuffer }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: streamScratchSize, alignment: 16)
        streamBuffer = buffer
        return buffer
    }

    /// The parameters in use.
    public private(set) var parameters: ZstdParameters
    /// The dictionary every frame is compressed with, kept alive by the compressor.
    public private(set) var dictionary: ZstdDictionary?
    /// The outside match finder the compressor asks for each block's sequences, kept across
    /// `reset(to:)`; nil for libzstd's own search. Setting it applies to the next frame and
    /// drops any stream in progress.
    public var sequenceProducer: ZstdSequenceProducer? {
        get { registeredProducer?.producer }
        set {
            // libzstd holds the old registration's pointer until told otherwise: cleared
            // before the registration goes, whatever happens next.
            ZSTD_registerSequenceProducer(context, nil, nil)
            registeredProducer = newValue.map(RegisteredProducer.init)
            // The parameters were accepted before; only the producer is new.
            try? apply(parameters, dictionary)
        }
    }
    /// The registration libzstd's callback reads, alive while registered.
    private var registeredProducer: RegisteredProducer?

    /// The compression level in use.
    public var level: Int { parameters.level }

    /// Creates a context compressing at `level` (see `Zstd.levels`).
    public convenience init(level: Int = Zstd.defaultLevel) throws(ZstdError) {
        try self.init(ZstdParameters(level: level))
    }

    /// Creates a context with advanced parameters and an optional dictionary. Throws
    /// `.invalidArgument` for a level out of range and libzstd's error for a parameter it
    /// refuses (a window log out of bounds, workers in a build without threads).
    public init(_ parameters: ZstdParameters, dictionary: ZstdDictionary? = nil) throws(ZstdError) {
        try Self.checkLevel(of: parameters)
        let created = ZSTD_createCCtx()
        Boundary.record("ZSTD_createCCtx", ok: created != nil)
        guard let context = created else {
            throw .library(code: Int(ZSTD_error_memory_allocation.rawValue), name: "Allocation error : not enough memory")
        }
        self.context = context
        kept = KeptBuffer()
        self.parameters = parameters
        self.dictionary = dictionary
        try apply(parameters, dictionary)
    }

    /// Compresses the frames that follow with other parameters and dictionary, dropping any
    /// stream in progress but keeping the context and the memory it has grown: cheaper than
    /// a new compressor, for which libzstd probes the CPU and allocates its tables afresh.
    /// Throws as `init` does; the compressor then keeps its previous parameters and dictionary.
    public func reset(to parameters: ZstdParameters, dictionary: ZstdDictionary? = nil) throws(ZstdError) {
        try Self.checkLevel(of: parameters)
        do {
            try apply(parameters, dictionary)
        } catch {
            try? apply(self.parameters, self.dictionary)  // accepted before, so accepted again
            throw error
        }
        self.parameters = parameters
        self.dictionary = dictionary
    }

    private static func checkLevel(of parameters: ZstdParameters) throws(ZstdError) {
        guard Zstd.levels.contains(parameters.level) else {
            throw .invalidArgument("compression level \(parameters.level) outside \(Zstd.levels)")
        }
    }

    /// Puts the context back to libzstd's defaults, then sets `parameters` and `dictionary`.
    private func apply(_ parameters: ZstdParameters, _ dictionary: ZstdDictionary?) throws(ZstdError) {
        var settings: [(ZSTD_cParameter, Int32)] = [
            (ZSTD_c_compressionLevel, Int32(parameters.level)),
            (ZSTD_c_checksumFlag, parameters.checksum ? 1 : 0),
            (ZSTD_c_contentSizeFlag, parameters.writesContentSize ? 1 : 0),
            (ZSTD_c_dictIDFlag, parameters.writesDictionaryID ? 1 : 0),
            (ZSTD_c_enableLongDistanceMatching, parameters.longDistanceMatching ? 1 : 0),
        ]
        if let windowLog = parameters.windowLog { settings.append((ZSTD_c_windowLog, try ZstdError.cInt(windowLog, "windowLog"))) }
        let finder = parameters.matchFinder
        if let strategy = finder.strategy { settings.append((ZSTD_c_strategy, Int32(strategy.rawValue))) }
        for (parameter, value, name) in [(ZSTD_c_hashLog, finder.hashLog, "hashLog"), (ZSTD_c_chainLog, finder.chainLog, "chainLog"),
                                         (ZSTD_c_searchLog, finder.searchLog, "searchLog"), (ZSTD_c_minMatch, finder.minMatch, "minMatch"),
                                         (ZSTD_c_targetLength, finder.targetLength, "targetLength")] {
            // libzstd reads 0 as "the level's default"; nil already means that here, so 0 is
            // refused like any other value out of bounds.
            if let value { settings.append((parameter, value == 0 ? -1 : try ZstdError.cInt(value, name))) }
        }
        let experimental = parameters.experimental
        for (parameter, setting) in [(seam_zstd_c_useBlockSplitter, experimental.blockSplitter), (seam_zstd_c_useRowMatchFinder, experimental.rowMatchFinder),
                                     (seam_zstd_c_literalCompressionMode, experimental.literalCompression)] where setting != .auto {
            settings.append((parameter, Int32(setting.rawValue)))
        }
        if let size = experimental.targetCompressedBlockSize { settings.append((seam_zstd_c_targetCBlockSize, try ZstdError.cInt(size, "targetCompressedBlockSize"))) }
        if let hint = experimental.sourceSizeHint { settings.append((seam_zstd_c_srcSizeHint, try ZstdError.cInt(hint, "sourceSizeHint"))) }
        if experimental.dictionaryAttachment != .auto {
            settings.append((seam_zstd_c_forceAttachDict, Int32(experimental.dictionaryAttachment.rawValue)))
        }
        let tables = parameters.longDistanceTables
        for (parameter, value, name) in [(ZSTD_c_ldmHashLog, tables.hashLog, "ldmHashLog"), (ZSTD_c_ldmMinMatch, tables.minMatch, "ldmMinMatch"),
                                         (ZSTD_c_ldmBucketSizeLog, tables.bucketSizeLog, "ldmBucketSizeLog"),
                                         (ZSTD_c_ldmHashRateLog, tables.hashRateLog, "ldmHashRateLog")] {
            // As for the match finder: 0 is libzstd's "default", which nil already says.
            if let value { settings.append((parameter, value == 0 ? -1 : try ZstdError.cInt(value, name))) }
        }
        if let size = experimental.maxBlockSize { settings.append((seam_zstd_c_maxBlockSize, size == 0 ? -1 : try ZstdError.cInt(size, "maxBlockSize"))) }
        if experimental.forcesMaxWindow { settings.append((seam_zstd_c_forceMaxWindow, 1)) }
        if experimental.prefetchDictionaryTables != .auto {
            settings.append((seam_zstd_c_prefetchCDictTables, Int32(experimental.prefetchDictionaryTables.rawValue)))
        }
        if parameters.workers > 0 { settings.append((ZSTD_c_nbWorkers, try ZstdError.cInt(parameters.workers, "workers"))) }
        // Every value is narrowed above, before the context changes.
        ZSTD_CCtx_reset(context, ZSTD_reset_session_and_parameters)
        // That reset also dropped libzstd's reference to any prefix.
        prefixCopy?.deallocate()
        prefixCopy = nil
        for (parameter, value) in settings {
            _ = try ZstdError.check(ZSTD_CCtx_setParameter(context, parameter, value), "ZSTD_CCtx_setParameter")
        }
        switch (dictionary, parameters.dictionaryTables) {
        case (nil, _):
            break
        case (let dictionary?, .shared):
            _ = try ZstdError.check(ZSTD_CCtx_refCDict(context, dictionary.compressionForm), "ZSTD_CCtx_refCDict")
        case (let dictionary?, .builtForParameters):
            // By copy: libzstd keeps the bytes beyond this call, and an array's storage is
            // only lent for the closure's length.
            let loaded = dictionary.bytes.withUnsafeBytes { bytes in
                ZSTD_CCtx_loadDictionary_advanced(context, bytes.baseAddress, bytes.count, ZSTD_dlm_byCopy, ZSTD_dct_auto)
            }
            _ = try ZstdError.check(loaded, "ZSTD_CCtx_loadDictionary_advanced")
        }
        if let registeredProducer {
            ZSTD_registerSequenceProducer(context, Unmanaged.passUnretained(registeredProducer).toOpaque(), producerCallback)
            _ = try ZstdError.check(ZSTD_CCtx_setParameter(context, seam_zstd_c_enableSeqProducerFallback, registeredProducer.producer.fallsBack ? 1 : 0),
                                    "ZSTD_CCtx_setParameter")
        } else {
            ZSTD_registerSequenceProducer(context, nil, nil)
        }
    }

    deinit {
        ZSTD_freeCCtx(context)
        streamBuffer?.deallocate()
        prefixCopy?.deallocate()
        kept.free()
    }

    /// Compresses `input` into one frame that records its content size (unless the parameters
    /// say not to). Abandons any stream in progress on this context.
    @inlinable
    public func compress<Bytes: Collection<UInt8>>(_ input: Bytes) throws(ZstdError) -> [UInt8] {
        // Inlinable so callers specialize it: an Array is borrowed with no generic dispatch.
        try withBorrowedBytes(input) { compress(raw: $0) }.get()
    }

    @usableFromInline
    func compress(raw source: UnsafeRawBufferPointer) -> Result<[UInt8], ZstdError> {
        // A small frame is made in the kept buffer and copied out (see KeptBuffer).
        let bound = ZSTD_compressBound(source.count)
        if bound <= KeptBuffer.frameCopyLimit {
            return compress(source, into: kept.reserve(bound), capacity: bound).map { kept.array(count: $0) }
        }
        var result: Result<Int, ZstdError> = .success(0)
        let output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            result = compress(source, into: buffer, capacity: bound)
            count = (try? result.get()) ?? 0
        }
        return result.map { _ in output }
    }

    /// Compresses `input` into one frame that may refer back to `prefix`, bytes the receiver
    /// already holds, such as an earlier version of the same data (libzstd's reference
    /// prefix, as in `zstd --patch-from`). Only `ZstdDecompressor.decompress(_:prefix:maxOutputSize:)`
    /// with the same prefix decodes such a frame. Matches reach back only as far as the window
    /// (`windowLog`), so of a prefix longer than the window only its end helps. A prefix takes
    /// a dictionary's place: a compressor with a dictionary throws `.invalidArgument`.
    /// Abandons any stream in progress on this context.
    @inlinable
    public func compress<Bytes: Collection<UInt8>, Prefix: Collection<UInt8>>(_ input: Bytes, prefix: Prefix) throws(ZstdError) -> [UInt8] {
        try withBorrowedBytes(prefix) { prefix in
            withBorrowedBytes(input) { compress(raw: $0, prefix: prefix) }
        }.get()
    }

    @usableFromInline
    func compress(raw source: UnsafeRawBufferPointer, prefix: UnsafeRawBufferPointer) -> Result<[UInt8], ZstdError> {
        guard dictionary == nil else {
            return .failure(.invalidArgument("a prefix takes the dictionary's place, and this compressor has a dictionary"))
        }
        // libzstd only references the prefix, and forgets it once a frame starts; it is
        // dropped again afterwards in case no frame started, since `prefix` is borrowed for
        // this call only. Referencing needs a context outside a stream, hence the resets.
        ZSTD_CCtx_reset(context, ZSTD_reset_session_only)
        if case .failure(let error) = Result(catching: { () throws(ZstdError) in
            try ZstdError.check(ZSTD_CCtx_refPrefix(context, prefix.baseAddress, prefix.count), "ZSTD_CCtx_refPrefix")
        }) { return .failure(error) }
        defer {
            ZSTD_CCtx_reset(context, ZSTD_reset_session_only)
            ZSTD_CCtx_refPrefix(context, nil, 0)
        }
        return compress(raw: source)
    }

    /// Compresses `input` like `compress(_:)` and lends the frame to `body` as a `Span`, valid
    /// only inside `body`. For inputs whose compressed bound is at most 1 MiB the frame goes
    /// into a buffer the compressor keeps for the next call, so a loop over small inputs
    /// allocates nothing per call; larger inputs are allocated for the call.
    @inlinable
    public func withCompressed<Bytes: Collection<UInt8>, Result>(
        _ input: Bytes,
        _ body: (Span<UInt8>) -> Result
    ) throws(ZstdError) -> Result {
        // Inlinable over a non-generic core, as `compress` is: no generic dispatch per call.
        guard let count = try withBorrowedBytes(input, { compressIntoKept(raw: $0) }).get() else {
            let output = try compress(input)
            return output.withUnsafeBufferPointer { body(Span(_unsafeElements: $0)) }
        }
        return kept.withSpan(count: count, body)
    }

    /// Compresses `source` into the kept buffer and returns the frame's size, or nil when its
    /// bound is over `KeptBuffer.limit`.
    @usableFromInline
    func compressIntoKept(raw source: UnsafeRawBufferPointer) -> Swift.Result<Int?, ZstdError> {
        let bound = ZSTD_compressBound(source.count)
        guard bound <= KeptBuffer.limit else { return .success(nil) }
        return compress(source, into: kept.reserve(bound), capacity: bound).map { $0 }
    }

    /// One frame of `source` into `destination` (`capacity` bytes, at least its compressed
    /// bound, so only parameters can make it fail); returns the frame's size.
    @inline(__always)
    private func compress(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableBufferPointer<UInt8>, capacity: Int) -> Result<Int, ZstdError> {
        let status = ZSTD_compress2(context, destination.baseAddress, Boundary.capacity(capacity, of: destination, for: "ZSTD_compress2"),
                                    source.baseAddress, source.count)
        return Result { () throws(ZstdError) in try ZstdError.check(status, "ZSTD_compress2") }
    }

    /// Feeds one chunk to the current stream and returns the compressed bytes it yields.
    /// With `.end`, the frame is complete once this returns. On error the stream is reset.
    public func compress<Bytes: Collection<UInt8>>(chunk: Bytes, mode: Mode) throws(ZstdError) -> [UInt8] {
        let directive: ZSTD_EndDirective = switch mode {
        case .continue: ZSTD_e_continue
        case .flush: ZSTD_e_flush
        case .end: ZSTD_e_end
        }
        return try withBorrowedBytes(chunk) { source throws(ZstdError) in
            var output: [UInt8] = []
            var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
            while true {
                var outBuffer = ZSTD_outBuffer(dst: scratch.baseAddress, size: scratch.count, pos: 0)
                let remaining: Int
                do throws(ZstdError) {
                    remaining = try ZstdError.check(ZSTD_compressStream2(context, &outBuffer, &inBuffer, directive), "ZSTD_compressStream2")
                } catch {
                    reset()
                    throw error
                }
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<outBuffer.pos]))
                let done = mode == .continue ? inBuffer.pos == inBuffer.size : remaining == 0
                if done { return output }
            }
        }
    }

    /// Declares the exact size of the next frame (streaming), so its header records it and
    /// the encoder sizes its tables; the frame then fails with libzstd's srcSize_wrong error if
    /// the data does not match. Call before the frame's first chunk.
    public func setPledgedSourceSize(_ size: UInt64) throws(ZstdError) {
        _ = try ZstdError.check(ZSTD_CCtx_setPledgedSrcSize(context, size), "ZSTD_CCtx_setPledgedSrcSize")
    }

    /// Lets the next frame, streamed or one-shot, refer back to `prefix`, as
    /// `compress(_:prefix:)` does for one call; the compressor keeps a copy of the bytes.
    /// Call before the frame's first chunk: mid-frame, libzstd refuses with its stage_wrong
    /// error. A prefix takes a dictionary's place: a compressor with a dictionary throws
    /// `.invalidArgument`. New parameters (`reset(to:)`) or a new `sequenceProducer` drop it.
    public func setPrefix<Bytes: Collection<UInt8>>(_ prefix: Bytes) throws(ZstdError) {
        guard dictionary == nil else {
            throw .invalidArgument("a prefix takes the dictionary's place, and this compressor has a dictionary")
        }
        let copy = try referencedCopy(of: prefix) { copy throws(ZstdError) in
            _ = try ZstdError.check(ZSTD_CCtx_refPrefix(context, copy.baseAddress, copy.count), "ZSTD_CCtx_refPrefix")
        }
        prefixCopy?.deallocate()
        prefixCopy = copy
    }

    /// Drops any stream in progress; parameters and dictionary stay.
    public func reset() {
        ZSTD_CCtx_reset(context, ZSTD_reset_session_only)
    }
}

/// Advanced compression parameters; the defaults are libzstd's.
public struct ZstdParameters: Hashable, Sendable {
    /// The compression level (see `Zstd.levels`).
    public var level: Int
    /// Append a checksum of the content to each frame, verified on decompression.
    public var checksum: Bool
    /// The window as a power of two (10...31 on 64-bit), or nil for the level's default.
    /// Decoders refuse windows over their `maxWindowLog` (27 by default).
    public var windowLog: Int?
    /// Long-distance matching, for inputs with repeats far apart.
    public var longDistanceMatching: Bool
    /// Long-distance matching's own table and match sizes; what is left nil comes from the
    /// level. Used only with `longDistanceMatching`, but checked against libzstd's bounds
    /// either way.
    public var longDistanceTables: ZstdLongDistanceTables
    /// Worker threads for compression; 0 compresses on the calling thread. libzstd built
    /// without threads refuses any other value.
    public var workers: Int
    /// How the compressor searches for matches; what is left nil comes from the level.
    public var matchFinder: ZstdMatchFinder
    /// Write each frame's content size into its header when it is known (one-shot
    /// compression, or a pledged stream). Without it, decoders cannot size their output up
    /// front and stream instead.
    public var writesContentSize: Bool
    /// Write the dictionary's ID into each frame's header, so a decoder can tell which one a
    /// frame needs.
    public var writesDictionaryID: Bool
    /// Where a dictionary's search tables come from; see `ZstdDictionaryTables`.
    public var dictionaryTables: ZstdDictionaryTables
    /// libzstd's experimental parameters; see `ZstdExperimentalParameters`.
    public var experimental: ZstdExperimentalParameters

    public init(
        level: Int = Zstd.defaultLevel, checksum: Bool = false, windowLog: Int? = nil, longDistanceMatching: Bool = false,
        longDistanceTables: ZstdLongDistanceTables = ZstdLongDistanceTables(), workers: Int = 0, matchFinder: ZstdMatchFinder = ZstdMatchFinder(),
        writesContentSize: Bool = true, writesDictionaryID: Bool = true, dictionaryTables: ZstdDictionaryTables = .shared,
        experimental: ZstdExperimentalParameters = ZstdExperimentalParameters()
    ) {
        self.level = level
        self.checksum = checksum
        self.windowLog = windowLog
        self.longDistanceMatching = longDistanceMatching
        self.longDistanceTables = longDistanceTables
        self.workers = workers
        self.matchFinder = matchFinder
        self.writesContentSize = writesContentSize
        self.writesDictionaryID = writesDictionaryID
        self.dictionaryTables = dictionaryTables
        self.experimental = experimental
    }
}

/// Where a compressor's dictionary search tables come from. The frames decode alike with the
/// dictionary either way; the choice trades set-up per compressor against how well the
/// tables fit the compressor's parameters.
public enum ZstdDictionaryTables: CaseIterable, Hashable, Sendable {
    /// The dictionary's own digested form, built once for its level and shared by every
    /// compressor that uses it (ZSTD_CCtx_refCDict). For small inputs libzstd searches those
    /// tables as they are, with the dictionary level's strategy and table sizes whatever the
    /// compressor's own parameters say.
    case shared
    /// The compressor's own, built from the dictionary's bytes with all of the compressor's
    /// parameters at its first frame and kept while they stand (ZSTD_CCtx_loadDictionary):
    /// tables that fit a level, strategy or match finder other than the dictionary's, at the
    /// cost of a copy of the dictionary and its tables in each compressor.
    case builtForParameters
}

/// Parameters from libzstd's experimental section (ZSTD_STATIC_LINKING_ONLY). They are
/// stable within one libzstd version, and this wrapper checks at test time that it runs
/// against the version whose header it was compiled with (`Zstd.libraryVersion`); another
/// version may refuse one with `parameter_unsupported`. Values out of libzstd's bounds are
/// refused with `parameter_outOfBound` when the compressor is created. The defaults leave
/// every one to libzstd.
public struct ZstdExperimentalParameters: Hashable, Sendable {
    /// Aim for compressed blocks of about this many bytes (64...131072), trading ratio for
    /// latency on streams: ZSTD_c_targetCBlockSize.
    public var targetCompressedBlockSize: Int?
    /// Split blocks where their statistics change: ZSTD_c_useBlockSplitter.
    public var blockSplitter: ZstdSwitch = .auto
    /// The row-based match finder of the greedy and lazy strategies: ZSTD_c_useRowMatchFinder.
    public var rowMatchFinder: ZstdSwitch = .auto
    /// Huffman-compress literals (`.enabled`), store them raw (`.disabled`), or let the level
    /// decide: ZSTD_c_literalCompressionMode.
    public var literalCompression: ZstdSwitch = .auto
    /// The expected size of a stream whose size is not pledged, to size the tables for it
    /// (0...Int32.max): ZSTD_c_srcSizeHint.
    public var sourceSizeHint: Int?
    /// How a dictionary's digested tables reach each frame: ZSTD_c_forceAttachDict.
    public var dictionaryAttachment: ZstdDictionaryAttachment = .auto
    /// The largest block the compressor writes (1024...131072 bytes); smaller blocks cost
    /// ratio and bound the memory a decoder needs per block: ZSTD_c_maxBlockSize.
    public var maxBlockSize: Int?
    /// Keep matches within the window even into a dictionary's content, as a decoder with
    /// exactly that window needs: ZSTD_c_forceMaxWindow.
    public var forcesMaxWindow = false
    /// Prefetch an attached dictionary's tables before searching them:
    /// ZSTD_c_prefetchCDictTables.
    public var prefetchDictionaryTables: ZstdSwitch = .auto

    public init() {}
}

/// How a compressor uses a dictionary's digested tables for a frame (ZSTD_dictAttachPref_e):
/// searched in place, copied into the context, or rebuilt from the dictionary's content.
/// The frames decode alike; the choice trades per-frame set-up against search speed.
public enum ZstdDictionaryAttachment: Int, CaseIterable, Hashable, Sendable {
    /// libzstd attaches for small inputs and copies for large ones.
    case auto = 0
    /// Searches the dictionary's tables in place (ZSTD_dictForceAttach).
    case attach = 1
    /// Copies the tables into the context first (ZSTD_dictForceCopy).
    case copy = 2
    /// Rebuilds the tables from the dictionary's content, with the compressor's own
    /// parameters (ZSTD_dictForceLoad).
    case load = 3
}

/// libzstd's three-way switch for features it can decide on itself (ZSTD_paramSwitch_e).
public enum ZstdSwitch: Int, CaseIterable, Hashable, Sendable {
    case auto = 0, enabled = 1, disabled = 2
}

/// The match finder's settings, each overriding what the compression level chooses: libzstd's
/// ZSTD_c_strategy, hashLog, chainLog, searchLog, minMatch and targetLength. libzstd checks
/// each against its bounds when the compressor is created and refuses one outside them with
/// `parameter_outOfBound` (`ZstdError.parameterOutOfBoundCode`). The log sizes set the
/// tables' memory: a compressor allocates and clears them for each frame, so small logs
/// make short-lived compressors cheap.
public struct ZstdMatchFinder: Hashable, Sendable {
    /// The search algorithm, from fastest to strongest.
    public var strategy: ZstdStrategy?
    /// The main hash table holds 2^hashLog entries (6...30 on 64-bit).
    public var hashLog: Int?
    /// The chain or binary-tree table holds 2^chainLog entries (6...30 on 64-bit).
    public var chainLog: Int?
    /// 2^searchLog comparisons per search at most (1...29 on 64-bit).
    public var searchLog: Int?
    /// The shortest match searched for (3...7).
    public var minMatch: Int?
    /// What "long enough" means to the optimal strategies, or the step for the fast ones
    /// (1...131072).
    public var targetLength: Int?

    public init(strategy: ZstdStrategy? = nil, hashLog: Int? = nil, chainLog: Int? = nil, searchLog: Int? = nil, minMatch: Int? = nil, targetLength: Int? = nil) {
        self.strategy = strategy
        self.hashLog = hashLog
        self.chainLog = chainLog
        self.searchLog = searchLog
        self.minMatch = minMatch
        self.targetLength = targetLength
    }
}

/// Long-distance matching's settings, each overriding what the level chooses: libzstd's
/// ZSTD_c_ldmHashLog, ldmMinMatch, ldmBucketSizeLog and ldmHashRateLog. libzstd refuses a value
/// outside its bounds with `parameter_outOfBound` when the compressor is created.
public struct ZstdLongDistanceTables: Hashable, Sendable {
    /// The table holds 2^hashLog entries (6...30 on 64-bit).
    public var hashLog: Int?
    /// The shortest long-distance match searched for (4...4096).
    public var minMatch: Int?
    /// Each hash bucket holds 2^bucketSizeLog entries (1...8).
    public var bucketSizeLog: Int?
    /// One position in 2^hashRateLog enters the table (1...25 on 64-bit; libzstd reads 0 as
    /// its default, which nil says here).
    public var hashRateLog: Int?

    public init(hashLog: Int? = nil, minMatch: Int? = nil, bucketSizeLog: Int? = nil, hashRateLog: Int? = nil) {
        self.hashLog = hashLog
        self.minMatch = minMatch
        self.bucketSizeLog = bucketSizeLog
        self.hashRateLog = hashRateLog
    }
}

/// libzstd's match-search strategies (ZSTD_strategy), from fastest to strongest.
public enum ZstdStrategy: Int, CaseIterable, Hashable, Sendable {
    case fast = 1, doubleFast, greedy, lazy, lazy2, btlazy2, btopt, btultra, btultra2
}
