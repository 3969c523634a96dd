import ArgumentParser
import Foundation
import SeamTool

struct TriageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Group every crash, leak, timeout and out-of-memory input of every target by signature: one row per bug.",
        discussion: """
        Each input is reproduced once (the signatures are cached in <work>/triage/), and its report \
        reduced to a signature: the failure's kind (sanitizer report, Swift trap, broken invariant \
        with its message, timeout, out-of-memory) and its top frames in the project's and the C \
        libraries' code, with addresses, line numbers and runtime frames left out. A signature that \
        a saved regression had (Corpus/Regressions/signatures.tsv, written by `seam repro --save`) \
        is a known bug that came back. New signatures come first; the smallest input of each is \
        minimized once.
        """
    )

    @OptionGroup var package: PackageOptions
    @Argument(help: "Targets (default: every target).")
    var targets: [String] = []
    @OptionGroup var build: BuildOptions
    @Flag(inversion: .prefixedNo, help: "Minimize the smallest input of each signature once (default).")
    var minimize = true
    @Flag(help: "Print a Markdown table (for a CI job summary).")
    var markdown = false

    func validate() throws { try build.requireFuzzer() }

    func run() throws {
        let project = try package.project()
        let names = try project.resolve(targets, all: targets.isEmpty)
        let configuration = build.configuration()
        let triage = Triage(project: project, configuration: configuration)
        let groups = Triage.group(try triage.failures(of: names), known: Triage.knownSignatures(in: project), savedAt: Triage.saveTimes(in: project))
        guard !groups.isEmpty else {
            print("no crash, leak, timeout or out-of-memory inputs in \(project.display(project.workRoot.appendingPathComponent("artifacts")))/")
            return
        }
        var reproducers: [String] = []
        for group in groups {
            var smallest = URL(fileURLWithPath: group.smallest.file)
            let minimized = URL(fileURLWithPath: smallest.path + ".min")
            if FileManager.default.fileExists(atPath: minimized.path) {
                smallest = minimized
            } else if minimize, group.signature != nil, let target = group.targets.first,
                      let binary = try? configuration.existingBinary(target, in: project) {
                smallest = (try? SeamTool.minimize(smallest, binary: binary, runs: 2_000)) ?? smallest
            }
            reproducers.append(smallest.path)
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        var rows = [["signature", "status", "kind", "where", "targets", "inputs", "first seen", "last seen", "smallest"]]
        for (group, reproducer) in zip(groups, reproducers) {
            let status = group.status
            let size = (try? Data(contentsOf: URL(fileURLWithPath: reproducer)).count) ?? group.smallest.size
            rows.append([group.signature?.id ?? "-", status, group.signature?.kind ?? "-", group.signature?.frames.first ?? "-",
                         group.targets.joined(separator: ","), "\(group.failures.count)",
                         formatter.string(from: group.firstSeen), formatter.string(from: group.lastSeen), "\(size) bytes"])
        }
        if markdown {
            print("| " + rows[0].joined(separator: " | ") + " | reproduce |")
            print("|" + String(repeating: "---|", count: rows[0].count + 1))
            for (row, reproducer) in zip(rows.dropFirst(), reproducers) {
                print("| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " | `seam repro \(reproducer) --save` |")
            }
        } else {
            print(Table(rows).rendered)
            print("")
            for (group, reproducer) in zip(groups, reproducers) where group.signature != nil {
                print("\(group.signature!.id): \(group.signature!.description)")
                print("  reproduce: seam repro \(reproducer) --save")
            }
        }
        let fresh = groups.filter { $0.signature != nil && $0.knownAs == nil }.count
        let back = groups.filter(\.cameBack).count
        printError("seam: \(groups.reduce(0) { $0 + $1.failures.count }) inputs, \(groups.count) signatures: \(fresh) new, \(back) came back")
    }
}
