/// How the declared C libraries are compiled for one kind of build: every libFuzzer variant
/// gets libFuzzer's coverage hooks plus its sanitizer; `coverage` gets source-based coverage.
package enum Instrumentation: String, CaseIterable, Sendable {
    case address, undefined, thread, none, coverage

    /// The C compiler flags, beyond `-g -O1 -fno-omit-frame-pointer -fPIC`.
    package var sanitizerFlags: [String] {
        switch self {
        case .address: ["-fsanitize=fuzzer-no-link,address"]
        case .undefined: ["-fsanitize=fuzzer-no-link,undefined", "-fno-sanitize-recover=undefined"]
        case .thread: ["-fsanitize=fuzzer-no-link,thread"]
        case .none: ["-fsanitize=fuzzer-no-link"]
        case .coverage: ["-fprofile-instr-generate", "-fcoverage-mapping"]
        }
    }

    package var cflags: [String] { ["-g", "-O1", "-fno-omit-frame-pointer", "-fPIC"] + sanitizerFlags }
}
