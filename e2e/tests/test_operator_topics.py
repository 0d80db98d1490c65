"""KafkaTopic end to end: kube-standin with a real 3-broker cluster run by the operator, topics
managed with kubectl apply/patch/delete and checked with real Kafka clients (kcat,
confluent-kafka's AdminClient), including changes made behind the operator's back."""

import json

from standin import REPO
from test_operator import DESCRIBE_TOPIC_CONFIG, cluster, condition, ready_cluster  # noqa: F401 - fixture

TOPIC_YAML = (REPO / "examples" / "topic.yaml").read_text()

# Out-of-band changes and topic facts, as a Kafka user would make and see them.
KAFKA_ADMIN = """
import json, sys
from confluent_kafka.admin import AdminClient, ConfigResource, ConfigEntry, NewPartitions, AlterConfigOpType
a = AdminClient({"bootstrap.servers": sys.argv[1]})
op, topic = sys.argv[2], sys.argv[3]
if op == "describe":
    # All topics: a Metadata request naming one would create it (auto.create.topics.enable).
    t = a.list_topics(timeout=30).topics.get(topic)
    if t is None or t.error is not None:
        print(json.dumps(None))
    else:
        print(json.dumps({str(p): sorted(m.replicas) for p, m in t.partitions.items()}))
elif op == "partitions":
    a.create_partitions([NewPartitions(topic, int(sys.argv[4]))])[topic].result(30)
elif op == "set-config":
    r = ConfigResource(ConfigResource.Type.TOPIC, topic,
                       incremental_configs=[ConfigEntry(sys.argv[4], sys.argv[5], incremental_operation=AlterConfigOpType.SET)])
    a.incremental_alter_configs([r])[r].result(30)
"""


def kafka(s, bootstrap, *args):
    return s.in_cluster(["python3", "-c", KAFKA_ADMIN, bootstrap, *args], timeout=60).stdout


def partitions_of(s, bootstrap, topic):
    return json.loads(kafka(s, bootstrap, "describe", topic))


def kt_where(s, name, pred, timeout=60, message=""):
    return s.wait(lambda: (lambda k: k if pred(k) else None)(s.get("kt", name)), timeout=timeout,
                  message=message or f"KafkaTopic {name}")


def ready_at_generation(k):
    return (k.get("status", {}).get("observedGeneration") == k["metadata"]["generation"]
            and condition(k, "Ready").get("status") == "True")


def stalled(reason):
    return lambda k: condition(k, "Stalled").get("status") == "True" and condition(k, "Stalled").get("reason") == reason


def test_kafkatopic_lifecycle(cluster):
    """kubectl apply -f examples/topic.yaml → the topic exists with 6 partitions of 3 replicas
    and its retention; more partitions are applied; fewer are refused by the API server (CEL)
    and, when the topic grew behind the operator's back, Stalled NotSupported; a config changed
    out of band is reverted, a key removed from the spec returns to the default, a value the
    brokers refuse is Stalled with their message; deleting the object deletes the topic."""
    s, op = cluster
    bootstrap = ready_cluster(s, op)
    s.apply(TOPIC_YAML.replace("my-cluster", "my-cluster"))
    kt = kt_where(s, "orders", ready_at_generation, message="orders Ready")
    st = kt["status"]
    assert (st["partitions"], st["replicationFactor"]) == (6, 3)
    assert st["config"] == {"retention.ms": "604800000"}
    assert len(st["topicId"]) == 36
    assert "kafka.moldau.dev/topic" in kt["metadata"]["finalizers"]
    parts = partitions_of(s, bootstrap, "orders")
    assert sorted(map(int, parts)) == list(range(6)) and all(len(r) == 3 for r in parts.values()), parts

    def retention():
        return tuple(s.in_cluster(["python3", "-c", DESCRIBE_TOPIC_CONFIG, bootstrap, "orders", "retention.ms"]).stdout.split())
    assert retention() == ("604800000", "DYNAMIC_TOPIC_CONFIG")
    row = s.kubectl("get", "kt", "orders").stdout.splitlines()[1].split()
    assert row[:5] == ["orders", "my-cluster", "6", "3", "Ready"], row

    # Grow.
    s.kubectl("patch", "kt", "orders", "--type=merge", "-p", '{"spec": {"partitions": 8}}')
    kt_where(s, "orders", lambda k: ready_at_generation(k) and k["status"]["partitions"] == 8, message="8 partitions")
    assert len(partitions_of(s, bootstrap, "orders")) == 8
    # Shrinking is refused by the schema's transition rule.
    p = s.kubectl("patch", "kt", "orders", "--type=merge", "-p", '{"spec": {"partitions": 4}}', check=False)
    assert p.returncode != 0 and "partitions may only grow" in p.stderr, p.stderr
    # Grown out of band: the spec now asks for fewer than the topic has.
    kafka(s, bootstrap, "partitions", "orders", "10")
    kt = kt_where(s, "orders", stalled("NotSupported"), message="Stalled NotSupported")
    assert "has 10 partitions" in condition(kt, "Stalled")["message"]
    s.kubectl("patch", "kt", "orders", "--type=merge", "-p", '{"spec": {"partitions": 10}}')
    kt_where(s, "orders", lambda k: ready_at_generation(k) and k["status"]["partitions"] == 10, message="10 partitions, Ready")

    # A config changed out of band is put back on the next resync.
    kafka(s, bootstrap, "set-config", "orders", "retention.ms", "1000")
    s.wait(lambda: retention() == ("604800000", "DYNAMIC_TOPIC_CONFIG"), timeout=30, message="retention reverted")
    # Keys: set, then removed from the spec (back to the default).
    s.kubectl("patch", "kt", "orders", "--type=merge", "-p", '{"spec": {"config": {"retention.ms": "3600000", "cleanup.policy": "compact,delete"}}}')
    kt_where(s, "orders", lambda k: ready_at_generation(k) and k["status"]["config"].get("cleanup.policy") == "compact,delete",
             message="the new configs")
    assert retention() == ("3600000", "DYNAMIC_TOPIC_CONFIG")
    s.kubectl("patch", "kt", "orders", "--type=json", "-p", '[{"op": "remove", "path": "/spec/config"}]')
    kt_where(s, "orders", lambda k: ready_at_generation(k) and k["status"].get("config") == {}, message="no overrides")
    assert retention()[1] == "DEFAULT_CONFIG"
    # The brokers' refusal, in their words.
    s.kubectl("patch", "kt", "orders", "--type=merge", "-p", '{"spec": {"config": {"retention.ms": "soon"}}}')
    kt = kt_where(s, "orders", stalled("InvalidConfig"), message="Stalled InvalidConfig")
    assert "retention.ms" in condition(kt, "Stalled")["message"], condition(kt, "Stalled")
    assert retention()[1] == "DEFAULT_CONFIG", "nothing changed"

    s.kubectl("delete", "kt", "orders", "--timeout=60s", timeout=70)
    s.wait(lambda: partitions_of(s, bootstrap, "orders") is None, timeout=30, message="the topic deleted")


def test_kafkatopic_conflicts_replication_and_retain(cluster):
    """Two KafkaTopics for one topic: the older manages it, the newer is Stalled
    ResourceConflict and deleting it leaves the topic; a replication factor above the live
    brokers is refused; 1 → 3 replicas by reassignment, tracked in status; deletionPolicy
    Retain keeps the topic when the object goes."""
    s, op = cluster
    bootstrap = ready_cluster(s, op)
    s.apply("""
apiVersion: kafka.moldau.dev/v1alpha1
kind: KafkaTopic
metadata: {name: events}
spec: {clusterRef: my-cluster, partitions: 3, replicationFactor: 1, deletionPolicy: Retain}
""")
    kt_where(s, "events", ready_at_generation, message="events Ready")
    assert all(len(r) == 1 for r in partitions_of(s, bootstrap, "events").values())
    s.apply("""
apiVersion: kafka.moldau.dev/v1alpha1
kind: KafkaTopic
metadata: {name: events-copy}
spec: {clusterRef: my-cluster, topicName: events, partitions: 5}
""")
    kt = kt_where(s, "events-copy", stalled("ResourceConflict"), message="the newer one Stalled")
    assert "created earlier" in condition(kt, "Stalled")["message"]
    assert len(partitions_of(s, bootstrap, "events")) == 3, "the loser changes nothing"
    s.kubectl("delete", "kt", "events-copy", "--timeout=60s", timeout=70)
    assert len(partitions_of(s, bootstrap, "events")) == 3, "deleting the loser keeps the topic"

    s.kubectl("patch", "kt", "events", "--type=merge", "-p", '{"spec": {"replicationFactor": 4}}')
    kt = kt_where(s, "events", stalled("InvalidReplicationFactor"), message="RF 4 refused")
    assert "3 live broker(s)" in condition(kt, "Stalled")["message"]
    s.kubectl("patch", "kt", "events", "--type=merge", "-p", '{"spec": {"replicationFactor": 3}}')
    kt = kt_where(s, "events", lambda k: ready_at_generation(k) and k["status"]["replicationFactor"] == 3,
                  timeout=120, message="3 replicas")
    assert all(len(r) == 3 for r in partitions_of(s, bootstrap, "events").values())
    assert kt["status"].get("reassigningPartitions") is None

    s.kubectl("delete", "kt", "events", "--timeout=60s", timeout=70)
    assert len(partitions_of(s, bootstrap, "events")) == 3, "Retain: the topic stays"
