"""The Helm chart (charts/moldau), checked with Helm's own engine (helm-python-sdk): lint,
render, every rendered manifest valid against the Kubernetes schemas (kubernetes-validate
--strict), values checked by values.schema.json, the examples valid against the generated
CRDs; the Grafana dashboards and Prometheus alerts it ships are sound (dashboards render as
labelled ConfigMaps, every panel query is valid PromQL over metrics that exist, promtool accepts
the rule file and its unit tests prove each alert fires when it should and only then); and the
rendered chart installed on kube-standin runs the operator, which turns
examples/kafkacluster.yaml into a Ready 3-broker cluster."""

import json
import re
import shutil
import subprocess
import sys

import helm_python
import jsonschema
import pytest
import yaml

import dashboards
from standin import REPO, Standin

CHART = REPO / "charts" / "moldau"
ALERT_TESTS = REPO / "e2e" / "tests" / "data" / "moldau-alerts.test.yaml"
# The kinds of the Prometheus Operator's CRDs: no Kubernetes schema to validate them against.
MONITORING_KINDS = {"ServiceMonitor", "PodMonitor", "PrometheusRule"}


def render(values: dict | None = None, namespace: str = "moldau-system") -> list[dict]:
    out = helm_python.Chart.load(str(CHART)).render(values or {}, name="moldau", namespace=namespace, is_install=True)
    docs = []
    for path, text in sorted(out.items()):
        if path.endswith("NOTES.txt"):
            continue
        docs.extend(d for d in yaml.safe_load_all(text) if d)
    return docs


def test_chart_lints_clean():
    """helm lint --strict: no errors and no warnings."""
    r = helm_python.lint(str(CHART), strict=True)
    assert r["errors"] == [], r
    serious = [m for m in r["messages"] if m["severity"] >= 2]
    assert serious == [], serious


@pytest.mark.parametrize("values", [
    {},
    {"replicaCount": 2, "metrics": {"serviceMonitor": {"enabled": True}}, "kubeconfigSecret": "remote"},
    {"rbac": {"create": False}, "serviceAccount": {"create": False, "name": "existing"}},
    {"dashboards": {"enabled": False}, "prometheusRule": {"enabled": True, "labels": {"release": "kps"}},
     "podMonitor": {"enabled": True}},
], ids=["defaults", "ha-servicemonitor-kubeconfig", "no-rbac", "no-dashboards-rules-podmonitor"])
def test_rendered_manifests_are_valid_kubernetes(values, tmp_path):
    """Every rendered manifest of a built-in kind passes kubernetes-validate --strict (unknown
    fields are errors); leader election and the Lease permission appear only with more than
    one replica."""
    docs = render(values)
    kinds = [d["kind"] for d in docs]
    assert "Deployment" in kinds
    builtin = [d for d in docs if d["kind"] not in MONITORING_KINDS]
    for i, d in enumerate(builtin):
        f = tmp_path / f"{i}-{d['kind']}.yaml"
        f.write_text(yaml.safe_dump(d))
        p = subprocess.run([sys.executable, "-m", "kubernetes_validate", "--strict", "-k", "1.32.0", str(f)],
                           capture_output=True, text=True)
        assert p.returncode == 0, f"{d['kind']} {d['metadata']['name']}: {p.stdout}{p.stderr}"
    deploy = next(d for d in docs if d["kind"] == "Deployment")
    args = deploy["spec"]["template"]["spec"]["containers"][0]["args"]
    ha = values.get("replicaCount", 1) > 1
    assert ("--leader-election" in args) == ha
    if values.get("rbac", {}).get("create", True):
        role = next(d for d in docs if d["kind"] == "ClusterRole")
        leases = any("leases" in r["resources"] for r in role["rules"])
        assert leases == ha
        for r in role["rules"]:
            assert "*" not in r["verbs"] and "*" not in r["resources"], "least privilege"
        # The broker ClusterRole: reading Nodes only; the operator may bind exactly it.
        broker_role = next(d for d in docs if d["kind"] == "ClusterRole" and d["metadata"]["name"] == "moldau-broker")
        assert broker_role["rules"] == [{"apiGroups": [""], "resources": ["nodes"], "verbs": ["get"]}]
        bind = [r for r in role["rules"] if "bind" in r["verbs"]]
        assert bind == [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"],
                         "verbs": ["bind"], "resourceNames": ["moldau-broker"]}]
        assert args[args.index("--broker-cluster-role") + 1] == "moldau-broker"
    else:
        assert "ClusterRole" not in kinds
    assert ("ServiceMonitor" in kinds) == values.get("metrics", {}).get("serviceMonitor", {}).get("enabled", False)
    assert ("PrometheusRule" in kinds) == values.get("prometheusRule", {}).get("enabled", False)
    assert ("PodMonitor" in kinds) == values.get("podMonitor", {}).get("enabled", False)
    configmaps = [d for d in docs if d["kind"] == "ConfigMap"]
    assert len(configmaps) == (len(dashboards.dashboard_files()) if values.get("dashboards", {}).get("enabled", True) else 0)


def test_values_schema_refuses_bad_values():
    """values.schema.json: a wrong type or an unknown key fails the render with a message."""
    for bad in ({"replicaCount": 0}, {"replicaCount": "two"}, {"imagee": {}},
                {"dashboards": {"enabled": "yes"}}, {"dashboards": {"lable": "grafana_dashboard"}},
                {"prometheusRule": {"labels": {"release": 1}}}, {"podMonitor": {"interval": "often"}}):
        with pytest.raises(helm_python.HelmError):
            render(bad)


def promtool(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("promtool")
    if exe is None:
        pytest.fail("promtool is not installed (Debian package prometheus)")
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120)


# The metrics moldau exposes, read from the code that registers them (each histogram also as
# its _bucket, _sum and _count series), and Prometheus's own `up`.
METRIC_SOURCES = ["broker/src/metrics.rs", "operator/src/metrics.rs", "operator/src/exporter/render.rs"]
HISTOGRAMS = {"moldau_request_duration_seconds", "moldau_operator_reconcile_duration_seconds"}


def known_metrics() -> set[str]:
    names = {"up"}
    for src in METRIC_SOURCES:
        names |= set(re.findall(r'"((?:kafka|moldau)_[a-z0-9_]+)"', (REPO / src).read_text()))
    assert HISTOGRAMS <= names, "a histogram of the dashboards is gone"
    names |= {h + s for h in HISTOGRAMS for s in ("_bucket", "_sum", "_count")}
    return names


IDENT = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")


def selectors(expr: str) -> list[tuple[str, str]]:
    """(metric name, the label matchers in braces after it or "") of every metric-looking
    identifier in the expression (one of kafka_*, moldau_*, up)."""
    out = []
    for m in IDENT.finditer(expr):
        name = m.group(0)
        if expr[:m.start()].endswith(("$", "{", ",")) or not (name == "up" or name.startswith(("kafka_", "moldau_"))):
            continue
        rest = expr[m.end():].lstrip()
        out.append((name, rest[:rest.index("}") + 1] if rest.startswith("{") else ""))
    return out


def is_operator_own(metric: str) -> bool:
    """The operator's reconcile metrics: no namespace/cluster labels (one series per kind)."""
    return metric.startswith("moldau_operator_reconcil")


# Panels that look at every cluster on purpose.
EVERY_CLUSTER = {("moldau / Operator health", "Exporter status of every cluster")}


def test_dashboards_render_as_labelled_configmaps():
    """One ConfigMap per dashboards/*.json, labelled for the Grafana sidecar (label, value,
    namespace and annotations as configured), holding the file as it is; none when disabled."""
    files = dashboards.dashboard_files()
    assert len(files) == 4, files
    cms = [d for d in render() if d["kind"] == "ConfigMap"]
    assert len(cms) == len(files)
    by_key = {}
    for cm in cms:
        assert cm["metadata"]["labels"]["grafana_dashboard"] == "1"
        assert cm["metadata"]["namespace"] == "moldau-system"
        assert "annotations" not in cm["metadata"]
        assert len(cm["data"]) == 1
        by_key.update(cm["data"])
    assert sorted(by_key) == sorted(f.name for f in files)
    for f in files:
        assert json.loads(by_key[f.name]) == json.loads(f.read_text()), f.name
    assert len({cm["metadata"]["name"] for cm in cms}) == len(cms)

    cms = [d for d in render({"dashboards": {"label": "grafana.com/dashboard", "labelValue": "moldau",
                                             "namespace": "monitoring", "annotations": {"grafana_folder": "Kafka"}}})
           if d["kind"] == "ConfigMap"]
    assert len(cms) == len(files)
    for cm in cms:
        assert cm["metadata"]["labels"]["grafana.com/dashboard"] == "moldau"
        assert "grafana_dashboard" not in cm["metadata"]["labels"]
        assert cm["metadata"]["namespace"] == "monitoring"
        assert cm["metadata"]["annotations"] == {"grafana_folder": "Kafka"}
    assert not [d for d in render({"dashboards": {"enabled": False}}) if d["kind"] == "ConfigMap"]


def test_dashboards_are_well_formed():
    """Each dashboard: a stable, unique uid and title, schemaVersion 39, the datasource,
    namespace and cluster variables; every panel (rows aside) a timeseries, stat or table on
    the selected data source with at least one PromQL target; panel ids unique."""
    uids, titles = set(), set()
    for f in dashboards.dashboard_files():
        d = dashboards.load(f)
        assert d["uid"] == f.stem and d["uid"] not in uids, f.name
        assert d["title"] and d["title"] not in titles, f.name
        uids.add(d["uid"])
        titles.add(d["title"])
        assert d["schemaVersion"] == 39
        variables = {v["name"]: v for v in d["templating"]["list"]}
        assert variables["datasource"]["type"] == "datasource" and variables["datasource"]["query"] == "prometheus"
        assert variables["namespace"]["type"] == "query"
        assert variables["namespace"]["query"]["query"] == "label_values(kafka_brokers, namespace)"
        assert variables["cluster"]["query"]["query"] == 'label_values(kafka_brokers{namespace="$namespace"}, cluster)'
        for v in variables.values():
            if v["type"] == "query":
                assert v["datasource"]["uid"] == "${datasource}"
                if v.get("includeAll"):
                    assert v["allValue"] == ".*", "substitute() fills an All variable with .*"
        ps = dashboards.panels(d)
        ids = [p["id"] for p in ps]
        assert len(ids) == len(set(ids)), f"{f.name}: duplicate panel ids"
        graphs = [p for p in ps if p["type"] != "row"]
        assert len(graphs) >= 5, f.name
        for p in graphs:
            where = f"{f.name}: {p['title']!r}"
            assert p["type"] in {"timeseries", "stat", "table"}, where
            assert p["title"] and p["gridPos"]["w"] > 0 and p["gridPos"]["h"] > 0, where
            assert p["datasource"]["uid"] == "${datasource}", where
            assert p["targets"], f"{where} has no target"
            refs = [t["refId"] for t in p["targets"]]
            assert len(refs) == len(set(refs)), where
            for t in p["targets"]:
                assert t["expr"].strip(), where
                assert t["datasource"]["uid"] == "${datasource}", where


def test_dashboard_queries_use_existing_metrics_of_the_selected_cluster():
    """Every metric a panel queries is one moldau exposes (the names read from the code
    registering them); every series with cluster labels is filtered to the selected
    namespace and cluster, the operator's per-kind reconcile series are not (they have no
    such labels); rate() windows are $__rate_interval; broker targets' `up` is job
    moldau-broker, the PodMonitor's."""
    known = known_metrics()
    queries = dashboards.panel_queries()
    used = set()
    for dash, panel, expr in queries:
        where = f"{dash} / {panel}: {expr}"
        sels = selectors(expr)
        assert sels, where
        for metric, sel in sels:
            assert metric in known, f"{where}: no metric {metric}"
            used.add(metric)
            if is_operator_own(metric):
                assert "namespace" not in sel and "cluster" not in sel, where
            elif (dash, panel) not in EVERY_CLUSTER:
                assert 'namespace="$namespace"' in sel and 'cluster="$cluster"' in sel, where
            if metric == "up":
                assert 'job="moldau-broker"' in sel, where
        for window in re.findall(r"\brate\([^\[]*\[([^\]]*)\]", expr):
            assert window == "$__rate_interval", where
    # What the dashboards are about is there.
    for metric in ("moldau_topic_bytes_in_total", "moldau_topic_bytes_out_total", "moldau_requests_total",
                   "moldau_request_duration_seconds_bucket", "moldau_under_replicated_partitions",
                   "moldau_offline_partitions", "moldau_partition_leaders", "kafka_server_replicamanager_isrshrinks_total",
                   "kafka_server_replicamanager_isrexpands_total", "kafka_brokers", "kafka_consumergroup_lag",
                   "kafka_consumergroup_lag_sum", "kafka_consumergroup_lag_seconds", "kafka_consumergroup_members",
                   "moldau_replica_lag_records", "moldau_replica_lag_seconds", "kafka_topic_partition_in_sync_replica",
                   "kafka_topic_partition_replicas", "kafka_topic_partition_under_replicated_partition",
                   "moldau_operator_reconciliations_total", "moldau_operator_reconcile_failures_total",
                   "moldau_operator_reconcile_duration_seconds_bucket", "moldau_operator_leader_actions_total",
                   "moldau_operator_leaders_moved_total", "moldau_exporter_up", "moldau_exporter_collect_duration_seconds"):
        assert metric in used, f"no panel shows {metric}"


def test_dashboard_queries_are_valid_promql(tmp_path):
    """Every panel query and variable selector, its Grafana variables substituted as
    dashboards.substitute does for the e2e queries, parses as PromQL: promtool check rules on
    a rule file with one recording rule per query (and the check does reject a broken one)."""
    exprs = [dashboards.substitute(e, "kafka", "my-cluster") for _, _, e in dashboards.panel_queries()]
    exprs += [dashboards.substitute(dashboards.selector_of(q), "kafka", "my-cluster")
              for _, _, q in dashboards.variable_queries()]
    assert len(exprs) > 50
    for e in exprs:
        assert "$" not in e and ("rate(" not in e or "[1m]" in e), e
    rules = {"groups": [{"name": "dashboards", "rules": [{"record": f"moldau_dashboard_query_{i}", "expr": e}
                                                         for i, e in enumerate(exprs)]}]}
    f = tmp_path / "dashboards.rules.yaml"
    f.write_text(yaml.safe_dump(rules))
    p = promtool("check", "rules", str(f))
    assert p.returncode == 0, p.stdout + p.stderr
    assert f"SUCCESS: {len(exprs)} rules found" in p.stdout, p.stdout

    f.write_text(yaml.safe_dump({"groups": [{"name": "x", "rules": [{"record": "x", "expr": exprs[0][:-1]}]}]}))
    assert promtool("check", "rules", str(f)).returncode != 0


def test_substitute_fills_grafana_variables():
    """dashboards.substitute: $namespace, $cluster, the globals and All variables become
    concrete PromQL; a value is quoted for a PromQL string; an unknown global is an error."""
    expr = ('sum by (topic) (rate(x{namespace="$namespace", cluster="${cluster}", topic=~"$topic"}[$__rate_interval]))'
            ' / increase(y[$__range]) + $__range_s')
    assert dashboards.substitute(expr, "kafka", "prod") == (
        'sum by (topic) (rate(x{namespace="kafka", cluster="prod", topic=~".*"}[1m])) / increase(y[1h]) + 3600')
    assert dashboards.substitute('x{topic=~"$topic"}', "a", "b", topic="orders") == 'x{topic=~"orders"}'
    assert dashboards.substitute('x{cluster="$cluster"}', "a", 'we"ird') == 'x{cluster="we\\"ird"}'
    with pytest.raises(ValueError):
        dashboards.substitute("rate(x[$__nonsense])", "a", "b")


EXPECTED_ALERTS = {"MoldauOfflinePartitions": "critical", "MoldauUnderReplicatedPartitions": "warning",
                   "MoldauConsumerLagGrowing": "warning", "MoldauBrokerDown": "critical", "MoldauExporterDown": "warning"}


def test_alert_rules_pass_promtool_and_their_unit_tests():
    """promtool check rules accepts rules/moldau-alerts.yaml; its alerts are the expected
    ones, each with a severity, a summary and a description, on metrics moldau exposes; and
    promtool test rules passes e2e/tests/data/moldau-alerts.test.yaml, which has every alert
    both firing on the series it is about and silent on others."""
    p = promtool("check", "rules", str(dashboards.RULES))
    assert p.returncode == 0, p.stdout + p.stderr
    alerts = dashboards.alert_rules()
    assert {a for a, _ in alerts} == set(EXPECTED_ALERTS)
    known = known_metrics()
    for g in dashboards.rule_groups():
        for r in g["rules"]:
            assert r["labels"]["severity"] == EXPECTED_ALERTS[r["alert"]], r["alert"]
            assert r["annotations"]["summary"] and r["annotations"]["description"], r["alert"]
            for metric, sel in selectors(r["expr"]):
                assert metric in known, f"{r['alert']}: no metric {metric}"
                if metric == "up":
                    assert sel == '{job="moldau-broker"}', r["alert"]

    p = promtool("test", "rules", str(ALERT_TESTS))
    assert p.returncode == 0, p.stdout + p.stderr
    tests = yaml.safe_load(ALERT_TESTS.read_text())
    assert tests["rule_files"] == ["../../../charts/moldau/rules/moldau-alerts.yaml"]
    assert (ALERT_TESTS.parent / tests["rule_files"][0]).resolve() == dashboards.RULES.resolve()
    for alert in EXPECTED_ALERTS:
        checks = [c for t in tests["tests"] for c in t.get("alert_rule_test", []) if c["alertname"] == alert]
        assert any(c["exp_alerts"] for c in checks), f"{alert} is never shown firing"
        assert any(not c["exp_alerts"] for c in checks), f"{alert} is never shown silent"


def test_prometheusrule_carries_the_rule_file():
    """prometheusRule.enabled renders a PrometheusRule whose groups are the rule file's, alert
    templates ({{ $labels.x }}) untouched, with the configured labels; none by default."""
    assert not [d for d in render() if d["kind"] == "PrometheusRule"]
    docs = render({"prometheusRule": {"enabled": True, "labels": {"release": "kube-prometheus-stack"}}})
    (rule,) = [d for d in docs if d["kind"] == "PrometheusRule"]
    assert rule["apiVersion"] == "monitoring.coreos.com/v1"
    assert rule["metadata"]["namespace"] == "moldau-system"
    assert rule["metadata"]["labels"]["release"] == "kube-prometheus-stack"
    assert rule["metadata"]["labels"]["app.kubernetes.io/instance"] == "moldau"
    assert rule["spec"] == {"groups": dashboards.rule_groups()}
    assert "{{ $labels.cluster }}" in json.dumps(rule["spec"])


def test_podmonitor_scrapes_broker_pods_with_the_dashboards_labels():
    """podMonitor.enabled renders a PodMonitor for the broker pods in every namespace, port
    metrics, relabelled to the namespace, cluster and pod labels and the job moldau-broker that
    the dashboards and alerts filter on; none by default."""
    assert not [d for d in render() if d["kind"] == "PodMonitor"]
    (pm,) = [d for d in render({"podMonitor": {"enabled": True, "interval": "15s", "labels": {"team": "data"}}})
             if d["kind"] == "PodMonitor"]
    assert pm["apiVersion"] == "monitoring.coreos.com/v1"
    assert pm["metadata"]["labels"]["team"] == "data"
    spec = pm["spec"]
    assert spec["namespaceSelector"] == {"any": True}
    # The labels the operator puts on broker pods (operator/src/cluster/desired.rs).
    assert spec["selector"] == {"matchLabels": {"app.kubernetes.io/name": "moldau", "app.kubernetes.io/component": "broker"}}
    (ep,) = spec["podMetricsEndpoints"]
    assert ep["port"] == "metrics" and ep["path"] == "/metrics" and ep["interval"] == "15s"
    relabel = {r["targetLabel"]: r for r in ep["relabelings"]}
    assert relabel["namespace"]["sourceLabels"] == ["__meta_kubernetes_namespace"]
    assert relabel["cluster"]["sourceLabels"] == ["__meta_kubernetes_pod_label_app_kubernetes_io_instance"]
    assert relabel["pod"]["sourceLabels"] == ["__meta_kubernetes_pod_name"]
    assert relabel["job"]["replacement"] == "moldau-broker" and "sourceLabels" not in relabel["job"]
    desired = (REPO / "operator" / "src" / "cluster" / "desired.rs").read_text()
    assert '"name": "metrics", "containerPort": METRICS_PORT' in desired


def test_examples_are_valid_against_the_generated_crds():
    """examples/*.yaml validate against the openAPIV3Schema of crds/moldau.yaml."""
    crds = {d["spec"]["names"]["kind"]: d for d in yaml.safe_load_all((REPO / "crds" / "moldau.yaml").read_text()) if d}
    for example in ("kafkacluster.yaml", "topic.yaml"):
        obj = yaml.safe_load((REPO / "examples" / example).read_text())
        schema = crds[obj["kind"]]["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
        jsonschema.validate(obj, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"spec": {"replicas": "three", "storage": {"size": "1Gi"}}},
                            crds["KafkaCluster"]["spec"]["versions"][0]["schema"]["openAPIV3Schema"])


def test_installed_chart_runs_the_operator_and_a_cluster(tmp_path):
    """helm install, equivalently: the chart's CRDs and rendered templates applied to the
    stand-in; the operator runs from the chart's Deployment (its image mapped to the built
    binary) with its service account's in-cluster config (HTTPS, the cluster CA), and
    examples/kafkacluster.yaml becomes a Ready 3-broker cluster."""
    s = Standin(tmp_path)
    try:
        s.kubectl("create", "-f", "-", input=json.dumps({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "moldau-system"}}))
        s.kubectl("apply", "-f", str(CHART / "crds" / "moldau.yaml"))
        docs = render({"image": {"repository": "moldau-operator", "tag": "dev"},
                       "brokerImage": {"repository": "moldau-broker", "tag": "dev"},
                       "metrics": {"port": 18090}})
        s.kubectl("apply", "-f", "-", input="\n---\n".join(yaml.safe_dump(d) for d in docs))
        s.kubectl("rollout", "status", "deployment/moldau", "-n", "moldau-system", "--timeout=60s", timeout=70)
        s.apply((REPO / "examples" / "kafkacluster.yaml").read_text())
        p = s.kubectl("wait", "--for=condition=Ready", "kc/my-cluster", "--timeout=180s", check=False, timeout=190)
        if p.returncode != 0:
            pod = s.get("pods", "-n", "moldau-system")["items"][0]["metadata"]["name"]
            logs = s.kubectl("logs", "-n", "moldau-system", pod, check=False).stdout[-3000:]
            raise AssertionError(f"{p.stderr}\noperator log:\n{logs}\n{s.log_tail()}")
        kc = s.get("kc", "my-cluster")
        assert kc["status"]["readyBrokers"] == 3
        md = s.in_cluster(["kcat", "-b", kc["status"]["bootstrapServers"], "-L", "-m", "15"]).stdout
        assert " 3 brokers:" in md
    finally:
        s.stop()
