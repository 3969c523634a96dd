import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion. Output goes to `output` (a file) when given, else it is
/// inherited; returns the exit status (128+N for a signal). A program still running after
/// `timeout` seconds is killed (SIGKILL: a hung program may not take SIGTERM), and its status
/// is then 137.
@discardableResult
package func runProgram(
    _ executable: URL,
    _ arguments: [String],
    environment: [String: String]? = nil,
    in folder: URL? = nil,
    output: URL? = nil,
    timeout: Double? = nil
) throws -> Int32 {
    let process = try startProgram(executable, arguments, environment: environment, in: folder, output: output)
    let pid = process.processIdentifier
    let kill = timeout.map { seconds in
        let kill = DispatchWorkItem { Glibc.kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: kill)
        return kill
    }
    process.waitUntilExit()
    kill?.cancel()
    return exitStatus(of: process)
}

package func startProgram(
    _ executable: URL,
    _ arguments: [String],
    environment: [String: String]? = nil,
    in folder: URL? = nil,
    output: URL? = nil,
    appendingTo log: URL? = nil
) throws -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let folder { process.currentDirectoryURL = folder }
    // Nothing Seam runs reads input; under `swift package seam`, stdin is SwiftPM's pipe to
    // the plugin, which a build step must not inherit.
    process.standardInput = FileHandle.nullDevice
    if let output {
        try ensureFolder(output.deletingLastPathComponent())
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
    } else if let log {
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
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

package func exitStatus(of process: Process) -> Int32 {
    process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
}

/// Runs a program and returns its combined output and status.
package func captureProgram(
    _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, in folder: URL? = nil, timeout: Double? = nil
) throws -> (status: Int32, output: String) {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("seam-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: log) }
    let status = try runProgram(executable, arguments, environment: environment, in: folder, output: log, timeout: timeout)
    let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    return (status, output)
}

/// The first executable called `name` in PATH.
package func executableInPath(_ name: String) -> URL? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

/// `swift` itself, for builds.
package func swiftExecutable() throws -> URL {
    try Toolchain.tool("swift")
}
