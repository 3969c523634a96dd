import CZstd
import SeamBoundary
import Glibc

/// A zstd dictionary, raw content or zstd-format (trained), digested once for compression and
/// decompression and shared by every context that uses it.
///
/// Ownership: owns one `ZSTD_CDict` and one `ZSTD_DDict`, freed with the dictionary; a
/// compressor or decompressor using it keeps it alive. Threading: Sendable, because both
/// digested forms are read-only after creation and libzstd allows sharing them between
/// threads; each thread still needs its own context.
public final class ZstdDictionary: @unchecked Sendable {
    /// The dictionary as given or trained.
    public let bytes: [UInt8]
    /// The id frames compressed with it carry (0 for a raw-content dictionary).
    public let id: UInt32
    /// The level its compression form was digested for.
    public let level: Int

    let compressionForm: OpaquePointer
    let decompressionForm: OpaquePointer

    /// Digests `bytes`: a zstd-format dictionary when it starts with the dictionary magic
    /// number, raw content otherwise. Throws `.invalidArgument` for empty bytes or a level out
    /// of range and `.library` (dictionary_corrupted) for a malformed zstd-format dictionary.
    ///
    /// `dedicatedSearch` digests the compression form into libzstd's read-optimized search
    /// tables (ZSTD_c_enableDedicatedDictSearch), used at the levels whose strategy is greedy,
    /// lazy or lazy2: faster compression of small inputs for a larger, slower-built dictionary.
    public init(bytes: [UInt8], level: Int = Zstd.defaultLevel, dedicatedSearch: Bool = false) throws(ZstdError) {
        guard !bytes.isEmpty else { throw .invalidArgument("a dictionary needs at least one byte") }
        guard Zstd.levels.contains(level) else { throw .invalidArgument("compression level \(level) outside \(Zstd.levels)") }
        let forms = bytes.withUnsafeBytes { raw in
            (Self.compressionForm(of: raw, level: level, dedicatedSearch: dedicatedSearch),
             ZSTD_createDDict(raw.baseAddress, raw.count), ZSTD_getDictID_fromDict(raw.baseAddress, raw.count))
        }
        Boundary.record(dedicatedSearch ? "ZSTD_createCDict_advanced2" : "ZSTD_createCDict", ok: forms.0 != nil)
        Boundary.record("ZSTD_createDDict", ok: forms.1 != nil)
        guard let compression = forms.0, let decompression = forms.1 else {
            ZSTD_freeCDict(forms.0)
            ZSTD_freeDDict(forms.1)
            throw .library(code: Int(ZSTD_error_dictionary_corrupted.rawValue), name: "Dictionary is corrupted")
        }
        self.bytes = bytes
        self.level = level
        self.id = forms.2
        self.compressionForm = compression
        self.decompressionForm = decompression
    }

    /// The CDict: the plain call for the usual case, the advanced one (a parameter set with
    /// the level and the dedicated search) otherwise.
    private static func compressionForm(of raw: UnsafeRawBufferPointer, level: Int, dedicatedSearch: Bool) -> OpaquePointer? {
        guard dedicatedSearch else { return ZSTD_createCDict(raw.baseAddress, raw.count, Int32(level)) }
        guard let parameters = ZSTD_createCCtxParams() else { return nil }
        defer { ZSTD_freeCCtxParams(parameters) }
        // Both values were checked (the level) or are fixed (the switch): neither call can fail.
        _ = ZSTD_CCtxParams_setParameter(parameters, ZSTD_c_compressionLevel, Int32(level))
        _ = ZSTD_CCtxParams_setParameter(parameters, seam_zstd_c_enableDedicatedDictSearch, 1)
        return ZSTD_createCDict_advanced2(raw.baseAddress, raw.count, ZSTD_dlm_byCopy, ZSTD_dct_auto, parameters, ZSTD_defaultCMem)
    }

    deinit {
        ZSTD_freeCDict(compressionForm)
        ZSTD_freeDDict(decompressionForm)
    }

    /// libzstd 1.5.4's dictionary builder writes a file-level global on every call
    /// (`g_displayLevel` in cover.c and fastcover.c): two trainings at once are a data race,
    /// which ThreadSanitizer reported once the sanitizer matrix built libzstd with it.
    /// Training is serialized process-wide here, so `train` is safe from any thread. A pthread
    /// mutex rather than Synchronization's `Mutex`: ThreadSanitizer intercepts pthread's lock
    /// and sees the order it makes, while `Mutex`'s atomics live in the uninstrumented
    /// standard library, so TSan still reported two trainings in turn as a race.
    static let trainingLock = TrainingLock()

    /// Trains a zstd-format dictionary of at most `capacity` bytes from `samples` (ZDICT), with
    /// `method` choosing its content; `level` is the level it is digested for and, with
    /// fastCover, the level its entropy tables are tuned for (`.automatic` tunes for level 3).
    /// Throws libzstd's error when the samples are too few or too small to learn from, or when
    /// fastCover's parameters are out of its range. Safe from any thread; trainings run one at
    /// a time (see `trainingLock`).
    public static func train(
        samples: [[UInt8]],
        capacity: Int = 16 << 10,
        level: Int = Zstd.defaultLevel,
        method: ZstdTrainingMethod = .automatic
    ) throws(ZstdError) -> ZstdDictionary {
        guard capacity >= 256 else { throw .invalidArgument("dictionary capacity \(capacity) is under 256 bytes") }
        guard samples.count < Int(UInt32.max) else { throw .invalidArgument("too many samples") }
        guard Zstd.levels.contains(level) else { throw .invalidArgument("compression level \(level) outside \(Zstd.levels)") }
        let fastCover = try method.fastCoverParameters(level: level)
        let joined = samples.flatMap { $0 }
        let sizes = samples.map(\.count)
        let function: StaticString = fastCover == nil ? "ZDICT_trainFromBuffer" : "ZDICT_trainFromBuffer_fastCover"
        var status = 0
        let trained = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            let capacity = Boundary.capacity(capacity, of: buffer, for: function)
            status = joined.withUnsafeBytes { source in
                sizes.withUnsafeBufferPointer { sizes in
                    trainingLock.withLock {
                        if let fastCover {
                            ZDICT_trainFromBuffer_fastCover(buffer.baseAddress, capacity, source.baseAddress, sizes.baseAddress,
                                                            UInt32(sizes.count), fastCover)
                        } else {
                            ZDICT_trainFromBuffer(buffer.baseAddress, capacity, source.baseAddress, sizes.baseAddress, UInt32(sizes.count))
                        }
                    }
                }
            }
            count = ZDICT_isError(status) != 0 ? 0 : status
        }
        _ = try ZstdError.check(status, function)
        return try ZstdDictionary(bytes: trained, level: level)
    }
}

/// How `ZstdDictionary.train` chooses a dictionary's content from its samples.
public enum ZstdTrainingMethod: Sendable, Hashable {
    /// libzstd's default (`ZDICT_trainFromBuffer`): fastCover with 8-byte d-mers, trying several
    /// segment sizes and keeping the dictionary that compresses the samples best.
    case automatic
    /// fastCover with fixed parameters (`ZDICT_trainFromBuffer_fastCover`), as
    /// `zstd --train-fastcover=k=…,d=…` does: one training instead of `.automatic`'s search,
    /// and the same dictionary for the same samples.
    /// - segmentSize: k, the bytes of each segment picked for the dictionary; from `dmerSize` up
    ///   to the dictionary's capacity.
    /// - dmerSize: d, the length of the substrings counted: 6 or 8.
    /// - frequencyLog: f, log2 of the substring frequency table's entries: 1...20 here (6 bytes
    ///   an entry, 6 MiB at 20, libzstd's default; libzstd's own limit of 31 would take 12 GiB).
    /// - acceleration: 1 (every sample position) to 10 (fastest).
    case fastCover(segmentSize: Int, dmerSize: Int, frequencyLog: Int = 20, acceleration: Int = 1)

    /// fastCover's C parameters, or nil for `.automatic`. What bounds memory, and what libzstd
    /// would silently replace or truncate, is checked here; libzstd checks the rest
    /// (parameter_outOfBound) before it allocates anything.
    func fastCoverParameters(level: Int) throws(ZstdError) -> ZDICT_fastCover_params_t? {
        guard case .fastCover(let segmentSize, let dmerSize, let frequencyLog, let acceleration) = self else { return nil }
        guard (1...20).contains(frequencyLog) else { throw .invalidArgument("fastCover frequency log \(frequencyLog) outside 1...20") }
        // libzstd reads an acceleration of 0 as its default; a caller's 0 is a mistake.
        guard (1...10).contains(acceleration) else { throw .invalidArgument("fastCover acceleration \(acceleration) outside 1...10") }
        guard let k = UInt32(exactly: segmentSize), let d = UInt32(exactly: dmerSize) else {
            throw .invalidArgument("fastCover segment size \(segmentSize) or d-mer size \(dmerSize) outside 0...\(UInt32.max)")
        }
        var parameters = ZDICT_fastCover_params_t()
        parameters.k = k
        parameters.d = d
        parameters.f = UInt32(frequencyLog)
        parameters.accel = UInt32(acceleration)
        parameters.zParams.compressionLevel = Int32(level)
        return parameters
    }
}

/// A process-lifetime pthread mutex (see `ZstdDictionary.trainingLock`).
final class TrainingLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    func withLock<Result>(_ body: () -> Result) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}
