"""End-to-end tests with confluent-kafka (librdkafka 2.16): the idempotent producer with every
compression codec, consumer groups, the AdminClient, and records the broker must refuse."""

import time

import pytest
from confluent_kafka import (OFFSET_BEGINNING, Consumer, KafkaError, KafkaException, Producer,
                             TopicPartition)
from confluent_kafka.admin import (AdminClient, AlterConfigOpType, ConfigEntry, ConfigResource,
                                   ConfigSource, NewPartitions, NewTopic, OffsetSpec, ResourceType)

from conftest import unique

WAIT = 30  # upper bound (s) for any single wait in this file


# ----------------------------------------------------------------------------- helpers

def admin(broker) -> AdminClient:
    return AdminClient({"bootstrap.servers": broker.bootstrap})


def create_topic(broker_or_admin, name: str, partitions: int = 1, config: dict | None = None) -> None:
    a = broker_or_admin if isinstance(broker_or_admin, AdminClient) else admin(broker_or_admin)
    fs = a.create_topics([NewTopic(name, partitions, 1, config=config or {})], request_timeout=WAIT)
    fs[name].result(timeout=WAIT)
    wait_for(lambda: partition_count(a, name) == partitions, f"topic {name} with {partitions} partitions in metadata")


def partition_count(a: AdminClient, topic: str) -> int | None:
    md = a.list_topics(topic=topic, timeout=10).topics.get(topic)
    if md is None or md.error is not None:
        return None
    return len(md.partitions)


def wait_for(cond, what: str, timeout: float = WAIT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = cond()
        if v:
            return v
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def kafka_error(excinfo) -> KafkaError:
    err = excinfo.value.args[0]
    assert isinstance(err, KafkaError), f"expected a KafkaError, got {excinfo.value!r}"
    return err


def produce_and_report(producer: Producer, records) -> list:
    """Produces (topic, key, value, headers, partition, timestamp) dicts; returns delivery
    reports (err, partition, offset, key, value, headers) in delivery order."""
    reports = []

    def on_delivery(err, msg):
        reports.append((err, msg.partition(), msg.offset(), msg.key(), msg.value(), msg.headers()))

    for r in records:
        kwargs = {k: v for k, v in r.items() if v is not None}
        while True:
            try:
                producer.produce(on_delivery=on_delivery, **kwargs)
                break
            except BufferError:
                producer.poll(0.1)
        producer.poll(0)
    remaining = producer.flush(WAIT)
    assert remaining == 0, f"{remaining} records were still undelivered after {WAIT}s"
    assert len(reports) == len(records)
    return reports


def produce_values(broker, topic: str, values, partition: int | None = None, key=None, **conf) -> list:
    p = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all", **conf})
    reports = produce_and_report(p, [dict(topic=topic, key=key, value=v, partition=partition) for v in values])
    errs = [r[0] for r in reports if r[0] is not None]
    assert not errs, f"delivery failed: {errs[:3]}"
    return reports


def consumer(broker, group: str | None = None, **conf) -> Consumer:
    return Consumer({
        "bootstrap.servers": broker.bootstrap,
        "group.id": group or unique("cg"),
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
        **conf,
    })


def poll_n(c: Consumer, n: int, timeout: float = WAIT) -> list:
    """Polls until n records arrived (failing on any error); returns the messages."""
    out = []
    deadline = time.time() + timeout
    while len(out) < n and time.time() < deadline:
        for m in c.consume(num_messages=n - len(out), timeout=0.5):
            assert m.error() is None, f"consumer error: {m.error()}"
            out.append(m)
    assert len(out) == n, f"received {len(out)} of {n} records within {timeout}s"
    return out


def read_partitions(broker, topic: str, counts: dict[int, int]) -> dict[int, list]:
    """Reads counts[p] records of each partition from the beginning (assign, no group)."""
    c = consumer(broker)
    try:
        c.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in counts])
        msgs = poll_n(c, sum(counts.values()))
        by_p: dict[int, list] = {p: [] for p in counts}
        for m in msgs:
            by_p[m.partition()].append(m)
        return by_p
    finally:
        c.close()


def watermarks(broker, topic: str, partition: int) -> tuple[int, int]:
    c = consumer(broker)
    try:
        return c.get_watermark_offsets(TopicPartition(topic, partition), timeout=10, cached=False)
    finally:
        c.close()


def describe_topic_configs(a: AdminClient, topic: str) -> dict:
    res = ConfigResource(ResourceType.TOPIC, topic)
    return a.describe_configs([res], request_timeout=WAIT)[res].result(timeout=WAIT)


def group_state_name(state) -> str:
    return getattr(state, "name", str(state)).upper()


# ----------------------------------------------------------------------------- 1. idempotent producer

@pytest.mark.parametrize("codec", ["none", "gzip", "snappy", "lz4", "zstd"])
def test_idempotent_producer_with_compression_round_trips(broker, codec):
    topic = unique(f"idem-{codec}")
    partitions = 3
    create_topic(broker, topic, partitions)
    p = Producer({
        "bootstrap.servers": broker.bootstrap,
        "enable.idempotence": True,
        "acks": "all",
        "compression.type": codec,
        "linger.ms": 20,
        "batch.num.messages": 50,
    })
    n = 600
    records = []
    for i in range(n):
        value = f"value-{i:05d}-{codec}-".encode() + b"x" * (i % 97)  # compressible, varied sizes
        key = f"key-{i % 41}".encode()
        headers = [("seq", str(i).encode()), ("codec", codec.encode())]
        records.append(dict(topic=topic, key=key, value=value, headers=headers))
    reports = produce_and_report(p, records)

    failed = [r for r in reports if r[0] is not None]
    assert not failed, f"{len(failed)} delivery reports failed, first: {failed[0][0]}"
    sent = {r["value"]: r for r in records}
    by_partition: dict[int, list] = {}
    for _, part, off, key, value, _ in reports:  # delivery reports carry no headers
        by_partition.setdefault(part, []).append((off, key, value, sent[value]["headers"]))
    assert len(by_partition) >= 2, "41 keys should spread over more than one partition"
    for part, rs in by_partition.items():
        offsets = sorted(r[0] for r in rs)
        assert offsets == list(range(len(rs))), f"partition {part}: offsets not consecutive from 0"
        # The idempotent producer keeps per-partition order: offsets follow the produce order.
        seqs = [int(dict(r[3])["seq"]) for r in sorted(rs)]
        assert seqs == sorted(seqs), f"partition {part}: offsets do not follow produce order"

    counts = {part: len(by_partition.get(part, [])) for part in range(partitions)}
    got = read_partitions(broker, topic, counts)
    for part in range(partitions):
        expected = sorted(by_partition.get(part, []))
        actual = [(m.offset(), m.key(), m.value(), m.headers()) for m in got[part]]
        assert actual == expected, f"partition {part} read back differently"
        assert watermarks(broker, topic, part) == (0, counts[part])
    # Every key stays in one partition.
    key_parts: dict[bytes, set] = {}
    for part, rs in by_partition.items():
        for r in rs:
            key_parts.setdefault(r[1], set()).add(part)
    assert all(len(s) == 1 for s in key_parts.values())


def test_idempotent_producer_continues_across_broker_restart(broker):
    topic = unique("idem-restart")
    create_topic(broker, topic, 1)
    p = Producer({"bootstrap.servers": broker.bootstrap, "enable.idempotence": True, "acks": "all",
                  "compression.type": "lz4", "linger.ms": 5})
    first = produce_and_report(p, [dict(topic=topic, key=b"k", value=b"a-%d" % i, partition=0) for i in range(100)])
    assert [r[0] for r in first] == [None] * 100
    broker.restart()
    second = produce_and_report(p, [dict(topic=topic, key=b"k", value=b"b-%d" % i, partition=0) for i in range(100)])
    errs = [r[0] for r in second if r[0] is not None]
    assert not errs, f"after the restart the idempotent producer saw: {errs[:3]}"
    assert sorted(r[2] for r in first + second) == list(range(200))
    got = read_partitions(broker, topic, {0: 200})
    assert [m.value() for m in got[0]] == [b"a-%d" % i for i in range(100)] + [b"b-%d" % i for i in range(100)]
    assert watermarks(broker, topic, 0) == (0, 200)


# ----------------------------------------------------------------------------- 2. consumer groups

def _group_round(broker, topic, group, n_expected, expected_values):
    c = consumer(broker, group)
    try:
        c.subscribe([topic])
        msgs = poll_n(c, n_expected)
        assert sorted(m.value() for m in msgs) == sorted(expected_values)
        committed = c.commit(asynchronous=False)
        assert all(tp.error is None for tp in committed), committed
        return msgs, {tp.partition: tp.offset for tp in committed}
    finally:
        c.close()


def test_consumer_group_commit_and_resume(broker):
    topic = unique("cgroup")
    group = unique("group")
    create_topic(broker, topic, 3)
    first = [f"first-{i}".encode() for i in range(45)]
    reports = produce_values(broker, topic, first, key=None)
    ends = {}
    for _, part, off, *_ in reports:
        ends[part] = max(ends.get(part, 0), off + 1)

    msgs, committed = _group_round(broker, topic, group, len(first), first)
    # Per partition the records come in offset order, starting at 0.
    for part in ends:
        offs = [m.offset() for m in msgs if m.partition() == part]
        assert offs == list(range(ends[part]))
    assert {p: o for p, o in committed.items() if p in ends} == ends

    # The committed offsets are visible to any client of the group.
    c = consumer(broker, group)
    try:
        got = c.committed([TopicPartition(topic, p) for p in range(3)], timeout=WAIT)
        assert {tp.partition: tp.offset for tp in got if tp.partition in ends} == ends
    finally:
        c.close()

    second = [f"second-{i}".encode() for i in range(30)]
    produce_values(broker, topic, second)
    msgs2, _ = _group_round(broker, topic, group, len(second), second)
    # The second consumer starts exactly at the committed position in every partition.
    for part, end in ends.items():
        offs = [m.offset() for m in msgs2 if m.partition() == part]
        if offs:
            assert offs[0] == end


def test_consumer_group_offsets_survive_restart(broker):
    topic = unique("cg-restart")
    group = unique("group")
    create_topic(broker, topic, 2)
    first = [f"a-{i}".encode() for i in range(20)]
    produce_values(broker, topic, first)
    _group_round(broker, topic, group, len(first), first)
    broker.restart()
    second = [f"b-{i}".encode() for i in range(10)]
    produce_values(broker, topic, second)
    _group_round(broker, topic, group, len(second), second)


def test_cooperative_sticky_group_rebalances_between_two_consumers(broker):
    """Incremental (cooperative) rebalancing: a second consumer takes over half the partitions;
    when it leaves, the first gets them back; nothing is lost or read twice."""
    topic = unique("cg-coop")
    group = unique("coop")
    create_topic(broker, topic, 4)
    conf = {"partition.assignment.strategy": "cooperative-sticky", "session.timeout.ms": 10000,
            "heartbeat.interval.ms": 500}
    c1 = consumer(broker, group, **conf)
    c2 = consumer(broker, group, **conf)
    seen = []

    def poll_both():
        for c in (c1, c2):
            for m in c.consume(num_messages=100, timeout=0.2):
                assert m.error() is None, m.error()
                seen.append((m.partition(), m.offset(), m.value()))

    try:
        c1.subscribe([topic])
        wait_for(lambda: (c1.poll(0.2), len(c1.assignment()) == 4)[1], "c1 to own all 4 partitions")
        c2.subscribe([topic])

        def split():
            poll_both()
            a1 = {tp.partition for tp in c1.assignment()}
            a2 = {tp.partition for tp in c2.assignment()}
            return a1 and a2 and not (a1 & a2) and (a1 | a2) == {0, 1, 2, 3}

        wait_for(split, "the cooperative rebalance to split the partitions")
        assert seen == []
        values = [b"v%d" % i for i in range(40)]
        produce_values(broker, topic, values)
        deadline = time.time() + WAIT
        while len(seen) < len(values) and time.time() < deadline:
            poll_both()
        assert sorted(v for _, _, v in seen) == sorted(values), "every record exactly once"
        c1.commit(asynchronous=False)
        c2.commit(asynchronous=False)
        c2.close()
        wait_for(lambda: (c1.poll(0.2), len(c1.assignment()) == 4)[1], "c1 to get all partitions back")
        produce_values(broker, topic, [b"late"])
        assert [m.value() for m in poll_n(c1, 1)] == [b"late"]
    finally:
        c1.close()
        c2.close()


def test_static_member_rejoins_with_its_assignment(broker):
    """A static member (group.instance.id) that closes and comes back gets its partitions and
    committed position back."""
    topic = unique("cg-static")
    group = unique("static")
    create_topic(broker, topic, 2)
    produce_values(broker, topic, [b"a%d" % i for i in range(10)])
    conf = {"group.instance.id": "instance-1", "session.timeout.ms": 10000, "heartbeat.interval.ms": 500}
    c = consumer(broker, group, **conf)
    try:
        c.subscribe([topic])
        poll_n(c, 10)
        c.commit(asynchronous=False)
        first = sorted(tp.partition for tp in c.assignment())
        assert first == [0, 1]
    finally:
        c.close()
    produce_values(broker, topic, [b"b%d" % i for i in range(4)])
    c = consumer(broker, group, **conf)
    try:
        c.subscribe([topic])
        msgs = poll_n(c, 4)
        assert sorted(m.value() for m in msgs) == [b"b%d" % i for i in range(4)]
        assert sorted(tp.partition for tp in c.assignment()) == [0, 1]
    finally:
        c.close()


# ----------------------------------------------------------------------------- 3. AdminClient

def test_admin_create_topics_and_errors(broker):
    a = admin(broker)
    topic = unique("adm-create")
    create_topic(a, topic, 4)
    md = a.list_topics(topic=topic, timeout=10).topics[topic]
    assert sorted(md.partitions) == [0, 1, 2, 3]
    assert all(pm.leader == 1 and pm.replicas == [1] for pm in md.partitions.values())

    with pytest.raises(KafkaException) as e:
        a.create_topics([NewTopic(topic, 2, 1)], request_timeout=WAIT)[topic].result(timeout=WAIT)
    assert kafka_error(e).code() == KafkaError.TOPIC_ALREADY_EXISTS

    bad = unique("adm-bad")
    with pytest.raises(KafkaException) as e:
        a.create_topics([NewTopic(bad, 0, 1)], request_timeout=WAIT)[bad].result(timeout=WAIT)
    assert kafka_error(e).code() == KafkaError.INVALID_PARTITIONS
    with pytest.raises(KafkaException) as e:
        a.create_topics([NewTopic(bad, 1, 3)], request_timeout=WAIT)[bad].result(timeout=WAIT)
    assert kafka_error(e).code() == KafkaError.INVALID_REPLICATION_FACTOR
    with pytest.raises(KafkaException) as e:
        a.create_topics([NewTopic(bad, 1, 1, config={"cleanup.policy": "bogus"})],
                        request_timeout=WAIT)[bad].result(timeout=WAIT)
    assert kafka_error(e).code() == KafkaError.INVALID_CONFIG
    # validate_only checks but creates nothing
    a.create_topics([NewTopic(bad, 2, 1)], validate_only=True, request_timeout=WAIT)[bad].result(timeout=WAIT)
    assert bad not in a.list_topics(timeout=10).topics


def test_admin_delete_topics(broker):
    a = admin(broker)
    topic = unique("adm-delete")
    create_topic(a, topic, 2)
    produce_values(broker, topic, [b"old-%d" % i for i in range(8)], partition=0)
    assert watermarks(broker, topic, 0) == (0, 8)

    a.delete_topics([topic], request_timeout=WAIT)[topic].result(timeout=WAIT)
    wait_for(lambda: topic not in a.list_topics(timeout=10).topics, "deleted topic to leave the metadata")

    with pytest.raises(KafkaException) as e:
        a.delete_topics([topic], request_timeout=WAIT)[topic].result(timeout=WAIT)
    assert kafka_error(e).code() == KafkaError.UNKNOWN_TOPIC_OR_PART

    # Re-created under the same name it is empty: offsets start again at 0.
    create_topic(a, topic, 2)
    assert watermarks(broker, topic, 0) == (0, 0)
    reports = produce_values(broker, topic, [b"new"], partition=0)
    assert reports[0][2] == 0
    got = read_partitions(broker, topic, {0: 1})
    assert [(m.offset(), m.value()) for m in got[0]] == [(0, b"new")]


def test_admin_create_partitions(broker):
    a = admin(broker)
    topic = unique("adm-parts")
    create_topic(a, topic, 2)
    a.create_partitions([NewPartitions(topic, 5)], request_timeout=WAIT)[topic].result(timeout=WAIT)
    wait_for(lambda: partition_count(a, topic) == 5, "5 partitions in metadata")
    reports = produce_values(broker, topic, [b"in-new-partition"], partition=4)
    assert reports[0][1:3] == (4, 0)

    for n in (3, 5):  # fewer than, or as many as, it has
        with pytest.raises(KafkaException) as e:
            a.create_partitions([NewPartitions(topic, n)], request_timeout=WAIT)[topic].result(timeout=WAIT)
        assert kafka_error(e).code() == KafkaError.INVALID_PARTITIONS
    assert partition_count(a, topic) == 5

    missing = unique("adm-missing")
    with pytest.raises(KafkaException) as e:
        a.create_partitions([NewPartitions(missing, 3)], request_timeout=WAIT)[missing].result(timeout=WAIT)
    assert kafka_error(e).code() == KafkaError.UNKNOWN_TOPIC_OR_PART


def test_admin_describe_configs(broker):
    a = admin(broker)
    topic = unique("adm-describe")
    create_topic(a, topic, 1, config={"retention.ms": "3600000"})
    cfg = describe_topic_configs(a, topic)
    for name in ("retention.ms", "cleanup.policy", "segment.bytes", "max.message.bytes", "retention.bytes",
                 "min.insync.replicas", "compression.type"):
        assert name in cfg, f"{name} missing from describe_configs"
    assert cfg["cleanup.policy"].value == "delete"
    assert cfg["cleanup.policy"].source == ConfigSource.DEFAULT_CONFIG.value
    assert cfg["cleanup.policy"].is_default
    assert cfg["segment.bytes"].value == "1073741824"
    assert cfg["segment.bytes"].source == ConfigSource.DEFAULT_CONFIG.value
    assert cfg["retention.bytes"].value == "-1"
    assert cfg["retention.ms"].value == "3600000"
    assert cfg["retention.ms"].source == ConfigSource.DYNAMIC_TOPIC_CONFIG.value
    assert not cfg["retention.ms"].is_default

    with pytest.raises(KafkaException) as e:
        describe_topic_configs(a, unique("adm-nope"))
    assert kafka_error(e).code() == KafkaError.UNKNOWN_TOPIC_OR_PART


def test_admin_describe_configs_broker_override(broker_factory):
    """A topic default set on the broker (log.retention.hours) shows as the topic's value with
    the static broker source."""
    b = broker_factory({"log.retention.hours": "24"})
    a = admin(b)
    topic = unique("adm-brokerdefault")
    create_topic(a, topic, 1)
    cfg = describe_topic_configs(a, topic)
    assert cfg["retention.ms"].value == str(24 * 3600 * 1000)
    assert cfg["retention.ms"].source == ConfigSource.STATIC_BROKER_CONFIG.value


def test_admin_describe_broker_configs_and_cluster(broker_factory):
    b = broker_factory({"num.partitions": "3"})
    a = admin(b)
    res = ConfigResource(ResourceType.BROKER, "1")
    cfg = a.describe_configs([res], request_timeout=WAIT)[res].result(timeout=WAIT)
    assert cfg["num.partitions"].value == "3"
    assert cfg["num.partitions"].source == ConfigSource.STATIC_BROKER_CONFIG.value
    assert cfg["log.retention.hours"].value == "168"
    assert cfg["log.retention.hours"].source == ConfigSource.DEFAULT_CONFIG.value

    cluster = a.describe_cluster(request_timeout=WAIT).result(timeout=WAIT)
    assert cluster.cluster_id
    assert cluster.controller.id == 1
    assert [(n.id, n.host, n.port) for n in cluster.nodes] == [(1, "127.0.0.1", b.port)]
    # The cluster id stays the same across a restart.
    b.restart()
    a2 = admin(b)  # keep the client referenced while its future is pending
    again = a2.describe_cluster(request_timeout=WAIT).result(timeout=WAIT)
    assert again.cluster_id == cluster.cluster_id


def test_admin_alter_configs_persist_across_restart(broker):
    a = admin(broker)
    topic = unique("adm-alter")
    create_topic(a, topic, 1)

    # AlterConfigs replaces the topic's whole set of overrides.
    res = ConfigResource(ResourceType.TOPIC, topic, set_config={"retention.ms": "86400000", "max.message.bytes": "50000"})
    a.alter_configs([res], request_timeout=WAIT)[res].result(timeout=WAIT)
    cfg = describe_topic_configs(a, topic)
    assert cfg["retention.ms"].value == "86400000"
    assert cfg["retention.ms"].source == ConfigSource.DYNAMIC_TOPIC_CONFIG.value
    assert cfg["max.message.bytes"].value == "50000"

    res = ConfigResource(ResourceType.TOPIC, topic, set_config={"retention.ms": "7200000"})
    a.alter_configs([res], request_timeout=WAIT)[res].result(timeout=WAIT)
    cfg = describe_topic_configs(a, topic)
    assert cfg["retention.ms"].value == "7200000"
    assert cfg["max.message.bytes"].source == ConfigSource.DEFAULT_CONFIG.value, \
        "alter_configs (non-incremental) must drop overrides it does not list"

    # IncrementalAlterConfigs: SET, DELETE, APPEND and SUBTRACT.
    def incremental(*entries):
        r = ConfigResource(ResourceType.TOPIC, topic, incremental_configs=list(entries))
        a.incremental_alter_configs([r], request_timeout=WAIT)[r].result(timeout=WAIT)

    incremental(ConfigEntry("segment.bytes", "10485760", incremental_operation=AlterConfigOpType.SET),
                ConfigEntry("retention.ms", None, incremental_operation=AlterConfigOpType.DELETE))
    cfg = describe_topic_configs(a, topic)
    assert cfg["segment.bytes"].value == "10485760"
    assert cfg["segment.bytes"].source == ConfigSource.DYNAMIC_TOPIC_CONFIG.value
    assert cfg["retention.ms"].value == "604800000"
    assert cfg["retention.ms"].source == ConfigSource.DEFAULT_CONFIG.value

    incremental(ConfigEntry("cleanup.policy", "compact", incremental_operation=AlterConfigOpType.APPEND))
    policy = describe_topic_configs(a, topic)["cleanup.policy"].value
    assert sorted(policy.split(",")) == ["compact", "delete"]
    incremental(ConfigEntry("cleanup.policy", "delete", incremental_operation=AlterConfigOpType.SUBTRACT))
    assert describe_topic_configs(a, topic)["cleanup.policy"].value == "compact"

    broker.restart()
    a = admin(broker)
    cfg = describe_topic_configs(a, topic)
    assert cfg["cleanup.policy"].value == "compact"
    assert cfg["cleanup.policy"].source == ConfigSource.DYNAMIC_TOPIC_CONFIG.value
    assert cfg["segment.bytes"].value == "10485760"
    assert cfg["retention.ms"].value == "604800000"
    assert cfg["max.message.bytes"].source == ConfigSource.DEFAULT_CONFIG.value


def test_admin_alter_configs_refuses_invalid_values(broker):
    a = admin(broker)
    topic = unique("adm-invalid")
    create_topic(a, topic, 1)
    for name, value in (("retention.ms", "not-a-number"), ("cleanup.policy", "bogus"),
                        ("no.such.config", "1")):
        r = ConfigResource(ResourceType.TOPIC, topic, incremental_configs=[
            ConfigEntry(name, value, incremental_operation=AlterConfigOpType.SET)])
        with pytest.raises(KafkaException) as e:
            a.incremental_alter_configs([r], request_timeout=WAIT)[r].result(timeout=WAIT)
        err = kafka_error(e)
        assert err.code() == KafkaError.INVALID_CONFIG, f"{name}={value}: {err}"
        assert name in err.str(), f"the broker's message should name {name}: {err.str()!r}"

    r = ConfigResource(ResourceType.TOPIC, topic, set_config={"segment.bytes": "-5"})
    with pytest.raises(KafkaException) as e:
        a.alter_configs([r], request_timeout=WAIT)[r].result(timeout=WAIT)
    assert kafka_error(e).code() == KafkaError.INVALID_CONFIG
    assert "segment.bytes" in kafka_error(e).str()
    # Nothing was changed by the refused requests.
    cfg = describe_topic_configs(a, topic)
    assert cfg["retention.ms"].value == "604800000"
    assert cfg["cleanup.policy"].value == "delete"
    assert cfg["segment.bytes"].value == "1073741824"


def test_admin_list_and_describe_consumer_groups(broker):
    a = admin(broker)
    topic = unique("adm-groups")
    group = unique("adm-group")
    create_topic(a, topic, 4)
    produce_values(broker, topic, [b"v%d" % i for i in range(8)])

    c = consumer(broker, group, **{"partition.assignment.strategy": "range"})
    try:
        c.subscribe([topic])
        poll_n(c, 8)

        listed = a.list_consumer_groups(request_timeout=WAIT).result(timeout=WAIT)
        assert not listed.errors
        mine = [g for g in listed.valid if g.group_id == group]
        assert len(mine) == 1
        assert group_state_name(mine[0].state) == "STABLE"

        desc = a.describe_consumer_groups([group], request_timeout=WAIT)[group].result(timeout=WAIT)
        assert desc.group_id == group
        assert group_state_name(desc.state) == "STABLE"
        assert not desc.is_simple_consumer_group
        assert desc.partition_assignor == "range"
        assert len(desc.members) == 1
        m = desc.members[0]
        assert m.member_id == c.memberid()
        assert sorted((tp.topic, tp.partition) for tp in m.assignment.topic_partitions) == \
            [(topic, p) for p in range(4)]
        assert desc.coordinator.id == 1
    finally:
        c.close()

    desc = a.describe_consumer_groups([group], request_timeout=WAIT)[group].result(timeout=WAIT)
    assert group_state_name(desc.state) == "EMPTY"
    assert desc.members == []


def test_admin_describe_group_with_two_members(broker):
    a = admin(broker)
    topic = unique("adm-groups2")
    group = unique("adm-group2")
    create_topic(a, topic, 4)
    conf = {"partition.assignment.strategy": "roundrobin", "session.timeout.ms": 10000,
            "heartbeat.interval.ms": 500}
    c1, c2 = consumer(broker, group, **conf), consumer(broker, group, **conf)
    try:
        c1.subscribe([topic])
        c2.subscribe([topic])

        def split():
            for c in (c1, c2):
                c.poll(0.2)
            desc = a.describe_consumer_groups([group], request_timeout=WAIT)[group].result(timeout=WAIT)
            if group_state_name(desc.state) != "STABLE" or len(desc.members) != 2:
                return None
            got = [sorted(tp.partition for tp in m.assignment.topic_partitions) for m in desc.members]
            mine = [sorted(tp.partition for tp in c.assignment()) for c in (c1, c2)]
            return (desc, got, mine) if all(got) and sorted(got) == sorted(mine) else None

        desc, got, mine = wait_for(split, "a stable group whose two members each own partitions")
        assert sorted(p for ps in got for p in ps) == [0, 1, 2, 3]
        assert [len(ps) for ps in got] == [2, 2]
        assert {m.member_id for m in desc.members} == {c1.memberid(), c2.memberid()}
        assert desc.partition_assignor == "roundrobin"
    finally:
        c1.close()
        c2.close()


@pytest.mark.parametrize("codec", ["none", "zstd"])
def test_admin_list_offsets(broker, codec):
    a = admin(broker)
    topic = unique("adm-listoffsets")
    create_topic(a, topic, 1)
    base = int(time.time() * 1000) - 60_000
    ts = [base + 1000 * i for i in range(6)]
    ts[3] = base + 100_000  # the newest timestamp sits in the middle
    # one batch (linger), so the broker has to look inside it to answer by timestamp
    p = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all", "linger.ms": 100,
                  "compression.type": codec})
    reports = produce_and_report(p, [dict(topic=topic, value=b"r%d" % i, partition=0, timestamp=t)
                                     for i, t in enumerate(ts)])
    assert [r[2] for r in reports] == list(range(6))

    tp = TopicPartition(topic, 0)

    def offset_for(spec):
        return a.list_offsets({tp: spec}, request_timeout=WAIT)[tp].result(timeout=WAIT)

    assert offset_for(OffsetSpec.earliest()).offset == 0
    assert offset_for(OffsetSpec.latest()).offset == 6
    r = offset_for(OffsetSpec.for_timestamp(base + 1500))  # first record at/after: offset 2
    assert (r.offset, r.timestamp) == (2, base + 2000)
    assert offset_for(OffsetSpec.for_timestamp(base)).offset == 0
    assert offset_for(OffsetSpec.for_timestamp(base + 200_000)).offset == -1
    r = offset_for(OffsetSpec.max_timestamp())
    assert (r.offset, r.timestamp) == (3, base + 100_000)


def test_admin_delete_records(broker):
    a = admin(broker)
    topic = unique("adm-delrecords")
    create_topic(a, topic, 1)
    produce_values(broker, topic, [b"r%d" % i for i in range(10)], partition=0)

    tp = TopicPartition(topic, 0, 4)
    deleted = a.delete_records([tp], request_timeout=WAIT)[tp].result(timeout=WAIT)
    assert deleted.low_watermark == 4
    assert watermarks(broker, topic, 0) == (4, 10)
    tp0 = TopicPartition(topic, 0)
    assert a.list_offsets({tp0: OffsetSpec.earliest()})[tp0].result(timeout=WAIT).offset == 4

    got = read_partitions(broker, topic, {0: 6})
    assert [(m.offset(), m.value()) for m in got[0]] == [(i, b"r%d" % i) for i in range(4, 10)]

    # A consumer group without committed offsets starts at the new low watermark too.
    c = consumer(broker)
    try:
        c.subscribe([topic])
        msgs = poll_n(c, 6)
        assert [m.offset() for m in msgs] == list(range(4, 10))
    finally:
        c.close()

    beyond = TopicPartition(topic, 0, 11)
    with pytest.raises(KafkaException) as e:
        a.delete_records([beyond], request_timeout=WAIT)[beyond].result(timeout=WAIT)
    assert kafka_error(e).code() == KafkaError.OFFSET_OUT_OF_RANGE

    # Offset -1 (OFFSET_END) deletes everything up to the high watermark.
    end = TopicPartition(topic, 0, -1)
    deleted = a.delete_records([end], request_timeout=WAIT)[end].result(timeout=WAIT)
    assert deleted.low_watermark == 10
    assert watermarks(broker, topic, 0) == (10, 10)

    # Survives a restart.
    broker.restart()
    assert watermarks(broker, topic, 0) == (10, 10)


# ----------------------------------------------------------------------------- 4. refused records

def test_compacted_topic_refuses_keyless_record(broker):
    topic = unique("compact-keyless")
    create_topic(broker, topic, 1, config={"cleanup.policy": "compact"})
    p = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all", "retries": 0})
    reports = produce_and_report(p, [dict(topic=topic, value=b"no key", partition=0)])
    err = reports[0][0]
    assert err is not None, "a keyless record on a compacted topic must be refused"
    assert err.code() == KafkaError.INVALID_RECORD, err

    reports = produce_and_report(p, [dict(topic=topic, key=b"k", value=b"with key", partition=0)])
    assert reports[0][0] is None, reports[0][0]
    assert reports[0][2] == 0, "the refused record must not take an offset"
    # a tombstone (key, no value) is accepted and read back with a null value
    reports = produce_and_report(p, [dict(topic=topic, key=b"k", value=None, partition=0)])
    assert reports[0][0] is None and reports[0][2] == 1, reports[0]
    got = read_partitions(broker, topic, {0: 2})
    assert [(m.key(), m.value()) for m in got[0]] == [(b"k", b"with key"), (b"k", None)]


def test_idempotent_producer_keyless_record_on_compacted_topic(broker):
    """The same refusal reaches an idempotent producer as a per-record error, and the producer
    carries on with the next (keyed) records."""
    topic = unique("compact-idem")
    create_topic(broker, topic, 1, config={"cleanup.policy": "compact"})
    p = Producer({"bootstrap.servers": broker.bootstrap, "enable.idempotence": True, "acks": "all"})
    reports = produce_and_report(p, [dict(topic=topic, value=b"no key", partition=0)])
    assert reports[0][0] is not None and reports[0][0].code() == KafkaError.INVALID_RECORD, reports[0][0]
    reports = produce_and_report(p, [dict(topic=topic, key=b"k%d" % i, value=b"v", partition=0) for i in range(3)])
    assert [r[0] for r in reports] == [None] * 3
    assert [r[2] for r in reports] == [0, 1, 2]


def test_record_larger_than_max_message_bytes_is_refused(broker):
    a = admin(broker)
    topic = unique("too-large")
    create_topic(a, topic, 1, config={"max.message.bytes": "2000"})
    p = Producer({"bootstrap.servers": broker.bootstrap, "acks": "all", "retries": 0, "linger.ms": 0})
    reports = produce_and_report(p, [dict(topic=topic, value=b"x" * 5000, partition=0)])
    err = reports[0][0]
    assert err is not None, "a record larger than max.message.bytes must be refused"
    assert err.code() == KafkaError.MSG_SIZE_TOO_LARGE, err

    reports = produce_and_report(p, [dict(topic=topic, value=b"small", partition=0)])
    assert reports[0][0] is None and reports[0][2] == 0

    # Raising the limit lets the same record in.
    r = ConfigResource(ResourceType.TOPIC, topic, incremental_configs=[
        ConfigEntry("max.message.bytes", "100000", incremental_operation=AlterConfigOpType.SET)])
    a.incremental_alter_configs([r], request_timeout=WAIT)[r].result(timeout=WAIT)
    reports = produce_and_report(p, [dict(topic=topic, value=b"y" * 5000, partition=0)])
    assert reports[0][0] is None and reports[0][2] == 1
    got = read_partitions(broker, topic, {0: 2})
    assert [m.value() for m in got[0]] == [b"small", b"y" * 5000]
