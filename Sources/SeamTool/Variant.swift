import Foundation

/// A build of the fuzz targets. Each lives in its own scratch path, so switching variants
/// never rebuilds another.
package enum Variant: String, CaseIterable, Sendable {
    /// libFuzzer + AddressSanitizer (and LeakSanitizer): the fuzzing default.
    case address
    /// libFuzzer + UndefinedBehaviorSanitizer on the C side (swiftc has no -sanitize=undefined).
    case undefined
    /// libFuzzer + ThreadSanitizer.
    case thread
    /// libFuzzer with no sanitizer: the fastest fuzzing.
    case none
    /// No libFuzzer: every binary is a standalone reproducer.
    case plain

    package var isFuzzer: Bool { self != .plain }

    package func swiftBuildArguments(scratchPath: String, release: Bool, coverage: Bool) -> [String] {
        // The manifest lists Fuzz/'s folders when it is evaluated, and SwiftPM caches that
        // evaluation by the manifest's text: without this a new target folder stays unseen.
        var arguments = ["build", "--scratch-path", scratchPath, "--manifest-cache", "none"]
        if release {
            arguments += ["-c", "release", "-Xswiftc", "-g"]
        }
        switch self {
        case .address: arguments += ["-Xswiftc", "-sanitize=fuzzer,address"]
        case .undefined:
            arguments += ["-Xswiftc", "-sanitize=fuzzer", "-Xcc", "-fsanitize=undefined",
                          "-Xswiftc", "-Xclang-linker", "-Xswiftc", "-fsanitize=undefined"]
        case .thread: arguments += ["-Xswiftc", "-sanitize=fuzzer,thread"]
        case .none: arguments += ["-Xswiftc", "-sanitize=fuzzer"]
        case .plain: break
        }
        if coverage {
            arguments += ["-Xswiftc", "-profile-generate", "-Xswiftc", "-profile-coverage-mapping"]
        }
        return arguments
    }
}
