"""Repeated leader failures: the leader of partition 0 is SIGKILLed and restarted over and over
while an idempotent acks=all producer runs; nothing acknowledged may be lost or duplicated."""

import os
import time

from cluster import cluster_factory, create_topic  # noqa: F401 - pytest fixture
from conftest import unique
from verifier import Verifier

CYCLES = int(os.environ.get("MOLDAU_LEADER_KILL_CYCLES", "20"))


def test_leader_kill_loop_loses_nothing(cluster_factory):
    """Twenty times: kill the leader of partition 0, wait until a new leader has acknowledged
    records, restart the killed broker and wait until every ISR is full again. The producer
    keeps going throughout; at the end every acknowledged record is in the log exactly once,
    at its acknowledged offset."""
    c = cluster_factory()
    topic = unique("kill-loop")
    create_topic(c, topic, partitions=6, replication_factor=3, config={"min.insync.replicas": 2})
    v = Verifier(c.bootstrap, topic, 6, rate=500).start()
    rows = []
    try:
        v.wait_acks(200, timeout=60, cluster=c)
        for cycle in range(1, CYCLES + 1):
            t0 = time.time()
            victim = c.wait_leader(topic, 0, timeout=30)
            c.kill(victim)
            new = c.wait_leader(topic, 0, not_in=[victim], timeout=60)
            t_leader = time.time() - t0
            v.wait_acks(20, partition=0, timeout=60, cluster=c)
            t_acked = time.time() - t0
            c.start(victim)
            c.wait_full_isr(topic, timeout=90)
            t_isr = time.time() - t0
            counts = v.counts()
            rows.append((cycle, victim, new, t_leader, t_acked, t_isr, counts["acked"], counts["errors"]))
            print(f"cycle {cycle:2}: killed {victim}, new leader {new}, leader after {t_leader:.1f}s, "
                  f"acks after {t_acked:.1f}s, full ISR after {t_isr:.1f}s; acked {counts['acked']}, "
                  f"failed {counts['errors']}", flush=True)
    finally:
        final = v.stop()
        print(f"{len(rows)} of {CYCLES} cycles done; producer {final}; errors {v.error_summary()}")
    s = v.check(c)
    print(f"check: {s}")
    assert len(rows) == CYCLES
    assert s.lost == 0 and s.duplicated == 0
    assert s.fatal is None, f"the idempotent producer hit a fatal error: {s.fatal}"
