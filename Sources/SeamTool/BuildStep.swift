import Foundation

/// Runs one build's commands with the toolchain's environment, all output to one log.
package struct BuildStep {
    package let log: URL
    package let toolchain: CToolchain

    package func run(_ program: String, _ arguments: [String], in folder: URL, environment extra: [String: String] = [:]) throws(SeamError) {
        let executable = program.hasPrefix("./") ? folder.appendingPathComponent(String(program.dropFirst(2))) : executableInPath(program)
        guard let executable else { throw SeamError("\(program) is not installed (needed to build a declared C library)") }
        appendToLog("$ \(([program] + arguments).joined(separator: " "))  (in \(folder.path))\n")
        let status: Int32
        do {
            let process = try startProgram(executable, arguments, environment: toolchain.environment.merging(extra) { $1 }, in: folder, appendingTo: log)
            process.waitUntilExit()
            status = exitStatus(of: process)
        } catch { throw (error as? SeamError) ?? SeamError("\(error)") }
        guard status == 0 else {
            let tail = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").suffix(15).joined(separator: "\n")
            throw SeamError("`\(([program] + arguments).joined(separator: " "))` failed (exit \(status)) in \(folder.path); its log, \(log.path), ends:\n\(tail)")
        }
    }

    private func appendToLog(_ text: String) {
        guard let handle = try? FileHandle(forWritingTo: log) else { return }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try? handle.close()
    }
}
