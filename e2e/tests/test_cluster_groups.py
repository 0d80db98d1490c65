"""Group coordinator failover: committed offsets live in the replicated __consumer_offsets
topic, so a consumer group resumes where it left off after its coordinator is killed."""

import time

from confluent_kafka import Consumer, TopicPartition

from cluster import cluster_factory, create_topic, produce_values  # noqa: F401 - pytest fixture
from conftest import unique


def coordinator_of(cluster, group: str) -> int:
    desc = cluster.admin().describe_consumer_groups([group], request_timeout=10)[group].result(20)
    return desc.coordinator.id


def test_committed_offsets_survive_coordinator_kill(cluster_factory):
    """A group commits offsets (with metadata) for a replicated topic; its coordinator is
    SIGKILLed; a new consumer of the group gets the same committed offsets from the new
    coordinator and resumes consuming exactly there."""
    c = cluster_factory(overrides={"offsets.topic.replication.factor": "3", "offsets.topic.num.partitions": "6"})
    topic, group = unique("coord"), unique("g")
    create_topic(c, topic, partitions=3, replication_factor=3, config={"min.insync.replicas": 2})
    for p in range(3):
        res = produce_values(c.bootstrap, topic, [f"p{p}-{i}".encode() for i in range(20)], partition=p)
        assert [e for e, _ in res] == [None] * 20, res
    wanted = [(p, 5 + p, f"m{p}") for p in range(3)]

    cons = Consumer({"bootstrap.servers": c.bootstrap, "group.id": group, "enable.auto.commit": False,
                     "log_level": 2})

    def commit():
        done = cons.commit(offsets=[TopicPartition(topic, p, o, metadata=m) for p, o, m in wanted],
                           asynchronous=False)
        return all(tp.error is None for tp in done)

    # The first commit creates __consumer_offsets; retried within the bound until it is there.
    c.wait_for(commit, 60, "the first offset commit to succeed")
    cons.close()

    coordinator = c.wait_for(lambda: coordinator_of(c, group), 30, f"the coordinator of {group}")
    c.kill(coordinator)

    cons = Consumer({"bootstrap.servers": c.bootstrap, "group.id": group, "enable.auto.commit": False,
                     "auto.offset.reset": "earliest", "log_level": 2})
    try:
        def committed():
            got = cons.committed([TopicPartition(topic, p) for p in range(3)], timeout=10)
            return got if all(tp.error is None for tp in got) else None

        got = c.wait_for(committed, 90, "committed offsets from the new coordinator")
        assert [(tp.partition, tp.offset, tp.metadata) for tp in got] == wanted
        new = c.wait_for(lambda: coordinator_of(c, group), 30, f"the new coordinator of {group}")
        assert new != coordinator and new in c.alive()

        # The group resumes at the committed offsets.
        cons.subscribe([topic])
        first: dict[int, tuple[int, bytes]] = {}
        deadline = time.time() + 60
        while len(first) < 3 and time.time() < deadline:
            m = cons.poll(0.5)
            if m is None or m.error():
                continue
            first.setdefault(m.partition(), (m.offset(), m.value()))
        assert first == {p: (o, f"p{p}-{o}".encode()) for p, o, _ in wanted}, \
            f"resumed at {first}\n{c.log_tails()}"
    finally:
        cons.close()
