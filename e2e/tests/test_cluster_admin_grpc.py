"""The control plane's Admin service (gRPC, proto/moldau.proto), as the operator uses
it: describe brokers and partitions with each replica's progress, fence a broker at once,
elect preferred leaders. The client is generated from the repository's .proto at test time."""

import time

import pytest

from cluster import cluster_factory, create_topic, produce_values  # noqa: F401 - pytest fixture
from conftest import unique


def admin(pb, broker):
    grpc, _, stubs = pb
    return stubs.AdminStub(grpc.insecure_channel(f"{broker.host}:{broker.controller_port}"))


def test_admin_service_describes_fences_and_elects(cluster_factory, pb):
    """Describe: 3 brokers, the active controller, each partition's leader/ISR and, from any
    node, the followers' log end offsets (lag 0 once caught up). FenceBroker on the leader of
    partition 0 moves its leadership within a second (long before the 15 s session timeout)
    and marks it fenced; after the fence lapses it rejoins the ISR and a preferred election
    through the same service makes it leader again."""
    _, m, _ = pb
    c = cluster_factory(overrides={"broker.session.timeout.ms": "15000", "auto.leader.rebalance.enable": "false"})
    topic = unique("admin")
    create_topic(c, topic, partitions=3, replication_factor=3, config={"min.insync.replicas": 2})
    res = produce_values(c.bootstrap, topic, [b"x"] * 20, partition=0)
    assert [e for e, _ in res] == [None] * 20

    brokers = admin(pb, c[1]).DescribeBrokers(m.DescribeBrokersRequest(), timeout=10)
    assert sorted(b.id for b in brokers.brokers) == [1, 2, 3]
    assert brokers.controller_id == c.controller_id()
    assert not any(b.fenced for b in brokers.brokers)
    assert sum(b.leader_count for b in brokers.brokers) >= 3

    leader = c.leader_of(topic, 0)
    other = c.others(leader)[0]

    def p0(via):
        parts = admin(pb, c[via]).DescribePartitions(m.DescribePartitionsRequest(topics=[topic]), timeout=10)
        return next(p for p in parts.partitions if p.partition == 0)

    def caught_up():
        p = p0(other)  # asked on a node that does not lead it: progress comes from the leader
        states = {s.broker_id: s for s in p.replica_states}
        return (p.log_end_offset == 20 and p.high_watermark == 20 and len(states) == 2
                and all(s.log_end_offset == 20 and s.lag_records == 0 and s.in_sync for s in states.values()))
    c.wait_for(caught_up, 30, "followers of partition 0 reported caught up")
    assert sorted(p0(other).isr) == [1, 2, 3]

    t0 = time.time()
    moved = admin(pb, c[other]).FenceBroker(m.FenceBrokerRequest(broker_id=leader), timeout=10)
    assert moved.leaders_moved >= 1
    new = c.wait_leader(topic, 0, not_in=[leader], timeout=5)
    elapsed = time.time() - t0
    assert elapsed < 2.0, f"leadership took {elapsed:.1f}s to move after FenceBroker"
    fenced = {b.id: b.fenced for b in admin(pb, c[new]).DescribeBrokers(m.DescribeBrokersRequest(), timeout=10).brokers}
    assert fenced[leader] and not fenced[new]
    assert leader not in p0(new).isr

    # The broker still runs and heartbeats: once the fence lapses it is unfenced and catches up.
    c.wait_isr(topic, 0, [1, 2, 3], timeout=60)
    result = admin(pb, c[other]).ElectLeaders(
        m.ElectLeadersRequest(election_type=m.PREFERRED, partitions=[m.TopicPartitions(topic=topic, partitions=[0])]),
        timeout=10)
    assert [(r.partition, r.error_code, r.leader) for r in result.results] == [(0, 0, leader)]
    assert c.leader_of(topic, 0) == leader

    missing = admin(pb, c[1])
    with pytest.raises(Exception) as e:
        missing.FenceBroker(m.FenceBrokerRequest(broker_id=42), timeout=10)
    assert "not registered" in str(e.value)


def test_admin_service_manages_topics(cluster_factory, pb):
    """The topic calls the operator's KafkaTopic reconciler uses: CreateTopic (the topic
    exists for Kafka clients with its partitions, replication factor and overrides),
    DescribeTopics (id, counts, overrides only), CreatePartitions (grow only), AlterTopicConfigs
    (replace: keys left out return to the default), DeleteTopic; refusals come back as Kafka
    error codes with the broker's message and change nothing."""
    _, m, _ = pb
    c = cluster_factory()
    a = admin(pb, c[2])
    topic = unique("managed")
    r = a.CreateTopic(m.CreateTopicRequest(name=topic, partitions=2, replication_factor=3,
                                           configs={"retention.ms": "60000", "cleanup.policy": "delete"}), timeout=10)
    assert r.error_code == 0, r.message
    assert len(r.topic_id) == 36
    c.wait_for(lambda: len(c.partitions(topic)) == 2, 30, "the topic in every broker's metadata")
    assert all(len(p.replicas) == 3 for p in c.partitions(topic).values())

    def described():
        ts = a.DescribeTopics(m.DescribeTopicsRequest(topics=[topic]), timeout=10).topics
        assert len(ts) == 1
        return ts[0]
    d = described()
    assert (d.name, d.topic_id, d.partitions, d.replication_factor) == (topic, r.topic_id, 2, 3)
    assert dict(d.configs) == {"retention.ms": "60000", "cleanup.policy": "delete"}
    assert a.DescribeTopics(m.DescribeTopicsRequest(topics=["no-such-topic"]), timeout=10).topics == []

    again = a.CreateTopic(m.CreateTopicRequest(name=topic, partitions=1, replication_factor=1), timeout=10)
    assert again.error_code == 36, again  # TOPIC_ALREADY_EXISTS
    too_many = a.CreateTopic(m.CreateTopicRequest(name=unique("rf"), partitions=1, replication_factor=4), timeout=10)
    assert too_many.error_code == 38 and "3" in too_many.message, too_many  # INVALID_REPLICATION_FACTOR

    assert a.CreatePartitions(m.CreatePartitionsRequest(name=topic, count=5), timeout=10).error_code == 0
    c.wait_for(lambda: len(c.partitions(topic)) == 5, 30, "5 partitions")
    fewer = a.CreatePartitions(m.CreatePartitionsRequest(name=topic, count=3), timeout=10)
    assert fewer.error_code == 37, fewer  # INVALID_PARTITIONS
    assert described().partitions == 5

    assert a.AlterTopicConfigs(m.AlterTopicConfigsRequest(name=topic, configs={"retention.ms": "120000"}),
                               timeout=10).error_code == 0
    # Metadata reaches each node's image shortly after the controller commits it.
    c.wait_for(lambda: dict(described().configs) == {"retention.ms": "120000"}, 10,
               "retention.ms replaced, cleanup.policy back to the default")
    bad = a.AlterTopicConfigs(m.AlterTopicConfigsRequest(name=topic, configs={"retention.ms": "soon"}), timeout=10)
    assert bad.error_code == 40 and "retention.ms" in bad.message, bad  # INVALID_CONFIG
    unknown = a.AlterTopicConfigs(m.AlterTopicConfigsRequest(name=topic, configs={"no.such.key": "1"}), timeout=10)
    assert unknown.error_code == 40 and "no.such.key" in unknown.message, unknown
    assert dict(described().configs) == {"retention.ms": "120000"}, "a refused change changes nothing"

    assert a.DeleteTopic(m.DeleteTopicRequest(name=topic), timeout=10).error_code == 0
    c.wait_for(lambda: a.DescribeTopics(m.DescribeTopicsRequest(topics=[topic]), timeout=10).topics == [], 30,
               "the topic gone")
    gone = a.DeleteTopic(m.DeleteTopicRequest(name=topic), timeout=10)
    assert gone.error_code == 3, gone  # UNKNOWN_TOPIC_OR_PARTITION


def test_admin_service_assigns_leaders(cluster_factory, pb):
    """AssignLeaders (the operator's leader rebalancing): leadership moves to the chosen
    in-sync replica at once; a broker that is not an in-sync replica, or already leads, is
    refused per partition with the Kafka error code, and nothing else moves."""
    _, m, _ = pb
    c = cluster_factory(overrides={"auto.leader.rebalance.enable": "false"})
    topic = unique("assign")
    create_topic(c, topic, partitions=2, replication_factor=2)
    c.wait_full_isr(topic)
    a = admin(pb, c[1])
    parts = {p.partition: p for p in a.DescribePartitions(m.DescribePartitionsRequest(topics=[topic]), timeout=10).partitions}
    p0 = parts[0]
    target = next(r for r in p0.isr if r != p0.leader)
    outsider = next(b for b in c.ids if b not in parts[1].replicas)
    r = a.AssignLeaders(m.AssignLeadersRequest(assignments=[
        m.LeaderAssignment(topic=topic, partition=0, leader=target),
        m.LeaderAssignment(topic=topic, partition=1, leader=parts[1].leader),
        m.LeaderAssignment(topic=topic, partition=1, leader=outsider),
    ]), timeout=10)
    codes = [(x.partition, x.error_code) for x in r.results]
    assert codes == [(0, 0), (1, 84), (1, 83)], r  # moved, ELECTION_NOT_NEEDED, ELIGIBLE_LEADERS_NOT_AVAILABLE
    assert "not an active in-sync replica" in r.results[2].message
    c.wait_leader(topic, 0, among=[target], timeout=10)
    assert c.leader_of(topic, 1) == parts[1].leader, "the refused partition keeps its leader"
