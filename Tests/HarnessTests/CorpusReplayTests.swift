import Foundation
import FuzzTargets
import SeamFuzz
import Testing

/// Every seed and every regression of every target, through the target's body in-process.
/// Not crashing and no broken invariant is exactly the property here.
@Suite struct CorpusReplay {
    /// The targets, as Fuzz/'s folders name them.
    static let targets = try! FuzzTargetFolders.read(packageRoot.appendingPathComponent("Fuzz"))

    static func target(_ name: String) throws -> any FuzzTarget.Type {
        let entry = try #require(targets.first { $0.folder == name })
        return try #require(entry.target, "\(entry.typeName) is not linked into the tests (they link \(entry.modules))")
    }

    @Test(arguments: targets.map(\.folder))
    func replaysSeedsAndRegressions(target name: String) throws {
        let target = try Self.target(name)
        let folders = ["Corpus/\(name)", "Corpus/Regressions/\(name)"].map { packageRoot.appendingPathComponent($0).path }
        let files = try Replay.inputFiles(folders.filter { FileManager.default.fileExists(atPath: $0) })
        #expect(files.count >= target.seeds.count, "the seeds of \(name) are not all committed")
        for file in files {
            let data = try #require(Replay.contents(ofFile: file))
            do {
                try target.run([UInt8](data))
            } catch {
                Issue.record("\(file): \(error)")
            }
        }
    }

    @Test func everyFuzzFolderIsATargetNamedAfterIt() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Fuzz").path)
        #expect(Self.targets.map(\.folder) == folders.sorted())
        #expect(Self.targets.count >= 14)
        for entry in Self.targets {
            #expect(entry.target?.name == entry.folder, "Fuzz/\(entry.folder) runs \(entry.typeName), named \(entry.target?.name ?? "nothing linked")")
            #expect(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("Corpus/\(entry.folder)").path))
        }
    }

    @Test(arguments: targets.map(\.folder))
    func committedSeedsMatchTheGenerator(target name: String) throws {
        let target = try Self.target(name)
        for (index, seed) in target.seeds.enumerated() {
            let file = packageRoot.appendingPathComponent("Corpus/\(name)/" + String(format: "seed-%03d", index))
            let committed = Replay.contents(ofFile: file.path)
            #expect(committed == seed, "\(file.path) is stale: run `seam seeds`")
        }
        #expect(target.seeds.map(\.count).reduce(0, +) < 64 * 1024, "seeds stay small")
    }
}
