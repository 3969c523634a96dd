import Foundation
import Testing

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

struct ProgramResult {
    let status: Int32
    let output: String
}

/// Runs a program to completion with its output captured (stdout and stderr together).
func runProgram(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil, in folder: URL = packageRoot) throws -> ProgramResult {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("seam-test-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: log) }
    let handle = try FileHandle(forWritingTo: log)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    if let environment { process.environment = environment }
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    try handle.close()
    let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return ProgramResult(status: status, output: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
}

/// `swift` from PATH.
func swiftTool() throws -> URL {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("swift")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw TestFailure("swift is not in PATH")
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Builds one product the way `seam build` does: the fuzzer variant in .build-address
/// (release, -sanitize=fuzzer,address), the standalone variant in .build-plain (debug).
/// Up-to-date builds return at once.
func buildProduct(_ product: String, fuzzer: Bool) throws -> URL {
    let arguments = fuzzer
        ? ["build", "--scratch-path", ".build-address", "-c", "release", "-Xswiftc", "-g", "-Xswiftc", "-sanitize=fuzzer,address", "--product", product]
        : ["build", "--scratch-path", ".build-plain", "--product", product]
    let result = try runProgram(try swiftTool(), arguments)
    guard result.status == 0 else { throw TestFailure("swift \(arguments.joined(separator: " ")) failed:\n\(result.output)") }
    return packageRoot.appendingPathComponent(fuzzer ? ".build-address/release/\(product)" : ".build-plain/debug/\(product)")
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("seam-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The environment of this process without SWIFT_BACKTRACE, as a user's shell would have it.
var userEnvironment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "SWIFT_BACKTRACE")
    return environment
}
