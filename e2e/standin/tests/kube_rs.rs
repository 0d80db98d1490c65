//! Conformance of kube-standin driven by kube-rs (typed `Api`, `watcher`, server-side apply,
//! a `Controller`): the client library the moldau operator is built on. Each test names the
//! Kubernetes behaviour it checks. The stand-in runs in-process on a loopback port; kube-rs
//! reaches it over HTTP like any cluster.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures::StreamExt;
use k8s_openapi::api::core::v1::ConfigMap;
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::runtime::controller::{Action, Controller};
use kube::runtime::watcher;
use kube::{Client, CustomResource, CustomResourceExt, ResourceExt};
use kube_standin::{ServeArgs, Standin};
use serde::{Deserialize, Serialize};
use serde_json::json;

struct Cluster {
    standin: Option<Standin>,
    client: Client,
    _dir: tempfile::TempDir,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Some(s) = self.standin.take() {
            s.stop();
        }
    }
}

async fn cluster() -> Cluster {
    let dir = tempfile::tempdir().expect("tempdir");
    let args = ServeArgs {
        listen: "127.0.0.1:0".into(),
        tls_listen: None,
        kubeconfig: dir.path().join("kubeconfig"),
        data_dir: dir.path().join("data"),
        images: Vec::new(),
        history: 10000,
        nodes: 1,
        pod_network: "127.78".into(),
        service_network: "127.97".into(),
        lb_network: "127.99".into(),
        backoff_base_ms: 1000,
        bookmark_interval_secs: 1,
    };
    let standin = Standin::start(&args).await.expect("stand-in starts");
    kube_standin::write_kubeconfig(&args.kubeconfig, &format!("http://{}", standin.addr))
        .expect("kubeconfig");
    let kc = Kubeconfig::read_from(&args.kubeconfig).expect("read kubeconfig");
    let config = kube::Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
        .await
        .expect("config");
    let client = Client::try_from(config).expect("client");
    Cluster {
        standin: Some(standin),
        client,
        _dir: dir,
    }
}

fn cm(name: &str, data: &[(&str, &str)]) -> ConfigMap {
    serde_json::from_value(json!({
        "metadata": {"name": name},
        "data": data.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<BTreeMap<_, _>>(),
    }))
    .expect("configmap")
}

fn api_error(e: kube::Error) -> (u16, String) {
    match e {
        kube::Error::Api(s) => (s.code, s.reason.clone()),
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// In-cluster access: every namespace gets the cluster CA as `kube-root-ca.crt`, new pods get
/// the service-account volume mounted at the standard path, and the HTTPS endpoint pods are
/// pointed at serves a certificate that CA verifies (and nothing else does).
#[tokio::test]
async fn in_cluster_https_endpoint_and_service_account_volume() {
    let c = cluster().await;
    let cms: Api<ConfigMap> = Api::namespaced(c.client.clone(), "default");
    let mut ca = None;
    for _ in 0..50 {
        if let Ok(cm) = cms.get("kube-root-ca.crt").await {
            ca = cm.data.and_then(|d| d.get("ca.crt").cloned());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let ca = ca.expect("kube-root-ca.crt published in default");
    assert!(ca.starts_with("-----BEGIN CERTIFICATE-----"));

    let pods: Api<k8s_openapi::api::core::v1::Pod> = Api::namespaced(c.client.clone(), "default");
    let pod = serde_json::from_value(json!({"metadata": {"name": "p"}, "spec": {
        "initContainers": [{"name": "init", "image": "none"}],
        "containers": [{"name": "main", "image": "none"}]}}))
    .unwrap();
    let pod = pods.create(&PostParams::default(), &pod).await.unwrap();
    let spec = pod.spec.unwrap();
    let vol = spec
        .volumes
        .unwrap_or_default()
        .into_iter()
        .find(|v| v.name.starts_with("kube-api-access-"))
        .expect("service-account volume");
    let sources = vol.projected.unwrap().sources.unwrap();
    assert!(sources.iter().any(|s| s.service_account_token.is_some()));
    assert!(
        sources
            .iter()
            .any(|s| s.config_map.as_ref().map(|c| c.name.as_str()) == Some("kube-root-ca.crt"))
    );
    for ctr in spec
        .containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
    {
        let m = ctr.volume_mounts.as_ref().unwrap();
        assert!(
            m.iter().any(|m| m.name == vol.name
                && m.mount_path == "/var/run/secrets/kubernetes.io/serviceaccount"
                && m.read_only == Some(true)),
            "{} mounts the service account",
            ctr.name
        );
    }
    let opted_out = serde_json::from_value(json!({"metadata": {"name": "q"}, "spec": {
        "automountServiceAccountToken": false, "containers": [{"name": "main", "image": "none"}]}}))
    .unwrap();
    let opted_out = pods
        .create(&PostParams::default(), &opted_out)
        .await
        .unwrap();
    assert!(
        opted_out
            .spec
            .unwrap()
            .volumes
            .unwrap_or_default()
            .is_empty()
    );

    let standin = c.standin.as_ref().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let https_client = |ca_file: std::path::PathBuf| {
        let text = format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://{}\n    certificate-authority: {}\ncontexts:\n- name: c\n  context: {{cluster: c, user: u}}\ncurrent-context: c\nusers:\n- name: u\n  user: {{token: t}}\n",
            standin.tls_addr,
            ca_file.display()
        );
        async move {
            let kc = Kubeconfig::from_yaml(&text).unwrap();
            let config = kube::Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
                .await
                .unwrap();
            Client::try_from(config).unwrap()
        }
    };
    let good = dir.path().join("ca.crt");
    std::fs::write(&good, &ca).unwrap();
    let client = https_client(good).await;
    let listed = Api::<ConfigMap>::namespaced(client, "default")
        .list(&ListParams::default())
        .await
        .expect("lists over HTTPS with the published CA");
    assert!(
        listed
            .items
            .iter()
            .any(|c| c.name_any() == "kube-root-ca.crt")
    );

    let other = kube_standin::tls::generate("127.0.0.1".parse().unwrap()).unwrap();
    let bad = dir.path().join("other.crt");
    std::fs::write(&bad, other.ca_pem).unwrap();
    let client = https_client(bad).await;
    assert!(
        Api::<ConfigMap>::namespaced(client, "default")
            .list(&ListParams::default())
            .await
            .is_err(),
        "a CA that did not sign the API certificate is refused"
    );
}

/// The spec of a custom resource, with the validation the operator's CRDs use.
#[derive(CustomResource, Serialize, Deserialize, Clone, Debug, schemars::JsonSchema)]
#[kube(
    group = "example.com",
    version = "v1",
    kind = "Gadget",
    namespaced,
    status = "GadgetStatus"
)]
#[kube(validation = "self.spec.size <= 10")]
pub struct GadgetSpec {
    /// Must be at least 1.
    #[schemars(range(min = 1))]
    size: i64,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, schemars::JsonSchema)]
pub struct GadgetStatus {
    ready: bool,
}

#[tokio::test]
async fn typed_api_crud_conflicts_and_deletion() {
    // Kubernetes: create returns the stored object (uid, resourceVersion); a stale
    // resourceVersion on replace is 409 Conflict; a second create is 409 AlreadyExists;
    // delete of an object without finalizers returns a Success Status; get of a missing one
    // is 404.
    let c = cluster().await;
    let api: Api<ConfigMap> = Api::namespaced(c.client.clone(), "default");
    let created = api
        .create(&PostParams::default(), &cm("one", &[("a", "1")]))
        .await
        .unwrap();
    assert!(created.uid().is_some());
    let rv = created.resource_version().unwrap();
    let e = api
        .create(&PostParams::default(), &cm("one", &[]))
        .await
        .unwrap_err();
    assert_eq!(api_error(e), (409, "AlreadyExists".into()));
    let mut newer = created.clone();
    newer.data = Some(BTreeMap::from([("a".into(), "2".into())]));
    let updated = api
        .replace("one", &PostParams::default(), &newer)
        .await
        .unwrap();
    assert_ne!(updated.resource_version().unwrap(), rv);
    let mut stale = created.clone();
    stale.data = Some(BTreeMap::from([("a".into(), "3".into())]));
    let e = api
        .replace("one", &PostParams::default(), &stale)
        .await
        .unwrap_err();
    assert_eq!(api_error(e), (409, "Conflict".into()));
    let list = api
        .list(&ListParams::default().labels("missing=label"))
        .await
        .unwrap();
    assert!(list.items.is_empty());
    let deleted = api.delete("one", &DeleteParams::default()).await.unwrap();
    assert!(deleted.is_right(), "immediate deletion returns a Status");
    let e = api.get("one").await.unwrap_err();
    assert_eq!(api_error(e), (404, "NotFound".into()));
}

#[tokio::test]
async fn derived_crd_validation_and_status() {
    // A CRD generated by kube-derive (schemars schema, CEL rule) is established; objects
    // violating the schema or the rule are refused with 422; status is written through the
    // status subresource only.
    let c = cluster().await;
    let crds: Api<CustomResourceDefinition> = Api::all(c.client.clone());
    crds.create(&PostParams::default(), &Gadget::crd())
        .await
        .unwrap();
    let crd = crds.get("gadgets.example.com").await.unwrap();
    let established = crd
        .status
        .unwrap()
        .conditions
        .unwrap_or_default()
        .into_iter()
        .any(|c| c.type_ == "Established" && c.status == "True");
    assert!(established);
    let api: Api<Gadget> = Api::namespaced(c.client.clone(), "default");
    let g = api
        .create(
            &PostParams::default(),
            &Gadget::new("g", GadgetSpec { size: 2 }),
        )
        .await
        .unwrap();
    assert_eq!(g.metadata.generation, Some(1));
    for bad in [0, 11] {
        let e = api
            .create(
                &PostParams::default(),
                &Gadget::new(&format!("bad{bad}"), GadgetSpec { size: bad }),
            )
            .await
            .unwrap_err();
        assert_eq!(api_error(e).0, 422, "size {bad}");
    }
    let st = api
        .patch_status(
            "g",
            &PatchParams::default(),
            &Patch::Merge(json!({"status": {"ready": true}})),
        )
        .await
        .unwrap();
    assert!(st.status.unwrap().ready);
    assert_eq!(
        st.metadata.generation,
        Some(1),
        "status writes do not bump generation"
    );
}

#[tokio::test]
async fn server_side_apply_conflicts_and_ownership() {
    // Server-side apply: the applier owns what it applies; another manager applying a
    // different value conflicts (409) unless it forces; fields an applier stops applying are
    // removed.
    let c = cluster().await;
    let api: Api<ConfigMap> = Api::namespaced(c.client.clone(), "default");
    let cfg = |data: serde_json::Value| json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "ssa"}, "data": data});
    let a = PatchParams::apply("manager-a");
    api.patch("ssa", &a, &Patch::Apply(cfg(json!({"x": "1", "y": "1"}))))
        .await
        .unwrap();
    let b = PatchParams::apply("manager-b");
    let e = api
        .patch("ssa", &b, &Patch::Apply(cfg(json!({"x": "2"}))))
        .await
        .unwrap_err();
    match e {
        kube::Error::Api(s) => {
            assert_eq!(s.code, 409);
            assert!(
                s.message.contains("conflict with \"manager-a\": .data.x"),
                "{}",
                s.message
            );
        }
        other => panic!("{other:?}"),
    }
    api.patch(
        "ssa",
        &b.clone().force(),
        &Patch::Apply(cfg(json!({"x": "2"}))),
    )
    .await
    .unwrap();
    let o = api
        .patch("ssa", &a, &Patch::Apply(cfg(json!({"y": "1"}))))
        .await
        .unwrap();
    let data = o.data.clone().unwrap();
    assert_eq!(
        data.get("x").map(String::as_str),
        Some("2"),
        "x is manager-b's now"
    );
    let managers: Vec<String> = o
        .managed_fields()
        .iter()
        .filter_map(|m| m.manager.clone())
        .collect();
    assert!(
        managers.contains(&"manager-a".to_string()) && managers.contains(&"manager-b".to_string())
    );
    let o = api
        .patch("ssa", &a, &Patch::Apply(cfg(json!({}))))
        .await
        .unwrap();
    assert!(
        !o.data.unwrap_or_default().contains_key("y"),
        "y was only manager-a's: removed"
    );
}

#[tokio::test]
async fn watcher_recovers_from_410_gone() {
    // When a watch asks for a resourceVersion the server no longer keeps (an etcd compaction
    // while the watch was down), the server answers 410 Gone; kube-rs's watcher relists and
    // carries on, missing nothing.
    let c = cluster().await;
    let api: Api<ConfigMap> = Api::namespaced(c.client.clone(), "default");
    let cfg = watcher::Config::default().timeout(2);
    let mut events = watcher(api.clone(), cfg).boxed();
    let mut seen = std::collections::BTreeSet::new();
    let mut inits = 0;
    let mut gone = 0;
    api.create(&PostParams::default(), &cm("before", &[]))
        .await
        .unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let mut compacted = false;
    while tokio::time::Instant::now() < deadline {
        let next = tokio::time::timeout(Duration::from_secs(5), events.next()).await;
        match next {
            Ok(Some(Ok(watcher::Event::Init))) => inits += 1,
            Ok(Some(Ok(watcher::Event::Apply(o) | watcher::Event::InitApply(o)))) => {
                seen.insert(o.name_any());
            }
            Ok(Some(Ok(_))) => {}
            Ok(Some(Err(watcher::Error::WatchError(e)))) if e.code == 410 => gone += 1,
            Ok(Some(Err(e))) => panic!("unexpected watcher error: {e}"),
            Ok(None) => break,
            Err(_) => {}
        }
        if seen.contains("before") && !compacted {
            // Compact and end the open watches: the watcher resumes from a lost version.
            c.standin.as_ref().unwrap().api.compact();
            api.create(&PostParams::default(), &cm("after", &[]))
                .await
                .unwrap();
            compacted = true;
        }
        if gone >= 1 && seen.contains("after") && inits >= 2 {
            break;
        }
    }
    assert!(
        seen.contains("after"),
        "the watcher saw the object created after the compaction: {seen:?}"
    );
    assert_eq!(gone, 1, "one 410 Gone");
    assert_eq!(inits, 2, "one relist after it");
}

#[tokio::test]
async fn controller_runs_for_minutes_without_watch_errors_or_relists() {
    // A kube-rs Controller against the stand-in: with watches that end every few seconds
    // (timeoutSeconds) and bookmarks in between, it keeps reconciling every change for the
    // whole run, resumes every watch from where it left off (one list per resource, no 410s)
    // and never sees a watch error.
    let secs: u64 = std::env::var("MOLDAU_STANDIN_CONTROLLER_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    let c = cluster().await;
    let api: Api<ConfigMap> = Api::namespaced(c.client.clone(), "default");
    let reconciles = Arc::new(AtomicU64::new(0));
    let latest = Arc::new(Latest::default());
    struct Ctx {
        reconciles: Arc<AtomicU64>,
        latest: Arc<Latest>,
    }
    let ctx = Arc::new(Ctx {
        reconciles: reconciles.clone(),
        latest: latest.clone(),
    });
    let errors = Arc::new(AtomicU64::new(0));
    let errs = errors.clone();
    let controller = Controller::new(api.clone(), watcher::Config::default().timeout(5))
        .run(
            |o: Arc<ConfigMap>, ctx: Arc<Ctx>| async move {
                ctx.reconciles.fetch_add(1, Ordering::Relaxed);
                if let Some(v) = o
                    .data
                    .as_ref()
                    .and_then(|d| d.get("n"))
                    .and_then(|n| n.parse::<u64>().ok())
                {
                    ctx.latest.set(v);
                }
                Ok::<_, kube::Error>(Action::await_change())
            },
            |_o, _e: &kube::Error, _ctx| Action::requeue(Duration::from_secs(1)),
            ctx,
        )
        .for_each(move |r| {
            if r.is_err() {
                errs.fetch_add(1, Ordering::Relaxed);
            }
            futures::future::ready(())
        });
    let task = tokio::spawn(controller);
    api.create(&PostParams::default(), &cm("ticker", &[("n", "0")]))
        .await
        .unwrap();
    let start = tokio::time::Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(secs) {
        n += 1;
        api.patch(
            "ticker",
            &PatchParams::default(),
            &Patch::Merge(json!({"data": {"n": n.to_string()}})),
        )
        .await
        .unwrap();
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    task.abort();
    let stats = c.standin.as_ref().unwrap().api.stats();
    let lists = stats.get("list configmaps").copied().unwrap_or(0);
    let watches = stats.get("watch configmaps").copied().unwrap_or(0);
    let gone = stats.get("watch-gone configmaps").copied().unwrap_or(0);
    println!(
        "controller ran {secs}s: {n} changes, {} reconciles, {lists} lists, {watches} watches, {gone} 410s, {} errors",
        reconciles.load(Ordering::Relaxed),
        errors.load(Ordering::Relaxed)
    );
    assert_eq!(latest.get(), n, "the last change was reconciled");
    assert_eq!(
        errors.load(Ordering::Relaxed),
        0,
        "no reconcile or watch errors"
    );
    assert_eq!(
        gone, 0,
        "no 410 Gone: every watch resumed from a kept resourceVersion"
    );
    assert!(lists <= 1, "one initial list, no relists: {stats:?}");
    assert!(
        watches >= secs / 5 - 1,
        "watches ended by timeoutSeconds and were resumed: {stats:?}"
    );
}

/// The highest value a reconciler saw, shared with the test.
#[derive(Default)]
struct Latest(AtomicU64);

impl Latest {
    fn set(&self, v: u64) {
        self.0.fetch_max(v, Ordering::Relaxed);
    }
    fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}
