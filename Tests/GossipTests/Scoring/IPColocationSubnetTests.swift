import Testing
@testable import Gossip

@Suite struct IPColocationSubnetTests {
    @Test(arguments: [
        ([10, 0, 0, 0] as [UInt8], 8, [10, 200, 3, 4] as [UInt8], true),
        ([10, 0, 0, 0], 8, [11, 0, 0, 1], false),
        ([192, 168, 1, 0], 23, [192, 168, 0, 255], true),
        ([192, 168, 1, 0], 24, [192, 168, 0, 255], false),
        ([1, 2, 3, 4], 32, [1, 2, 3, 4], true),
        ([1, 2, 3, 4], 32, [1, 2, 3, 5], false),
        ([0, 0, 0, 0], 0, [255, 255, 255, 255], true),
    ])
    func ipv4(subnet: [UInt8], prefix: Int, address: [UInt8], expected: Bool) {
        #expect(IPColocationSubnet(address: subnet, prefixLength: prefix).contains(address) == expected)
    }

    @Test func ipv6AndFamilies() {
        let subnet = IPColocationSubnet(address: [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 12), prefixLength: 32)
        #expect(subnet.contains([0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 7, count: 12)))
        #expect(!subnet.contains([0x20, 0x01, 0x0d, 0xb9] + [UInt8](repeating: 0, count: 12)))
        // Another family never matches.
        #expect(!subnet.contains([0x20, 0x01, 0x0d, 0xb8]))
    }
}
