"""Network partition: a leader cut off from the other brokers (clients still reach it) must
not acknowledge acks=all writes; the majority elects a new leader that takes writes; after
the partition heals the old leader drops its divergent, never-acknowledged suffix."""

import threading

from confluent_kafka import KafkaError

from cluster import (cluster_factory, create_topic, elect_preferred, produce_raw, produce_values,  # noqa: F401
                     read_partitions, require_nft)
from conftest import unique

# Produce answers an isolated leader may give: not enough replicas, timed out, no longer leader.
REFUSALS = {KafkaError.NOT_ENOUGH_REPLICAS, KafkaError.NOT_ENOUGH_REPLICAS_AFTER_APPEND,
            KafkaError.REQUEST_TIMED_OUT, KafkaError.NOT_LEADER_FOR_PARTITION}


def test_isolated_leader_acknowledges_nothing_and_truncates_after_heal(cluster_factory):
    """Isolate the leader of a min.insync.replicas=2 partition from the other two brokers:
    acks=all produce requests sent straight to it are never acknowledged; the other two elect
    a new leader, whose writes succeed; after healing, the old leader rejoins the ISR and,
    leading again, serves exactly the acknowledged records: none written during the isolation."""
    require_nft()
    c = cluster_factory(overrides={"auto.leader.rebalance.enable": "false"})
    topic = unique("isolated")
    create_topic(c, topic, partitions=1, replication_factor=3, config={"min.insync.replicas": 2})
    old = c.partition(topic, 0)
    if old.leader != old.replicas[0]:  # start from the preferred leader, so it can be restored
        elect_preferred(c, topic, [0])
        c.wait_preferred_leaders(topic, timeout=30)
        old = c.partition(topic, 0)
    leader = old.leader
    majority = c.others(leader)

    before = [f"before-{i}".encode() for i in range(20)]
    res = produce_values(c.bootstrap, topic, before, config={"enable.idempotence": True})
    assert res == [(None, o) for o in range(20)], res

    c.isolate(leader)
    refused: list = []

    def write_to_isolated_leader():
        for k in range(3):
            refused.append(produce_raw(c[leader].host, c[leader].port, topic, 0,
                                       [f"iso-{k}-{j}".encode() for j in range(3)], acks=-1))

    t = threading.Thread(target=write_to_isolated_leader)
    t.start()
    try:
        # The majority elects a new leader (asked of the majority: the isolated broker still
        # answers clients, with its stale view).
        def new_leader():
            seen = {c.leader_of(topic, 0, via=i) for i in majority}
            return next(iter(seen)) if len(seen) == 1 and seen <= set(majority) else None

        new = c.wait_for(new_leader, 60, f"brokers {majority} to agree on a new leader")
        after = [f"after-{i}".encode() for i in range(20)]
        res = produce_values(c.bootstrap_of(*majority), topic, after, config={"enable.idempotence": True},
                             timeout=60)
        assert [e for e, _ in res] == [None] * 20, f"writes to the new leader {new} failed: {res}"
        # The new leader continues right after the acknowledged records: nothing of the
        # isolated leader's writes reached it.
        assert [o for _, o in res] == list(range(20, 40))
    finally:
        t.join(60)
    assert not t.is_alive()
    assert refused and all(err != 0 for err, _ in refused), \
        f"the isolated leader acknowledged an acks=all write: {refused}"
    assert all(err is None or err in REFUSALS for err, _ in refused), f"unexpected answers: {refused}"
    print(f"isolated leader {leader} answered {refused}; new leader {new}")

    c.heal(leader)
    assert c.nft_rules().count("drop") == 0
    c.wait_isr(topic, 0, old.replicas, timeout=90, via=new)
    c.wait_for(lambda: c.leader_of(topic, 0, via=leader) == new, 30, f"broker {leader} to see leader {new}")

    expected = [(o, v) for o, v in enumerate(before + after)]
    assert read_partitions(c.bootstrap, topic, [0])[0] == expected, "log under the new leader"

    errors = elect_preferred(c, topic, [0])
    assert not errors, f"preferred election back to broker {leader} failed: {errors}"
    c.wait_for(lambda: all(c.leader_of(topic, 0, via=i) == leader for i in c.ids), 30,
               f"every broker to see {leader} leading again")
    log = read_partitions(c.bootstrap, topic, [0])[0]
    assert log == expected, f"the old leader kept records it never acknowledged: {[v for _, v in log if v.startswith(b'iso')]}"
