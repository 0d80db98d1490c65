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
