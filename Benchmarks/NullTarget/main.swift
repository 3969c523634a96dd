import SeamFuzz

/// Reads its input as a target does (a value, then the rest of the bytes, through FuzzInput)
/// and calls nothing: what the Swift layer costs per input, against a C fuzzer that returns
/// at once (Benchmarks/NullC; scripts/bench-null). With `-seam_skip_checks=read` it does not
/// read either, which leaves the harness's fixed cost: the driver, the input's copy, and the
/// coverage counters libFuzzer clears and scans after every input.
enum NullTarget: FuzzTarget {
    static let reads = FuzzCheck("read")

    static func fuzz(_ input: inout FuzzInput) {
        guard reads.runs else { return }
        _ = input.bool()
        withExtendedLifetime(input.remainingBytes()) {}
    }
}

fuzzMain(NullTarget.self)
