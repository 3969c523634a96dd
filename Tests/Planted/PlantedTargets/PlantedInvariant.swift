import SeamFuzz

/// A test-only target with a planted invariant failure: any input starting with "BUG"
/// breaks its property. It proves that the harness turns a broken property into a crash
/// artifact under libFuzzer and a named, non-zero replay failure without it, and that
/// `-seam_skip_checks=planted` leaves the check out.
public enum PlantedInvariant: FuzzTarget {
    static let planted = FuzzCheck("planted")

    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let bytes = input.remainingBytes()
        let planted = bytes.count >= 3 && bytes[0] == UInt8(ascii: "B") && bytes[1] == UInt8(ascii: "U")
            && bytes[2] == UInt8(ascii: "G")
        if Self.planted.runs { try invariant(!planted, "planted bug: input starts with BUG") }
    }
}
