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

        let harmless = corpus.appendingPathComponent("seed")
        let pass = try runProgram(reproducer, [corpus.path], environment: userEnvironment)
        #expect(pass.status == 0, "\(harmless.path) should replay cleanly: \(pass.output)")
    }

    @Test func swiftTrapReachesLibFuzzerWithoutUserSettings() throws {
        let fuzzer = try buildProduct("PlantedTrap", fuzzer: true)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("trap")
        try Data("TRAP!".utf8).write(to: input)
        let run = try runProgram(fuzzer, ["-artifact_prefix=\(folder.path)/", input.path], environment: userEnvironment)
        #expect(run.status != 0)
        #expect(run.output.contains("deadly signal"))
        #expect(!run.output.contains("Crash ID"), "Swift's backtracer caught the trap before libFuzzer")
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
