import Foundation
import SeamFuzzTesting
import Testing
import YAMLFuzzTargets

/// Every seed and regression of every target, each target's files in a child process, so an
/// input that crashes names itself.
@Suite struct CorpusReplay {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: YAMLFuzzTargets.fuzzTargets.map(FuzzTargetCase.init))
    func replaysSeedsAndRegressions(_ target: FuzzTargetCase) throws {
        try FuzzTargetTests.replayCorpus(of: target.type, packageRoot: Self.packageRoot)
        FuzzTargetTests.checkSeeds(of: target.type, packageRoot: Self.packageRoot)
    }
}
