import Foundation
import PlantedTargets
import SeamFuzz
import SeamTool
import Testing

/// The `seam` tool run as a user runs it, on temporary corpora, with real fuzzer runs.
@Suite(.serialized) struct SeamTool {
    let seam: URL
    let folder: URL

    init() throws {
        seam = try buildProduct("seam", fuzzer: false)
        folder = try temporaryFolder()
    }

    /// seam with a temporary corpus and work folder; `planted` adds the test-only targets.
    func run(_ arguments: [String], planted: Bool = false) throws -> ProgramResult {
        var options = ["--corpus", folder.appendingPathComponent("Corpus").path, "--work", folder.appendingPathComponent("work").path]
        if planted { options += ["--targets-dir", "Tests/Planted"] }
        let separator = arguments.firstIndex(of: "--") ?? arguments.endIndex
        return try runProgram(seam, Array(arguments[..<separator]) + options + Array(arguments[separator...]), environment: userEnvironment)
    }

    @Test func plantedCrashIsFoundMinimizedReproducedAndSavedAsRegression() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let seeds = folder.appendingPathComponent("Corpus/PlantedInvariant")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        try Data("BUx-and-some-padding-to-minimize".utf8).write(to: seeds.appendingPathComponent("seed"))

        let fuzz = try run(["run", "PlantedInvariant", "--time", "120"], planted: true)
        #expect(fuzz.status == 1)
        #expect(fuzz.output.contains("CRASH"))
        let reproLine = try #require(fuzz.output.split(separator: "\n").first { $0.contains("reproduce: seam repro ") }, "\(fuzz.output)")
        let artifact = try #require(reproLine.split(separator: " ").first { $0.contains("/crash-") }).description
        #expect(files(in: seeds).count == 1, "new inputs must go to the working corpus, not the seeds")

        let minimized = try run(["minimize", artifact], planted: true)
        #expect(minimized.status == 0, "\(minimized.output)")
        let smallest = try Data(contentsOf: URL(fileURLWithPath: artifact + ".min"))
        #expect(smallest.count <= (try Data(contentsOf: URL(fileURLWithPath: artifact))).count)
        #expect(smallest.starts(with: Data("BUG".utf8)))

        let repro = try run(["repro", artifact, "--save"], planted: true)
        #expect(repro.status == 0, "\(repro.output)")
        #expect(repro.output.contains("planted bug: input starts with BUG"))
        #expect(repro.output.contains("reproduced"))
        let regressions = files(in: folder.appendingPathComponent("Corpus/Regressions/PlantedInvariant"))
        let saved = try #require(regressions.first)
        #expect(regressions.count == 1)

        // Triage knows the saved regression's signature: the crash files it was made from are
        // older than it, so they show as saved, not as a bug that came back; one row however
        // many files there are.
        let triage = try run(["triage", "--no-minimize"], planted: true)
        #expect(triage.status == 0, "\(triage.output)")
        let rows = triage.output.split(separator: "\n").filter { $0.contains("PlantedTargets/PlantedInvariant.swift  PlantedInvariant") }
        #expect(rows.count == 1, "\(triage.output)")
        #expect(rows.first?.contains("saved (PlantedInvariant/\(saved.lastPathComponent))") == true, "\(triage.output)")
        #expect(rows.first?.contains("invariant: planted bug: input starts with BUG") == true)

        // The regression is replayed: by `seam regress` through the standalone build, and
        // in-process through the target body, exactly as the corpus replay test does.
        let regress = try run(["regress"], planted: true)
        #expect(regress.status == 1)
        #expect(regress.output.contains("FAILED"))
        #expect(regress.output.contains(saved.lastPathComponent))
        let replayed = #expect(throws: InvariantViolation.self) { try PlantedInvariant.run([UInt8](try Data(contentsOf: saved))) }
        #expect(replayed?.message == "planted bug: input starts with BUG")
    }

    @Test func triageFindsExactlyThreeBugsInTwoMinutesOfTwoWorkersAndKnowsASavedOne() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let seeds = folder.appendingPathComponent("Corpus/PlantedThreeBugs")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        for seed in ["A0-padding", "B0-padding", "C0-padding"] {
            try Data(seed.utf8).write(to: seeds.appendingPathComponent(seed))
        }
        let fuzz = try run(["run", "PlantedThreeBugs", "--time", "120", "--cores", "2", "--keep-going"], planted: true)
        #expect(fuzz.status == 1)
        let artifacts = folder.appendingPathComponent("work/artifacts/PlantedThreeBugs")
        #expect(files(in: artifacts).count > 3, "a run past crashes keeps many files of few bugs")

        let triage = try run(["triage", "PlantedThreeBugs"], planted: true)
        #expect(triage.status == 0, "\(triage.output)")
        let signatures = triage.output.split(separator: "\n").filter { $0.contains("  NEW  ") }
        #expect(signatures.count == 3, "\(triage.output)")
        for kind in ["invariant: planted bug A: input starts with A1", "Swift trap: Index out of range",
                     "Swift trap: Unexpectedly found nil while unwrapping an Optional value"] {
            #expect(signatures.contains { $0.contains(kind) }, "\(kind) in \(triage.output)")
        }
        let reproducers = triage.output.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "reproduce: seam repro ") else { return nil }
            return line[range.upperBound...].split(separator: " ").first.map(String.init)
        }
        #expect(reproducers.count == 3 && reproducers.allSatisfy { $0.hasSuffix(".min") }, "minimized once per signature: \(reproducers)")
        for reproducer in reproducers {
            let repro = try run(["repro", reproducer], planted: true)
            #expect(repro.status == 0 && repro.output.contains("reproduced"), "\(repro.output)")
        }

        // Save the invariant bug as a regression; another crash file of it is then a bug that came back.
        let invariantReproducer = try #require(reproducers.first { (try? Data(contentsOf: URL(fileURLWithPath: $0)))?.starts(with: Data("A1".utf8)) == true })
        #expect(try run(["repro", invariantReproducer, "--save"], planted: true).status == 0)
        try Data("A1 came back".utf8).write(to: artifacts.appendingPathComponent("crash-came-back"))
        let again = try run(["triage", "PlantedThreeBugs", "--no-minimize"], planted: true)
        let rows = again.output.split(separator: "\n").filter { $0.contains("PlantedThreeBugs  ") && ($0.contains("NEW") || $0.contains("CAME BACK")) }
        #expect(rows.count == 3, "\(again.output)")
        #expect(rows.filter { $0.contains("CAME BACK (PlantedThreeBugs/regression-") && $0.contains("planted bug A") }.count == 1, "\(again.output)")
    }

    @Test func keepGoingFuzzesPastTheFirstCrashOnTwoCores() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let seeds = folder.appendingPathComponent("Corpus/PlantedInvariant")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        try Data("BUx-and-some-padding".utf8).write(to: seeds.appendingPathComponent("seed"))

        let fuzz = try run(["run", "PlantedInvariant", "--time", "10", "--cores", "2", "--keep-going"], planted: true)
        #expect(fuzz.status == 1)
        let row = try #require(fuzz.output.split(separator: "\n").first { $0.hasPrefix("PlantedInvariant ") }, "\(fuzz.output)")
        let columns = row.split(separator: " ").map(String.init)
        // target, time, runs, exec/s, coverage, corpus, crashes, status: fork mode's figures too.
        #expect((Int(columns[2]) ?? 0) > 1_000, "runs: \(row)")
        #expect((Int(columns[3]) ?? 0) > 100, "exec/s: \(row)")
        #expect((Int(columns[4]) ?? 0) > 10, "coverage: \(row)")
        let artifacts = files(in: folder.appendingPathComponent("work/artifacts/PlantedInvariant"))
        #expect(artifacts.count > 1, "a run that keeps going keeps more than its first crash")
        #expect(Int(columns[6]) == artifacts.count, "crashes: \(row)")
        #expect(columns[7] == "CRASH")
        #expect(try artifacts.allSatisfy { try Data(contentsOf: $0).starts(with: Data("BUG".utf8)) })
    }

    @Test func shortRealRunFillsTheWorkingCorpusAndMergeKeepsSeedsSmall() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let seeds = folder.appendingPathComponent("Corpus/ZstdRoundTrip")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        try Data([3, 0]).write(to: seeds.appendingPathComponent("seed"))

        let fuzz = try run(["run", "ZstdRoundTrip", "--time", "5", "--", "-max_len=64"])
        #expect(fuzz.status == 0, "\(fuzz.output)")
        let row = try #require(fuzz.output.split(separator: "\n").first { $0.hasPrefix("ZstdRoundTrip ") })
        let columns = row.split(separator: " ")
        #expect(columns.last == "ok")
        #expect((Int(columns[2]) ?? 0) > 100, "runs: \(row)")
        let work = files(in: folder.appendingPathComponent("work/corpus/ZstdRoundTrip"))
        #expect(!work.isEmpty)
        #expect(files(in: seeds).count == 1)

        let merge = try run(["merge", "ZstdRoundTrip"])
        #expect(merge.status == 0, "\(merge.output)")
        #expect(merge.output.contains("added"))
        let merged = files(in: seeds).count
        #expect(merged > 1 && merged <= work.count + 1)

        let list = try run(["list"])
        #expect(list.output.split(separator: "\n").contains { $0.hasPrefix("ZstdRoundTrip") && $0.contains(" \(merged) ") })

        // Distilling keeps the working corpus's coverage in fewer (or as many) inputs.
        let binary = BuildConfiguration(.address).binary("ZstdRoundTrip", in: seamProject)
        func initialCoverage() throws -> Int {
            let replay = try runProgram(binary, ["-runs=0", folder.appendingPathComponent("work/corpus/ZstdRoundTrip").path], environment: userEnvironment)
            return FuzzerStats.parse(replay.output).coverage
        }
        let coverageBefore = try initialCoverage()
        let distill = try run(["distill", "ZstdRoundTrip"])
        #expect(distill.status == 0, "\(distill.output)")
        let distilled = files(in: folder.appendingPathComponent("work/corpus/ZstdRoundTrip"))
        #expect(!distilled.isEmpty && distilled.count <= work.count)
        // Not exactly equal: replaying the same folder twice already differs by a few edges
        // here (ZstdRoundTrip reuses its compressor across inputs, so order matters).
        let coverageAfter = try initialCoverage()
        #expect(coverageBefore > 1_000 && coverageAfter * 100 >= coverageBefore * 99, "\(coverageBefore) -> \(coverageAfter)")

        // A second run, on two cores, makes a history; the report plots both and renders as a page.
        let again = try run(["run", "ZstdRoundTrip", "--time", "4", "--cores", "2", "--no-build", "--", "-max_len=64"])
        #expect(again.status == 0, "\(again.output)")
        let twoCores = try #require(again.output.split(separator: "\n").first { $0.hasPrefix("ZstdRoundTrip ") }).split(separator: " ")
        #expect((Int(twoCores[2]) ?? 0) > 100 && (Int(twoCores[4]) ?? 0) > 1_000, "runs and coverage of both workers: \(twoCores)")
        let workerLogs = files(in: folder.appendingPathComponent("work/logs/ZstdRoundTrip.workers"))
        #expect(workerLogs.map(\.lastPathComponent) == ["fuzz-0.log", "fuzz-1.log"])
        // The table's runs are both workers' (libFuzzer's own log ends with the last one only).
        let workerRuns = try workerLogs.map { FuzzerStats.parse(try String(contentsOf: $0, encoding: .utf8)).runs }
        #expect(Int(twoCores[2]) == workerRuns.reduce(0, +), "\(twoCores) vs workers \(workerRuns)")
        let report = try run(["report"])
        #expect(report.status == 0, "\(report.output)")
        #expect(report.output.contains("| target | date | variant | libraries | time |"), "\(report.output)")
        #expect(report.output.contains(" | address | instrumented | "), "\(report.output)")
        let reportFolder = folder.appendingPathComponent("work/report")
        #expect(FileManager.default.fileExists(atPath: reportFolder.appendingPathComponent("ZstdRoundTrip-coverage.svg").path))
        #expect(FileManager.default.fileExists(atPath: reportFolder.appendingPathComponent("ZstdRoundTrip-history.svg").path))
        try expectRendersInChromium(reportFolder.appendingPathComponent("report.html"))
    }

    /// Opens the page in headless chromium (Debian's; `scripts/setup chromium`): the rendered
    /// DOM holds the table and both plots, and a screenshot of it is not blank.
    func expectRendersInChromium(_ page: URL) throws {
        let chromium = try #require(["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                    "chromium is not installed: run scripts/setup chromium")
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        // Headless chromium has hung rather than failed in containers: a bound for each run.
        let dom = try runProgram(URL(fileURLWithPath: chromium), flags + ["--dump-dom", page.absoluteString], environment: userEnvironment, timeout: 180)
        #expect(dom.output.contains("<td>ZstdRoundTrip</td>"), "\(dom.output.suffix(2_000))")
        #expect(dom.output.components(separatedBy: "<svg").count - 1 == 2, "two plots for ZstdRoundTrip")
        #expect(dom.output.contains("coverage at the end of each run"))
        let screenshot = page.deletingLastPathComponent().appendingPathComponent("report.png")
        let shot = try runProgram(URL(fileURLWithPath: chromium), flags + ["--window-size=900,1200", "--screenshot=\(screenshot.path)", page.absoluteString], environment: userEnvironment, timeout: 180)
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "\(shot.output)")
    }

    @Test func coverageReportsWrapperLines() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let seeds = folder.appendingPathComponent("Corpus/ZstdDecompress")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Corpus/ZstdDecompress/seed-000"), to: seeds.appendingPathComponent("a"))
        let coverage = try run(["coverage", "ZstdDecompress"])
        #expect(coverage.status == 0, "\(coverage.output.suffix(3_000))")
        #expect(coverage.output.contains("ZstdDecompressor.swift"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("work/coverage/ZstdDecompress/html/index.html").path))
    }

    @Test func badUseGetsAClearMessageAndNonZeroExit() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let unknown = try run(["run", "NoSuchTarget", "--no-build"])
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("unknown target 'NoSuchTarget'"))

        let harmless = folder.appendingPathComponent("Corpus/PlantedInvariant/harmless")
        try FileManager.default.createDirectory(at: harmless.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("fine".utf8).write(to: harmless)
        _ = try buildProduct("PlantedInvariant", fuzzer: true)
        let clean = try run(["repro", harmless.path], planted: true)
        #expect(clean.status != 0)
        #expect(clean.output.contains("does not reproduce"))
        #expect(clean.output.contains("exit status 0"))

        let noBuild = try run(["repro", harmless.path, "--variant", "thread"], planted: true)
        #expect(noBuild.status != 0)
        #expect(noBuild.output.contains("no thread build of PlantedInvariant"))

        let noTarget = try run(["repro", "/etc/hostname"])
        #expect(noTarget.status != 0)
        #expect(noTarget.output.contains("cannot tell the target"))
    }

    /// `seam add` lists the target in the manifest, so the next build (its manifest cached by
    /// SwiftPM under the old text) builds it.
    @Test func addListsATargetThatTheNextBuildBuilds() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("package")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for item in ["Package.swift", "Sources", "Fuzz", "Tests", "Plugins", "Benchmarks"] {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(item), to: copy.appendingPathComponent(item))
        }
        // A name that shares no prefix with a target cannot pick a module.
        let ambiguous = try runProgram(seam, ["add", "Qux", "--package-path", copy.path], environment: userEnvironment)
        #expect(ambiguous.status != 0)
        #expect(ambiguous.output.contains("pass --module: the targets' bodies are in FuzzTargets, XMLFuzzTargets, ZstdFuzzTargets, and Qux's name does not pick one"), "\(ambiguous.output)")

        // ZstdScaffolded goes beside the Zstd targets, in the zstd module, not FuzzTargets.
        let add = try runProgram(seam, ["add", "ZstdScaffolded", "--package-path", copy.path], environment: userEnvironment)
        #expect(add.status == 0, "\(add.output)")
        let main = try String(contentsOf: copy.appendingPathComponent("Fuzz/ZstdScaffolded/main.swift"), encoding: .utf8)
        #expect(main == "import ZstdFuzzTargets\nimport SeamFuzz\n\nfuzzMain(ZstdScaffolded.self)\n")
        #expect(FileManager.default.fileExists(atPath: copy.appendingPathComponent("Sources/ZstdFuzzTargets/ZstdScaffolded.swift").path))
        #expect(FileManager.default.fileExists(atPath: copy.appendingPathComponent("Corpus/ZstdScaffolded").path))

        let again = try runProgram(seam, ["add", "ZstdScaffolded", "--module", "ZstdFuzzTargets", "--package-path", copy.path], environment: userEnvironment)
        #expect(again.status != 0)
        #expect(again.output.contains("Error: target ZstdScaffolded is already in Package.swift's list"), "\(again.output)")
        #expect(try TargetCatalog(contentsOf: copy.appendingPathComponent("Package.swift")).module(of: "ZstdScaffolded") == "ZstdFuzzTargets")
        #expect(try String(contentsOf: copy.appendingPathComponent("Sources/ZstdFuzzTargets/FuzzTargetList.swift"), encoding: .utf8).contains("    ZstdScaffolded.self,\n"))

        let build = try runProgram(try swiftTool(), ["build", "--product", "ZstdScaffolded"], in: copy)
        #expect(build.status == 0, "\(build.output.suffix(3_000))")
        // The template fails every input until it has a body: an unfinished target cannot pass.
        let input = copy.appendingPathComponent("Corpus/ZstdScaffolded/input")
        try Data("abc".utf8).write(to: input)
        let replay = try runProgram(copy.appendingPathComponent(".build/debug/ZstdScaffolded"), [input.path], environment: userEnvironment)
        #expect(replay.status == 1, "\(replay.output)")
        #expect(replay.output.contains("ZstdScaffolded has no body yet: 3 bytes unchecked"))
    }

    @Test func seedsComeFromTheTargetBinariesAndCheckCatchesDrift() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let write = try run(["seeds", "ZstdFrameInfo"])
        #expect(write.status == 0, "\(write.output)")
        let written = files(in: folder.appendingPathComponent("Corpus/ZstdFrameInfo"))
        let committed = files(in: packageRoot.appendingPathComponent("Corpus/ZstdFrameInfo")).filter { $0.lastPathComponent.hasPrefix("seed-") }
        #expect(written.map(\.lastPathComponent) == committed.map(\.lastPathComponent))
        #expect(try written.map { try Data(contentsOf: $0) } == committed.map { try Data(contentsOf: $0) })

        try Data("drift".utf8).write(to: try #require(written.first))
        let check = try run(["seeds", "ZstdFrameInfo", "--check", "--no-build"])
        #expect(check.status == 1)
        #expect(check.output.contains("seeds differ from the generator (run `seam seeds`):\n  \(written[0].path)"), "\(check.output)")
    }
}
