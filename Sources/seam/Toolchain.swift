import Foundation

/// The Swift toolchain's own tools (llvm-symbolizer, swift-demangle, llvm-profdata, ...),
/// found next to `swift` so that sanitizer runtimes and tools match.
enum Toolchain {
    static let binFolder: URL? = {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let swift = URL(fileURLWithPath: String(folder)).appendingPathComponent("swift")
            if FileManager.default.isExecutableFile(atPath: swift.path) {
                return swift.resolvingSymlinksInPath().deletingLastPathComponent()
            }
        }
        return nil
    }()

    static func tool(_ name: String) throws -> URL {
        if let folder = binFolder {
            let url = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw SeamError("\(name) not found next to swift in PATH: install the Swift toolchain and put its bin/ first in PATH")
    }

    /// The environment for running a fuzz binary: symbolized reports, traps reaching libFuzzer.
    static func fuzzEnvironment() -> [String: String] {
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

/// Runs a program to completion. Output goes to `output` (a file) when given, else it is
/// inherited; returns the exit status (128+N for a signal).
@discardableResult
func runProgram(
    _ executable: URL,
    _ arguments: [String],
    environment: [String: String]? = nil,
    in folder: URL? = nil,
    output: URL? = nil
) throws -> Int32 {
    let process = try startProgram(executable, arguments, environment: environment, in: folder, output: output)
    process.waitUntilExit()
    return exitStatus(of: process)
}

func startProgram(
    _ executable: URL,
    _ arguments: [String],
    environment: [String: String]? = nil,
    in folder: URL? = nil,
    output: URL? = nil
) throws -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let folder { process.currentDirectoryURL = folder }
    if let output {
        try ensureFolder(output.deletingLastPathComponent())
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
    }
    do {
        try process.run()
    } catch {
        throw SeamError("cannot start \(executable.path): \(error.localizedDescription)")
    }
    return process
}

func exitStatus(of process: Process) -> Int32 {
    process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
}

/// Runs a program and returns its combined output and status.
func captureProgram(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil, in folder: URL? = nil) throws -> (status: Int32, output: String) {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("seam-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: log) }
    let status = try runProgram(executable, arguments, environment: environment, in: folder, output: log)
    let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    return (status, output)
}

/// `swift` itself, for builds.
func swiftExecutable() throws -> URL {
    try Toolchain.tool("swift")
}
