import Foundation

/// The compiler and flags every build step of one variant gets: the Swift toolchain's clang,
/// llvm-ar and llvm-ranlib, so the libraries' instrumentation matches the Swift side's.
package struct CToolchain: Sendable {
    package let cc: String, ar: String, ranlib: String
    package let cflags: String, ldflags: String
    package let compilerVersion: String

    package init(for variant: Instrumentation) throws(SeamError) {
        do {
            cc = try Toolchain.tool("clang").path
            ar = try Toolchain.tool("llvm-ar").path
            ranlib = try Toolchain.tool("llvm-ranlib").path
            compilerVersion = try captureProgram(URL(fileURLWithPath: cc), ["--version"]).output.split(separator: "\n").first.map(String.init) ?? ""
        } catch { throw (error as? SeamError) ?? SeamError("\(error)") }
        cflags = variant.cflags.joined(separator: " ")
        // The toolchain's TSan runtime intercepts libdispatch, so anything linked with it
        // (configure's test programs) needs libdispatch and the blocks runtime it ships.
        if variant == .thread, let bin = Toolchain.binFolder {
            let swiftLibraries = bin.deletingLastPathComponent().appendingPathComponent("lib/swift/linux").path
            ldflags = "-L\(swiftLibraries) -Wl,-rpath,\(swiftLibraries) -ldispatch -lBlocksRuntime"
        } else {
            ldflags = ""
        }
    }

    /// CC, CFLAGS and friends, for configure scripts, CMake and Meson.
    package var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["CC"] = cc
        environment["AR"] = ar
        environment["RANLIB"] = ranlib
        environment["CFLAGS"] = cflags
        environment["LDFLAGS"] = ldflags
        return environment
    }
}
