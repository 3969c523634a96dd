import CSeamFuzzTesting
import Foundation
import SeamFuzz
import Testing

/// A package's fuzz targets checked from `swift test`: every committed seed and regression
/// replayed, and the committed seeds compared with the generator.
///
/// ```swift
/// @Test(arguments: ZlibFuzzTargets.fuzzTargets.map(FuzzTargetCase.init))
/// func corpusReplays(_ target: FuzzTargetCase) throws {
///     try FuzzTargetTests.replayCorpus(of: target.type, packageRoot: packageRoot)
/// }
/// ```
///
/// The replay runs each target's standalone reproducer (the target's executable, which
/// `swift test` builds with the same sanitizers as the tests) in a child process, so an input
/// that crashes its target fails the test naming the input and the signal or sanitizer
/// report, and the files after it are replayed in a new child.
public enum FuzzTargetTests {
    /// One committed input that broke its target.
    public struct Failure: Equatable, Sendable, CustomStringConvertible {
        /// The input, as the reproducer was given it.
        public let file: String
        /// The broken property, or how the child died: the signal and the sanitizer's or
        /// Swift's one-line summary.
        public let reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// The outcome of replaying one target's committed inputs.
    public struct Outcome: Sendable {
        public var replayed: [String] = []
        public var failures: [Failure] = []
    }

    /// Replays `files` through `target`'s reproducer, starting a new child after each input
    /// that fails, so every failing input is named.
    public static func replay(_ files: [String], through target: any FuzzTarget.Type) throws(FuzzTargetTestError) -> Outcome {
        let reproducer = try reproducerPath(of: target)
        var outcome = Outcome()
        var rest = files[...]
        let log = FileManager.default.temporaryDirectory
            .appendingPathComponent("seam-replay-\(target.name)-\(getpid()).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        while !rest.isEmpty {
            // The budget's stack stays (recursion is a bug at any speed); time and memory are
            // the fuzzer's to judge: a sanitized debug build is slower than the fuzzer's.
            let arguments = ["-seam_time_budget=600", "-seam_memory_budget=8192"] + rest
            let status = seam_run_child(reproducer, arguments.joined(separator: "\u{1F}"), log)
            guard status != -1 else {
                throw FuzzTargetTestError("cannot run \(reproducer): \(String(cString: strerror(errno)))")
            }
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let started = output.split(separator: "\n").compactMap { line in
                line.hasPrefix("Running: ") ? String(line.dropFirst("Running: ".count)) : nil
            }
            if seam_wait_exit_status(status) == 0 {
                outcome.replayed += rest
                break
            }
            guard let failed = started.last, let index = rest.firstIndex(of: failed) else {
                throw FuzzTargetTestError("\(target.name)'s reproducer failed before its first input (\(describe(status))):\n\(output.suffix(2000))")
            }
            outcome.replayed += rest[...index]
            outcome.failures.append(Failure(file: failed, reason: reason(status, output, prefix: "==SEAM== \(target.name): \(failed): ")))
            rest = rest[(index + 1)...]
        }
        return outcome
    }

    /// The committed seeds and regressions of `target` (`Corpus/<Target>/` and
    /// `Corpus/Regressions/<Target>/` under `packageRoot`), replayed; each failing input
    /// records an issue that names it.
    public static func replayCorpus(
        of target: any FuzzTarget.Type, packageRoot: URL, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let folders = ["Corpus/\(target.name)", "Corpus/Regressions/\(target.name)"]
            .map { packageRoot.appendingPathComponent($0).path }
            .filter { FileManager.default.fileExists(atPath: $0) }
        let files = try Replay.inputFiles(folders)
        #expect(files.count >= target.seeds.count, "the seeds of \(target.name) are not all committed: run `seam seeds`", sourceLocation: sourceLocation)
        for failure in try replay(files, through: target).failures {
            Issue.record("\(target.name): \(failure)", sourceLocation: sourceLocation)
        }
    }

    /// Records an issue for each committed seed of `target` that differs from its `seeds`.
    public static func checkSeeds(of target: any FuzzTarget.Type, packageRoot: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        for (index, seed) in target.seeds.enumerated() {
            let file = packageRoot.appendingPathComponent("Corpus/\(target.name)/" + String(format: "seed-%03d", index))
            #expect(Replay.contents(ofFile: file.path) == seed, "\(file.path) is stale: run `seam seeds`", sourceLocation: sourceLocation)
        }
    }

    /// The target's executable beside the running test binary, where `swift test` puts both.
    static func reproducerPath(of target: any FuzzTarget.Type) throws(FuzzTargetTestError) -> String {
        let tests = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: tests).deletingLastPathComponent()
        // On macOS the tests are a bundle: .build/debug/<P>PackageTests.xctest/Contents/MacOS/<P>PackageTests.
        while folder.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) { folder.deleteLastPathComponent() }
        let path = folder.appendingPathComponent(target.name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw FuzzTargetTestError("no executable \(target.name) beside the tests in \(folder.path): is it in Package.swift's fuzz target list? (`seam add` puts it there)")
        }
        return path
    }

    /// The one line that says what went wrong: the reproducer's own report (its `prefix`
    /// dropped), a sanitizer's summary or Swift's fatal error, after the signal if one came.
    private static func reason(_ status: Int32, _ output: String, prefix: String) -> String {
        let lines = output.split(separator: "\n")
        let summary = lines.last { $0.hasPrefix("SUMMARY: ") || $0.contains("Fatal error: ") || $0.hasPrefix("==SEAM== ") }
            .map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : String($0) }
        let how = describe(status)
        return summary.map { seam_wait_signal(status) == 0 ? String($0) : "\(how): \($0)" } ?? how
    }

    private static func describe(_ status: Int32) -> String {
        let signal = seam_wait_signal(status)
        return signal == 0 ? "exit status \(seam_wait_exit_status(status))" : "signal \(signal) (\(String(cString: strsignal(signal))))"
    }
}

/// A fuzz target as a test argument, shown by its name.
public struct FuzzTargetCase: Sendable, CustomTestStringConvertible {
    public let type: any FuzzTarget.Type
    public init(_ type: any FuzzTarget.Type) { self.type = type }
    public var testDescription: String { type.name }
}

/// The replay could not run at all (no reproducer, no child process).
public struct FuzzTargetTestError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
