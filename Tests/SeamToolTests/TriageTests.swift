import Foundation
import SeamTool
import Testing

@Suite struct TriageGrouping {
    let overflow = CrashSignature(kind: "ASan heap-buffer-overflow READ", frames: ["xmlParseCharData"])
    let trap = CrashSignature(kind: "Swift trap: Index out of range", frames: ["XPathEval.fuzz(_:)"])
    let invariant = CrashSignature(kind: "invariant: round trip of N bytes gave N", frames: ["ZstdFuzzTargets/ZstdRoundTrip.swift"])

    func failure(_ target: String, _ file: String, _ size: Int, _ signature: CrashSignature?, minutesAgo: Double = 0) -> Triage.Failure {
        Triage.Failure(target: target, file: file, size: size, modified: Date(timeIntervalSince1970: 1_800_000_000 - minutesAgo * 60), signature: signature)
    }

    @Test func oneGroupPerSignatureNewFirstThenKnownThenFixed() {
        let failures = [
            failure("XMLParse", "a", 40, overflow, minutesAgo: 5),
            failure("XMLInZstd", "b", 12, overflow, minutesAgo: 1),
            failure("XMLParse", "c", 30, overflow),
            failure("XPathEval", "d", 9, trap),
            failure("ZstdRoundTrip", "e", 7, invariant),
            failure("ZstdRoundTrip", "f", 3, invariant),
            failure("XMLParse", "g", 1, nil),
        ]
        let groups = Triage.group(failures, known: [invariant.description: "ZstdRoundTrip/regression-1"])
        #expect(groups.map(\.signature) == [overflow, trap, invariant, nil])
        #expect(groups[0].failures.map(\.file) == ["b", "c", "a"], "smallest first")
        #expect(groups[0].targets == ["XMLInZstd", "XMLParse"])
        #expect(groups[0].firstSeen == Date(timeIntervalSince1970: 1_800_000_000 - 300))
        #expect(groups[0].lastSeen == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(groups[0].knownAs == nil)
        #expect(groups[2].knownAs == "ZstdRoundTrip/regression-1")
        #expect(groups[3].knownAs == nil)
    }

    @Test func theCrashFilesARegressionWasSavedFromAreNotACameBack() {
        let saved = Date(timeIntervalSince1970: 1_800_000_000 - 60)
        let failures = [
            failure("ZstdRoundTrip", "old", 7, invariant, minutesAgo: 2),
            failure("XPathEval", "older", 9, trap, minutesAgo: 3),
            failure("XPathEval", "newer", 9, trap, minutesAgo: 0),
        ]
        let known = [invariant.description: "ZstdRoundTrip/regression-1", trap.description: "XPathEval/regression-2"]
        let groups = Triage.group(failures, known: known, savedAt: ["ZstdRoundTrip/regression-1": saved, "XPathEval/regression-2": saved])
        #expect(groups.map(\.status) == ["CAME BACK (XPathEval/regression-2)", "saved (ZstdRoundTrip/regression-1)"])
    }

    @Test func savedSignaturesAreReadBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seam-triage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = Project(root: folder, corpusRoot: folder.appendingPathComponent("Corpus").path)
        let regression = folder.appendingPathComponent("Corpus/Regressions/XMLParse/regression-00ff")
        try Triage.recordKnown(regression, target: "XMLParse", signature: overflow, in: project)
        try Triage.recordKnown(regression, target: "XMLParse", signature: overflow, in: project)
        #expect(Triage.knownSignatures(in: project) == [overflow.description: "XMLParse/regression-00ff"])
        let text = try String(contentsOf: Triage.knownFile(in: project), encoding: .utf8)
        #expect(text == "XMLParse/regression-00ff\tASan heap-buffer-overflow READ @ xmlParseCharData\n")
    }
}
