#!/usr/bin/env python3
"""Generates GossipVectors.swift: pubsub RPC vectors encoded by py-libp2p.

Every vector is built with py-libp2p's own protobuf classes
(libp2p.pubsub.pb.rpc_pb2, py-libp2p 0.8.1) and its key API (libp2p.crypto.ed25519,
libp2p.crypto.rsa), signed the way libp2p.pubsub.pubsub.Pubsub.publish signs
(PUBSUB_SIGNING_PREFIX + Message{from, data, seqno, topicIDs}), and checked with
libp2p.pubsub.validators.signature_validator, the function py-libp2p's router runs on
every signed message it receives.

The script also checks the opposite direction: SWIFT_SIGNED_RPC below is the RPC (without
its frame prefix) that oln's `GossipMessage.signed(by:seqno:)` produced, copied from a run
of the Swift code; py-libp2p must parse it, its signature_validator must accept it, and it
must equal what py-libp2p signs itself.

The RSA key is generated afresh on each run (py-libp2p's RSA API takes no seed), so
rsaSignedMessage changes from run to run; the other vectors are fixed.

Usage:
    .venv/bin/python Tests/GossipTests/RPC/Fixtures/generate_gossip_vectors.py > Tests/GossipTests/RPC/GossipVectors.swift
"""

import sys

from libp2p.crypto.ed25519 import Ed25519PrivateKey
from libp2p.crypto.rsa import create_new_key_pair as create_rsa_key_pair
from libp2p.peer.id import ID
from libp2p.pubsub.pb import rpc_pb2
from libp2p.pubsub.validators import PUBSUB_SIGNING_PREFIX, signature_validator

AUTHOR_SEED = bytes(range(0x01, 0x21))  # 01 02 … 20
TOPIC = "oln/blocks/1"
DATA = b"block 42: hello gossip"
SEQNO = 0x0102030405060708

# What oln produced for GossipMessage(data: DATA, topic: TOPIC).signed(by: the AUTHOR_SEED
# key, seqno: SEQNO), wrapped in RPC{publish = [message]}. Checked below.
SWIFT_SIGNED_RPC = (
    "129a010a2600240801122079b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad"
    "0496641216626c6f636b2034323a2068656c6c6f20676f737369701a080102030405060708220c6f"
    "6c6e2f626c6f636b732f312a408a59e8b7ede11fbdff0e40a9ca1fc7effff38d867eed2dd9e41f32"
    "fd4064500d29c958132b40d46fa0f8c72bfe9197fb219d69eeb9c43bf8176a502a53d72b07"
)


def author():
    key = Ed25519PrivateKey.new(AUTHOR_SEED)
    return key, ID.from_pubkey(key.get_public_key())


def sign(message, private_key):
    """Signs as Pubsub.publish does: prefix + SerializeToString of the unsigned message."""
    message.signature = private_key.sign(PUBSUB_SIGNING_PREFIX.encode() + message.SerializeToString())
    return message


def signed_message(with_key):
    key, peer_id = author()
    message = rpc_pb2.Message(
        from_id=peer_id.to_bytes(), data=DATA, seqno=SEQNO.to_bytes(8, "big"), topicIDs=[TOPIC]
    )
    sign(message, key)
    if with_key:
        message.key = key.get_public_key().serialize()
    assert signature_validator(message), "py-libp2p rejects its own signed message"
    return message


def rsa_signed_message():
    """A message by an RSA author: the peer id is a SHA-256 hash, so `key` is required."""
    pair = create_rsa_key_pair(bits=1024)
    peer_id = ID.from_pubkey(pair.public_key)
    message = rpc_pb2.Message(
        from_id=peer_id.to_bytes(), data=DATA, seqno=(1).to_bytes(8, "big"), topicIDs=[TOPIC]
    )
    sign(message, pair.private_key)
    message.key = pair.public_key.serialize()
    assert signature_validator(message)
    return message


def subscriptions_rpc():
    return rpc_pb2.RPC(subscriptions=[
        rpc_pb2.RPC.SubOpts(subscribe=True, topicid=TOPIC),
        rpc_pb2.RPC.SubOpts(subscribe=False, topicid="oln/tx"),
        rpc_pb2.RPC.SubOpts(subscribe=True, topicid="ünïcödé/topic"),
    ])


def control_message():
    _, peer_id = author()
    return rpc_pb2.ControlMessage(
        ihave=[
            rpc_pb2.ControlIHave(topicID=TOPIC, messageIDs=[b"id-1", b"id-2"]),
            rpc_pb2.ControlIHave(topicID="oln/tx", messageIDs=[]),
        ],
        iwant=[rpc_pb2.ControlIWant(messageIDs=[b"id-1", bytes(range(48))])],
        graft=[rpc_pb2.ControlGraft(topicID=TOPIC)],
        prune=[
            rpc_pb2.ControlPrune(
                topicID="oln/tx",
                peers=[
                    rpc_pb2.PeerInfo(peerID=peer_id.to_bytes(), signedPeerRecord=b"\x0a\x03env"),
                    rpc_pb2.PeerInfo(peerID=peer_id.to_bytes()),
                ],
                backoff=60,
            ),
            rpc_pb2.ControlPrune(topicID=TOPIC),
        ],
        idontwant=[rpc_pb2.ControlIDontWant(messageIDs=[b"id-3"])],
    )


def unsigned_message():
    """A StrictNoSign message: data and topic only."""
    return rpc_pb2.Message(data=b"anonymous", topicIDs=[TOPIC])


def with_unknown_fields():
    """RPC carrying py-libp2p's field 4 (senderRecord), a Message with an extra field 99
    (key 99 << 3 | 2 = 0x31a, varint 9a 06) and a ControlMessage with field 6 (extensions)."""
    message = unsigned_message().SerializeToString() + bytes([0x9A, 0x06, 0x03]) + b"abc"
    parsed = rpc_pb2.Message.FromString(message)
    assert parsed.data == b"anonymous" and list(parsed.topicIDs) == [TOPIC]
    control = rpc_pb2.ControlMessage(
        graft=[rpc_pb2.ControlGraft(topicID=TOPIC)],
        extensions=rpc_pb2.ControlExtensions(topicObservation=True),
    )
    rpc = rpc_pb2.RPC(
        subscriptions=[rpc_pb2.RPC.SubOpts(subscribe=True, topicid=TOPIC)],
        control=control,
        senderRecord=b"record",
    )
    encoded = rpc.SerializeToString()
    # Append the publish entry by hand so that its unknown field survives: field 2, LEN.
    encoded += bytes([0x12, len(message)]) + message
    known_only = rpc_pb2.RPC(
        subscriptions=[rpc_pb2.RPC.SubOpts(subscribe=True, topicid=TOPIC)],
        publish=[unsigned_message()],
        control=rpc_pb2.ControlMessage(graft=[rpc_pb2.ControlGraft(topicID=TOPIC)]),
    )
    return encoded, known_only.SerializeToString()


def check_swift_signed(expected_rpc):
    if not SWIFT_SIGNED_RPC:
        print("warning: SWIFT_SIGNED_RPC not filled in yet", file=sys.stderr)
        return
    rpc = rpc_pb2.RPC.FromString(bytes.fromhex(SWIFT_SIGNED_RPC))
    assert len(rpc.publish) == 1
    assert signature_validator(rpc.publish[0]), "py-libp2p rejects oln's signature"
    tampered = rpc_pb2.Message()
    tampered.CopyFrom(rpc.publish[0])
    tampered.data = DATA + b"!"
    assert not signature_validator(tampered), "py-libp2p's validator accepts a tampered message"
    assert bytes.fromhex(SWIFT_SIGNED_RPC) == expected_rpc, "oln's signed RPC differs from py-libp2p's"
    print("oln-signed message accepted by py-libp2p's signature_validator", file=sys.stderr)


def swift_bytes(name, data, doc):
    text = data.hex()
    lines = [text[i:i + 96] for i in range(0, len(text), 96)] or [""]
    body = "\n".join(f"        {line}" for line in lines)
    return f'    /// {doc}\n    static let {name} = hex("""\n{body}\n        """)\n'


def main():
    key, peer_id = author()
    signed_with_key = signed_message(with_key=True)
    signed_without_key = signed_message(with_key=False)
    swift_expected = rpc_pb2.RPC(publish=[signed_without_key]).SerializeToString()
    check_swift_signed(swift_expected)
    unknown, unknown_known_only = with_unknown_fields()
    control = control_message()
    full = rpc_pb2.RPC(
        subscriptions=subscriptions_rpc().subscriptions,
        publish=[signed_with_key, unsigned_message()],
        control=control,
    )
    vectors = [
        ("subscriptionsRPC", subscriptions_rpc().SerializeToString(),
         f"RPC{{subscriptions: +{TOPIC}, -oln/tx, +ünïcödé/topic}}."),
        ("pySignedRPC", rpc_pb2.RPC(publish=[signed_with_key]).SerializeToString(),
         "RPC{publish: one message signed by py-libp2p as Pubsub.publish does, with `key`}."),
        ("signedWithoutKeyRPC", swift_expected,
         "The same message without `key`, as go-libp2p and oln send it; oln's signed(by:seqno:) must give these bytes."),
        ("rsaSignedMessage", rsa_signed_message().SerializeToString(),
         "A Message signed by a 1024-bit RSA author (SHA-256 peer id, `key` attached)."),
        ("controlRPC", rpc_pb2.RPC(control=control).SerializeToString(),
         "RPC{control: 2 IHAVE, 1 IWANT, 1 GRAFT, 2 PRUNE (peers + backoff 60, bare), 1 IDONTWANT}."),
        ("unsignedMessage", unsigned_message().SerializeToString(), "A StrictNoSign Message: data and topic only."),
        ("fullRPC", full.SerializeToString(), "Subscriptions, a signed and an unsigned message, and the control message."),
        ("unknownFieldsRPC", unknown,
         "RPC with field 4 (senderRecord), a Message with field 99 and a ControlMessage with field 6 (extensions)."),
        ("unknownFieldsReencoded", unknown_known_only, "unknownFieldsRPC as py-libp2p encodes its known fields only."),
    ]
    print("// Generated by Fixtures/generate_gossip_vectors.py with py-libp2p 0.8.1; do not edit.")
    print("import TestSupport\n")
    print("/// Pubsub RPC vectors encoded and signed by py-libp2p.")
    print("enum GossipVectors {")
    print(f"    /// The author's Ed25519 seed.\n    static let authorSeed = hex(\"{AUTHOR_SEED.hex()}\")")
    print(f"    /// The author's peer id, as py-libp2p prints it.\n    static let authorPeerID = \"{peer_id.to_base58()}\"")
    print(f"    /// The topic of the signed messages.\n    static let topic = \"{TOPIC}\"")
    print(f"    /// The data of the signed messages.\n    static let data = Array(\"{DATA.decode()}\".utf8)")
    print(f"    /// The sequence number of the Ed25519-signed messages.\n    static let seqno: UInt64 = 0x{SEQNO:016x}")
    for name, data, doc in vectors:
        print(swift_bytes(name, data, doc), end="")
    print("}")


if __name__ == "__main__":
    main()
