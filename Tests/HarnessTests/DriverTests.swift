import Foundation
import Testing

/// The dual-mode driver end to end: real builds, a real fuzzer run, a real reproduction.
@Suite(.serialized) struct Driver {
    @Test func fuzzerFindsPlantedInvariantAndPlainBuildReproducesIt() throws {
        let fuzzer = try buildProduct("PlantedInvariant", fuzzer: true)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus"), artifacts = folder.appendingPathComponent("artifacts")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        try Data("BUx".utf8).write(to: corpus.appendingPathComponent("seed"))

        let run = try runProgram(fuzzer, [corpus.path, "-max_total_time=120", "-artifact_prefix=\(artifacts.path)/"], environment: userEnvironment)
        #expect(run.status != 0)
        #expect(run.output.contains("planted bug: input starts with BUG"))
        let crashes = try FileManager.default.contentsOfDirectory(atPath: artifacts.path).filter { $0.hasPrefix("crash-") }
        let crash = artifacts.appendingPathComponent(try #require(crashes.first, "libFuzzer wrote no crash file:\n\(run.output.suffix(2_000))"))
        #expect(try Data(contentsOf: crash).starts(with: Data("BUG".utf8)))

        let reproducer = try buildProduct("PlantedInvariant", fuzzer: false)
        let replay = try runProgram(reproducer, [crash.path], environment: userEnvironment)
        #expect(replay.status == 1)
        #expect(replay.output.contains(crash.path))
        #expect(replay.output.contains("planted bug"))
        let skipped = try runProgram(reproducer, [crash.path, "-seam_skip_checks=other,planted"], environment: userEnvironment)
        #expect(skipped.status == 0, "the skipped check still ran: \(skipped.output)")

        let harmless = corpus.appendingPathComponent("seed")
        let pass = try runProgram(reproducer, [corpus.path], environment: userEnvironment)
        #expect(pass.status == 0, "\(harmless.path) should replay cleanly: \(pass.output)")

        // Under libFuzzer too, from a corpus holding the crash; and a run given a -seam_ flag
        // ends without a leak report.
        try FileManager.default.copyItem(at: crash, to: corpus.appendingPathComponent("crash"))
        let fuzzedSkipping = try runProgram(fuzzer, [corpus.path, "-runs=2000", "-seam_skip_checks=planted", "-artifact_prefix=\(artifacts.path)/"],
                                            environment: userEnvironment)
        #expect(fuzzedSkipping.status == 0, "\(fuzzedSkipping.output.suffix(2_000))")
        #expect(!fuzzedSkipping.output.contains("LeakSanitizer"), "\(fuzzedSkipping.output.suffix(2_000))")
    }

    @Test func swiftTrapReachesLibFuzzerWithoutUserSettings() throws {
        let fuzzer = try buildProduct("PlantedTrap", fuzzer: true)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("trap")
        try Data("TRAP!".utf8).write(to: input)
        let run = try runProgram(fuzzer, ["-artifact_prefix=\(folder.path)/", input.path], environment: userEnvironment, timeout: 300)
        #expect(run.status != 0)
        #expect(run.output.contains("deadly signal"))
        #expect(!run.output.contains("Crash ID"), "Swift's backtracer caught the trap before libFuzzer")
    }

    /// Fuzzes PlantedBudgets with one planted bug for at most `seconds` from an empty corpus
    /// and returns the run and the artifacts it left.
    private func fuzzPlantedBudget(_ bug: String, seconds: Int, _ flags: [String] = []) throws -> (output: String, artifacts: [URL]) {
        let fuzzer = try buildProduct("PlantedBudgets", fuzzer: true)
        let folder = try temporaryFolder()
        let corpus = folder.appendingPathComponent("corpus"), artifacts = folder.appendingPathComponent("artifacts")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        var environment = userEnvironment
        environment["SEAM_PLANTED"] = bug
        let run = try runProgram(fuzzer, [corpus.path, "-max_total_time=\(seconds)", "-artifact_prefix=\(artifacts.path)/"] + flags, environment: environment)
        let found = try FileManager.default.contentsOfDirectory(atPath: artifacts.path).map { artifacts.appendingPathComponent($0) }
        return (run.output, found)
    }

    @Test func smallStackModeFindsAPlantedRecursionTheMainThreadHides() throws {
        let hidden = try fuzzPlantedBudget("recursion", seconds: 10, ["-seam_stack=0"])
        #expect(hidden.artifacts.isEmpty, "on the main thread's 8 MiB the planted recursion should fit:\n\(hidden.output.suffix(1_500))")
        let found = try fuzzPlantedBudget("recursion", seconds: 60)
        #expect(found.output.contains("ERROR: AddressSanitizer: stack-overflow"), "\(found.output.suffix(2_000))")
        let crash = try #require(found.artifacts.first { $0.lastPathComponent.hasPrefix("crash-") }, "no crash file:\n\(found.output.suffix(2_000))")
        // The plain reproducer runs the input on the same small stack: it dies the same way.
        let replay = try runProgram(try buildProduct("PlantedBudgets", fuzzer: false), [crash.path], environment: ["SEAM_PLANTED": "recursion"].merging(userEnvironment) { $1 })
        #expect(replay.status != 0 && replay.status != 1, "\(replay.output.suffix(1_000))")
    }

    @Test func budgetsFindAPlantedQuadraticLoopAndAPlantedMemoryGrowth() throws {
        let slow = try fuzzPlantedBudget("quadratic", seconds: 60)
        #expect(slow.output.contains("over the time budget") || slow.output.contains("ERROR: libFuzzer: timeout"), "\(slow.output.suffix(2_000))")
        let slowInput = try #require(slow.artifacts.first, "no artifact:\n\(slow.output.suffix(2_000))")
        let large = try fuzzPlantedBudget("memory", seconds: 60)
        #expect(large.output.contains("==SEAM== PlantedBudgets: over the memory budget: the input grew memory by "), "\(large.output.suffix(2_000))")
        let largeInput = try #require(large.artifacts.first { $0.lastPathComponent.hasPrefix("crash-") }, "no crash file:\n\(large.output.suffix(2_000))")

        // Time depends on the build: the input replays over budget in the build that found it
        // (a libFuzzer binary given a file runs it once, and writes its crash file beside it
        // rather than into the package).
        let fuzzer = try buildProduct("PlantedBudgets", fuzzer: true)
        let beside = "-artifact_prefix=\(slowInput.deletingLastPathComponent().path)/"
        let replaySlow = try runProgram(fuzzer, [slowInput.path, beside], environment: ["SEAM_PLANTED": "quadratic"].merging(userEnvironment) { $1 })
        #expect(replaySlow.status != 0 && (replaySlow.output.contains("over the time budget") || replaySlow.output.contains("ERROR: libFuzzer: timeout")), "\(replaySlow.output.suffix(1_000))")
        // Memory replays anywhere: the plain reproducer checks the same budget and names the input.
        let reproducer = try buildProduct("PlantedBudgets", fuzzer: false)
        let replayLarge = try runProgram(reproducer, [largeInput.path], environment: ["SEAM_PLANTED": "memory"].merging(userEnvironment) { $1 })
        #expect(replayLarge.status == 1 && replayLarge.output.contains("\(largeInput.path): over the memory budget"), "\(replayLarge.output.suffix(1_000))")
        // Raised by a flag, the same input passes.
        let raised = try runProgram(reproducer, [largeInput.path, "-seam_memory_budget=1024"], environment: ["SEAM_PLANTED": "memory"].merging(userEnvironment) { $1 })
        #expect(raised.status == 0, "\(raised.output.suffix(1_000))")
    }

    @Test func plainReproducerRejectsMissingPathsAndNamesNothingWhenClean() throws {
        let reproducer = try buildProduct("PlantedInvariant", fuzzer: false)
        let missing = try runProgram(reproducer, ["/nonexistent/input"], environment: userEnvironment)
        #expect(missing.status == 2)
        #expect(missing.output.contains("no such file or folder"))
        let usage = try runProgram(reproducer, [], environment: userEnvironment)
        #expect(usage.status == 2)
    }

    @Test func wrappersPrintNothingOnBadInput() throws {
        let reproducer = try buildProduct("XMLParse", fuzzer: false)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = ["<a><b></a>", "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>", "<?xml version=\"1.0\" encoding=\"bogus\"?><a/>", "\u{0}\u{1}"]
        for (index, text) in bad.enumerated() {
            try Data(text.utf8).write(to: folder.appendingPathComponent("bad-\(index)"))
        }
        let run = try runProgram(reproducer, [folder.path], environment: userEnvironment)
        #expect(run.status == 0)
        let foreign = run.output.split(separator: "\n").filter { !$0.hasPrefix("Running: ") && !$0.contains("replayed") }
        #expect(foreign.isEmpty, "libxml2 printed: \(foreign)")
    }
}
