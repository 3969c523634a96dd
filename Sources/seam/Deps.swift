import ArgumentParser
import Foundation

struct DepsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deps",
        abstract: "Build libzstd and libxml2 instrumented for a variant (address, undefined, thread, none, coverage).",
        discussion: "From Debian's source packages of the installed -dev versions, with the Swift toolchain's clang, into <work>/deps/<variant>/ (cached by version and flags). Builds link them with --libs instrumented, the default for libFuzzer builds. `seam deps --which <binary>` says which library build a binary linked."
    )

    @OptionGroup var package: PackageOptions
    @Argument(help: "The variants to build libraries for.")
    var variants: [String] = []
    @Option(help: "An upstream zstd checkout to build instead of Debian's source.")
    var sourceZstd: String?
    @Option(help: "An upstream libxml2 checkout to build instead of Debian's source.")
    var sourceLibxml2: String?
    @Option(help: "Report which libzstd and libxml2 this binary links, and exit.")
    var which: String?

    func run() throws {
        let project = try package.project()
        if let which {
            print(try Deps.linkedLibraries(of: URL(fileURLWithPath: which)))
            return
        }
        guard !variants.isEmpty else { throw ValidationError("name a variant: address, undefined, thread, none or coverage") }
        var extra: [String] = []
        if let sourceZstd { extra += ["--source-zstd", sourceZstd] }
        if let sourceLibxml2 { extra += ["--source-libxml2", sourceLibxml2] }
        for variant in variants {
            print(try Deps.build(variant, in: project, extra: extra))
        }
    }
}

enum Deps {
    /// Runs scripts/deps for a variant and returns its pkgconfig folder.
    static func build(_ variant: String, in project: Project, extra: [String] = []) throws -> String {
        let script = project.root.appendingPathComponent("scripts/deps")
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            throw SeamError("\(project.display(script)) is missing: instrumented libraries need it (or pass --libs system)")
        }
        printError("seam: scripts/deps \(variant) (cached after the first build)")
        let log = project.workRoot.appendingPathComponent("logs/deps-\(variant).log")
        let output = project.workRoot.appendingPathComponent("logs/deps-\(variant).out")
        try ensureFolder(log.deletingLastPathComponent())
        let process = Process()
        process.executableURL = script
        process.arguments = [variant] + extra
        process.currentDirectoryURL = project.root
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let folder = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").last else {
            let tail = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").suffix(15).joined(separator: "\n")
            throw SeamError("building the \(variant) libraries failed (exit \(process.terminationStatus)); \(project.display(log)):\n\(tail)")
        }
        return String(folder)
    }

    /// Which libzstd and libxml2 a binary uses: a system shared library (from ldd), or a static
    /// copy linked in (its symbols are defined in the binary), which only `seam deps` provides.
    static func linkedLibraries(of binary: URL) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw SeamError("no executable at \(binary.path)") }
        let (_, ldd) = try captureProgram(URL(fileURLWithPath: "/usr/bin/ldd"), [binary.path])
        let (_, symbols) = try captureProgram(try Toolchain.tool("llvm-nm"), ["--defined-only", binary.path])
        var lines: [String] = []
        for (name, soname, symbol) in [("libzstd", "libzstd.so", "ZSTD_versionNumber"), ("libxml2", "libxml2.so", "xmlParserVersion")] {
            if let shared = ldd.split(separator: "\n").first(where: { $0.contains(soname) }) {
                lines.append("\(name): system shared library (\(shared.trimmingCharacters(in: .whitespaces)))")
            } else if symbols.contains(" \(symbol)") {
                lines.append("\(name): static copy linked into the binary (the instrumented build from seam deps)")
            } else {
                lines.append("\(name): not linked")
            }
        }
        return lines.joined(separator: "\n")
    }
}
