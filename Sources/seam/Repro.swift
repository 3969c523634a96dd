import ArgumentParser
import Foundation
import SeamTool

struct Repro: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one input through a build and print the symbolized, demangled report.",
        discussion: "Exits 0 when the input reproduces a failure, 1 when it does not. With --save, the minimized input is stored under Corpus/Regressions/<Target>/, replayed by the tests from then on."
    )

    @OptionGroup var package: PackageOptions
    @Argument(help: "The input: a crash file or any corpus file.")
    var file: String
    @Option(help: "The target (inferred from the path when it names one).")
    var target: String?
    @OptionGroup var buildOptions: BuildOptions
    @Flag(help: "Minimize the input and store it as a regression.")
    var save = false

    func run() throws {
        let project = try package.project()
        let target = try resolveTarget(target, for: file, in: project)
        let input = URL(fileURLWithPath: file).standardizedFileURL
        guard FileManager.default.isReadableFile(atPath: input.path) else { throw SeamError("cannot read \(file)") }
        let configuration = buildOptions.configuration()
        let variant = configuration.variant
        let binary = try configuration.existingBinary(target, in: project)
        let (status, report) = try reproduce(input, binary: binary, variant: variant)
        print(try demangle(report), terminator: "")
        guard status != 0 else {
            throw SeamError("\(file) does not reproduce on the \(variant.rawValue) build of \(target) (\(configuration.libraries.rawValue) libraries): exit status 0")
        }
        printError("seam: reproduced: \(target) exited \(status) on \(file)")
        if save {
            let kept = variant.isFuzzer ? try minimize(input, binary: binary, runs: 2000) : input
            let saved = try saveRegression(kept, target: target, in: project)
            // Its signature, so `seam triage` knows this bug if it ever comes back.
            if let signature = CrashSignature.parse(try demangle(report)) {
                try Triage.recordKnown(saved, target: target, signature: signature, in: project)
            }
            printError("seam: saved \(saved.path); the tests replay it from now on")
        }
    }
}
