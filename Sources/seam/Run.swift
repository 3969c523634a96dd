import ArgumentParser
import Foundation
import SeamTool

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fuzz targets with their seeds, working corpus and dictionary; print a summary.",
        usage: "seam run <target>... | --all [--time S] [--cores N] [--keep-going] [--jobs N] [-- <libFuzzer flags>]",
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
    @Option(help: "Worker processes per target, sharing its working corpus (libFuzzer's -jobs=N -workers=N; -fork=N with --keep-going).")
    var cores = 1
    @Flag(help: "Keep fuzzing past crashes, timeouts and out-of-memory inputs, keeping each one (libFuzzer's fork mode with -ignore_crashes, -ignore_timeouts, -ignore_ooms).")
    var keepGoing = false
    @Option(help: "Targets fuzzed at once (default: the machine's cores divided by --cores).")
    var jobs: Int?
    @OptionGroup var buildOptions: BuildOptions
    @Flag(inversion: .prefixedNo, help: "Build the variant first (default).")
    var build = true

    func validate() throws {
        guard time > 0 else { throw ValidationError("--time must be positive") }
        guard (jobs ?? 1) > 0 else { throw ValidationError("--jobs must be positive") }
        guard cores > 0 else { throw ValidationError("--cores must be positive") }
        try buildOptions.requireFuzzer()
    }

    func run() throws {
        let project = try package.project()
        let names = try project.resolve(targets, all: all)
        let configuration = buildOptions.configuration()
        if build {
            try configuration.build(project, products: names.count == 1 ? names : [])
        }
        let targetsAtOnce = jobs ?? max(1, ProcessInfo.processInfo.activeProcessorCount / cores)
        let runner = FuzzRunner(project: project, configuration: configuration, seconds: time, jobs: targetsAtOnce,
                                extraFlags: passThroughFlags, cores: cores, keepGoing: keepGoing)
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
                let shown = result.stats.crashArtifacts.prefix(5)
                for artifact in shown {
                    print("\(result.target): \(result.stats.crashSummary ?? "crash")")
                    print("  reproduce: seam repro \(artifact) --save")
                }
                if result.stats.crashArtifacts.count > shown.count {
                    print("  ... and \(result.stats.crashArtifacts.count - shown.count) more in \(project.display(project.artifacts(result.target)))/")
                }
            }
            throw ExitCode(1)
        }
    }
}
