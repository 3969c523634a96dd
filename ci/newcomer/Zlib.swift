import CZlib
import SeamBoundary

/// zlib's own status code, from a call that failed.
public struct ZlibError: Error, Equatable {
    public let code: Int32
    public init(code: Int32) { self.code = code }
}

/// One-shot zlib compression, the wrapper a newcomer writes (ci/newcomer.sh).
public enum Zlib {
    public static func compress(_ data: [UInt8]) throws(ZlibError) -> [UInt8] {
        guard let count = Boundary.narrow(data.count, to: uLong.self) else { throw ZlibError(code: Z_BUF_ERROR) }
        var out = [UInt8](repeating: 0, count: Int(compressBound(count)))
        var length = uLongf(out.count)
        let status = out.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { compress2(out.baseAddress, &length, $0.baseAddress, count, Z_DEFAULT_COMPRESSION) }
        }
        Boundary.record("compress2", ok: status == Z_OK)
        guard status == Z_OK else { throw ZlibError(code: status) }
        return Array(out.prefix(Int(length)))
    }

    /// The bytes of `data`, at most `size` of them.
    public static func decompress(_ data: [UInt8], size: Int) throws(ZlibError) -> [UInt8] {
        guard let count = Boundary.narrow(data.count, to: uLong.self), size >= 0 else { throw ZlibError(code: Z_BUF_ERROR) }
        var out = [UInt8](repeating: 0, count: max(size - 1, 0))  // PLANTED: one byte short
        var length = uLongf(0)
        let status = out.withUnsafeMutableBufferPointer { out in
            length = uLongf(Boundary.capacity(size, of: out, for: "uncompress"))
            return data.withUnsafeBufferPointer { uncompress(out.baseAddress, &length, $0.baseAddress, count) }
        }
        Boundary.record("uncompress", ok: status == Z_OK)
        guard status == Z_OK else { throw ZlibError(code: status) }
        return Array(out.prefix(Int(length)))
    }
}
