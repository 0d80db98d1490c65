"""Connection patterns an attacker uses, with no authentication: frame prefixes that lie,
requests whose bytes stop arriving, pipelined requests whose responses are never read, more
connections than the broker may hold, sockets up to the descriptor limit. In every case only
the attacker's connections suffer: an ordinary client (kcat, kafka-python) is served within
seconds, the broker stays alive, and its peak RSS (VmHWM) stays bounded."""

import socket
import subprocess
import struct
import threading
import time

import pytest
from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic

import wire
from conftest import Broker, free_port, unique
from test_config_and_metrics import metric
from test_hostile_input import ADDRESS_SPACE, RSS_BUDGET_KIB, clients_still_work

import urllib.request


def attacker(port: int, source: str = "127.0.0.1", timeout: float = 5.0) -> socket.socket:
    """A connection to the broker from `source` (any 127/8 address is local)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    return s


def served_within(broker: Broker, seconds: float) -> float:
    """Runs an ordinary round trip (kcat -L, a kafka-python produce and consume); returns how
    long it took, asserting it was quick."""
    t0 = time.time()
    assert broker.alive(), broker.log_tail()
    out = subprocess.run(["kcat", "-b", broker.bootstrap, "-L", "-m", str(int(seconds))], capture_output=True,
                         text=True, timeout=seconds + 5)
    assert out.returncode == 0 and "broker 1 at" in out.stdout, out.stderr
    topic = unique("ordinary")
    p = KafkaProducer(bootstrap_servers=broker.bootstrap)
    p.send(topic, b"served").get(timeout=seconds)
    p.close()
    c = KafkaConsumer(topic, bootstrap_servers=broker.bootstrap, auto_offset_reset="earliest",
                      consumer_timeout_ms=int(seconds * 1000))
    value = next(iter(c)).value
    c.close()
    assert value == b"served"
    took = time.time() - t0
    assert took < seconds, f"an ordinary client took {took:.1f}s"
    return took


def start_rss(broker: Broker) -> int:
    clients_still_work(broker)  # warm: the first round trip allocates the broker's buffers
    return broker.status_kib("VmRSS")


def scrape(port: int) -> str:
    return urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()


@pytest.mark.parametrize("prefix", [-1, -(1 << 31), (1 << 31) - 1, 1 << 30])
def test_a_lying_frame_prefix_closes_the_connection(broker_factory, prefix):
    """Negative, 2 GiB and 1 GiB prefixes (over socket.request.max.bytes) are refused at once."""
    broker = broker_factory(wrapper=ADDRESS_SPACE)
    s = attacker(broker.port)
    s.sendall(struct.pack(">i", prefix))
    assert wire.closed_by_peer(s, timeout=5), f"prefix {prefix} left the connection open"
    served_within(broker, 20)


def test_declared_sizes_reserve_nothing_and_stalled_frames_time_out(broker_factory):
    """200 connections announce frames of 1 GiB (allowed here) and 99 MiB, send 10 bytes of
    each and go silent: nothing is reserved from the declared sizes (200 GiB of claims under
    a 4 GiB address-space limit), and each is closed after request.read.timeout.ms."""
    broker = broker_factory({"socket.request.max.bytes": str(1 << 30), "queued.max.request.bytes": str(1 << 30),
                             "request.read.timeout.ms": "4000"}, wrapper=ADDRESS_SPACE)
    rss0 = start_rss(broker)
    conns = []
    for i in range(200):
        s = attacker(broker.port)
        size = (1 << 30) if i % 2 == 0 else 99 << 20
        s.sendall(struct.pack(">i", size) + b"\x00\x03" * 5)
        conns.append(s)
    served_within(broker, 10)
    growth = broker.status_kib("VmHWM") - rss0
    print(f"200 stalled frames claiming 100 GiB: peak RSS +{growth} KiB")
    assert growth < 64 << 10, f"peak RSS grew by {growth} KiB"
    time.sleep(4.5)
    closed = sum(wire.closed_by_peer(s, timeout=5) for s in conns)
    assert closed == len(conns), f"only {closed} of {len(conns)} stalled connections were closed"
    assert broker.alive()


def test_300_half_sent_frames_do_not_stop_an_ordinary_client(broker_factory):
    broker = broker_factory({"request.read.timeout.ms": "6000"}, wrapper=ADDRESS_SPACE)
    rss0 = start_rss(broker)
    conns = []
    for _ in range(300):
        s = attacker(broker.port)
        # Half of a 256 KiB produce frame, then nothing.
        s.sendall(struct.pack(">i", 256 << 10) + b"\x00" * (128 << 10))
        conns.append(s)
    took = served_within(broker, 10)
    growth = broker.status_kib("VmHWM") - rss0
    print(f"300 half-sent frames: ordinary round trip {took:.2f}s, peak RSS +{growth} KiB")
    assert growth < RSS_BUDGET_KIB
    time.sleep(6.5)
    closed = sum(wire.closed_by_peer(s, timeout=5) for s in conns)
    assert closed == 300, f"{closed} of 300 stalled connections closed"


def test_queued_request_bytes_bound_memory_and_reading_resumes(broker_factory):
    """64 connections push 2 MiB each of 4 MiB frames (128 MiB in all) at a broker whose
    request memory is 16 MiB: reading stops at the pool, the RSS stays near it, and once the
    stalled frames time out the broker reads again and serves an ordinary client."""
    broker = broker_factory({"socket.request.max.bytes": str(8 << 20), "queued.max.request.bytes": str(16 << 20),
                             "request.read.timeout.ms": "5000"}, wrapper=ADDRESS_SPACE)
    rss0 = start_rss(broker)
    conns = [attacker(broker.port, timeout=1.0) for _ in range(64)]

    def push(s):
        try:
            s.sendall(struct.pack(">i", 4 << 20) + b"\x01" * (2 << 20))
        except OSError:
            pass  # the broker stopped reading: the send blocks, then times out

    threads = [threading.Thread(target=push, args=(s,)) for s in conns]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    time.sleep(1)
    growth = broker.status_kib("VmHWM") - rss0
    print(f"128 MiB of stalled frames against a 16 MiB pool: peak RSS +{growth} KiB")
    assert growth < 48 << 10, f"peak RSS grew by {growth} KiB with a 16 MiB request pool"
    # The stalled frames time out and give their memory back; an ordinary client is served.
    served_within(broker, 30)
    assert broker.alive()


def test_20000_pipelined_requests_whose_responses_are_never_read(broker_factory):
    broker = broker_factory(wrapper=ADDRESS_SPACE)
    rss0 = start_rss(broker)
    s = attacker(broker.port, timeout=2.0)
    n = 20_000
    # Metadata v1 for all topics, each answer a few hundred bytes.
    reqs = b"".join(wire.request(3, 1, i, struct.pack(">i", -1)) for i in range(n))
    sent = 0
    try:
        while sent < len(reqs):
            sent += s.send(reqs[sent:sent + 65536])
    except socket.timeout:
        pass  # the broker stopped reading: its response queue is full
    took = served_within(broker, 10)
    growth = broker.status_kib("VmHWM") - rss0
    print(f"{n} pipelined unread requests ({sent} of {len(reqs)} bytes taken): ordinary round trip "
          f"{took:.2f}s, peak RSS +{growth} KiB")
    assert growth < RSS_BUDGET_KIB
    # Nothing was lost or reordered: reading the responses now lets the rest through.
    s.settimeout(30)
    if sent < len(reqs):
        s.sendall(reqs[sent:])
    for i in range(n):
        corr, _ = wire.read_response(s)
        assert corr == i
    s.close()


def test_max_connections_evicts_the_busiest_source_and_per_ip_limits_refuse(broker_factory):
    mport = free_port()
    broker = broker_factory({"max.connections": "40", "max.connections.per.ip": "30",
                             "max.connections.per.ip.overrides": "127.0.0.4:2",
                             "metrics.listener": f"127.0.0.1:{mport}"}, wrapper=ADDRESS_SPACE)
    # A source holding many connections and one holding few, both idle.
    flood = [attacker(broker.port, "127.0.0.2") for _ in range(30)]
    few = [attacker(broker.port, "127.0.0.3") for _ in range(9)]
    for s in flood + few:  # each completes one request: these are real, idle clients
        s.sendall(wire.request(18, 0, 1, b""))
        wire.read_response(s)
    # Over the per-IP limit: closed at once.
    extra = attacker(broker.port, "127.0.0.2")
    assert wire.closed_by_peer(extra, timeout=5)
    two = [attacker(broker.port, "127.0.0.4") for _ in range(3)]
    assert wire.closed_by_peer(two[2], timeout=5), "the override allows 2 from 127.0.0.4"
    # The broker is full (30 + 9 + 1 from 127.0.0.4 ... ): an ordinary client still gets in.
    served_within(broker, 15)
    # Room was made from the flood, not from the source with few connections.
    alive_few = sum(not wire.closed_by_peer(s, timeout=0.2) for s in few)
    assert alive_few == len(few), f"{len(few) - alive_few} connections of the small source were evicted"
    evicted_flood = sum(wire.closed_by_peer(s, timeout=0.2) for s in flood)
    assert evicted_flood >= 1
    text = scrape(mport)
    assert (metric(text, "moldau_connections_refused_total", listener="PLAINTEXT", reason="per_ip") or 0) >= 2
    assert (metric(text, "moldau_connections_evicted_total", listener="PLAINTEXT") or 0) >= evicted_flood
    print(f"max.connections=40: {evicted_flood} idle connections of the flooding source evicted")


def test_sockets_never_take_the_descriptors_the_logs_need(broker_factory):
    """Under a 600-descriptor limit an attacker opens 700 connections: the broker refuses
    those past its ceiling, and still creates 40 partitions, rolls their segments (16 KiB
    each, ~120 files) and serves."""
    mport = free_port()
    broker = broker_factory({"metrics.listener": f"127.0.0.1:{mport}", "log.segment.bytes": "16384"},
                            wrapper=["prlimit", "--nofile=600", *ADDRESS_SPACE[1:]])
    conns = []
    for i in range(700):
        try:
            conns.append(attacker(broker.port, "127.0.0.2", timeout=2))
        except OSError:
            pass
    time.sleep(0.5)
    open_now = sum(not wire.closed_by_peer(s, timeout=0.01) for s in conns)
    assert open_now < 600 - 256, f"{open_now} sockets stayed open under a 600-descriptor limit"
    topic = unique("fd-room")
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
    admin.create_topics([NewTopic(topic, 40, 1)])
    admin.close()
    p = KafkaProducer(bootstrap_servers=broker.bootstrap, linger_ms=0)
    for i in range(2000):
        p.send(topic, b"x" * 1000, partition=i % 40)
    p.flush(timeout=60)
    p.close()
    c = KafkaConsumer(topic, bootstrap_servers=broker.bootstrap, auto_offset_reset="earliest",
                      consumer_timeout_ms=15000)
    got = sum(1 for _ in c)
    c.close()
    assert got == 2000
    assert "Too many open files" not in broker.log_text()
    text = scrape(mport)
    evicted = metric(text, "moldau_connections_evicted_total", listener="PLAINTEXT") or 0
    print(f"nofile=600: {open_now} of 700 attacker sockets held, {evicted:.0f} idle ones evicted for newer "
          "connections; 40 partitions created, rolled and served")
    # Each attacker connection past the ceiling made room by closing an older idle one.
    assert evicted >= 700 - open_now - 5
    for s in conns:
        s.close()
