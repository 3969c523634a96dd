import ArgumentParser
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fuzz targets with their seeds, working corpus and dictionary; print a summary.",
        usage: "seam run <target>... | --all [--time S] [--jobs N] [-- <libFuzzer flags>]",
        discussion: """
        New inputs go to the working corpus (.seam/corpus/<Target>/), never into the committed seeds;
        crashes go to .seam/artifacts/<Target>/. Flags after `--` go to libFuzzer. Exits 1 if anything
        crashed, printing the repro command for each crash.
        """
    )

    @OptionGroup var package: PackageOptions
    @Argument(help: "Targets to fuzz.")
    var targets: [String] = []
    @Flag(help: "Fuzz every target.")
    var all = false
    @Option(help: "Seconds per target.")
    var time = 60
    @Option(help: "Targets fuzzed at once (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "The build variant to fuzz with.")
    var sanitizer: Variant = .address
    @Flag(inversion: .prefixedNo, help: "Build the variant first (default).")
    var build = true
    @Option(help: "system or instrumented libzstd/libxml2 (default: instrumented for libFuzzer builds).")
    var libs: Libraries?

    func validate() throws {
        guard time > 0 else { throw ValidationError("--time must be positive") }
        guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
        guard sanitizer.isFuzzer else { throw ValidationError("the plain variant has no libFuzzer; use `seam regress --variant plain` to replay") }
    }

    func run() throws {
        let project = try package.project()
        let names = try project.resolve(targets, all: all)
        let configuration = BuildConfiguration(sanitizer, libraries: libs)
        if build {
            try configuration.build(project, products: names.count == 1 ? names : [])
        }
        let runner = FuzzRunner(project: project, configuration: configuration, seconds: time, jobs: jobs, extraFlags: passThroughFlags)
        let results = try runner.run(names)
        print(FuzzRunner.summary(results))
        try RunHistory.append(results, seconds: time, configuration: configuration, in: project)
        let crashed = results.filter { !$0.stats.crashArtifacts.isEmpty || $0.status != 0 }
        guard crashed.isEmpty else {
            print("")
            for result in crashed {
                if result.stats.crashArtifacts.isEmpty {
                    print("\(result.target): exited \(result.status) without a crash file; see \(result.log.path)")
                }
                for artifact in result.stats.crashArtifacts {
                    print("\(result.target): \(result.stats.crashSummary ?? "crash")")
                    print("  reproduce: seam repro \(artifact) --save")
                }
            }
            throw ExitCode(1)
        }
    }
}

struct FuzzResult {
    let target: String
    let seconds: Double
    let status: Int32
    let stats: FuzzerStats
    let log: URL
}

/// Runs libFuzzer binaries, several at once, showing their progress.
struct FuzzRunner {
    let project: Project
    let configuration: BuildConfiguration
    let seconds: Int
    let jobs: Int
    let extraFlags: [String]

    private struct Running {
        let target: String
        let process: Process
        let log: URL
        let started: Date
    }

    func arguments(for target: String) throws -> [String] {
        let work = project.workCorpus(target), artifacts = project.artifacts(target)
        try ensureFolder(work)
        try ensureFolder(artifacts)
        try ensureFolder(project.seeds(target))
        var arguments = [work.path, project.seeds(target).path]
        if FileManager.default.fileExists(atPath: project.dictionary(target).path) {
            arguments.append("-dict=\(project.dictionary(target).path)")
        }
        arguments += [
            "-artifact_prefix=\(artifacts.path)/",
            "-max_total_time=\(seconds)",
            "-print_final_stats=1",
            "-timeout=\(reproTimeout)",
        ]
        return arguments + extraFlags
    }

    func run(_ targets: [String]) throws -> [FuzzResult] {
        let binaries = try targets.map { try configuration.existingBinary($0, in: project) }
        var pending = Array(zip(targets, binaries))
        var running: [Running] = []
        var results: [FuzzResult] = []
        let terminal = isatty(STDOUT_FILENO) != 0
        var lastPlain = Date.distantPast
        var drawnLines = 0
        var samples: [String: [(Int, Int)]] = [:]

        while !pending.isEmpty || !running.isEmpty {
            while running.count < jobs, !pending.isEmpty {
                let (target, binary) = pending.removeFirst()
                let log = project.logs(target)
                let process = try startProgram(binary, try arguments(for: target), environment: Toolchain.fuzzEnvironment(), in: project.root, output: log)
                running.append(Running(target: target, process: process, log: log, started: Date()))
                samples[target] = []
            }
            Thread.sleep(forTimeInterval: terminal ? 0.5 : 1)
            var stillRunning: [Running] = []
            for item in running {
                if item.process.isRunning {
                    stillRunning.append(item)
                } else {
                    let stats = FuzzerStats.parse((try? String(contentsOf: item.log, encoding: .utf8)) ?? "")
                    results.append(FuzzResult(target: item.target, seconds: Date().timeIntervalSince(item.started), status: exitStatus(of: item.process), stats: stats, log: item.log))
                }
            }
            for item in running.filter({ !stillRunning.map(\.target).contains($0.target) }) {
                try? CoverageSamples.write(samples[item.target] ?? [], to: project.coverageSamples(item.target))
            }
            running = stillRunning
            let lines = running.map { item -> String in
                let stats = FuzzerStats.parse((try? String(contentsOf: item.log, encoding: .utf8)) ?? "")
                let elapsed = Int(Date().timeIntervalSince(item.started))
                if samples[item.target]?.last?.0 != elapsed { samples[item.target, default: []].append((elapsed, stats.coverage)) }
                return "\(item.target): \(elapsed)/\(seconds)s  runs \(stats.runs)  exec/s \(stats.execsPerSecond)  cov \(stats.coverage)  corpus \(stats.corpusCount)  crashes \(stats.crashArtifacts.count)"
            }
            if terminal {
                var screen = drawnLines > 0 ? "\u{1B}[\(drawnLines)A" : ""
                for line in lines { screen += "\r\u{1B}[K" + line + "\n" }
                screen += "\u{1B}[J"
                FileHandle.standardOutput.write(Data(screen.utf8))
                drawnLines = lines.count
            } else if Date().timeIntervalSince(lastPlain) >= 10 || running.isEmpty {
                lines.forEach { print($0) }
                lastPlain = Date()
            }
        }
        return results.sorted { $0.target < $1.target }
    }

    static func summary(_ results: [FuzzResult]) -> String {
        var rows = [["target", "time", "runs", "exec/s", "coverage", "corpus", "crashes", "status"]]
        for result in results {
            let stats = result.stats
            let status = !stats.crashArtifacts.isEmpty ? "CRASH" : (result.status == 0 ? "ok" : "exit \(result.status)")
            rows.append([
                result.target, "\(Int(result.seconds.rounded()))s", "\(stats.runs)", "\(stats.execsPerSecond)",
                "\(stats.coverage)", "\(stats.corpusCount) (\(stats.corpusSize.isEmpty ? "0b" : stats.corpusSize))",
                "\(stats.crashArtifacts.count)", status,
            ])
        }
        return Table(rows).rendered
    }
}

/// One JSON line per run and target in .seam/runs.jsonl, for reports across runs.
enum RunHistory {
    static func append(_ results: [FuzzResult], seconds: Int, configuration: BuildConfiguration, in project: Project) throws {
        let file = project.runHistory
        try ensureFolder(file.deletingLastPathComponent())
        var text = ""
        let date = ISO8601DateFormatter().string(from: Date())
        for result in results {
            let record: [String: Any] = [
                "date": date, "target": result.target, "variant": configuration.variant.rawValue,
                "libraries": configuration.libraries.rawValue, "budget": seconds,
                "seconds": result.seconds, "runs": result.stats.runs, "execsPerSecond": result.stats.execsPerSecond,
                "coverage": result.stats.coverage, "corpus": result.stats.corpusCount, "crashes": result.stats.crashArtifacts.count,
            ]
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            text += String(decoding: data, as: UTF8.self) + "\n"
        }
        if !FileManager.default.fileExists(atPath: file.path) { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
    }
}
