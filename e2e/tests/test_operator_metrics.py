"""The operator's cluster exporter end to end on the Kubernetes stand-in with real broker pods:
one scrape of the operator's /metrics shows each cluster's brokers, partitions, replication
lag and consumer-group lag under kafka_exporter's names, every series labelled with the
KafkaCluster's namespace and name. A consumer group that stops consuming while production
goes on shows its lag growing, in records and in seconds; lag is never negative and a
partition the group never committed has no lag series."""

import re
import time
import urllib.request

from standin import REPO, Standin, free_port
from test_operator import Operator, ready_cluster

# Creates the topic, produces `first` records, consumes them all in group "billing" (committing),
# and commits offset 1 of partition 0 only for group "partial"; then closes the consumers.
CONSUME_THEN_STOP = """
import sys
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic
bootstrap, first = sys.argv[1], int(sys.argv[2])
admin = AdminClient({"bootstrap.servers": bootstrap})
admin.create_topics([NewTopic("orders", num_partitions=3, replication_factor=3)])["orders"].result(30)
p = Producer({"bootstrap.servers": bootstrap, "acks": "all"})
for i in range(first):
    p.produce("orders", value=b"x" * 100, partition=i % 3)
assert p.flush(30) == 0
c = Consumer({"bootstrap.servers": bootstrap, "group.id": "billing", "auto.offset.reset": "earliest",
              "enable.auto.commit": False})
c.subscribe(["orders"])
seen = 0
while seen < first:
    m = c.poll(10)
    assert m is not None, f"consumed only {seen}"
    if m.error() is None:
        seen += 1
c.commit(asynchronous=False)
c.close()
partial = Consumer({"bootstrap.servers": bootstrap, "group.id": "partial"})
partial.commit(offsets=[TopicPartition("orders", 0, 1)], asynchronous=False)
partial.close()
"""

PRODUCE = """
import sys
from confluent_kafka import Producer
p = Producer({"bootstrap.servers": sys.argv[1], "acks": "all"})
for i in range(int(sys.argv[2])):
    p.produce("orders", value=b"y" * 100, partition=i % 3)
assert p.flush(30) == 0
"""

LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def scrape(port: int) -> list[tuple[str, dict, float]]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
        text = r.read().decode()
    out = []
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            out.append((m.group(1), dict(LABEL.findall(m.group(2))), float(m.group(3))))
    return out


def values(series, name: str, **labels) -> list[float]:
    return [v for n, l, v in series if n == name and all(l.get(k) == str(x) for k, x in labels.items())]


def test_a_stopped_consumer_group_shows_growing_lag_at_the_operator(tmp_path):
    s = Standin(tmp_path)
    s.kubectl("apply", "-f", str(REPO / "crds" / "moldau.yaml"))
    s.kubectl("wait", "--for=condition=established", "crd/kafkaclusters.kafka.moldau.dev", "--timeout=10s")
    port = free_port()
    op = Operator(s, ["--metrics-listen", f"127.0.0.1:{port}", "--exporter-interval-seconds", "1"])
    try:
        bootstrap = ready_cluster(s, op)
        s.in_cluster(["python3", "-c", CONSUME_THEN_STOP, bootstrap, "300"], timeout=120)
        g = dict(consumergroup="billing", topic="orders")

        def caught_up(m):
            return values(m, "kafka_consumergroup_current_offset_sum", **g) == [300.0] \
                and values(m, "kafka_consumergroup_lag_sum", **g) == [0.0] \
                and values(m, "kafka_consumergroup_current_offset", consumergroup="partial")
        m = s.wait(lambda: (lambda m: caught_up(m) and m)(scrape(port)), timeout=30,
                   message=f"billing caught up at 300 and partial's commit in the operator's metrics\n{op.log_tail()}")

        # The cluster as a whole, every series labelled with the KafkaCluster.
        kafka = [x for x in m if x[0].startswith("kafka_")]
        assert kafka and all(l.get("namespace") == "default" and l.get("cluster") == "my-cluster" for _, l, _ in kafka)
        assert values(m, "moldau_exporter_up") == [1.0]
        assert values(m, "kafka_brokers") == [3.0]
        assert values(m, "kafka_topic_partitions", topic="orders") == [3.0]
        assert sum(values(m, "kafka_topic_partition_current_offset", topic="orders")) == 300
        assert values(m, "kafka_topic_partition_replicas", topic="orders") == [3.0] * 3
        assert values(m, "kafka_topic_partition_in_sync_replica", topic="orders") == [3.0] * 3
        assert values(m, "kafka_topic_partition_under_replicated_partition", topic="orders") == [0.0] * 3
        assert values(m, "moldau_offline_partitions") == [0.0]
        # Two followers per partition, each caught up.
        assert sorted(values(m, "moldau_replica_lag_records", topic="orders")) == [0.0] * 6
        assert sum(values(m, "moldau_partition_leaders")) == sum(values(m, "kafka_topic_partitions"))
        # A group that committed partition 0 only: that partition lags 99, the others have no series.
        assert values(m, "kafka_consumergroup_lag", consumergroup="partial", topic="orders", partition=0) == [99.0]
        assert values(m, "kafka_consumergroup_lag", consumergroup="partial", topic="orders", partition=1) == []
        assert values(m, "kafka_consumergroup_members", consumergroup="billing") == [0.0]

        # Production goes on, billing does not consume: its lag grows, in records and seconds.
        s.in_cluster(["python3", "-c", PRODUCE, bootstrap, "150"], timeout=60)
        m = s.wait(lambda: (lambda m: values(m, "kafka_consumergroup_lag_sum", **g) == [150.0] and m)(scrape(port)),
                   timeout=30, message=f"billing's lag at 150\n{op.log_tail()}")
        assert sorted(values(m, "kafka_consumergroup_lag", **g)) == [50.0] * 3
        first_age = min(values(m, "kafka_consumergroup_lag_seconds", **g) or [-1])
        assert first_age >= 0
        s.in_cluster(["python3", "-c", PRODUCE, bootstrap, "150"], timeout=60)
        m = s.wait(lambda: (lambda m: values(m, "kafka_consumergroup_lag_sum", **g) == [300.0] and m)(scrape(port)),
                   timeout=30, message=f"billing's lag at 300\n{op.log_tail()}")
        # The oldest unread record is the same one, so its age has grown.
        m = s.wait(lambda: (lambda m: min(values(m, "kafka_consumergroup_lag_seconds", **g) or [-1]) >= first_age + 1 and m)(scrape(port)),
                   timeout=30, message="billing's lag in seconds growing")
        assert sum(values(m, "kafka_topic_partition_current_offset", topic="orders")) == 600
        assert all(v >= 0 for n, _, v in m if n.startswith("kafka_consumergroup_lag"))
    finally:
        op.stop()
        s.stop()
