import ArgumentParser
import FuzzTargets
import Foundation
import SeamFuzz

struct Seeds: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write each target's deterministic seeds to Corpus/<Target>/seed-NNN.",
        discussion: "Seeds come from each target's `seeds` in FuzzTargets. With --check, writes nothing and fails when a committed seed differs from the generator."
    )

    @OptionGroup var package: PackageOptions
    @Flag(help: "Fail if the committed seeds differ from the generator's output.")
    var check = false

    func run() throws {
        let project = try package.project()
        var stale: [String] = []
        for target in allFuzzTargets {
            let folder = project.seeds(target.name)
            try ensureFolder(folder)
            let expected = Dictionary(uniqueKeysWithValues: target.seeds.enumerated().map { index, data in
                (String(format: "seed-%03d", index), Data(data))
            })
            let existing = files(in: folder).filter { $0.lastPathComponent.hasPrefix("seed-") }
            for file in existing where expected[file.lastPathComponent] == nil {
                if check { stale.append(file.path) } else { try FileManager.default.removeItem(at: file) }
            }
            for (name, data) in expected.sorted(by: { $0.key < $1.key }) {
                let file = folder.appendingPathComponent(name)
                if Replay.contents(ofFile: file.path).map({ Data($0) }) == data { continue }
                if check { stale.append(file.path) } else { try data.write(to: file) }
            }
            if !check { print("\(target.name): \(expected.count) seeds in \(project.display(folder))/") }
        }
        if !stale.isEmpty {
            throw SeamError("seeds differ from the generator (run `seam seeds`):\n  " + stale.joined(separator: "\n  "))
        }
    }
}
