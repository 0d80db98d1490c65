"""The chart's dashboards and alert rules against a real Prometheus (Debian's `prometheus`,
started on loopback by the test), scraping the operator (its own metrics and the cluster
exporter) and every broker pod of a 3-broker KafkaCluster on the Kubernetes stand-in, as the
chart's ServiceMonitor and PodMonitor would: the rule file passes `promtool check rules`, and
every panel query of every dashboard and every alert expression returns data at some point
while the cluster is watched — with traffic, a consumer group that stopped consuming, a request
error, a second cluster the exporter cannot read (its StatefulSet name is taken by a foreign
one, so its reconciles fail too) and a broker pod that is killed and kept down (fenced, its
only-replica partition offline, its pod not scraped)."""

import json
import math
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml

import dashboards
from standin import REPO, Standin, free_port, tail_of
from test_operator import Operator, ready_cluster

CLUSTER = "my-cluster"
# The alerts the dead broker and the stopped consumer raise on CLUSTER.
CLUSTER_ALERTS = ("MoldauOfflinePartitions", "MoldauUnderReplicatedPartitions", "MoldauBrokerDown",
                  "MoldauConsumerLagGrowing")
NAMESPACE = "default"

# Creates "orders" (3 partitions, RF 3) and "single" (one partition whose only replica is on
# the victim broker), creates "orders" again (TOPIC_ALREADY_EXISTS: a request error), then
# produces to "orders" until the stop file exists while group "billing" consumes it for the
# first `consume_secs` seconds only (then closes, its lag growing from then on).
TRAFFIC = """
import os, sys, threading, time
from confluent_kafka import Consumer, KafkaError, KafkaException, Producer
from confluent_kafka.admin import AdminClient, NewTopic
bootstrap, victim, stop, consume_secs = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
admin = AdminClient({"bootstrap.servers": bootstrap})
admin.create_topics([NewTopic("orders", num_partitions=3, replication_factor=3)])["orders"].result(30)
admin.create_topics([NewTopic("single", num_partitions=1, replica_assignment=[[victim]])])["single"].result(30)
try:
    admin.create_topics([NewTopic("orders", num_partitions=3, replication_factor=3)])["orders"].result(30)
    raise SystemExit("creating orders twice succeeded")
except KafkaException as e:
    assert e.args[0].code() == KafkaError.TOPIC_ALREADY_EXISTS, e
md = admin.list_topics("single", timeout=10).topics["single"]
assert [p.replicas for p in md.partitions.values()] == [[victim]], md.partitions
failed = []
p = Producer({"bootstrap.servers": bootstrap, "acks": "all", "linger.ms": 5,
              "message.timeout.ms": 10000})
def report(err, msg):
    if err is not None:
        failed.append(err.code())
for i in range(20):
    p.produce("single", value=b"s" * 100)
assert p.flush(30) == 0 and not failed, failed
print("topics", flush=True)

consumed = [0]
def consume():
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": "billing", "auto.offset.reset": "earliest",
                  "enable.auto.commit": True, "auto.commit.interval.ms": 500})
    c.subscribe(["orders"])
    end = time.time() + consume_secs
    while time.time() < end:
        m = c.poll(0.5)
        if m is not None and m.error() is None:
            consumed[0] += 1
    c.commit(asynchronous=False)
    c.close()
    print("billing stopped", consumed[0], flush=True)
t = threading.Thread(target=consume)
t.start()
produced = 0
while not os.path.exists(stop):
    for i in range(20):
        p.produce("orders", value=b"o" * 100, partition=i % 3, on_delivery=report)
        produced += 1
    p.poll(0)
    time.sleep(0.1)
t.join()
p.flush(15)
print("produced", produced, "consumed", consumed[0], "failed", len(failed), flush=True)
"""

# A StatefulSet that takes the name the operator gives cluster "broken"'s brokers, with another
# selector and service (both immutable): the operator's apply of its own is refused, so the
# cluster never has a broker (the exporter cannot read it) and its reconciles fail.
FOREIGN_STS = """
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: broken-broker
spec:
  replicas: 0
  serviceName: foreign
  selector:
    matchLabels: {app: foreign}
  template:
    metadata:
      labels: {app: foreign}
    spec:
      containers:
        - name: sleep
          image: shell
          command: ["sleep", "3600"]
"""

BROKEN = """
apiVersion: kafka.moldau.dev/v1alpha1
kind: KafkaCluster
metadata:
  name: broken
spec:
  replicas: 1
  storage:
    size: 1Gi
"""


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (Debian's prometheus package)")
    return path


class Prometheus:
    """A Prometheus server on a free loopback port with its own storage, stopped by stop()."""

    def __init__(self, tmp: Path, config: Path):
        self.port = free_port()
        self.log_path = tmp / "prometheus.log"
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [_tool("prometheus"), f"--config.file={config}", f"--storage.tsdb.path={tmp / 'tsdb'}",
             f"--web.listen-address=127.0.0.1:{self.port}", "--log.level=info"],
            stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/-/ready", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"prometheus did not become ready:\n{self.log_tail()}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, n: int = 30) -> str:
        return tail_of(self.log_path, n)

    def api(self, path: str, **params) -> dict:
        """GET /api/v1/<path>; the JSON answer, errors (HTTP 4xx/5xx) included."""
        url = f"{self.url}/api/v1/{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params, doseq=True)
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                return json.loads(r.read())
        except urllib.error.HTTPError as e:
            return json.loads(e.read() or b"{}")

    def query(self, expr: str) -> dict:
        return self.api("query", query=expr)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


def finite_samples(answer: dict) -> list:
    """The samples of a successful instant query that have a number (not NaN) as value."""
    data = answer.get("data", {})
    result = data.get("result", [])
    if data.get("resultType") == "scalar":
        result = [{"metric": {}, "value": result}]
    return [r for r in result if not math.isnan(float(r["value"][1]))]


def broker_pods(s: Standin) -> dict[str, dict]:
    return {p["metadata"]["name"]: p for p in s.get("pods", "-l", f"app.kubernetes.io/instance={CLUSTER}")["items"]}


def broker_container(pod: dict) -> dict:
    return next((c for c in pod.get("status", {}).get("containerStatuses", []) if c["name"] == "broker"), {})


def write_config(tmp: Path, operator_port: int, pods: dict[str, dict]) -> Path:
    rules = tmp / "moldau-alerts.yaml"
    shutil.copy(dashboards.RULES, rules)
    brokers = [{"targets": [f"{p['status']['podIP']}:9404"],
                "labels": {"namespace": NAMESPACE, "cluster": CLUSTER, "pod": name}}
               for name, p in sorted(pods.items())]
    config = {
        "global": {"scrape_interval": "1s", "scrape_timeout": "1s", "evaluation_interval": "1s"},
        "rule_files": [str(rules)],
        "scrape_configs": [
            # The exporter's series carry the KafkaCluster's namespace and cluster: kept.
            {"job_name": "moldau-operator", "honor_labels": True,
             "static_configs": [{"targets": [f"127.0.0.1:{operator_port}"]}]},
            {"job_name": "moldau-broker", "static_configs": brokers},
        ],
    }
    path = tmp / "prometheus.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def test_every_dashboard_panel_and_alert_returns_data_from_a_real_prometheus(tmp_path):
    promtool = _tool("promtool")
    t0 = time.time()
    s = Standin(tmp_path)
    s.kubectl("apply", "-f", str(REPO / "crds" / "moldau.yaml"))
    s.kubectl("wait", "--for=condition=established", "crd/kafkaclusters.kafka.moldau.dev", "--timeout=10s")
    op_port = free_port()
    op = Operator(s, ["--metrics-listen", f"127.0.0.1:{op_port}", "--exporter-interval-seconds", "1"])
    prom = None
    traffic = None
    stop = tmp_path / "stop-traffic"
    said_at: list[tuple[float, str]] = []   # (when, line) the traffic script printed
    complained: list[tuple[float, str]] = []  # and its stderr
    try:
        bootstrap = ready_cluster(s, op)
        t_ready = time.time()
        pods = broker_pods(s)
        assert sorted(pods) == [f"{CLUSTER}-broker-{i}" for i in range(3)], sorted(pods)

        # The victim: a broker that is not the active controller (the quorum keeps its leader).
        def active_controller(name):
            ip = pods[name]["status"]["podIP"]
            text = urllib.request.urlopen(f"http://{ip}:9404/metrics", timeout=5).read().decode()
            return any(line == "kafka_controller_kafkacontroller_activecontrollercount 1" for line in text.splitlines())
        victim_id = next(i for i in (2, 1, 0) if not active_controller(f"{CLUSTER}-broker-{i}"))
        victim = f"{CLUSTER}-broker-{victim_id}"

        config = write_config(tmp_path, op_port, pods)
        p = subprocess.run([promtool, "check", "config", str(config)], capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, f"promtool check config:\n{p.stdout}\n{p.stderr}"
        p = subprocess.run([promtool, "check", "rules", str(dashboards.RULES)], capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, f"promtool check rules:\n{p.stdout}\n{p.stderr}"
        assert f"SUCCESS: {len(dashboards.alert_rules())} rules found" in p.stdout, p.stdout
        prom = Prometheus(tmp_path, config)

        # A cluster the exporter cannot read, whose reconciles fail.
        s.apply(FOREIGN_STS)
        s.apply(BROKEN)

        consume_secs = 6
        traffic = s.in_cluster_popen(["python3", "-u", "-c", TRAFFIC, bootstrap, str(victim_id), str(stop), str(consume_secs)])

        def read(pipe, into):
            for line in pipe:
                into.append((time.time(), line.rstrip()))
        # Both pipes drained (librdkafka logs every refused connection to stderr).
        threading.Thread(target=read, args=(traffic.stdout, said_at), daemon=True).start()
        threading.Thread(target=read, args=(traffic.stderr, complained), daemon=True).start()

        # Every target is scraped.
        def targets_up():
            active = prom.api("targets")["data"]["activeTargets"]
            return len(active) == 4 and all(t["health"] == "up" for t in active) and active
        s.wait(targets_up, timeout=30, message=f"4 targets up\n{prom.log_tail()}")

        queries = [(d, panel, dashboards.substitute(expr, NAMESPACE, CLUSTER))
                   for d, panel, expr in dashboards.panel_queries()]
        alerts = dashboards.alert_rules()
        seen: dict[str, list[str]] = {}      # expr → phases in which it returned data
        peak: dict[str, float] = {}          # expr → the largest value it returned
        alert_states: dict[str, set] = {}    # alert → states seen at /api/v1/alerts

        def sweep(phase: str):
            for expr in [e for _, _, e in queries] + [e for _, e in alerts]:
                answer = prom.query(expr)
                assert answer.get("status") == "success" and "error" not in answer, (expr, answer)
                samples = finite_samples(answer)
                if samples:
                    peak[expr] = max([peak.get(expr, -math.inf)] + [float(r["value"][1]) for r in samples])
                    seen.setdefault(expr, [])
                    if phase not in seen[expr]:
                        seen[expr].append(phase)
            for a in prom.api("alerts")["data"]["alerts"]:
                alert_states.setdefault(a["labels"]["alertname"], set()).add(
                    (a["state"], a["labels"].get("cluster")))

        def expr_of(dashboard: str, panel: str) -> str:
            return next(e for d, p, e in queries if d == dashboard and p == panel)
        # What the dead broker must show, not just "some data": at least one of each.
        overview = "moldau / Cluster overview"
        down_titles = ("Fenced brokers", "Broker pods down", "Offline partitions", "Under-replicated partitions")
        down_signals = [expr_of(overview, p) for p in down_titles]

        def missing():
            return [(d, panel, e) for d, panel, e in queries if e not in seen] + \
                   [("alert", name, e) for name, e in alerts if e not in seen]

        # Phase 1: traffic; billing consumes, then stops while production goes on.
        deadline = time.time() + 45
        while time.time() < deadline:
            if traffic.poll() is not None:
                raise AssertionError(f"traffic ended early ({traffic.returncode}):\n{said_at}\n"
                                     + "\n".join(line for _, line in complained[-30:]))
            sweep("healthy")
            stopped = next((t for t, line in said_at if line.startswith("billing stopped")), None)
            lag = finite_samples(prom.query(
                f'deriv(kafka_consumergroup_lag_sum{{cluster="{CLUSTER}", consumergroup="billing"}}[1m]) > 0'))
            if lag and stopped and time.time() - stopped > 5:
                break
            time.sleep(1)
        else:
            raise AssertionError(f"billing's lag did not grow: {said_at}\n{op.log_tail()}")
        healthy_missing = missing()

        # Phase 2: the victim's process is killed, again each time the stand-in restarts it
        # (its back-off doubling: 0, 1, 2, 4, 8 s), until every query has returned data.
        def running():
            c = broker_container(s.get("pod", victim))
            return c if "running" in c.get("state", {}) else None
        kills = 0
        t_kill = time.time()
        deadline = time.time() + 60
        while time.time() < deadline:
            if kills < 6 and running():
                s.admin("POST", f"pods/{NAMESPACE}/{victim}/kill")
                kills += 1
            sweep("broker down")
            # Rules are evaluated each second: wait until each has been seen pending (or firing).
            alerts_seen = all(any(state in ("pending", "firing") and c == CLUSTER
                                  for state, c in alert_states.get(name, ()))
                              for name in CLUSTER_ALERTS)
            if not missing() and all(peak.get(e, 0) >= 1 for e in down_signals) and alerts_seen:
                break
            time.sleep(0.5)
        t_down = time.time() - t_kill

        # Dashboard variables: label_values(selector, label) has values.
        for d, name, q in dashboards.variable_queries():
            selector = dashboards.substitute(dashboards.selector_of(q), NAMESPACE, CLUSTER)
            label = q.rsplit(",", 1)[1].strip(" )")
            answer = prom.api("series", **{"match[]": selector})
            assert answer.get("status") == "success", (d, name, answer)
            assert {x.get(label) for x in answer["data"]} - {None}, (d, name, selector)

        print(f"\ncluster ready {t_ready - t0:.1f}s after start; {len(queries)} panel queries, {len(alerts)} alerts; "
              f"{kills} kills of {victim}, broker-down phase {t_down:.1f}s; total {time.time() - t0:.1f}s")
        print("needed the broker down:", sorted({f"{d} / {panel}" for d, panel, _ in healthy_missing}))
        print("peaks:", {t: peak.get(e) for t, e in zip(down_titles, down_signals)})
        errors = prom.query('sum by (api, error) (moldau_request_errors_total{job="moldau-broker"})')["data"]["result"]
        print("request errors:", sorted((r["metric"].get("api"), r["metric"].get("error"), r["value"][1]) for r in errors))
        print("alert states seen:", {k: sorted(map(str, v)) for k, v in sorted(alert_states.items())})
        left = missing()
        assert not left, "no data from:\n" + "\n".join(f"  {d} / {panel}: {e}" for d, panel, e in left) + \
            f"\n{op.log_tail()}\n{prom.log_tail()}"
        assert peak[expr_of(overview, "Live brokers")] == 3
        assert {e: peak.get(e) for e in down_signals if peak.get(e, 0) < 1} == {}, "the dead broker is seen"
        # The rules loaded and evaluate: the offline partition makes its alert pending (its
        # `for` is a minute) — and so the others that the broken cluster and the dead broker
        # trigger.
        for name in CLUSTER_ALERTS:
            assert any(c == CLUSTER for _, c in alert_states.get(name, ())), (name, alert_states)
        assert any(c == "broken" for _, c in alert_states.get("MoldauExporterDown", ())), alert_states
        rules = prom.api("rules")["data"]["groups"]
        assert {r["name"] for g in rules for r in g["rules"]} == {n for n, _ in alerts}
        assert all(r["health"] == "ok" for g in rules for r in g["rules"]), rules
    finally:
        stop.write_text("")
        if traffic is not None:
            try:
                traffic.wait(30)
            except subprocess.TimeoutExpired:
                traffic.kill()
                traffic.wait()
            print("traffic:", [line for _, line in said_at][-1:],
                  [line for _, line in complained][-10:] if traffic.returncode else "")
        if prom is not None:
            prom.stop()
        op.stop()
        s.stop()
