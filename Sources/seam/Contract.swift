import ArgumentParser
import Foundation

struct Contract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the boundary contract: every C function the wrappers import is reached by the tests as ci/boundary-contract.txt says.",
        discussion: """
        Lists the C functions each wrapper module imports (its objects' undefined symbols that the \
        C library exports), runs the tests with call recording on (SEAM_BOUNDARY_LOG), and shows for \
        each function the calls that succeeded and failed. A fallible function must be reached with \
        input it accepts and input it rejects; an infallible one is listed with its reason. Fails on \
        a gap, or on an imported function the contract does not list.
        """
    )

    @OptionGroup var package: PackageOptions
    @Option(help: ArgumentHelp("Wrapper module and its C library's shared object name (repeatable).", valueName: "Module=lib"))
    var module: [String] = ["Zstd=libzstd", "LibXML2=libxml2"]
    @Option(help: "The contract file.")
    var contract = "ci/boundary-contract.txt"
    @Option(help: "Tests to skip (a swift test --skip pattern).")
    var skip = "Driver|SeamTool"

    func run() throws {
        let project = try package.project()
        let entries = try BoundaryContract.read(project.root.appendingPathComponent(contract))
        let log = project.workRoot.appendingPathComponent("boundary.log")
        try ensureFolder(log.deletingLastPathComponent())
        try? FileManager.default.removeItem(at: log)
        var environment = ProcessInfo.processInfo.environment
        environment["SEAM_BOUNDARY_LOG"] = log.path
        printError("seam: swift test --skip \(skip) with boundary recording")
        let status = try runProgram(try swiftExecutable(), ["test", "--skip", skip], environment: environment, in: project.root, output: project.workRoot.appendingPathComponent("logs/contract-tests.log"))
        guard status == 0 else { throw SeamError("the tests failed (exit \(status)); see \(project.display(project.workRoot.appendingPathComponent("logs/contract-tests.log")))") }
        let calls = BoundaryContract.readLog(log)

        var imported: [String: String] = [:]
        for pair in module {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--module wants Module=library (Zstd=libzstd), not \(pair)") }
            for function in try BoundaryContract.importedFunctions(module: parts[0], library: parts[1], buildFolder: project.root.appendingPathComponent(".build/debug")) {
                imported[function] = parts[0]
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

/// The contract file and the facts it is checked against.
enum BoundaryContract {
    struct Entry {
        let fallible: Bool
        let reason: String
    }

    static func read(_ file: URL) throws -> [String: Entry] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { throw SeamError("no contract at \(file.path)") }
        var entries: [String: Entry] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2 else { continue }
            guard fields[1] == "fallible" || fields[1] == "infallible" else { throw SeamError("\(file.path): bad class in '\(line)'") }
            entries[String(fields[0])] = Entry(fallible: fields[1] == "fallible", reason: fields.dropFirst(2).joined(separator: " "))
        }
        return entries
    }

    static func readLog(_ file: URL) -> [String: (ok: Int, failed: Int)] {
        var calls: [String: (ok: Int, failed: Int)] = [:]
        for line in ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let ok = Int(fields[1]), let failed = Int(fields[2]) else { continue }
            let previous = calls[String(fields[0])] ?? (0, 0)
            calls[String(fields[0])] = (previous.ok + ok, previous.failed + failed)
        }
        return calls
    }

    /// The undefined symbols of a module's objects that its C library's shared object exports.
    static func importedFunctions(module: String, library: String, buildFolder: URL) throws -> [String] {
        let nm = try Toolchain.tool("llvm-nm")
        let objects = files(in: buildFolder.appendingPathComponent("\(module).build")).filter { $0.pathExtension == "o" }
        guard !objects.isEmpty else { throw SeamError("no objects for \(module) in \(buildFolder.path): build first") }
        let (_, undefined) = try captureProgram(nm, ["-u", "--just-symbol-name"] + objects.map(\.path))
        // The system's shared copy, wherever the dynamic linker finds it.
        let (_, cache) = try captureProgram(URL(fileURLWithPath: "/sbin/ldconfig"), ["-p"])
        guard let line = cache.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(library + ".so") }),
              let path = line.components(separatedBy: "=> ").last
        else { throw SeamError("the dynamic linker knows no \(library).so") }
        let (_, exported) = try captureProgram(nm, ["-D", "--defined-only", "--just-symbol-name", path])
        // Versioned exports read "name@@VERSION".
        let exports = Set(exported.split(separator: "\n").map { String($0.split(separator: "@").first ?? $0) })
        return Set(undefined.split(separator: "\n").map(String.init)).filter { exports.contains($0) }.sorted()
    }
}
