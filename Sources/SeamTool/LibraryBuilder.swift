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

/// Runs one build's commands with the toolchain's environment, all output to one log.
package struct BuildStep {
    package let log: URL
    package let toolchain: CToolchain

    package func run(_ program: String, _ arguments: [String], in folder: URL) throws(SeamError) {
        let executable = program.hasPrefix("./") ? folder.appendingPathComponent(String(program.dropFirst(2))) : findInPath(program)
        guard let executable else { throw SeamError("\(program) is not installed (needed to build a declared C library)") }
        appendToLog("$ \(([program] + arguments).joined(separator: " "))  (in \(folder.path))\n")
        let status: Int32
        do {
            let process = try startProgram(executable, arguments, environment: toolchain.environment, in: folder, appendingTo: log)
            process.waitUntilExit()
            status = exitStatus(of: process)
        } catch { throw (error as? SeamError) ?? SeamError("\(error)") }
        guard status == 0 else {
            let tail = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").suffix(15).joined(separator: "\n")
            throw SeamError("\(program) \(arguments.prefix(3).joined(separator: " ")) failed (exit \(status)); \(log.path):\n\(tail)")
        }
    }

    private func appendToLog(_ text: String) {
        guard let handle = try? FileHandle(forWritingTo: log) else { return }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try? handle.close()
    }

    private func findInPath(_ name: String) -> URL? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// One declared library's recipe, run in a copy of its source tree, installing into `prefix`.
struct LibraryBuilder {
    let library: CLibrary
    let source: URL
    let prefix: URL
    let step: BuildStep

    private var recipe: CLibrary.Recipe { library.build }
    private var directory: URL { recipe.directory.map { source.appendingPathComponent($0) } ?? source }
    private var jobs: String { "-j\(ProcessInfo.processInfo.activeProcessorCount)" }
    private var toolchain: CToolchain { step.toolchain }

    func run() throws(SeamError) {
        switch recipe.system {
        case .make:
            try step.run("make", ["-C", directory.path, jobs] + (recipe.targets ?? []) + [
                "CC=\(toolchain.cc)", "AR=\(toolchain.ar)", "RANLIB=\(toolchain.ranlib)",
                "CFLAGS=\(toolchain.cflags)", "LDFLAGS=\(toolchain.ldflags)",
            ] + (recipe.options ?? []), in: directory)
        case .autotools:
            if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("configure").path) {
                try step.run("autoreconf", ["-fi"], in: directory)
            }
            try step.run("./configure", ["--prefix=\(prefix.path)", "--libdir=\(prefix.path)/lib", "--disable-shared", "--enable-static",
                                         "CC=\(toolchain.cc)", "AR=\(toolchain.ar)", "RANLIB=\(toolchain.ranlib)",
                                         "CFLAGS=\(toolchain.cflags)", "LDFLAGS=\(toolchain.ldflags)"] + (recipe.options ?? []), in: directory)
            let makeOptions = recipe.makeOptions ?? []
            try step.run("make", [jobs] + makeOptions + (recipe.targets ?? []), in: directory)
            for install in recipe.install ?? ["install"] {
                try step.run("make", makeOptions + install.split(separator: " ").map(String.init), in: directory)
            }
        case .cmake:
            let build = source.appendingPathComponent(".seam-cmake")
            try step.run("cmake", ["-S", directory.path, "-B", build.path, "-DCMAKE_BUILD_TYPE=None",
                                   "-DCMAKE_INSTALL_PREFIX=\(prefix.path)", "-DCMAKE_INSTALL_LIBDIR=lib", "-DBUILD_SHARED_LIBS=OFF",
                                   "-DCMAKE_C_COMPILER=\(toolchain.cc)", "-DCMAKE_AR=\(toolchain.ar)", "-DCMAKE_RANLIB=\(toolchain.ranlib)",
                                   "-DCMAKE_C_FLAGS=\(toolchain.cflags)", "-DCMAKE_EXE_LINKER_FLAGS=\(toolchain.ldflags)",
                                   "-DCMAKE_POSITION_INDEPENDENT_CODE=ON"] + (recipe.options ?? []), in: source)
            try step.run("cmake", ["--build", build.path, jobs] + (recipe.targets ?? []).flatMap { ["--target", $0] }, in: source)
            if recipe.libraries == nil { try step.run("cmake", ["--install", build.path], in: source) }
        case .meson:
            let build = source.appendingPathComponent(".seam-meson")
            try step.run("meson", ["setup", build.path, directory.path, "--prefix=\(prefix.path)", "--libdir=lib",
                                   "--default-library=static", "--buildtype=plain",
                                   "-Dc_args=\(toolchain.cflags)", "-Dc_link_args=\(toolchain.ldflags)"] + (recipe.options ?? []), in: source)
            try step.run("meson", ["compile", "-C", build.path] + (recipe.targets ?? []), in: source)
            if recipe.libraries == nil { try step.run("meson", ["install", "-C", build.path], in: source) }
        }
        try copy(recipe.libraries ?? [], to: prefix.appendingPathComponent("lib"))
        try copy(recipe.headers ?? [], to: prefix.appendingPathComponent("include"))
    }

    /// Copies built files (paths in the source tree) into a prefix folder.
    private func copy(_ paths: [String], to folder: URL) throws(SeamError) {
        try ensureFolder(folder)
        for path in paths {
            let file = source.appendingPathComponent(path), destination = folder.appendingPathComponent(file.lastPathComponent)
            do {
                try? FileManager.default.removeItem(at: destination)
                try FileManager.default.copyItem(at: file, to: destination)
            } catch {
                throw SeamError("library \(library.name): the build made no \(path) (\(error.localizedDescription)); see \(step.log.path)")
            }
        }
    }
}
