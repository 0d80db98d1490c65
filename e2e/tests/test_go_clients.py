"""End-to-end tests with the Go clients franz-go (kgo + kadm), IBM/sarama and segmentio/kafka-go:
small programs in e2e/clients/go (built into target/clients by e2e/clients/build.sh) that
create a topic, produce keyed records (idempotent, acks=all where the library has it), consume
them in a consumer group, commit, read the committed offsets back, use the library's admin
calls, and print a JSON summary that these tests check. Records one client wrote are read
back with confluent-kafka (librdkafka) and with another Go client; franz-go also runs against
a 3-broker cluster with replication factor 3.

The helpers here (run_program, check_round_trip, ...) are shared with test_kafkajs.py."""

import json
import struct
import subprocess
import time

import pytest
from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic
from kafka.partitioner.default import murmur2

from cluster import cluster_factory  # noqa: F401 - pytest fixture
from conftest import REPO, unique

CLIENTS = REPO / "target" / "clients"
BUILD_HINT = "run e2e/clients/build.sh (e2e/run-all.sh does) to build the Go and Node clients"
GO_CLIENTS = ["franz", "sarama", "kafkago"]
# What each program reports as its "client" name (also the value prefix and header it writes).
CLIENT_NAME = {"franz": "franz-go", "sarama": "sarama", "kafkago": "kafka-go", "kafkajs": "kafkajs"}
HEADER_KEY = "produced-by"
COUNT = 300
PARTITIONS = 3
RUN_TIMEOUT = 50  # s: each program bounds its whole run by this (its --timeout)
WAIT = 30  # s: bound for the confluent-kafka reads and writes in this file


# ----------------------------------------------------------------------------- the programs

def go_command(name: str) -> list[str]:
    path = CLIENTS / name
    if not path.exists():
        pytest.fail(f"{path} is missing: {BUILD_HINT}")
    return [str(path)]


def run_program(cmd: list[str], what: str, logs=None, timeout: float = RUN_TIMEOUT) -> dict:
    """Runs a client program; returns its JSON summary (the last stdout line). Fails with the
    program's error, its stderr tail and the broker log tail (`logs()`) if it failed."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout + 15)
    except subprocess.TimeoutExpired as e:
        raise AssertionError(f"{what} did not exit within {timeout + 15}s (its own bound is {timeout}s)\n"
                             f"stderr: {(e.stderr or b'')[-3000:]!r}\n{logs() if logs else ''}") from None
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    summary = None
    if lines:
        try:
            summary = json.loads(lines[-1])
        except json.JSONDecodeError:
            pass
    if p.returncode != 0 or summary is None or summary.get("error"):
        err = (summary or {}).get("error", "(no summary)")
        steps = [s["name"] for s in (summary or {}).get("steps", [])]
        raise AssertionError(f"{what} failed (exit {p.returncode}): {err}\nsteps done: {steps}\n"
                             f"--- stderr tail ---\n{p.stderr[-4000:]}\n{logs() if logs else ''}")
    return summary


def go_flags(bootstrap: str, topic: str, group: str, count: int = COUNT, partitions: int = PARTITIONS,
             replication: int = 1, create: bool = True, produce: bool = True, consume: bool = True,
             delete: bool = False, compression: str = "") -> list[str]:
    return ["-bootstrap", bootstrap, "-topic", topic, "-group", group, "-count", str(count),
            "-partitions", str(partitions), "-replication", str(replication), "-timeout", f"{RUN_TIMEOUT}s",
            "-compression", compression, f"-create={str(create).lower()}", f"-produce={str(produce).lower()}",
            f"-consume={str(consume).lower()}", f"-delete={str(delete).lower()}"]


def run_go(name: str, broker_or_bootstrap, topic: str, group: str, logs=None, **kw) -> dict:
    bootstrap = broker_or_bootstrap if isinstance(broker_or_bootstrap, str) else broker_or_bootstrap.bootstrap
    if logs is None and not isinstance(broker_or_bootstrap, str):
        logs = lambda: f"--- broker log tail ---\n{broker_or_bootstrap.log_tail(30)}"  # noqa: E731
    return run_program(go_command(name) + go_flags(bootstrap, topic, group, **kw), f"{name} ({topic})", logs)


# ----------------------------------------------------------------------------- checks

def key(i: int) -> str:
    return f"key-{i:05d}"


def value(client: str, topic: str, i: int) -> str:
    return f"{client}|{topic}|value-{i:05d}"


def ints(d: dict) -> dict:
    """A JSON object keyed by partition numbers (strings) as {int: value}."""
    return {int(k): v for k, v in d.items()}


def murmur2_partition(k: str, partitions: int) -> int:
    """The Java client's default partition for a key (franz-go, kafka-go's Murmur2Balancer and
    kafkajs pick the same)."""
    return (murmur2(k.encode()) & 0x7FFFFFFF) % partitions


def fnv1a_partition(k: str, partitions: int) -> int:
    """sarama's default HashPartitioner: FNV-1a 32 as int32, remainder, absolute value."""
    h = 0x811C9DC5
    for b in k.encode():
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    signed = h - (1 << 32) if h >= 1 << 31 else h
    return abs(signed) % partitions


PARTITIONER = {"franz-go": murmur2_partition, "kafka-go": murmur2_partition, "kafkajs": murmur2_partition,
               "sarama": fnv1a_partition}


def positions(records) -> list[tuple]:
    return sorted((r["partition"], r["offset"], r["key"], r["value"]) for r in records)


def check_produced(s: dict, producer: str, topic: str, count: int, partitions: int) -> dict[int, int]:
    """The program acknowledged every record once, at consecutive offsets from 0 in each
    partition (a fresh topic), each key in the partition its library's partitioner picks.
    Returns the records per partition."""
    assert s["produced"] == count, f"produced {s['produced']} of {count}"
    recs = s["produced_records"]
    assert len(recs) == count
    assert sorted((r["key"], r["value"]) for r in recs) == sorted((key(i), value(producer, topic, i)) for i in range(count))
    per = {p: sorted(r["offset"] for r in recs if r["partition"] == p) for p in range(partitions)}
    assert set(r["partition"] for r in recs) <= set(range(partitions)), "records in partitions the topic lacks"
    for p, offs in per.items():
        assert offs == list(range(len(offs))), f"partition {p}: offsets {offs[:10]}... are not 0..{len(offs) - 1}"
    pick = PARTITIONER[producer]
    wrong = [(r["key"], r["partition"], pick(r["key"], partitions)) for r in recs
             if r["partition"] != pick(r["key"], partitions)]
    assert not wrong, f"keys not in their partitioner's partition (key, got, expected): {wrong[:5]}"
    counts = {p: len(offs) for p, offs in per.items()}
    assert ints(s["produced_per_partition"]) == {p: n for p, n in counts.items() if n}
    return counts


def check_consumed(s: dict, expected_records: list[tuple], header: str | None) -> None:
    """Every expected (partition, offset, key, value) was consumed exactly once, nothing else."""
    got = positions(s["consumed_records"])
    dupes = sorted({g for g in got if got.count(g) > 1})
    assert not dupes, f"consumed more than once: {dupes[:5]}"
    missing = sorted(set(expected_records) - set(got))
    extra = sorted(set(got) - set(expected_records))
    assert not missing and not extra, f"missing {len(missing)} e.g. {missing[:3]}; unexpected {len(extra)} e.g. {extra[:3]}"
    assert s["consumed"] == len(expected_records)
    if header is not None:
        bad = [r for r in s["consumed_records"] if r.get("header") != header]
        assert not bad, f"records without header {HEADER_KEY}={header}: {bad[:3]}"
    per: dict[int, int] = {}
    for p, *_ in expected_records:
        per[p] = per.get(p, 0) + 1
    assert ints(s["consumed_per_partition"]) == per


def check_offsets(s: dict, per_partition: dict[int, int]) -> None:
    """Committed offsets read back == end offsets == records in each partition."""
    assert ints(s["end_offsets"]) == per_partition, s["end_offsets"]
    assert ints(s["committed_offsets"]) == per_partition, s["committed_offsets"]


def check_admin(s: dict, topic: str, group: str, partitions: int, replication: int) -> None:
    a = s["admin"]
    assert topic in a["list_topics"], a["list_topics"]
    tp = ints(a["topic_partitions"])
    assert sorted(tp) == list(range(partitions)), tp
    for p, d in tp.items():
        assert d["leader"] >= 0 and len(d["replicas"]) == replication and sorted(d["isr"]) == sorted(d["replicas"]), (p, d)
        assert d["leader"] in d["replicas"], (p, d)
    g = a["describe_group"]
    assert (g["group"], g["state"], g["members"]) == (group, "Stable", 1), g
    assert g["assigned"] == {topic: list(range(partitions))}, g
    if "protocol_type" in g:
        assert g["protocol_type"] == "consumer", g
    assert group in a["list_groups"], a["list_groups"]


def check_round_trip(s: dict, topic: str, group: str, count: int = COUNT, partitions: int = PARTITIONS,
                     replication: int = 1) -> dict[int, int]:
    """The whole summary of a program that created, produced, consumed and committed."""
    client = s["client"]
    assert s["created"] is True
    assert s["admin"]["create_topic"] == {"partitions": partitions, "replication_factor": replication}
    per = check_produced(s, client, topic, count, partitions)
    check_consumed(s, positions(s["produced_records"]), header=client)
    check_offsets(s, {p: n for p, n in per.items()})
    check_admin(s, topic, group, partitions, replication)
    return per


# ----------------------------------------------------------------------------- confluent-kafka

def confluent_read(bootstrap: str, topic: str, partitions: int, timeout: float = WAIT) -> list[dict]:
    """Every record of the topic (assign from offset 0 to the end of each partition) with its
    key, value and produced-by header."""
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": unique("reader"), "enable.auto.commit": False,
                  "auto.offset.reset": "earliest", "enable.partition.eof": True, "log_level": 2})
    try:
        c.assign([TopicPartition(topic, p, 0) for p in range(partitions)])
        out, eof = [], set()
        deadline = time.time() + timeout
        while len(eof) < partitions and time.time() < deadline:
            for m in c.consume(1000, 0.5):
                if m.error():
                    if m.error().code() == KafkaError._PARTITION_EOF:
                        eof.add(m.partition())
                        continue
                    raise AssertionError(f"confluent-kafka reading {topic}: {m.error()}")
                eof.discard(m.partition())
                headers = dict(m.headers() or [])
                out.append({"partition": m.partition(), "offset": m.offset(), "key": m.key().decode(),
                            "value": m.value().decode(),
                            "header": headers[HEADER_KEY].decode() if HEADER_KEY in headers else None})
        assert len(eof) == partitions, f"confluent-kafka did not reach the end of {topic} within {timeout}s"
        return out
    finally:
        c.close()


def confluent_committed(bootstrap: str, group: str, topic: str, partitions: int) -> dict[int, int]:
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False, "log_level": 2})
    try:
        got = c.committed([TopicPartition(topic, p) for p in range(partitions)], timeout=WAIT)
        assert all(tp.error is None for tp in got), got
        return {tp.partition: tp.offset for tp in got}
    finally:
        c.close()


CODECS = {0: "none", 1: "gzip", 2: "snappy", 3: "lz4", 4: "zstd"}


def stored_batches(broker, topic: str, partitions: int) -> set[tuple[int, int, str]]:
    """(producer id, producer epoch, codec) of every record batch of the topic, read from the
    broker's segment files (Kafka's layout, log.dirs/<topic>-<partition>/<base offset>.log,
    batches stored as the producer sent them): producer id -1 where it was not idempotent."""
    found = set()
    for p in range(partitions):
        for seg in sorted((broker.data_dir / "data" / f"{topic}-{p}").glob("*.log")):
            data, pos = seg.read_bytes(), 0
            while pos + 61 <= len(data):
                (length,) = struct.unpack_from(">i", data, pos + 8)
                if length <= 0:
                    break
                (attributes,) = struct.unpack_from(">h", data, pos + 21)
                pid, epoch = struct.unpack_from(">qh", data, pos + 43)
                found.add((pid, epoch, CODECS.get(attributes & 7, f"codec {attributes & 7}")))
                pos += 12 + length
    assert found, f"no record batches found for {topic} under {broker.data_dir}"
    return found


def check_stored(broker, topic: str, idempotent: bool, codec: str, partitions: int = PARTITIONS) -> None:
    """The topic's batches are compressed with `codec` and, if `idempotent`, all carry one
    producer id (from InitProducerId); otherwise none does."""
    batches = stored_batches(broker, topic, partitions)
    assert {c for _, _, c in batches} == {codec}, f"codecs of the stored batches: {batches}"
    pids = {(pid, epoch) for pid, epoch, _ in batches}
    if idempotent:
        assert len(pids) == 1 and next(iter(pids))[0] >= 0, f"producer ids of the stored batches: {pids}"
    else:
        assert pids == {(-1, -1)}, f"producer ids of the stored batches: {pids}"


def confluent_topics(bootstrap: str) -> set[str]:
    return set(AdminClient({"bootstrap.servers": bootstrap}).list_topics(timeout=10).topics)


# ----------------------------------------------------------------------------- tests

# (program, -compression, idempotent producer, codec the broker stores)
ROUND_TRIPS = [("franz", "", True, "snappy"), ("sarama", "", True, "none"), ("kafkago", "zstd", False, "zstd")]


@pytest.mark.parametrize("name,compression,idempotent,codec", ROUND_TRIPS, ids=[r[0] for r in ROUND_TRIPS])
def test_go_client_round_trip(broker, name, compression, idempotent, codec):
    """Each Go client on its own: create a 3-partition topic, produce 300 keyed records (kgo's
    and sarama's idempotent producers; kafka-go has none), consume each exactly once in a
    group, commit; committed offsets read back equal the end offsets; DescribeGroups and
    ListGroups show the group. A second run of the program deletes the topic."""
    topic, group = unique(f"go-{name}"), unique(f"g-{name}")
    s = run_go(name, broker, topic, group, compression=compression)
    assert s["client"] == CLIENT_NAME[name]
    check_round_trip(s, topic, group)
    check_stored(broker, topic, idempotent=idempotent, codec=codec)
    if name == "franz":
        assert s["admin"]["producer_id"]["id"] >= 0, s["admin"]["producer_id"]

    d = run_go(name, broker, topic, group, create=False, produce=False, consume=False, delete=True)
    assert d["admin"]["delete_topic"] == {"deleted": True, "listed_after": False}
    assert topic not in confluent_topics(broker.bootstrap)  # another client agrees


def test_sarama_records_read_by_confluent_and_franz(broker):
    """Records sarama's idempotent SyncProducer wrote are what librdkafka reads (offsets, keys,
    values, headers); librdkafka sees sarama's committed offsets; a franz-go group on the same
    topic (no create, no produce) consumes the same records exactly once and commits."""
    topic, group, group2 = unique("x-sarama"), unique("g-sarama"), unique("g-franz")
    s = run_go("sarama", broker, topic, group, compression="lz4")
    per = check_round_trip(s, topic, group)
    produced = positions(s["produced_records"])

    read = confluent_read(broker.bootstrap, topic, PARTITIONS)
    assert positions(read) == produced
    assert {r["header"] for r in read} == {"sarama"}
    assert confluent_committed(broker.bootstrap, group, topic, PARTITIONS) == per
    # Producer.Idempotent: every batch carries the producer id InitProducerId gave.
    check_stored(broker, topic, idempotent=True, codec="lz4")

    f = run_go("franz", broker, topic, group2, create=False, produce=False)
    check_consumed(f, produced, header="sarama")
    check_offsets(f, per)
    assert group in f["admin"]["list_groups"] and group2 in f["admin"]["list_groups"]
    assert confluent_committed(broker.bootstrap, group2, topic, PARTITIONS) == per


def test_confluent_records_consumed_by_kafkago_and_sarama(broker):
    """Records librdkafka's idempotent producer wrote are consumed exactly once by a kafka-go
    Reader group and by a sarama ConsumerGroup (topic created by confluent-kafka's admin);
    both commit offsets equal to the end offsets."""
    topic = unique("x-confluent")
    a = AdminClient({"bootstrap.servers": broker.bootstrap})
    a.create_topics([NewTopic(topic, PARTITIONS, 1)], request_timeout=WAIT)[topic].result(WAIT)
    p = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all", "enable.idempotence": True,
                  "linger.ms": 5, "log_level": 2})
    reports = []
    for i in range(COUNT):
        p.produce(topic, key=key(i), value=value("confluent", topic, i), headers={HEADER_KEY: "confluent"},
                  on_delivery=lambda err, m: reports.append((err, m.partition(), m.offset(), m.key(), m.value())))
        p.poll(0)
    assert p.flush(WAIT) == 0, "confluent-kafka left records undelivered"
    assert [r for r in reports if r[0] is not None] == []
    produced = sorted((part, off, k.decode(), v.decode()) for _, part, off, k, v in reports)
    per: dict[int, int] = {}
    for part, *_ in produced:
        per[part] = per.get(part, 0) + 1

    check_stored(broker, topic, idempotent=True, codec="none")

    for name in ("kafkago", "sarama"):
        group = unique(f"g-{name}")
        s = run_go(name, broker, topic, group, create=False, produce=False)
        check_consumed(s, produced, header="confluent")
        check_offsets(s, per)
        assert s["admin"]["describe_group"]["assigned"] == {topic: list(range(PARTITIONS))}


def test_franz_replicated_on_three_brokers(cluster_factory):
    """franz-go against a 3-broker cluster: a topic with replication factor 3 (every replica in
    the ISR), 300 idempotent acks=all records consumed once in a group and committed; librdkafka
    reads the same records from the cluster, and all three replicas hold the same batches."""
    c = cluster_factory()
    topic, group = unique("go-franz-rf3"), unique("g-franz-rf3")
    s = run_go("franz", c.bootstrap, topic, group, logs=lambda: c.log_tails(lines=20), replication=3)
    check_round_trip(s, topic, group, replication=3)
    leaders = {d["leader"] for d in ints(s["admin"]["topic_partitions"]).values()}
    assert leaders <= set(c.ids), leaders
    assert positions(confluent_read(c.bootstrap, topic, PARTITIONS)) == positions(s["produced_records"])

    # Every replica stores the leader's batches byte for byte (followers fetch them as stored).
    def replicas_identical():
        for p in range(PARTITIONS):
            dirs = {i: c[i].data_dir / "data" / f"{topic}-{p}" for i in c.ids}
            copies = {i: b"".join(f.read_bytes() for f in sorted(d.glob("*.log"))) for i, d in dirs.items()}
            if len(set(copies.values())) != 1 or not copies[1]:
                return False
        return True

    c.wait_for(replicas_identical, 20, f"the three replicas of {topic} to hold identical segments")
    for i in c.ids:
        check_stored(c[i], topic, idempotent=True, codec="snappy")

