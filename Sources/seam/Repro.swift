import ArgumentParser
import Foundation

struct Repro: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one input through a build and print the symbolized, demangled report.",
        discussion: "Exits 0 when the input reproduces a failure, 1 when it does not. With --save, the minimized input is stored under Corpus/Regressions/<Target>/, replayed by the tests from then on."
    )

    @OptionGroup var package: PackageOptions
    @Argument(help: "The input: a crash file or any corpus file.")
    var file: String
    @Option(help: "The target (inferred from the path when it names one).")
    var target: String?
    @Option(help: "The build to run it through.")
    var variant: Variant = .address
    @Flag(help: "Minimize the input and store it as a regression.")
    var save = false
    @Option(help: "system or instrumented libzstd/libxml2 (default: instrumented for libFuzzer builds).")
    var libs: Libraries?

    func run() throws {
        let project = try package.project()
        let target = try resolveTarget(target, for: file, in: project)
        let input = URL(fileURLWithPath: file).standardizedFileURL
        guard FileManager.default.isReadableFile(atPath: input.path) else { throw SeamError("cannot read \(file)") }
        let configuration = BuildConfiguration(variant, libraries: libs)
        let binary = try configuration.existingBinary(target, in: project)
        let (status, report) = try reproduce(input, binary: binary, variant: variant)
        print(try demangle(report), terminator: "")
        guard status != 0 else {
            throw SeamError("\(file) does not reproduce on the \(variant.rawValue) build of \(target) (\(configuration.libraries.rawValue) libraries): exit status 0")
        }
        printError("seam: reproduced: \(target) exited \(status) on \(file)")
        if save {
            let kept = variant.isFuzzer ? try minimize(input, binary: binary, runs: 2000) : input
            let saved = try saveRegression(kept, target: target, in: project)
            printError("seam: saved \(saved.path); the tests replay it from now on")
        }
    }
}

func resolveTarget(_ given: String?, for file: String, in project: Project) throws -> String {
    if let given {
        return try project.resolve([given], all: false)[0]
    }
    guard let inferred = project.inferTarget(from: file) else {
        throw SeamError("cannot tell the target from \(file): pass --target (targets: \(project.targets.joined(separator: ", ")))")
    }
    return inferred
}

/// Runs one input; a libFuzzer build runs it once, a plain build replays it.
func reproduce(_ input: URL, binary: URL, variant: Variant) throws -> (Int32, String) {
    let arguments = variant.isFuzzer ? ["-runs=1", "-timeout=\(reproTimeout)", input.path] : [input.path]
    return try captureProgram(binary, arguments, environment: Toolchain.fuzzEnvironment())
}

/// Pipes text through swift-demangle, which rewrites mangled Swift symbols in place.
func demangle(_ text: String) throws -> String {
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
func minimize(_ input: URL, binary: URL, runs: Int) throws -> URL {
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
func saveRegression(_ input: URL, target: String, in project: Project) throws -> URL {
    let data = try Data(contentsOf: input)
    let folder = project.regressions(target)
    try ensureFolder(folder)
    let destination = folder.appendingPathComponent("regression-\(contentHash(data))")
    try data.write(to: destination)
    return destination
}

/// FNV-1a, 64 bits, in hex: a stable name for an input.
func contentHash(_ data: Data) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return String(hash, radix: 16).leftPadded(to: 16)
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

/// Seconds one input may run before libFuzzer calls it a timeout (its default is 20 minutes).
let reproTimeout = 10
