/// Deterministic sample payloads the seed generators build on: small, varied, no randomness.
enum SeedSamples {
    static let text = Array("Seam fuzzes the native boundary between Swift and C. ".utf8)

    static let all: [[UInt8]] = [
        [],
        Array("a".utf8),
        Array("hello, world".utf8),
        Array(text.prefix(40)) + Array(repeating: UInt8(ascii: "z"), count: 300),
        (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) },
        Array(repeating: 0, count: 1024),
        Array((0..<20).flatMap { _ in text }),
    ]
}
