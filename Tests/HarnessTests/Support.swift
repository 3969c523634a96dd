import Foundation
import SeamTool
import Testing

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// This package, as the seam tool sees it.
let seamProject = Project(root: packageRoot)

struct ProgramResult {
    let status: Int32
    let output: String
}

/// Runs a program to completion with its output captured (stdout and stderr together), in the
/// package root unless told otherwise: SeamTool's own `captureProgram`. A program that hangs
/// is killed after `timeout` seconds (long enough for a build from scratch) and fails its test
/// instead of holding CI until CI's own limit.
func runProgram(
    _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, in folder: URL = packageRoot, timeout: Double = 1_800
) throws -> ProgramResult {
    let start = ContinuousClock.now
    let (status, output) = try captureProgram(executable, arguments, environment: environment, in: folder, timeout: timeout)
    if status == 128 + SIGKILL, ContinuousClock.now - start >= .seconds(timeout) {
        throw TestFailure("\(executable.lastPathComponent) \(arguments.joined(separator: " ")) was killed after \(Int(timeout)) s:\n\(output.suffix(2_000))")
    }
    return ProgramResult(status: status, output: output)
}

/// `swift` from PATH.
func swiftTool() throws -> URL {
    try Toolchain.tool("swift")
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Builds one product with the arguments `seam build` uses, against the system libraries:
/// the address variant in .build-address (release, -sanitize=fuzzer,address), the plain
/// variant in .build-plain (debug). Up-to-date builds return at once.
func buildProduct(_ product: String, fuzzer: Bool) throws -> URL {
    let configuration = BuildConfiguration(fuzzer ? .address : .plain, libraries: .system)
    let arguments = configuration.variant.swiftBuildArguments(scratchPath: configuration.scratchPath, release: configuration.release, coverage: false) + ["--product", product]
    let result = try runProgram(try swiftTool(), arguments)
    guard result.status == 0 else { throw TestFailure("swift \(arguments.joined(separator: " ")) failed:\n\(result.output)") }
    return configuration.binary(product, in: seamProject)
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
