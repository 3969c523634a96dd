import SeamFuzz

/// Reads its input as a target does (a value, then the rest of the bytes, through FuzzInput)
/// and calls nothing: what the Swift layer costs per input, against a C fuzzer that returns
/// at once (Benchmarks/NullC; scripts/bench-null).
enum NullTarget: FuzzTarget {
    static func fuzz(_ input: inout FuzzInput) {
        _ = input.bool()
        withExtendedLifetime(input.remainingBytes()) {}
    }
}

fuzzMain(NullTarget.self)
