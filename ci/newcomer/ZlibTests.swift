import Testing
import Zlib

@Test func compressedBytesStartWithAZlibHeader() throws {
    #expect(try Zlib.compress(Array("hello".utf8)).first == 0x78)
}
