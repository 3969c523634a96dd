import ArgumentParser
import Foundation
import SeamTool

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Merge the working corpus into the seeds: only inputs that add coverage are kept (libFuzzer -merge=1).")

    @OptionGroup var package: PackageOptions
    @Argument(help: "Targets to merge.")
    var targets: [String] = []
    @Flag(help: "Merge every target.")
    var all = false
    @OptionGroup var build: BuildOptions

    func validate() throws { try build.requireFuzzer() }

    func run() throws {
        let project = try package.project()
        for target in try project.resolve(targets, all: all) {
            let seeds = project.seeds(target), work = project.workCorpus(target)
            try ensureFolder(seeds)
            try ensureFolder(work)
            let before = files(in: seeds).count
            let binary = try build.configuration().existingBinary(target, in: project)
            let (status, log) = try captureProgram(binary, ["-merge=1", seeds.path, work.path], environment: Toolchain.fuzzEnvironment())
            guard status == 0 else {
                throw SeamError("merging \(target) failed (exit \(status)):\n\(log.split(separator: "\n").suffix(5).joined(separator: "\n"))")
            }
            let after = files(in: seeds)
            let bytes = after.compactMap { try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize }.reduce(0, +)
            print("\(target): \(after.count - before) input(s) added to \(project.display(seeds))/ (\(after.count) seeds, \(bytes) bytes)")
        }
    }
}
