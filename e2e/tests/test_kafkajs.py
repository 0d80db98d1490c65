"""End-to-end tests with kafkajs 2.2.4 (Node.js): e2e/clients/node/client.js creates a topic
(admin.createTopics), produces keyed records with the idempotent producer (acks -1, one
request in flight), consumes them in a consumer group (eachMessage) and commits, reads the
committed offsets back (admin.fetchOffsets) and the end offsets (admin.fetchTopicOffsets),
uses admin.fetchTopicMetadata, listGroups, describeGroups and deleteTopics, and prints a JSON
summary that these tests check (same shape and checks as the Go clients', test_go_clients.py).
e2e/clients/build.sh installs kafkajs (npm ci)."""

import shutil

import pytest

from test_go_clients import (BUILD_HINT, COUNT, PARTITIONS, RUN_TIMEOUT, check_consumed, check_offsets,
                             check_round_trip, check_stored, confluent_read, confluent_topics, positions, run_go,
                             run_program)
from conftest import REPO, unique

NODE_DIR = REPO / "e2e" / "clients" / "node"


def kafkajs(broker, topic: str, group: str, *flags: str, count: int = COUNT) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the kafkajs client needs Node.js 18+")
    if not (NODE_DIR / "node_modules" / "kafkajs" / "package.json").exists():
        pytest.fail(f"kafkajs is not installed in {NODE_DIR}: {BUILD_HINT}")
    cmd = [node, str(NODE_DIR / "client.js"), "--bootstrap", broker.bootstrap, "--topic", topic, "--group", group,
           "--count", str(count), "--partitions", str(PARTITIONS), "--timeout-ms", str(RUN_TIMEOUT * 1000), *flags]
    return run_program(cmd, f"kafkajs ({topic})", lambda: f"--- broker log tail ---\n{broker.log_tail(30)}")


@pytest.mark.parametrize("compression", ["none", "gzip"])
def test_kafkajs_round_trip(broker, compression):
    """kafkajs on its own: createTopics, 300 keyed records from the idempotent producer (each in
    the Java client's murmur2 partition), each consumed exactly once in a group and committed;
    fetchOffsets equals the end offsets; describeGroups/listGroups show the group (Stable, one
    member owning every partition). A second run deletes the topic (deleteTopics)."""
    topic, group = unique("js"), unique("g-js")
    s = kafkajs(broker, topic, group, "--compression", compression)
    assert s["client"] == "kafkajs"
    check_round_trip(s, topic, group)
    check_stored(broker, topic, idempotent=True, codec=compression)

    d = kafkajs(broker, topic, group, "--no-create", "--no-produce", "--no-consume", "--delete")
    assert d["admin"]["delete_topic"] == {"deleted": True, "listed_after": False}
    assert topic not in confluent_topics(broker.bootstrap)


def test_kafkajs_records_read_by_confluent_and_franz_records_read_by_kafkajs(broker):
    """Records kafkajs produced are what librdkafka reads (offsets, keys, values, headers); and
    a kafkajs group consumes, exactly once, gzip records franz-go produced to a topic franz-go
    created, committing offsets equal to the end offsets."""
    topic, group = unique("x-js"), unique("g-js")
    s = kafkajs(broker, topic, group)
    check_round_trip(s, topic, group)
    read = confluent_read(broker.bootstrap, topic, PARTITIONS)
    assert positions(read) == positions(s["produced_records"])
    assert {r["header"] for r in read} == {"kafkajs"}

    # kafkajs has no snappy codec built in, and snappy is kgo's default: franz-go uses gzip.
    topic2, franz_group, js_group = unique("x-franz"), unique("g-franz"), unique("g-js2")
    f = run_go("franz", broker, topic2, franz_group, compression="gzip")
    per = check_round_trip(f, topic2, franz_group)
    j = kafkajs(broker, topic2, js_group, "--no-create", "--no-produce")
    check_consumed(j, positions(f["produced_records"]), header="franz-go")
    check_offsets(j, per)
    assert {franz_group, js_group} <= set(j["admin"]["list_groups"])
