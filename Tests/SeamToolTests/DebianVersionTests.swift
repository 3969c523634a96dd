import SeamTool
import Testing

@Suite struct DebianVersionOrder {
    @Test(arguments: [
        ("1.5.4+dfsg2-5", "1.5.4+dfsg2-5+deb12u1"),
        ("2.9.14+dfsg-1.3~deb12u4", "2.9.14+dfsg-1.3~deb12u6"),
        ("1.3~deb12u6", "1.3"),
        ("1.0~rc1", "1.0"),
        ("1.0-9", "1.0-10"),
        ("2.0", "1:0.9"),
        ("1.0", "1.0a"),
        ("1.0a", "1.0+"),
        ("0.2.5-1", "0.2.10-1"),
    ])
    func ordersAsDpkgDoes(older: String, newer: String) {
        #expect(DebianVersion(older) < DebianVersion(newer))
        #expect(!(DebianVersion(newer) < DebianVersion(older)))
    }

    @Test func splitsEpochUpstreamAndRevision() {
        let version = DebianVersion("1:2.9.14+dfsg-1.3~deb12u5")
        #expect(version.epoch == 1)
        #expect(version.upstream == "2.9.14+dfsg")
        #expect(version.revision == "1.3~deb12u5")
        #expect(version.withoutEpoch == "2.9.14+dfsg-1.3~deb12u5")
        #expect(DebianVersion("1.0-01") == DebianVersion("1.0-1"))
    }
}
