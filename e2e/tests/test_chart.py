"""The Helm chart (charts/moldau), checked with Helm's own engine (helm-python-sdk): lint,
render, every rendered manifest valid against the Kubernetes schemas (kubernetes-validate
--strict), values checked by values.schema.json, the examples valid against the generated
CRDs; and the rendered chart installed on kube-standin runs the operator, which turns
examples/kafkacluster.yaml into a Ready 3-broker cluster."""

import json
import subprocess
import sys

import helm_python
import jsonschema
import pytest
import yaml

from standin import REPO, Standin

CHART = REPO / "charts" / "moldau"


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
], ids=["defaults", "ha-servicemonitor-kubeconfig", "no-rbac"])
def test_rendered_manifests_are_valid_kubernetes(values, tmp_path):
    """Every rendered manifest of a built-in kind passes kubernetes-validate --strict (unknown
    fields are errors); leader election and the Lease permission appear only with more than
    one replica."""
    docs = render(values)
    kinds = [d["kind"] for d in docs]
    assert "Deployment" in kinds
    builtin = [d for d in docs if d["kind"] != "ServiceMonitor"]
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


def test_values_schema_refuses_bad_values():
    """values.schema.json: a wrong type or an unknown key fails the render with a message."""
    for bad in ({"replicaCount": 0}, {"replicaCount": "two"}, {"imagee": {}}):
        with pytest.raises(helm_python.HelmError):
            render(bad)


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
