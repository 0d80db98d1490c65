"""End-to-end tests with the real, unmodified kafka-python client against moldau-broker.

Each test starts its own broker (fast) and creates its own topics, so tests are independent.
Every wait is a bounded polling loop. Nothing asserts on speed; the few bounds that matter
(a member's partitions moving well inside a long session timeout) stand for "this happened
because of LeaveGroup / static membership, not because the session expired".

Group members that must be SIGKILLed or frozen run as separate processes (MemberProcess).
Set MEMBER_LOG_LEVEL=DEBUG to get kafka-python's debug log in their stderr files."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, OffsetSpec
from kafka.errors import (
    InvalidConfigurationError,
    InvalidPartitionsError,
    InvalidReplicationFactorError,
    InvalidTimestampError,
    InvalidTopicError,
    MessageSizeTooLargeError,
    NotEnoughReplicasError,
    OffsetMetadataTooLargeError,
    OffsetOutOfRangeError,
    TopicAlreadyExistsError,
    UnknownTopicOrPartitionError,
)
from kafka.partitioner.default import DefaultPartitioner, murmur2
from kafka.structs import OffsetAndMetadata

from conftest import unique


# ---------------------------------------------------------------------------------------------
# helpers


def wait_until(cond, timeout: float, what: str, interval: float = 0.1):
    """Polls `cond` until it returns something truthy (returned) or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        value = cond()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def expected_partition(key: bytes, partitions: int) -> int:
    """What kafka-python's DefaultPartitioner (Java-compatible murmur2) picks for `key`."""
    return (murmur2(key) & 0x7FFFFFFF) % partitions


def poll_records(consumer, count: int, timeout: float = 20.0, settle: float = 0.5) -> list:
    """Polls until at least `count` records arrived (bounded), then polls `settle` seconds more
    so that duplicates or extra records would show up too. Returns the records in order."""
    got = []
    deadline = time.monotonic() + timeout
    while len(got) < count and time.monotonic() < deadline:
        for recs in consumer.poll(timeout_ms=200).values():
            got.extend(recs)
    settle_deadline = time.monotonic() + settle
    while time.monotonic() < settle_deadline:
        for recs in consumer.poll(timeout_ms=100).values():
            got.extend(recs)
    assert len(got) >= count, f"got only {len(got)} of {count} records within {timeout}s: {summary(got)}"
    return got


def summary(records) -> str:
    return ", ".join(f"p{r.partition}@{r.offset}={r.value!r}" for r in records[:20]) + (
        " ..." if len(records) > 20 else "")


def by_partition(records) -> dict:
    out = defaultdict(list)
    for r in records:
        out[r.partition].append(r)
    return dict(out)


def subscribe_with_metadata(consumer, topics):
    """Subscribes, then fetches metadata before the first poll() joins the group.

    Works around a kafka-python 3.0.12 client race (not a broker issue). The coordinator only
    refreshes its metadata snapshot of the subscribed topics when a metadata response arrives;
    if the first JoinGroup runs before that, the leader records a stale snapshot (or even
    assigns nothing) and rejoins as soon as the metadata lands. That extra rebalance makes an
    early commit() fail with RebalanceInProgressError, and if the second join is still in
    flight when a poll(timeout_ms) expires the client never finishes it (need_rejoin() turns
    False once the background join has performed the assignment): heartbeats stay disabled,
    it owns no partitions and is expired from the group. consumer.topics() does a blocking
    metadata fetch, which updates the snapshot before the first join."""
    consumer.subscribe(list(topics))
    wait_until(lambda: set(topics) <= consumer.topics(), 15, f"metadata for {topics}")


class Clients:
    """kafka-python clients bound to one broker; all are closed when the test ends."""

    def __init__(self, broker):
        self.broker = broker
        self._open = []

    def _track(self, c):
        self._open.append(c)
        return c

    def admin(self, **kw):
        return self._track(KafkaAdminClient(bootstrap_servers=self.broker.bootstrap,
                                            request_timeout_ms=15000, **kw))

    def producer(self, **kw):
        kw.setdefault("request_timeout_ms", 15000)
        kw.setdefault("max_block_ms", 15000)
        return self._track(KafkaProducer(bootstrap_servers=self.broker.bootstrap, **kw))

    def consumer(self, *topics, **kw):
        kw.setdefault("request_timeout_ms", 15000)
        kw.setdefault("enable_auto_commit", False)
        consumer = self._track(KafkaConsumer(bootstrap_servers=self.broker.bootstrap, **kw))
        if topics:
            subscribe_with_metadata(consumer, topics)
        return consumer

    def close_all(self):
        for c in reversed(self._open):
            try:
                if isinstance(c, KafkaConsumer):
                    c.close(autocommit=False, timeout_ms=3000)
                elif isinstance(c, KafkaProducer):
                    c.close(timeout=3)
                else:
                    c.close()
            except Exception:
                pass


@pytest.fixture
def kc(broker):
    clients = Clients(broker)
    yield clients
    clients.close_all()


def create_topic(admin, name: str, partitions: int, configs: dict | None = None):
    spec = {"num_partitions": partitions, "replication_factor": 1}
    if configs:
        spec["configs"] = configs
    admin.create_topics({name: spec}, wait_for_metadata=True)


class RecordingPartitioner(DefaultPartitioner):
    """kafka-python's default partitioner, remembering the partitions each keyless record
    could go to (those the producer's metadata showed with a leader)."""

    def __init__(self):
        self.pools = []

    def partition(self, topic, key, serialized_key, value, serialized_value, cluster):
        if serialized_key is None:
            available = cluster.available_partitions_for_topic(topic)
            self.pools.append(frozenset(available or cluster.partitions_for_topic(topic)))
        return super().partition(topic, key, serialized_key, value, serialized_value, cluster)


def admin_partitions_with_leaders(admin, topic: str) -> set:
    (described,) = admin.describe_topics([topic])
    return {p["partition_index"] for p in described["partitions"] if p["leader_id"] >= 0}


def produce(producer, topic: str, items, **send_kw) -> list:
    """Sends (key, value) pairs, waits for every ack, returns the RecordMetadata list in order."""
    futures = [producer.send(topic, key=k, value=v, **send_kw) for k, v in items]
    producer.flush(timeout=15)
    return [f.get(timeout=15) for f in futures]


def check_partition_offsets(records):
    """Per partition the offsets are exactly 0..n-1, in order."""
    for p, recs in by_partition(records).items():
        offsets = [r.offset for r in recs]
        assert offsets == list(range(len(recs))), f"partition {p} offsets {offsets}"


GROUP_MEMBER_SCRIPT = r"""
import json, logging, os, signal, sys, time
logging.basicConfig(stream=sys.stderr, level=os.environ.get("MEMBER_LOG_LEVEL", "INFO"),
                    format="%(asctime)s %(levelname)s %(name)s %(message)s")
from kafka import KafkaConsumer
from kafka.coordinator.assignors.range import RangePartitionAssignor
from kafka.coordinator.assignors.roundrobin import RoundRobinPartitionAssignor
from kafka.coordinator.assignors.sticky.sticky_assignor import StickyPartitionAssignor
from kafka.coordinator.assignors.cooperative_sticky import CooperativeStickyAssignor
ASSIGNORS = {a.name: a for a in (RangePartitionAssignor, RoundRobinPartitionAssignor,
                                 StickyPartitionAssignor, CooperativeStickyAssignor)}
bootstrap, topic, group, extra = sys.argv[1:5]
config = dict(session_timeout_ms=6000, heartbeat_interval_ms=1000, auto_offset_reset="earliest",
              enable_auto_commit=True, auto_commit_interval_ms=500, request_timeout_ms=15000)
config.update(json.loads(extra))
if "assignors" in config:
    config["partition_assignment_strategy"] = [ASSIGNORS[n] for n in config.pop("assignors")]
def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n"); sys.stdout.flush()
stopping = []
signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
c = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group, **config)
# Subscribe, then fetch metadata before the first poll joins the group
# (see subscribe_with_metadata in the test file for the client race this avoids).
c.subscribe([topic])
while topic not in c.topics():
    time.sleep(0.1)
out({"started": True})
last = None
deadline = time.monotonic() + 150  # never outlive the test by much
while time.monotonic() < deadline and not stopping:
    try:
        batches = c.poll(timeout_ms=200)
    except Exception as e:
        out({"error": type(e).__name__, "detail": str(e)[:300]})
        time.sleep(0.5)
        continue
    for tp, recs in batches.items():
        for r in recs:
            out({"p": r.partition, "o": r.offset, "v": r.value.decode()})
    a = sorted(tp.partition for tp in c.assignment())
    if a != last:
        out({"assignment": a})
        last = a
if stopping:
    c.close()  # commits and sends LeaveGroup
    out({"closed": True})
"""


class MemberProcess:
    """A kafka-python group consumer in its own process (so it can be SIGKILLed); its output
    (assignment changes, records, errors) is collected by a reader thread."""

    def __init__(self, name, bootstrap, topic, group, log_dir, **config):
        self.name = name
        self.stderr = open(os.path.join(log_dir, f"{name}.stderr"), "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", GROUP_MEMBER_SCRIPT, bootstrap, topic, group, json.dumps(config)],
            stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        self.lock = threading.Lock()
        self.assignment = None
        self.history = []  # every assignment the member reported, in order
        self.records = []
        self.errors = []
        self.closed = False
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for line in self.proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            with self.lock:
                if "assignment" in msg:
                    self.assignment = msg["assignment"]
                    self.history.append(msg["assignment"])
                elif "v" in msg:
                    self.records.append((msg["p"], msg["o"], msg["v"]))
                elif "error" in msg:
                    self.errors.append(msg["error"])
                elif "closed" in msg:
                    self.closed = True

    def current_assignment(self):
        with self.lock:
            return self.assignment

    def assignment_history(self):
        with self.lock:
            return list(self.history)

    def values(self):
        with self.lock:
            return {v for _, _, v in self.records}

    def error_names(self):
        with self.lock:
            return list(self.errors)

    def stderr_tail(self):
        self.stderr.flush()
        try:
            with open(self.stderr.name) as f:
                return "".join(f.readlines()[-15:])
        except OSError:
            return ""

    def describe(self):
        return (f"{self.name}: assignment={self.current_assignment()} errors={self.error_names()[-5:]} "
                f"records={len(self.records)}\n{self.stderr_tail()}")

    def terminate(self):
        """SIGTERM: the consumer closes cleanly (LeaveGroup)."""
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(30)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self):
        self.kill()
        self.stderr.close()


@pytest.fixture
def members(tmp_path):
    made = []

    def make(bootstrap, topic, group, **config):
        m = MemberProcess(f"member{len(made)}", bootstrap, topic, group, log_dir=str(tmp_path), **config)
        made.append(m)
        return m

    yield make
    for m in made:
        m.stop()


def wait_for_members(cond, timeout, what, broker, *ms):
    try:
        return wait_until(cond, timeout, what)
    except AssertionError as e:
        raise AssertionError(f"{e}\n" + "\n".join(m.describe() for m in ms) +
                             f"\nbroker log:\n{broker.log_tail()}") from None


def split_between(*ms, partitions=(0, 1, 2)):
    """The members' current assignments are non-empty, disjoint and cover `partitions`."""
    def check():
        sets = [set(m.current_assignment() or ()) for m in ms]
        if not all(sets) or sum(len(s) for s in sets) != len(partitions):
            return None
        return set().union(*sets) == set(partitions) and [sorted(s) for s in sets]
    return check


def group_members(admin, group, count, state="Stable"):
    """describe_groups once it shows `count` members in `state`, else None."""
    def check():
        desc = admin.describe_groups([group])[group]
        if desc["error"] or desc["group_state"] != state or len(desc["members"]) != count:
            return None
        return desc
    return check


# ---------------------------------------------------------------------------------------------
# 1. admin: create / list / describe topics


def test_admin_create_list_describe_topic(kc):
    admin = kc.admin()
    topic = unique("kp-admin")
    result = admin.create_topics({topic: {"num_partitions": 3, "replication_factor": 1}})
    [res] = result["topics"]
    assert res["name"] == topic and res["error_code"] == 0

    assert topic in wait_until(lambda: [t for t in admin.list_topics() if t == topic], 10,
                               "topic in list_topics")
    [desc] = admin.describe_topics([topic])
    assert desc["error_code"] == 0 and desc["name"] == topic
    assert not desc["is_internal"]
    parts = sorted(desc["partitions"], key=lambda p: p["partition_index"])
    assert [p["partition_index"] for p in parts] == [0, 1, 2]
    for p in parts:
        assert p["error_code"] == 0
        assert p["leader_id"] >= 0
        assert p["replica_nodes"] == [p["leader_id"]] and p["isr_nodes"] == [p["leader_id"]]

    with pytest.raises(TopicAlreadyExistsError):
        admin.create_topics({topic: {"num_partitions": 3, "replication_factor": 1}})
    # The failed second create did not change the topic.
    [desc] = admin.describe_topics([topic])
    assert len(desc["partitions"]) == 3

    # The consumer's view of the cluster agrees.
    consumer = kc.consumer()
    assert consumer.partitions_for_topic(topic) == {0, 1, 2}


def test_admin_refusals(kc):
    admin = kc.admin()
    topic = unique("kp-refuse")
    create_topic(admin, topic, 2)

    checked = unique("kp-validate")
    result = admin.create_topics({checked: {"num_partitions": 2, "replication_factor": 1}}, validate_only=True)
    assert result["topics"][0]["error_code"] == 0
    assert checked not in admin.list_topics(), "validate_only must not create the topic"

    with pytest.raises(InvalidReplicationFactorError):
        admin.create_topics({unique("kp-rf3"): {"num_partitions": 1, "replication_factor": 3}})
    with pytest.raises(InvalidTopicError):
        admin.create_topics({"bad/name": {"num_partitions": 1, "replication_factor": 1}})
    with pytest.raises(InvalidPartitionsError):
        admin.create_topics({unique("kp-zero"): {"num_partitions": 0, "replication_factor": 1}})
    with pytest.raises(InvalidPartitionsError):
        admin.create_partitions({topic: 1})
    with pytest.raises(UnknownTopicOrPartitionError):
        admin.delete_topics([unique("kp-missing")])
    with pytest.raises(OffsetOutOfRangeError):
        admin.delete_records({TopicPartition(topic, 0): 100})
    [desc] = admin.describe_topics([topic])
    assert len(desc["partitions"]) == 2
    [missing] = admin.describe_topics([unique("kp-nothere")])
    assert missing["error_code"] == UnknownTopicOrPartitionError.errno


def test_create_partitions_and_delete_topic(kc):
    admin = kc.admin()
    topic = unique("kp-grow")
    create_topic(admin, topic, 1)
    admin.create_partitions({topic: 3})

    def three_partitions():
        [d] = admin.describe_topics([topic])
        return len(d["partitions"]) == 3
    wait_until(three_partitions, 10, "the topic to show 3 partitions")

    producer = kc.producer()
    for p in range(3):
        meta = producer.send(topic, value=f"p{p}".encode(), partition=p).get(timeout=15)
        assert (meta.partition, meta.offset) == (p, 0)

    admin.delete_topics([topic])
    wait_until(lambda: topic not in admin.list_topics(), 15, "the topic to disappear from list_topics")
    other = unique("kp-other")
    create_topic(admin, other, 1)
    assert topic not in admin.list_topics() and other in admin.list_topics()


def test_admin_configs_and_cluster(broker, kc):
    admin = kc.admin()
    topic = unique("kp-configs")
    create_topic(admin, topic, 1, configs={"retention.ms": "123456"})

    cluster = admin.describe_cluster()
    [b] = cluster["brokers"]
    assert (b["host"], b["port"]) == ("127.0.0.1", broker.port)
    assert cluster["controller_id"] == b["broker_id"]
    assert cluster["cluster_id"]

    def topic_configs():
        return admin.describe_configs([ConfigResource("TOPIC", topic)])["topic"][topic]
    cfg = topic_configs()
    assert cfg["retention.ms"]["value"] == "123456"
    assert cfg["retention.ms"]["config_source"] == "DYNAMIC_TOPIC_CONFIG"

    assert admin.alter_configs([ConfigResource("TOPIC", topic, {"max.message.bytes": "5000"})]) == {
        "topic": {topic: "OK"}}
    cfg = topic_configs()
    assert cfg["max.message.bytes"]["value"] == "5000"
    assert cfg["retention.ms"]["value"] == "123456", "an incremental alter keeps the other overrides"
    # The changed limit is enforced for produce.
    producer = kc.producer(enable_idempotence=False, acks=1, retries=0)
    with pytest.raises(MessageSizeTooLargeError):
        producer.send(topic, value=b"z" * 20_000).get(timeout=15)
    assert producer.send(topic, value=b"ok").get(timeout=15).offset == 0

    # kafka-python reports per-resource errors in the result rather than raising.
    result = admin.alter_configs([ConfigResource("TOPIC", topic, {"retention.ms": "not-a-number"})],
                                 raise_on_unknown=False)
    assert "InvalidConfigurationError" in str(result["topic"][topic]), result
    result = admin.alter_configs([ConfigResource("TOPIC", topic, {"no.such.config": "1"})],
                                 raise_on_unknown=False)
    assert "InvalidConfigurationError" in str(result["topic"][topic]), result
    assert topic_configs()["retention.ms"]["value"] == "123456"
    with pytest.raises(InvalidConfigurationError):
        create_topic(admin, unique("kp-badcfg"), 1, configs={"retention.ms": "soon"})

    broker_cfg = admin.describe_configs([ConfigResource("BROKER", str(b["broker_id"]), ["num.partitions"])],
                                        config_filter="all")["broker"][str(b["broker_id"])]
    assert broker_cfg["num.partitions"]["value"] == "1"


# ---------------------------------------------------------------------------------------------
# 2. produce keyed and keyless records with the default (murmur2) partitioner


def test_produce_keyed_records_follow_murmur2_and_keyless_spread(kc):
    admin = kc.admin()
    topic = unique("kp-partitioner")
    create_topic(admin, topic, 3)
    partitioner = RecordingPartitioner()
    producer = kc.producer(partitioner=partitioner)

    keys = [f"user-{i}".encode() for i in range(20)]
    items = [(k, f"{k.decode()}#{rep}".encode()) for rep in range(3) for k in keys]
    metas = produce(producer, topic, items)
    seen = {}
    for (key, value), meta in zip(items, metas):
        assert meta.topic == topic
        assert meta.partition == expected_partition(key, 3), (key, meta)
        assert seen.setdefault(key, meta.partition) == meta.partition, f"key {key} moved partitions"
    assert len(set(seen.values())) == 3, "20 distinct keys should hit all 3 partitions"

    partitioner.pools.clear()
    keyless = produce(producer, topic, [(None, f"nokey-{i}".encode()) for i in range(60)])
    counts = defaultdict(int)
    for m in keyless:
        counts[m.partition] += 1
    # kafka-python picks a keyless record's partition at random among those its metadata shows
    # with a leader. Every partition of a healthy single broker has one; should a metadata
    # answer have shown one leaderless, it must have a leader again at once (and the spread is
    # then checked against what the client could choose from).
    offered = set().union(*partitioner.pools)
    if offered != {0, 1, 2}:
        print(f"keyless sends were offered partitions {sorted(offered)} only "
              f"(distinct pools {sorted({tuple(sorted(p)) for p in partitioner.pools})})")
        assert admin_partitions_with_leaders(admin, topic) == {0, 1, 2}
    assert set(counts) == offered, f"keyless records not spread over {offered}: {dict(counts)}"

    # Offsets handed out per partition are consecutive from 0 across both batches.
    per_part = defaultdict(list)
    for m in metas + keyless:
        per_part[m.partition].append(m.offset)
    for p, offs in per_part.items():
        assert sorted(offs) == list(range(len(offs))), f"partition {p} offsets {sorted(offs)}"

    # And the records are where the acks said they are.
    consumer = kc.consumer(auto_offset_reset="earliest")
    tps = [TopicPartition(topic, p) for p in range(3)]
    consumer.assign(tps)
    records = poll_records(consumer, len(items) + len(keyless))
    assert len(records) == len(items) + len(keyless)
    for r in records:
        if r.key is not None:
            assert r.partition == expected_partition(r.key, 3)


def test_producer_auto_creates_topic(kc):
    topic = unique("kp-auto")
    producer = kc.producer()
    meta = producer.send(topic, value=b"hello").get(timeout=30)
    assert (meta.partition, meta.offset) == (0, 0)
    admin = kc.admin()
    assert topic in admin.list_topics()
    [desc] = admin.describe_topics([topic])
    assert len(desc["partitions"]) == 1  # num.partitions defaults to 1
    consumer = kc.consumer(topic, auto_offset_reset="earliest", group_id=unique("kp-auto-g"))
    [r] = poll_records(consumer, 1)
    assert r.value == b"hello"


def test_concurrent_producers_get_distinct_consecutive_offsets(kc):
    admin = kc.admin()
    topic = unique("kp-concurrent")
    create_topic(admin, topic, 1)
    producers = [kc.producer(linger_ms=5) for _ in range(4)]
    results = {}

    def run(i, p):
        results[i] = produce(p, topic, [(None, f"p{i}-{j}".encode()) for j in range(100)])

    threads = [threading.Thread(target=run, args=(i, p)) for i, p in enumerate(producers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(results) == [0, 1, 2, 3]
    offsets = sorted(m.offset for metas in results.values() for m in metas)
    assert offsets == list(range(400))
    for metas in results.values():  # each producer's records keep their order
        assert [m.offset for m in metas] == sorted(m.offset for m in metas)

    consumer = kc.consumer()
    tp = TopicPartition(topic, 0)
    consumer.assign([tp])
    consumer.seek_to_beginning(tp)
    records = poll_records(consumer, 400)
    by_offset = {m.offset: f"p{i}-{j}".encode() for i, metas in results.items() for j, m in enumerate(metas)}
    assert [(r.offset, r.value) for r in records] == sorted(by_offset.items())


# ---------------------------------------------------------------------------------------------
# 3. consume from the beginning


def test_consume_from_beginning_offsets_in_order_exactly_once(kc):
    admin = kc.admin()
    topic = unique("kp-consume")
    create_topic(admin, topic, 3)
    producer = kc.producer()
    items = [(f"k{i % 7}".encode(), f"value-{i}".encode()) for i in range(90)]
    metas = produce(producer, topic, items)
    values = [v for _, v in items]

    # a) group consumer with auto_offset_reset=earliest
    group_consumer = kc.consumer(topic, group_id=unique("kp-consume-g"), auto_offset_reset="earliest")
    records = poll_records(group_consumer, len(items))
    assert sorted(r.value for r in records) == sorted(values), "every value exactly once"
    check_partition_offsets(records)
    for r in records:
        assert r.topic == topic
        assert r.partition == expected_partition(r.key, 3)
    # Within a partition the order is the produce order.
    for p, recs in by_partition(records).items():
        sent = [v for (k, v), m in zip(items, metas) if m.partition == p]
        assert [r.value for r in recs] == sent

    # b) no group: assign + seek_to_beginning
    plain = kc.consumer()
    tps = [TopicPartition(topic, p) for p in range(3)]
    plain.assign(tps)
    plain.seek_to_beginning()
    records = poll_records(plain, len(items))
    assert sorted(r.value for r in records) == sorted(values)
    check_partition_offsets(records)
    end = plain.end_offsets(tps)
    assert sum(end.values()) == len(items)
    for tp in tps:
        assert plain.position(tp) == end[tp]


def test_headers_null_values_and_gzip_round_trip(kc):
    admin = kc.admin()
    topic = unique("kp-headers")
    create_topic(admin, topic, 1)
    plain = kc.producer()
    gz = kc.producer(compression_type="gzip", linger_ms=20, batch_size=64 * 1024)
    tp = TopicPartition(topic, 0)

    plain.send(topic, key=b"k1", value=b"with-headers", headers=[("h1", b"v1"), ("h2", b""), ("h1", b"again")])
    plain.send(topic, key=b"k2", value=None)  # a tombstone
    plain.send(topic, key=None, value=b"")
    plain.flush(timeout=15)
    big = [(f"gk{i}".encode(), (f"gzip-{i}-" + "x" * 500).encode()) for i in range(200)]
    metas = produce(gz, topic, big, headers=[("enc", b"gzip")])
    assert [m.offset for m in metas] == list(range(3, 203))

    consumer = kc.consumer()
    consumer.assign([tp])
    consumer.seek_to_beginning(tp)
    records = poll_records(consumer, 203)
    assert [r.offset for r in records] == list(range(203))
    r0, r1, r2 = records[:3]
    assert (r0.key, r0.value) == (b"k1", b"with-headers")
    assert list(r0.headers) == [("h1", b"v1"), ("h2", b""), ("h1", b"again")]
    assert (r1.key, r1.value) == (b"k2", None)
    assert (r2.key, r2.value) == (None, b"")
    assert [(r.key, r.value) for r in records[3:]] == big
    assert all(list(r.headers) == [("enc", b"gzip")] for r in records[3:])


def test_large_record_round_trip(kc):
    admin = kc.admin()
    topic = unique("kp-large")
    create_topic(admin, topic, 1)
    producer = kc.producer()
    value = os.urandom(900_000)
    meta = producer.send(topic, key=b"big", value=value).get(timeout=15)
    assert meta.offset == 0
    small = producer.send(topic, value=b"after").get(timeout=15)
    consumer = kc.consumer()
    tp = TopicPartition(topic, 0)
    consumer.assign([tp])
    consumer.seek_to_beginning(tp)
    records = poll_records(consumer, 2)
    assert [(r.offset, r.key, r.value) for r in records] == [(0, b"big", value), (small.offset, None, b"after")]


def test_small_fetch_sizes_still_make_progress(kc):
    admin = kc.admin()
    topic = unique("kp-fetchsize")
    create_topic(admin, topic, 1)
    producer = kc.producer(linger_ms=50, batch_size=256 * 1024)
    items = [(None, bytes([65 + i % 26]) * 20_000) for i in range(20)]
    produce(producer, topic, items)
    # A record batch bigger than max_partition_fetch_bytes / fetch_max_bytes is still returned
    # (KIP-74), so the consumer is never stuck.
    consumer = kc.consumer(max_partition_fetch_bytes=1024, fetch_max_bytes=1024)
    tp = TopicPartition(topic, 0)
    consumer.assign([tp])
    consumer.seek_to_beginning(tp)
    records = poll_records(consumer, 20, timeout=30)
    assert [r.offset for r in records] == list(range(20))
    assert [r.value for r in records] == [v for _, v in items]


def test_fetch_min_bytes_is_bounded_by_fetch_max_wait(kc):
    admin = kc.admin()
    topic = unique("kp-minbytes")
    create_topic(admin, topic, 1)
    producer = kc.producer()
    consumer = kc.consumer(fetch_min_bytes=10_000_000, fetch_max_wait_ms=300)
    tp = TopicPartition(topic, 0)
    consumer.assign([tp])
    consumer.seek_to_beginning(tp)
    produce(producer, topic, [(None, b"tiny-1"), (None, b"tiny-2")])
    # Far fewer bytes than fetch_min_bytes: the broker answers when max_wait passes.
    records = poll_records(consumer, 2, timeout=15)
    assert [r.value for r in records] == [b"tiny-1", b"tiny-2"]


def test_read_committed_consumer_and_offset_out_of_range(kc):
    admin = kc.admin()
    topic = unique("kp-rc")
    create_topic(admin, topic, 1)
    producer = kc.producer()
    produce(producer, topic, [(None, f"r{i}".encode()) for i in range(10)])
    tp = TopicPartition(topic, 0)

    # Without transactions the last stable offset is the high watermark.
    rc = kc.consumer(isolation_level="read_committed")
    rc.assign([tp])
    assert rc.end_offsets([tp]) == {tp: 10}
    rc.seek_to_beginning(tp)
    assert [r.offset for r in poll_records(rc, 10)] == list(range(10))

    # Fetching past the end is OFFSET_OUT_OF_RANGE: raised with no reset policy ...
    strict = kc.consumer(auto_offset_reset="none")
    strict.assign([tp])
    strict.seek(tp, 100)
    with pytest.raises(OffsetOutOfRangeError):
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            strict.poll(timeout_ms=200)
    # ... and reset to the end with auto_offset_reset=latest, after which new records arrive.
    latest = kc.consumer(auto_offset_reset="latest")
    latest.assign([tp])
    latest.seek(tp, 100)
    wait_until(lambda: latest.poll(timeout_ms=200) == {} and latest.position(tp) == 10, 15,
               "the position to be reset to the log end")
    produce(producer, topic, [(None, b"r10")])
    [r] = poll_records(latest, 1)
    assert (r.offset, r.value) == (10, b"r10")


def test_pattern_subscription_gets_matching_topics_only(kc):
    admin = kc.admin()
    prefix = unique("kp-pat")
    first, second, other = f"{prefix}-a", f"{prefix}-b", unique("kp-other")
    create_topic(admin, first, 1)
    create_topic(admin, second, 2)
    create_topic(admin, other, 1)
    producer = kc.producer()
    produce(producer, first, [(None, b"in-a")])
    produce(producer, second, [(None, b"in-b")], partition=1)
    produce(producer, other, [(None, b"not-matched")])
    # Topics exist before subscribing: a topic appearing later makes kafka-python rejoin on a
    # metadata change, which can hit the client race described in subscribe_with_metadata.
    consumer = kc.consumer(group_id=unique("kp-pat-g"), auto_offset_reset="earliest")
    consumer.subscribe(pattern=f"^{prefix}-.*")
    records = poll_records(consumer, 2)
    assert sorted((r.topic, r.partition, r.value) for r in records) == [(first, 0, b"in-a"), (second, 1, b"in-b")]
    assert {tp.topic for tp in consumer.assignment()} == {first, second}


# ---------------------------------------------------------------------------------------------
# 4. consumer groups: members split partitions, die, leave, pause and come back


def test_group_split_then_sigkilled_member_partitions_move_to_survivor(broker, kc, members):
    admin = kc.admin()
    topic = unique("kp-group")
    group = unique("kp-group-g")
    create_topic(admin, topic, 3)
    producer = kc.producer()
    before = [(f"key-{i}".encode(), f"before-{i}".encode()) for i in range(30)]
    produce(producer, topic, before)

    a = members(broker.bootstrap, topic, group)
    b = members(broker.bootstrap, topic, group)
    wait_for_members(split_between(a, b), 40, "two members to split the 3 partitions", broker, a, b)

    # The coordinator's view agrees: two members, disjoint assignments covering the topic.
    desc = wait_until(group_members(admin, group, 2), 20, "describe_groups to show a stable group of two")
    assert desc["protocol_type"] == "consumer"
    assigned = []
    for m in desc["members"]:
        for ta in m["member_assignment"]["assigned_partitions"]:
            assert ta["topic"] == topic
            assigned.extend(ta["partitions"])
    assert sorted(assigned) == [0, 1, 2]

    # Together they read everything produced before they joined.
    want_before = {v.decode() for _, v in before}
    wait_for_members(lambda: want_before <= (a.values() | b.values()), 30,
                     "the two members to read all records", broker, a, b)

    # SIGKILL b: no LeaveGroup; the coordinator must expire it after the session timeout.
    b.kill()
    wait_for_members(lambda: a.current_assignment() == [0, 1, 2], 45,
                     "the survivor to be assigned all 3 partitions", broker, a)
    desc = wait_until(group_members(admin, group, 1), 20, "describe_groups to show one member")
    [only] = desc["members"]
    assert sorted(only["member_assignment"]["assigned_partitions"][0]["partitions"]) == [0, 1, 2]

    # The survivor keeps receiving newly produced records on every partition.
    after = [(f"key-{i}".encode(), f"after-{i}".encode()) for i in range(30)]
    metas = produce(producer, topic, after)
    assert {m.partition for m in metas} == {0, 1, 2}
    want_after = {v.decode() for _, v in after}
    wait_for_members(lambda: want_after <= a.values(), 30, "the survivor to receive the new records", broker, a)
    assert a.proc.poll() is None, a.describe()
    assert not a.error_names(), a.describe()


def test_graceful_leave_rebalances_at_once_cooperative_sticky(broker, kc, members):
    """A member that closes sends LeaveGroup, so its partitions move without waiting for its
    (here long) session timeout; with cooperative-sticky the survivor keeps what it had."""
    admin = kc.admin()
    topic = unique("kp-coop")
    group = unique("kp-coop-g")
    create_topic(admin, topic, 3)
    cfg = dict(assignors=["cooperative-sticky"], session_timeout_ms=60000, heartbeat_interval_ms=1000)
    a = members(broker.bootstrap, topic, group, **cfg)
    b = members(broker.bootstrap, topic, group, **cfg)
    a_parts, _ = wait_for_members(split_between(a, b), 40, "two cooperative members to split", broker, a, b)
    desc = wait_until(group_members(admin, group, 2), 20, "a stable group of two")
    assert desc["protocol_data"] == "cooperative-sticky"
    seen_before = len(a.assignment_history())

    b.terminate()
    assert b.closed, b.describe()
    # Well inside the 60 s session timeout: only LeaveGroup can have removed b.
    wait_for_members(lambda: a.current_assignment() == [0, 1, 2], 25,
                     "the survivor to get all partitions after LeaveGroup", broker, a)
    wait_until(group_members(admin, group, 1), 10, "a stable group of one")
    # Cooperative rebalancing: the survivor was never without the partitions it already had.
    later = a.assignment_history()[seen_before - 1:]
    assert all(set(a_parts) <= set(x) for x in later), f"survivor's assignments {later}, had {a_parts}"
    producer = kc.producer()
    items = [(f"c{i}".encode(), f"coop-{i}".encode()) for i in range(30)]
    produce(producer, topic, items)
    want = {v.decode() for _, v in items}
    wait_for_members(lambda: want <= a.values(), 30, "the survivor to receive new records", broker, a)
    assert not a.error_names(), a.describe()


def test_paused_member_expires_then_rejoins(broker, kc, members):
    """A consumer process frozen (SIGSTOP) past its session timeout is removed from the group;
    when it resumes, its stale heartbeat is refused and it rejoins, and the partitions are
    split again without overlap."""
    admin = kc.admin()
    topic = unique("kp-pause")
    group = unique("kp-pause-g")
    create_topic(admin, topic, 3)
    a = members(broker.bootstrap, topic, group)
    b = members(broker.bootstrap, topic, group)
    wait_for_members(split_between(a, b), 40, "two members to split", broker, a, b)

    b.proc.send_signal(signal.SIGSTOP)
    try:
        wait_for_members(lambda: a.current_assignment() == [0, 1, 2], 45,
                         "the running member to take all partitions", broker, a)
        wait_until(group_members(admin, group, 1), 20, "the frozen member to be gone from the group")
    finally:
        b.proc.send_signal(signal.SIGCONT)
    wait_until(group_members(admin, group, 2), 40, "the resumed member to rejoin")
    wait_for_members(split_between(a, b), 40, "the two members to split again", broker, a, b)

    producer = kc.producer()
    items = [(f"k{i}".encode(), f"resumed-{i}".encode()) for i in range(30)]
    produce(producer, topic, items)
    want = {v.decode() for _, v in items}
    wait_for_members(lambda: want <= (a.values() | b.values()), 30, "the two members to read new records",
                     broker, a, b)
    assert not (want & a.values() & b.values()), "a record went to both members"


def test_static_member_restart_takes_over_its_identity(broker, kc, members):
    """A static member (group.instance.id) that is restarted rejoins as the same member: the
    group does not wait for the old incarnation's (long) session to expire."""
    admin = kc.admin()
    topic = unique("kp-static")
    group = unique("kp-static-g")
    create_topic(admin, topic, 3)
    cfg = dict(group_instance_id="static-a", session_timeout_ms=60000, heartbeat_interval_ms=1000)
    first = members(broker.bootstrap, topic, group, **cfg)
    wait_for_members(lambda: first.current_assignment() == [0, 1, 2], 30, "the static member's assignment",
                     broker, first)
    producer = kc.producer()
    produce(producer, topic, [(f"s{i}".encode(), f"one-{i}".encode()) for i in range(15)])
    wait_for_members(lambda: len(first.values()) == 15, 20, "the first incarnation to read", broker, first)

    first.kill()
    second = members(broker.bootstrap, topic, group, **cfg)
    wait_for_members(lambda: second.current_assignment() == [0, 1, 2], 25,
                     "the restarted static member to get its partitions back", broker, second)
    desc = wait_until(group_members(admin, group, 1), 10, "a stable group with one static member")
    assert [m["group_instance_id"] for m in desc["members"]] == ["static-a"]

    items = [(f"s{i}".encode(), f"two-{i}".encode()) for i in range(15)]
    produce(producer, topic, items)
    want = {v.decode() for _, v in items}
    wait_for_members(lambda: want <= second.values(), 30, "the restarted member to receive new records",
                     broker, second)
    assert not second.error_names(), second.describe()


def test_second_live_member_with_same_instance_id_fences_the_first(broker, kc, members):
    admin = kc.admin()
    topic = unique("kp-fence")
    group = unique("kp-fence-g")
    create_topic(admin, topic, 3)
    cfg = dict(group_instance_id="same-instance", session_timeout_ms=30000, heartbeat_interval_ms=500)
    first = members(broker.bootstrap, topic, group, **cfg)
    wait_for_members(lambda: first.current_assignment() == [0, 1, 2], 30, "the first member's assignment",
                     broker, first)
    second = members(broker.bootstrap, topic, group, **cfg)
    wait_for_members(lambda: second.current_assignment() == [0, 1, 2], 30,
                     "the newer member with the same group.instance.id to own the partitions", broker, second)
    wait_for_members(lambda: "FencedInstanceIdError" in first.error_names() or first.proc.poll() is not None, 20,
                     "the older member to be fenced (FencedInstanceIdError)", broker, first)
    desc = wait_until(group_members(admin, group, 1), 10, "one member in the group")
    assert [m["group_instance_id"] for m in desc["members"]] == ["same-instance"]

    producer = kc.producer()
    items = [(f"k{i}".encode(), f"fenced-{i}".encode()) for i in range(15)]
    produce(producer, topic, items)
    want = {v.decode() for _, v in items}
    wait_for_members(lambda: want <= second.values(), 30, "the newer member to receive records", broker, second)
    assert not (want & first.values()), "the fenced member must not receive records any more"


def test_group_protocol_is_one_all_members_support(broker, kc, members):
    admin = kc.admin()
    topic = unique("kp-proto")
    group = unique("kp-proto-g")
    create_topic(admin, topic, 3)
    a = members(broker.bootstrap, topic, group, assignors=["roundrobin", "range"])
    wait_for_members(lambda: a.current_assignment() == [0, 1, 2], 30, "the first member's assignment", broker, a)
    b = members(broker.bootstrap, topic, group, assignors=["range"])
    wait_for_members(split_between(a, b), 40, "two members to split", broker, a, b)
    desc = wait_until(group_members(admin, group, 2), 20, "a stable group of two")
    assert desc["protocol_data"] == "range"

    # A member that supports none of the group's protocols is refused and the group is unchanged.
    c = members(broker.bootstrap, topic, group, assignors=["sticky"])
    wait_for_members(lambda: "InconsistentGroupProtocolError" in c.error_names(), 30,
                     "the incompatible member to get InconsistentGroupProtocolError", broker, c)
    assert not c.current_assignment()
    desc = wait_until(group_members(admin, group, 2), 20, "the group to still have two members")
    assert desc["protocol_data"] == "range"


def test_commit_while_group_prepares_rebalance_is_accepted(broker, kc):
    """Kafka accepts an OffsetCommit from a current-generation member while the group is
    PreparingRebalance (only CompletingRebalance answers REBALANCE_IN_PROGRESS). Clients rely
    on it: kafka-python and the Java client commit consumed offsets before rejoining, and a
    refused commit means the records are delivered again after every rebalance."""
    admin = kc.admin()
    topic = unique("kp-prep")
    group = unique("kp-prep-g")
    create_topic(admin, topic, 3)
    producer = kc.producer()
    produce(producer, topic, [(f"k{i}".encode(), f"v{i}".encode()) for i in range(30)])

    a = kc.consumer(topic, group_id=group, auto_offset_reset="earliest",
                    session_timeout_ms=10000, heartbeat_interval_ms=500)
    records = poll_records(a, 30)
    positions = {TopicPartition(topic, p): OffsetAndMetadata(len(rs), "", -1)
                 for p, rs in by_partition(records).items()}
    assert len(positions) == 3

    # b's JoinGroup moves the group to PreparingRebalance; it stays there until a rejoins,
    # which a only does from its own poll().
    b = kc.consumer(topic, group_id=group, auto_offset_reset="earliest",
                    session_timeout_ms=10000, heartbeat_interval_ms=500)
    b.poll(timeout_ms=300)
    wait_until(lambda: admin.describe_groups([group])[group]["group_state"] == "PreparingRebalance", 10,
               "the group to be PreparingRebalance")

    try:
        a.commit(positions)
    except Exception as e:
        raise AssertionError(f"commit during PreparingRebalance refused: {e!r}\n{broker.log_tail()}") from None
    committed = admin.list_group_offsets(group)[group]
    assert {tp: om.offset for tp, om in committed.items()} == {tp: om.offset for tp, om in positions.items()}

    # The rebalance then completes with both members, and nothing is delivered twice.
    seen = []
    def both_assigned():
        for c in (a, b):
            for recs in c.poll(timeout_ms=100).values():
                seen.extend(recs)
        return a.assignment() and b.assignment() and len(a.assignment()) + len(b.assignment()) == 3
    wait_until(both_assigned, 30, "both consumers to be assigned after the rebalance", interval=0)
    assert seen == [], f"records delivered again after the rebalance: {summary(seen)}"


def test_group_consumer_carries_on_across_broker_restart(broker, kc):
    admin = kc.admin()
    topic = unique("kp-restart")
    group = unique("kp-restart-g")
    create_topic(admin, topic, 3)
    producer = kc.producer()
    produce(producer, topic, [(f"k{i}".encode(), f"old-{i}".encode()) for i in range(30)])
    consumer = kc.consumer(topic, group_id=group, auto_offset_reset="earliest",
                           session_timeout_ms=10000, heartbeat_interval_ms=1000)
    poll_records(consumer, 30)
    consumer.commit()

    broker.restart()

    items = [(f"k{i}".encode(), f"new-{i}".encode()) for i in range(30)]
    produce(producer, topic, items)
    got = []
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and not {v for _, v in items} <= {r.value for r in got}:
        for recs in consumer.poll(timeout_ms=200).values():
            got.extend(recs)
    values = [r.value for r in got]
    assert {v for _, v in items} <= set(values), f"after restart got {summary(got)}\n{broker.log_tail()}"
    assert not any(v.startswith(b"old-") for v in values), "committed records were delivered again"
    assert sorted(v for v in values) == sorted(v for _, v in items), "each new record exactly once"
    assert sorted(tp.partition for tp in consumer.assignment()) == [0, 1, 2]


def test_group_describe_list_and_delete(kc):
    admin = kc.admin()
    topic = unique("kp-describe")
    group = unique("kp-describe-g")
    create_topic(admin, topic, 3)
    producer = kc.producer()
    produce(producer, topic, [(f"k{i}".encode(), b"v") for i in range(9)])
    consumer = kc.consumer(topic, group_id=group, auto_offset_reset="earliest", client_id="kp-describer")
    poll_records(consumer, 9)
    consumer.commit()

    desc = admin.describe_groups([group])[group]
    assert desc["error"] is None
    assert desc["group_state"] == "Stable"
    assert desc["protocol_type"] == "consumer"
    assert desc["protocol_data"] in ("range", "roundrobin")
    [member] = desc["members"]
    assert member["client_id"] == "kp-describer"
    assert member["member_metadata"]["topics"] == [topic]
    [ta] = member["member_assignment"]["assigned_partitions"]
    assert (ta["topic"], sorted(ta["partitions"])) == (topic, [0, 1, 2])
    groups = {g["group_id"]: g for g in admin.list_groups()}
    assert groups[group]["protocol_type"] == "consumer"

    consumer.close(autocommit=False)  # sends LeaveGroup
    desc = wait_until(lambda: (lambda d: d if d["group_state"] == "Empty" else None)(
        admin.describe_groups([group])[group]), 10, "the group to become Empty after LeaveGroup")
    assert desc["members"] == []
    assert sum(om.offset for om in admin.list_group_offsets(group)[group].values()) == 9

    result = admin.delete_groups([group])
    assert result == {group: "OK"}
    assert group not in {g["group_id"] for g in admin.list_groups()}
    assert admin.list_group_offsets(group)[group] == {}


# ---------------------------------------------------------------------------------------------
# 5. a second group reads everything independently


def test_second_group_reads_everything_independently(kc):
    admin = kc.admin()
    topic = unique("kp-groups2")
    create_topic(admin, topic, 3)
    producer = kc.producer()
    items = [(f"k{i}".encode(), f"v{i}".encode()) for i in range(45)]
    produce(producer, topic, items)
    tps = [TopicPartition(topic, p) for p in range(3)]

    g1, g2 = unique("kp-first"), unique("kp-second")
    c1 = kc.consumer(topic, group_id=g1, auto_offset_reset="earliest")
    recs1 = poll_records(c1, len(items))
    assert sorted(r.value for r in recs1) == sorted(v for _, v in items)
    c1.commit()
    end = c1.end_offsets(tps)
    for tp in tps:
        assert c1.committed(tp) == end[tp]
    c1.close()

    c2 = kc.consumer(topic, group_id=g2, auto_offset_reset="earliest")
    recs2 = poll_records(c2, len(items))
    assert sorted(r.value for r in recs2) == sorted(v for _, v in items)
    check_partition_offsets(recs2)
    for p, recs in by_partition(recs2).items():
        assert recs[0].offset == 0
    c2.commit({TopicPartition(topic, 0): OffsetAndMetadata(1, "", -1)})

    offsets = admin.list_group_offsets([g1, g2])
    assert {tp: om.offset for tp, om in offsets[g1].items()} == end, "first group's offsets unaffected"
    assert {tp: om.offset for tp, om in offsets[g2].items()} == {TopicPartition(topic, 0): 1}
    listed = {g["group_id"] for g in admin.list_groups()}
    assert {g1, g2} <= listed


# ---------------------------------------------------------------------------------------------
# 6. committed offsets (with metadata) survive a broker restart


def test_commit_with_metadata_survives_restart(broker, kc):
    admin = kc.admin()
    topic = unique("kp-commit")
    group = unique("kp-commit-g")
    create_topic(admin, topic, 1)
    producer = kc.producer()
    produce(producer, topic, [(None, f"m{i}".encode()) for i in range(10)])
    tp = TopicPartition(topic, 0)

    consumer = kc.consumer(topic, group_id=group, auto_offset_reset="earliest")
    records = poll_records(consumer, 10)
    assert [r.offset for r in records] == list(range(10))
    assert consumer.committed(tp) is None, "nothing committed yet"
    assert consumer.highwater(tp) == 10
    consumer.commit({tp: OffsetAndMetadata(4, "my-meta", -1)})
    assert consumer.committed(tp) == 4
    committed = consumer.committed(tp, metadata=True)
    assert (committed.offset, committed.metadata) == (4, "my-meta")
    om = admin.list_group_offsets(group)[group][tp]
    assert (om.offset, om.metadata) == (4, "my-meta")
    consumer.close(autocommit=False)
    admin.close()

    broker.restart()

    admin = kc.admin()
    om = wait_until(lambda: admin.list_group_offsets(group)[group].get(tp), 20,
                    "committed offset to be readable after restart")
    assert (om.offset, om.metadata) == (4, "my-meta")
    # The group itself is known again: empty, with its offsets.
    desc = admin.describe_groups([group])[group]
    assert (desc["group_state"], desc["members"]) == ("Empty", [])
    assert group in {g["group_id"] for g in admin.list_groups()}

    resumed = kc.consumer(topic, group_id=group, auto_offset_reset="earliest")
    records = poll_records(resumed, 6)
    assert [r.offset for r in records] == [4, 5, 6, 7, 8, 9]
    assert [r.value for r in records] == [f"m{i}".encode() for i in range(4, 10)]
    assert resumed.committed(tp, metadata=True).metadata == "my-meta"

    # The log itself survived too.
    assert resumed.end_offsets([tp]) == {tp: 10}


def test_admin_group_offset_management(kc):
    admin = kc.admin()
    topic = unique("kp-offadmin")
    group = unique("kp-offadmin-g")
    create_topic(admin, topic, 2)
    producer = kc.producer()
    produce(producer, topic, [(None, f"v{i}".encode()) for i in range(10)], partition=0)
    tp0, tp1 = TopicPartition(topic, 0), TopicPartition(topic, 1)

    # An unused group can have offsets set, reset and deleted by an admin.
    result = admin.alter_group_offsets(group, {tp0: OffsetAndMetadata(7, "set-by-admin", -1),
                                               tp1: OffsetAndMetadata(0, "", -1)})
    assert all(err.errno == 0 for err in result.values()), result
    offsets = admin.list_group_offsets(group)[group]
    assert (offsets[tp0].offset, offsets[tp0].metadata) == (7, "set-by-admin")
    reset = admin.reset_group_offsets(group, {tp0: OffsetSpec.EARLIEST})
    assert reset[tp0]["offset"] == 0
    assert admin.list_group_offsets(group)[group][tp0].offset == 0
    admin.reset_group_offsets(group, {tp0: 4})

    # A consumer in that group starts where the admin put it.
    consumer = kc.consumer(topic, group_id=group)
    records = poll_records(consumer, 6)
    assert [(r.partition, r.offset) for r in records] == [(0, o) for o in range(4, 10)]
    consumer.commit()

    # A group with members cannot be deleted.
    assert admin.delete_groups([group]) == {group: "NonEmptyGroupError"}
    consumer.close(autocommit=False)
    wait_until(lambda: admin.describe_groups([group])[group]["group_state"] == "Empty", 10, "an empty group")

    admin.delete_group_offsets(group, [tp1])
    assert set(admin.list_group_offsets(group)[group]) == {tp0}
    assert admin.delete_groups([group]) == {group: "OK"}
    assert admin.delete_groups([group]) == {group: "GroupIdNotFoundError"}

    # Offset metadata is limited by offset.metadata.max.bytes (4096).
    committer = kc.consumer(group_id=unique("kp-bigmeta"))
    committer.assign([tp0])
    with pytest.raises(OffsetMetadataTooLargeError):
        committer.commit({tp0: OffsetAndMetadata(1, "m" * 5000, -1)})


# ---------------------------------------------------------------------------------------------
# 7. seek / offsets / timestamps


def test_seek_and_offset_lookups(kc):
    admin = kc.admin()
    topic = unique("kp-seek")
    create_topic(admin, topic, 1)
    tp = TopicPartition(topic, 0)
    # Explicit CreateTime timestamps one second apart. Relative to now rather than in 2001 so
    # that time-based retention (7 days by default) never applies to them.
    base = (int(time.time() * 1000) // 1000 - 3600) * 1000
    # linger so that the records share batches: lookups must find the record inside a batch.
    producer = kc.producer(linger_ms=100)
    futures = [producer.send(topic, value=f"t{i}".encode(), timestamp_ms=base + i * 1000) for i in range(10)]
    producer.flush(timeout=15)
    metas = [f.get(timeout=15) for f in futures]
    assert [m.offset for m in metas] == list(range(10))
    assert [m.timestamp for m in metas] == [base + i * 1000 for i in range(10)]

    consumer = kc.consumer()
    consumer.assign([tp])
    assert consumer.beginning_offsets([tp]) == {tp: 0}
    assert consumer.end_offsets([tp]) == {tp: 10}

    consumer.seek(tp, 6)
    assert consumer.position(tp) == 6
    records = poll_records(consumer, 4)
    assert [r.offset for r in records] == [6, 7, 8, 9]
    assert [r.timestamp for r in records] == [base + i * 1000 for i in range(6, 10)]
    assert all(r.timestamp_type == 0 for r in records), "CreateTime"

    consumer.seek_to_beginning(tp)
    assert consumer.position(tp) == 0
    records = poll_records(consumer, 10)
    assert [r.offset for r in records] == list(range(10))
    assert [r.value for r in records] == [f"t{i}".encode() for i in range(10)]

    consumer.seek_to_end(tp)
    assert consumer.position(tp) == 10
    assert not any(consumer.poll(timeout_ms=500).values()), "nothing after seek_to_end"
    producer.send(topic, value=b"t10", timestamp_ms=base + 10_000).get(timeout=15)
    records = poll_records(consumer, 1)
    assert [(r.offset, r.value) for r in records] == [(10, b"t10")]

    found = consumer.offsets_for_times({tp: base + 3000})[tp]
    assert (found.offset, found.timestamp) == (3, base + 3000)
    found = consumer.offsets_for_times({tp: base + 3500})[tp]
    assert (found.offset, found.timestamp) == (4, base + 4000), "first record at or after the time"
    found = consumer.offsets_for_times({tp: base - 60_000})[tp]
    assert (found.offset, found.timestamp) == (0, base)
    assert consumer.offsets_for_times({tp: base + 60_000}) == {tp: None}, "after the last record"
    # Looking offsets up does not move the consumer.
    assert consumer.position(tp) == 11


def test_timestamps_log_append_time_max_timestamp_and_invalid(kc):
    admin = kc.admin()
    create_time, append_time = unique("kp-ct"), unique("kp-lat")
    create_topic(admin, create_time, 1)
    create_topic(admin, append_time, 1, configs={"message.timestamp.type": "LogAppendTime"})
    producer = kc.producer(enable_idempotence=False, acks=1, retries=0)
    now = int(time.time() * 1000)

    # LogAppendTime: the broker's clock replaces the producer's timestamp.
    before = int(time.time() * 1000)
    meta = producer.send(append_time, value=b"x", timestamp_ms=now - 86_400_000).get(timeout=15)
    after = int(time.time() * 1000)
    assert before - 5000 <= meta.timestamp <= after + 5000, (meta.timestamp, before, after)
    consumer = kc.consumer()
    tp_lat = TopicPartition(append_time, 0)
    consumer.assign([tp_lat])
    consumer.seek_to_beginning(tp_lat)
    [r] = poll_records(consumer, 1)
    assert (r.timestamp_type, r.timestamp) == (1, meta.timestamp)

    # MAX_TIMESTAMP (KIP-734) finds the record with the largest timestamp, not the last one.
    tp = TopicPartition(create_time, 0)
    for i, ts in enumerate([now - 60_000, now - 10_000, now - 50_000]):
        assert producer.send(create_time, value=f"r{i}".encode(), timestamp_ms=ts).get(timeout=15).offset == i
    found = admin.list_partition_offsets({tp: OffsetSpec.MAX_TIMESTAMP})[tp]
    assert (found.offset, found.timestamp) == (1, now - 10_000)
    assert admin.list_partition_offsets({tp: OffsetSpec.EARLIEST})[tp].offset == 0
    assert admin.list_partition_offsets({tp: OffsetSpec.LATEST})[tp].offset == 3

    # A timestamp too far in the future (message.timestamp.after.max.ms = 1 h) is refused,
    # and nothing of it is appended.
    with pytest.raises(InvalidTimestampError):
        producer.send(create_time, value=b"future", timestamp_ms=now + 2 * 3_600_000).get(timeout=15)
    assert producer.send(create_time, value=b"next").get(timeout=15).offset == 3


def test_delete_records_moves_the_beginning_offset(kc):
    admin = kc.admin()
    topic = unique("kp-delrec")
    create_topic(admin, topic, 1)
    producer = kc.producer()
    produce(producer, topic, [(None, f"d{i}".encode()) for i in range(10)])
    tp = TopicPartition(topic, 0)
    result = admin.delete_records({tp: 4})
    assert result[tp]["low_watermark"] == 4

    consumer = kc.consumer()
    consumer.assign([tp])
    assert consumer.beginning_offsets([tp]) == {tp: 4}
    assert consumer.end_offsets([tp]) == {tp: 10}
    consumer.seek_to_beginning(tp)
    records = poll_records(consumer, 6)
    assert [r.offset for r in records] == [4, 5, 6, 7, 8, 9]
    # A position below the log start offset is out of range; with auto_offset_reset=earliest
    # the consumer moves to the log start offset.
    c2 = kc.consumer(auto_offset_reset="earliest")
    c2.assign([tp])
    c2.seek(tp, 1)
    records = poll_records(c2, 6)
    assert [r.offset for r in records] == [4, 5, 6, 7, 8, 9]


# ---------------------------------------------------------------------------------------------
# 8. producer guarantees and refusals


def test_idempotent_producer_exactly_once_across_broker_restart(broker, kc):
    admin = kc.admin()
    topic = unique("kp-idem")
    create_topic(admin, topic, 1)
    producer = kc.producer(enable_idempotence=True, acks="all")
    first = produce(producer, topic, [(None, f"i{i}".encode()) for i in range(50)])
    assert [m.offset for m in first] == list(range(50))

    # The producer keeps its producer id and sequence numbers across the broker restart;
    # the broker must accept the next sequence (no OutOfOrderSequence / UnknownProducerId).
    broker.restart()
    second = produce(producer, topic, [(None, f"i{i}".encode()) for i in range(50, 80)])
    assert [m.offset for m in second] == list(range(50, 80))

    consumer = kc.consumer()
    tp = TopicPartition(topic, 0)
    consumer.assign([tp])
    consumer.seek_to_beginning(tp)
    records = poll_records(consumer, 80)
    assert [r.offset for r in records] == list(range(80))
    assert [r.value for r in records] == [f"i{i}".encode() for i in range(80)]


def test_non_idempotent_producer_acks_1_and_acks_0(kc):
    admin = kc.admin()
    topic = unique("kp-acks")
    create_topic(admin, topic, 1)
    p1 = kc.producer(enable_idempotence=False, acks=1)
    metas = produce(p1, topic, [(None, f"a{i}".encode()) for i in range(10)])
    assert [m.offset for m in metas] == list(range(10))
    p0 = kc.producer(enable_idempotence=False, acks=0)
    produce(p0, topic, [(None, f"z{i}".encode()) for i in range(10)])

    consumer = kc.consumer()
    tp = TopicPartition(topic, 0)
    consumer.assign([tp])
    consumer.seek_to_beginning(tp)
    records = poll_records(consumer, 20)
    assert [r.value for r in records] == [f"a{i}".encode() for i in range(10)] + [f"z{i}".encode() for i in range(10)]
    assert [r.offset for r in records] == list(range(20))


def test_acknowledged_records_and_commits_survive_broker_sigkill(broker, kc):
    admin = kc.admin()
    topic = unique("kp-crash")
    group = unique("kp-crash-g")
    create_topic(admin, topic, 3)
    producer = kc.producer(acks="all")
    items = [(f"k{i}".encode(), f"crash-{i}".encode()) for i in range(150)]
    metas = produce(producer, topic, items)
    tps = [TopicPartition(topic, p) for p in range(3)]
    consumer = kc.consumer(topic, group_id=group, auto_offset_reset="earliest")
    poll_records(consumer, 150)
    commits = {tp: OffsetAndMetadata(5 + tp.partition, f"meta-{tp.partition}", -1) for tp in tps}
    consumer.commit(commits)
    consumer.close(autocommit=False)

    broker.kill()
    broker.start()

    # Every acknowledged record is there, at the offset its ack reported.
    reader = kc.consumer()
    reader.assign(tps)
    assert reader.end_offsets(tps) == {tp: sum(1 for m in metas if m.partition == tp.partition) for tp in tps}
    reader.seek_to_beginning()
    records = poll_records(reader, 150)
    assert {(r.partition, r.offset): r.value for r in records} == {
        (m.partition, m.offset): v for (_, v), m in zip(items, metas)}

    offsets = wait_until(lambda: admin.list_group_offsets(group)[group], 20, "committed offsets after SIGKILL")
    assert {tp: (om.offset, om.metadata) for tp, om in offsets.items()} == {
        tp: (om.offset, om.metadata) for tp, om in commits.items()}

    # The producer carries on (same producer id and sequences) with consecutive offsets.
    more = produce(producer, topic, [(b"k0", b"after-crash")])
    before = [m.offset for m in metas if m.partition == more[0].partition]
    assert more[0].offset == max(before) + 1


def test_record_larger_than_topic_max_message_bytes_is_rejected(kc):
    admin = kc.admin()
    topic = unique("kp-toolarge")
    create_topic(admin, topic, 1, configs={"max.message.bytes": "2000"})
    producer = kc.producer(enable_idempotence=False, acks=1, retries=0)
    with pytest.raises(MessageSizeTooLargeError):
        producer.send(topic, value=b"y" * 10_000).get(timeout=15)
    # Small records still go through, starting at offset 0 (nothing of the big one was kept).
    meta = producer.send(topic, value=b"small").get(timeout=15)
    assert meta.offset == 0


def test_min_insync_replicas_refuses_acks_all(kc):
    admin = kc.admin()
    topic = unique("kp-minisr")
    create_topic(admin, topic, 1, configs={"min.insync.replicas": "2"})
    strict = kc.producer(enable_idempotence=False, acks="all", retries=0)
    with pytest.raises(NotEnoughReplicasError):
        strict.send(topic, value=b"needs-two").get(timeout=15)
    loose = kc.producer(enable_idempotence=False, acks=1)
    assert loose.send(topic, value=b"one-is-enough").get(timeout=15).offset == 0


# ---------------------------------------------------------------------------------------------
# 9. the log underneath: segments, compaction, retention


def test_reads_and_lookups_across_many_segments_survive_restart(broker, kc):
    admin = kc.admin()
    topic = unique("kp-segments")
    create_topic(admin, topic, 1, configs={"segment.bytes": "4096"})
    producer = kc.producer(linger_ms=20, batch_size=2048)
    base = (int(time.time() * 1000) // 1000 - 1800) * 1000
    futures = [producer.send(topic, key=f"k{i}".encode(), value=f"value-{i:04d}-{'x' * 60}".encode(),
                             timestamp_ms=base + i * 10) for i in range(600)]
    producer.flush(timeout=30)
    assert [f.get(timeout=15).offset for f in futures] == list(range(600))
    tp = TopicPartition(topic, 0)

    def check(consumer):
        consumer.assign([tp])
        assert consumer.beginning_offsets([tp]) == {tp: 0}
        assert consumer.end_offsets([tp]) == {tp: 600}
        consumer.seek_to_beginning(tp)
        records = poll_records(consumer, 600, timeout=30)
        assert [r.offset for r in records] == list(range(600))
        assert [r.value for r in records] == [f"value-{i:04d}-{'x' * 60}".encode() for i in range(600)]
        for target in (1, 137, 333, 599):
            consumer.seek(tp, target)
            first = poll_records(consumer, 1, settle=0)[0]
            assert first.offset == target
            found = consumer.offsets_for_times({tp: base + target * 10 - 5})[tp]
            assert (found.offset, found.timestamp) == (target, base + target * 10)

    check(kc.consumer(max_partition_fetch_bytes=1000))
    segments = [p for p in broker.data_dir.rglob("*.log") if topic in str(p.parent)]
    assert len(segments) > 5, f"expected many segments, found {len(segments)}"

    broker.restart()
    check(kc.consumer())
    broker.kill()
    broker.start()
    check(kc.consumer())


def test_compaction_keeps_latest_value_per_key(broker_factory):
    broker = broker_factory({"log.cleaner.backoff.ms": "200"})
    kc = Clients(broker)
    try:
        admin = kc.admin()
        topic = unique("kp-compact")
        create_topic(admin, topic, 1, configs={"cleanup.policy": "compact", "segment.bytes": "2048",
                                               "min.cleanable.dirty.ratio": "0.01",
                                               "min.compaction.lag.ms": "0"})
        producer = kc.producer(linger_ms=0)
        pad = "." * 80
        latest = {}
        for rnd in range(20):
            for k in range(5):
                key = f"key-{k}".encode()
                meta = producer.send(topic, key=key, value=f"{k}-{rnd}{pad}".encode()).get(timeout=15)
                latest[key] = (meta.offset, f"{k}-{rnd}{pad}".encode())
        # Push the latest versions out of the active segment, which is never compacted.
        for i in range(40):
            producer.send(topic, key=b"filler", value=f"filler-{i}{pad}".encode()).get(timeout=15)
        tp = TopicPartition(topic, 0)
        consumer = kc.consumer()
        consumer.assign([tp])
        end = consumer.end_offsets([tp])[tp]
        assert end == 140

        def compacted():
            consumer.seek_to_beginning(tp)
            got = []
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                for recs in consumer.poll(timeout_ms=200).values():
                    got.extend(recs)
                if got and got[-1].offset == end - 1:
                    break
            keyed = [r for r in got if r.key != b"filler"]
            return keyed if len(keyed) == len(latest) else None

        keyed = wait_until(compacted, 60, "compaction to leave one record per key", interval=0.5)
        assert {r.key: (r.offset, r.value) for r in keyed} == latest, "the latest value of each key, at its offset"
        offsets = [r.offset for r in keyed]
        assert offsets == sorted(offsets)
        assert consumer.end_offsets([tp])[tp] == end, "compaction does not change the log end"
        assert producer.send(topic, key=b"key-0", value=b"new").get(timeout=15).offset == end
    finally:
        kc.close_all()


def test_time_retention_deletes_old_segments(broker_factory):
    broker = broker_factory({"log.retention.check.interval.ms": "200"})
    kc = Clients(broker)
    try:
        admin = kc.admin()
        topic = unique("kp-retention")
        create_topic(admin, topic, 1, configs={"retention.ms": "2000", "segment.bytes": "1024"})
        producer = kc.producer()
        produce(producer, topic, [(None, f"old-{i}{'.' * 60}".encode()) for i in range(50)])
        tp = TopicPartition(topic, 0)
        consumer = kc.consumer(auto_offset_reset="earliest")
        consumer.assign([tp])
        start = wait_until(lambda: consumer.beginning_offsets([tp])[tp], 30, "retention to advance the log start")
        assert 0 < start <= 50
        assert consumer.end_offsets([tp])[tp] == 50, "retention does not change the log end"
        meta = producer.send(topic, value=b"fresh").get(timeout=15)
        assert meta.offset == 50
        # Reading from offset 0 is out of range now and resets to the log start.
        consumer.seek(tp, 0)
        records = poll_records(consumer, 1)
        offsets = [r.offset for r in records]
        assert offsets[0] >= start and offsets == list(range(offsets[0], 51)), offsets
        assert records[-1].value == b"fresh"
    finally:
        kc.close_all()


# ---------------------------------------------------------------------------------------------
# 10. clients pinned to older protocol versions


@pytest.mark.parametrize("api_version", [(0, 11), (1, 0), (2, 0), (2, 5)], ids=lambda v: ".".join(map(str, v)))
def test_clients_pinned_to_older_protocol_versions(kc, api_version):
    """Applications often pin api_version; kafka-python then speaks older (non-flexible)
    request versions: Produce v3-v7, Fetch v4-v11, JoinGroup v2-v5, OffsetCommit v3-v7 ..."""
    admin = kc.admin(api_version=api_version)
    topic = unique("kp-pinned")
    group = unique("kp-pinned-g")
    admin.create_topics({topic: {"num_partitions": 2, "replication_factor": 1}})
    wait_until(lambda: topic in admin.list_topics(), 10, "the topic in list_topics")
    producer = kc.producer(api_version=api_version, enable_idempotence=False, acks=1)
    base = (int(time.time() * 1000) // 1000 - 600) * 1000
    metas = [producer.send(topic, key=f"k{i}".encode(), value=f"v{i}".encode(), partition=0,
                           timestamp_ms=base + i * 1000) for i in range(5)]
    producer.flush(timeout=15)
    assert [m.get(timeout=15).offset for m in metas] == list(range(5))

    consumer = kc.consumer(topic, api_version=api_version, group_id=group, auto_offset_reset="earliest",
                           session_timeout_ms=6000, heartbeat_interval_ms=1000)
    records = poll_records(consumer, 5)
    assert [(r.partition, r.offset, r.key, r.value, r.timestamp) for r in records] == [
        (0, i, f"k{i}".encode(), f"v{i}".encode(), base + i * 1000) for i in range(5)]
    tp = TopicPartition(topic, 0)
    consumer.commit({tp: OffsetAndMetadata(3, "pinned", -1)})
    committed = consumer.committed(tp, metadata=True)
    assert (committed.offset, committed.metadata) == (3, "pinned")
    assert consumer.end_offsets([tp]) == {tp: 5}
    assert consumer.beginning_offsets([tp]) == {tp: 0}
    found = consumer.offsets_for_times({tp: base + 2500})[tp]
    assert (found.offset, found.timestamp) == (3, base + 3000)
    desc = admin.describe_groups([group])[group]
    assert desc["group_state"] == "Stable" and len(desc["members"]) == 1
    assert {g["group_id"] for g in admin.list_groups()} >= {group}
