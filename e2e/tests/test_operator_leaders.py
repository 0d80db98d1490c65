"""Leader rebalancing by the operator, end to end on the Kubernetes stand-in with real broker
pods: a broker pod's process is killed → the operator fences that broker at once and spreads
its leaderships evenly over the live brokers; when the broker is back and in sync, the
preferred leaders are restored. Every action is an Event on the KafkaCluster and a metric."""

import json
import threading
import time
import urllib.request

from standin import REPO, Standin, free_port
from test_operator import Operator, ready_cluster

# A topic whose preferred leaders are skewed (4 on broker 0, 1 on broker 1, 1 on broker 2): when
# broker 1 dies, the controller hands its one leadership to the least-loaded in-sync replica
# (broker 2, leaving 4/2); evening that out to 3/3 is the operator's rebalance.
CREATE_SKEWED = """
import sys
from confluent_kafka.admin import AdminClient, NewTopic
a = AdminClient({"bootstrap.servers": sys.argv[1]})
layout = [[0, 1, 2], [0, 2, 1], [0, 1, 2], [0, 2, 1], [1, 2, 0], [2, 0, 1]]
a.create_topics([NewTopic("spread", num_partitions=len(layout), replica_assignment=layout)])["spread"].result(30)
"""

# Prints the topic's leaders, replicas and ISRs as a client sees them, one JSON line per change.
WATCH = """
import json, sys, time
from confluent_kafka.admin import AdminClient
a = AdminClient({"bootstrap.servers": sys.argv[1], "socket.timeout.ms": 2000})
last = None
while True:
    try:
        md = a.list_topics(sys.argv[2], timeout=2).topics[sys.argv[2]]
        now = {p.id: [p.leader, p.replicas, p.isrs] for p in md.partitions.values()}
    except Exception as e:
        continue
    if now != last and now:
        print(json.dumps({"t": time.time(), "parts": now}), flush=True)
        last = now
    time.sleep(0.05)
"""


def counts(parts: dict, brokers=(0, 1, 2)) -> dict:
    c = {b: 0 for b in brokers}
    for leader, _, _ in parts.values():
        c[leader] = c.get(leader, 0) + 1
    return c


def preferred(parts: dict) -> bool:
    return all(leader == replicas[0] for leader, replicas, _ in parts.values())


def test_a_killed_broker_loses_its_leaderships_at_once_and_gets_them_back(tmp_path):
    s = Standin(tmp_path)
    s.kubectl("apply", "-f", str(REPO / "crds" / "moldau.yaml"))
    s.kubectl("wait", "--for=condition=established", "crd/kafkaclusters.kafka.moldau.dev", "--timeout=10s")
    metrics_port = free_port()
    op = Operator(s, ["--metrics-listen", f"127.0.0.1:{metrics_port}"])
    watcher = None
    try:
        bootstrap = ready_cluster(s, op)
        s.in_cluster(["python3", "-c", CREATE_SKEWED, bootstrap])
        watcher = s.in_cluster_popen(["python3", "-u", "-c", WATCH, bootstrap, "spread"])
        states: list[tuple[float, dict]] = []

        def read():
            for line in watcher.stdout:
                d = json.loads(line)
                states.append((d["t"], {int(k): v for k, v in d["parts"].items()}))
        threading.Thread(target=read, daemon=True).start()

        def latest():
            return states[-1][1] if states else None
        s.wait(lambda: (lambda p: p and len(p) == 6 and preferred(p) and all(len(i) == 3 for _, _, i in p.values()))(latest()),
               timeout=60, message="6 partitions on their preferred leaders, ISRs full")
        assert counts(latest()) == {0: 4, 1: 1, 2: 1}, latest()
        victim = 1

        # The victim pod's readiness, sampled every 20 ms straight from the API.
        name = f"my-cluster-broker-{victim}"
        readiness: list[tuple[float, bool]] = []
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                try:
                    with urllib.request.urlopen(f"{s.url}/api/v1/namespaces/default/pods/{name}", timeout=2) as r:
                        pod = json.loads(r.read())
                    ready = any(c["type"] == "Ready" and c["status"] == "True"
                                for c in pod.get("status", {}).get("conditions", []))
                    if not readiness or readiness[-1][1] != ready:
                        readiness.append((time.time(), ready))
                except OSError:
                    pass
                time.sleep(0.02)
        threading.Thread(target=sample, daemon=True).start()
        s.wait(lambda: readiness and readiness[-1][1], timeout=10, message=f"{name} Ready")

        t_kill = time.time()
        s.admin("POST", f"pods/default/{name}/kill")

        def balanced_without_victim(p):
            c = counts(p)
            live = [c[b] for b in (0, 1, 2) if b != victim]
            return c[victim] == 0 and all(l >= 0 for l, _, _ in p.values()) and max(live) - min(live) <= 1
        s.wait(lambda: any(t > t_kill and balanced_without_victim(p) for t, p in states), timeout=30, interval=0.05,
               message=f"no leadership on broker {victim}, the others balanced\n{op.log_tail()}")
        t_balanced = next(t for t, p in states if t > t_kill and balanced_without_victim(p))

        # The broker comes back (the stand-in restarts the container) and catches up: Ready.
        def back():
            down = [t for t, r in readiness if t > t_kill and not r]
            return down and next((t for t, r in readiness if t > down[0] and r), None)
        t_ready = s.wait(back, timeout=90, interval=0.05, message=f"{name} not Ready, then Ready again")
        stop.set()
        s.wait(lambda: any(t > t_balanced and preferred(p) for t, p in states), timeout=60, interval=0.05,
               message=f"preferred leaders restored\n{op.log_tail()}")
        t_restored = next(t for t, p in states if t > t_balanced and preferred(p))
        assert t_restored >= t_ready, "preferred leaders come back only once the broker is Ready"
        # From balance to restoration no partition was offline and leaderships stayed balanced.
        for t, p in states:
            if t_balanced <= t <= t_restored:
                assert balanced_without_victim(p) or preferred(p), (t, p)
        print(f"\nFIGURE broker pod death -> balanced leadership: {t_balanced - t_kill:.2f}s; "
              f"pod Ready again -> preferred leaders restored: {t_restored - t_ready:.2f}s "
              f"(kill -> restored {t_restored - t_kill:.2f}s)")

        # Every action is an Event on the KafkaCluster ...
        def reasons():
            evs = s.get("events.events.k8s.io")["items"]
            return {e["reason"]: e for e in evs if e.get("regarding", {}).get("name") == "my-cluster"}
        want = {"BrokerFenced", "LeadersRebalanced", "PreferredLeadersRestored"}
        evs = s.wait(lambda: (lambda r: r if want <= set(r) else None)(reasons()),
                     timeout=30, message=f"{want} events")
        assert f"broker {victim}" in evs["BrokerFenced"]["note"], evs["BrokerFenced"]
        assert evs["BrokerFenced"]["type"] == "Warning"
        assert evs["BrokerFenced"]["reportingController"] == "moldau-operator"
        assert "spread them over live brokers [0, 2]" in evs["LeadersRebalanced"]["note"], evs["LeadersRebalanced"]
        assert "preferred replicas" in evs["PreferredLeadersRestored"]["note"]
        # ... and a metric.
        body = urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=5).read().decode()
        samples = {}
        for line in body.splitlines():
            if line.startswith("moldau_operator_leader"):
                k, v = line.rsplit(" ", 1)
                samples[k] = float(v)
        fence = 'moldau_operator_leader_actions_total{action="fence",cluster="my-cluster",namespace="default"}'
        restored = 'moldau_operator_leaders_moved_total{action="restore_preferred",cluster="my-cluster",namespace="default"}'
        rebalanced = 'moldau_operator_leaders_moved_total{action="rebalance",cluster="my-cluster",namespace="default"}'
        assert samples.get(fence, 0) >= 1, samples
        assert samples.get(rebalanced, 0) >= 1, samples
        assert samples.get(restored, 0) >= 1, samples
    finally:
        if watcher:
            watcher.kill()
        op.stop()
        s.stop()
