"""The operator end to end: kube-standin with real moldau-broker pods, the moldau-operator
binary running against it (as it would with a kubeconfig), and real Kafka clients."""

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from standin import REPO, Standin, _bin

EXAMPLE = (REPO / "examples" / "kafkacluster.yaml").read_text()


class Operator:
    def __init__(self, standin: Standin, extra: list[str] | None = None):
        self.log_path = standin.tmp / "operator.log"
        self._log = open(self.log_path, "ab")
        env = {**os.environ, "KUBECONFIG": str(standin.kubeconfig), "RUST_LOG": "info"}
        self.proc = subprocess.Popen([_bin("MOLDAU_OPERATOR_BIN", "moldau-operator"), "run",
                                      "--broker-image", "moldau-broker:dev", "--topic-resync-seconds", "2",
                                      *(extra or [])],
                                     stdout=self._log, stderr=subprocess.STDOUT, env=env)

    def log_tail(self, n: int = 30) -> str:
        return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-n:])

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()


@pytest.fixture
def cluster(tmp_path):
    s = Standin(tmp_path)
    s.kubectl("apply", "-f", str(REPO / "crds" / "moldau.yaml"))
    s.kubectl("wait", "--for=condition=established", "crd/kafkaclusters.kafka.moldau.dev", "--timeout=10s")
    s.kubectl("wait", "--for=condition=established", "crd/kafkatopics.kafka.moldau.dev", "--timeout=10s")
    op = Operator(s)
    yield s, op
    op.stop()
    s.stop()


def condition(obj: dict, kind: str) -> dict:
    return next((c for c in obj.get("status", {}).get("conditions", []) if c["type"] == kind), {})


def test_kafkacluster_becomes_a_ready_cluster_that_clients_use(cluster):
    """kubectl apply -f examples/kafkacluster.yaml → the operator creates the ConfigMap,
    Services, StatefulSet and PodDisruptionBudget, three brokers form one cluster, the
    KafkaCluster turns Ready (kstatus conditions with observedGeneration, the broker table,
    the bootstrap address), `kubectl get kc` shows it, and real clients produce and consume
    through the bootstrap Service."""
    s, op = cluster
    s.apply(EXAMPLE)
    p = s.kubectl("wait", "--for=condition=Ready", "kc/my-cluster", "--timeout=180s", check=False, timeout=190)
    assert p.returncode == 0, f"{p.stderr}\n{op.log_tail()}\n{s.log_tail()}"
    kc = s.get("kc", "my-cluster")
    st = kc["status"]
    assert st["observedGeneration"] == kc["metadata"]["generation"]
    assert condition(kc, "Ready")["status"] == "True"
    assert condition(kc, "Stalled")["status"] == "False"
    assert condition(kc, "Reconciling")["status"] == "False"
    assert all(c["observedGeneration"] == kc["metadata"]["generation"] for c in st["conditions"])
    assert [b["pod"] for b in st["brokers"]] == ["my-cluster-broker-0", "my-cluster-broker-1", "my-cluster-broker-2"]
    assert all(b["ready"] for b in st["brokers"])
    bootstrap = st["bootstrapServers"]
    assert bootstrap == "my-cluster-bootstrap.default.svc.cluster.local:9092"
    row = s.kubectl("get", "kc").stdout.splitlines()[1].split()
    assert row[:4] == ["my-cluster", "3", "3", "Ready"], row
    for kind, name in [("cm", "my-cluster-config"), ("svc", "my-cluster-brokers"), ("svc", "my-cluster-bootstrap"),
                       ("sts", "my-cluster-broker"), ("pdb", "my-cluster-broker"), ("sa", "my-cluster-broker")]:
        o = s.get(kind, name)
        assert o["metadata"]["ownerReferences"][0]["uid"] == kc["metadata"]["uid"], (kind, name)
    # One cluster of three brokers, reachable by its DNS names as a pod would reach it.
    md = s.in_cluster(["kcat", "-b", bootstrap, "-L", "-m", "15"]).stdout
    assert " 3 brokers:" in md, md
    values = "\n".join(f"record-{i}" for i in range(100)) + "\n"
    s.in_cluster(["kcat", "-b", bootstrap, "-P", "-t", "orders", "-X", "acks=all", "-X", "topic.metadata.refresh.interval.ms=1000"],
                 input=values, timeout=60)
    out = s.in_cluster(["kcat", "-b", bootstrap, "-C", "-t", "orders", "-o", "beginning", "-e", "-q"], timeout=60).stdout
    assert sorted(out.split()) == sorted(values.split())
    # The status carries what the brokers' Admin service reports: the cluster id, every
    # broker's leaderships and replicas, and no under-replicated partitions.
    topic = s.in_cluster(["kcat", "-b", bootstrap, "-L", "-t", "orders"]).stdout
    partitions = int(topic.split('topic "orders" with ')[1].split()[0])

    def counted():
        k = s.get("kc", "my-cluster")
        leaders = sum(b.get("leaders", 0) for b in k["status"]["brokers"])
        return k if leaders == partitions and condition(k, "Degraded").get("status") == "False" else None
    kc = s.wait(counted, timeout=90, message=f"{partitions} leaderships in the broker table, Degraded=False")
    st = kc["status"]
    assert st["clusterId"], st
    assert condition(kc, "Degraded")["reason"] == "AllInSync"
    assert all(b["partitions"] >= b["leaders"] for b in st["brokers"]), st["brokers"]
    assert sum(b["partitions"] for b in st["brokers"]) >= partitions


def test_invalid_spec_is_stalled_with_a_reason(cluster):
    """A spec the operator cannot build is Stalled (never a crash loop), saying what to change;
    fixing it makes the cluster converge."""
    s, op = cluster
    s.apply(EXAMPLE.replace('min.insync.replicas: "2"', 'min.insync.replicas: "2"\n    node.id: "7"'))
    kc = s.wait(lambda: (lambda o: o if condition(o, "Stalled").get("status") == "True" else None)(s.get("kc", "my-cluster")),
                timeout=60, message="the Stalled condition")
    c = condition(kc, "Stalled")
    assert c["reason"] == "ManagedConfigKey"
    assert "spec.config.node.id" in c["message"]
    assert condition(kc, "Ready")["status"] == "False"
    assert s.kubectl("get", "sts", "my-cluster-broker", check=False).returncode == 1, "nothing is created from a bad spec"
    s.apply(EXAMPLE)
    p = s.kubectl("wait", "--for=condition=Ready", "kc/my-cluster", "--timeout=180s", check=False, timeout=190)
    assert p.returncode == 0, f"{p.stderr}\n{op.log_tail()}"
    assert condition(s.get("kc", "my-cluster"), "Stalled")["status"] == "False"


def ready_cluster(s, op):
    s.apply(EXAMPLE)
    p = s.kubectl("wait", "--for=condition=Ready", "kc/my-cluster", "--timeout=180s", check=False, timeout=190)
    assert p.returncode == 0, f"{p.stderr}\n{op.log_tail()}\n{s.log_tail()}"
    return s.get("kc", "my-cluster")["status"]["bootstrapServers"]


def pods_state(s) -> dict:
    out = {}
    for p in s.get("pods", "-l", "app.kubernetes.io/instance=my-cluster")["items"]:
        ready = any(c["type"] == "Ready" and c["status"] == "True" for c in p.get("status", {}).get("conditions", []))
        out[p["metadata"]["name"]] = (p["metadata"]["uid"], ready, p["metadata"].get("annotations", {}).get("kafka.moldau.dev/config-hash"))
    return out


def test_config_change_rolls_brokers_one_at_a_time_losing_nothing(cluster, tmp_path):
    """Changing a static broker property restarts the brokers one at a time — the next only
    when every broker is Ready again (back in every ISR), the active controller last — while
    an idempotent acks=all producer keeps going: it sees retriable errors at most, and every
    acknowledged record is in the log exactly once. A pod deleted mid-roll does not derail
    it. The status shows the roll (RollingRestart, Reconciling) and then Ready."""
    s, op = cluster
    bootstrap = ready_cluster(s, op)
    stop = tmp_path / "stop"
    prod = s.in_cluster_popen(["python3", str(REPO / "e2e" / "tests" / "produce_verify.py"), bootstrap, "rolled", "6", str(stop)])
    s.wait(lambda: (tmp_path / "stop.progress").exists() and int((tmp_path / "stop.progress").read_text() or 0) > 300,
           timeout=60, message="the producer to get going")
    before = pods_state(s)
    old_hash = next(iter(before.values()))[2]
    kc = s.get("kc", "my-cluster")
    active = None
    t0 = time.time()
    s.kubectl("patch", "kc", "my-cluster", "--type=merge", "-p", '{"spec": {"config": {"num.io.threads": "4"}}}')
    seen_rolling = False
    max_unready = 0
    restarted_order = []
    deleted_mid_roll = False
    deadline = time.time() + 300
    while time.time() < deadline:
        now = pods_state(s)
        unready = [n for n, (_, r, _) in now.items() if not r]
        max_unready = max(max_unready, len(unready) if not deleted_mid_roll else 0)
        for n, (uid, _, _) in now.items():
            if uid != before.get(n, (None,))[0] and n not in restarted_order:
                restarted_order.append(n)
        k = s.get("kc", "my-cluster")
        if condition(k, "RollingRestart").get("status") == "True":
            seen_rolling = True
            assert condition(k, "Reconciling")["status"] == "True"
        if len(restarted_order) == 1 and not deleted_mid_roll and not unready:
            # Another broker dies mid-roll: the roll must recover.
            victim = next(n for n in sorted(now) if n not in restarted_order)
            p = s.kubectl("delete", "pod", victim, "--wait=false", check=False)
            # The roll may have restarted that very pod since the snapshot: pick again.
            assert p.returncode == 0 or "NotFound" in p.stderr, p.stderr
            deleted_mid_roll = p.returncode == 0
        hashes = {h for (_, _, h) in now.values()}
        if (len(now) == 3 and all(r for (_, r, _) in now.values()) and old_hash not in hashes
                and condition(k, "Ready").get("status") == "True"):
            break
        time.sleep(0.3)
    else:
        raise AssertionError(f"the roll did not finish: {pods_state(s)}\n{op.log_tail()}")
    roll_secs = time.time() - t0
    stop.write_text("")
    out, err = prod.communicate(timeout=180)
    assert prod.returncode == 0, err
    summary = json.loads(out.strip().splitlines()[-1])
    print(f"rolling restart of 3 brokers took {roll_secs:.1f}s; producer {summary['counts']}; errors {summary['error_codes']}")
    assert seen_rolling, "the status showed the roll"
    assert max_unready <= 1, "never more than one broker down at a time (before the extra kill)"
    assert sorted(restarted_order) == ["my-cluster-broker-0", "my-cluster-broker-1", "my-cluster-broker-2"]
    assert summary["lost"] == 0 and summary["duplicated"] == 0 and summary["misplaced"] == 0, summary
    assert summary["fatal"] is None, summary
    retriable = {"NOT_LEADER_OR_FOLLOWER", "NOT_ENOUGH_REPLICAS", "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
                 "REQUEST_TIMED_OUT", "_TRANSPORT", "_MSG_TIMED_OUT", "LEADER_NOT_AVAILABLE", "_TIMED_OUT"}
    assert set(summary["error_codes"]) <= retriable, summary["error_codes"]
    assert summary["acked"] > 1000
    k = s.get("kc", "my-cluster")
    assert k["status"].get("rollout") is None
    assert condition(k, "RollingRestart")["status"] == "False"


DELETE_TOPIC = """
import sys
from confluent_kafka.admin import AdminClient
a = AdminClient({"bootstrap.servers": sys.argv[1]})
a.delete_topics([sys.argv[2]])[sys.argv[2]].result(30)
"""

CREATE_TOPIC = """
import sys
from confluent_kafka.admin import AdminClient, NewTopic
a = AdminClient({"bootstrap.servers": sys.argv[1]})
a.create_topics([NewTopic(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))])[sys.argv[2]].result(30)
md = a.list_topics(sys.argv[2], timeout=10).topics[sys.argv[2]]
print(" ".join(",".join(map(str, p.replicas)) for p in md.partitions.values()))
"""


def test_scale_up_and_down_keeps_data_and_refuses_below_replication_factor(cluster):
    """Scale 3 → 4 adds a broker; 4 → 3 under a topic with replication factor 4 is refused
    (ScaleDownBlocked, Stalled) and changes nothing; once that topic is gone, 4 → 3 first
    moves every replica off broker 3, then removes it, with every record still readable;
    3 → 2 is below the metadata quorum's three voters: refused too, before anything moves."""
    s, op = cluster
    bootstrap = ready_cluster(s, op)
    s.kubectl("patch", "kc", "my-cluster", "--type=merge", "-p", '{"spec": {"replicas": 4}}')
    s.wait(lambda: (lambda k: k["status"].get("readyBrokers") == 4 and condition(k, "Ready").get("status") == "True")(s.get("kc", "my-cluster")),
           timeout=120, message="4 ready brokers")
    assert " 4 brokers:" in s.in_cluster(["kcat", "-b", bootstrap, "-L", "-m", "15"]).stdout
    placement = s.in_cluster(["python3", "-c", CREATE_TOPIC, bootstrap, "scaled", "8", "3"]).stdout.split()
    assert any("3" in r.split(",") for r in placement), placement
    values = "\n".join(f"v-{i}" for i in range(400)) + "\n"
    s.in_cluster(["kcat", "-b", bootstrap, "-P", "-t", "scaled", "-X", "acks=all"], input=values, timeout=60)
    s.in_cluster(["python3", "-c", CREATE_TOPIC, bootstrap, "wide", "2", "4"])

    s.kubectl("patch", "kc", "my-cluster", "--type=merge", "-p", '{"spec": {"replicas": 3}}')
    k = s.wait(lambda: (lambda k: k if condition(k, "ScaleDownBlocked").get("status") == "True" else None)(s.get("kc", "my-cluster")),
               timeout=60, message="ScaleDownBlocked")
    assert condition(k, "Stalled")["status"] == "True"
    assert condition(k, "ScaleDownBlocked")["reason"] == "ReplicationFactor"
    assert "replication factor 4" in condition(k, "ScaleDownBlocked")["message"], condition(k, "ScaleDownBlocked")
    assert s.kubectl("get", "kc").stdout.splitlines()[1].split()[3] == "ScaleDownBlocked"
    time.sleep(3)
    assert s.get("sts", "my-cluster-broker")["spec"]["replicas"] == 4
    assert len(s.get("pods", "-l", "app.kubernetes.io/instance=my-cluster")["items"]) == 4

    t0 = time.time()
    s.in_cluster(["python3", "-c", DELETE_TOPIC, bootstrap, "wide"])
    seen_scale_down = False
    deadline = time.time() + 180
    while time.time() < deadline:
        k = s.get("kc", "my-cluster")
        if condition(k, "Ready").get("reason") == "ScaleDown":
            seen_scale_down = True
        pods = s.get("pods", "-l", "app.kubernetes.io/instance=my-cluster")["items"]
        if (len(pods) == 3 and s.get("sts", "my-cluster-broker")["spec"]["replicas"] == 3
                and condition(k, "Ready").get("status") == "True" and k["status"].get("readyBrokers") == 3):
            break
        time.sleep(0.5)
    else:
        raise AssertionError(f"scale-down did not finish\n{op.log_tail()}")
    print(f"scale-down 4 -> 3 with its data moved took {time.time() - t0:.1f}s")
    assert seen_scale_down or "scale-down: moving partition replicas off brokers" in op.log_tail(200), \
        "the replicas were moved before the broker was removed"
    md = s.in_cluster(["kcat", "-b", bootstrap, "-L", "-t", "scaled", "-m", "15"]).stdout
    replica_lists = [line.split("replicas:")[1].split(", isrs")[0].strip()
                     for line in md.splitlines() if "replicas:" in line]
    assert len(replica_lists) == 8, md
    assert all("3" not in r.split(",") for r in replica_lists), md
    out = s.in_cluster(["kcat", "-b", bootstrap, "-C", "-t", "scaled", "-o", "beginning", "-e", "-q"], timeout=60).stdout
    assert sorted(out.split()) == sorted(values.split()), "every record survived the scale-down"

    s.kubectl("patch", "kc", "my-cluster", "--type=merge", "-p", '{"spec": {"replicas": 2}}')
    k = s.wait(lambda: (lambda k: k if condition(k, "ScaleDownBlocked").get("status") == "True" else None)(s.get("kc", "my-cluster")),
               timeout=60, message="ScaleDownBlocked below the quorum")
    assert condition(k, "Stalled")["status"] == "True"
    assert condition(k, "Stalled")["reason"] == "BelowQuorum"
    assert condition(k, "ScaleDownBlocked")["reason"] == "QuorumVoters"
    time.sleep(3)
    assert s.get("sts", "my-cluster-broker")["spec"]["replicas"] == 3
    assert len(s.get("pods", "-l", "app.kubernetes.io/instance=my-cluster")["items"]) == 3
    assert "scale-down: moving partition replicas off brokers 2..3" not in op.log_tail(400), "nothing moved"


DESCRIBE_TOPIC_CONFIG = """
import sys
from confluent_kafka.admin import AdminClient, ConfigResource, ConfigSource
a = AdminClient({"bootstrap.servers": sys.argv[1]})
r = ConfigResource(ConfigResource.Type.TOPIC, sys.argv[2])
c = a.describe_configs([r])[r].result(30)[sys.argv[3]]
print(c.value, ConfigSource(c.source).name)
"""


def test_dynamic_config_change_applies_without_a_restart(cluster):
    """A cluster-wide dynamic key (log.retention.ms) changed in the KafkaCluster reaches every
    topic at once with no broker restarted; a value the brokers refuse is Stalled with their
    message and nothing restarts; removing the key reverts it to the default."""
    s, op = cluster
    bootstrap = ready_cluster(s, op)
    s.in_cluster(["kcat", "-b", bootstrap, "-P", "-t", "dyn", "-X", "acks=all"], input="a\nb\n", timeout=60)
    uids = {name: st[0] for name, st in pods_state(s).items()}

    def retention():
        value, source = s.in_cluster(["python3", "-c", DESCRIBE_TOPIC_CONFIG, bootstrap, "dyn", "retention.ms"]).stdout.split()
        return value, source

    assert retention() == ("604800000", "DEFAULT_CONFIG")
    s.kubectl("patch", "kc", "my-cluster", "--type=merge", "-p", '{"spec": {"config": {"log.retention.ms": "3600000"}}}')
    s.wait(lambda: retention() == ("3600000", "DYNAMIC_DEFAULT_BROKER_CONFIG"), timeout=60, message="the new retention on the topic")
    kc = s.wait(lambda: (lambda k: k if k["status"]["observedGeneration"] == k["metadata"]["generation"]
                         and condition(k, "Ready").get("status") == "True" else None)(s.get("kc", "my-cluster")),
                timeout=60, message="Ready at the new generation")
    assert condition(kc, "RollingRestart")["status"] == "False"
    assert {name: st[0] for name, st in pods_state(s).items()} == uids, "no broker restarted"

    s.kubectl("patch", "kc", "my-cluster", "--type=merge", "-p", '{"spec": {"config": {"log.retention.ms": "soon"}}}')
    kc = s.wait(lambda: (lambda k: k if condition(k, "Stalled").get("status") == "True" else None)(s.get("kc", "my-cluster")),
                timeout=60, message="Stalled on the refused value")
    c = condition(kc, "Stalled")
    assert c["reason"] == "InvalidConfig" and "log.retention.ms" in c["message"], c
    assert retention() == ("3600000", "DYNAMIC_DEFAULT_BROKER_CONFIG"), "a refused change changes nothing"

    s.kubectl("patch", "kc", "my-cluster", "--type=json", "-p", '[{"op": "remove", "path": "/spec/config/log.retention.ms"}]')
    s.wait(lambda: retention() == ("604800000", "DEFAULT_CONFIG"), timeout=60, message="the default retention again")
    s.wait(lambda: condition(s.get("kc", "my-cluster"), "Ready").get("status") == "True", timeout=60, message="Ready")
    assert {name: st[0] for name, st in pods_state(s).items()} == uids, "no broker restarted"


EDGE = """
apiVersion: kafka.moldau.dev/v1alpha1
kind: KafkaCluster
metadata:
  name: edge
spec:
  replicas: 3
  storage: {size: 1Gi}
  rack: {topologyKey: topology.kubernetes.io/zone}
  listeners:
    external: {type: NodePort}
"""


def test_rack_awareness_and_external_node_port_listener(tmp_path):
    """spec.rack and a NodePort external listener: each broker pod's init container (the
    operator image, in-cluster config from its service account) reads its node's zone label
    into broker.rack and advertises the node's address with its own broker's NodePort, so a
    client outside the cluster bootstraps through one NodePort and reaches every broker.
    The Nodes are read through a per-cluster ClusterRoleBinding kept under a finalizer: it
    goes, with the external Services, when the spec no longer needs it and when the
    KafkaCluster is deleted."""
    s = Standin(tmp_path, nodes=3)
    s.kubectl("apply", "-f", str(REPO / "crds" / "moldau.yaml"))
    s.kubectl("wait", "--for=condition=established", "crd/kafkaclusters.kafka.moldau.dev", "--timeout=10s")
    op = Operator(s)
    try:
        s.apply(EDGE)
        p = s.kubectl("wait", "--for=condition=Ready", "kc/edge", "--timeout=180s", check=False, timeout=190)
        assert p.returncode == 0, f"{p.stderr}\n{op.log_tail()}\n{s.log_tail()}"
        kc = s.get("kc", "edge")
        assert "kafka.moldau.dev/node-reader-binding" in kc["metadata"]["finalizers"]
        crb = s.get("clusterrolebinding", "moldau-broker-default-edge")
        assert crb["roleRef"]["name"] == "moldau-broker"
        assert crb["subjects"] == [{"kind": "ServiceAccount", "name": "edge-broker", "namespace": "default"}]
        # broker.rack is the zone of the node each broker runs on.
        zones = {n["metadata"]["name"]: n["metadata"]["labels"]["topology.kubernetes.io/zone"]
                 for n in s.get("nodes")["items"]}
        pods = {p["metadata"]["name"]: p for p in s.get("pods", "-l", "app.kubernetes.io/instance=edge")["items"]}
        racks = s.wait(lambda: (lambda bs: bs if all(b.get("rack") for b in bs) else None)(s.get("kc", "edge")["status"]["brokers"]),
                       timeout=60, message="racks in the broker table")
        for b in racks:
            assert b["rack"] == zones[pods[b["pod"]]["spec"]["nodeName"]], (b, zones)
        assert len({b["rack"] for b in racks}) == 3, "three nodes in three zones: one broker each"
        # Every broker advertises 127.0.0.1 (the nodes' address) with its own NodePort.
        node_ports = {}
        for i in range(3):
            svc = s.get("svc", f"edge-broker-{i}-external")
            assert svc["spec"]["type"] == "NodePort"
            assert svc["spec"]["selector"] == {"statefulset.kubernetes.io/pod-name": f"edge-broker-{i}"}
            node_ports[i] = svc["spec"]["ports"][0]["nodePort"]
        external = f"127.0.0.1:{node_ports[0]}"
        md = subprocess.run(["kcat", "-b", external, "-L", "-m", "15"], capture_output=True, text=True, timeout=30)
        assert md.returncode == 0, md.stderr
        for i, port in node_ports.items():
            assert f"broker {i} at 127.0.0.1:{port}" in md.stdout, md.stdout
        values = "\n".join(f"outside-{i}" for i in range(50)) + "\n"
        subprocess.run(["kcat", "-b", external, "-P", "-t", "from-outside", "-X", "acks=all",
                        "-X", "topic.metadata.refresh.interval.ms=1000"], input=values, text=True,
                       check=True, timeout=60)
        out = subprocess.run(["kcat", "-b", f"127.0.0.1:{node_ports[2]}", "-C", "-t", "from-outside", "-o", "beginning",
                              "-e", "-q"], capture_output=True, text=True, check=True, timeout=60).stdout
        assert sorted(out.split()) == sorted(values.split())
        # Inside the cluster the internal listener still advertises the pod DNS names.
        inside = s.in_cluster(["kcat", "-b", kc["status"]["bootstrapServers"], "-L", "-m", "15"]).stdout
        assert "broker 0 at edge-broker-0.edge-brokers.default.svc.cluster.local:9092" in inside, inside

        # Neither rack nor external listener: the brokers roll without the init container, and
        # the external Services, the binding and the finalizer go.
        s.kubectl("patch", "kc", "edge", "--type=json", "-p",
                  '[{"op": "remove", "path": "/spec/rack"}, {"op": "remove", "path": "/spec/listeners"}]')
        s.wait(lambda: s.kubectl("get", "svc", "edge-broker-0-external", check=False).returncode == 1,
               timeout=30, message="the external Services deleted")
        s.wait(lambda: "kafka.moldau.dev/node-reader-binding" not in s.get("kc", "edge")["metadata"].get("finalizers", []),
               timeout=30, message="the finalizer released")
        assert s.kubectl("get", "clusterrolebinding", "moldau-broker-default-edge", check=False).returncode == 1
        kc = s.wait(lambda: (lambda k: k if k["status"]["observedGeneration"] == k["metadata"]["generation"]
                             and condition(k, "Ready").get("status") == "True" else None)(s.get("kc", "edge")),
                    timeout=180, message="Ready again after the roll")
        inits = {p["metadata"]["name"]: p["spec"].get("initContainers")
                 for p in s.get("pods", "-l", "app.kubernetes.io/instance=edge")["items"]}
        assert not any(inits.values()), inits

        # Back to rack awareness, then delete: the finalizer removes the binding and lets go.
        s.apply(EDGE.replace("  listeners:\n    external: {type: NodePort}\n", ""))
        s.wait(lambda: s.kubectl("get", "clusterrolebinding", "moldau-broker-default-edge", check=False).returncode == 0,
               timeout=30, message="the binding again")
        s.kubectl("delete", "kc", "edge", "--timeout=60s", timeout=70)
        assert s.kubectl("get", "clusterrolebinding", "moldau-broker-default-edge", check=False).returncode == 1
    finally:
        op.stop()
        s.stop()


def test_external_load_balancer_listener(cluster):
    """spec.listeners.external of type LoadBalancer: the broker's Service gets an address from
    the load balancer (the stand-in's service-lb), the init container waits for it and the
    broker advertises it, so a client outside the cluster reaches the broker there. No Node is
    read, so no ClusterRoleBinding and no finalizer."""
    s, op = cluster
    s.apply("""
apiVersion: kafka.moldau.dev/v1alpha1
kind: KafkaCluster
metadata:
  name: lb
spec:
  replicas: 1
  storage: {size: 1Gi}
  listeners:
    external: {type: LoadBalancer, port: 19094}
""")
    p = s.kubectl("wait", "--for=condition=Ready", "kc/lb", "--timeout=120s", check=False, timeout=130)
    assert p.returncode == 0, f"{p.stderr}\n{op.log_tail()}\n{s.log_tail()}"
    svc = s.get("svc", "lb-broker-0-external")
    assert svc["spec"]["type"] == "LoadBalancer"
    ip = svc["status"]["loadBalancer"]["ingress"][0]["ip"]
    assert ip in s.kubectl("get", "svc", "lb-broker-0-external").stdout, "EXTERNAL-IP column"
    md = subprocess.run(["kcat", "-b", f"{ip}:19094", "-L"], capture_output=True, text=True, timeout=30)
    assert md.returncode == 0, md.stderr
    assert f"broker 0 at {ip}:19094" in md.stdout, md.stdout
    subprocess.run(["kcat", "-b", f"{ip}:19094", "-P", "-t", "via-lb"], input="x\ny\n", text=True, check=True, timeout=60)
    out = subprocess.run(["kcat", "-b", f"{ip}:19094", "-C", "-t", "via-lb", "-o", "beginning", "-e", "-q"],
                         capture_output=True, text=True, check=True, timeout=60).stdout
    assert out.split() == ["x", "y"]
    assert not s.get("kc", "lb")["metadata"].get("finalizers")
    assert s.kubectl("get", "clusterrolebinding", "moldau-broker-default-lb", check=False).returncode == 1
