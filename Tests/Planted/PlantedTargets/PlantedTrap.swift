import SeamFuzz

/// A test-only target with a planted Swift trap: an input starting with "TRAP" indexes past
/// the end of an array. It proves that a trap reaches libFuzzer (crash file written) even
/// though nobody set SWIFT_BACKTRACE.
public enum PlantedTrap: FuzzTarget {
    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let bytes = input.remainingBytes()
        if bytes.starts(with: Array("TRAP".utf8)) {
            let table = [1, 2, 3]
            _ = table[bytes.count]
        }
    }
}
