import ArgumentParser
import Foundation
import SeamTool

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
    @Option(help: "system or instrumented copies of the declared C libraries (default: instrumented for libFuzzer builds).")
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
