//! The KafkaCluster reconcile, top-down: read what exists → decide (pure: `desired`,
//! `observe`) → apply in dependency order with server-side apply → write status.

use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{ConfigMap, Pod};
use kube::api::{Api, ListParams, Patch, PatchParams};
use kube::runtime::controller::Action;
use kube::{Client, ResourceExt};
use serde_json::{Value, json};

use super::desired::{self, Defaults, Desired, Names};
use crate::crd::KafkaCluster;
use crate::crd::cluster::{BrokerStatus, KafkaClusterStatus};
use crate::status::{self, Outcome};

/// The field manager of everything the operator writes.
pub const MANAGER: &str = "moldau-operator";
/// The ConfigMap annotation recording the quorum size chosen at creation.
pub const VOTERS_ANNOTATION: &str = "kafka.moldau.dev/quorum-voters";

pub struct Ctx {
    pub client: Client,
    pub defaults: Defaults,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Kubernetes API: {0}")]
    Kube(#[from] kube::Error),
    #[error("{0}")]
    Other(String),
}

/// What the operator sees of the brokers' pods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodView {
    pub name: String,
    pub ordinal: i32,
    pub ready: bool,
    pub terminating: bool,
    pub config_hash: Option<String>,
}

pub fn pod_view(p: &Pod, n: &Names) -> Option<PodView> {
    let name = p.name_any();
    let ordinal = name
        .strip_prefix(&format!("{}-", n.brokers))?
        .parse()
        .ok()?;
    let ready = p
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"));
    Some(PodView {
        name,
        ordinal,
        ready,
        terminating: p.metadata.deletion_timestamp.is_some(),
        config_hash: p.annotations().get(desired::CONFIG_HASH).cloned(),
    })
}

/// The status for what was observed (pure).
pub fn observe(kc: &KafkaCluster, d: &Desired, pods: &[PodView], port: i32) -> KafkaClusterStatus {
    let generation = kc.metadata.generation;
    let want = kc.spec.replicas;
    let ready = pods.iter().filter(|p| p.ready && !p.terminating).count() as i32;
    let outcome = if ready == want && pods.len() as i32 == want {
        Outcome::Ready {
            message: format!("{want} broker(s) ready"),
        }
    } else {
        Outcome::Progressing {
            reason: if pods.is_empty() {
                "Creating".into()
            } else {
                "BrokersNotReady".into()
            },
            message: format!("{ready} of {want} broker(s) ready"),
        }
    };
    let previous = kc.status.clone().unwrap_or_default();
    let conditions = status::merge(
        &previous.conditions,
        status::kstatus(&outcome, generation),
        &status::now(),
    );
    let mut brokers: Vec<BrokerStatus> = pods
        .iter()
        .map(|p| BrokerStatus {
            id: p.ordinal,
            pod: p.name.clone(),
            ready: p.ready,
            ..Default::default()
        })
        .collect();
    brokers.sort_by_key(|b| b.id);
    KafkaClusterStatus {
        observed_generation: generation,
        conditions,
        ready_brokers: Some(ready),
        brokers,
        bootstrap_servers: Some(d.names.bootstrap_servers(port)),
        cluster_id: previous.cluster_id,
        rollout: None,
    }
}

async fn apply(client: &Client, ns: &str, obj: &Value) -> Result<(), Error> {
    let kind = obj["kind"].as_str().unwrap_or_default();
    let name = obj["metadata"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let pp = PatchParams::apply(MANAGER).force();
    let patch = Patch::Apply(obj);
    match kind {
        "ServiceAccount" => {
            Api::<k8s_openapi::api::core::v1::ServiceAccount>::namespaced(client.clone(), ns)
                .patch(&name, &pp, &patch)
                .await?;
        }
        "ConfigMap" => {
            Api::<ConfigMap>::namespaced(client.clone(), ns)
                .patch(&name, &pp, &patch)
                .await?;
        }
        "Service" => {
            Api::<k8s_openapi::api::core::v1::Service>::namespaced(client.clone(), ns)
                .patch(&name, &pp, &patch)
                .await?;
        }
        "StatefulSet" => {
            Api::<StatefulSet>::namespaced(client.clone(), ns)
                .patch(&name, &pp, &patch)
                .await?;
        }
        "PodDisruptionBudget" => {
            Api::<k8s_openapi::api::policy::v1::PodDisruptionBudget>::namespaced(
                client.clone(),
                ns,
            )
            .patch(&name, &pp, &patch)
            .await?;
        }
        other => return Err(Error::Other(format!("cannot apply a {other}"))),
    }
    Ok(())
}

async fn write_status(
    api: &Api<KafkaCluster>,
    name: &str,
    st: &KafkaClusterStatus,
) -> Result<(), Error> {
    let patch = json!({"status": st});
    api.patch_status(name, &PatchParams::default(), &Patch::Merge(&patch))
        .await?;
    Ok(())
}

pub async fn reconcile(kc: Arc<KafkaCluster>, ctx: Arc<Ctx>) -> Result<Action, Error> {
    let ns = kc.namespace().unwrap_or_else(|| "default".into());
    let name = kc.name_any();
    let api: Api<KafkaCluster> = Api::namespaced(ctx.client.clone(), &ns);
    let n = Names::of(&kc);
    if kc.spec.paused == Some(true) {
        let mut st = kc.status.clone().unwrap_or_default();
        let outcome = Outcome::Progressing {
            reason: "Paused".into(),
            message: "spec.paused is true: nothing is changed".into(),
        };
        st.conditions = status::merge(
            &st.conditions,
            status::kstatus(&outcome, kc.metadata.generation),
            &status::now(),
        );
        write_status(&api, &name, &st).await?;
        return Ok(Action::await_change());
    }
    // Gather: the quorum size recorded at creation.
    let cms: Api<ConfigMap> = Api::namespaced(ctx.client.clone(), &ns);
    let voters_fixed = cms.get_opt(&n.config).await?.and_then(|cm| {
        cm.annotations()
            .get(VOTERS_ANNOTATION)
            .and_then(|v| v.parse().ok())
    });
    // Decide.
    let d = match desired::desired(&kc, &ctx.defaults, voters_fixed) {
        Ok(d) => d,
        Err(e) => {
            let mut st = kc.status.clone().unwrap_or_default();
            st.observed_generation = kc.metadata.generation;
            let outcome = Outcome::Stalled {
                reason: e.reason.into(),
                message: e.message.clone(),
            };
            st.conditions = status::merge(
                &st.conditions,
                status::kstatus(&outcome, kc.metadata.generation),
                &status::now(),
            );
            write_status(&api, &name, &st).await?;
            tracing::warn!(cluster = %name, namespace = %ns, reason = e.reason, "{}", e.message);
            return Ok(Action::await_change());
        }
    };
    // Apply, dependencies first.
    let voters = voters_fixed.unwrap_or_else(|| desired::voters(kc.spec.replicas));
    let mut config_map = d.config_map.clone();
    config_map["metadata"]["annotations"] = json!({VOTERS_ANNOTATION: voters.to_string()});
    for obj in d.objects() {
        let obj = if obj["kind"] == "ConfigMap" {
            &config_map
        } else {
            obj
        };
        apply(&ctx.client, &ns, obj).await?;
    }
    // Observe and report.
    let pods: Api<Pod> = Api::namespaced(ctx.client.clone(), &ns);
    let selector: Vec<String> = desired::selector(&n)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let list = pods
        .list(&ListParams::default().labels(&selector.join(",")))
        .await?;
    let views: Vec<PodView> = list.items.iter().filter_map(|p| pod_view(p, &n)).collect();
    let port = kc
        .spec
        .listeners
        .as_ref()
        .and_then(|l| l.internal_port)
        .unwrap_or(desired::KAFKA_PORT);
    let st = observe(&kc, &d, &views, port);
    let ready = st
        .conditions
        .iter()
        .any(|c| c.kind == "Ready" && c.status == "True");
    if kc.status.as_ref() != Some(&st) {
        write_status(&api, &name, &st).await?;
    }
    Ok(Action::requeue(if ready {
        Duration::from_secs(60)
    } else {
        Duration::from_secs(5)
    }))
}

pub fn error_policy(kc: Arc<KafkaCluster>, e: &Error, _ctx: Arc<Ctx>) -> Action {
    tracing::warn!(cluster = %kc.name_any(), error = %e, "reconcile failed; retrying");
    Action::requeue(Duration::from_secs(5))
}
