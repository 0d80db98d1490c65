//! The KafkaCluster reconcile against a mocked Kubernetes API server (`tower_test`): each
//! scenario plays the API server, answering the reconcile's requests one at a time, and asserts
//! the exact ordered sequence of calls (method, path, query, content type, body), that nothing
//! else is called, the `Action` returned and the status patch written.
//!
//! The brokers are never reachable here: the pods' `status.podIP` is a loopback address where
//! nothing listens (see [`DEAD_IP`]), so whatever the reconcile asks the brokers themselves (the
//! Admin service, metrics) fails at once with "connection refused". The assertions are about
//! the Kubernetes API calls and what the reconcile decides when broker health is unknown.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use http::{Method, Request, Response, StatusCode};
use kube::client::Body;
use kube::runtime::controller::Action;
use moldau_operator::cluster::desired::{self, Defaults, Desired};
use moldau_operator::cluster::reconcile::{
    self, Ctx, Error, FINALIZER, MANAGER, VOTERS_ANNOTATION,
};
use moldau_operator::crd::{KafkaCluster, KafkaClusterSpec, KafkaClusterStatus};
use serde_json::{Value, json};
use tokio::task::JoinHandle;
use tokio::time::timeout;
use tower_test::mock::{self, Handle, SendResponse};

const NS: &str = "kafka";
const NAME: &str = "prod";
const UID: &str = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
const GENERATION: i64 = 7;
const IMAGE: &str = "ghcr.io/moldau/moldau-broker:test";
/// A loopback address nothing listens on: connections to it are refused at once.
const DEAD_IP: &str = "127.0.0.113";
/// How long one request may take to arrive (generous: the reconcile may try each broker's
/// address in turn before its next API call).
const STEP: Duration = Duration::from_secs(30);

const SELECTOR: &str = "app.kubernetes.io/component=broker,app.kubernetes.io/instance=prod,app.kubernetes.io/name=moldau";
const STATUS_PATH: &str =
    "/apis/kafka.moldau.dev/v1alpha1/namespaces/kafka/kafkaclusters/prod/status";

// ---------------------------------------------------------------------------------------------
// Fixtures

fn defaults() -> Defaults {
    Defaults::with_image(IMAGE)
}

fn cluster(spec_yaml: &str) -> KafkaCluster {
    let spec: KafkaClusterSpec = serde_yaml::from_str(spec_yaml).expect("a valid spec");
    let mut kc = KafkaCluster::new(NAME, spec);
    kc.metadata.namespace = Some(NS.into());
    kc.metadata.uid = Some(UID.into());
    kc.metadata.generation = Some(GENERATION);
    kc.metadata.resource_version = Some("100".into());
    kc
}

fn three_brokers() -> KafkaCluster {
    cluster("replicas: 3\nstorage: {size: 10Gi}\n")
}

/// What the reconcile should apply for `kc` (quorum: 3 voters).
fn desired_of(kc: &KafkaCluster) -> Desired {
    desired::desired(kc, &defaults(), None).expect("a valid spec")
}

fn pod(ordinal: i32, ready: bool, hash: &str) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": format!("prod-broker-{ordinal}"),
            "namespace": NS,
            "uid": format!("pod-uid-{ordinal}"),
            "resourceVersion": "200",
            "labels": {
                "app.kubernetes.io/name": "moldau",
                "app.kubernetes.io/instance": NAME,
                "app.kubernetes.io/component": "broker",
                "app.kubernetes.io/managed-by": "moldau-operator",
                "apps.kubernetes.io/pod-index": ordinal.to_string(),
                "statefulset.kubernetes.io/pod-name": format!("prod-broker-{ordinal}"),
            },
            "annotations": {desired::CONFIG_HASH: hash},
            "ownerReferences": [{
                "apiVersion": "apps/v1", "kind": "StatefulSet", "name": "prod-broker",
                "uid": "sts-uid", "controller": true, "blockOwnerDeletion": true,
            }],
        },
        "spec": {"containers": [{"name": "broker", "image": IMAGE}]},
        "status": {
            "phase": "Running",
            "podIP": DEAD_IP,
            "podIPs": [{"ip": DEAD_IP}],
            "conditions": [
                {"type": "Initialized", "status": "True"},
                {"type": "ContainersReady", "status": if ready { "True" } else { "False" }},
                {"type": "Ready", "status": if ready { "True" } else { "False" }},
            ],
        },
    })
}

fn pod_list(items: Vec<Value>) -> Value {
    json!({"apiVersion": "v1", "kind": "PodList", "metadata": {"resourceVersion": "300"}, "items": items})
}

/// The ConfigMap as it exists after an earlier reconcile created it.
fn existing_config_map(d: &Desired) -> Value {
    let mut cm = d.config_map.clone();
    cm["metadata"]["annotations"] = json!({VOTERS_ANNOTATION: "3"});
    stored(cm)
}

/// The StatefulSet as it exists, with its status.
fn existing_stateful_set(d: &Desired, replicas: i32) -> Value {
    let mut sts = stored(d.stateful_set.clone());
    sts["spec"]["replicas"] = json!(replicas);
    sts["status"] =
        json!({"replicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas});
    sts
}

/// An applied configuration as the API server returns it: with uid and resourceVersion.
fn stored(mut obj: Value) -> Value {
    let name = obj["metadata"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    obj["metadata"]["uid"] = json!(format!("uid-{name}"));
    obj["metadata"]["resourceVersion"] = json!("400");
    obj["metadata"]["creationTimestamp"] = json!("2025-01-01T00:00:00Z");
    obj
}

fn not_found(group: &str, plural: &str, name: &str) -> Value {
    json!({
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": format!("{plural}{} \"{name}\" not found",
            if group.is_empty() { String::new() } else { format!(".{group}") }),
        "reason": "NotFound",
        "details": {"name": name, "group": group, "kind": plural},
        "code": 404,
    })
}

fn sure_nothing_listens() {
    for port in [
        desired::CONTROLLER_PORT,
        desired::METRICS_PORT,
        desired::KAFKA_PORT,
    ] {
        let addr = format!("{DEAD_IP}:{port}").parse().unwrap();
        assert!(
            std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err(),
            "something listens on {addr}: these scenarios need an address where no broker answers"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The mocked API server

type ApiHandle = Handle<Request<Body>, Response<Body>>;

/// One request the reconcile made, and the way to answer it.
struct Call {
    method: Method,
    path: String,
    query: BTreeMap<String, String>,
    content_type: Option<String>,
    body: Value,
    respond: SendResponse<Response<Body>>,
}

impl Call {
    fn reply(self, code: StatusCode, body: &Value) {
        let response = Response::builder()
            .status(code)
            .header("content-type", "application/json")
            .body(Body::from(serde_json::to_vec(body).unwrap()))
            .unwrap();
        self.respond.send_response(response);
    }

    fn ok(self, body: &Value) {
        self.reply(StatusCode::OK, body);
    }

    fn describe(&self) -> String {
        format!("{} {} {:?}", self.method, self.path, self.query)
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

fn parse_query(q: Option<&str>) -> BTreeMap<String, String> {
    q.unwrap_or_default()
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn query(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

struct ApiServer {
    handle: ApiHandle,
    /// Every call, as "METHOD path", in order.
    log: Vec<String>,
}

impl ApiServer {
    async fn next(&mut self, expected: &str) -> Call {
        let (request, respond) = match timeout(STEP, self.handle.next_request()).await {
            Ok(Some(r)) => r,
            Ok(None) => panic!(
                "the reconcile made no further request; expected {expected}; calls so far: {:#?}",
                self.log
            ),
            Err(_) => panic!(
                "no request within {STEP:?}; expected {expected}; calls so far: {:#?}",
                self.log
            ),
        };
        let method = request.method().clone();
        let path = request.uri().path().to_string();
        let query = parse_query(request.uri().query());
        let content_type = request
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string());
        let bytes = request.into_body().collect_bytes().await.unwrap();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).expect("a JSON request body")
        };
        self.log.push(format!("{method} {path}"));
        Call {
            method,
            path,
            query,
            content_type,
            body,
            respond,
        }
    }

    /// A GET of one object; answered by the caller.
    async fn expect_get(&mut self, path: &str) -> Call {
        let call = self.next(&format!("GET {path}")).await;
        assert_eq!(
            (&call.method, call.path.as_str()),
            (&Method::GET, path),
            "unexpected call {}",
            call.describe()
        );
        assert!(call.query.is_empty(), "{}", call.describe());
        call
    }

    /// The broker pods' list, by the cluster's label selector.
    async fn expect_pod_list(&mut self, pods: Vec<Value>) {
        let path = "/api/v1/namespaces/kafka/pods";
        let call = self.next(&format!("GET {path}")).await;
        assert_eq!(
            (&call.method, call.path.as_str()),
            (&Method::GET, path),
            "unexpected call {}",
            call.describe()
        );
        assert_eq!(call.query, query(&[("labelSelector", SELECTOR)]));
        call.ok(&pod_list(pods));
    }

    /// A server-side apply of `want` (exactly what `desired` says) to `path`, echoed back.
    async fn expect_apply(&mut self, path: &str, want: &Value) {
        let kind = want["kind"].as_str().unwrap();
        let call = self.next(&format!("apply of the {kind} at {path}")).await;
        assert_eq!(
            (&call.method, call.path.as_str()),
            (&Method::PATCH, path),
            "unexpected call {} (expected the {kind})",
            call.describe()
        );
        assert_eq!(
            call.query,
            query(&[("fieldManager", MANAGER), ("force", "true")]),
            "server-side apply, forced, as the operator's field manager"
        );
        assert_eq!(
            call.content_type.as_deref(),
            Some("application/apply-patch+yaml")
        );
        let body = &call.body;
        assert_eq!(body["kind"], kind);
        assert_eq!(body["metadata"]["name"], path.rsplit('/').next().unwrap());
        assert_eq!(body["metadata"]["namespace"], NS);
        assert_eq!(
            body["metadata"]["ownerReferences"],
            json!([{
                "apiVersion": "kafka.moldau.dev/v1alpha1", "kind": "KafkaCluster", "name": NAME,
                "uid": UID, "controller": true, "blockOwnerDeletion": true,
            }]),
            "the {kind} is owned by the KafkaCluster"
        );
        assert_eq!(
            body["metadata"]["labels"]["app.kubernetes.io/managed-by"],
            MANAGER
        );
        assert_eq!(body, want, "the {kind} applied is what desired() computes");
        let echoed = stored(call.body.clone());
        call.ok(&echoed);
    }

    /// Every object of `d`, in dependency order.
    async fn expect_applies(&mut self, d: &Desired) {
        let objects = d.objects();
        let kinds: Vec<&str> = objects
            .iter()
            .map(|o| o["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            [
                "ServiceAccount",
                "ConfigMap",
                "Service",
                "Service",
                "StatefulSet",
                "PodDisruptionBudget"
            ],
            "the fixture's objects"
        );
        for obj in objects {
            let name = obj["metadata"]["name"].as_str().unwrap();
            let path = match obj["kind"].as_str().unwrap() {
                "ServiceAccount" => format!("/api/v1/namespaces/kafka/serviceaccounts/{name}"),
                "ConfigMap" => format!("/api/v1/namespaces/kafka/configmaps/{name}"),
                "Service" => format!("/api/v1/namespaces/kafka/services/{name}"),
                "StatefulSet" => format!("/apis/apps/v1/namespaces/kafka/statefulsets/{name}"),
                "PodDisruptionBudget" => {
                    format!("/apis/policy/v1/namespaces/kafka/poddisruptionbudgets/{name}")
                }
                other => panic!("unexpected kind {other}"),
            };
            let mut want = obj.clone();
            if want["kind"] == "ConfigMap" {
                // The quorum size chosen at creation is recorded on the ConfigMap.
                want["metadata"]["annotations"] = json!({VOTERS_ANNOTATION: "3"});
            }
            self.expect_apply(&path, &want).await;
        }
    }

    /// The status merge patch; answered with the KafkaCluster carrying it. Returns the status.
    async fn expect_status_patch(&mut self, kc: &KafkaCluster) -> Value {
        let call = self.next(&format!("PATCH {STATUS_PATH}")).await;
        assert_eq!(
            (&call.method, call.path.as_str()),
            (&Method::PATCH, STATUS_PATH),
            "unexpected call {}",
            call.describe()
        );
        assert!(call.query.is_empty(), "{}", call.describe());
        assert_eq!(
            call.content_type.as_deref(),
            Some("application/merge-patch+json")
        );
        let obj = call.body.as_object().expect("a JSON object");
        assert_eq!(
            obj.keys().collect::<Vec<_>>(),
            ["status"],
            "a status patch touches nothing but .status"
        );
        let status = call.body["status"].clone();
        // The nulls of a merge patch remove fields, as the API server does.
        let mut kept = status.clone();
        if let Some(m) = kept.as_object_mut() {
            m.retain(|_, v| !v.is_null());
        }
        // It is a valid KafkaClusterStatus.
        let _: KafkaClusterStatus = serde_json::from_value(kept.clone()).unwrap();
        let mut echoed = serde_json::to_value(kc).unwrap();
        echoed["status"] = kept;
        echoed["metadata"]["resourceVersion"] = json!("101");
        call.ok(&echoed);
        status
    }

    /// The DELETE of one broker pod; answered with the pod, now terminating.
    async fn expect_pod_delete(&mut self, name: &str, pod: &Value) {
        let path = format!("/api/v1/namespaces/kafka/pods/{name}");
        let call = self.next(&format!("DELETE {path}")).await;
        assert_eq!(
            (&call.method, call.path.as_str()),
            (&Method::DELETE, path.as_str()),
            "unexpected call {}",
            call.describe()
        );
        assert!(call.query.is_empty(), "{}", call.describe());
        // Only the pod that was looked at: a pod the StatefulSet recreated meanwhile has
        // another uid and the API server refuses the delete.
        assert_eq!(
            call.body["preconditions"]["uid"],
            pod["metadata"]["uid"],
            "{}",
            call.describe()
        );
        let mut terminating = pod.clone();
        terminating["metadata"]["deletionTimestamp"] = json!("2025-01-01T00:10:00Z");
        terminating["metadata"]["deletionGracePeriodSeconds"] = json!(120);
        call.ok(&terminating);
    }

    /// Nothing else is called: the reconcile has returned and dropped its client.
    async fn expect_no_more_calls(mut self) {
        match timeout(STEP, self.handle.next_request()).await {
            Ok(None) => {}
            Ok(Some((request, _))) => panic!(
                "unexpected extra call {} {}; calls so far: {:#?}",
                request.method(),
                request.uri(),
                self.log
            ),
            Err(_) => panic!("the mocked API server's channel did not close"),
        }
    }
}

/// Starts the reconcile of `kc` against a fresh mocked API server.
fn start(kc: KafkaCluster) -> (ApiServer, JoinHandle<Result<Action, Error>>) {
    let (service, handle) = mock::pair::<Request<Body>, Response<Body>>();
    let client = kube::Client::new(service, "default");
    let ctx = Arc::new(Ctx {
        client: client.clone(),
        defaults: defaults(),
        leaders: moldau_operator::cluster::leaders::Leaders::new(
            client,
            Arc::new(moldau_operator::metrics::Metrics::new()),
        ),
        exporter: moldau_operator::exporter::Exporter::new(std::time::Duration::from_secs(15)),
    });
    let task = tokio::spawn(reconcile::reconcile(Arc::new(kc), ctx));
    (
        ApiServer {
            handle,
            log: Vec::new(),
        },
        task,
    )
}

/// Runs `script` as the API server while the reconcile runs; then checks that the reconcile
/// finished and nothing else was called. Returns the reconcile's result and the call log.
async fn run<F, Fut>(kc: KafkaCluster, script: F) -> (Result<Action, Error>, Vec<String>)
where
    F: FnOnce(ApiServer) -> Fut,
    Fut: Future<Output = ApiServer>,
{
    let (server, mut task) = start(kc);
    let mut server = script(server).await;
    let log = server.log.clone();
    // The reconcile must now return; a request it makes instead is an unexpected call.
    let finished = timeout(STEP, async {
        tokio::select! {
            biased;
            r = &mut task => r,
            Some((request, _)) = server.handle.next_request() => panic!(
                "unexpected extra call {} {}; calls so far: {log:#?}",
                request.method(),
                request.uri()
            ),
        }
    })
    .await;
    let result = finished
        .unwrap_or_else(|_| panic!("the reconcile did not return; calls: {log:#?}"))
        .expect("the reconcile panicked");
    server.expect_no_more_calls().await;
    (result, log)
}

// ---------------------------------------------------------------------------------------------
// Status assertions

fn condition<'a>(status: &'a Value, kind: &str) -> &'a Value {
    status["conditions"]
        .as_array()
        .expect("conditions")
        .iter()
        .find(|c| c["type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} condition in {status:#}"))
}

/// `kind`'s status and reason, and that it was computed for the current generation with a
/// transition time.
fn assert_condition(status: &Value, kind: &str, want_status: &str, reason: &str) {
    let c = condition(status, kind);
    assert_eq!(
        (c["status"].as_str(), c["reason"].as_str()),
        (Some(want_status), Some(reason)),
        "{kind}: {c:#}"
    );
    assert_eq!(c["observedGeneration"], GENERATION, "{kind}: {c:#}");
    let t = c["lastTransitionTime"]
        .as_str()
        .expect("lastTransitionTime");
    assert!(
        t.parse::<k8s_openapi::jiff::Timestamp>().is_ok(),
        "{kind}: lastTransitionTime {t:?}"
    );
}

fn condition_kinds(status: &Value) -> Vec<&str> {
    status["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["type"].as_str().unwrap())
        .collect()
}

const ALL_CONDITIONS: [&str; 6] = [
    "Ready",
    "Reconciling",
    "Stalled",
    "RollingRestart",
    "ScaleDownBlocked",
    "Degraded",
];

const BOOTSTRAP: &str = "prod-bootstrap.kafka.svc.cluster.local:9092";

fn cm_path() -> &'static str {
    "/api/v1/namespaces/kafka/configmaps/prod-config"
}

fn sts_path() -> &'static str {
    "/apis/apps/v1/namespaces/kafka/statefulsets/prod-broker"
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/// A new cluster: reads find nothing, every object is applied in dependency order, and the
/// status says it is being created.
#[tokio::test]
async fn a_new_cluster_is_created_in_dependency_order() {
    let kc = three_brokers();
    let d = desired_of(&kc);
    let (result, log) = run(kc.clone(), |mut api| async move {
        api.expect_get(cm_path()).await.reply(
            StatusCode::NOT_FOUND,
            &not_found("", "configmaps", "prod-config"),
        );
        api.expect_pod_list(vec![]).await;
        api.expect_get(sts_path()).await.reply(
            StatusCode::NOT_FOUND,
            &not_found("apps", "statefulsets", "prod-broker"),
        );
        api.expect_applies(&d).await;
        let status = api.expect_status_patch(&kc).await;
        assert_eq!(condition_kinds(&status), ALL_CONDITIONS);
        assert_eq!(status["observedGeneration"], GENERATION);
        assert_condition(&status, "Ready", "False", "Creating");
        assert_eq!(
            condition(&status, "Ready")["message"],
            "0 of 3 broker(s) ready"
        );
        assert_condition(&status, "Reconciling", "True", "Creating");
        assert_condition(&status, "Stalled", "False", "Creating");
        assert_condition(&status, "RollingRestart", "False", "UpToDate");
        assert_condition(&status, "ScaleDownBlocked", "False", "NotBlocked");
        // No broker to ask: health is unknown, not assumed.
        assert_condition(&status, "Degraded", "Unknown", "AdminUnreachable");
        assert_eq!(status["readyBrokers"], 0);
        assert_eq!(status["bootstrapServers"], BOOTSTRAP);
        // A merge patch: fields the status no longer has are named null, so they are removed.
        assert_eq!(status["rollout"], Value::Null);
        assert_eq!(status["clusterId"], Value::Null);
        assert!(status.as_object().unwrap().contains_key("rollout"));
        assert!(status.as_object().unwrap().contains_key("clusterId"));
        assert!(
            status["brokers"].is_null() && status.as_object().unwrap().contains_key("brokers"),
            "no pods: the broker table is removed"
        );
        api
    })
    .await;
    assert_eq!(
        log,
        [
            "GET /api/v1/namespaces/kafka/configmaps/prod-config",
            "GET /api/v1/namespaces/kafka/pods",
            "GET /apis/apps/v1/namespaces/kafka/statefulsets/prod-broker",
            "PATCH /api/v1/namespaces/kafka/serviceaccounts/prod-broker",
            "PATCH /api/v1/namespaces/kafka/configmaps/prod-config",
            "PATCH /api/v1/namespaces/kafka/services/prod-brokers",
            "PATCH /api/v1/namespaces/kafka/services/prod-bootstrap",
            "PATCH /apis/apps/v1/namespaces/kafka/statefulsets/prod-broker",
            "PATCH /apis/policy/v1/namespaces/kafka/poddisruptionbudgets/prod-broker",
            "PATCH /apis/kafka.moldau.dev/v1alpha1/namespaces/kafka/kafkaclusters/prod/status",
        ]
    );
    assert_eq!(
        result.expect("reconciled"),
        Action::requeue(Duration::from_secs(2)),
        "a cluster being created is looked at again soon"
    );
}

/// The applied objects carry what the brokers need, independently of `desired()`'s own tests:
/// the ConfigMap's quorum, the StatefulSet's size, update strategy and config hash.
#[tokio::test]
async fn the_applied_objects_carry_quorum_size_and_config_hash() {
    let kc = three_brokers();
    let d = desired_of(&kc);
    let hash = d.config_hash.clone();
    let (result, _) = run(kc.clone(), |mut api| async move {
        api.expect_get(cm_path())
            .await
            .reply(StatusCode::NOT_FOUND, &not_found("", "configmaps", "prod-config"));
        api.expect_pod_list(vec![]).await;
        api.expect_get(sts_path()).await.reply(
            StatusCode::NOT_FOUND,
            &not_found("apps", "statefulsets", "prod-broker"),
        );
        let mut bodies = Vec::new();
        for _ in 0..6 {
            let call = api.next("an apply").await;
            assert_eq!(call.method, Method::PATCH);
            bodies.push(call.body.clone());
            let echoed = stored(call.body.clone());
            call.ok(&echoed);
        }
        let cm = &bodies[1];
        assert_eq!(cm["metadata"]["annotations"][VOTERS_ANNOTATION], "3");
        let props = cm["data"]["server.properties"].as_str().unwrap();
        assert!(
            props.contains(
                "controller.quorum.voters=0@prod-broker-0.prod-brokers.kafka.svc.cluster.local:9093,\
                 1@prod-broker-1.prod-brokers.kafka.svc.cluster.local:9093,\
                 2@prod-broker-2.prod-brokers.kafka.svc.cluster.local:9093\n"
            ),
            "{props}"
        );
        assert_eq!(bodies[2]["spec"]["clusterIP"], "None", "the headless Service");
        assert_eq!(bodies[3]["spec"]["type"], "ClusterIP", "the bootstrap Service");
        let sts = &bodies[4];
        assert_eq!(sts["spec"]["replicas"], 3);
        assert_eq!(sts["spec"]["updateStrategy"]["type"], "OnDelete");
        assert_eq!(
            sts["spec"]["template"]["metadata"]["annotations"][desired::CONFIG_HASH],
            hash.as_str()
        );
        assert_eq!(
            sts["spec"]["template"]["spec"]["containers"][0]["image"],
            IMAGE
        );
        assert_eq!(bodies[5]["spec"]["maxUnavailable"], 1, "the PDB");
        api.expect_status_patch(&kc).await;
        api
    })
    .await;
    result.expect("reconciled");
}

/// `spec.paused`: the status says so, and nothing else is read or changed.
#[tokio::test]
async fn a_paused_cluster_only_gets_its_status_written() {
    let kc = cluster("replicas: 3\nstorage: {size: 10Gi}\npaused: true\n");
    let (result, log) = run(kc.clone(), |mut api| async move {
        let status = api.expect_status_patch(&kc).await;
        assert_eq!(status["observedGeneration"], GENERATION);
        assert_condition(&status, "Ready", "False", "Paused");
        assert_condition(&status, "Reconciling", "True", "Paused");
        assert_condition(&status, "Stalled", "False", "Paused");
        assert_eq!(
            condition(&status, "Ready")["message"],
            "spec.paused is true: nothing is changed"
        );
        api
    })
    .await;
    assert_eq!(log, [format!("PATCH {STATUS_PATH}")]);
    assert_eq!(result.expect("reconciled"), Action::await_change());
}

/// A spec `desired()` refuses (a key the operator manages in spec.config): Stalled with the
/// reason, after the reads, and nothing applied.
#[tokio::test]
async fn an_invalid_spec_stalls_without_applying_anything() {
    let kc = cluster("replicas: 3\nstorage: {size: 10Gi}\nconfig: {node.id: '7'}\n");
    let (result, log) = run(kc.clone(), |mut api| async move {
        api.expect_get(cm_path()).await.reply(
            StatusCode::NOT_FOUND,
            &not_found("", "configmaps", "prod-config"),
        );
        api.expect_pod_list(vec![]).await;
        api.expect_get(sts_path()).await.reply(
            StatusCode::NOT_FOUND,
            &not_found("apps", "statefulsets", "prod-broker"),
        );
        let status = api.expect_status_patch(&kc).await;
        assert_eq!(status["observedGeneration"], GENERATION);
        assert_condition(&status, "Stalled", "True", "ManagedConfigKey");
        assert_condition(&status, "Ready", "False", "ManagedConfigKey");
        assert_condition(&status, "Reconciling", "False", "ManagedConfigKey");
        let message = condition(&status, "Stalled")["message"].as_str().unwrap();
        assert!(message.contains("spec.config.node.id"), "{message}");
        api
    })
    .await;
    assert!(
        log.iter()
            .all(|c| !c.starts_with("PATCH") || c.ends_with("/status")),
        "nothing applied: {log:#?}"
    );
    assert_eq!(log.len(), 4, "{log:#?}");
    assert_eq!(
        result.expect("reconciled"),
        Action::await_change(),
        "stalled until the user changes the spec"
    );
}

/// Plays a reconcile of an existing 3-broker cluster whose pods are `pods`: the reads, the six
/// (idempotent) applies; the rest is up to `after`.
async fn existing_cluster<F, Fut>(
    kc: KafkaCluster,
    pods: Vec<Value>,
    after: F,
) -> (Result<Action, Error>, Vec<String>)
where
    F: FnOnce(ApiServer) -> Fut,
    Fut: Future<Output = ApiServer>,
{
    sure_nothing_listens();
    let d = desired_of(&kc);
    run(kc, |mut api| async move {
        api.expect_get(cm_path()).await.ok(&existing_config_map(&d));
        api.expect_pod_list(pods).await;
        api.expect_get(sts_path())
            .await
            .ok(&existing_stateful_set(&d, 3));
        api.expect_applies(&d).await;
        after(api).await
    })
    .await
}

const APPLIES: [&str; 6] = [
    "PATCH /api/v1/namespaces/kafka/serviceaccounts/prod-broker",
    "PATCH /api/v1/namespaces/kafka/configmaps/prod-config",
    "PATCH /api/v1/namespaces/kafka/services/prod-brokers",
    "PATCH /api/v1/namespaces/kafka/services/prod-bootstrap",
    "PATCH /apis/apps/v1/namespaces/kafka/statefulsets/prod-broker",
    "PATCH /apis/policy/v1/namespaces/kafka/poddisruptionbudgets/prod-broker",
];

fn reads_and_applies() -> Vec<String> {
    let mut v = vec![
        "GET /api/v1/namespaces/kafka/configmaps/prod-config".to_string(),
        "GET /api/v1/namespaces/kafka/pods".into(),
        "GET /apis/apps/v1/namespaces/kafka/statefulsets/prod-broker".into(),
    ];
    v.extend(APPLIES.iter().map(|s| s.to_string()));
    v
}

/// All brokers run the current configuration and are Ready. The applies are repeated
/// (server-side apply is idempotent) and no pod is deleted. The brokers' Admin service does not
/// answer here, so the cluster-wide dynamic configs cannot be confirmed: the status says the
/// reconcile is still applying them (Ready=False, reason ApplyingConfig) rather than Ready, and
/// health is Unknown; it looks again soon.
#[tokio::test]
async fn a_running_cluster_is_reapplied_and_no_pod_is_touched() {
    let kc = three_brokers();
    let hash = desired_of(&kc).config_hash;
    let pods = (0..3).map(|i| pod(i, true, &hash)).collect();
    let status_kc = kc.clone();
    let (result, log) = existing_cluster(kc, pods, |mut api| async move {
        let status = api.expect_status_patch(&status_kc).await;
        assert_eq!(status["observedGeneration"], GENERATION);
        assert_condition(&status, "Ready", "False", "ApplyingConfig");
        assert_eq!(
            condition(&status, "Ready")["message"],
            "applying the dynamic broker configs: no Ready broker's Admin service answered"
        );
        assert_condition(&status, "Reconciling", "True", "ApplyingConfig");
        assert_condition(&status, "Stalled", "False", "ApplyingConfig");
        assert_condition(&status, "RollingRestart", "False", "UpToDate");
        assert_condition(&status, "Degraded", "Unknown", "AdminUnreachable");
        assert_eq!(status["readyBrokers"], 3);
        assert_eq!(status["rollout"], Value::Null, "no roll");
        let brokers = status["brokers"].as_array().unwrap();
        assert_eq!(
            brokers
                .iter()
                .map(|b| (
                    b["id"].as_i64().unwrap(),
                    b["pod"].as_str().unwrap(),
                    b["ready"].as_bool().unwrap()
                ))
                .collect::<Vec<_>>(),
            [
                (0, "prod-broker-0", true),
                (1, "prod-broker-1", true),
                (2, "prod-broker-2", true)
            ]
        );
        assert!(
            brokers.iter().all(|b| b.get("leaders").is_none()),
            "no counts without the Admin service's snapshot"
        );
        api
    })
    .await;
    let mut want = reads_and_applies();
    want.push(format!("PATCH {STATUS_PATH}"));
    assert_eq!(log, want);
    assert_eq!(
        result.expect("reconciled"),
        Action::requeue(Duration::from_secs(2))
    );
}

/// A second reconcile that sees the same thing does not write the status again.
#[tokio::test]
async fn an_unchanged_status_is_not_written_again() {
    let kc = three_brokers();
    let hash = desired_of(&kc).config_hash;
    let pods: Vec<Value> = (0..3).map(|i| pod(i, true, &hash)).collect();
    let status_kc = kc.clone();
    let mut written = Value::Null;
    let out = &mut written;
    let (first, _) = existing_cluster(kc.clone(), pods.clone(), |mut api| async move {
        *out = api.expect_status_patch(&status_kc).await;
        api
    })
    .await;
    first.expect("reconciled");
    let mut again = kc;
    again.status = Some(serde_json::from_value(written).unwrap());
    let (second, log) = existing_cluster(again, pods, |api| async move { api }).await;
    assert_eq!(log, reads_and_applies(), "no status patch");
    assert_eq!(
        second.expect("reconciled"),
        Action::requeue(Duration::from_secs(2))
    );
}

/// One broker (prod-broker-1, not the highest ordinal) runs a stale configuration; all are
/// Ready. roll.rs restarts a Ready broker only once the brokers report no under-replicated
/// partitions; here no Admin service answers, so the replication state is unknown and the roll
/// must wait (`Step::Wait("the brokers' replication state")`) instead of assuming it healthy:
/// no pod is deleted, and the status shows the roll and what it waits for.
#[tokio::test]
async fn a_stale_ready_broker_is_not_restarted_while_health_is_unknown() {
    let kc = three_brokers();
    let hash = desired_of(&kc).config_hash;
    let pods = vec![
        pod(0, true, &hash),
        pod(1, true, "0123456789abcdef"),
        pod(2, true, &hash),
    ];
    let status_kc = kc.clone();
    let want_hash = hash.clone();
    let (result, log) = existing_cluster(kc, pods, |mut api| async move {
        let status = api.expect_status_patch(&status_kc).await;
        assert_condition(&status, "Ready", "False", "RollingRestart");
        assert_eq!(
            condition(&status, "Ready")["message"],
            "restarting brokers one at a time (3 of 3 ready); waiting for the brokers' replication state"
        );
        assert_condition(&status, "Reconciling", "True", "RollingRestart");
        assert_condition(&status, "Stalled", "False", "RollingRestart");
        assert_condition(&status, "RollingRestart", "True", "ConfigurationChanged");
        assert_eq!(
            condition(&status, "RollingRestart")["message"],
            "the brokers' replication state"
        );
        assert_eq!(
            status["rollout"],
            json!({
                "kind": "RollingRestart",
                "targetRevision": want_hash,
                "done": ["prod-broker-0", "prod-broker-2"],
                "waitingFor": "the brokers' replication state",
            }),
            "nothing restarted yet: no current pod, no step start"
        );
        api
    })
    .await;
    let mut want = reads_and_applies();
    want.push(format!("PATCH {STATUS_PATH}"));
    assert_eq!(log, want, "no DELETE");
    assert_eq!(
        result.expect("reconciled"),
        Action::requeue(Duration::from_secs(2))
    );
}

/// A broker that is down (not Ready) and still on the old configuration is restarted at once,
/// without the health gate (roll.rs: restarting it cannot make things worse): exactly one
/// DELETE, of that pod, after the applies and before the status, which records the step.
#[tokio::test]
async fn a_stale_broker_that_is_down_is_restarted_without_the_health_gate() {
    let kc = three_brokers();
    let hash = desired_of(&kc).config_hash;
    let stale = pod(1, false, "0123456789abcdef");
    let pods = vec![pod(0, true, &hash), stale.clone(), pod(2, true, &hash)];
    let status_kc = kc.clone();
    let want_hash = hash.clone();
    let (result, log) = existing_cluster(kc, pods, |mut api| async move {
        api.expect_pod_delete("prod-broker-1", &stale).await;
        let status = api.expect_status_patch(&status_kc).await;
        assert_condition(&status, "Ready", "False", "RollingRestart");
        assert_condition(&status, "RollingRestart", "True", "ConfigurationChanged");
        assert_eq!(status["readyBrokers"], 2);
        let rollout = &status["rollout"];
        assert_eq!(rollout["kind"], "RollingRestart");
        assert_eq!(rollout["targetRevision"], want_hash.as_str());
        assert_eq!(rollout["current"], "prod-broker-1");
        assert_eq!(rollout["done"], json!(["prod-broker-0", "prod-broker-2"]));
        assert_eq!(
            rollout["waitingFor"],
            "prod-broker-1 to come back Ready with the new configuration"
        );
        let started = rollout["stepStarted"].as_str().expect("stepStarted");
        assert!(
            started.parse::<k8s_openapi::jiff::Timestamp>().is_ok(),
            "{started}"
        );
        api
    })
    .await;
    let mut want = reads_and_applies();
    want.push("DELETE /api/v1/namespaces/kafka/pods/prod-broker-1".into());
    want.push(format!("PATCH {STATUS_PATH}"));
    assert_eq!(log, want);
    assert_eq!(
        result.expect("reconciled"),
        Action::requeue(Duration::from_secs(2))
    );
}

/// An API error stops the reconcile where it happened: nothing after the failed apply is
/// applied, and no status is written (the controller's error policy retries).
#[tokio::test]
async fn a_failed_apply_stops_the_reconcile() {
    let kc = three_brokers();
    let d = desired_of(&kc);
    let (result, log) = run(kc, |mut api| async move {
        api.expect_get(cm_path())
            .await
            .reply(StatusCode::NOT_FOUND, &not_found("", "configmaps", "prod-config"));
        api.expect_pod_list(vec![]).await;
        api.expect_get(sts_path()).await.reply(
            StatusCode::NOT_FOUND,
            &not_found("apps", "statefulsets", "prod-broker"),
        );
        let sa = d.service_account.clone();
        api.expect_apply("/api/v1/namespaces/kafka/serviceaccounts/prod-broker", &sa)
            .await;
        let call = api.next("the ConfigMap's apply").await;
        assert_eq!(call.path, "/api/v1/namespaces/kafka/configmaps/prod-config");
        call.reply(
            StatusCode::FORBIDDEN,
            &json!({
                "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                "message": "configmaps \"prod-config\" is forbidden: User \"system:serviceaccount:moldau:moldau-operator\" cannot patch resource \"configmaps\"",
                "reason": "Forbidden", "details": {"name": "prod-config", "kind": "configmaps"}, "code": 403,
            }),
        );
        api
    })
    .await;
    assert_eq!(log.len(), 5, "{log:#?}");
    match result {
        Err(Error::Kube(kube::Error::Api(s))) => assert_eq!(s.code, 403),
        other => panic!("expected the API error, got {other:?}"),
    }
}

const KC_PATH: &str = "/apis/kafka.moldau.dev/v1alpha1/namespaces/kafka/kafkaclusters/prod";
const BINDING_PATH: &str =
    "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/moldau-broker-kafka-prod";

impl ApiServer {
    /// The merge patch of the KafkaCluster's finalizers, guarded by its resourceVersion;
    /// answered with the KafkaCluster carrying them.
    async fn expect_finalizers_patch(&mut self, kc: &KafkaCluster, want: &[&str]) {
        let call = self.next(&format!("PATCH {KC_PATH}")).await;
        assert_eq!(
            (&call.method, call.path.as_str()),
            (&Method::PATCH, KC_PATH),
            "unexpected call {}",
            call.describe()
        );
        assert_eq!(
            call.content_type.as_deref(),
            Some("application/merge-patch+json")
        );
        assert_eq!(
            call.body,
            json!({"metadata": {"finalizers": want, "resourceVersion": "100"}})
        );
        let mut echoed = serde_json::to_value(kc).unwrap();
        echoed["metadata"]["finalizers"] = json!(want);
        echoed["metadata"]["resourceVersion"] = json!("101");
        call.ok(&echoed);
    }
}

/// A cluster whose brokers read their Node (rack awareness) takes its finalizer before the
/// cluster-scoped ClusterRoleBinding exists, so the binding can never outlive it.
#[tokio::test]
async fn a_rack_aware_cluster_takes_its_finalizer_before_the_node_binding() {
    let kc = cluster(
        "replicas: 3\nstorage: {size: 10Gi}\nrack: {topologyKey: topology.kubernetes.io/zone}\n",
    );
    let (result, log) = run(kc.clone(), |mut api| async move {
        api.expect_get(cm_path()).await.reply(
            StatusCode::NOT_FOUND,
            &not_found("", "configmaps", "prod-config"),
        );
        api.expect_pod_list(vec![]).await;
        api.expect_get(sts_path()).await.reply(
            StatusCode::NOT_FOUND,
            &not_found("apps", "statefulsets", "prod-broker"),
        );
        api.expect_finalizers_patch(&kc, &[FINALIZER]).await;
        api
    })
    .await;
    assert_eq!(
        log.last().map(String::as_str),
        Some(&*format!("PATCH {KC_PATH}"))
    );
    assert_eq!(
        result.expect("reconciled"),
        Action::requeue(Duration::from_millis(100)),
        "the objects are applied on the next round, from the updated KafkaCluster"
    );
}

/// A KafkaCluster being deleted: its ClusterRoleBinding is deleted (already gone is fine) and
/// the finalizer released; nothing is applied.
#[tokio::test]
async fn a_deleted_cluster_releases_its_node_binding_and_finalizer() {
    let mut kc = cluster("replicas: 3\nstorage: {size: 10Gi}\nrack: {topologyKey: zone}\n");
    kc.metadata.finalizers = Some(vec!["example.com/other".into(), FINALIZER.into()]);
    kc.metadata.deletion_timestamp = Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(
        "2025-01-01T00:20:00Z".parse().unwrap(),
    ));
    let (result, log) = run(kc.clone(), |mut api| async move {
        let call = api.next(&format!("DELETE {BINDING_PATH}")).await;
        assert_eq!(
            (&call.method, call.path.as_str()),
            (&Method::DELETE, BINDING_PATH),
            "unexpected call {}",
            call.describe()
        );
        call.reply(
            StatusCode::NOT_FOUND,
            &not_found(
                "rbac.authorization.k8s.io",
                "clusterrolebindings",
                "moldau-broker-kafka-prod",
            ),
        );
        api.expect_finalizers_patch(&kc, &["example.com/other"])
            .await;
        api
    })
    .await;
    assert_eq!(
        log,
        [format!("DELETE {BINDING_PATH}"), format!("PATCH {KC_PATH}")]
    );
    assert_eq!(result.expect("reconciled"), Action::await_change());
}
