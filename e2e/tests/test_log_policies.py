"""Retention and compaction as a user sees them: old data goes away in the background,
compacted topics keep the latest value of each key."""

import time

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import unique


def create(broker, topic, config):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1, config=config)])[topic].result(15)


def watermarks(broker, topic):
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": unique("wm")})
    try:
        return c.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)
    finally:
        c.close()


def read_all(broker, topic):
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": unique("r"), "enable.partition.eof": True,
                  "auto.offset.reset": "earliest"})
    c.assign([TopicPartition(topic, 0, 0)])
    out = []
    deadline = time.time() + 20
    while time.time() < deadline:
        m = c.poll(0.5)
        if m is None:
            continue
        if m.error():
            if m.error().code() == KafkaError._PARTITION_EOF:
                break
            raise AssertionError(m.error())
        out.append((m.offset(), m.key(), m.value()))
    c.close()
    return out


def test_time_retention_deletes_old_segments(broker_factory):
    broker = broker_factory({"log.retention.check.interval.ms": "200"})
    topic = unique("ret")
    create(broker, topic, {"retention.ms": "1500", "segment.bytes": "1024"})
    p = Producer({"bootstrap.servers": broker.bootstrap, "linger.ms": 0})
    for i in range(30):
        p.produce(topic, key=b"k", value=b"x" * 100, partition=0)
        p.flush(10)
    assert watermarks(broker, topic)[1] == 30
    deadline = time.time() + 20
    while time.time() < deadline and watermarks(broker, topic)[0] == 0:
        time.sleep(0.3)
    low, high = watermarks(broker, topic)
    assert high == 30 and low > 0, (low, high)
    # Eventually everything is past retention; the log end stays and appends continue there.
    deadline = time.time() + 20
    while time.time() < deadline and watermarks(broker, topic)[0] < 30:
        time.sleep(0.3)
    assert watermarks(broker, topic) == (30, 30)
    got = []
    p.produce(topic, value=b"new", partition=0, on_delivery=lambda e, m: got.append(m.offset()))
    p.flush(10)
    assert got == [30]


def test_size_retention_keeps_the_partition_bounded(broker_factory):
    broker = broker_factory({"log.retention.check.interval.ms": "200"})
    topic = unique("retbytes")
    create(broker, topic, {"retention.bytes": "3000", "segment.bytes": "1024"})
    p = Producer({"bootstrap.servers": broker.bootstrap, "linger.ms": 0})
    for i in range(60):
        p.produce(topic, value=b"y" * 100, partition=0)
        p.flush(10)
    # Retention runs in the background every 200 ms and may delete in several passes (some
    # while the producer was still writing): wait until the log start has settled.
    deadline = time.time() + 20
    previous, stable_since = None, time.time()
    while time.time() < deadline:
        low, high = watermarks(broker, topic)
        if low != previous:
            previous, stable_since = low, time.time()
        elif low > 0 and time.time() - stable_since > 1.5:
            break
        time.sleep(0.2)
    low, high = watermarks(broker, topic)
    assert high == 60 and low > 0, (low, high)
    # Every record carries 100 bytes of value, so at most 30 fit under retention.bytes=3000
    # (plus the active segment, which retention never deletes: 1024 bytes).
    assert high - low <= 40, (low, high)
    records = read_all(broker, topic)
    assert [o for o, _, _ in records] == list(range(low, high))


def test_compaction_keeps_latest_value_per_key(broker_factory):
    broker = broker_factory({"log.cleaner.backoff.ms": "200"})
    topic = unique("compact")
    create(broker, topic, {"cleanup.policy": "compact", "segment.bytes": "1024", "min.cleanable.dirty.ratio": "0.01",
                           "delete.retention.ms": "100"})
    p = Producer({"bootstrap.servers": broker.bootstrap, "linger.ms": 0})
    latest = {}
    n = 0
    for round_ in range(40):
        for key in (b"a", b"b", b"c"):
            value = f"{key.decode()}-{round_}".encode()
            p.produce(topic, key=key, value=value, partition=0)
            latest[key] = value
            n += 1
        p.flush(10)
    p.produce(topic, key=b"gone", value=b"soon deleted", partition=0)
    p.produce(topic, key=b"gone", value=None, partition=0)
    assert p.flush(15) == 0
    deadline = time.time() + 30
    records = read_all(broker, topic)
    while time.time() < deadline and len(records) > n // 2:
        time.sleep(0.5)
        records = read_all(broker, topic)
    assert len(records) < n // 2, f"compaction did not run: {len(records)} records"
    offsets = [o for o, _, _ in records]
    assert offsets == sorted(offsets)
    seen = {}
    for _, k, v in records:
        seen[k] = v
    for k, v in latest.items():
        assert seen[k] == v
    assert watermarks(broker, topic)[1] == n + 2
