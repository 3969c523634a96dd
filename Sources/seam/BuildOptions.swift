import ArgumentParser
import SeamTool

/// The build a command uses, the same two options on every subcommand: the variant and the
/// copies of the C libraries it links.
struct BuildOptions: ParsableArguments {
    @Option(help: "address (libFuzzer+ASan, the default), undefined, thread, none (libFuzzer only) or plain (standalone reproducers, the default of regress).")
    var variant: Variant?
    @Option(help: "system or instrumented copies of the declared C libraries (default: instrumented for libFuzzer builds).")
    var libs: Libraries?

    /// The configuration, with `defaultVariant` when none was given.
    func configuration(default defaultVariant: Variant = .address) -> BuildConfiguration {
        BuildConfiguration(variant ?? defaultVariant, libraries: libs)
    }

    /// For the commands that need coverage or crash detection (run, merge, distill, minimize,
    /// triage): a plain build has no libFuzzer.
    func requireFuzzer() throws {
        guard (variant ?? .address).isFuzzer else {
            throw ValidationError("this needs a libFuzzer build, not plain; `seam regress --variant plain` replays through plain builds")
        }
    }
}
