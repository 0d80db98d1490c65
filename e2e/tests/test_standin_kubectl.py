"""Conformance of kube-standin, driven by the real kubectl. Each test names the Kubernetes
behaviour it checks; kubectl parses the responses, so its exit codes and messages are what a
user of a real cluster would see."""

import json
import subprocess
import time

from standin import standin  # noqa: F401 - pytest fixture

WIDGET_CRD = """
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd], categories: [all]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            x-kubernetes-validations:
            - {rule: "self.size >= oldSelf.size", message: "size may only grow"}
            properties:
              size: {type: integer, minimum: 1}
              mode: {type: string, enum: [fast, safe], default: safe}
              tags: {type: array, items: {type: string}}
          status:
            type: object
            properties:
              conditions:
                type: array
                items: {type: object, x-kubernetes-preserve-unknown-fields: true}
"""


def cm(name: str, **data: str) -> str:
    return json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data})


def widget(name: str, size: int, extra: str = "") -> str:
    return f"""
apiVersion: example.com/v1
kind: Widget
metadata: {{name: {name}}}
spec: {{size: {size}{extra}}}
"""


def with_crd(s):
    s.apply(WIDGET_CRD)
    s.kubectl("wait", "--for=condition=established", "crd/widgets.example.com", "--timeout=10s")


def test_crd_is_established_and_served(standin):
    """Applying a CRD establishes it (condition Established) and adds its kind to discovery,
    with its short name, so `kubectl get wd` works."""
    with_crd(standin)
    res = standin.kubectl("api-resources", "--api-group=example.com").stdout
    assert "widgets" in res and "wd" in res and "Widget" in res
    assert "No resources found" in standin.kubectl("get", "wd").stderr
    crd = standin.get("crd", "widgets.example.com")
    conds = {c["type"]: c["status"] for c in crd["status"]["conditions"]}
    assert conds == {"NamesAccepted": "True", "Established": "True"}


def test_schema_violations_are_refused_with_422(standin):
    """A custom resource that violates its CRD's schema is refused with 422 Invalid, listing
    every offending field, and is not stored."""
    with_crd(standin)
    p = standin.apply(widget("bad", 0, ", mode: slow"), check=False)
    assert p.returncode == 1
    assert 'The Widget "bad" is invalid' in p.stderr
    assert 'spec.mode: Unsupported value: "slow": supported values: "fast", "safe"' in p.stderr
    assert "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1" in p.stderr
    p = standin.apply("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: nosize}\nspec: {}\n", check=False)
    assert p.returncode == 1 and "spec.size: Required value" in p.stderr
    assert standin.kubectl("get", "wd", "bad", check=False).returncode == 1


def test_unknown_fields_strict_or_pruned(standin):
    """Unknown fields: kubectl's default strict field validation refuses them (400, "strict
    decoding error"); with --validate=false the server prunes them and fills in defaults."""
    with_crd(standin)
    p = standin.apply(widget("u", 1, ", bogus: 1"), check=False)
    assert p.returncode == 1 and 'strict decoding error: unknown field "spec.bogus"' in p.stderr
    standin.apply(widget("u", 1, ", bogus: 1"), "--validate=false")
    spec = standin.get("wd", "u")["spec"]
    assert spec == {"size": 1, "mode": "safe"}


def test_cel_transition_rule_on_update(standin):
    """x-kubernetes-validations transition rules (oldSelf) apply to updates only."""
    with_crd(standin)
    standin.apply(widget("w", 3))
    p = standin.apply(widget("w", 2), check=False)
    assert p.returncode == 1 and "size may only grow" in p.stderr
    standin.apply(widget("w", 4))
    assert standin.get("wd", "w")["spec"]["size"] == 4


def test_printer_columns_in_kubectl_get(standin):
    """kubectl get prints the CRD's additionalPrinterColumns (server-side Table)."""
    with_crd(standin)
    standin.apply(widget("w", 7))
    out = standin.kubectl("get", "wd").stdout.splitlines()
    assert out[0].split() == ["NAME", "SIZE", "READY"]
    assert out[1].split() == ["w", "7"]


def test_metadata_generation_and_status_subresource(standin):
    """uid, resourceVersion and creationTimestamp are set by the server; generation starts at
    1 and grows with spec changes only; writes to /status change only the status, and
    ordinary writes cannot change the status."""
    with_crd(standin)
    standin.apply(widget("g", 1))
    o = standin.get("wd", "g")
    m = o["metadata"]
    assert m["generation"] == 1 and m["uid"] and m["resourceVersion"] and m["creationTimestamp"]
    standin.kubectl("patch", "wd", "g", "--subresource=status", "--type=merge",
                    "-p", '{"status": {"conditions": [{"type": "Ready", "status": "True"}]}}')
    o2 = standin.get("wd", "g")
    assert o2["metadata"]["generation"] == 1
    assert int(o2["metadata"]["resourceVersion"]) > int(m["resourceVersion"])
    assert o2["status"]["conditions"][0]["status"] == "True"
    standin.kubectl("patch", "wd", "g", "--type=merge", "-p", '{"spec": {"size": 2}, "status": {"conditions": []}}')
    o3 = standin.get("wd", "g")
    assert o3["metadata"]["generation"] == 2 and o3["spec"]["size"] == 2
    assert o3["status"]["conditions"][0]["status"] == "True", "status is only written through /status"
    assert standin.kubectl("get", "wd").stdout.splitlines()[1].split() == ["g", "2", "True"]


def test_wait_for_condition(standin):
    """kubectl wait --for=condition=... returns once the condition is set."""
    with_crd(standin)
    standin.apply(widget("c", 1))
    waiter = subprocess.Popen(["kubectl", "--kubeconfig", str(standin.kubeconfig), "--cache-dir", str(standin.cache),
                               "wait", "--for=condition=Ready", "wd/c", "--timeout=30s"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1)
    assert waiter.poll() is None, "must wait while the condition is absent"
    standin.kubectl("patch", "wd", "c", "--subresource=status", "--type=merge",
                    "-p", '{"status": {"conditions": [{"type": "Ready", "status": "True"}]}}')
    out, err = waiter.communicate(timeout=30)
    assert waiter.returncode == 0, err
    assert "condition met" in out


def test_server_side_apply_conflicts_and_force(standin):
    """Server-side apply: a field owned by another manager and applied with a different value
    is a conflict (409) naming the manager and field; --force-conflicts moves ownership.
    managedFields record who owns what."""
    with_crd(standin)
    standin.apply(widget("s", 3), "--server-side")
    p = standin.apply(widget("s", 5), "--server-side", "--field-manager=other", check=False)
    assert p.returncode == 1
    assert 'Apply failed with 1 conflict: conflict with "kubectl": .spec.size' in p.stderr
    # Same value: shared ownership, no conflict.
    standin.apply(widget("s", 3), "--server-side", "--field-manager=other")
    standin.apply(widget("s", 5), "--server-side", "--field-manager=other", "--force-conflicts")
    o = json.loads(standin.kubectl("get", "wd", "s", "-o", "json", "--show-managed-fields").stdout)
    assert o["spec"]["size"] == 5
    owners = {e["manager"]: e["fieldsV1"] for e in o["metadata"]["managedFields"]}
    assert "f:size" in owners["other"]["f:spec"]
    assert "f:size" not in owners.get("kubectl", {}).get("f:spec", {})


def test_client_side_apply_removes_dropped_fields(standin):
    """Client-side apply is a three-way merge with last-applied-configuration: a field removed
    from the manifest is removed from the object; fields set by others stay."""
    with_crd(standin)
    standin.apply(widget("a", 1, ", tags: [x, z]"))
    standin.kubectl("label", "wd", "a", "team=blue")
    standin.apply(widget("a", 1))
    o = standin.get("wd", "a")
    assert "tags" not in o["spec"]
    assert o["metadata"]["labels"] == {"team": "blue"}
    assert "kubectl.kubernetes.io/last-applied-configuration" in o["metadata"]["annotations"]


def test_stale_update_is_a_conflict(standin):
    """Optimistic concurrency: an update carrying an old resourceVersion gets 409 Conflict."""
    standin.apply(cm("cc", a="1"))
    old = standin.get("cm", "cc")
    standin.kubectl("patch", "cm", "cc", "--type=merge", "-p", '{"data": {"a": "2"}}')
    old["data"]["a"] = "3"
    p = standin.kubectl("replace", "-f", "-", input=json.dumps(old), check=False)
    assert p.returncode == 1
    assert "the object has been modified; please apply your changes to the latest version" in p.stderr
    assert standin.get("cm", "cc")["data"]["a"] == "2"


def test_patch_types(standin):
    """JSON merge patch, JSON patch and strategic merge patch (lists with a merge key merge
    by key, so one container's image changes and the others stay)."""
    standin.apply("""
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: p}
spec:
  replicas: 0
  selector: {matchLabels: {app: p}}
  template:
    metadata: {labels: {app: p}}
    spec:
      containers:
      - {name: a, image: "a:1"}
      - {name: b, image: "b:1"}
""")
    standin.kubectl("patch", "sts", "p", "-p", '{"spec": {"template": {"spec": {"containers": [{"name": "b", "image": "b:2"}]}}}}')
    cs = standin.get("sts", "p")["spec"]["template"]["spec"]["containers"]
    assert [(c["name"], c["image"]) for c in cs] == [("a", "a:1"), ("b", "b:2")]
    standin.kubectl("patch", "sts", "p", "--type=json", "-p", '[{"op": "replace", "path": "/spec/replicas", "value": 0}, '
                    '{"op": "add", "path": "/metadata/labels", "value": {"x": "y"}}]')
    assert standin.get("sts", "p")["metadata"]["labels"] == {"x": "y"}
    p = standin.kubectl("patch", "sts", "p", "--type=json", "-p", '[{"op": "remove", "path": "/spec/nope"}]', check=False)
    assert p.returncode == 1
    # Immutable fields of a StatefulSet are refused.
    p = standin.kubectl("patch", "sts", "p", "--type=merge", "-p", '{"spec": {"serviceName": "other"}}', check=False)
    assert p.returncode == 1 and "updates to statefulset spec for fields other than" in p.stderr


def test_watch_sees_added_modified_deleted(standin):
    """kubectl get -w streams changes as they happen (ADDED, MODIFIED, DELETED)."""
    w = subprocess.Popen(["kubectl", "--kubeconfig", str(standin.kubeconfig), "--cache-dir", str(standin.cache),
                          "get", "configmaps", "-w", "--output-watch-events", "-o", "json"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(1.5)
        standin.kubectl("create", "-f", "-", input=cm("w1", a="1"))
        standin.kubectl("patch", "cm", "w1", "--type=merge", "-p", '{"data": {"a": "2"}}')
        standin.kubectl("delete", "cm", "w1")
        time.sleep(1.5)
    finally:
        w.terminate()
    out, _ = w.communicate(timeout=10)
    dec = json.JSONDecoder()
    events, i = [], 0
    while i < len(out):
        while i < len(out) and out[i].isspace():
            i += 1
        if i >= len(out):
            break
        ev, i = dec.raw_decode(out, i)
        if ev["object"]["metadata"]["name"] == "w1":
            events.append((ev["type"], ev["object"].get("data", {}).get("a")))
    assert events == [("ADDED", "1"), ("MODIFIED", "2"), ("DELETED", "2")], out


def test_finalizer_holds_deletion(standin):
    """An object with finalizers is only marked for deletion (deletionTimestamp) and stays
    until the finalizers are removed; kubectl delete waits for that."""
    standin.apply("""
apiVersion: v1
kind: ConfigMap
metadata: {name: held, finalizers: [example.com/hold]}
data: {a: "1"}
""")
    standin.kubectl("delete", "cm", "held", "--wait=false")
    o = standin.get("cm", "held")
    assert o["metadata"]["deletionTimestamp"]
    p = standin.kubectl("patch", "cm", "held", "--type=merge",
                        "-p", '{"metadata": {"finalizers": ["example.com/hold", "example.com/more"]}}', check=False)
    assert p.returncode == 1 and "no new finalizers can be added if the object is being deleted" in p.stderr
    deleter = subprocess.Popen(["kubectl", "--kubeconfig", str(standin.kubeconfig), "--cache-dir", str(standin.cache),
                                "delete", "cm", "held", "--timeout=30s"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1)
    assert deleter.poll() is None, "kubectl delete waits for the finalizer"
    standin.kubectl("patch", "cm", "held", "--type=json", "-p", '[{"op": "remove", "path": "/metadata/finalizers"}]')
    deleter.communicate(timeout=30)
    assert deleter.returncode == 0
    assert standin.kubectl("get", "cm", "held", check=False).returncode == 1


def test_garbage_collection_and_namespace_deletion(standin):
    """Deleting an owner deletes its dependents (ownerReferences); deleting a namespace
    deletes everything in it, then the namespace."""
    standin.kubectl("create", "-f", "-", input="apiVersion: v1\nkind: Namespace\nmetadata: {name: gc}\n")
    standin.kubectl("create", "-n", "gc", "-f", "-", input=cm("owner"))
    uid = standin.get("-n", "gc", "cm", "owner")["metadata"]["uid"]
    standin.apply(f"""
apiVersion: v1
kind: ConfigMap
metadata:
  name: dependent
  namespace: gc
  ownerReferences: [{{apiVersion: v1, kind: ConfigMap, name: owner, uid: {uid}}}]
""")
    standin.kubectl("delete", "-n", "gc", "cm", "owner")
    standin.wait(lambda: standin.kubectl("get", "-n", "gc", "cm", "dependent", check=False).returncode == 1,
                 timeout=10, message="the dependent to be collected")
    standin.kubectl("create", "-n", "gc", "-f", "-", input=cm("content"))
    standin.kubectl("delete", "namespace", "gc", "--timeout=30s")
    assert standin.kubectl("get", "namespace", "gc", check=False).returncode == 1
    p = standin.kubectl("create", "-n", "gc", "-f", "-", input=cm("x"), check=False)
    assert p.returncode == 1 and 'namespaces "gc" not found' in p.stderr


def test_dry_run_server_stores_nothing(standin):
    """--dry-run=server validates and defaults but stores nothing."""
    out = standin.kubectl("create", "-f", "-", "--dry-run=server", "-o", "json", input=cm("dry", a="1")).stdout
    assert json.loads(out)["metadata"]["name"] == "dry"
    assert standin.kubectl("get", "cm", "dry", check=False).returncode == 1


def test_protobuf_bodies_are_refused_clearly(standin):
    """kube-standin speaks JSON: kubectl's typed generators (which send protobuf) get a 415
    that says what to use instead, never a garbled object."""
    p = standin.kubectl("create", "configmap", "pb", "--from-literal=a=1", check=False)
    assert p.returncode == 1 and "kubectl create -f" in p.stderr
    assert standin.kubectl("get", "cm", "pb", check=False).returncode == 1


BROKERS = """
apiVersion: v1
kind: Service
metadata: {name: kafka}
spec:
  clusterIP: None
  selector: {app: kafka}
  ports: [{name: kafka, port: 9092}]
---
apiVersion: v1
kind: Service
metadata: {name: kafka-bootstrap}
spec:
  selector: {app: kafka}
  ports: [{name: kafka, port: 9092}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: kafka}
spec:
  replicas: 3
  serviceName: kafka
  selector: {matchLabels: {app: kafka}}
  template:
    metadata: {labels: {app: kafka}}
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: broker
        image: ghcr.io/moldau/moldau-broker:0.1.0
        env:
        - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
        - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
        args:
        - --override
        - listeners=PLAINTEXT://$(POD_IP):9092
        - --override
        - advertised.listeners=PLAINTEXT://$(POD_NAME).kafka.default.svc.cluster.local:9092
        - --override
        - log.dirs=/var/lib/moldau/data
        ports: [{name: kafka, containerPort: 9092}]
        readinessProbe: {tcpSocket: {port: kafka}, periodSeconds: 1}
        volumeMounts: [{name: data, mountPath: /var/lib/moldau}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
"""


def pod_ready(p: dict) -> bool:
    return any(c["type"] == "Ready" and c["status"] == "True" for c in p.get("status", {}).get("conditions", []))


def test_statefulset_of_brokers_runs_as_processes(standin):
    """A StatefulSet of 3 moldau-broker pods starts as real processes, each on its own
    loopback address with its own claim; the pods become Ready from their readiness probes
    (OrderedReady: one after the other); a killed broker process shows as the pod going
    not-ready and being restarted; the claim's data outlives a deleted pod; the bootstrap
    Service's ClusterIP reaches the brokers."""
    standin.apply(BROKERS)
    standin.kubectl("rollout", "status", "statefulset/kafka", "--timeout=120s", timeout=130)
    pods = standin.get("pods", "-l", "app=kafka")["items"]
    assert sorted(p["metadata"]["name"] for p in pods) == ["kafka-0", "kafka-1", "kafka-2"]
    assert all(pod_ready(p) for p in pods)
    ips = {p["status"]["podIP"] for p in pods}
    assert len(ips) == 3 and all(ip.startswith("127.") for ip in ips)
    started = sorted(p["status"]["containerStatuses"][0]["state"]["running"]["startedAt"] for p in pods)
    assert started == [p["status"]["containerStatuses"][0]["state"]["running"]["startedAt"]
                       for p in sorted(pods, key=lambda p: p["metadata"]["name"])], "OrderedReady starts pods in order"
    assert "listening for Kafka clients" in standin.kubectl("logs", "kafka-1").stdout
    pvcs = standin.get("pvc")["items"]
    assert sorted(p["metadata"]["name"] for p in pvcs) == ["data-kafka-0", "data-kafka-1", "data-kafka-2"]
    assert all(p["status"]["phase"] == "Bound" for p in pvcs)
    sts = standin.get("sts", "kafka")["status"]
    assert sts["readyReplicas"] == 3 and sts["currentRevision"] == sts["updateRevision"]

    # A crash: the process is killed; the pod turns not ready, restarts, and is Ready again.
    killed = standin.admin("POST", "pods/default/kafka-1/kill?signal=KILL")["signalled"]
    assert len(killed) == 1
    standin.wait(lambda: not pod_ready(standin.get("pod", "kafka-1")), timeout=10, interval=0.05,
                 message="kafka-1 to turn not ready")
    p = standin.wait(lambda: (lambda p: p if pod_ready(p) else None)(standin.get("pod", "kafka-1")),
                     timeout=60, message="kafka-1 to be ready again")
    cs = p["status"]["containerStatuses"][0]
    assert cs["restartCount"] == 1
    assert cs["lastState"]["terminated"]["exitCode"] == 137
    assert standin.admin("GET", "pods/default/kafka-1/pids")["broker"] != killed[0]

    # The claim outlives the pod: data written by kafka-2 is there for its replacement.
    uid = standin.get("pod", "kafka-2")["metadata"]["uid"]
    pv = standin.get("pvc", "data-kafka-2")["spec"]["volumeName"]
    host = standin.get("pv", pv)["spec"]["hostPath"]["path"]
    with open(f"{host}/marker", "w") as f:
        f.write("kept")
    standin.kubectl("delete", "pod", "kafka-2", "--timeout=60s")
    p = standin.wait(lambda: (lambda p: p if pod_ready(p) and p["metadata"]["uid"] != uid else None)(
        standin.get("pod", "kafka-2")), timeout=60, message="kafka-2 to be recreated")
    with open(f"{host}/marker") as f:
        assert f.read() == "kept"
    assert (standin.data / "volumes" / pv / "data").is_dir(), "the broker wrote its log into the claim"

    # The kube-proxy: the bootstrap Service's ClusterIP answers Kafka Metadata.
    ip = standin.get("svc", "kafka-bootstrap")["spec"]["clusterIP"]
    out = subprocess.run(["kcat", "-b", f"{ip}:9092", "-L", "-m", "10"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert "kafka.default.svc.cluster.local:9092" in out.stdout

    # Scale down removes the highest ordinal; its claim stays.
    standin.kubectl("scale", "sts", "kafka", "--replicas=2")
    standin.wait(lambda: standin.kubectl("get", "pod", "kafka-2", check=False).returncode == 1, timeout=60,
                 message="kafka-2 to be removed")
    assert standin.kubectl("get", "pvc", "data-kafka-2", check=False).returncode == 0


def test_pod_lifecycle_probes_hooks_dns_and_crash_loop(standin, tmp_path):
    """The kubelet runs a pod's containers as processes in their own mount namespace: an exec
    readiness probe runs inside the container and gates Ready; emptyDir and hostPath volumes
    are mounted at their mountPaths; /etc/hosts resolves cluster DNS names of services and
    headless-service pods; downward-API env is set; a container that keeps exiting is in
    CrashLoopBackOff with a growing restartCount; deleting the pod runs its preStop hook
    before SIGTERM."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    standin.apply(f"""
apiVersion: v1
kind: Service
metadata: {{name: sub}}
spec:
  clusterIP: None
  selector: {{app: life}}
  ports: [{{name: x, port: 1}}]
---
apiVersion: v1
kind: Pod
metadata: {{name: life, labels: {{app: life}}}}
spec:
  hostname: life
  subdomain: sub
  terminationGracePeriodSeconds: 10
  volumes:
  - {{name: scratch, emptyDir: {{}}}}
  - {{name: hooks, hostPath: {{path: "{hooks}"}}}}
  containers:
  - name: main
    image: shell
    command: [sh, -c, 'echo "ns=$MY_NS ip=$MY_IP" > /scratch/env; trap "exit 0" TERM; while true; do sleep 0.2; done']
    env:
    - {{name: MY_NS, valueFrom: {{fieldRef: {{fieldPath: metadata.namespace}}}}}}
    - {{name: MY_IP, valueFrom: {{fieldRef: {{fieldPath: status.podIP}}}}}}
    readinessProbe: {{exec: {{command: [test, -f, /scratch/ready]}}, periodSeconds: 1}}
    lifecycle:
      preStop: {{exec: {{command: [sh, -c, 'cp /scratch/env /hooks/prestop']}}}}
    volumeMounts:
    - {{name: scratch, mountPath: /scratch}}
    - {{name: hooks, mountPath: /hooks}}
  - name: crasher
    image: shell
    command: [sh, -c, 'getent hosts life.sub.default.svc.cluster.local kubernetes.default.svc > /scratch/dns; exit 3']
    volumeMounts: [{{name: scratch, mountPath: /scratch}}]
""")
    pod = standin.wait(lambda: (lambda p: p if p.get("status", {}).get("podIP") else None)(standin.get("pod", "life")),
                       timeout=30, message="the pod to get an address")
    uid, ip = pod["metadata"]["uid"], pod["status"]["podIP"]
    scratch = standin.data / "pods" / uid / "volumes" / "scratch"
    standin.wait(lambda: (scratch / "env").exists(), timeout=30, message="the container to start")
    assert (scratch / "env").read_text().strip() == f"ns=default ip={ip}"
    time.sleep(2)
    assert not pod_ready(standin.get("pod", "life")), "the exec probe fails until /scratch/ready exists"
    dns = standin.wait(lambda: (scratch / "dns").exists() and (scratch / "dns").read_text(), timeout=30,
                       message="the DNS lookups")
    assert ip in dns and "life.sub.default.svc.cluster.local" in dns, dns
    assert "kubernetes.default.svc" in dns, dns

    def crashing():
        p = standin.get("pod", "life")
        cs = {c["name"]: c for c in p["status"].get("containerStatuses", [])}
        c = cs.get("crasher", {})
        return c if c.get("restartCount", 0) >= 2 and c.get("state", {}).get("waiting", {}).get("reason") == "CrashLoopBackOff" else None
    c = standin.wait(crashing, timeout=60, message="the crasher to be in CrashLoopBackOff")
    assert c["lastState"]["terminated"]["exitCode"] == 3
    (scratch / "ready").write_text("")
    standin.wait(lambda: {c["name"]: c["ready"] for c in standin.get("pod", "life")["status"]["containerStatuses"]}["main"],
                 timeout=15, message="main to be ready")
    # Between two back-offs the crasher runs for a moment (a container without a readiness
    # probe is ready while it runs): judge the pod in a snapshot that shows it backing off.
    backing_off = standin.wait(
        lambda: (lambda p: p if {c["name"]: c for c in p["status"]["containerStatuses"]}["crasher"]
                 .get("state", {}).get("waiting", {}).get("reason") == "CrashLoopBackOff" else None)(standin.get("pod", "life")),
        timeout=30, message="the crasher backing off")
    assert not pod_ready(backing_off), "the pod is not Ready while a container crash-loops"
    standin.kubectl("delete", "pod", "life", "--timeout=30s")
    assert (hooks / "prestop").read_text().strip() == f"ns=default ip={ip}", "the preStop hook ran in the container"
