"""Harness for multi-broker tests: starts N moldau-broker processes as one KRaft cluster in
combined mode (every node is broker and controller voter), each on its own loopback address
127.X.Y.i with its own data directory and log file; kills, stops and restarts them; reads
partition state from metadata; and cuts brokers off from each other with nftables.

Broker i (node ids 1..N) listens on 127.X.Y.i only, for clients (Kafka port), for the metadata
quorum (controller port) and for /metrics. The broker binds its outgoing inter-broker
connections to that address too, so rules on source and destination address catch every
link between two brokers, while clients (which connect from 127.0.0.1) still reach each
broker. Ports are picked below the kernel's ephemeral range, so no outgoing connection can
hold them while a broker is down.
"""

import os
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import time
import uuid
from collections import namedtuple
from pathlib import Path
from typing import Callable, Iterable

import pytest
from confluent_kafka import Consumer, ElectionType, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

import wire
from conftest import BROKER_BIN, unique

# Failure detection and rebalancing fast enough for tests; a test can override any of them.
FAST_FAILOVER = {
    "broker.session.timeout.ms": "3000",
    "broker.heartbeat.interval.ms": "500",
    "replica.lag.time.max.ms": "5000",
    "leader.imbalance.check.interval.seconds": "5",
}
# Every cluster gets these (a test can override them): fast failure detection, and a smaller
# __consumer_offsets (clients with a group.id create it; 50 partitions x 3 replicas is a lot
# of work for debug builds on 2 cores).
CLUSTER_DEFAULTS = {**FAST_FAILOVER, "offsets.topic.num.partitions": "10"}

# Log lines left out of failure messages: retries of connections to a broker that is down.
LOG_NOISE = re.compile(r"Unreachable node|RPCError|backoff_drain_events|update progress error|tcp connect error")

PartitionState = namedtuple("PartitionState", "leader replicas isr leader_epoch")
PartitionState.__doc__ = "One partition as a broker's metadata shows it (leader -1: none; epoch -1: unknown)."


class ClusterError(AssertionError):
    """A bounded wait or a cluster operation failed; the message carries the brokers' log tails."""


# ----------------------------------------------------------------------------------------------
# One broker process


class ClusterBroker:
    """One node of a cluster: its addresses, overrides, process, data dir and log."""

    def __init__(self, node_id: int, host: str, data_dir: Path, port: int, controller_port: int,
                 metrics_port: int):
        self.node_id = node_id
        self.host = host
        self.port = port
        self.controller_port = controller_port
        self.metrics_port = metrics_port
        self.data_dir = data_dir
        self.log_path = data_dir / "broker.log"
        self.overrides: dict[str, str] = {}
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    def __repr__(self):
        state = "running" if self.running else "down"
        return f"<broker {self.node_id} {self.bootstrap} {state}>"

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.running else None

    def args(self) -> list[str]:
        args = [str(BROKER_BIN)]
        for k, v in self.overrides.items():
            args += ["--override", f"{k}={v}"]
        return args

    def spawn(self) -> None:
        """Starts the process without waiting for it to listen."""
        assert not self.running, f"broker {self.node_id} already running"
        self.starts += 1
        with open(self.log_path, "a") as log:
            log.write(f"\n===== start #{self.starts} =====\n")
            log.flush()
            self.proc = subprocess.Popen(self.args(), stdout=log, stderr=subprocess.STDOUT, cwd=self.data_dir,
                                         env={**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "info")})

    def listening(self) -> bool:
        """True once the Kafka port accepts connections; raises if the process has exited."""
        if self.proc is None:
            raise ClusterError(f"broker {self.node_id} was never started")
        if self.proc.poll() is not None:
            raise ClusterError(f"broker {self.node_id} exited with {self.proc.returncode}:\n{self.log_tail()}")
        try:
            with socket.create_connection((self.host, self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def send_signal(self, sig) -> None:
        if self.running:
            self.proc.send_signal(sig)

    def wait_exit(self, timeout: float) -> int:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise ClusterError(f"broker {self.node_id} did not exit within {timeout}s:\n{self.log_tail()}")

    def stop(self, sig=signal.SIGTERM, timeout: float = 60.0) -> int:
        """Sends `sig` and waits (bounded) for the exit; returns the exit code."""
        if not self.running:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(sig)
        return self.wait_exit(timeout)

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_text()
        return "\n".join(text.splitlines()[-lines:]) if text else "(no log)"


# ----------------------------------------------------------------------------------------------
# Addresses and ports


def _random_net() -> str:
    """127.X.Y: X, Y random, never 127.0.x (keeps away from 127.0.0.1 and its neighbours),
    and not used by any listening socket (another cluster running on this machine)."""
    used = ""
    if shutil.which("ss"):
        used = subprocess.run(["ss", "-tlnH"], capture_output=True, text=True, timeout=10).stdout
    for _ in range(100):
        net = f"127.{random.randint(16, 254)}.{random.randint(1, 254)}"
        if f" {net}." not in used:
            return net
    raise ClusterError("no unused 127.X.Y network found")


def _free_port(host: str, taken: set[int]) -> int:
    """A port free on `host`, below the ephemeral range (32768+) so that no outgoing
    connection is ever given it while its broker is down."""
    for _ in range(500):
        port = random.randint(20000, 32000)
        if port in taken:
            continue
        with socket.socket() as s:
            try:
                s.bind((host, port))
            except OSError:
                continue
        taken.add(port)
        return port
    raise ClusterError(f"no free port on {host}")


# ----------------------------------------------------------------------------------------------
# Metadata straight from one broker (raw wire protocol, Metadata v7), for when it matters
# which broker answers (an isolated broker still answers clients, with its stale view).


def _metadata_request(topics: list[str] | None, correlation_id: int) -> bytes:
    if topics is None:
        body = struct.pack(">i", -1)
    else:
        body = struct.pack(">i", len(topics)) + b"".join(wire.string(t) for t in topics)
    body += b"\x00"  # allow_auto_topic_creation = false
    return wire.request(3, 7, correlation_id, body, client_id="cluster-harness")


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, fmt: str):
        vals = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return vals if len(vals) > 1 else vals[0]

    def string(self) -> str | None:
        n = self.take(">h")
        if n < 0:
            return None
        s = self.data[self.pos:self.pos + n].decode()
        self.pos += n
        return s

    def int32s(self) -> list[int]:
        n = self.take(">i")
        return [self.take(">i") for _ in range(max(n, 0))]


BrokerMetadata = namedtuple("BrokerMetadata", "answered_by brokers controller_id topics")
BrokerMetadata.__doc__ = ("Metadata as one broker sees it: brokers {id: (host, port)}, controller id, "
                          "topics {name: {partition: PartitionState}} (topics with an error are left out).")


def metadata_from(host: str, port: int, topics: list[str] | None = None, timeout: float = 5.0,
                  answered_by: int = -1) -> BrokerMetadata:
    """Sends one Metadata v7 request to exactly this broker and decodes the answer."""
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.settimeout(timeout)
        s.sendall(_metadata_request(topics, 1))
        _, body = wire.read_response(s)
    r = _Reader(body)
    r.take(">i")  # throttle
    brokers = {}
    for _ in range(r.take(">i")):
        node = r.take(">i")
        bhost = r.string()
        bport = r.take(">i")
        r.string()  # rack
        brokers[node] = (bhost, bport)
    r.string()  # cluster id
    controller = r.take(">i")
    out = {}
    for _ in range(r.take(">i")):
        terr = r.take(">h")
        name = r.string()
        r.take(">b")  # is_internal
        parts = {}
        for _ in range(r.take(">i")):
            r.take(">h")  # partition error (e.g. LEADER_NOT_AVAILABLE): leader tells
            index, leader, epoch = r.take(">iii")
            replicas, isr = r.int32s(), r.int32s()
            r.int32s()  # offline replicas
            parts[index] = PartitionState(leader, replicas, isr, epoch)
        if terr == 0:
            out[name] = parts
    return BrokerMetadata(answered_by, brokers, controller, out)


def _uvarint(r: "_Reader") -> int:
    shift = value = 0
    while True:
        b = r.take(">B")
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value
        shift += 7


def controller_from(host: str, port: int, timeout: float = 5.0) -> int:
    """The controller id in a DescribeCluster v0 answer from exactly this broker."""
    # DescribeCluster is flexible from v0: request header v2 (client id, empty tagged fields),
    # body include_cluster_authorized_operations=false + empty tagged fields.
    payload = struct.pack(">hhi", 60, 0, 1) + wire.string("cluster-harness") + b"\x00" + b"\x00" + b"\x00"
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.settimeout(timeout)
        s.sendall(struct.pack(">i", len(payload)) + payload)
        _, body = wire.read_response(s)
    r = _Reader(body)
    _uvarint(r)  # response header v1 tagged fields
    r.take(">i")  # throttle
    err = r.take(">h")
    n = _uvarint(r)  # error message (compact nullable string)
    r.pos += max(n - 1, 0)
    if err:
        raise ClusterError(f"DescribeCluster to {host}:{port} failed with error {err}")
    n = _uvarint(r)  # cluster id (compact string)
    r.pos += n - 1
    return r.take(">i")


def produce_raw(host: str, port: int, topic: str, partition: int, values: list[bytes], acks: int = -1,
                socket_timeout: float = 15.0) -> tuple[int | None, int | None]:
    """Sends one Produce v3 request (broker-side timeout 5 s) straight to this broker, whatever
    the metadata says. Returns (error code, base offset), or (None, None) if no answer came
    within `socket_timeout` or the connection broke."""
    req = wire.request(0, 3, 7, wire.produce_v3(topic, partition, bytes(wire.record_batch(values)), acks=acks))
    try:
        with socket.create_connection((host, port), timeout=socket_timeout) as s:
            s.settimeout(socket_timeout)
            s.sendall(req)
            _, body = wire.read_response(s)
    except (OSError, ConnectionError):
        return None, None
    ((_, _, err, base),) = wire.parse_produce_v3_response(body)
    return err, base


# ----------------------------------------------------------------------------------------------
# nftables isolation


def _nft(script: str) -> subprocess.CompletedProcess:
    return subprocess.run(["nft", "-f", "-"], input=script, capture_output=True, text=True, timeout=10)


def require_nft() -> None:
    """Skips the test unless nftables rules can be installed here (nft present, root)."""
    if shutil.which("nft") is None:
        pytest.skip("nft is not installed (apt-get install nftables): cannot cut links between brokers")
    probe = f"moldau_probe_{uuid.uuid4().hex[:8]}"
    p = _nft(f"add table inet {probe}\ndelete table inet {probe}\n")
    if p.returncode != 0:
        pytest.skip(f"nft cannot install rules here (needs root / CAP_NET_ADMIN): {p.stderr.strip()}")


# ----------------------------------------------------------------------------------------------
# The cluster


class Cluster:
    """N brokers (node ids 1..n) forming one cluster. `overrides` apply to every broker,
    `broker_overrides[i]` to broker i only (both win over the harness's defaults)."""

    def __init__(self, root: Path, n: int = 3, overrides: dict | None = None,
                 broker_overrides: dict[int, dict] | None = None, voters: int | None = None):
        """`voters`: how many of the brokers (ids 1..voters) form the metadata quorum; the
        others are broker-only nodes (process.roles=broker). Default: all of them."""
        assert 1 <= n <= 250
        voters_n = n if voters is None else voters
        assert 1 <= voters_n <= n
        self.root = root
        self.n = n
        self.net = _random_net()
        self.table = f"moldau_{uuid.uuid4().hex[:10]}"
        self._table_created = False
        self._cut: set[frozenset[int]] = set()
        self._admin: AdminClient | None = None
        self.brokers: dict[int, ClusterBroker] = {}
        for i in range(1, n + 1):
            host = f"{self.net}.{i}"
            taken: set[int] = set()
            d = root / f"node{i}"
            d.mkdir(parents=True, exist_ok=True)
            self.brokers[i] = ClusterBroker(i, host, d, _free_port(host, taken), _free_port(host, taken),
                                            _free_port(host, taken))
        voters = ",".join(f"{b.node_id}@{b.host}:{b.controller_port}"
                          for b in self.brokers.values() if b.node_id <= voters_n)
        for i, b in self.brokers.items():
            b.overrides = {
                "process.roles": "broker,controller" if i <= voters_n else "broker",
                "node.id": str(i),
                "controller.quorum.voters": voters,
                "listeners": f"PLAINTEXT://{b.host}:{b.port},CONTROLLER://{b.host}:{b.controller_port}",
                "advertised.listeners": f"PLAINTEXT://{b.host}:{b.port}",
                "controller.listener.names": "CONTROLLER",
                "inter.broker.listener.name": "PLAINTEXT",
                "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs": str(b.data_dir / "data"),
                "metrics.listener": f"{b.host}:{b.metrics_port}",
                "group.initial.rebalance.delay.ms": "0",
                **CLUSTER_DEFAULTS,
                **{k: str(v) for k, v in (overrides or {}).items()},
                **{k: str(v) for k, v in ((broker_overrides or {}).get(i) or {}).items()},
            }

    def __repr__(self):
        return f"<cluster {self.net}.x {list(self.brokers.values())}>"

    def __getitem__(self, i: int) -> ClusterBroker:
        return self.brokers[i]

    # ---- addresses

    @property
    def ids(self) -> list[int]:
        return list(self.brokers)

    def alive(self) -> list[int]:
        return [i for i, b in self.brokers.items() if b.running]

    def others(self, *ids: int) -> list[int]:
        return [i for i in self.brokers if i not in ids]

    @property
    def bootstrap(self) -> str:
        """Every broker's address (clients skip the ones that are down)."""
        return self.bootstrap_of(*self.ids)

    def bootstrap_of(self, *ids: int) -> str:
        return ",".join(self.brokers[i].bootstrap for i in ids)

    # ---- processes

    def start(self, *ids: int, timeout: float = 60.0) -> "Cluster":
        """Starts the given brokers (default: all that are down) in parallel and waits (bounded)
        until each one's Kafka port accepts connections."""
        ids = ids or tuple(i for i in self.ids if not self.brokers[i].running)
        for i in ids:
            self.brokers[i].spawn()
        pending = set(ids)
        deadline = time.time() + timeout
        while pending and time.time() < deadline:
            pending = {i for i in pending if not self.brokers[i].listening()}
            if pending:
                time.sleep(0.05)
        if pending:
            raise ClusterError(f"brokers {sorted(pending)} did not listen within {timeout}s\n{self.log_tails(pending)}")
        return self

    def restart(self, i: int, sig=signal.SIGTERM, timeout: float = 60.0) -> "Cluster":
        self.stop(i, sig)
        return self.start(i, timeout=timeout)

    def kill(self, i: int) -> int:
        """SIGKILL: the broker dies at once, with no controlled shutdown."""
        return self.brokers[i].stop(signal.SIGKILL, timeout=10)

    def stop(self, i: int, sig=signal.SIGTERM, timeout: float = 60.0) -> int:
        """SIGTERM (controlled shutdown) and a bounded wait for the exit; returns the exit code."""
        return self.brokers[i].stop(sig, timeout)

    def close(self) -> None:
        """Kills every broker and removes the nftables table; safe to call twice."""
        for b in self.brokers.values():
            if b.running:
                try:
                    b.stop(signal.SIGKILL, timeout=10)
                except Exception:
                    pass
        self._admin = None
        if self._table_created:
            _nft(f"delete table inet {self.table}\n")
            self._table_created = False

    # ---- logs and waits

    def log_tail(self, i: int, lines: int = 40) -> str:
        return self.brokers[i].log_tail(lines)

    def log_tails(self, ids: Iterable[int] | None = None, lines: int = 30) -> str:
        """The last lines of each broker's log, without repeated connection-retry noise (the
        full logs stay in each broker's data dir)."""
        out = []
        for i in sorted(ids if ids is not None else self.ids):
            b = self.brokers[i]
            kept = [ln for ln in b.log_text().splitlines() if not LOG_NOISE.search(ln)]
            out.append(f"----- broker {i} ({b.bootstrap}, {'running' if b.running else 'down'}) {b.log_path} -----\n"
                       + "\n".join(kept[-lines:]))
        return "\n".join(out)

    def wait_for(self, predicate: Callable[[], object], timeout: float, what: str, interval: float = 0.2):
        """Calls `predicate` until it returns a truthy value (returned) or `timeout` seconds pass;
        exceptions count as "not yet". On timeout raises with the last value or exception
        and the brokers' log tails."""
        deadline = time.time() + timeout
        last = None
        while True:
            try:
                v = predicate()
                if v:
                    return v
                last = v
            except Exception as e:  # noqa: BLE001 - a broker down or not ready yet
                last = e
            if time.time() >= deadline:
                raise ClusterError(f"timed out after {timeout}s waiting for {what} (last: {last!r})\n{self.log_tails()}")
            time.sleep(interval)

    def wait_ready(self, timeout: float = 60.0, ids: Iterable[int] | None = None) -> "Cluster":
        """Waits until metadata lists the running brokers (or `ids`) and a controller among
        them is known."""
        want = set(ids) if ids is not None else set(self.alive())

        def ready():
            if not want <= self.broker_ids():
                return False
            return self.controller_id() in want

        self.wait_for(ready, timeout, f"metadata to list brokers {sorted(want)} and a controller among them")
        return self

    # ---- admin and metadata

    def admin(self) -> AdminClient:
        """One AdminClient over every broker (librdkafka skips the ones that are down)."""
        if self._admin is None:
            self._admin = AdminClient({"bootstrap.servers": self.bootstrap, "socket.timeout.ms": 10000,
                                       "reconnect.backoff.max.ms": 500, "allow.auto.create.topics": False,
                                       "log_level": 2})
        return self._admin

    def broker_ids(self, via: int | None = None) -> set[int]:
        """Broker ids in metadata (from any broker, or from broker `via`)."""
        if via is not None:
            return set(self.metadata_from(via).brokers)
        return set(self.admin().list_topics(timeout=10).brokers)

    def controller_id(self, timeout: float = 10.0, via: int | None = None) -> int:
        """The active controller per DescribeCluster (AdminClient, any broker; or asked of
        broker `via` alone); -1 if none is known."""
        if via is not None:
            b = self.brokers[via]
            return controller_from(b.host, b.port, timeout)
        res = self.admin().describe_cluster(request_timeout=timeout).result(timeout + 5)
        return res.controller.id if res.controller is not None else -1

    def agreed_controller(self, ids: Iterable[int] | None = None) -> int | None:
        """The controller id if every (given, default running) broker reports the same one,
        and it is among them; else None."""
        ids = list(ids) if ids is not None else self.alive()
        seen = {self.controller_id(via=i) for i in ids}
        return next(iter(seen)) if len(seen) == 1 and seen <= set(ids) else None

    def metadata_from(self, i: int, topics: list[str] | None = None, timeout: float = 5.0) -> BrokerMetadata:
        """Metadata as broker i sees it (asked of that broker alone)."""
        b = self.brokers[i]
        return metadata_from(b.host, b.port, topics, timeout, answered_by=i)

    def partitions(self, topic: str, via: int | None = None) -> dict[int, PartitionState]:
        """{partition: PartitionState} from AdminClient metadata (any broker), or as broker
        `via` sees it. Raises if the topic is unknown."""
        if via is not None:
            md = self.metadata_from(via, [topic])
            if topic not in md.topics:
                raise ClusterError(f"broker {via} does not know topic {topic}")
            return md.topics[topic]
        md = self.admin().list_topics(topic, timeout=10)
        t = md.topics.get(topic)
        if t is None or t.error is not None:
            raise ClusterError(f"topic {topic} not in metadata: {t.error if t else 'missing'}")
        return {p: PartitionState(pm.leader, list(pm.replicas), list(pm.isrs), -1) for p, pm in t.partitions.items()}

    def partition(self, topic: str, partition: int, via: int | None = None) -> PartitionState:
        return self.partitions(topic, via)[partition]

    def leader_of(self, topic: str, partition: int, via: int | None = None) -> int:
        return self.partition(topic, partition, via).leader

    def isr_of(self, topic: str, partition: int, via: int | None = None) -> list[int]:
        return self.partition(topic, partition, via).isr

    def replicas_of(self, topic: str, partition: int, via: int | None = None) -> list[int]:
        return self.partition(topic, partition, via).replicas

    def leaders(self, topic: str, via: int | None = None) -> dict[int, int]:
        return {p: s.leader for p, s in self.partitions(topic, via).items()}

    # ---- common waits

    def wait_leader(self, topic: str, partition: int, not_in: Iterable[int] = (), among: Iterable[int] | None = None,
                    timeout: float = 60.0, via: int | None = None) -> int:
        """Waits for a leader (not -1, not in `not_in`, in `among` if given); returns it."""
        not_in, among = set(not_in), set(among) if among is not None else None

        def ok():
            leader = self.leader_of(topic, partition, via)
            return leader if leader >= 0 and leader not in not_in and (among is None or leader in among) else None

        what = f"a leader of {topic}-{partition}" + (f" other than {sorted(not_in)}" if not_in else "") + \
            (f" among {sorted(among)}" if among is not None else "")
        return self.wait_for(ok, timeout, what)

    def wait_isr(self, topic: str, partition: int, expected: Iterable[int], timeout: float = 60.0,
                 via: int | None = None) -> list[int]:
        """Waits until the ISR is exactly `expected` (as a set) and a leader is known."""
        want = set(expected)

        def ok():
            s = self.partition(topic, partition, via)
            return s.isr if set(s.isr) == want and s.leader >= 0 else None

        return self.wait_for(ok, timeout, f"ISR of {topic}-{partition} to be {sorted(want)}")

    def wait_full_isr(self, topic: str, partitions: Iterable[int] | None = None, timeout: float = 60.0) -> None:
        """Waits until every (given) partition has a leader and all its replicas in the ISR."""
        def ok():
            parts = self.partitions(topic)
            for p in (partitions if partitions is not None else parts):
                s = parts[p]
                if s.leader < 0 or set(s.isr) != set(s.replicas):
                    return False
            return True

        self.wait_for(ok, timeout, f"every replica of {topic} back in the ISR")

    def wait_preferred_leaders(self, topic: str, partitions: Iterable[int] | None = None,
                               timeout: float = 60.0) -> None:
        """Waits until each (given) partition is led by its preferred (first) replica."""
        def ok():
            parts = self.partitions(topic)
            return all(parts[p].leader == parts[p].replicas[0] for p in (partitions if partitions is not None else parts))

        self.wait_for(ok, timeout, f"preferred leaders for {topic}")

    def wait_acked(self, topic: str, partition: int, value: bytes, timeout: float = 60.0,
                   config: dict | None = None) -> int:
        """Produces `value` (idempotent, acks=all, retried inside the bound) until it is
        acknowledged; returns its offset."""
        [(err, offset)] = produce_values(self.bootstrap, topic, [value], partition,
                                         {"message.timeout.ms": int(timeout * 1000), "enable.idempotence": True,
                                          **(config or {})},
                                         timeout=timeout + 10)
        if err is not None:
            raise ClusterError(f"{value!r} not acknowledged within {timeout}s: {err}\n{self.log_tails()}")
        return offset

    # ---- isolation (nftables)

    def _apply_cuts(self) -> None:
        require_nft()
        lines = []
        if not self._table_created:
            lines += [f"add table inet {self.table}",
                      f"add chain inet {self.table} isolate {{ type filter hook input priority 0; policy accept; }}"]
        lines.append(f"flush chain inet {self.table} isolate")
        for pair in sorted(tuple(sorted(p)) for p in self._cut):
            a, b = (self.brokers[i].host for i in pair)
            lines.append(f"add rule inet {self.table} isolate ip saddr {a} ip daddr {b} drop")
            lines.append(f"add rule inet {self.table} isolate ip saddr {b} ip daddr {a} drop")
        p = _nft("\n".join(lines) + "\n")
        if p.returncode != 0:
            pytest.skip(f"nft failed (needs root / CAP_NET_ADMIN): {p.stderr.strip()}")
        self._table_created = True

    def cut(self, i: int, j: int) -> None:
        """Drops every packet between brokers i and j (both directions)."""
        self.check_links_bound()
        self._cut.add(frozenset((i, j)))
        self._apply_cuts()

    def isolate(self, i: int) -> None:
        """Cuts broker i off from every other broker; clients (from 127.0.0.1) still reach it."""
        self.check_links_bound()
        self._cut |= {frozenset((i, j)) for j in self.others(i)}
        self._apply_cuts()

    def heal(self, i: int | None = None) -> None:
        """Removes the cuts involving broker i (default: all cuts)."""
        self._cut = {p for p in self._cut if i is not None and i not in p}
        if self._table_created:
            self._apply_cuts()

    def nft_rules(self) -> str:
        """The cluster's nftables table as `nft list` prints it ('' if none)."""
        if not self._table_created:
            return ""
        p = subprocess.run(["nft", "list", "table", "inet", self.table], capture_output=True, text=True, timeout=10)
        return p.stdout if p.returncode == 0 else ""

    def inter_broker_connections(self) -> list[tuple[int, str, str]]:
        """Established TCP connections opened by a broker process to another broker's address:
        [(node id of the owner, local addr:port, peer addr:port)]."""
        p = subprocess.run(["ss", "-tnpH", "state", "established"], capture_output=True, text=True, timeout=10)
        pids = {b.pid: i for i, b in self.brokers.items() if b.running}
        hosts = {b.host for b in self.brokers.values()}
        out = []
        for line in p.stdout.splitlines():
            cols = line.split()
            if len(cols) < 5 or "pid=" not in line:
                continue
            local, peer = cols[2], cols[3]
            owner = next((pids[int(tok.split("=")[1])] for tok in line.replace(")", ",").split(",")
                          if tok.startswith("pid=") and int(tok.split("=")[1]) in pids), None)
            if owner is None or peer.rsplit(":", 1)[0] not in hosts:
                continue
            out.append((owner, local, peer))
        return out

    def check_links_bound(self) -> None:
        """Fails if a broker talks to another broker from an address other than its own:
        such a link would escape the address-based isolation rules."""
        if shutil.which("ss") is None:
            return
        bad = [(o, l, r) for o, l, r in self.inter_broker_connections()
               if l.rsplit(":", 1)[0] != self.brokers[o].host and r.rsplit(":", 1)[0] != self.brokers[o].host]
        if bad:
            raise ClusterError("brokers connect to each other from addresses other than their own listener "
                               f"address, which isolation cannot cut (bind outgoing connections): {bad}")


# ----------------------------------------------------------------------------------------------
# Topics, producing, reading


def create_topic(cluster: Cluster, topic: str, partitions: int = 1, replication_factor: int = 3,
                 config: dict | None = None, timeout: float = 60.0, wait_isr: bool = True) -> None:
    """Creates the topic and waits (bounded) until every partition has a leader and, with
    `wait_isr`, a full ISR."""
    futures = cluster.admin().create_topics(
        [NewTopic(topic, num_partitions=partitions, replication_factor=replication_factor,
                  config={k: str(v) for k, v in (config or {}).items()})], request_timeout=30)
    futures[topic].result(40)

    def ok():
        parts = cluster.partitions(topic)
        if len(parts) != partitions:
            return False
        return all(s.leader >= 0 and (not wait_isr or len(s.isr) == replication_factor) for s in parts.values())

    cluster.wait_for(ok, timeout, f"topic {topic} to have leaders" + (" and full ISRs" if wait_isr else ""))


def elect_preferred(cluster: "Cluster", topic: str, partitions: Iterable[int], timeout: float = 40.0) -> dict[int, KafkaError]:
    """AdminClient.elect_leaders(PREFERRED) for the partitions; returns {partition: error} for
    the partitions that answered with an error (ELECTION_NOT_NEEDED when already preferred)."""
    # confluent-kafka 2.16 rejects elect_leaders' timeout keyword arguments: use the defaults.
    res = cluster.admin().elect_leaders(ElectionType.PREFERRED,
                                        [TopicPartition(topic, p) for p in partitions]).result(timeout)
    out = {}
    for tp, e in res.items():
        if e is not None:
            out[tp.partition] = e.args[0] if isinstance(e, KafkaException) else e
    return out


def produce_values(bootstrap: str, topic: str, values: list[bytes], partition: int = 0,
                   config: dict | None = None, timeout: float = 60.0) -> list[tuple[KafkaError | None, int]]:
    """Produces the values (acks=all by default) in order and waits for every delivery report;
    returns [(error or None, offset)] in the order of `values`."""
    conf = {"bootstrap.servers": bootstrap, "acks": "all", "linger.ms": 5, "message.timeout.ms": 30000,
            "log_level": 2, **(config or {})}
    p = Producer(conf)
    results: dict[int, tuple] = {}
    for i, v in enumerate(values):
        p.produce(topic, value=v, partition=partition,
                  on_delivery=lambda err, msg, i=i: results.__setitem__(i, (err, msg.offset())))
        p.poll(0)
    left = p.flush(timeout)
    assert left == 0, f"{left} records still undelivered after {timeout}s"
    return [results[i] for i in range(len(values))]


def read_partitions(bootstrap: str, topic: str, partitions: Iterable[int], timeout: float = 60.0,
                    config: dict | None = None) -> dict[int, list[tuple[int, bytes]]]:
    """Reads each partition from its start to its high watermark (end of partition reached):
    {partition: [(offset, value)]}."""
    partitions = list(partitions)
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": unique("reader"), "enable.auto.commit": False,
                  "auto.offset.reset": "earliest", "enable.partition.eof": True, "log_level": 2,
                  **(config or {})})
    try:
        c.assign([TopicPartition(topic, p, 0) for p in partitions])
        out: dict[int, list[tuple[int, bytes]]] = {p: [] for p in partitions}
        eof: set[int] = set()
        deadline = time.time() + timeout
        while len(eof) < len(partitions) and time.time() < deadline:
            for m in c.consume(1000, 0.5):
                if m.error():
                    if m.error().code() == KafkaError._PARTITION_EOF:
                        eof.add(m.partition())
                        continue
                    if m.error().retriable() or m.error().code() in (KafkaError._TRANSPORT, KafkaError._ALL_BROKERS_DOWN):
                        continue
                    raise AssertionError(f"reading {topic}: {m.error()}")
                eof.discard(m.partition())
                out[m.partition()].append((m.offset(), m.value()))
        missing = sorted(set(partitions) - eof)
        assert not missing, f"did not reach the end of {topic} partitions {missing} within {timeout}s"
        return out
    finally:
        c.close()


def read_all(bootstrap: str, topic: str, partitions: int = 1, timeout: float = 60.0) -> dict[tuple[int, int], bytes]:
    """Every record of the topic as {(partition, offset): value}."""
    return {(p, o): v for p, recs in read_partitions(bootstrap, topic, range(partitions), timeout).items()
            for o, v in recs}


def high_watermark(bootstrap: str, topic: str, partition: int, timeout: float = 10.0) -> int:
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": unique("hw"), "log_level": 2})
    try:
        return c.get_watermark_offsets(TopicPartition(topic, partition), timeout=timeout, cached=False)[1]
    finally:
        c.close()


# ----------------------------------------------------------------------------------------------
# Fixture


@pytest.fixture
def cluster_factory(tmp_path):
    """cluster_factory(n=3, overrides=None, broker_overrides=None, start=True, ready=True):
    makes a cluster (started, ready) under tmp_path; everything is killed and the nftables
    table removed at teardown."""
    made: list[Cluster] = []

    def make(n: int = 3, overrides: dict | None = None, broker_overrides: dict[int, dict] | None = None,
             start: bool = True, ready: bool = True, voters: int | None = None) -> Cluster:
        c = Cluster(tmp_path / f"cluster{len(made)}", n, overrides, broker_overrides, voters)
        made.append(c)
        if start:
            c.start()
            if ready:
                c.wait_ready()
        return c

    yield make
    for c in made:
        c.close()
