import ArgumentParser
import Foundation
import SeamTool

struct Coverage: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay each target's corpus through a coverage build; write an llvm-cov summary and HTML report.",
        discussion: "Covers the Swift wrappers and harness; C library files appear too when the libraries were built with coverage. Output: <work>/coverage/<Target>/summary.txt and html/index.html."
    )

    @OptionGroup var package: PackageOptions
    @Argument(help: "Targets to measure.")
    var targets: [String] = []
    @Flag(help: "Measure every target.")
    var all = false
    @Flag(inversion: .prefixedNo, help: "Build the coverage variant first (default).")
    var build = true
    @Option(help: "system libraries, or instrumented ones built with coverage so their C files are reported too (default).")
    var libs: Libraries?

    func run() throws {
        let project = try package.project()
        let names = try project.resolve(targets, all: all)
        let configuration = BuildConfiguration(.plain, libraries: libs, coverage: true)
        if build {
            try configuration.build(project, products: names.count == 1 ? names : [])
        }
        let profdata = try Toolchain.tool("llvm-profdata"), cov = try Toolchain.tool("llvm-cov")
        var rows = [["target", "inputs", "lines", "functions", "report"]]
        for target in names {
            let binary = configuration.binary(target, in: project)
            guard FileManager.default.isExecutableFile(atPath: binary.path) else {
                throw SeamError("no coverage build of \(target): run `seam coverage \(target)` without --no-build")
            }
            let output = project.workRoot.appendingPathComponent("coverage/\(target)")
            try? FileManager.default.removeItem(at: output)
            try ensureFolder(output)
            let folders = [project.seeds(target), project.regressions(target), project.workCorpus(target)]
                .filter { FileManager.default.fileExists(atPath: $0.path) }
            let inputs = folders.map { files(in: $0).count }.reduce(0, +)
            guard inputs > 0 else { throw SeamError("\(target) has no corpus to replay") }
            var environment = Toolchain.fuzzEnvironment()
            environment["LLVM_PROFILE_FILE"] = output.appendingPathComponent("%p.profraw").path
            let replay = try runProgram(binary, folders.map(\.path), environment: environment, output: output.appendingPathComponent("replay.log"))
            guard replay == 0 else { throw SeamError("replaying \(target)'s corpus failed (exit \(replay)); see \(project.display(output))/replay.log") }
            let raw = files(in: output).filter { $0.pathExtension == "profraw" }.map(\.path)
            let merged = output.appendingPathComponent("\(target).profdata")
            guard try runProgram(profdata, ["merge", "-sparse", "-o", merged.path] + raw) == 0 else { throw SeamError("llvm-profdata merge failed") }
            let ignore = "-ignore-filename-regex=(\\.build|/Tests/|swift-argument-parser|/Fuzz/|/programs/|/tests/)"
            let (status, summary) = try captureProgram(cov, ["report", binary.path, "-instr-profile=\(merged.path)", ignore])
            guard status == 0 else { throw SeamError("llvm-cov report failed:\n\(summary)") }
            try summary.write(to: output.appendingPathComponent("summary.txt"), atomically: true, encoding: .utf8)
            _ = try runProgram(cov, ["show", binary.path, "-instr-profile=\(merged.path)", ignore, "-format=html", "-output-dir=\(output.appendingPathComponent("html").path)"], output: output.appendingPathComponent("show.log"))
            let total = CoverageSummary(llvmCovReport: summary)
            rows.append([target, "\(inputs)", total.lines, total.functions, project.display(output.appendingPathComponent("html/index.html"))])
            print(summary)
        }
        print(Table(rows).rendered)
    }
}

/// The TOTAL line of `llvm-cov report`.
struct CoverageSummary {
    var lines = "-"
    var functions = "-"

    init(llvmCovReport report: String) {
        guard let total = report.split(separator: "\n").last(where: { $0.hasPrefix("TOTAL") }) else { return }
        let percents = total.split(separator: " ").filter { $0.hasSuffix("%") }.map(String.init)
        // Columns: regions, functions, lines, branches (each with a percentage).
        if percents.count >= 3 {
            functions = percents[1]
            lines = percents[2]
        }
    }
}
