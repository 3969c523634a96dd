import ArgumentParser
import Foundation
import SeamTool

struct Contract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the boundary contract: every C function the wrappers import is reached by the tests as ci/boundary-contract.txt says.",
        discussion: """
        Lists the C functions each wrapper module of seam-libraries.json imports (its objects' undefined symbols that the \
        C library exports), runs the tests with call recording on (SEAM_BOUNDARY_LOG), and shows for \
        each function the calls that succeeded and failed. A fallible function must be reached with \
        input it accepts and input it rejects; an infallible one is listed with its reason. Fails on \
        a gap, or on an imported function the contract does not list.
        """
    )

    @OptionGroup var package: PackageOptions
    @Option(name: .customLong("scratch-path"), help: "The build folder the tests run in (default: .build, or .build-contract under `swift package seam`, which holds .build).")
    var scratchPath = ProcessInfo.processInfo.environment["SEAM_UNDER_SWIFTPM"] == nil ? ".build" : ".build-contract"
    @Option(help: "The contract file.")
    var contract = "ci/boundary-contract.txt"
    @Option(help: "Tests to skip (a swift test --skip pattern), such as slow end-to-end suites that reach no wrapper.")
    var skip: String?

    func run() throws {
        let project = try package.project()
        let entries = try BoundaryContract.read(project.root.appendingPathComponent(contract))
        let log = project.workRoot.appendingPathComponent("boundary.log")
        try ensureFolder(log.deletingLastPathComponent())
        try? FileManager.default.removeItem(at: log)
        var environment = ProcessInfo.processInfo.environment
        environment["SEAM_BOUNDARY_LOG"] = log.path
        let arguments = ["test", "--scratch-path", scratchPath] + (skip.map { ["--skip", $0] } ?? [])
        printError("seam: swift \(arguments.joined(separator: " ")) with boundary recording")
        let status = try runProgram(try swiftExecutable(), arguments, environment: environment, in: project.root, output: project.workRoot.appendingPathComponent("logs/contract-tests.log"))
        guard status == 0 else { throw SeamError("the tests failed (exit \(status)); see \(project.display(project.workRoot.appendingPathComponent("logs/contract-tests.log")))") }
        let calls = BoundaryContract.readLog(log)

        var imported: [String: String] = [:]
        for library in try project.declaredLibraries() {
            let system = try SystemLibrary(library)
            for module in library.modules {
                for function in try BoundaryContract.importedFunctions(module: module, library: system, buildFolder: project.resolvePath(scratchPath).appendingPathComponent("debug")) {
                    imported[function] = module
                }
            }
        }

        var rows = [["function", "module", "class", "ok calls", "failed calls", "verdict"]]
        var gaps = 0
        for function in imported.keys.sorted() {
            let counts = calls[function] ?? (0, 0)
            let entry = entries[function]
            let verdict: String
            switch entry?.fallible {
            case nil: verdict = "NOT IN CONTRACT"
            case true?:
                verdict = counts.ok > 0 && counts.failed > 0 ? "ok" : counts.ok == 0 && counts.failed == 0 ? "NOT REACHED" : counts.ok == 0 ? "NEVER VALID" : "NEVER INVALID"
            case false?: verdict = "infallible: \(entry?.reason ?? "")"
            }
            if verdict.hasPrefix("NOT") || verdict.hasPrefix("NEVER") { gaps += 1 }
            rows.append([function, imported[function] ?? "", entry.map { $0.fallible ? "fallible" : "infallible" } ?? "-",
                         entry?.fallible == true ? "\(counts.ok)" : "-", entry?.fallible == true ? "\(counts.failed)" : "-", verdict])
        }
        print(Table(rows).rendered)
        let stale = entries.keys.filter { imported[$0] == nil }.sorted()
        if !stale.isEmpty { print("\nin the contract but no longer imported: \(stale.joined(separator: ", "))") }
        let fallible = imported.keys.filter { entries[$0]?.fallible == true }.count
        let infallible = imported.keys.filter { entries[$0]?.fallible == false }.count
        print("\n\(imported.count) imported C functions: \(fallible) fallible (\(fallible - gaps + imported.keys.filter { entries[$0] == nil }.count) reached with valid and invalid input), \(infallible) infallible, \(gaps) gap(s)")
        if gaps > 0 { throw ExitCode(1) }
    }
}
