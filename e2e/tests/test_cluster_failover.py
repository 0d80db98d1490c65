"""Three-broker cluster failover: a leader killed mid-stream, its return to the ISR and to
leadership (automatic and on request), the active controller killed, and a controlled
shutdown (SIGTERM) that hands leadership over before the process exits."""

import signal
import time
from collections import Counter

from confluent_kafka import KafkaError

from cluster import cluster_factory, create_topic, elect_preferred, produce_values, read_all  # noqa: F401 - pytest fixture
from conftest import unique
from verifier import Verifier

MIN_ISR_2 = {"min.insync.replicas": 2}
RATE = 1000  # records per second produced by the verifier


def led_by(cluster, topic, broker) -> list[int]:
    return sorted(p for p, s in cluster.partitions(topic).items() if s.leader == broker)


def preferred_of(cluster, topic, broker) -> list[int]:
    return sorted(p for p, s in cluster.partitions(topic).items() if s.replicas[0] == broker)


def test_leader_kill_loses_nothing_and_leadership_returns(cluster_factory):
    """SIGKILL of a partition leader while an idempotent acks=all producer runs: production
    resumes on a new leader, no acknowledged record is lost or duplicated; the broker, once
    restarted, rejoins every ISR, gets its preferred leaderships back by itself, and serves
    every acknowledged record as leader."""
    c = cluster_factory(overrides={"auto.leader.rebalance.enable": "true",
                                   "leader.imbalance.check.interval.seconds": "5"})
    topic = unique("leader-kill")
    create_topic(c, topic, partitions=6, replication_factor=3, config=MIN_ISR_2)
    v = Verifier(c.bootstrap, topic, 6, rate=RATE).start()
    try:
        v.wait_acks(500, timeout=60, cluster=c)
        victim = c.leader_of(topic, 0)
        moved = led_by(c, topic, victim)
        c.kill(victim)
        for p in moved:
            c.wait_leader(topic, p, not_in=[victim], timeout=60)
        # Production resumes on every partition the dead broker led.
        for p in moved:
            v.wait_acks(100, partition=p, timeout=60, cluster=c)
    finally:
        counts = v.stop()
    s = v.check(c)
    print(f"killed broker {victim} (led {moved}); producer {counts}; check {s}")
    assert s.fatal is None, f"the idempotent producer hit a fatal error: {s.fatal}"

    c.start(victim)
    c.wait_ready()
    c.wait_full_isr(topic, timeout=90)
    assert all(victim in s.isr for s in c.partitions(topic).values() if victim in s.replicas)
    c.wait_preferred_leaders(topic, timeout=90)
    assert Counter(c.leaders(topic).values()) == {1: 2, 2: 2, 3: 2}
    # The returning broker leads again and serves everything that was acknowledged.
    v.check(c)


def test_preferred_leader_election_on_request(cluster_factory):
    """With automatic rebalancing off, a broker that comes back does not take its
    leaderships back by itself; AdminClient.elect_leaders(PREFERRED) moves them back at once,
    and every record is still readable."""
    c = cluster_factory(overrides={"auto.leader.rebalance.enable": "false",
                                   "leader.imbalance.check.interval.seconds": "2"})
    topic = unique("elect")
    create_topic(c, topic, partitions=6, replication_factor=3, config=MIN_ISR_2)
    victim = c.leader_of(topic, 0)
    preferred = preferred_of(c, topic, victim)
    c.kill(victim)
    for p in preferred:
        c.wait_leader(topic, p, not_in=[victim], timeout=60)
    # Records written while the broker is away: it must catch up before it can lead.
    acked = {}
    for p in range(6):
        res = produce_values(c.bootstrap, topic, [f"p{p}-{i}".encode() for i in range(20)], partition=p)
        assert [e for e, _ in res] == [None] * 20, res
        acked.update({(p, o): f"p{p}-{i}".encode() for i, (_, o) in enumerate(res)})

    c.start(victim)
    c.wait_ready()
    c.wait_full_isr(topic, timeout=90)
    time.sleep(3)  # longer than leader.imbalance.check.interval.seconds: automatic rebalancing had its chance
    leaders = c.leaders(topic)
    assert all(leaders[p] != victim for p in preferred), \
        f"leadership moved back with auto.leader.rebalance.enable=false: {leaders}"

    errors = elect_preferred(c, topic, range(6))
    for p, e in errors.items():
        assert p not in preferred and e.code() == KafkaError.ELECTION_NOT_NEEDED, \
            f"partition {p}: preferred election failed: {e}"
    c.wait_preferred_leaders(topic, timeout=30)
    assert all(c.leader_of(topic, p) == victim for p in preferred)
    assert read_all(c.bootstrap, topic, 6) == acked


def test_controller_kill_elects_new_controller_and_partitions_still_fail_over(cluster_factory):
    """SIGKILL of the active controller: the other brokers agree on a new controller among
    themselves, the dead broker's partitions get new leaders, a new topic can be created and
    used, and a leader killed afterwards is replaced from the ISR, with the ISR shrinking in
    metadata."""
    c = cluster_factory()
    pre = unique("before-controller")
    create_topic(c, pre, partitions=3, replication_factor=3, config=MIN_ISR_2)
    old = c.wait_for(lambda: c.agreed_controller(), 30, "all brokers to agree on the active controller")
    assert c.controller_id() == old
    moved = led_by(c, pre, old)
    c.kill(old)
    live = c.others(old)
    new = c.wait_for(lambda: c.agreed_controller(live), 60, f"brokers {live} to agree on a new controller")
    assert new in live
    for p in moved:
        c.wait_leader(pre, p, not_in=[old], timeout=60)

    topic = unique("after-controller")
    create_topic(c, topic, partitions=2, replication_factor=2)
    acked = {}
    for p in range(2):
        res = produce_values(c.bootstrap, topic, [f"p{p}-{i}".encode() for i in range(10)], partition=p)
        assert [e for e, _ in res] == [None] * 10, res
        acked.update({(p, o): f"p{p}-{i}".encode() for i, (_, o) in enumerate(res)})
    assert all(set(c.replicas_of(topic, p)) <= set(live) for p in range(2)), \
        f"a new topic was placed on the dead broker {old}: {c.partitions(topic)}"
    assert read_all(c.bootstrap, topic, 2) == acked
    print(f"controller {old} killed, {new} took over")

    c.start(old)
    c.wait_ready()
    c.wait_full_isr(pre, timeout=90)
    state = c.partition(topic, 0)
    assert len(state.isr) == 2, state
    leader = state.leader
    c.kill(leader)
    new_leader = c.wait_leader(topic, 0, not_in=[leader], timeout=60)
    assert new_leader in state.isr, f"new leader {new_leader} was not in the ISR {state.isr}"
    c.wait_isr(topic, 0, set(state.isr) - {leader}, timeout=60)
    assert read_all(c.bootstrap, topic, 2) == acked


def test_controlled_shutdown_moves_leadership_before_exit(cluster_factory):
    """SIGTERM of a leader is a controlled shutdown: the other brokers show new leaders for
    its partitions by the time the process exits (long before the session timeout would have
    moved them), the exit is clean, the producer sees at most retriable errors, and nothing
    acknowledged is lost or duplicated."""
    session_ms = 15000
    c = cluster_factory(overrides={"broker.session.timeout.ms": str(session_ms)})
    topic = unique("controlled")
    create_topic(c, topic, partitions=6, replication_factor=3, config=MIN_ISR_2)
    v = Verifier(c.bootstrap, topic, 6, rate=RATE).start()
    try:
        v.wait_acks(500, timeout=60, cluster=c)
        victim = c.leader_of(topic, 0)
        moved = led_by(c, topic, victim)
        watcher = c.others(victim)[0]

        def leaders_moved():
            parts = c.partitions(topic, via=watcher)
            return all(parts[p].leader not in (-1, victim) for p in moved)

        c[victim].send_signal(signal.SIGTERM)
        seen_before_exit = False
        deadline = time.time() + 60
        while c[victim].running and time.time() < deadline:
            try:
                seen_before_exit = seen_before_exit or leaders_moved()
            except Exception:  # noqa: BLE001 - one metadata request failing is not a verdict
                pass
            time.sleep(0.02)
        code = c[victim].wait_exit(10)
        assert code == 0, f"controlled shutdown exited with {code}:\n{c.log_tail(victim)}"
        if not seen_before_exit:
            # It exited within one polling interval of the hand-over: then the new leaders
            # are in metadata at once, well inside the session timeout.
            c.wait_for(leaders_moved, 3, f"leaders of {moved} moved away from broker {victim} at its exit",
                       interval=0.05)
        print(f"broker {victim} shut down; leaders of {moved} seen moved before exit: {seen_before_exit}")
        for p in moved:
            v.wait_acks(100, partition=p, timeout=60, cluster=c)
    finally:
        v.stop()
    s = v.check(c)
    print(f"check {s}")
    assert s.fatal is None, f"the idempotent producer hit a fatal error: {s.fatal}"
    bad = [e for e in v.failed_errors() if not e.retriable()]
    assert not bad, f"the producer got non-retriable errors during a controlled shutdown: {bad[:5]}"
