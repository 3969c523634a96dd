import Foundation

/// The Swift toolchain's own tools (llvm-symbolizer, swift-demangle, llvm-profdata, ...),
/// found next to `swift` so that sanitizer runtimes and tools match.
package enum Toolchain {
    package static let binFolder: URL? = executableInPath("swift")?.resolvingSymlinksInPath().deletingLastPathComponent()

    package static func tool(_ name: String) throws -> URL {
        if let folder = binFolder {
            let url = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw SeamError("\(name) not found next to swift in PATH: install the Swift toolchain and put its bin/ first in PATH")
    }

    /// The environment for running a fuzz binary: symbolized reports, traps reaching libFuzzer.
    package static func fuzzEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        if let symbolizer = try? tool("llvm-symbolizer").path {
            for key in ["ASAN_SYMBOLIZER_PATH", "UBSAN_SYMBOLIZER_PATH", "TSAN_SYMBOLIZER_PATH", "LLVM_SYMBOLIZER_PATH"] {
                environment[key] = environment[key] ?? symbolizer
            }
        }
        environment["UBSAN_OPTIONS"] = environment["UBSAN_OPTIONS"] ?? "print_stacktrace=1:halt_on_error=1"
        // ASan keeps 256 MB of freed memory in quarantine by default, and a fuzzing process's
        // resident size grows past it: XMLSizes, whose documents make trees of megabytes,
        // reached 1.0-1.5 GB in 30 s from an empty corpus (405 MB with 16 MB of quarantine)
        // and once libFuzzer's 2 GB limit. 64 MB still catches a use of memory freed within
        // the last input many times over.
        environment["ASAN_OPTIONS"] = environment["ASAN_OPTIONS"] ?? "quarantine_size_mb=64"
        return environment
    }
}
