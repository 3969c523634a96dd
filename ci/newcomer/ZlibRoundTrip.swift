import SeamFuzz
import Zlib

/// Any bytes compress, and decompress to themselves; any bytes decompress or fail typed.
public enum ZlibRoundTrip: FuzzTarget {
    public static func fuzz(_ input: inout FuzzInput) throws(InvariantViolation) {
        let data = input.remainingBytes()
        let compressed = try mustSucceed("compress") { () throws(ZlibError) in try Zlib.compress(data) }
        let back = try mustSucceed("decompress") { () throws(ZlibError) in try Zlib.decompress(compressed, size: data.count) }
        try invariant(back == data, "round trip of \(data.count) bytes gave \(back.count)")
        _ = try? Zlib.decompress(data, size: 256)
    }

    public static var seeds: [[UInt8]] {
        [[], Array("hello, hello, hello".utf8), [UInt8](repeating: 7, count: 300)]
    }
}
