"""Captures the exact yamux frames py-libp2p (PyPI libp2p 0.8.1) writes for one stream:
the client opens it, writes b"hello", half-closes; the server accepts, reads, writes
b"world", half-closes; the client reads; then the client pings and the server goes away.

Run with the py-libp2p virtual environment:
    .venv/bin/python Tests/YamuxTests/Fixtures/py_libp2p_yamux_frames.py
It prints one line per frame written, "<client|server> <hex>", in the order written; the
lines are pasted into YamuxInteropTests.swift.
"""
import struct

import trio
import trio.testing

from libp2p.crypto.ed25519 import create_new_key_pair
from libp2p.peer.id import ID
from libp2p.stream_muxer.yamux.yamux import Yamux


class RecordingConnection:
    """The secure-connection surface Yamux uses, over one end of an in-memory pipe."""

    def __init__(self, stream, name, log, is_initiator):
        self.stream = stream
        self.name = name
        self.log = log
        self.is_initiator = is_initiator

    async def write(self, data):
        self.log.append((self.name, bytes(data)))
        await self.stream.send_all(data)

    async def read(self, n=None):
        return await self.stream.receive_some(n)

    async def close(self):
        await self.stream.aclose()

    def get_remote_address(self):
        return None


def split_frames(data):
    """Splits one write into frames (py-libp2p writes header and payload together)."""
    frames = []
    while data:
        frame_type, length = data[1], struct.unpack("!I", data[8:12])[0]
        size = 12 + (length if frame_type == 0 else 0)
        frames.append(data[:size])
        data = data[size:]
    return frames


async def main():
    log = []
    client_end, server_end = trio.testing.memory_stream_pair()
    peer = ID.from_pubkey(create_new_key_pair(b"\x01" * 32).public_key)
    client = Yamux(RecordingConnection(client_end, "client", log, True), peer, True)
    server = Yamux(RecordingConnection(server_end, "server", log, False), peer, False)
    async with trio.open_nursery() as nursery:
        nursery.start_soon(client.start)
        nursery.start_soon(server.start)
        await client.event_started.wait()
        await server.event_started.wait()

        stream = await client.open_stream()
        accepted = await server.accept_stream()
        await stream.write(b"hello")
        await stream.close()
        assert await accepted.read(5) == b"hello"
        await accepted.write(b"world")
        await accepted.close()
        assert await stream.read(5) == b"world"
        await trio.sleep(0.7)  # the client's RTT loop sends its first ping after 0.5 s
        await server.close()
        nursery.cancel_scope.cancel()
    for name, data in log:
        for frame in split_frames(data):
            print(name, frame.hex())


trio.run(main)
