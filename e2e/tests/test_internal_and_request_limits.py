"""Internal topics are the broker's own, and one request cannot make the controller do
unbounded work: Produce to __consumer_offsets is INVALID_TOPIC_EXCEPTION, it cannot be deleted
or grown, groups keep working; CreateTopics / CreatePartitions with hostile counts get clear
errors on a three-node cluster, every node stays up and the metadata log keeps advancing."""

import struct

import pytest
from confluent_kafka import KafkaException
from confluent_kafka.admin import AdminClient, NewPartitions
from kafka import KafkaConsumer, KafkaProducer

import wire
from cluster import cluster_factory  # noqa: F401 - pytest fixture
from conftest import unique

INVALID_TOPIC, INVALID_PARTITIONS, INVALID_REPLICATION_FACTOR, POLICY_VIOLATION = 17, 37, 38, 44
OFFSETS = "__consumer_offsets"


def create_topics_v2(topics: list[tuple[str, int, int]]) -> bytes:
    """CreateTopics v2 body: (name, partitions, replication factor) each, no assignments or
    configs, 30 s timeout, not validate-only."""
    items = [wire.string(n) + struct.pack(">ih", p, rf) + wire.array([]) + wire.array([]) for n, p, rf in topics]
    return wire.array(items) + struct.pack(">ib", 30000, 0)


def parse_create_topics_v2(body: bytes) -> dict[str, tuple[int, str | None]]:
    r = wire.Reader(body)
    r.take(">i")  # throttle
    return dict(r.array(lambda: (r.string(), (r.take(">h"), r.string()))))


def group_round_trip(bootstrap: str, topic: str, group: str, values: list[bytes]) -> list[bytes]:
    p = KafkaProducer(bootstrap_servers=bootstrap)
    for v in values:
        p.send(topic, v)
    p.flush(timeout=30)
    p.close()
    c = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group, auto_offset_reset="earliest",
                      enable_auto_commit=False, consumer_timeout_ms=15000)
    got = [m.value for m in c]
    c.commit()
    c.close()
    return got


def test_internal_topics_are_refused_to_clients_and_groups_keep_working(broker):
    topic, group = unique("internal"), unique("g")
    assert group_round_trip(broker.bootstrap, topic, group, [b"a", b"b"]) == [b"a", b"b"]
    # Produce into __consumer_offsets: a forged commit (any bytes) for every partition.
    forged = wire.record_batch([b'{"version":1,"offset":0}'], key=b'{"type":"Offset"}')
    s = wire.connect(broker.port)
    for part in (0, 1, 49):
        s.sendall(wire.request(0, 3, part, wire.produce_v3(OFFSETS, part, bytes(forged))))
        _, body = wire.read_response(s)
        [(t, p, err, base)] = wire.parse_produce_v3_response(body)
        assert (t, p, err, base) == (OFFSETS, part, INVALID_TOPIC, -1)
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    with pytest.raises(KafkaException) as e:
        admin.delete_topics([OFFSETS], operation_timeout=10)[OFFSETS].result(timeout=30)
    assert e.value.args[0].code() == INVALID_TOPIC, e.value
    with pytest.raises(KafkaException) as e:
        admin.create_partitions([NewPartitions(OFFSETS, 60)])[OFFSETS].result(timeout=30)
    assert e.value.args[0].code() == INVALID_TOPIC, e.value
    # The topic is still there, and the group's offsets and new traffic are as before.
    md = admin.list_topics(timeout=10)
    assert OFFSETS in md.topics and len(md.topics[OFFSETS].partitions) == 50
    assert group_round_trip(broker.bootstrap, topic, group, [b"c"]) == [b"c"]
    assert broker.alive()


def test_hostile_create_topics_and_partitions_get_clear_errors(cluster_factory):
    c = cluster_factory()
    b = c[1]
    names = {k: unique(k) for k in ("huge", "rf", "negative", "zero", "fine")}
    body = create_topics_v2([
        (names["huge"], 2147483647, 1),
        (names["rf"], 3, 32767),
        (names["negative"], -5, 1),
        (names["zero"], 1, -5),
        (names["fine"], 3, 3),
    ])
    resp = parse_create_topics_v2(wire.call(b.host, b.port, 19, 2, body, timeout=60))
    assert resp[names["huge"]][0] == POLICY_VIOLATION, resp
    assert "max.partitions.per.request" in resp[names["huge"]][1]
    assert resp[names["rf"]][0] == INVALID_REPLICATION_FACTOR, resp
    assert resp[names["negative"]][0] == INVALID_PARTITIONS, resp
    assert resp[names["zero"]][0] == INVALID_REPLICATION_FACTOR, resp
    assert resp[names["fine"]][0] == 0, resp
    # CreatePartitions v1 to 2^31-1 on the topic that was created (librdkafka refuses to send
    # it): name, count, no assignments; 30 s timeout, not validate-only.
    body = wire.array([wire.string(names["fine"]) + struct.pack(">ii", 2147483647, -1)]) + struct.pack(">ib", 30000, 0)
    resp = parse_create_topics_v2(wire.call(b.host, b.port, 37, 1, body, timeout=60))
    assert resp[names["fine"]][0] == POLICY_VIOLATION, resp
    # The client's retry does not hurt either: the same request again.
    resp = parse_create_topics_v2(wire.call(b.host, b.port, 19, 2, create_topics_v2([(names["huge"], 2147483647, 1)]),
                                            timeout=60))
    assert resp[names["huge"]][0] == POLICY_VIOLATION
    # Every node is up and the metadata log still advances: a new topic reaches all of them.
    assert c.alive() == [1, 2, 3]
    after = unique("after")
    resp = parse_create_topics_v2(wire.call(b.host, b.port, 19, 2, create_topics_v2([(after, 2, 3)]), timeout=60))
    assert resp[after][0] == 0, resp
    for i in (1, 2, 3):
        c.wait_for(lambda i=i: len(c.partitions(after, via=i)) == 2, 30, f"{after} on broker {i}")
    assert c.alive() == [1, 2, 3]
