import ArgumentParser
import Glibc
import SeamTool
import CSeamDriver

@main
struct Seam: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seam",
        abstract: "Fuzz Swift wrappers of C libraries: build, run, manage corpora, reproduce crashes.",
        discussion: """
        The everyday loop: `seam run --all` fuzzes every target; a crash prints its \
        `seam repro <file> --save` command, which reproduces it with a symbolized report and \
        stores the minimized input under Corpus/Regressions/<Target>/, where the tests replay it.
        """,
        subcommands: [
            Init.self, List.self, Add.self, Seeds.self, Build.self, Run.self, Merge.self, Distill.self, Minimize.self, Repro.self, Regress.self, Coverage.self, Report.self, TriageCommand.self, DepsCommand.self, Contract.self, BenchRatios.self,
        ]
    )

    /// Everything after `--` is for libFuzzer (`seam run T -- -max_len=64`). It is split off
    /// before parsing because ArgumentParser's own `.postTerminator` cannot follow a variadic
    /// positional: its validator refuses `seam run`'s target list (checked up to 1.8).
    static func main() {
        // Line-buffered even into a pipe or file, so CI logs show progress as it happens.
        seam_line_buffer_stdout()
        // Started from a thread that blocks signals (a Dispatch worker, as under `swift package
        // seam`), seam inherits that mask and so would every program it runs: cmake would
        // wait forever for SIGCHLD, libFuzzer's -timeout would never fire.
        var none = sigset_t()
        sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
        var arguments = Array(CommandLine.arguments.dropFirst())
        if let separator = arguments.firstIndex(of: "--") {
            passThroughFlags = Array(arguments[(separator + 1)...])
            arguments = Array(arguments[..<separator])
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// The arguments after `--`; set once in `main` before any command runs.
nonisolated(unsafe) var passThroughFlags: [String] = []

/// Options every subcommand that touches the package shares.
struct PackageOptions: ParsableArguments {
    @Option(name: .customLong("package-path"), help: "The Seam package (default: the nearest folder up with Package.swift and Fuzz/).")
    var packagePath: String?
    @Option(name: .customLong("targets-dir"), help: ArgumentHelp("A folder of target folders, each named after its executable (default: Fuzz). Repeatable.", valueName: "dir"))
    var targetsDirs: [String] = []
    @Option(name: .customLong("corpus"), help: ArgumentHelp("The corpus root holding <Target>/, <Target>.dict and Regressions/ (default: Corpus).", valueName: "dir"))
    var corpusRoot: String?
    @Option(name: .customLong("work"), help: ArgumentHelp("Where working corpora, artifacts and logs go (default: .seam).", valueName: "dir"))
    var workRoot: String?

    func project() throws -> Project {
        try Project.locate(from: packagePath, targetsDirs: targetsDirs, corpusRoot: corpusRoot, workRoot: workRoot)
    }
}
