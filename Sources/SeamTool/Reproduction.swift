import Foundation

package func resolveTarget(_ given: String?, for file: String, in project: Project) throws -> String {
    if let given {
        return try project.resolve([given], all: false)[0]
    }
    guard let inferred = project.inferTarget(from: file) else {
        throw SeamError("cannot tell the target from \(file): pass --target (targets: \(project.targets.joined(separator: ", ")))")
    }
    return inferred
}

/// Runs one input; a libFuzzer build runs it once, a plain build replays it.
package func reproduce(_ input: URL, binary: URL, variant: Variant) throws -> (Int32, String) {
    // libFuzzer writes the crashing input again as crash-<sha1>, by default into the working
    // folder (the package root): into a folder of its own here, removed after.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seam-repro-\(UUID().uuidString)")
    try ensureFolder(scratch)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let arguments = variant.isFuzzer ? ["-runs=1", "-timeout=\(reproTimeout)", "-artifact_prefix=\(scratch.path)/", input.path] : [input.path]
    return try captureProgram(binary, arguments, environment: Toolchain.fuzzEnvironment())
}

/// Pipes text through swift-demangle, which rewrites mangled Swift symbols in place.
package func demangle(_ text: String) throws -> String {
    let demangler = try Toolchain.tool("swift-demangle")
    let process = Process()
    process.executableURL = demangler
    process.arguments = ["--simplified"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let writer = Thread {
        input.fileHandleForWriting.write(Data(text.utf8))
        try? input.fileHandleForWriting.close()
    }
    writer.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// libFuzzer's -minimize_crash: returns the smallest input that still fails, written beside
/// the original as <name>.min.
package func minimize(_ input: URL, binary: URL, runs: Int) throws -> URL {
    let output = input.deletingLastPathComponent().appendingPathComponent(input.lastPathComponent + ".min")
    let (status, log) = try captureProgram(
        binary,
        ["-minimize_crash=1", "-runs=\(runs)", "-timeout=\(reproTimeout)", "-exact_artifact_path=\(output.path)", input.path],
        environment: Toolchain.fuzzEnvironment()
    )
    guard FileManager.default.fileExists(atPath: output.path) else {
        if log.contains("did not crash") {
            throw SeamError("\(input.path) does not crash the \(binary.lastPathComponent) fuzzer, nothing to minimize (exit \(status))")
        }
        throw SeamError("minimizing \(input.path) failed (exit \(status)):\n\(log.split(separator: "\n").suffix(5).joined(separator: "\n"))")
    }
    let before = (try? Data(contentsOf: input).count) ?? 0
    let after = (try? Data(contentsOf: output).count) ?? 0
    printError("seam: minimized \(input.lastPathComponent): \(before) -> \(after) bytes")
    return after <= before ? output : input
}

/// Copies an input to Corpus/Regressions/<target>/, named by a hash of its content.
package func saveRegression(_ input: URL, target: String, in project: Project) throws -> URL {
    let data = try Data(contentsOf: input)
    let folder = project.regressions(target)
    try ensureFolder(folder)
    let destination = folder.appendingPathComponent("regression-\(contentHash(data))")
    try data.write(to: destination)
    return destination
}

/// FNV-1a, 64 bits, in hex: a stable name for an input.
package func contentHash(_ data: Data) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return String(hash, radix: 16).leftPadded(to: 16)
}

extension String {
    package func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

/// Seconds one input may run before libFuzzer calls it a timeout (its default is 20 minutes).
package let reproTimeout = 10
