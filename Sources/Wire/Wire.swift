// Wire: the byte-level codecs of the oln node, matching the libp2p and multiformats
// wire formats bit for bit.
//
// What it owns
//   Varint             unsigned LEB128 (protobuf: 10 bytes, multiformats: 9 bytes / 63 bits)
//   ByteReader         bounds-checked reading of bytes, varints and fixed-width integers
//   Protobuf*          the proto3 wire format: a field reader (lenient or canonical order)
//                      and a writer that always emits fields in field-number order
//   Base58, Base32,    text encodings, and Multibase, which prefixes them with a
//   Base16, Multibase  character naming the encoding
//   Multihash          code ‖ length ‖ digest
//   Multiaddr          binary and text network addresses (ip4, ip6, tcp, udp, dns*, p2p)
//   LibP2PPublicKey,   the libp2p key protobufs that peer ids are derived from
//   LibP2PPrivateKey
//
// It imports nothing but Glibc (inet_pton for IPv6 text); not even Foundation is needed.
// Every decoder takes a byte limit (named constants such as Multiaddr.byteCountMax),
// uses checked arithmetic, and throws a WireError rather than trapping on any input.
//
// Byte layouts (‖ is concatenation, [n] is n bytes)
//
//   varint             1xxxxxxx 1xxxxxxx … 0xxxxxxx      7 bits a byte, low group first,
//                                                        minimal encoding only
//   protobuf field     varint(number << 3 | wire type) ‖ value
//                        wire type 0  varint
//                        wire type 1  [8] little-endian
//                        wire type 2  varint(length) ‖ [length]
//                        wire type 5  [4] little-endian
//   multihash          varint(code) ‖ varint(length) ‖ digest[length]
//   multiaddr          component ‖ component ‖ …
//     component        varint(code) ‖ value
//       ip4 (4)          [4]
//       ip6 (41)         [16]
//       tcp (6),         [2] big-endian port
//       udp (273)
//       dns (53),        varint(length) ‖ UTF-8 name[length]   (1…255 bytes, no "/")
//       dns4 (54),
//       dns6 (55)
//       p2p (421)        varint(length) ‖ multihash[length]
//   libp2p key         08 ‖ varint(type) ‖ 12 ‖ varint(length) ‖ data[length]
//                        e.g. Ed25519 public key: 08 01 12 20 ‖ [32]
//   multibase text     prefix character ‖ body: z base58btc, b/B base32, f/F hexadecimal
