import Foundation
import PackagePlugin

/// `swift package seam <command> ...`: runs the `seam` tool on the package it is invoked in,
/// as `swift package benchmark` runs package-benchmark's. Every argument goes to seam as is;
/// seam finds the package's Fuzz/, Corpus/ and seam-libraries.json from the working folder.
///
/// seam builds into its own scratch paths (.build-<variant>), never the .build this
/// invocation holds, and writes seeds, regressions and .seam/ in the package: pass
/// `--allow-writing-to-package-directory` (SwiftPM asks otherwise).
@main
struct SeamPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let process = Process()
        process.executableURL = try context.tool(named: "seam").url
        process.arguments = arguments
        process.currentDirectoryURL = context.package.directoryURL
        // stdin is SwiftPM's channel to this plugin: seam and what it runs must not read it.
        process.standardInput = FileHandle.nullDevice
        // This invocation holds .build: seam must build and test elsewhere.
        process.environment = ProcessInfo.processInfo.environment.merging(["SEAM_UNDER_SWIFTPM": "1"]) { $1 }
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw SeamFailed(status: process.terminationStatus)
        }
    }
}

struct SeamFailed: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "seam exited with status \(status)" }
}
