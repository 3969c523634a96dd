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
        return environment
    }
}
