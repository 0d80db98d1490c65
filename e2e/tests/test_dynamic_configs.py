"""Cluster-wide dynamic broker configs (Kafka's `kafka-configs --entity-type brokers
--entity-default`): the broker-level defaults of topic configs, changed while the cluster runs.
What a user notices: existing topics take the new default at once (DescribeConfigs shows it with
the DYNAMIC_DEFAULT_BROKER_CONFIG source, old data really expires), topic overrides still win,
removing the value reverts, keys that need a restart are refused with a message saying so, and
in a cluster the change made through any node reaches every node and survives restarts. The
operator's gRPC pair (DescribeClusterConfigs / AlterClusterConfigs) replaces the whole set.

Both Python clients refuse a BROKER resource with an empty name (they parse it as a broker id),
so the entity-default requests go through `wire`, encoded as the Java AdminClient sends them;
everything else uses confluent-kafka."""

import time

import pytest
from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import (AdminClient, AlterConfigOpType, ConfigEntry, ConfigResource, ConfigSource,
                                   NewTopic, ResourceType)

import wire
from cluster import cluster_factory, create_topic  # noqa: F401 - pytest fixture
from conftest import unique

WAIT = 15
INVALID_CONFIG, INVALID_REQUEST = 40, 42
DYNAMIC_DEFAULT = ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG.value
WEEK_MS = str(7 * 24 * 3600 * 1000)


def admin(bootstrap: str) -> AdminClient:
    return AdminClient({"bootstrap.servers": bootstrap})


def set_default(host, port, ops, validate_only=False):
    """IncrementalAlterConfigs on BROKER "" (ops: (key, OP_*, value)); returns (code, message)."""
    return wire.incremental_alter_configs(host, port, wire.RESOURCE_BROKER, "", ops, validate_only)


def defaults(host, port) -> dict[str, str]:
    """The cluster-wide dynamic defaults as DescribeConfigs on BROKER "" reports them."""
    code, message, configs = wire.describe_configs(host, port, wire.RESOURCE_BROKER, "")
    assert code == 0, message
    for k, c in configs.items():
        assert c["source"] == DYNAMIC_DEFAULT and not c["read_only"], (k, c)
    return {k: c["value"] for k, c in configs.items()}


def topic_configs(a: AdminClient, topic: str) -> dict:
    res = ConfigResource(ResourceType.TOPIC, topic)
    return a.describe_configs([res], request_timeout=WAIT)[res].result(timeout=WAIT)


def broker_configs(a: AdminClient, broker_id: int) -> dict:
    res = ConfigResource(ResourceType.BROKER, str(broker_id))
    return a.describe_configs([res], request_timeout=WAIT)[res].result(timeout=WAIT)


def watermarks(bootstrap: str, topic: str) -> tuple[int, int]:
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": unique("wm")})
    try:
        return c.get_watermark_offsets(TopicPartition(topic, 0), timeout=10, cached=False)
    finally:
        c.close()


def produce(bootstrap: str, topic: str, values: list[bytes]) -> list:
    """Produces one at a time (each its own batch); returns each delivery's error (or None)."""
    p = Producer({"bootstrap.servers": bootstrap, "linger.ms": 0})
    errors = []
    for v in values:
        p.produce(topic, value=v, partition=0, on_delivery=lambda e, m: errors.append(e))
        p.flush(10)
    assert len(errors) == len(values)
    return errors


def test_retention_default_changes_existing_topics_without_restart(broker_factory):
    """log.retention.ms set cluster-wide: an existing topic shows it with the dynamic-default
    source and its old segments are deleted, with the broker never restarted."""
    b = broker_factory({"log.retention.check.interval.ms": "200"})
    a = admin(b.bootstrap)
    topic = unique("dyn-ret")
    a.create_topics([NewTopic(topic, 1, 1, config={"segment.bytes": "1024"})])[topic].result(WAIT)
    assert produce(b.bootstrap, topic, [b"x" * 100] * 30) == [None] * 30
    cfg = topic_configs(a, topic)
    assert (cfg["retention.ms"].value, cfg["retention.ms"].source) == (WEEK_MS, ConfigSource.DEFAULT_CONFIG.value)
    time.sleep(1.0)  # several retention passes: a week's retention deletes nothing
    assert watermarks(b.bootstrap, topic) == (0, 30)

    assert set_default("127.0.0.1", b.port, [("log.retention.ms", wire.OP_SET, "1500")]) == (0, None)
    cfg = topic_configs(a, topic)
    assert cfg["retention.ms"].value == "1500"
    assert cfg["retention.ms"].source == DYNAMIC_DEFAULT
    assert cfg["segment.bytes"].source == ConfigSource.DYNAMIC_TOPIC_CONFIG.value
    assert defaults("127.0.0.1", b.port) == {"log.retention.ms": "1500"}
    # The broker resource shows the key as dynamic, with the value now in force.
    mine = broker_configs(a, 1)
    assert (mine["log.retention.ms"].value, mine["log.retention.ms"].source) == ("1500", DYNAMIC_DEFAULT)
    assert not mine["log.retention.ms"].is_read_only
    assert mine["num.partitions"].is_read_only

    # Everything is past the new retention: the log empties; the log end stays.
    deadline = time.time() + 30
    while time.time() < deadline and watermarks(b.bootstrap, topic)[0] < 30:
        time.sleep(0.3)
    assert watermarks(b.bootstrap, topic) == (30, 30)
    # A topic created now gets the default too.
    fresh = unique("dyn-new")
    a.create_topics([NewTopic(fresh, 1, 1)])[fresh].result(WAIT)
    assert topic_configs(a, fresh)["retention.ms"].value == "1500"


def test_topic_override_wins_and_delete_reverts(broker):
    a = admin(broker.bootstrap)
    plain, pinned = unique("dyn-plain"), unique("dyn-pinned")
    for t, cfg in ((plain, {}), (pinned, {"retention.ms": "86400000", "max.message.bytes": "100000"})):
        a.create_topics([NewTopic(t, 1, 1, config=cfg)])[t].result(WAIT)
    ops = [("log.retention.ms", wire.OP_SET, "3600000"), ("message.max.bytes", wire.OP_SET, "2000")]
    # validate_only checks without changing anything.
    assert set_default("127.0.0.1", broker.port, ops, validate_only=True) == (0, None)
    assert defaults("127.0.0.1", broker.port) == {}
    assert set_default("127.0.0.1", broker.port, ops) == (0, None)

    cfg = topic_configs(a, plain)
    assert (cfg["retention.ms"].value, cfg["retention.ms"].source) == ("3600000", DYNAMIC_DEFAULT)
    assert (cfg["max.message.bytes"].value, cfg["max.message.bytes"].source) == ("2000", DYNAMIC_DEFAULT)
    cfg = topic_configs(a, pinned)
    assert (cfg["retention.ms"].value, cfg["retention.ms"].source) == \
        ("86400000", ConfigSource.DYNAMIC_TOPIC_CONFIG.value)
    # The produce path enforces the effective limit: 5000 bytes is too large for the topic
    # that follows the new default, fine for the one with its own limit.
    (err,) = produce(broker.bootstrap, plain, [b"z" * 5000])
    assert err is not None and err.code() == KafkaError.MSG_SIZE_TOO_LARGE, err
    assert produce(broker.bootstrap, pinned, [b"z" * 5000]) == [None]

    # APPEND on a list key starts from the value in force ("delete").
    assert set_default("127.0.0.1", broker.port, [("log.cleanup.policy", wire.OP_APPEND, "compact")]) == (0, None)
    assert topic_configs(a, plain)["cleanup.policy"].value == "delete,compact"
    assert set_default("127.0.0.1", broker.port, [("log.cleanup.policy", wire.OP_SUBTRACT, "compact")]) == (0, None)
    assert topic_configs(a, plain)["cleanup.policy"].value == "delete"

    # DELETE reverts to the static/built-in default.
    assert set_default("127.0.0.1", broker.port, [("log.retention.ms", wire.OP_DELETE, None),
                                                  ("message.max.bytes", wire.OP_DELETE, None)]) == (0, None)
    cfg = topic_configs(a, plain)
    assert (cfg["retention.ms"].value, cfg["retention.ms"].source) == (WEEK_MS, ConfigSource.DEFAULT_CONFIG.value)
    assert produce(broker.bootstrap, plain, [b"z" * 5000]) == [None]
    assert defaults("127.0.0.1", broker.port) == {"log.cleanup.policy": "delete"}
    # AlterConfigs replaces the whole set: keys not given are removed.
    assert wire.alter_configs("127.0.0.1", broker.port, wire.RESOURCE_BROKER, "",
                              {"log.segment.bytes": "1048576"}) == (0, None)
    assert defaults("127.0.0.1", broker.port) == {"log.segment.bytes": "1048576"}
    assert topic_configs(a, plain)["segment.bytes"].value == "1048576"


def test_min_insync_replicas_default_applies_to_acks_all(broker):
    """min.insync.replicas is read by the produce path per partition: a cluster default of 2
    makes acks=all fail on a single-replica topic at once, and removing it lets writes in."""
    topic = unique("dyn-minisr")
    a = admin(broker.bootstrap)  # kept referenced while its future is pending
    a.create_topics([NewTopic(topic, 1, 1)])[topic].result(WAIT)

    def send(acks):
        p = Producer({"bootstrap.servers": broker.bootstrap, "acks": acks, "retries": 0, "linger.ms": 0,
                      "message.timeout.ms": 10000})
        got = []
        p.produce(topic, value=b"v", partition=0, on_delivery=lambda e, m: got.append(e))
        p.flush(15)
        return got[0]

    assert send("all") is None
    assert set_default("127.0.0.1", broker.port, [("min.insync.replicas", wire.OP_SET, "2")]) == (0, None)
    err = send("all")
    assert err is not None and err.code() == KafkaError.NOT_ENOUGH_REPLICAS, err
    assert send("1") is None, "acks=1 does not wait for the ISR"
    assert set_default("127.0.0.1", broker.port, [("min.insync.replicas", wire.OP_DELETE, None)]) == (0, None)
    assert send("all") is None


def test_keys_needing_a_restart_and_bad_values_are_refused(broker):
    a = admin(broker.bootstrap)
    topic = unique("dyn-refuse")
    a.create_topics([NewTopic(topic, 1, 1)])[topic].result(WAIT)
    before = broker_configs(a, 1)
    for key, value in (("num.partitions", "3"), ("log.dirs", "/elsewhere"), ("log.retention.hours", "1")):
        code, message = set_default("127.0.0.1", broker.port, [(key, wire.OP_SET, value)])
        assert code == INVALID_CONFIG, (key, code, message)
        assert key in message and "read-only" in message and "restart" in message, message
    code, message = set_default("127.0.0.1", broker.port, [("log.retention.ms", wire.OP_SET, "1000"),
                                                           ("log.segment.bytes", wire.OP_SET, "ten")])
    assert code == INVALID_CONFIG
    assert "log.segment.bytes" in message and "ten" in message and "integer" in message, message
    code, message = set_default("127.0.0.1", broker.port, [("log.retention.ms", wire.OP_SET, "-7")])
    assert code == INVALID_CONFIG and "at least -1" in message, message
    code, message = set_default("127.0.0.1", broker.port, [("no.such.config", wire.OP_SET, "1")])
    assert code == INVALID_CONFIG and "unknown broker config" in message, message
    code, message = wire.alter_configs("127.0.0.1", broker.port, wire.RESOURCE_BROKER, "",
                                       {"log.retention.ms": "1000", "num.partitions": "3"})
    assert code == INVALID_CONFIG and "num.partitions" in message, message
    # Nothing changed: not the valid key sent alongside, not the broker's own configs.
    assert defaults("127.0.0.1", broker.port) == {}
    assert topic_configs(a, topic)["retention.ms"].value == WEEK_MS
    after = broker_configs(a, 1)
    assert {k: e.value for k, e in after.items()} == {k: e.value for k, e in before.items()}

    # Per-broker dynamic configs (a broker id as the name) are refused, pointing at the default.
    res = ConfigResource(ResourceType.BROKER, "1", incremental_configs=[
        ConfigEntry("log.retention.ms", "1000", incremental_operation=AlterConfigOpType.SET)])
    with pytest.raises(KafkaException) as e:
        a.incremental_alter_configs([res], request_timeout=WAIT)[res].result(timeout=WAIT)
    err = e.value.args[0]
    assert err.code() == KafkaError.INVALID_REQUEST, err
    assert "entity-default" in err.str(), err.str()
    assert topic_configs(a, topic)["retention.ms"].value == WEEK_MS


# ---- a 3-node cluster and the operator's gRPC calls


def grpc_admin(pb, node):
    grpc, _, stubs = pb
    return stubs.AdminStub(grpc.insecure_channel(f"{node.host}:{node.controller_port}"))


def seen_on(c, i: int, topic: str) -> tuple[dict, tuple]:
    """Node i's own view: the cluster defaults, and the topic's retention.ms (value, source)."""
    b = c[i]
    code, message, configs = wire.describe_configs(b.host, b.port, wire.RESOURCE_TOPIC, topic)
    assert code == 0, message
    return defaults(b.host, b.port), (configs["retention.ms"]["value"], configs["retention.ms"]["source"])


def test_cluster_change_reaches_every_node_and_survives_restarts(cluster_factory, pb):
    _, m, _ = pb
    c = cluster_factory()
    topic = unique("dyn-cluster")
    create_topic(c, topic, partitions=1, replication_factor=3)
    controller = c.controller_id()
    via = c.others(controller)[0]  # a node that must forward to the active controller
    assert set_default(c[via].host, c[via].port, [("log.retention.ms", wire.OP_SET, "3600000"),
                                                  ("min.insync.replicas", wire.OP_SET, "2")]) == (0, None)
    want = ({"log.retention.ms": "3600000", "min.insync.replicas": "2"}, ("3600000", DYNAMIC_DEFAULT))
    for i in c.ids:
        c.wait_for(lambda: seen_on(c, i, topic) == want, 10, f"node {i} to show the new default")
    for i in c.ids:
        got = grpc_admin(pb, c[i]).DescribeClusterConfigs(m.DescribeClusterConfigsRequest(), timeout=10)
        assert dict(got.configs) == want[0]

    # Replace through gRPC, on another node that is not the controller either.
    other = c.others(controller, via)[0]
    reply = grpc_admin(pb, c[other]).AlterClusterConfigs(
        m.AlterClusterConfigsRequest(configs={"log.retention.ms": "7200000", "log.segment.bytes": "1048576"}),
        timeout=10)
    assert (reply.error_code, reply.message) == (0, "")
    want = ({"log.retention.ms": "7200000", "log.segment.bytes": "1048576"}, ("7200000", DYNAMIC_DEFAULT))
    for i in c.ids:
        c.wait_for(lambda: seen_on(c, i, topic) == want, 10, f"node {i} to show the replaced set")

    # Every node restarted (one at a time, then all at once): the values come back from the
    # metadata log.
    for i in c.ids:
        c.restart(i)
    c.wait_ready()
    for i in c.ids:
        c.stop(i)
    c.start()
    c.wait_ready()
    for i in c.ids:
        c.wait_for(lambda: seen_on(c, i, topic) == want, 30, f"node {i} to keep the defaults after restarts")


def test_grpc_alter_cluster_configs_validates_and_replaces(cluster_factory, pb):
    _, m, _ = pb
    c = cluster_factory(n=1)
    node = c[1]
    stub = grpc_admin(pb, node)

    def current():
        return dict(stub.DescribeClusterConfigs(m.DescribeClusterConfigsRequest(), timeout=10).configs)

    def alter(configs, validate_only=False):
        r = stub.AlterClusterConfigs(m.AlterClusterConfigsRequest(configs=configs, validate_only=validate_only),
                                     timeout=10)
        return r.error_code, r.message

    assert current() == {}
    assert alter({"log.retention.ms": "1000", "unclean.leader.election.enable": "true"}, validate_only=True) == (0, "")
    assert current() == {}
    assert alter({"log.retention.ms": "1000", "unclean.leader.election.enable": "true"}) == (0, "")
    assert current() == {"log.retention.ms": "1000", "unclean.leader.election.enable": "true"}
    # Seen through the Kafka API too.
    assert defaults(node.host, node.port) == current()

    code, message = alter({"log.retention.ms": "2000", "num.partitions": "4"})
    assert code == INVALID_CONFIG and "num.partitions" in message and "read-only" in message, message
    code, message = alter({"unclean.leader.election.enable": "perhaps"})
    assert code == INVALID_CONFIG and "unclean.leader.election.enable" in message, message
    assert current() == {"log.retention.ms": "1000", "unclean.leader.election.enable": "true"}

    assert alter({"log.flush.interval.messages": "10000"}) == (0, "")
    assert current() == {"log.flush.interval.messages": "10000"}
    assert alter({}) == (0, "")
    assert current() == {}
