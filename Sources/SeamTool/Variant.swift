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
        var arguments = ["build", "--scratch-path", scratchPath]
        if release {
            arguments += ["-c", "release", "-Xswiftc", "-g"]
        }
        return arguments + compilerFlags(coverage: coverage)
    }

    /// The `swift build` flags that make this variant: the one place they are written
    /// (`seam build --print-flags` hands them to scripts such as the OSS-Fuzz build).
    package func compilerFlags(coverage: Bool) -> [String] {
        var flags: [String]
        switch self {
        case .address: flags = ["-Xswiftc", "-sanitize=fuzzer,address"]
        case .undefined:
            // swiftc has no -sanitize=undefined on Linux: the C side is compiled and the
            // whole program linked with clang's flag instead.
            flags = ["-Xswiftc", "-sanitize=fuzzer", "-Xcc", "-fsanitize=undefined",
                     "-Xswiftc", "-Xclang-linker", "-Xswiftc", "-fsanitize=undefined"]
        case .thread: flags = ["-Xswiftc", "-sanitize=fuzzer,thread"]
        case .none: flags = ["-Xswiftc", "-sanitize=fuzzer"]
        case .plain: flags = []
        }
        if coverage {
            flags += ["-Xswiftc", "-profile-generate", "-Xswiftc", "-profile-coverage-mapping"]
        }
        return flags
    }
}
