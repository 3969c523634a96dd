import ArgumentParser
import Foundation
import SeamTool

struct Distill: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Shrink each working corpus to the inputs that keep its coverage (libFuzzer's set-cover merge), before it is saved for the next run.",
        discussion: "Merges <work>/corpus/<Target>/ into a new folder with -merge=1 -set_cover_merge=1 and puts that in its place; the committed seeds are untouched. Prints the inputs and bytes before and after."
    )

    @OptionGroup var package: PackageOptions
    @Argument(help: "Targets to distill.")
    var targets: [String] = []
    @Flag(help: "Distill every target.")
    var all = false
    @OptionGroup var build: BuildOptions

    func validate() throws { try build.requireFuzzer() }

    func run() throws {
        let project = try package.project()
        var rows = [["target", "inputs before", "inputs after", "bytes before", "bytes after"]]
        for target in try project.resolve(targets, all: all) {
            let work = project.workCorpus(target)
            let before = files(in: work)
            guard !before.isEmpty else { continue }
            let binary = try build.configuration().existingBinary(target, in: project)
            let distilled = work.deletingLastPathComponent().appendingPathComponent(".\(target).distilled")
            try? FileManager.default.removeItem(at: distilled)
            try ensureFolder(distilled)
            let (status, log) = try captureProgram(binary, ["-merge=1", "-set_cover_merge=1", distilled.path, work.path], environment: Toolchain.fuzzEnvironment())
            guard status == 0 else {
                try? FileManager.default.removeItem(at: distilled)
                throw SeamError("distilling \(target) failed (exit \(status)):\n\(log.split(separator: "\n").suffix(5).joined(separator: "\n"))")
            }
            let after = files(in: distilled)
            try FileManager.default.removeItem(at: work)
            try FileManager.default.moveItem(at: distilled, to: work)
            func bytes(_ files: [URL]) -> Int { files.compactMap { try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize }.reduce(0, +) }
            rows.append([target, "\(before.count)", "\(after.count)", "\(bytes(before))", "\(bytes(after))"])
        }
        print(Table(rows).rendered)
    }
}
