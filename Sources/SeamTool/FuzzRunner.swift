import Foundation

/// Runs libFuzzer binaries, several at once, showing their progress.
package struct FuzzRunner {
    package let project: Project
    package let configuration: BuildConfiguration
    package let seconds: Int
    package let jobs: Int
    package let extraFlags: [String]
    /// Worker processes per target.
    package let cores: Int
    /// Fuzz past crashes, timeouts and out-of-memory inputs.
    package let keepGoing: Bool

    package init(project: Project, configuration: BuildConfiguration, seconds: Int, jobs: Int, extraFlags: [String], cores: Int = 1, keepGoing: Bool = false) {
        self.project = project
        self.configuration = configuration
        self.seconds = seconds
        self.jobs = jobs
        self.extraFlags = extraFlags
        self.cores = cores
        self.keepGoing = keepGoing
    }

    /// How the workers of one target run. Several workers sharing the working corpus folder
    /// (`-jobs=N -workers=N`) reached more coverage per minute here than libFuzzer's fork mode
    /// (BENCHMARKS.md: XMLParse, 60 s, 2 cores), so that is the default; only fork mode
    /// survives a crash, so --keep-going uses it.
    package var modeFlags: [String] {
        if keepGoing { return ["-fork=\(cores)", "-ignore_crashes=1", "-ignore_timeouts=1", "-ignore_ooms=1"] }
        return cores > 1 ? ["-jobs=\(cores)", "-workers=\(cores)"] : []
    }

    /// Where the workers of `-jobs` mode write their fuzz-<N>.log files (their working folder).
    package func workersFolder(_ target: String) -> URL { project.workRoot.appendingPathComponent("logs/\(target).workers") }

    private struct Running {
        let target: String
        let process: Process
        let log: URL
        let started: Date
    }

    package func arguments(for target: String) throws -> [String] {
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
        return arguments + modeFlags + extraFlags
    }

    package func run(_ targets: [String]) throws -> [FuzzResult] {
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
                let log = project.logs(target), folder = workersFolder(target)
                // -jobs workers write fuzz-<N>.log into their working folder: give them their
                // own, and leave no old one for a run in another mode to read.
                try? FileManager.default.removeItem(at: folder)
                let jobsMode = cores > 1 && !keepGoing
                if jobsMode { try ensureFolder(folder) }
                let process = try startProgram(binary, try arguments(for: target), environment: Toolchain.fuzzEnvironment(),
                                               in: jobsMode ? folder : project.root, output: log)
                running.append(Running(target: target, process: process, log: log, started: Date()))
                samples[target] = []
            }
            Thread.sleep(forTimeInterval: terminal ? 0.5 : 1)
            var stillRunning: [Running] = []
            for item in running {
                if item.process.isRunning {
                    stillRunning.append(item)
                } else {
                    let stats = stats(of: item)
                    results.append(FuzzResult(target: item.target, seconds: Date().timeIntervalSince(item.started), status: exitStatus(of: item.process), stats: stats, log: item.log))
                }
            }
            for item in running.filter({ !stillRunning.map(\.target).contains($0.target) }) {
                try? CoverageSamples.write(samples[item.target] ?? [], to: project.coverageSamples(item.target))
            }
            running = stillRunning
            let lines = running.map { item -> String in
                let stats = stats(of: item)
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

    /// What the log says, with what only the run's folders and clock say: fork mode's parent
    /// names no crash file and reports exec/s as 0, and a run past its first crash leaves many.
    private func stats(of item: Running) -> FuzzerStats {
        var stats = FuzzerStats.parse((try? String(contentsOf: item.log, encoding: .utf8)) ?? "")
        // -jobs mode: each worker logs to its own fuzz-<N>.log; runs and speed add up, and
        // coverage is the best worker's (their corpora are shared, so they converge).
        let workers = files(in: workersFolder(item.target)).filter { $0.lastPathComponent.hasPrefix("fuzz-") }
            .map { FuzzerStats.parse((try? String(contentsOf: $0, encoding: .utf8)) ?? "") }
        if !workers.isEmpty {
            stats.runs = workers.map(\.runs).reduce(0, +)
            stats.execsPerSecond = workers.map(\.execsPerSecond).reduce(0, +)
            stats.coverage = workers.map(\.coverage).max() ?? 0
            stats.corpusCount = files(in: project.workCorpus(item.target)).count
            stats.corpusSize = ""
            stats.crashArtifacts += workers.flatMap(\.crashArtifacts)
            stats.crashSummary = stats.crashSummary ?? workers.lazy.compactMap(\.crashSummary).first
        }
        let elapsed = Date().timeIntervalSince(item.started)
        if stats.execsPerSecond == 0, elapsed >= 1 { stats.execsPerSecond = Int(Double(stats.runs) / elapsed) }
        let written = FuzzRunner.failureArtifacts(in: project.artifacts(item.target), since: item.started)
        let named = stats.crashArtifacts.map { URL(fileURLWithPath: $0) }
        stats.crashArtifacts = Array(Set((named + written).map(\.standardizedFileURL.path))).sorted()
        return stats
    }

    /// The crash, leak, timeout and out-of-memory inputs libFuzzer wrote into `folder` since
    /// `start` (minimized copies left out).
    package static func failureArtifacts(in folder: URL, since start: Date) -> [URL] {
        files(in: folder).filter { file in
            let name = file.lastPathComponent
            guard ["crash-", "leak-", "timeout-", "oom-"].contains(where: name.hasPrefix), !name.hasSuffix(".min") else { return false }
            let modified = (try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
            return modified >= start.addingTimeInterval(-1)
        }
    }

    package static func summary(_ results: [FuzzResult]) -> String {
        var rows = [["target", "time", "runs", "exec/s", "coverage", "corpus", "crashes", "status"]]
        for result in results {
            let stats = result.stats
            let status = !stats.crashArtifacts.isEmpty ? "CRASH" : (result.status == 0 ? "ok" : "exit \(result.status)")
            rows.append([
                result.target, "\(Int(result.seconds.rounded()))s", "\(stats.runs)", "\(stats.execsPerSecond)",
                "\(stats.coverage)", stats.corpusSize.isEmpty ? "\(stats.corpusCount)" : "\(stats.corpusCount) (\(stats.corpusSize))",
                "\(stats.crashArtifacts.count)", status,
            ])
        }
        return Table(rows).rendered
    }
}
