"""Three-broker cluster: replica placement, ISR and leader spread of a new topic, as every
broker and every client (confluent-kafka's AdminClient, kcat on an older librdkafka) sees them."""

import re
import subprocess
from collections import Counter

from confluent_kafka.admin import ConfigResource, ResourceType

from cluster import cluster_factory, create_topic  # noqa: F401 - pytest fixture
from conftest import unique


def kcat_metadata(cluster, topic: str) -> tuple[dict[int, str], dict[int, tuple[int, list[int], list[int]]]]:
    """`kcat -L -t topic`: ({broker id: host:port}, {partition: (leader, replicas, isrs)})."""
    p = subprocess.run(["kcat", "-L", "-b", cluster.bootstrap, "-t", topic], capture_output=True, text=True,
                       timeout=30)
    assert p.returncode == 0, f"kcat -L failed: {p.stderr}\n{cluster.log_tails()}"
    brokers = {int(m[1]): m[2] for m in re.finditer(r"broker (\d+) at (\S+?)(?: \(controller\))?$", p.stdout, re.M)}
    parts = {int(m[1]): (int(m[2]), [int(x) for x in m[3].split(",") if x], [int(x) for x in m[4].split(",") if x])
             for m in re.finditer(r"partition (\d+), leader (-?\d+), replicas: ([\d,]*), isrs: ([\d,]*)", p.stdout)}
    return brokers, parts


def test_new_topic_is_fully_replicated_with_leaders_spread(cluster_factory):
    """A 6-partition topic with replication factor 3 gets 3 replicas per partition, all in sync,
    led by the preferred replica, 2 leaders per broker; every broker and kcat report the same."""
    c = cluster_factory()
    topic = unique("placement")
    create_topic(c, topic, partitions=6, replication_factor=3, config={"min.insync.replicas": 2})

    parts = c.partitions(topic)
    assert sorted(parts) == list(range(6))
    for p, s in parts.items():
        assert sorted(s.replicas) == [1, 2, 3], f"partition {p} replicas {s.replicas}"
        assert sorted(s.isr) == [1, 2, 3], f"partition {p} ISR {s.isr}"
        assert s.leader == s.replicas[0], f"partition {p} is not led by its preferred replica: {s}"
    assert Counter(s.leader for s in parts.values()) == {1: 2, 2: 2, 3: 2}, f"leaders not spread: {parts}"
    # Preferred replicas are spread too, so leadership stays balanced after failovers.
    assert Counter(s.replicas[0] for s in parts.values()) == {1: 2, 2: 2, 3: 2}

    # Every broker answers with the same placement (clients bootstrap from any of them).
    def same_everywhere():
        for i in c.ids:
            mine = c.partitions(topic, via=i)
            if {p: (s.leader, s.replicas, sorted(s.isr)) for p, s in mine.items()} != \
                    {p: (s.leader, s.replicas, sorted(s.isr)) for p, s in parts.items()}:
                return False
        return True

    c.wait_for(same_everywhere, 30, "every broker to report the same placement")

    # The topic keeps its min.insync.replicas.
    res = c.admin().describe_configs([ConfigResource(ResourceType.TOPIC, topic)])
    (cfg,) = [f.result(30) for f in res.values()]
    assert cfg["min.insync.replicas"].value == "2"

    # kcat (Debian's older librdkafka) sees the three brokers and the same leaders.
    brokers, kparts = kcat_metadata(c, topic)
    assert brokers == {i: c[i].bootstrap for i in c.ids}
    assert {p: (l, r, sorted(i)) for p, (l, r, i) in kparts.items()} == \
        {p: (s.leader, s.replicas, sorted(s.isr)) for p, s in parts.items()}
