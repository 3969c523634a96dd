import ArgumentParser
import Foundation
import SeamTool

struct Regress: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Replay every seed and regression of every target through one build; for CI.")

    @OptionGroup var package: PackageOptions
    @OptionGroup var buildOptions: BuildOptions
    @Flag(inversion: .prefixedNo, help: "Build the variant first (default).")
    var build = true

    func run() throws {
        let project = try package.project()
        let configuration = buildOptions.configuration(default: .plain)
        let variant = configuration.variant
        if build { try configuration.build(project) }
        var rows = [["target", "inputs", "status"]]
        var failed: [(String, URL)] = []
        for target in project.targets {
            let folders = [project.seeds(target), project.regressions(target)].filter { FileManager.default.fileExists(atPath: $0.path) }
            let count = folders.map { files(in: $0).count }.reduce(0, +)
            let binary = try configuration.existingBinary(target, in: project)
            // A failing input's crash file goes with the target's other artifacts, not into
            // the package root (libFuzzer's default prefix is the working folder).
            let artifacts = project.artifacts(target)
            if variant.isFuzzer { try ensureFolder(artifacts) }
            let arguments = (variant.isFuzzer ? ["-runs=0", "-artifact_prefix=\(artifacts.path)/"] : []) + folders.map(\.path)
            let log = project.workRoot.appendingPathComponent("logs/regress-\(target).log")
            let status = count == 0 ? 0 : try runProgram(binary, arguments, environment: Toolchain.fuzzEnvironment(), in: project.root, output: log)
            rows.append([target, "\(count)", status == 0 ? "ok" : "FAILED (exit \(status))"])
            if status != 0 { failed.append((target, log)) }
        }
        print(Table(rows).rendered)
        for (target, log) in failed {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            print("\n\(target) failed; last lines of \(log.path):")
            print(try demangle(text.split(separator: "\n").suffix(30).joined(separator: "\n")))
        }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}
