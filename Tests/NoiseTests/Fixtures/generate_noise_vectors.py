#!/usr/bin/env python3
"""Generates NoiseVectors.swift: known-answer vectors for the libp2p Noise handshake.

Runs py-libp2p's own Noise XX handshake (libp2p.security.noise.patterns.PatternXX,
py-libp2p 0.8.1, on top of the `noiseprotocol` package) between an initiator and a
responder over an in-memory connection, with fixed identity, static and ephemeral keys,
and records every byte each side writes: the three framed handshake messages, one framed
transport message in each direction, and the initiator's transport message with nonce 300.

The ephemeral keys are injected by setting the `noiseprotocol` EPHEMERAL key pair before
the handshake starts (its HandshakeState only generates one when none is set). Ed25519
signatures are deterministic, so the whole transcript is a function of the keys.

Two scenarios are written:
- `plain`: neither side sends extensions (what oln sends);
- `muxers`: the responder advertises stream muxers in its NoiseExtensions.

Usage:
    .venv/bin/python Tests/NoiseTests/Fixtures/generate_noise_vectors.py > Tests/NoiseTests/NoiseVectors.swift
"""

import sys

import trio

from libp2p.crypto.ed25519 import Ed25519PrivateKey
from libp2p.crypto.x25519 import X25519PrivateKey
from libp2p.peer.id import ID
from libp2p.security.noise import patterns
from libp2p.security.noise.messages import NoiseExtensions
from noise.connection import Keypair as NoiseKeypairEnum


def key_bytes(start):
    """32 bytes counting up from `start`: readable, distinct fixed keys."""
    return bytes((start + i) % 256 for i in range(32))


KEYS = {
    "initiatorIdentitySeed": key_bytes(0x01),
    "initiatorStatic": key_bytes(0x21),
    "initiatorEphemeral": key_bytes(0x41),
    "responderIdentitySeed": key_bytes(0x61),
    "responderStatic": key_bytes(0x81),
    "responderEphemeral": key_bytes(0xA1),
}
INITIATOR_PLAINTEXT = b"hello from the initiator"
RESPONDER_PLAINTEXT = b"and hello back from the responder"
MUXERS = ["/yamux/1.0.0", "/mplex/6.7.0"]
LATE_NONCE = 300  # 0x012c: checks that the nonce counter is little-endian


class RecordingPipe:
    """One direction of an in-memory connection that records everything written."""

    def __init__(self):
        self.send, self.receive = trio.testing.memory_stream_one_way_pair()
        self.written = []
        self.buffer = b""

    async def write(self, data):
        self.written.append(bytes(data))
        await self.send.send_all(data)

    async def read(self, n=None):
        if not self.buffer:
            self.buffer = await self.receive.receive_some()
        count = len(self.buffer) if n is None else min(n, len(self.buffer))
        chunk, self.buffer = self.buffer[:count], self.buffer[count:]
        return chunk


class Endpoint:
    """A raw connection: reads from one pipe, writes to the other."""

    def __init__(self, incoming, outgoing):
        self.incoming = incoming
        self.outgoing = outgoing

    async def read(self, n=None):
        return await self.incoming.read(n)

    async def write(self, data):
        await self.outgoing.write(data)

    async def close(self):
        pass

    def get_remote_address(self):
        return None


class InjectedPatternXX(patterns.PatternXX):
    """py-libp2p's PatternXX with the Noise ephemeral key fixed instead of random."""

    def __init__(self, ephemeral, **kwargs):
        super().__init__(**kwargs)
        self.ephemeral = ephemeral

    def create_noise_state(self, prologue=None):
        state = super().create_noise_state(prologue)
        state.set_keypair_from_private_bytes(NoiseKeypairEnum.EPHEMERAL, self.ephemeral)
        return state

    def make_handshake_payload(self, extensions=None):
        return super().make_handshake_payload(getattr(self, "extensions", extensions))


def make_pattern(prefix, extensions=None):
    identity = Ed25519PrivateKey.new(KEYS[prefix + "IdentitySeed"])
    pattern = InjectedPatternXX(
        ephemeral=KEYS[prefix + "Ephemeral"],
        local_peer=ID.from_pubkey(identity.get_public_key()),
        libp2p_privkey=identity,
        noise_static_key=X25519PrivateKey.from_bytes(KEYS[prefix + "Static"]),
    )
    pattern.extensions = extensions
    return pattern


async def run_handshake(responder_extensions):
    initiator = make_pattern("initiator")
    responder = make_pattern("responder", responder_extensions)
    to_responder, to_initiator = RecordingPipe(), RecordingPipe()
    sessions = {}

    async def outbound():
        conn = Endpoint(to_initiator, to_responder)
        sessions["initiator"] = await initiator.handshake_outbound(conn, responder.local_peer)

    async def inbound():
        conn = Endpoint(to_responder, to_initiator)
        sessions["responder"] = await responder.handshake_inbound(conn)

    async with trio.open_nursery() as nursery:
        nursery.start_soon(outbound)
        nursery.start_soon(inbound)
    handshake = [to_responder.written[0], to_initiator.written[0], to_responder.written[1]]

    await sessions["initiator"].write(INITIATOR_PLAINTEXT)
    assert await sessions["responder"].read(len(INITIATOR_PLAINTEXT)) == INITIATOR_PLAINTEXT
    await sessions["responder"].write(RESPONDER_PLAINTEXT)
    assert await sessions["initiator"].read(len(RESPONDER_PLAINTEXT)) == RESPONDER_PLAINTEXT
    for _ in range(LATE_NONCE - 1):
        await sessions["initiator"].write(b"filler")
        assert await sessions["responder"].read(6) == b"filler"
    await sessions["initiator"].write(INITIATOR_PLAINTEXT)
    assert await sessions["responder"].read(len(INITIATOR_PLAINTEXT)) == INITIATOR_PLAINTEXT
    assert sessions["initiator"].get_remote_peer() == responder.local_peer
    assert sessions["responder"].get_remote_peer() == initiator.local_peer
    return {
        "message1": handshake[0],
        "message2": handshake[1],
        "message3": handshake[2],
        "initiatorTransport": to_responder.written[2],
        "responderTransport": to_initiator.written[1],
        "initiatorLateTransport": to_responder.written[-1],
        "initiatorPeerID": initiator.local_peer.to_base58(),
        "responderPeerID": responder.local_peer.to_base58(),
    }


def swift_scenario(name, values):
    lines = [f"    /// The `{name}` scenario.", f"    static let {name} = Scenario("]
    fields = [
        (key, f'"{value}"' if isinstance(value, str) else f'"{value.hex()}"')
        for key, value in values.items()
    ]
    for index, (key, text) in enumerate(fields):
        comma = "," if index < len(fields) - 1 else ""
        lines.append(f"        {key}: {text}{comma}")
    lines.append("    )")
    return "\n".join(lines)


async def main():
    plain = await run_handshake(None)
    muxers = await run_handshake(NoiseExtensions(stream_muxers=MUXERS))
    out = sys.stdout
    out.write("// Generated by Fixtures/generate_noise_vectors.py from py-libp2p 0.8.1; do not edit.\n")
    out.write("// Every byte string below was written by py-libp2p's Noise XX implementation.\n\n")
    out.write("/// Known-answer vectors for the libp2p Noise handshake, produced by py-libp2p.\n")
    out.write("enum NoiseVectors {\n")
    for key, value in KEYS.items():
        out.write(f"    static let {key} = \"{value.hex()}\"\n")
    out.write(f"    static let initiatorPlaintext = \"{INITIATOR_PLAINTEXT.hex()}\"\n")
    out.write(f"    static let responderPlaintext = \"{RESPONDER_PLAINTEXT.hex()}\"\n")
    out.write(f"    static let lateNonce: UInt64 = {LATE_NONCE}\n")
    out.write("    static let responderStreamMuxers = [" + ", ".join(f'"{m}"' for m in MUXERS) + "]\n\n")
    out.write("    /// One recorded handshake: framed messages and framed transport messages, in hex.\n")
    out.write("    struct Scenario {\n")
    for key in plain:
        out.write(f"        let {key}: String\n")
    out.write("    }\n\n")
    out.write(swift_scenario("plain", plain) + "\n\n")
    out.write(swift_scenario("muxers", muxers) + "\n")
    out.write("}\n")


if __name__ == "__main__":
    import trio.testing  # noqa: F401  (memory streams)

    trio.run(main)
