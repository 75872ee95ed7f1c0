"""py-libp2p test partner for the Swift node's interop tests.

Runs a py-libp2p 0.8.1 host restricted to exactly the stack the Swift node
speaks: TCP on 127.0.0.1, multistream-select 1.0, Noise (``/noise``) as the
only security protocol and yamux (``/yamux/1.0.0``) as the only muxer. TLS,
secio, plaintext, mplex, QUIC, WebSocket, mDNS, UPnP and bootstrap are all
off. The host serves ``/ipfs/id/1.0.0``, ``/ipfs/id/push/1.0.0`` and
``/ipfs/ping/1.0.0``.

Usage
-----
    python libp2p_partner.py listen [--port P] [--seconds S] [--key-hex HEX] [--pings N]
    python libp2p_partner.py dial MULTIADDR [--pings N] [--timeout T] [--key-hex HEX]

Common options: ``--key-hex`` is a 64-hex-digit (32-byte) Ed25519 seed
(default: a fresh random key); ``--verbose`` turns on debug logs.

``listen``
    Listens on /ip4/127.0.0.1/tcp/P (P = 0 picks a free port; default 0) and
    prints one ``listening`` line. For every inbound connection it prints
    ``connected``, then identifies the peer as the requester (``identified``)
    and pings it N times (default 3), one ``ping`` line each, so the remote
    node acts as the responder of streams py opens. Exits 0 after S seconds
    (default 30) or on SIGTERM/SIGINT. Failures toward one peer print an
    ``error`` line carrying ``peer_id`` and ``stage`` but do not stop the host.

``dial``
    Dials MULTIADDR (which must end in /p2p/<peer id>), prints ``connected``,
    identifies the peer, pings it N times (default 3), prints ``done`` and
    exits 0. Any failure, or running past T seconds (default 20), prints one
    ``error`` line and exits 1.

Output
------
stdout carries only JSON objects, one per line, flushed at once; all logs
(py-libp2p's included) go to stderr. Lines:

    {"event":"listening","peer_id":"12D3KooW…","addrs":["/ip4/127.0.0.1/tcp/N/p2p/12D3KooW…"]}
    {"event":"connected","peer_id":"12D3KooW…"}
    {"event":"identified","peer_id":…,"protocols":[…],"agent_version":…,
     "protocol_version":…,"listen_addrs":[…],"observed_addr":…,
     "public_key_matches":true,"responder_closed":true}
    {"event":"ping","peer_id":…,"rtt_ms":0.42}
    {"event":"disconnected","peer_id":…}                       (listen only)
    {"event":"done"}                                           (dial only)
    {"event":"error","message":…}                              (+ "peer_id","stage" in listen)

Identify as requester follows go-libp2p/rust-libp2p: the response must be one
varint-length-prefixed Identify protobuf. ``responder_closed`` says whether
the responder then closed its write side (EOF within 2 s, as the spec asks);
``public_key_matches`` says whether the advertised key hashes to the peer id.
``observed_addr`` is null when absent or unparseable. Ping sends 32 random
bytes and expects them echoed on one stream, reused for all N pings, then
closes the stream.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import signal
import sys
import time
from typing import Any, TextIO

import multiaddr
import trio

from libp2p import new_host
from libp2p.abc import IHost, INetConn, INetStream, INetwork, INotifee
from libp2p.crypto.ed25519 import create_new_key_pair as create_ed25519_key_pair
from libp2p.crypto.keys import KeyPair
from libp2p.crypto.serialization import deserialize_public_key
from libp2p.crypto.x25519 import create_new_key_pair as create_x25519_key_pair
from libp2p.custom_types import TProtocol
from libp2p.identity.identify.pb.identify_pb2 import Identify
from libp2p.io.utils import read_exactly
from libp2p.peer.id import ID
from libp2p.peer.peerinfo import info_from_p2p_addr
from libp2p.security.noise.transport import PROTOCOL_ID as NOISE_PROTOCOL_ID
from libp2p.security.noise.transport import Transport as NoiseTransport
from libp2p.stream_muxer.yamux.yamux import PROTOCOL_ID as YAMUX_PROTOCOL_ID
from libp2p.stream_muxer.yamux.yamux import Yamux

IDENTIFY_PROTOCOL = TProtocol("/ipfs/id/1.0.0")
IDENTIFY_PUSH_PROTOCOL = TProtocol("/ipfs/id/push/1.0.0")
PING_PROTOCOL = TProtocol("/ipfs/ping/1.0.0")
REQUIRED_PROTOCOLS = (IDENTIFY_PROTOCOL, IDENTIFY_PUSH_PROTOCOL, PING_PROTOCOL)

IDENTIFY_MESSAGE_BYTE_COUNT_MAX = 64 * 1024
VARINT_BYTE_COUNT_MAX = 10
PING_PAYLOAD_BYTE_COUNT = 32
IDENTIFY_EOF_WAIT_SECONDS = 2.0
PEER_TASK_TIMEOUT_SECONDS = 20.0

logger = logging.getLogger("libp2p_partner")


class PartnerError(Exception):
    """A protocol exchange with the remote peer went wrong."""


class EventWriter:
    """Writes one JSON object per line to the event channel, flushing each."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def emit(self, event: str, **fields: Any) -> None:
        line = json.dumps({"event": event, **fields}, separators=(",", ":"))
        self._stream.write(line + "\n")
        self._stream.flush()


def claim_stdout_for_events() -> EventWriter:
    """Keeps the real stdout for JSON lines and sends every other print to stderr."""
    events = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    sys.stdout.flush()
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return EventWriter(events)


def make_key_pair(key_hex: str | None) -> KeyPair:
    if key_hex is None:
        return create_ed25519_key_pair()
    seed = bytes.fromhex(key_hex)
    if len(seed) != 32:
        raise ValueError(f"--key-hex must be 32 bytes (64 hex digits), got {len(seed)}")
    return create_ed25519_key_pair(seed)


def make_host(key_pair: KeyPair, listen_addr: multiaddr.Multiaddr) -> IHost:
    """A host with Noise as its only security and yamux as its only muxer."""
    noise = NoiseTransport(key_pair, noise_privkey=create_x25519_key_pair().private_key)
    host = new_host(
        key_pair=key_pair,
        sec_opt={NOISE_PROTOCOL_ID: noise},
        muxer_opt={TProtocol(YAMUX_PROTOCOL_ID): Yamux},
        listen_addrs=[listen_addr],
        enable_mDNS=False,
        enable_upnp=False,
        enable_autotls=False,
        enable_quic=False,
        enable_webrtc=False,
        enable_webtransport=False,
        enable_websocket=False,
        enable_tcp=True,
        bootstrap=None,
    )
    registered = set(host.get_mux().get_protocols())
    missing = [p for p in REQUIRED_PROTOCOLS if p not in registered]
    if missing:
        raise RuntimeError(f"py-libp2p host lacks handlers for {missing}")
    logger.info("registered protocols: %s", sorted(str(p) for p in registered))
    return host


def p2p_addrs(host: IHost) -> list[str]:
    suffix = f"/p2p/{host.get_id()}"
    addresses = []
    for address in host.get_transport_addrs():
        text = str(address)
        addresses.append(text if text.endswith(suffix) else text + suffix)
    return addresses


# Identify -----------------------------------------------------------------


async def read_uvarint(stream: INetStream) -> int:
    value = 0
    for index in range(VARINT_BYTE_COUNT_MAX):
        byte = await read_exactly(stream, 1)
        value |= (byte[0] & 0x7F) << (7 * index)
        if byte[0] & 0x80 == 0:
            if index > 0 and byte[0] == 0:
                raise PartnerError("identify length prefix is not minimally encoded")
            return value
    raise PartnerError("identify length prefix is longer than 10 bytes")


async def saw_end_of_stream(stream: INetStream) -> bool:
    """True when the remote closes its write side with no further bytes."""
    with trio.move_on_after(IDENTIFY_EOF_WAIT_SECONDS):
        try:
            extra = await stream.read(1)
        except Exception as error:  # py-libp2p signals EOF by raising StreamEOF
            logger.debug("identify stream ended with %r", error)
            return type(error).__name__ in ("StreamEOF", "StreamClosed")
        if extra:
            raise PartnerError("identify responder sent bytes after the message")
        return True
    return False


def decode_multiaddr(raw: bytes) -> str | None:
    try:
        return str(multiaddr.Multiaddr(raw))
    except Exception as error:
        logger.warning("unparseable multiaddr %s: %s", raw.hex(), error)
        return None


def public_key_matches(message: Identify, peer_id: ID) -> bool:
    if not message.HasField("public_key"):
        return False
    try:
        return ID.from_pubkey(deserialize_public_key(message.public_key)) == peer_id
    except Exception as error:
        logger.warning("identify public key does not decode: %s", error)
        return False


async def identify(host: IHost, peer_id: ID) -> dict[str, Any]:
    """Requests identify on a new stream; expects one varint-prefixed message."""
    stream = await host.new_stream(peer_id, [IDENTIFY_PROTOCOL])
    try:
        length = await read_uvarint(stream)
        if length > IDENTIFY_MESSAGE_BYTE_COUNT_MAX:
            raise PartnerError(f"identify message of {length} bytes is too long")
        message = Identify()
        message.ParseFromString(await read_exactly(stream, length))
        closed = await saw_end_of_stream(stream)
    except BaseException:
        await stream.reset()
        raise
    await stream.close()
    observed = decode_multiaddr(message.observed_addr) if message.observed_addr else None
    return {
        "protocols": list(message.protocols),
        "agent_version": message.agent_version,
        "protocol_version": message.protocol_version,
        "listen_addrs": [a for a in map(decode_multiaddr, message.listen_addrs) if a],
        "observed_addr": observed,
        "public_key_matches": public_key_matches(message, peer_id),
        "responder_closed": closed,
    }


# Ping ---------------------------------------------------------------------


async def ping(host: IHost, peer_id: ID, count: int, events: EventWriter) -> None:
    """Pings `count` times on one stream, printing a line per round trip."""
    stream = await host.new_stream(peer_id, [PING_PROTOCOL])
    try:
        for _ in range(count):
            payload = secrets.token_bytes(PING_PAYLOAD_BYTE_COUNT)
            start = time.perf_counter()
            await stream.write(payload)
            echo = await read_exactly(stream, PING_PAYLOAD_BYTE_COUNT)
            rtt_ms = (time.perf_counter() - start) * 1000
            if echo != payload:
                raise PartnerError("ping echo differs from the payload sent")
            events.emit("ping", peer_id=str(peer_id), rtt_ms=round(rtt_ms, 3))
    except BaseException:
        await stream.reset()
        raise
    await stream.close()


# listen mode ----------------------------------------------------------------


class ConnectionNotifee(INotifee):
    """Forwards connection events into a trio channel without blocking the swarm."""

    def __init__(self, channel: trio.MemorySendChannel[tuple[str, INetConn]]) -> None:
        self._channel = channel

    def _forward(self, kind: str, conn: INetConn) -> None:
        try:
            self._channel.send_nowait((kind, conn))
        except (trio.WouldBlock, trio.ClosedResourceError):
            logger.warning("dropped %s event", kind)

    async def connected(self, network: INetwork, conn: INetConn) -> None:
        self._forward("connected", conn)

    async def disconnected(self, network: INetwork, conn: INetConn) -> None:
        self._forward("disconnected", conn)

    async def opened_stream(self, network: INetwork, stream: INetStream) -> None:
        return None

    async def closed_stream(self, network: INetwork, stream: INetStream) -> None:
        return None

    async def listen(self, network: INetwork, multiaddr: multiaddr.Multiaddr) -> None:
        return None

    async def listen_close(self, network: INetwork, multiaddr: multiaddr.Multiaddr) -> None:
        return None


async def exercise_inbound_peer(
    host: IHost, conn: INetConn, pings: int, events: EventWriter
) -> None:
    peer_id = conn.muxed_conn.peer_id
    stage = "identify"
    try:
        with trio.fail_after(PEER_TASK_TIMEOUT_SECONDS):
            started = getattr(conn, "event_started", None)
            if started is not None:
                await started.wait()
            info = await identify(host, peer_id)
            events.emit("identified", peer_id=str(peer_id), **info)
            stage = "ping"
            await ping(host, peer_id, pings, events)
    except Exception as error:
        logger.exception("%s toward %s failed", stage, peer_id)
        events.emit("error", peer_id=str(peer_id), stage=stage, message=describe(error))


async def serve_connections(
    host: IHost,
    receiver: trio.MemoryReceiveChannel[tuple[str, INetConn]],
    pings: int,
    events: EventWriter,
) -> None:
    async with trio.open_nursery() as nursery:
        async for kind, conn in receiver:
            peer_id = str(conn.muxed_conn.peer_id)
            events.emit(kind, peer_id=peer_id)
            if kind == "connected":
                nursery.start_soon(exercise_inbound_peer, host, conn, pings, events)


async def run_listen(arguments: argparse.Namespace, events: EventWriter) -> int:
    listen_addr = multiaddr.Multiaddr(f"/ip4/127.0.0.1/tcp/{arguments.port}")
    host = make_host(make_key_pair(arguments.key_hex), listen_addr)
    sender, receiver = trio.open_memory_channel[tuple[str, INetConn]](256)
    host.get_network().register_notifee(ConnectionNotifee(sender))
    with trio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        async with host.run(listen_addrs=[listen_addr]):
            events.emit("listening", peer_id=str(host.get_id()), addrs=p2p_addrs(host))
            async with trio.open_nursery() as nursery:
                nursery.start_soon(serve_connections, host, receiver, arguments.pings, events)
                with trio.move_on_after(arguments.seconds):
                    async for signal_number in signals:
                        logger.info("received signal %d, stopping", signal_number)
                        break
                nursery.cancel_scope.cancel()
            await close_host(host)
    return 0


# dial mode ------------------------------------------------------------------


async def dial_and_exercise(arguments: argparse.Namespace, events: EventWriter) -> None:
    target = multiaddr.Multiaddr(arguments.multiaddr)
    peer_info = info_from_p2p_addr(target)
    listen_addr = multiaddr.Multiaddr("/ip4/127.0.0.1/tcp/0")
    host = make_host(make_key_pair(arguments.key_hex), listen_addr)
    async with host.run(listen_addrs=[listen_addr]):
        await host.connect(peer_info)
        events.emit("connected", peer_id=str(peer_info.peer_id))
        info = await identify(host, peer_info.peer_id)
        events.emit("identified", peer_id=str(peer_info.peer_id), **info)
        await ping(host, peer_info.peer_id, arguments.pings, events)
        await close_host(host)


async def run_dial(arguments: argparse.Namespace, events: EventWriter) -> int:
    try:
        with trio.fail_after(arguments.timeout):
            await dial_and_exercise(arguments, events)
    except trio.TooSlowError:
        events.emit("error", message=f"timed out after {arguments.timeout} s")
        return 1
    except Exception as error:
        logger.exception("dial failed")
        events.emit("error", message=describe(error))
        return 1
    events.emit("done")
    return 0


# shared ---------------------------------------------------------------------


async def close_host(host: IHost) -> None:
    """Closes connections (yamux GoAway, TCP FIN) but never waits long."""
    with trio.move_on_after(3) as scope:
        await host.close()
    if scope.cancelled_caught:
        logger.warning("host close took over 3 s; abandoning it")


def describe(error: BaseException) -> str:
    """One line naming the innermost useful errors, unwrapping trio's groups."""
    while isinstance(error, BaseExceptionGroup) and len(error.exceptions) == 1:
        error = error.exceptions[0]
    if isinstance(error, BaseExceptionGroup):
        return " | ".join(describe(inner) for inner in error.exceptions)
    parts = [f"{type(error).__name__}: {error}"]
    cause = error.__cause__ or error.__context__
    while cause is not None and len(parts) < 4:
        parts.append(f"{type(cause).__name__}: {cause}")
        cause = cause.__cause__ or cause.__context__
    return " <- ".join(parts)


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="py-libp2p interop partner")
    parser.add_argument("--verbose", action="store_true", help="debug logs on stderr")
    modes = parser.add_subparsers(dest="mode", required=True)

    listen = modes.add_parser("listen", help="listen and exercise inbound peers")
    listen.add_argument("--port", type=int, default=0)
    listen.add_argument("--seconds", type=float, default=30.0)
    listen.add_argument("--pings", type=int, default=3)
    listen.add_argument("--key-hex", default=None)

    dial = modes.add_parser("dial", help="dial a peer, identify and ping it")
    dial.add_argument("multiaddr")
    dial.add_argument("--pings", type=int, default=3)
    dial.add_argument("--timeout", type=float, default=20.0)
    dial.add_argument("--key-hex", default=None)

    for sub in (listen, dial):
        sub.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.pings < 1:
        parser.error("--pings must be at least 1")
    return arguments


def main(argv: list[str]) -> int:
    events = claim_stdout_for_events()
    arguments = parse_arguments(argv)
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.DEBUG if arguments.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logger.setLevel(logging.DEBUG if arguments.verbose else logging.INFO)
    logging.getLogger("multiaddr").setLevel(logging.WARNING)  # per-byte debug spam
    runner = run_listen if arguments.mode == "listen" else run_dial
    try:
        return trio.run(runner, arguments, events)
    except Exception as error:
        logger.exception("partner failed")
        events.emit("error", message=describe(error))
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
