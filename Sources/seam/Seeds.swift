import ArgumentParser
import Foundation
import SeamTool

struct Seeds: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write each target's deterministic seeds to Corpus/<Target>/seed-NNN.",
        discussion: "Seeds come from each target's `seeds`: every target binary writes its own (`<Target> -seam_write_seeds=<dir>`), through a plain build. With --check, writes nothing and fails when a committed seed differs from the generator."
    )

    @OptionGroup var package: PackageOptions
    @Flag(help: "Fail if the committed seeds differ from the generator's output.")
    var check = false
    @Flag(inversion: .prefixedNo, help: "Build the plain variant first (default).")
    var build = true
    @Argument(help: "Targets (default: every target).")
    var targets: [String] = []

    func run() throws {
        let project = try package.project()
        let names = try project.resolve(targets, all: targets.isEmpty)
        let configuration = BuildConfiguration(.plain)
        if build { try configuration.build(project, products: names.count == 1 ? names : []) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("seam-seeds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var stale: [String] = []
        for target in names {
            let generated = scratch.appendingPathComponent(target)
            let binary = try configuration.existingBinary(target, in: project)
            let (status, output) = try captureProgram(binary, ["-seam_write_seeds=\(generated.path)"])
            guard status == 0 else { throw SeamError("\(target) could not write its seeds (exit \(status)): \(output)") }
            let expected = Dictionary(uniqueKeysWithValues: files(in: generated).map { ($0.lastPathComponent, (try? Data(contentsOf: $0)) ?? Data()) })
            let folder = project.seeds(target)
            try ensureFolder(folder)
            let existing = files(in: folder).filter { $0.lastPathComponent.hasPrefix("seed-") }
            for file in existing where expected[file.lastPathComponent] == nil {
                if check { stale.append(file.path) } else { try FileManager.default.removeItem(at: file) }
            }
            for (name, data) in expected.sorted(by: { $0.key < $1.key }) {
                let file = folder.appendingPathComponent(name)
                if (try? Data(contentsOf: file)) == data { continue }
                if check { stale.append(file.path) } else { try data.write(to: file) }
            }
            if !check { print("\(target): \(expected.count) seeds in \(project.display(folder))/") }
        }
        if !stale.isEmpty {
            throw SeamError("seeds differ from the generator (run `seam seeds`):\n  " + stale.joined(separator: "\n  "))
        }
    }
}
