"""py-libp2p test partner for the Swift node's interop tests.

Runs a py-libp2p 0.8.1 host restricted to exactly the stack the Swift node
speaks: TCP on 127.0.0.1, multistream-select 1.0, Noise (``/noise``) as the
only security protocol and yamux (``/yamux/1.0.0``) as the only muxer. TLS,
secio, plaintext, mplex, QUIC, WebSocket, mDNS, UPnP and bootstrap are all
off. The host serves ``/ipfs/id/1.0.0``, ``/ipfs/id/push/1.0.0`` and
``/ipfs/ping/1.0.0``; the gossip modes add ``/meshsub/1.2.0`` and/or
``/meshsub/1.1.0``.

Usage
-----
    python libp2p_partner.py listen [--port P] [--seconds S] [--key-hex HEX] [--pings N]
    python libp2p_partner.py dial MULTIADDR [--pings N] [--timeout T] [--key-hex HEX]
    python libp2p_partner.py gossip-listen [--port P] [--seconds S] GOSSIP-OPTIONS
    python libp2p_partner.py gossip-dial MULTIADDR [--expect-messages M] [--timeout T]
                                         [--linger-ms MS] GOSSIP-OPTIONS

GOSSIP-OPTIONS: [--key-hex HEX] [--topic T]... [--protocol /meshsub/1.2.0|/meshsub/1.1.0]
[--publish-after-peers N --publish-hex HEX --publish-count K --publish-interval-ms MS
 --publish-when subscribed|mesh] [--degree D --degree-low L --degree-high H]

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

``gossip-listen`` / ``gossip-dial``
    Run py-libp2p's ``Pubsub`` with its ``GossipSub`` router (StrictSign,
    1 s heartbeat, D/Dlo/Dhi 6/5/12, py's spam, adaptive and eclipse extras
    off), offering only ``--protocol`` (default both 1.2.0 and 1.1.0) and
    subscribed to every ``--topic`` (default ``oln-test``). They print what
    the router sees (see Output). With ``--publish-after-peers N`` the node,
    once every topic has N remote peers (subscribed or in the mesh; only mesh
    with ``--publish-when mesh``), publishes K messages (default 1) per topic,
    MS ms apart (default 100), data = HEX + 4-byte big-endian counter from 0.
    ``gossip-listen`` exits 0 after S seconds or on SIGTERM/SIGINT.
    ``gossip-dial`` prints ``done`` and exits 0 once it has received M
    messages (default 0) and finished publishing, after lingering MS ms
    (default 500) so queued RPCs go out; failure or timeout: ``error``, 1.

Output
------
stdout carries only JSON objects, one per line, flushed at once; all logs
(py-libp2p's included) go to stderr. Lines:

    {"event":"listening","peer_id":"12D3KooW…","addrs":["/ip4/127.0.0.1/tcp/N/p2p/12D3KooW…"]}
    {"event":"connected","peer_id":"12D3KooW…"}
    {"event":"identified","peer_id":…,"protocols":[…],"agent_version":…,
     "protocol_version":…,"listen_addrs":[…],"observed_addr":…,
     "public_key_matches":true,"responder_closed":true,"signed_record":{…}|null}
    {"event":"ping","peer_id":…,"rtt_ms":0.42}
    {"event":"disconnected","peer_id":…}                       (listen only)
    {"event":"done"}                                           (dial only)
    {"event":"error","message":…}                              (+ "peer_id","stage" in listen)

Gossip modes also print (``listening``, ``connected``, ``disconnected``,
``done`` and ``error`` as above, ``disconnected`` in both modes):

    {"event":"peer_protocol","peer_id":…,"protocol":"/meshsub/1.2.0"}  py's own stream is up
    {"event":"subscribed","peer_id":…,"topic":…}                      (also "unsubscribed")
    {"event":"mesh","topic":…,"peers":[…]}                            polled every 200 ms
    {"event":"message","topic":…,"from":…,"seqno_hex":…,"data_hex":…} not py's own messages
    {"event":"published","topic":…,"data_hex":…}
    {"event":"graft_received","peer_id":…,"topic":…}
    {"event":"prune_received","peer_id":…,"topic":…,"backoff":60,"px_count":0}
    {"event":"ihave_received","peer_id":…,"topic":…,"message_ids_hex":[…]}
    {"event":"iwant_received","peer_id":…,"message_ids_hex":[…]}
    {"event":"idontwant_received","peer_id":…,"message_ids_hex":[…]}
    {"event":"idontwant_sent","peer_id":…,"message_ids_hex":[…]}

Identify as requester follows go-libp2p/rust-libp2p: the response must be one
varint-length-prefixed Identify protobuf. ``responder_closed`` says whether
the responder then closed its write side (EOF within 2 s, as the spec asks);
``public_key_matches`` says whether the advertised key hashes to the peer id.
``signed_record`` is null when the message has no ``signedPeerRecord``;
otherwise py-libp2p's ``consume_envelope`` opens it (domain
``libp2p-peer-record``): ``{"valid":true,"peer_id":…,"seq":N,"addrs":[…],
"signer_matches":true}`` (``signer_matches``: the envelope key and the record
both name the identified peer), or ``{"valid":false,"error":…}``.
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
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
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
from libp2p.peer.envelope import consume_envelope
from libp2p.peer.id import ID
from libp2p.peer.peerinfo import info_from_p2p_addr
from libp2p.pubsub.gossipsub import GossipSub
from libp2p.pubsub.pubsub import Pubsub
from libp2p.security.noise.transport import PROTOCOL_ID as NOISE_PROTOCOL_ID
from libp2p.security.noise.transport import Transport as NoiseTransport
from libp2p.stream_muxer.yamux.yamux import PROTOCOL_ID as YAMUX_PROTOCOL_ID
from libp2p.stream_muxer.yamux.yamux import Yamux
from libp2p.tools.anyio_service import background_trio_service

IDENTIFY_PROTOCOL = TProtocol("/ipfs/id/1.0.0")
IDENTIFY_PUSH_PROTOCOL = TProtocol("/ipfs/id/push/1.0.0")
PING_PROTOCOL = TProtocol("/ipfs/ping/1.0.0")
REQUIRED_PROTOCOLS = (IDENTIFY_PROTOCOL, IDENTIFY_PUSH_PROTOCOL, PING_PROTOCOL)

IDENTIFY_MESSAGE_BYTE_COUNT_MAX = 64 * 1024
VARINT_BYTE_COUNT_MAX = 10
PING_PAYLOAD_BYTE_COUNT = 32
IDENTIFY_EOF_WAIT_SECONDS = 2.0
PEER_TASK_TIMEOUT_SECONDS = 20.0

GOSSIP_PROTOCOLS = (TProtocol("/meshsub/1.2.0"), TProtocol("/meshsub/1.1.0"))
GOSSIP_PROTOCOL_CHOICES = ("/meshsub/1.2.0", "/meshsub/1.1.0", "/meshsub/1.0.0")
GOSSIP_DEFAULT_TOPIC = "oln-test"
GOSSIP_MESH_POLL_SECONDS = 0.2
GOSSIP_READY_POLL_SECONDS = 0.05
PUBLISH_COUNTER_BYTE_COUNT = 4

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


def signed_record(message: Identify, peer_id: ID) -> dict[str, Any] | None:
    """Opens the identify message's signed peer record the way py-libp2p does."""
    if not message.HasField("signedPeerRecord"):
        return None
    try:
        envelope, record = consume_envelope(message.signedPeerRecord, "libp2p-peer-record")
    except Exception as error:
        return {"valid": False, "error": str(error)}
    return {
        "valid": True,
        "peer_id": str(record.peer_id),
        "seq": record.seq,
        "addrs": [str(address) for address in record.addrs],
        "signer_matches": record.peer_id == peer_id and ID.from_pubkey(envelope.public_key) == peer_id,
    }


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
        "signed_record": signed_record(message, peer_id),
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


# gossip modes -----------------------------------------------------------------


class GossipPartner:
    """A py-libp2p Pubsub + GossipSub node that reports what it sees as JSON lines.

    Observation hooks wrap instance methods of py's Pubsub and GossipSub (the
    methods are looked up on the instance when py calls them); each wrapper
    prints a line and then calls py's own method, changing nothing it does.
    """

    def __init__(self, host: IHost, arguments: argparse.Namespace, events: EventWriter):
        self.host = host
        self.arguments = arguments
        self.events = events
        self.topics: list[str] = arguments.topic or [GOSSIP_DEFAULT_TOPIC]
        protocols = [TProtocol(arguments.protocol)] if arguments.protocol else list(
            GOSSIP_PROTOCOLS
        )
        self.router = make_gossipsub(protocols, arguments)
        self.pubsub = Pubsub(host, self.router, strict_signing=True)
        self.received_count = 0
        self.progress = trio.Event()
        self.publishing_finished = trio.Event()
        if arguments.publish_after_peers is None:
            self.publishing_finished.set()
        self._observe_subscriptions()
        self._observe_router()

    # observation hooks

    def _observe_subscriptions(self) -> None:
        pubsub, events = self.pubsub, self.events
        original = pubsub.handle_subscription

        def handle_subscription(origin_id: ID, sub_message: Any) -> None:
            topic = sub_message.topicid
            before = origin_id in pubsub.peer_topics.get(topic, ())
            original(origin_id, sub_message)
            after = origin_id in pubsub.peer_topics.get(topic, ())
            if after != before:
                kind = "subscribed" if after else "unsubscribed"
                events.emit(kind, peer_id=str(origin_id), topic=topic)

        pubsub.handle_subscription = handle_subscription  # type: ignore[method-assign]

    def _observe_router(self) -> None:
        router, events = self.router, self.events
        original_add_peer = router.add_peer

        def add_peer(peer_id: ID, protocol_id: TProtocol | None) -> None:
            original_add_peer(peer_id, protocol_id)
            events.emit("peer_protocol", peer_id=str(peer_id), protocol=str(protocol_id))

        router.add_peer = add_peer  # type: ignore[method-assign]
        self._wrap_control("handle_graft", "graft_received", graft_fields)
        self._wrap_control("handle_prune", "prune_received", prune_fields)
        self._wrap_control("handle_ihave", "ihave_received", ihave_fields)
        self._wrap_control("handle_iwant", "iwant_received", message_ids_fields)
        self._wrap_control("handle_idontwant", "idontwant_received", message_ids_fields)
        self._wrap_control("emit_idontwant", "idontwant_sent", idontwant_sent_fields)

    def _wrap_control(
        self, name: str, event: str, fields: Callable[[Any, ID], dict[str, Any]]
    ) -> None:
        original = getattr(self.router, name)
        events = self.events

        async def wrapper(message: Any, peer_id: ID) -> None:
            events.emit(event, peer_id=str(peer_id), **fields(message, peer_id))
            await original(message, peer_id)

        setattr(self.router, name, wrapper)

    # tasks

    async def report_connections(
        self, receiver: trio.MemoryReceiveChannel[tuple[str, INetConn]]
    ) -> None:
        async for kind, conn in receiver:
            self.events.emit(kind, peer_id=str(conn.muxed_conn.peer_id))

    async def watch_mesh(self) -> None:
        reported: dict[str, list[str]] = {topic: [] for topic in self.topics}
        while True:
            for topic in self.topics:
                peers = sorted(str(peer) for peer in self.router.mesh.get(topic, ()))
                if peers != reported[topic]:
                    reported[topic] = peers
                    self.events.emit("mesh", topic=topic, peers=peers)
            await trio.sleep(GOSSIP_MESH_POLL_SECONDS)

    async def read_messages(self, topic: str, subscription: Any) -> None:
        own_id = self.host.get_id().to_bytes()
        while True:
            message = await subscription.get()
            if message.from_id == own_id:
                continue  # py hands its own publications to its subscribers too
            self.events.emit(
                "message",
                topic=topic,
                **{"from": describe_peer_bytes(message.from_id)},
                seqno_hex=message.seqno.hex(),
                data_hex=message.data.hex(),
            )
            self.received_count += 1
            self._signal_progress()

    def ready_peer_count(self, topic: str) -> int:
        peers = set(self.router.mesh.get(topic, ()))
        if self.arguments.publish_when == "subscribed":
            peers |= self.pubsub.peer_topics.get(topic, set())
        return len(peers)

    async def publish_when_ready(self) -> None:
        wanted = self.arguments.publish_after_peers
        if wanted is None:
            return
        while any(self.ready_peer_count(topic) < wanted for topic in self.topics):
            await trio.sleep(GOSSIP_READY_POLL_SECONDS)
        prefix = bytes.fromhex(self.arguments.publish_hex)
        for index in range(self.arguments.publish_count):
            if index > 0:
                await trio.sleep(self.arguments.publish_interval_ms / 1000)
            data = prefix + index.to_bytes(PUBLISH_COUNTER_BYTE_COUNT, "big")
            for topic in self.topics:
                await self.pubsub.publish(topic, data)
                self.events.emit("published", topic=topic, data_hex=data.hex())
        self.publishing_finished.set()
        self._signal_progress()

    def _signal_progress(self) -> None:
        self.progress.set()
        self.progress = trio.Event()

    async def wait_until_done(self, expected_messages: int) -> None:
        while self.received_count < expected_messages:
            await self.progress.wait()
        await self.publishing_finished.wait()

    async def subscribe_all(self, nursery: trio.Nursery) -> None:
        for topic in self.topics:
            subscription = await self.pubsub.subscribe(topic)
            nursery.start_soon(self.read_messages, topic, subscription)

    async def start_tasks(self, nursery: trio.Nursery) -> None:
        """Subscribes and starts the observers; the publisher waits for peers."""
        sender, receiver = trio.open_memory_channel[tuple[str, INetConn]](256)
        self.host.get_network().register_notifee(ConnectionNotifee(sender))
        nursery.start_soon(self.report_connections, receiver)
        await self.pubsub.wait_until_ready()
        await self.subscribe_all(nursery)
        nursery.start_soon(self.watch_mesh)
        nursery.start_soon(self.publish_when_ready)


def make_gossipsub(protocols: list[TProtocol], arguments: argparse.Namespace) -> GossipSub:
    """GossipSub with go-libp2p's default degrees (6/5/12 unless given), a 1 s
    heartbeat, and py's extra (non-spec) protections off: spam rate limit,
    adaptive degrees and eclipse (IP diversity) grafting, which would all
    misfire on 127.0.0.1."""
    return GossipSub(
        protocols=protocols,
        degree=arguments.degree,
        degree_low=arguments.degree_low,
        degree_high=arguments.degree_high,
        time_to_live=60,
        gossip_window=3,
        gossip_history=5,
        heartbeat_initial_delay=0.1,
        heartbeat_interval=1,
        prune_back_off=60,
        unsubscribe_back_off=10,
        adaptive_gossip_enabled=False,
        spam_protection_enabled=False,
        eclipse_protection_enabled=False,
    )


def describe_peer_bytes(raw: bytes) -> str:
    try:
        return ID(raw).to_base58()
    except Exception:
        return "invalid:" + raw.hex()


def graft_fields(message: Any, peer_id: ID) -> dict[str, Any]:
    return {"topic": message.topicID}


def prune_fields(message: Any, peer_id: ID) -> dict[str, Any]:
    return {"topic": message.topicID, "backoff": message.backoff, "px_count": len(message.peers)}


def ihave_fields(message: Any, peer_id: ID) -> dict[str, Any]:
    return {"topic": message.topicID, "message_ids_hex": [m.hex() for m in message.messageIDs]}


def message_ids_fields(message: Any, peer_id: ID) -> dict[str, Any]:
    return {"message_ids_hex": [m.hex() for m in message.messageIDs]}


def idontwant_sent_fields(message_ids: Any, peer_id: ID) -> dict[str, Any]:
    return {"message_ids_hex": [bytes(m).hex() for m in message_ids]}


@asynccontextmanager
async def running_gossip(partner: GossipPartner) -> AsyncIterator[trio.Nursery]:
    """Runs Pubsub and GossipSub services and the partner's tasks; the yielded
    nursery's tasks are cancelled (before the host closes) on exit."""
    async with background_trio_service(partner.pubsub):
        async with background_trio_service(partner.router):
            async with trio.open_nursery() as nursery:
                await partner.start_tasks(nursery)
                yield nursery
                nursery.cancel_scope.cancel()


async def run_gossip_listen(arguments: argparse.Namespace, events: EventWriter) -> int:
    listen_addr = multiaddr.Multiaddr(f"/ip4/127.0.0.1/tcp/{arguments.port}")
    host = make_host(make_key_pair(arguments.key_hex), listen_addr)
    partner = GossipPartner(host, arguments, events)
    with trio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        async with host.run(listen_addrs=[listen_addr]):
            async with running_gossip(partner):
                events.emit("listening", peer_id=str(host.get_id()), addrs=p2p_addrs(host))
                with trio.move_on_after(arguments.seconds):
                    async for signal_number in signals:
                        logger.info("received signal %d, stopping", signal_number)
                        break
            await close_host(host)
    return 0


async def gossip_dial_until_done(arguments: argparse.Namespace, events: EventWriter) -> None:
    peer_info = info_from_p2p_addr(multiaddr.Multiaddr(arguments.multiaddr))
    listen_addr = multiaddr.Multiaddr("/ip4/127.0.0.1/tcp/0")
    host = make_host(make_key_pair(arguments.key_hex), listen_addr)
    partner = GossipPartner(host, arguments, events)
    async with host.run(listen_addrs=[listen_addr]):
        async with running_gossip(partner):
            await host.connect(peer_info)
            await partner.wait_until_done(arguments.expect_messages)
            await trio.sleep(arguments.linger_ms / 1000)  # let queued RPCs go out
        await close_host(host)


async def run_gossip_dial(arguments: argparse.Namespace, events: EventWriter) -> int:
    try:
        with trio.fail_after(arguments.timeout):
            await gossip_dial_until_done(arguments, events)
    except trio.TooSlowError:
        events.emit("error", message=f"timed out after {arguments.timeout} s")
        return 1
    except Exception as error:
        logger.exception("gossip dial failed")
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

    gossip_listen = modes.add_parser("gossip-listen", help="listen as a gossipsub peer")
    gossip_listen.add_argument("--port", type=int, default=0)
    gossip_listen.add_argument("--seconds", type=float, default=30.0)

    gossip_dial = modes.add_parser("gossip-dial", help="dial a peer as a gossipsub peer")
    gossip_dial.add_argument("multiaddr")
    gossip_dial.add_argument("--expect-messages", type=int, default=0)
    gossip_dial.add_argument("--timeout", type=float, default=20.0)
    gossip_dial.add_argument("--linger-ms", type=int, default=500)

    for sub in (gossip_listen, gossip_dial):
        add_gossip_arguments(sub)
    for sub in (listen, dial, gossip_listen, gossip_dial):
        sub.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.mode in ("listen", "dial") and arguments.pings < 1:
        parser.error("--pings must be at least 1")
    if arguments.mode.startswith("gossip-"):
        check_gossip_arguments(parser, arguments)
    return arguments


def add_gossip_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--key-hex", default=None)
    sub.add_argument("--topic", action="append", default=None)
    sub.add_argument("--protocol", choices=GOSSIP_PROTOCOL_CHOICES, default=None)
    sub.add_argument("--publish-after-peers", type=int, default=None)
    sub.add_argument("--publish-hex", default="")
    sub.add_argument("--publish-count", type=int, default=1)
    sub.add_argument("--publish-interval-ms", type=int, default=100)
    sub.add_argument("--publish-when", choices=("subscribed", "mesh"), default="subscribed")
    sub.add_argument("--degree", type=int, default=6)
    sub.add_argument("--degree-low", type=int, default=5)
    sub.add_argument("--degree-high", type=int, default=12)


def check_gossip_arguments(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> None:
    try:
        bytes.fromhex(arguments.publish_hex)
    except ValueError:
        parser.error("--publish-hex must be an even number of hex digits")
    if arguments.publish_after_peers is not None and arguments.publish_after_peers < 1:
        parser.error("--publish-after-peers must be at least 1")
    if arguments.publish_count < 1 or arguments.publish_interval_ms < 0:
        parser.error("--publish-count must be at least 1, --publish-interval-ms not negative")
    if not 0 <= arguments.degree_low <= arguments.degree <= arguments.degree_high:
        parser.error("degrees must satisfy 0 <= --degree-low <= --degree <= --degree-high")
    if getattr(arguments, "expect_messages", 0) < 0:
        parser.error("--expect-messages must not be negative")


RUNNERS = {
    "listen": run_listen,
    "dial": run_dial,
    "gossip-listen": run_gossip_listen,
    "gossip-dial": run_gossip_dial,
}


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
    runner = RUNNERS[arguments.mode]
    try:
        return trio.run(runner, arguments, events)
    except Exception as error:
        logger.exception("partner failed")
        events.emit("error", message=describe(error))
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
