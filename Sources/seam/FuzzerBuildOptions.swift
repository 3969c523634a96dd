import ArgumentParser
import SeamTool

/// The libFuzzer build a command runs inputs through, for the commands that need coverage or
/// crash detection (merge, distill, minimize, triage).
struct FuzzerBuildOptions: ParsableArguments {
    @Option(help: "The libFuzzer build to use.")
    var variant: Variant = .address
    @Option(help: "system or instrumented copies of the declared C libraries (default: instrumented for libFuzzer builds).")
    var libs: Libraries?

    func validate() throws {
        guard variant.isFuzzer else { throw ValidationError("this needs a libFuzzer build, not plain") }
    }

    var configuration: BuildConfiguration { BuildConfiguration(variant, libraries: libs) }
}
