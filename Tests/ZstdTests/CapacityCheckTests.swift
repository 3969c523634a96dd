import SeamBoundary
import Testing

/// The check every pointer-and-capacity pair the wrappers hand C goes through
/// (`Boundary.capacity(_:of:for:)`), at its edges.
@Suite struct CapacityChecks {
    @Test func aCapacityPastItsBufferIsRefusedAtTheEdge() {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 16)
        defer { buffer.deallocate() }
        #expect(Boundary.capacityViolation(16, of: buffer) == nil)
        #expect(Boundary.capacityViolation(0, of: buffer) == nil)
        #expect(Boundary.capacityViolation(17, of: buffer) == "capacity 17 passed with a buffer of 16 bytes")
        #expect(Boundary.capacityViolation(-1, of: buffer) == "capacity -1 passed with a buffer of 16 bytes")
        #expect(Boundary.capacity(16, of: buffer, for: "ZSTD_compress2") == 16)
    }

    /// Under AddressSanitizer the memory behind the buffer is asked too: a buffer whose count
    /// overstates its allocation is caught although C never wrote past it.
    @Test(.enabled(if: Boundary.addressSanitizerLinked))
    func aBufferLargerThanItsAllocationIsRefusedUnderASan() {
        let allocation = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 16)
        defer { allocation.deallocate() }
        let overstated = UnsafeMutableBufferPointer(start: allocation.baseAddress, count: 17)
        #expect(Boundary.capacityViolation(16, of: overstated) == nil)
        #expect(Boundary.capacityViolation(17, of: overstated) == "capacity 17 reaches past the memory behind the buffer (AddressSanitizer)")
    }
}
