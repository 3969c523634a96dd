import CZstd
import SeamBoundary

/// An error from the zstd wrapper: libzstd's own error code and name, or a bound the wrapper
/// enforces on libzstd's behalf.
public enum ZstdError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libzstd reported an error: its `ZSTD_ErrorCode` value and `ZSTD_getErrorName` text.
    case library(code: Int, name: String)
    /// The output would exceed `limit` bytes; nothing beyond the limit was allocated.
    case outputLimitExceeded(limit: Int)
    /// The input ended inside a frame.
    case truncatedInput
    /// An argument outside what the API accepts (a compression level out of range, say).
    case invalidArgument(String)

    /// libzstd's error code, for `.library`.
    public var code: Int? {
        if case .library(let code, _) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .library(let code, let name): "zstd error \(code): \(name)"
        case .outputLimitExceeded(let limit): "zstd output exceeds the limit of \(limit) bytes"
        case .truncatedInput: "zstd input ends inside a frame"
        case .invalidArgument(let what): "invalid argument: \(what)"
        }
    }

    /// A frame whose window is over the decoder's bound, as libzstd reports it.
    static var windowTooLarge: ZstdError {
        .library(code: windowTooLargeCode, name: String(cString: ZSTD_getErrorString(ZSTD_error_frameParameter_windowTooLarge)))
    }

    /// The code libzstd uses for a corrupted frame.
    public static var corruptionCode: Int { Int(ZSTD_error_corruption_detected.rawValue) }
    /// The code libzstd uses for input that does not start with a frame.
    public static var unknownFrameCode: Int { Int(ZSTD_error_prefix_unknown.rawValue) }

    /// The code libzstd uses for a frame that needs another dictionary (or one).
    public static var dictionaryWrongCode: Int { Int(ZSTD_error_dictionary_wrong.rawValue) }
    /// The code libzstd uses for a dictionary it cannot load.
    public static var dictionaryCorruptedCode: Int { Int(ZSTD_error_dictionary_corrupted.rawValue) }
    /// The code libzstd uses for a size that does not match the data: a truncated frame, a
    /// pledged size the input did not meet, too few samples to train on.
    public static var sourceSizeWrongCode: Int { Int(ZSTD_error_srcSize_wrong.rawValue) }
    /// The code libzstd uses for a call its context's current stage does not allow.
    public static var stageWrongCode: Int { Int(ZSTD_error_stage_wrong.rawValue) }
    /// The code libzstd uses for a content checksum that does not match.
    public static var checksumWrongCode: Int { Int(ZSTD_error_checksum_wrong.rawValue) }
    /// The code libzstd uses for a parameter value outside its bounds.
    public static var parameterOutOfBoundCode: Int { Int(ZSTD_error_parameter_outOfBound.rawValue) }
    /// The code libzstd uses for a parameter this build does not support.
    public static var unsupportedParameterCode: Int { Int(ZSTD_error_parameter_unsupported.rawValue) }

    /// The code libzstd uses for parameters it refuses together (a sequence producer with
    /// long-distance matching or workers, say).
    public static var parameterCombinationUnsupportedCode: Int { Int(ZSTD_error_parameter_combination_unsupported.rawValue) }

    /// The code libzstd uses for sequences it refuses to compress from.
    public static var sequencesInvalidCode: Int { Int(ZSTD_error_externalSequences_invalid.rawValue) }

    /// The code libzstd uses for a frame whose window is over the decoder's windowLogMax.
    public static var windowTooLargeCode: Int { Int(ZSTD_error_frameParameter_windowTooLarge.rawValue) }

    /// `value` as the C `int` a libzstd parameter takes. A value no `int` holds is refused,
    /// never clamped or truncated: either would hand libzstd another number than the caller
    /// gave, which it might accept (a size hint clamped to INT_MAX).
    static func cInt(_ value: Int, _ name: String) throws(ZstdError) -> Int32 {
        guard let narrowed = Int32(exactly: value) else { throw .invalidArgument("\(name) \(value) does not fit a C int") }
        return narrowed
    }

    /// Returns `result` unless it is a libzstd error code, which it throws; records the call
    /// of `function` for the boundary contract check.
    @inline(__always)
    static func check(_ result: Int, _ function: StaticString) throws(ZstdError) -> Int {
        let failed = ZSTD_isError(result) != 0
        Boundary.record(function, ok: !failed)
        if failed {
            throw .library(
                code: Int(ZSTD_getErrorCode(result).rawValue),
                name: String(cString: ZSTD_getErrorName(result))
            )
        }
        return result
    }
}
