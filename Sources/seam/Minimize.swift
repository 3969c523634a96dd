import ArgumentParser
import Foundation
import SeamTool

struct Minimize: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Shrink a crashing input with libFuzzer's -minimize_crash; keeps the smallest as <file>.min.")

    @OptionGroup var package: PackageOptions
    @Argument(help: "The crashing input.")
    var file: String
    @Option(help: "The target (inferred from the path when it names one).")
    var target: String?
    @OptionGroup var build: BuildOptions
    @Option(help: "Executions libFuzzer may spend shrinking.")
    var runs = 10_000

    func validate() throws { try build.requireFuzzer() }

    func run() throws {
        let project = try package.project()
        let target = try resolveTarget(target, for: file, in: project)
        let binary = try build.configuration().existingBinary(target, in: project)
        let input = URL(fileURLWithPath: file).standardizedFileURL
        guard FileManager.default.isReadableFile(atPath: input.path) else { throw SeamError("cannot read \(file)") }
        print(try minimize(input, binary: binary, runs: runs).path)
    }
}
