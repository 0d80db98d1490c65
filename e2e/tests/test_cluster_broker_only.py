"""Broker-only nodes (process.roles=broker): three voters form the metadata quorum and a fourth
node is only a broker. It gets the metadata, holds replicas, leads partitions, and survives a
restart like any other broker."""

from cluster import cluster_factory, create_topic, produce_values, read_partitions  # noqa: F401 - pytest fixture
from conftest import unique


def test_broker_only_node_replicates_and_leads(cluster_factory):
    """A 4-partition topic with replication factor 4 on 3 voters + 1 broker-only node: every
    partition is fully in sync, the broker-only node leads one, acknowledged records are read
    back through it, and after a SIGKILL and restart it catches up and rejoins every ISR."""
    c = cluster_factory(n=4, voters=3)
    assert c.broker_ids() == {1, 2, 3, 4}
    assert c.controller_id() in {1, 2, 3}, "only voters can be the active controller"
    topic = unique("broker-only")
    create_topic(c, topic, partitions=4, replication_factor=4, config={"min.insync.replicas": 2})
    parts = c.partitions(topic)
    assert all(sorted(s.isr) == [1, 2, 3, 4] for s in parts.values()), parts
    assert [s.leader for s in parts.values()].count(4) == 1, f"broker 4 should lead one partition: {parts}"

    values = [f"v{i}".encode() for i in range(40)]
    for p in range(4):
        res = produce_values(c.bootstrap_of(4), topic, values[p::4], partition=p)
        assert [e for e, _ in res] == [None] * 10, res
    c.kill(4)
    more = [f"w{i}".encode() for i in range(10)]
    res = produce_values(c.bootstrap_of(1, 2, 3), topic, more, partition=3)
    assert [e for e, _ in res] == [None] * 10, f"writes must go on without the broker-only node: {res}"
    c.start(4)
    c.wait_full_isr(topic, timeout=90)
    got = read_partitions(c.bootstrap_of(4), topic, range(4))
    assert sorted(v for p in got.values() for _, v in p) == sorted(values + more)
