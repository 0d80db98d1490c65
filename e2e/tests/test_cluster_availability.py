"""Too few replicas: with min.insync.replicas=2, acks=all writes are refused (never
acknowledged) once a partition has fewer than two live in-sync replicas, reads of what was
acknowledged keep working, and writes succeed again once a replica returns."""

from confluent_kafka import KafkaError

from cluster import cluster_factory, create_topic, produce_values, read_partitions  # noqa: F401 - pytest fixture
from conftest import unique

# No retries, so the broker's own answer is the delivery error (librdkafka would otherwise
# retry NOT_ENOUGH_REPLICAS until message.timeout.ms and report a timeout).
NO_RETRY = {"retries": 0, "enable.idempotence": False, "request.timeout.ms": 10000, "message.timeout.ms": 20000}


def produce_acked(cluster, topic, values):
    res = produce_values(cluster.bootstrap, topic, values)
    assert [e for e, _ in res] == [None] * len(values), f"acks=all produce failed: {res}\n{cluster.log_tails()}"
    return [o for _, o in res]


def assert_log(cluster, topic, acked: dict[int, bytes], maybe: set[bytes]):
    """The partition holds every acked record at its offset; anything else is a record whose
    produce failed, present at most once."""
    log = read_partitions(cluster.bootstrap, topic, [0])[0]
    stored = dict(log)
    assert {o: stored.get(o) for o in acked} == acked, "acknowledged records missing or moved"
    extra = [v for o, v in log if o not in acked]
    assert all(v in maybe for v in extra), f"unexpected records in the log: {extra[:5]}"
    assert len(extra) == len(set(extra)), f"a failed record was stored twice: {extra}"


def test_two_of_three_brokers_down_refuses_acks_all_keeps_reads(cluster_factory):
    """Kill both followers of a min.insync.replicas=2 partition on a 3-broker cluster (the
    metadata quorum is lost too): acks=all writes to the surviving leader are never
    acknowledged, a consumer still reads every record acknowledged before, and after one
    broker restarts writes succeed again."""
    c = cluster_factory()
    topic = unique("two-down")
    create_topic(c, topic, partitions=1, replication_factor=3, config={"min.insync.replicas": 2})
    before = [f"before-{i}".encode() for i in range(30)]
    assert produce_acked(c, topic, before) == list(range(30))
    leader = c.leader_of(topic, 0)
    followers = c.others(leader)
    for f in followers:
        c.kill(f)

    during = [f"during-{i}".encode() for i in range(5)]
    res = produce_values(c.bootstrap, topic, during, config=NO_RETRY, timeout=60)
    codes = [e.code() if e is not None else None for e, _ in res]
    assert None not in codes, f"acks=all write acknowledged with 1 of 3 replicas alive: {res}"
    # With the quorum gone the ISR cannot shrink, so the leader may also time the write out.
    allowed = {KafkaError.NOT_ENOUGH_REPLICAS, KafkaError.NOT_ENOUGH_REPLICAS_AFTER_APPEND,
               KafkaError.REQUEST_TIMED_OUT, KafkaError._MSG_TIMED_OUT, KafkaError._TIMED_OUT}
    assert set(codes) <= allowed, f"unexpected errors: {[e for e, _ in res]}"
    print(f"acks=all writes with brokers {followers} down: {[e.name() for e, _ in res]}")

    acked = {o: v for o, v in enumerate(before)}
    assert_log(c, topic, acked, set(during))

    c.start(followers[0])
    offset = c.wait_acked(topic, 0, b"after-0", timeout=90)
    acked[offset] = b"after-0"
    assert_log(c, topic, acked, set(during))


def test_isr_below_min_insync_replicas_gets_not_enough_replicas(cluster_factory):
    """Five brokers (the quorum survives two deaths): kill two of a partition's three replicas;
    once the ISR is down to the leader, acks=all writes fail with NOT_ENOUGH_REPLICAS, reads
    still return every acknowledged record, and a returning replica makes writes succeed."""
    c = cluster_factory(n=5)
    topic = unique("below-min-isr")
    create_topic(c, topic, partitions=1, replication_factor=3, config={"min.insync.replicas": 2})
    before = [f"before-{i}".encode() for i in range(30)]
    assert produce_acked(c, topic, before) == list(range(30))
    state = c.partition(topic, 0)
    followers = [r for r in state.replicas if r != state.leader]
    for f in followers:
        c.kill(f)
    c.wait_isr(topic, 0, [state.leader], timeout=60)

    during = [f"during-{i}".encode() for i in range(5)]
    res = produce_values(c.bootstrap, topic, during, config=NO_RETRY, timeout=60)
    codes = [e.code() if e is not None else None for e, _ in res]
    assert None not in codes, f"acks=all write acknowledged with ISR {{{state.leader}}}: {res}"
    assert set(codes) <= {KafkaError.NOT_ENOUGH_REPLICAS, KafkaError.NOT_ENOUGH_REPLICAS_AFTER_APPEND}, \
        f"expected NOT_ENOUGH_REPLICAS, got {[e for e, _ in res]}"
    print(f"acks=all writes with ISR [{state.leader}]: {[e.name() for e, _ in res]}")

    acked = {o: v for o, v in enumerate(before)}
    assert_log(c, topic, acked, set(during))

    c.start(followers[0])
    offset = c.wait_acked(topic, 0, b"after-0", timeout=90)
    acked[offset] = b"after-0"
    assert_log(c, topic, acked, set(during))
    assert c.leader_of(topic, 0) == state.leader
