"""Kafka's own command-line tools (4.4, run through their main classes with the jars
e2e/kafka/fetch.sh fetches) against a three-node moldau cluster, and the same commands
against Apache Kafka 4.4, so that every expectation here is what Kafka itself prints. Each
test checks what an operator reads in the output."""

import json
import re
import time

import pytest

from apache_kafka import SYSTEMS, start_system, tool
from conftest import unique

TOPICS = "org.apache.kafka.tools.TopicCommand"
PRODUCER = "org.apache.kafka.tools.ConsoleProducer"
CONSUMER = "org.apache.kafka.tools.consumer.ConsoleConsumer"
GROUPS = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand"
CONFIGS = "org.apache.kafka.tools.ConfigCommand"
GET_OFFSETS = "org.apache.kafka.tools.GetOffsetShell"
LEADER_ELECTION = "org.apache.kafka.tools.LeaderElectionCommand"
REASSIGN = "org.apache.kafka.tools.reassign.ReassignPartitionsCommand"
LOG_DIRS = "org.apache.kafka.tools.LogDirsCommand"
QUORUM = "org.apache.kafka.tools.MetadataQuorumCommand"
API_VERSIONS = "org.apache.kafka.tools.BrokerApiVersionsCommand"
DELETE_RECORDS = "org.apache.kafka.tools.DeleteRecordsCommand"
PRODUCER_PERF = "org.apache.kafka.tools.ProducerPerformance"
CONSUMER_PERF = "org.apache.kafka.tools.ConsumerPerformance"


@pytest.fixture(scope="module", params=SYSTEMS)
def system(request, tmp_path_factory):
    s = start_system(request.param, tmp_path_factory.mktemp(request.param), n=3)
    yield s
    s.close()


def bs(system) -> list[str]:
    return ["--bootstrap-server", system.bootstrap]


def create_topic(system, topic: str, partitions: int = 3, rf: int = 3, *extra: str) -> None:
    out = tool(TOPICS, *bs(system), "--create", "--topic", topic, "--partitions", str(partitions),
               "--replication-factor", str(rf), *extra).stdout
    assert f"Created topic {topic}." in out


def wait_until(what: str, check, timeout: float = 60.0):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = check()
        if last:
            return last
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}; last: {last!r}")


def first_with(text: str, needle: str) -> str | None:
    return text if needle in text else None


def produce_lines(system, topic: str, lines: list[str], *props: str) -> None:
    tool(PRODUCER, *bs(system), "--topic", topic, "--command-property", "acks=all", *props,
         input="".join(f"{ln}\n" for ln in lines))


def consume(system, topic: str, count: int, *args: str) -> list[str]:
    out = tool(CONSUMER, *bs(system), "--topic", topic, "--from-beginning", "--max-messages", str(count),
               "--timeout-ms", "30000", *args).stdout
    return out.splitlines()


def describe_partitions(system, topic: str) -> dict[int, dict[str, str]]:
    """kafka-topics --describe: one dict per partition line (Leader, Replicas, Isr, ...)."""
    out = tool(TOPICS, *bs(system), "--describe", "--topic", topic).stdout
    parts = {}
    for line in out.splitlines():
        if "\tPartition: " in line or line.strip().startswith("Topic:") and "Partition:" in line:
            fields = dict(re.findall(r"(\w+): ([^\t]*)", line))
            parts[int(fields["Partition"])] = fields
    return parts


def test_kafka_topics_create_list_describe_alter_delete(system):
    topic = unique("tools-topics")
    create_topic(system, topic, 3, 3, "--config", "retention.ms=3600000")
    assert topic in tool(TOPICS, *bs(system), "--list").stdout.split()
    out = tool(TOPICS, *bs(system), "--describe", "--topic", topic).stdout
    head = out.splitlines()[0]
    assert f"Topic: {topic}" in head and "PartitionCount: 3" in head and "ReplicationFactor: 3" in head, out
    assert "retention.ms=3600000" in head, out
    parts = describe_partitions(system, topic)
    assert sorted(parts) == [0, 1, 2], out
    for p in parts.values():
        replicas = p["Replicas"].split(",")
        assert sorted(replicas) == ["1", "2", "3"], out
        assert sorted(p["Isr"].split(",")) == ["1", "2", "3"], out
        assert p["Leader"] in replicas, out
    tool(TOPICS, *bs(system), "--alter", "--topic", topic, "--partitions", "5")
    wait_until("5 partitions", lambda: len(describe_partitions(system, topic)) == 5)
    # Shrinking is refused with Kafka's message.
    p = tool(TOPICS, *bs(system), "--alter", "--topic", topic, "--partitions", "2", check=False)
    assert p.returncode != 0 and "InvalidPartitionsException" in p.stdout + p.stderr, p.stdout + p.stderr
    # Creating it again fails with TopicExistsException.
    p = tool(TOPICS, *bs(system), "--create", "--topic", topic, "--partitions", "1", check=False)
    assert p.returncode != 0 and "already exists" in p.stdout + p.stderr, p.stdout + p.stderr
    tool(TOPICS, *bs(system), "--delete", "--topic", topic)
    wait_until("topic deleted", lambda: topic not in tool(TOPICS, *bs(system), "--list").stdout.split())


def test_console_producer_and_consumer_round_trip_with_keys(system):
    topic = unique("tools-console")
    create_topic(system, topic, 1, 3)
    lines = [f"key{i}:value {i}" for i in range(20)]
    produce_lines(system, topic, lines, "--reader-property", "parse.key=true",
                  "--reader-property", "key.separator=:")
    got = consume(system, topic, 20, "--formatter-property", "print.key=true",
                  "--formatter-property", "key.separator=:")
    assert got == lines


def group_rows(system, group: str) -> list[dict[str, str]]:
    """kafka-consumer-groups --describe: its table as dicts keyed by the column headers."""
    out = tool(GROUPS, *bs(system), "--describe", "--group", group).stdout
    rows = [ln.split() for ln in out.splitlines() if ln.strip()]
    header_at = next(i for i, r in enumerate(rows) if r[:2] == ["GROUP", "TOPIC"])
    header = rows[header_at]
    return [dict(zip(header, r)) for r in rows[header_at + 1:] if len(r) >= len(header) - 3]


def test_kafka_consumer_groups_describe_lag_and_reset_offsets(system):
    topic = unique("tools-groups")
    group = unique("tools-group")
    create_topic(system, topic, 2, 3)
    produce_lines(system, topic, [f"a{i}" for i in range(10)], "--command-property", "partitioner.class="
                  "org.apache.kafka.clients.producer.RoundRobinPartitioner")
    assert len(consume(system, topic, 10, "--group", group)) == 10
    # 6 more that the group has not read: its lag.
    produce_lines(system, topic, [f"b{i}" for i in range(6)], "--command-property", "partitioner.class="
                  "org.apache.kafka.clients.producer.RoundRobinPartitioner")
    assert group in tool(GROUPS, *bs(system), "--list").stdout.split()
    rows = group_rows(system, group)
    assert sorted(int(r["PARTITION"]) for r in rows) == [0, 1], rows
    assert all(r["TOPIC"] == topic for r in rows)
    assert sum(int(r["CURRENT-OFFSET"]) for r in rows) == 10, rows
    assert sum(int(r["LOG-END-OFFSET"]) for r in rows) == 16, rows
    assert sum(int(r["LAG"]) for r in rows) == 6, rows
    # Dry run first (nothing changes), then execute.
    out = tool(GROUPS, *bs(system), "--reset-offsets", "--group", group, "--topic", topic, "--to-earliest",
               "--dry-run").stdout
    assert "NEW-OFFSET" in out, out
    assert sum(int(r["CURRENT-OFFSET"]) for r in group_rows(system, group)) == 10
    out = tool(GROUPS, *bs(system), "--reset-offsets", "--group", group, "--topic", topic, "--to-earliest",
               "--execute").stdout
    assert "NEW-OFFSET" in out, out
    rows = group_rows(system, group)
    assert [r["CURRENT-OFFSET"] for r in rows] == ["0", "0"], rows
    assert sum(int(r["LAG"]) for r in rows) == 16, rows
    tool(GROUPS, *bs(system), "--reset-offsets", "--group", group, "--topic", f"{topic}:0", "--to-offset", "2",
         "--execute")
    rows = {r["PARTITION"]: r for r in group_rows(system, group)}
    assert rows["0"]["CURRENT-OFFSET"] == "2", rows
    out = tool(GROUPS, *bs(system), "--delete", "--group", group).stdout
    assert "successful" in out.lower(), out
    assert group not in tool(GROUPS, *bs(system), "--list").stdout.split()


def test_kafka_configs_topic_and_cluster_default(system):
    topic = unique("tools-configs")
    create_topic(system, topic, 1, 3)
    ent = ["--entity-type", "topics", "--entity-name", topic]
    out = tool(CONFIGS, *bs(system), *ent, "--alter", "--add-config", "retention.ms=86400000,max.message.bytes=2000000").stdout
    assert f"Completed updating config for topic {topic}." in out, out
    out = wait_until("configs visible", lambda: first_with(
        tool(CONFIGS, *bs(system), *ent, "--describe").stdout, "max.message.bytes=2000000"))
    assert f"Dynamic configs for topic {topic} are:" in out, out
    assert "retention.ms=86400000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=86400000" in out, out
    out = tool(CONFIGS, *bs(system), *ent, "--alter", "--delete-config", "retention.ms").stdout
    assert "Completed updating config" in out
    wait_until("retention.ms deleted",
               lambda: "retention.ms=" not in tool(CONFIGS, *bs(system), *ent, "--describe").stdout)
    out = tool(CONFIGS, *bs(system), *ent, "--describe", "--all").stdout
    assert "segment.bytes=1073741824 sensitive=false synonyms={DEFAULT_CONFIG:log.segment.bytes=1073741824}" in out, out
    # A bad value is refused with the key named.
    p = tool(CONFIGS, *bs(system), *ent, "--alter", "--add-config", "retention.ms=soon", check=False)
    assert p.returncode != 0 and "retention.ms" in p.stdout + p.stderr, p.stdout + p.stderr
    # Cluster-wide dynamic default, then back.
    dflt = ["--entity-type", "brokers", "--entity-default"]
    out = tool(CONFIGS, *bs(system), *dflt, "--alter", "--add-config", "log.retention.ms=172800000").stdout
    assert "Completed updating default config for brokers in the cluster." in out, out
    out = wait_until("cluster default visible", lambda: first_with(
        tool(CONFIGS, *bs(system), *dflt, "--describe").stdout, "log.retention.ms=172800000"))
    assert "Default configs for brokers in the cluster are:" in out, out
    tool(CONFIGS, *bs(system), *dflt, "--alter", "--delete-config", "log.retention.ms")
    out = tool(CONFIGS, *bs(system), "--entity-type", "brokers", "--entity-name", "1", "--describe", "--all").stdout
    assert "All configs for broker 1 are:" in out, out
    assert re.search(r"^\s+node\.id=1 sensitive=false synonyms=\{STATIC_BROKER_CONFIG:node\.id=1", out, re.M), out


def test_kafka_get_offsets_and_delete_records(system, tmp_path):
    topic = unique("tools-offsets")
    create_topic(system, topic, 2, 3)
    produce_lines(system, topic, [f"r{i}" for i in range(12)], "--command-property", "partitioner.class="
                  "org.apache.kafka.clients.producer.RoundRobinPartitioner")
    def offsets(time_spec: str) -> dict[str, int]:
        out = tool(GET_OFFSETS, *bs(system), "--topic", topic, "--time", time_spec).stdout
        return {ln.rsplit(":", 1)[0]: int(ln.rsplit(":", 1)[1]) for ln in out.split()}
    assert offsets("-1") == {f"{topic}:0": 6, f"{topic}:1": 6}
    assert offsets("-2") == {f"{topic}:0": 0, f"{topic}:1": 0}
    spec = tmp_path / "delete.json"
    spec.write_text(json.dumps({"version": 1, "partitions": [{"topic": topic, "partition": 0, "offset": 4}]}))
    out = tool(DELETE_RECORDS, *bs(system), "--offset-json-file", str(spec)).stdout
    assert f"partition: {topic}-0\tlow_watermark: 4" in out, out
    assert offsets("-2") == {f"{topic}:0": 4, f"{topic}:1": 0}
    # -3: the offset of the record with the largest timestamp (MAX_TIMESTAMP).
    assert set(offsets("-3")) == {f"{topic}:0", f"{topic}:1"}


def test_reassign_partitions_and_leader_election(system, tmp_path):
    topic = unique("tools-reassign")
    tool(TOPICS, *bs(system), "--create", "--topic", topic, "--replica-assignment", "1:2")
    plan = {"version": 1, "partitions": [{"topic": topic, "partition": 0, "replicas": [3, 1], "log_dirs": ["any", "any"]}]}
    f = tmp_path / "plan.json"
    f.write_text(json.dumps(plan))
    # --generate proposes a plan over the given brokers.
    topics_file = tmp_path / "topics.json"
    topics_file.write_text(json.dumps({"version": 1, "topics": [{"topic": topic}]}))
    out = tool(REASSIGN, *bs(system), "--generate", "--topics-to-move-json-file", str(topics_file),
               "--broker-list", "1,2,3").stdout
    assert "Current partition replica assignment" in out and "Proposed partition reassignment configuration" in out, out
    proposed = json.loads(out.split("Proposed partition reassignment configuration")[1].strip().splitlines()[0])
    assert proposed["partitions"][0]["topic"] == topic
    out = tool(REASSIGN, *bs(system), "--execute", "--reassignment-json-file", str(f)).stdout
    assert "Successfully started partition reassignment" in out, out
    wait_until("reassignment completed", lambda: "is completed" in tool(
        REASSIGN, *bs(system), "--verify", "--reassignment-json-file", str(f)).stdout)
    def moved():
        p = describe_partitions(system, topic)
        return p if p[0]["Replicas"] == "3,1" and sorted(p[0]["Isr"].split(",")) == ["1", "3"] else None
    parts = wait_until("replicas 3,1 in sync", moved)
    if parts[0]["Leader"] != "3":
        out = tool(LEADER_ELECTION, *bs(system), "--election-type", "PREFERRED", "--topic", topic,
                   "--partition", "0").stdout
        # The automatic preferred-leader balancing may have got there first.
        assert (f"Successfully completed leader election (PREFERRED) for partitions {topic}-0" in out
                or f"Valid replica already elected for partitions {topic}-0" in out), out
    wait_until("leader 3", lambda: describe_partitions(system, topic)[0]["Leader"] == "3")
    # Every leader is preferred now: nothing to elect, and nothing failed.
    p = tool(LEADER_ELECTION, *bs(system), "--election-type", "PREFERRED", "--all-topic-partitions")
    assert "Failed" not in p.stdout + p.stderr and topic not in p.stdout, p.stdout + p.stderr


def test_kafka_log_dirs(system):
    topic = unique("tools-logdirs")
    create_topic(system, topic, 1, 3)
    produce_lines(system, topic, [f"x{i}" for i in range(30)])
    out = tool(LOG_DIRS, *bs(system), "--describe", "--broker-list", "1,2,3", "--topic-list", topic).stdout
    doc = json.loads(next(ln for ln in out.splitlines() if ln.startswith("{")))
    assert sorted(b["broker"] for b in doc["brokers"]) == [1, 2, 3], doc
    for b in doc["brokers"]:
        assert b["logDirs"], b
        d = b["logDirs"][0]
        assert d["error"] is None and d["logDir"].startswith("/"), d
        parts = [p for p in d["partitions"] if p["partition"] == f"{topic}-0"]
        assert len(parts) == 1, d
        assert parts[0]["size"] > 0 or b["broker"] != -1, parts
    sizes = [p["size"] for b in doc["brokers"] for p in b["logDirs"][0]["partitions"]]
    assert max(sizes) > 30, sizes


def test_kafka_metadata_quorum_status_and_replication(system):
    out = tool(QUORUM, *bs(system), "describe", "--status").stdout
    fields = dict(re.findall(r"^(\w+):\s+(.*)$", out, re.M))
    assert int(fields["LeaderId"]) in (1, 2, 3), out
    assert int(fields["LeaderEpoch"]) >= 1, out
    assert int(fields["HighWatermark"]) > 0, out
    assert int(fields["MaxFollowerLag"]) >= 0, out
    voters = json.loads(fields["CurrentVoters"])
    assert sorted(v["id"] for v in voters) == [1, 2, 3], out
    assert all(v["endpoints"] and v["endpoints"][0].startswith("CONTROLLER://") for v in voters), out
    out = tool(QUORUM, *bs(system), "describe", "--replication").stdout
    rows = [ln.split() for ln in out.splitlines() if ln.strip()]
    assert rows[0][:4] == ["NodeId", "DirectoryId", "LogEndOffset", "Lag"], out
    statuses = {int(r[0]): r[-1] for r in rows[1:]}
    assert sorted(statuses) == [1, 2, 3], out
    assert sorted(statuses.values()) == ["Follower", "Follower", "Leader"], out


def test_kafka_broker_api_versions(system):
    out = tool(API_VERSIONS, *bs(system)).stdout
    for i in (1, 2, 3):
        assert re.search(rf"\(id: {i} rack: null(?: isFenced: false)?\) -> \(", out), out
    for api in ("Produce(0)", "Fetch(1)", "Metadata(3)", "ApiVersions(18)", "DescribeQuorum(55)", "DescribeLogDirs(35)"):
        assert api in out, out
    assert re.search(r"Produce\(0\): \d+ to \d+ \[usable: \d+\]", out), out


def test_producer_and_consumer_perf_test(system):
    topic = unique("tools-perf")
    create_topic(system, topic, 3, 3)
    out = tool(PRODUCER_PERF, "--topic", topic, "--num-records", "20000", "--record-size", "1024",
               "--throughput", "-1", "--producer-props", f"bootstrap.servers={system.bootstrap}", "acks=all",
               timeout=180).stdout
    final = out.strip().splitlines()[-1]
    assert re.match(r"20000 records sent, [\d.]+ records/sec", final), out
    out = tool(CONSUMER_PERF, *bs(system), "--topic", topic, "--num-records", "20000", "--timeout", "60000",
               timeout=180).stdout
    lines = [ln for ln in out.splitlines() if ln.strip()]
    header = [h.strip() for h in lines[0].split(",")]
    values = dict(zip(header, (v.strip() for v in lines[1].split(","))))
    assert int(values["data.consumed.in.nMsg"]) == 20000, out
    assert float(values["data.consumed.in.MB"]) == pytest.approx(20000 * 1024 / 1024 / 1024, rel=0.01), out
