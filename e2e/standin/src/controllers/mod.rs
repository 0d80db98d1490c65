//! The controllers a cluster runs, each a level-triggered loop over the whole store: woken by
//! any change (and every `tick` regardless), it compares what exists with what should and
//! makes one round of changes through the same API verbs clients use, so every change has a
//! resourceVersion, an event and managed fields like a real controller's.

pub mod deployment;
pub mod endpoints;
pub mod gc;
pub mod namespace;
pub mod root_ca;
pub mod scheduler;
pub mod service_lb;
pub mod statefulset;
pub mod volumes;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::api::ApiServer;
use crate::api::errors::ApiResult;
use crate::api::meta::{self, str_at};
use crate::api::server::{DeleteOptions, ListOptions, PatchType, ResourceRef, WriteOptions};

/// A thin client over the in-process API for controllers.
#[derive(Clone)]
pub struct Client {
    pub api: Arc<ApiServer>,
    pub manager: &'static str,
}

impl Client {
    pub fn new(api: Arc<ApiServer>, manager: &'static str) -> Client {
        Client { api, manager }
    }

    fn opts(&self) -> WriteOptions {
        WriteOptions::manager(self.manager)
    }

    pub fn list(&self, r: &ResourceRef, ns: Option<&str>) -> Vec<Value> {
        self.list_selected(r, ns, None)
    }

    pub fn list_selected(
        &self,
        r: &ResourceRef,
        ns: Option<&str>,
        labels: Option<&str>,
    ) -> Vec<Value> {
        let opts = ListOptions {
            label_selector: labels.map(String::from),
            ..Default::default()
        };
        self.api
            .list(r, ns, &opts)
            .ok()
            .and_then(|l| l.get("items").and_then(Value::as_array).cloned())
            .unwrap_or_default()
    }

    pub fn get(&self, r: &ResourceRef, ns: Option<&str>, name: &str) -> Option<Value> {
        self.api.get(r, ns, name).ok()
    }

    pub fn create(&self, r: &ResourceRef, ns: Option<&str>, obj: Value) -> ApiResult<Value> {
        self.api.create(r, ns, obj, &self.opts()).map(|w| w.object)
    }

    pub fn merge(
        &self,
        r: &ResourceRef,
        ns: Option<&str>,
        name: &str,
        patch: &Value,
    ) -> ApiResult<Value> {
        self.api
            .patch(r, ns, name, PatchType::Merge, patch, None, &self.opts())
            .map(|w| w.object)
    }

    /// Writes `.status` through the status subresource (a merge patch of it).
    pub fn merge_status(
        &self,
        r: &ResourceRef,
        ns: Option<&str>,
        name: &str,
        status: &Value,
    ) -> ApiResult<Value> {
        self.api
            .patch(
                r,
                ns,
                name,
                PatchType::Merge,
                &json!({"status": status}),
                Some("status"),
                &self.opts(),
            )
            .map(|w| w.object)
    }

    /// Replaces `.status` (an update of the status subresource, for list fields that must
    /// be exact).
    pub fn put_status(&self, r: &ResourceRef, obj: &Value, status: Value) -> ApiResult<Value> {
        let mut o = obj.clone();
        o["status"] = status;
        let ns = str_at(obj, "/metadata/namespace").map(String::from);
        let name = str_at(obj, "/metadata/name").unwrap_or("").to_string();
        self.api
            .update(r, ns.as_deref(), &name, o, Some("status"), &self.opts())
            .map(|w| w.object)
    }

    pub fn delete(
        &self,
        r: &ResourceRef,
        ns: Option<&str>,
        name: &str,
        propagation: Option<&str>,
    ) -> ApiResult<()> {
        let opts = DeleteOptions {
            propagation: propagation.map(String::from),
            ..Default::default()
        };
        self.api.delete(r, ns, name, &opts).map(|_| ())
    }

    /// Records a core/v1 Event about `obj`, as components do (`kubectl get events`).
    pub fn event(&self, obj: &Value, kind: &str, reason: &str, message: &str) {
        let ns = str_at(obj, "/metadata/namespace")
            .unwrap_or("default")
            .to_string();
        let name = str_at(obj, "/metadata/name").unwrap_or("").to_string();
        let now = meta::now();
        let ev = json!({
            "apiVersion": "v1", "kind": "Event",
            "metadata": {"generateName": format!("{name}."), "namespace": ns},
            "involvedObject": {"apiVersion": obj.get("apiVersion"), "kind": obj.get("kind"),
                "name": name, "namespace": ns, "uid": str_at(obj, "/metadata/uid"),
                "resourceVersion": str_at(obj, "/metadata/resourceVersion")},
            "reason": reason, "message": message, "type": kind,
            "source": {"component": self.manager},
            "firstTimestamp": now, "lastTimestamp": now, "count": 1,
            "reportingComponent": self.manager, "reportingInstance": "kube-standin",
        });
        let _ = self.create(&ResourceRef::core("events"), Some(&ns), ev);
    }
}

/// Runs `round` whenever the store changes, and at least every `tick`.
pub fn spawn_loop(
    api: Arc<ApiServer>,
    tick: Duration,
    mut round: impl FnMut() + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let changed = api.changed.notified();
            round();
            let _ = tokio::time::timeout(tick, changed).await;
            // Let a burst of changes settle into one round.
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
}

/// Starts every controller.
pub fn start(
    api: Arc<ApiServer>,
    data_dir: std::path::PathBuf,
    nodes: usize,
    ca_pem: String,
    lb_network: String,
) -> Vec<tokio::task::JoinHandle<()>> {
    let tick = Duration::from_millis(500);
    scheduler::register_nodes(&Client::new(api.clone(), "kube-standin"), nodes);
    let mut gc = gc::GarbageCollector::new(Client::new(api.clone(), "generic-garbage-collector"));
    let mut ns =
        namespace::NamespaceController::new(Client::new(api.clone(), "namespace-controller"));
    let mut root_ca =
        root_ca::RootCaPublisher::new(Client::new(api.clone(), "root-ca-cert-publisher"), ca_pem);
    let mut lb = service_lb::ServiceLb::new(
        Client::new(api.clone(), "service-lb-controller"),
        lb_network,
    );
    let mut sched = scheduler::Scheduler::new(Client::new(api.clone(), "default-scheduler"));
    let mut vols = volumes::VolumeBinder::new(
        Client::new(api.clone(), "persistentvolume-binder"),
        data_dir,
    );
    let mut eps =
        endpoints::EndpointsController::new(Client::new(api.clone(), "endpoint-controller"));
    let mut sts = statefulset::StatefulSetController::new(Client::new(
        api.clone(),
        "kube-controller-manager",
    ));
    let mut deploy =
        deployment::DeploymentController::new(Client::new(api.clone(), "kube-controller-manager"));
    vec![
        spawn_loop(api.clone(), tick, move || gc.round()),
        spawn_loop(api.clone(), tick, move || ns.round()),
        spawn_loop(api.clone(), tick, move || root_ca.round()),
        spawn_loop(api.clone(), tick, move || sched.round()),
        spawn_loop(api.clone(), tick, move || lb.round()),
        spawn_loop(api.clone(), tick, move || vols.round()),
        spawn_loop(api.clone(), tick, move || eps.round()),
        spawn_loop(api.clone(), tick, move || sts.round()),
        spawn_loop(api, tick, move || deploy.round()),
    ]
}

/// Whether a pod is Ready (its Ready condition is True) and not being deleted.
pub fn pod_ready(pod: &Value) -> bool {
    pod.pointer("/metadata/deletionTimestamp").is_none()
        && pod
            .pointer("/status/conditions")
            .and_then(Value::as_array)
            .is_some_and(|cs| {
                cs.iter().any(|c| {
                    c.get("type") == Some(&json!("Ready"))
                        && c.get("status") == Some(&json!("True"))
                })
            })
}

/// An ownerReference to `owner` (a controller reference when `controller`).
pub fn owner_ref(owner: &Value, controller: bool) -> Value {
    json!({"apiVersion": owner.get("apiVersion"), "kind": owner.get("kind"),
           "name": str_at(owner, "/metadata/name"), "uid": str_at(owner, "/metadata/uid"),
           "controller": controller, "blockOwnerDeletion": true})
}

/// Whether `obj` has a controller reference to the object with `uid`.
pub fn controlled_by(obj: &Value, uid: &str) -> bool {
    obj.pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .is_some_and(|refs| {
            refs.iter().any(|r| {
                r.get("uid").and_then(Value::as_str) == Some(uid)
                    && r.get("controller") == Some(&json!(true))
            })
        })
}

/// A short hash of a pod template in Kubernetes' vowel-free alphabet (revision names,
/// `pod-template-hash`).
pub fn template_hash(template: &Value) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut h = template.to_string().bytes().fold(0x811c9dc5u32, |h, b| {
        (h ^ b as u32).wrapping_mul(0x01000193)
    });
    let mut s = String::new();
    while h > 0 {
        s.push(ALPHABET[(h % ALPHABET.len() as u32) as usize] as char);
        h /= ALPHABET.len() as u32;
    }
    s
}
