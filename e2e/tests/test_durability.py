"""Durability: stop (SIGTERM) or kill (SIGKILL) the broker in the middle of a produce loop,
start it again, and check that every acknowledged record and every committed offset is there,
that appends continue at the next offset, and that a torn or corrupt log tail is repaired."""

import signal
import threading
import time
from pathlib import Path

import pytest
from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import unique


def create_topic(broker, topic, partitions=1, config=None):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    futures = admin.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1, config=config or {})])
    futures[topic].result(15)


def read_all(broker, topic, partitions=1, timeout=30):
    """Every record of the topic as {(partition, offset): value}."""
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": unique("reader"), "enable.auto.commit": False,
                  "auto.offset.reset": "earliest", "enable.partition.eof": True})
    c.assign([TopicPartition(topic, p, 0) for p in range(partitions)])
    out, eof = {}, set()
    deadline = time.time() + timeout
    while len(eof) < partitions and time.time() < deadline:
        m = c.poll(0.5)
        if m is None:
            continue
        if m.error():
            if m.error().code() == KafkaError._PARTITION_EOF:
                eof.add(m.partition())
                continue
            raise AssertionError(m.error())
        eof.discard(m.partition())
        out[(m.partition(), m.offset())] = m.value()
    c.close()
    assert len(eof) == partitions, "did not reach the end of every partition"
    return out


def produce_while_broker_dies(broker, topic, sig, partitions=2, seconds_before=1.5):
    """Produces continuously with an idempotent acks=all producer; the broker gets `sig`
    mid-loop and is started again after a pause. Returns the acknowledged records."""
    acked: dict[tuple[int, int], bytes] = {}
    failed = []

    def on_delivery(err, msg):
        if err is None:
            acked[(msg.partition(), msg.offset())] = msg.value()
        else:
            failed.append(err)

    p = Producer({"bootstrap.servers": broker.bootstrap, "enable.idempotence": True, "acks": "all",
                  "linger.ms": 2, "message.timeout.ms": 60000, "reconnect.backoff.max.ms": 200})

    def bounce():
        time.sleep(seconds_before)
        broker.stop(sig)
        time.sleep(0.5)
        broker.start()

    t = threading.Thread(target=bounce)
    t.start()
    i = 0
    deadline = time.time() + seconds_before + 8
    while time.time() < deadline:
        try:
            p.produce(topic, value=f"v{i}".encode(), partition=i % partitions, on_delivery=on_delivery)
            i += 1
        except BufferError:
            pass
        p.poll(0.001 if i % 50 else 0.01)
    t.join()
    assert p.flush(60) == 0, "records still in flight after the broker came back"
    return acked, failed, i


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_acknowledged_records_survive_stop_and_kill(broker, sig):
    topic = unique("durable")
    create_topic(broker, topic, partitions=2)
    acked, failed, sent = produce_while_broker_dies(broker, topic, sig)
    assert len(acked) > 100, f"too few records acknowledged ({len(acked)} of {sent})"
    stored = read_all(broker, topic, partitions=2)
    missing = {k: v for k, v in acked.items() if stored.get(k) != v}
    assert not missing, f"{len(missing)} acknowledged records lost or moved, e.g. {list(missing.items())[:3]}"
    # Idempotence across the restart: no value stored twice, offsets dense per partition.
    values = list(stored.values())
    assert len(values) == len(set(values)), "a record was written twice"
    for part in (0, 1):
        offsets = sorted(o for (p, o) in stored if p == part)
        assert offsets == list(range(len(offsets)))
    # Appends continue at the next offset.
    p = Producer({"bootstrap.servers": broker.bootstrap})
    got = []
    p.produce(topic, value=b"after", partition=0, on_delivery=lambda e, m: got.append((e, m.offset())))
    p.flush(15)
    end0 = max(o for (p_, o) in stored if p_ == 0)
    assert got == [(None, end0 + 1)]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_committed_offsets_survive_stop_and_kill(broker, sig):
    topic, group = unique("commits"), unique("g")
    create_topic(broker, topic, partitions=3)
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": group})
    c.commit(offsets=[TopicPartition(topic, p, 10 + p, metadata=f"m{p}") for p in range(3)], asynchronous=False)
    c.close()
    broker.stop(sig)
    broker.start()
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": group})
    committed = c.committed([TopicPartition(topic, p) for p in range(3)], timeout=15)
    c.close()
    assert [(tp.partition, tp.offset, tp.metadata) for tp in committed] == [(p, 10 + p, f"m{p}") for p in range(3)]


def produce_n(broker, topic, n, partition=0):
    p = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all", "linger.ms": 0})
    offsets = []
    for i in range(n):
        p.produce(topic, value=f"r{i}".encode(), partition=partition, on_delivery=lambda e, m: offsets.append(m.offset()))
        p.flush(10)
    return offsets


def active_segment(broker, topic, partition=0) -> Path:
    d = broker.data_dir / "data" / f"{topic}-{partition}"
    return sorted(d.glob("*.log"))[-1]


def test_torn_tail_is_truncated_at_start_up(broker):
    topic = unique("torn")
    create_topic(broker, topic)
    assert produce_n(broker, topic, 20) == list(range(20))
    broker.kill()
    seg = active_segment(broker, topic)
    good = seg.stat().st_size
    with open(seg, "ab") as f:
        # The first 40 bytes of a batch header claiming 1000 bytes: a write cut short.
        f.write(b"\x00" * 8 + (1000).to_bytes(4, "big") + b"\x00\x00\x00\x00\x02" + b"\x17" * 23)
    broker.start()
    assert "truncated a torn or corrupt tail" in broker.log_text()
    assert seg.stat().st_size == good
    stored = read_all(broker, topic)
    assert [stored[(0, o)] for o in range(20)] == [f"r{i}".encode() for i in range(20)]
    assert produce_n(broker, topic, 1) == [20]


def test_corrupt_batch_truncates_the_log_there(broker):
    topic = unique("corrupt")
    create_topic(broker, topic)
    produce_n(broker, topic, 10)
    broker.kill()
    seg = active_segment(broker, topic)
    data = bytearray(seg.read_bytes())
    # Walk to the 6th batch (one record each) and flip a byte inside its CRC-covered part.
    pos = 0
    for _ in range(5):
        pos += 12 + int.from_bytes(data[pos + 8:pos + 12], "big")
    data[pos + 40] ^= 0xFF
    seg.write_bytes(bytes(data))
    broker.start()
    stored = read_all(broker, topic)
    assert sorted(o for (_, o) in stored) == list(range(5))
    assert seg.stat().st_size == pos
    assert produce_n(broker, topic, 1) == [5]


def test_clean_restart_skips_recovery_and_keeps_everything(broker):
    topic = unique("clean")
    create_topic(broker, topic, config={"segment.bytes": "2048"})
    produce_n(broker, topic, 60)
    # A committed offset creates __consumer_offsets: 50 mostly empty partitions, which must
    # not be "recovered" after a clean stop either.
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": unique("g")})
    c.commit(offsets=[TopicPartition(topic, 0, 7)], asynchronous=False)
    c.close()
    broker.restart(signal.SIGTERM)
    log = broker.log_text().split("===== start #2 =====")[1]
    assert "clean_shutdown=true" in log
    assert "recovered log" not in log
    stored = read_all(broker, topic)
    assert sorted(o for (_, o) in stored) == list(range(60))
    segments = list((broker.data_dir / "data" / f"{topic}-0").glob("*.log"))
    assert len(segments) >= 3, "segment.bytes=2048 should have rolled several segments"
