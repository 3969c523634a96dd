import Foundation
import SeamTool
import Testing

@Suite struct RunningPrograms {
    @Test func aProgramPastItsTimeoutIsKilled() throws {
        let sleep = try #require(executableInPath("sleep"))
        let killed = try captureProgram(sleep, ["60"], timeout: 0.5)
        #expect(killed.status == 128 + SIGKILL)
        let finished = try captureProgram(sleep, ["0"], timeout: 60)
        #expect(finished.status == 0)
    }
}
