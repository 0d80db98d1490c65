//! The KafkaCluster reconcile, top-down: read what exists → decide (pure: `desired`,
//! `observe`) → apply in dependency order with server-side apply → write status.

use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{ConfigMap, Pod, Service};
use k8s_openapi::api::rbac::v1::{ClusterRoleBinding, Role, RoleBinding};
use kube::api::{Api, ListParams, Patch, PatchParams};
use kube::runtime::controller::Action;
use kube::{Client, ResourceExt};
use serde_json::{Value, json};

use super::desired::{self, Defaults, Desired, Names};
use super::health::{self, ClusterFacts};
use super::roll::{self, RollInput, Step};
use super::scale::{self, ScaleStep};
use crate::crd::KafkaCluster;
use crate::crd::cluster::{BrokerStatus, KafkaClusterStatus, RolloutStatus};
use crate::status::{self, Outcome};

/// The field manager of everything the operator writes.
pub const MANAGER: &str = "moldau-operator";
/// The ConfigMap annotation recording the quorum size chosen at creation.
pub const VOTERS_ANNOTATION: &str = "kafka.moldau.dev/quorum-voters";
/// The ConfigMap annotation recording how many per-broker external Services exist, so the
/// ones a scale-down or a removed external listener leaves behind are deleted.
pub const EXTERNAL_ANNOTATION: &str = "kafka.moldau.dev/external-services";
/// The KafkaCluster finalizer that removes its cluster-scoped ClusterRoleBinding.
pub const FINALIZER: &str = "kafka.moldau.dev/node-reader-binding";

pub struct Ctx {
    pub client: Client,
    pub defaults: Defaults,
    /// The leadership step's memory, Event recorder and metrics.
    pub leaders: super::leaders::Leaders,
    /// Collects the cluster's lag and partition metrics from the Admin addresses named here.
    pub exporter: std::sync::Arc<crate::exporter::Exporter>,
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
    /// The pod's uid: a restart deletes exactly the pod it looked at.
    pub uid: Option<String>,
    pub ordinal: i32,
    pub ready: bool,
    pub terminating: bool,
    pub config_hash: Option<String>,
    /// The broker container has a status and is not running (it exited, or waits to be
    /// started again): no broker process runs in this pod.
    pub broker_exited: bool,
}

/// A pod's address, for reading its broker's metrics.
fn pod_ip(p: &Pod) -> Option<String> {
    p.status.as_ref().and_then(|s| s.pod_ip.clone())
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
    let broker_exited = p
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.name == "broker"))
        .is_some_and(|c| c.state.as_ref().is_none_or(|s| s.running.is_none()));
    Some(PodView {
        broker_exited,
        name,
        uid: p.metadata.uid.clone(),
        ordinal,
        ready,
        terminating: p.metadata.deletion_timestamp.is_some(),
        config_hash: p.annotations().get(desired::CONFIG_HASH).cloned(),
    })
}

/// Whether the cluster-wide dynamic broker configs are what the spec says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DynamicConfigs {
    Applied,
    /// The brokers refused them: their message.
    Refused(String),
    /// Not known (no Admin service answered): why.
    Unknown(String),
}

/// What the reconcile saw of the running cluster.
pub struct Observed<'a> {
    pub pods: &'a [PodView],
    pub dynamic: &'a DynamicConfigs,
    /// The Admin service's snapshot (None: no broker answered).
    pub facts: Option<&'a ClusterFacts>,
    /// The internal listener's port.
    pub port: i32,
}

/// The status for what was observed and the roll's step (pure).
pub fn observe(
    kc: &KafkaCluster,
    d: &Desired,
    seen: &Observed<'_>,
    step: &Step,
    rollout: Option<RolloutStatus>,
    scale: Option<&ScaleStep>,
) -> KafkaClusterStatus {
    let generation = kc.metadata.generation;
    let pods = seen.pods;
    let want = kc.spec.replicas;
    let ready = pods.iter().filter(|p| p.ready && !p.terminating).count() as i32;
    let outcome = match (scale, step) {
        (Some(ScaleStep::Blocked { why, .. }), _) => Outcome::Stalled {
            reason: "ScaleDownBlocked".into(),
            message: format!("scale-down to {want} refused: {why}"),
        },
        _ if matches!(seen.dynamic, DynamicConfigs::Refused(_)) => Outcome::Stalled {
            reason: "InvalidConfig".into(),
            message: match seen.dynamic {
                DynamicConfigs::Refused(m) => format!("the brokers refused spec.config: {m}"),
                _ => String::new(),
            },
        },
        (Some(ScaleStep::Move { moves, .. }), _) => Outcome::Progressing {
            reason: "ScaleDown".into(),
            message: format!(
                "moving {} partition(s) off the brokers being removed",
                moves.len()
            ),
        },
        (Some(ScaleStep::WaitMoves { remaining, .. }), _) => Outcome::Progressing {
            reason: "ScaleDown".into(),
            message: format!(
                "waiting for {remaining} partition(s) to move off the brokers being removed"
            ),
        },
        (_, step) => match step {
            Step::TimedOut { pod, waited_secs } => Outcome::Stalled {
                reason: "RollingRestartTimedOut".into(),
                message: format!(
                    "broker pod {pod} is not Ready {waited_secs}s after its restart (spec.rollout.podTimeoutSeconds); see `kubectl logs {pod}`; the roll resumes once it is Ready"
                ),
            },
            Step::Done if ready == want && pods.len() as i32 == want => match seen.dynamic {
                DynamicConfigs::Applied => Outcome::Ready {
                    message: format!("{want} broker(s) ready"),
                },
                DynamicConfigs::Unknown(why) | DynamicConfigs::Refused(why) => {
                    Outcome::Progressing {
                        reason: "ApplyingConfig".into(),
                        message: format!("applying the dynamic broker configs: {why}"),
                    }
                }
            },
            _ if rollout.is_some() => Outcome::Progressing {
                reason: "RollingRestart".into(),
                message: format!(
                    "restarting brokers one at a time ({ready} of {want} ready); waiting for {}",
                    rollout
                        .as_ref()
                        .and_then(|r| r.waiting_for.clone())
                        .unwrap_or_default()
                ),
            },
            _ => Outcome::Progressing {
                reason: if pods.is_empty() {
                    "Creating".into()
                } else {
                    "BrokersNotReady".into()
                },
                message: format!("{ready} of {want} broker(s) ready"),
            },
        },
    };
    let previous = kc.status.clone().unwrap_or_default();
    let mut next = status::kstatus(&outcome, generation);
    let rolling = rollout.is_some();
    next.push(status::domain(
        "RollingRestart",
        rolling,
        if rolling {
            "ConfigurationChanged"
        } else {
            "UpToDate"
        },
        &rollout
            .as_ref()
            .and_then(|r| r.waiting_for.clone())
            .unwrap_or_default(),
        generation,
    ));
    let blocked = matches!(scale, Some(ScaleStep::Blocked { .. }));
    next.push(status::domain(
        "ScaleDownBlocked",
        blocked,
        if blocked {
            "ReplicationFactor"
        } else {
            "NotBlocked"
        },
        &match scale {
            Some(ScaleStep::Blocked { why, .. }) => why.clone(),
            _ => String::new(),
        },
        generation,
    ));
    let (degraded, reason, message) = health::degraded(seen.facts);
    // While some broker is Ready, an Admin service that did not answer this time leaves the
    // last known Degraded state in place; with none Ready it is Unknown.
    let kept = previous.conditions.iter().find(|c| c.kind == "Degraded");
    next.push(match (degraded, kept) {
        (None, Some(c)) if ready > 0 => c.clone(),
        _ => status::domain_maybe("Degraded", degraded, reason, &message, generation),
    });
    let conditions = status::merge(&previous.conditions, next, &status::now());
    let mut brokers: Vec<BrokerStatus> = pods
        .iter()
        .map(|p| {
            let fact = seen
                .facts
                .and_then(|f| f.brokers.iter().find(|b| b.id == p.ordinal));
            BrokerStatus {
                id: p.ordinal,
                pod: p.name.clone(),
                ready: p.ready,
                rack: fact.and_then(|b| b.rack.clone()),
                leaders: fact.map(|b| b.leaders),
                partitions: fact.map(|b| b.partitions),
            }
        })
        .collect();
    brokers.sort_by_key(|b| b.id);
    KafkaClusterStatus {
        observed_generation: generation,
        conditions,
        ready_brokers: Some(ready),
        brokers,
        bootstrap_servers: Some(d.names.bootstrap_servers(seen.port)),
        cluster_id: seen
            .facts
            .and_then(|f| f.cluster_id.clone())
            .or(previous.cluster_id),
        rollout,
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
        "Role" => {
            Api::<Role>::namespaced(client.clone(), ns)
                .patch(&name, &pp, &patch)
                .await?;
        }
        "RoleBinding" => {
            Api::<RoleBinding>::namespaced(client.clone(), ns)
                .patch(&name, &pp, &patch)
                .await?;
        }
        "ClusterRoleBinding" => {
            Api::<ClusterRoleBinding>::all(client.clone())
                .patch(&name, &pp, &patch)
                .await?;
        }
        other => return Err(Error::Other(format!("cannot apply a {other}"))),
    }
    Ok(())
}

/// Deletes an object that may already be gone.
async fn delete_if_present<K>(api: &Api<K>, name: &str) -> Result<(), Error>
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    match api.delete(name, &Default::default()).await {
        Ok(_) => Ok(()),
        Err(kube::Error::Api(s)) if s.code == 404 => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The cluster-scoped ClusterRoleBinding has no owner the garbage collector could follow: the
/// finalizer removes it when the KafkaCluster goes (or no longer needs it).
async fn release_node_reader(
    ctx: &Ctx,
    api: &Api<KafkaCluster>,
    kc: &KafkaCluster,
    n: &Names,
) -> Result<(), Error> {
    delete_if_present(
        &Api::<ClusterRoleBinding>::all(ctx.client.clone()),
        &n.node_reader_binding(),
    )
    .await?;
    let rest: Vec<String> = kc
        .finalizers()
        .iter()
        .filter(|f| *f != FINALIZER)
        .cloned()
        .collect();
    Ok(crate::finalizers::set(api, kc, rest).await?)
}

async fn write_status(
    api: &Api<KafkaCluster>,
    name: &str,
    st: &KafkaClusterStatus,
) -> Result<(), Error> {
    // A merge patch leaves out what the status no longer has; name those fields null so they
    // are removed (a finished roll must not linger).
    let mut status = serde_json::to_value(st).map_err(|e| Error::Other(e.to_string()))?;
    for key in [
        "rollout",
        "clusterId",
        "bootstrapServers",
        "readyBrokers",
        "brokers",
    ] {
        if status.get(key).is_none() {
            status[key] = Value::Null;
        }
    }
    let patch = json!({"status": status});
    api.patch_status(name, &PatchParams::default(), &Patch::Merge(&patch))
        .await?;
    Ok(())
}

pub async fn reconcile(kc: Arc<KafkaCluster>, ctx: Arc<Ctx>) -> Result<Action, Error> {
    let ns = kc.namespace().unwrap_or_else(|| "default".into());
    let name = kc.name_any();
    let api: Api<KafkaCluster> = Api::namespaced(ctx.client.clone(), &ns);
    let n = Names::of(&kc);
    let generation = kc.metadata.generation;
    let has_finalizer = kc.finalizers().iter().any(|f| f == FINALIZER);
    if kc.metadata.deletion_timestamp.is_some() {
        ctx.exporter.forget(&ns, &name);
        // Being deleted: owned objects go with it (garbage collector); only the cluster-scoped
        // binding is ours to remove.
        if has_finalizer {
            release_node_reader(&ctx, &api, &kc, &n).await?;
        }
        return Ok(Action::await_change());
    }
    let stalled_or_paused = |outcome: Outcome, extra: Vec<crate::crd::Condition>| {
        let mut st = kc.status.clone().unwrap_or_default();
        st.observed_generation = generation;
        let mut next = status::kstatus(&outcome, generation);
        next.extend(extra);
        // The domain conditions this path does not decide keep their last state.
        let kept: Vec<_> = st
            .conditions
            .iter()
            .filter(|c| !next.iter().any(|n| n.kind == c.kind))
            .cloned()
            .collect();
        next.extend(kept);
        st.conditions = status::merge(&st.conditions, next, &status::now());
        st
    };
    if kc.spec.paused == Some(true) {
        let st = stalled_or_paused(
            Outcome::Progressing {
                reason: "Paused".into(),
                message: "spec.paused is true: nothing is changed".into(),
            },
            vec![],
        );
        write_status(&api, &name, &st).await?;
        return Ok(Action::await_change());
    }
    // Gather: the quorum size recorded at creation.
    let cms: Api<ConfigMap> = Api::namespaced(ctx.client.clone(), &ns);
    let existing_cm = cms.get_opt(&n.config).await?;
    let annotation = |key: &str| -> Option<i32> {
        existing_cm
            .as_ref()
            .and_then(|cm| cm.annotations().get(key).and_then(|v| v.parse().ok()))
    };
    let voters_fixed = annotation(VOTERS_ANNOTATION);
    let external_before = annotation(EXTERNAL_ANNOTATION).unwrap_or(0);
    // Observe the brokers.
    let pods: Api<Pod> = Api::namespaced(ctx.client.clone(), &ns);
    let selector: Vec<String> = desired::selector(&n)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let list = pods
        .list(&ListParams::default().labels(&selector.join(",")))
        .await?;
    let views: Vec<PodView> = list.items.iter().filter_map(|p| pod_view(p, &n)).collect();
    let ips: Vec<(i32, String)> = list
        .items
        .iter()
        .filter_map(|p| Some((pod_view(p, &n)?.ordinal, pod_ip(p)?)))
        .collect();
    ctx.exporter.target(&ns, &name, admin_addrs(&views, &ips));
    let mut admin = admin_facts(&views, &ips).await;
    // Leaderships first: a dead broker's partitions must not wait for the rest of the reconcile.
    if let Some((a, f)) = admin.as_mut() {
        ctx.leaders.step(&kc, &views, a, f).await;
    }
    let port = kc
        .spec
        .listeners
        .as_ref()
        .and_then(|l| l.internal_port)
        .unwrap_or(desired::KAFKA_PORT);
    // Scaling: how many brokers run now (a scale-down drains the removed brokers first).
    let stss: Api<StatefulSet> = Api::namespaced(ctx.client.clone(), &ns);
    let current = stss
        .get_opt(&n.brokers)
        .await?
        .and_then(|s| s.spec.replicas);
    let target = kc.spec.replicas;
    // The spec as written must be buildable before anything acts on it (a scale-down must not
    // drain brokers towards a size that is then refused).
    let refused = |e: desired::SpecError| {
        tracing::warn!(cluster = %name, namespace = %ns, reason = e.reason, "{}", e.message);
        // Fewer brokers than the quorum's voters is a scale-down that cannot be done.
        let extra = if e.reason == "BelowQuorum" {
            vec![status::domain(
                "ScaleDownBlocked",
                true,
                "QuorumVoters",
                &e.message,
                generation,
            )]
        } else {
            vec![]
        };
        stalled_or_paused(
            Outcome::Stalled {
                reason: e.reason.into(),
                message: e.message,
            },
            extra,
        )
    };
    if let Err(e) = desired::desired(&kc, &ctx.defaults, voters_fixed) {
        write_status(&api, &name, &refused(e)).await?;
        return Ok(Action::await_change());
    }
    let scale_step = match current {
        Some(cur) if target < cur => Some(scale_down_step(admin.as_mut(), cur, target).await),
        _ => None,
    };
    let effective = match &scale_step {
        Some(ScaleStep::Run(r)) => *r,
        Some(
            ScaleStep::Move { keep, .. }
            | ScaleStep::WaitMoves { keep, .. }
            | ScaleStep::Blocked { keep, .. },
        ) => *keep,
        None => target,
    };
    let mut running = (*kc).clone();
    running.spec.replicas = effective;
    // Decide the objects.
    let d = match desired::desired(&running, &ctx.defaults, voters_fixed) {
        Ok(d) => d,
        Err(e) => {
            write_status(&api, &name, &refused(e)).await?;
            return Ok(Action::await_change());
        }
    };
    // The cluster-scoped binding is only created under the finalizer that removes it.
    match (d.node_reader.is_some(), has_finalizer) {
        (true, false) => {
            let mut f = kc.finalizers().to_vec();
            f.push(FINALIZER.into());
            crate::finalizers::set(&api, &kc, f).await?;
            // The patch is a change: the next reconcile goes on from the updated object.
            return Ok(Action::requeue(Duration::from_millis(100)));
        }
        (false, true) => release_node_reader(&ctx, &api, &kc, &n).await?,
        _ => {}
    }
    // Apply, dependencies first.
    let voters = voters_fixed.unwrap_or_else(|| desired::voters(kc.spec.replicas));
    let mut config_map = d.config_map.clone();
    config_map["metadata"]["annotations"] = json!({VOTERS_ANNOTATION: voters.to_string()});
    let external_now = d.external_services.len() as i32;
    if external_now > 0 {
        config_map["metadata"]["annotations"][EXTERNAL_ANNOTATION] =
            json!(external_now.to_string());
    }
    for obj in d.objects() {
        let obj = if obj["kind"] == "ConfigMap" {
            &config_map
        } else {
            obj
        };
        apply(&ctx.client, &ns, obj).await?;
    }
    // External Services of brokers that are gone, or of a removed external listener.
    let services: Api<Service> = Api::namespaced(ctx.client.clone(), &ns);
    for i in external_now..external_before {
        delete_if_present(&services, &n.external(i)).await?;
    }
    // Dynamic broker configs take effect through the Admin service, without a restart.
    let dynamic = match admin.as_mut() {
        Some((a, _)) => sync_dynamic(a, &d.dynamic_configs).await,
        None => DynamicConfigs::Unknown("no Ready broker's Admin service answered".into()),
    };
    // Decide the roll's next step.
    let facts = admin.as_ref().map(|(_, f)| f);
    let previous = kc.status.clone().unwrap_or_default().rollout;
    let in_flight = previous.as_ref().and_then(|r| {
        let started: k8s_openapi::jiff::Timestamp = r.step_started.as_deref()?.parse().ok()?;
        let secs = (k8s_openapi::jiff::Timestamp::now().as_second() - started.as_second()).max(0);
        Some((r.current.clone()?, secs))
    });
    let input = RollInput {
        replicas: effective,
        target_hash: &d.config_hash,
        pods: &views,
        active_controller: facts.and_then(|f| f.active_controller),
        under_replicated: facts.map(|f| f.under_replicated + f.offline),
        in_flight: in_flight.as_ref().map(|(p, s)| (p.as_str(), *s)),
        pod_timeout_secs: kc
            .spec
            .rollout
            .as_ref()
            .and_then(|r| r.pod_timeout_seconds)
            .unwrap_or(600),
    };
    let step = roll::plan(&input);
    let up_to_date = |p: &PodView| p.config_hash.as_deref() == Some(d.config_hash.as_str());
    let done: Vec<String> = views
        .iter()
        .filter(|p| up_to_date(p))
        .map(|p| p.name.clone())
        .collect();
    let rollout_status =
        |current: Option<String>, waiting: String, started: Option<String>| RolloutStatus {
            kind: "RollingRestart".into(),
            target_revision: Some(d.config_hash.clone()),
            done: done.clone(),
            current,
            waiting_for: Some(waiting),
            step_started: started,
        };
    let previous_started = previous.as_ref().and_then(|r| r.step_started.clone());
    let rollout = match &step {
        Step::Done => None,
        // Creating or waiting for brokers that already run the target configuration: no roll.
        Step::Wait(_) if views.iter().all(up_to_date) && in_flight.is_none() => None,
        Step::Wait(w) => Some(rollout_status(
            in_flight.as_ref().map(|(p, _)| p.clone()),
            w.clone(),
            previous_started,
        )),
        Step::TimedOut { pod, .. } => Some(rollout_status(
            Some(pod.clone()),
            format!("{pod} to come back Ready (timed out)"),
            previous_started,
        )),
        Step::Restart { pod, why } => {
            tracing::info!(cluster = %name, namespace = %ns, %pod, "rolling restart: {why}");
            // Only the pod looked at: one the StatefulSet recreated meanwhile is left alone.
            let uid = views
                .iter()
                .find(|v| &v.name == pod)
                .and_then(|v| v.uid.clone());
            let dp = kube::api::DeleteParams {
                preconditions: Some(kube::api::Preconditions {
                    uid,
                    resource_version: None,
                }),
                ..Default::default()
            };
            pods.delete(pod, &dp).await?;
            Some(rollout_status(
                Some(pod.clone()),
                format!("{pod} to come back Ready with the new configuration"),
                Some(status::now()),
            ))
        }
    };
    // Report.
    let st = observe(
        &kc,
        &d,
        &Observed {
            pods: &views,
            dynamic: &dynamic,
            facts,
            port,
        },
        &step,
        rollout,
        scale_step.as_ref(),
    );
    let ready = st
        .conditions
        .iter()
        .any(|c| c.kind == "Ready" && c.status == "True");
    if kc.status.as_ref() != Some(&st) {
        write_status(&api, &name, &st).await?;
    }
    // A Ready cluster is re-read every 30 s, so Degraded and the broker table stay current.
    Ok(Action::requeue(if ready {
        Duration::from_secs(30)
    } else {
        Duration::from_secs(2)
    }))
}

/// The scale-down step from the Admin service's snapshot, starting the moves it needs.
/// Without a reachable broker it waits (keeps every broker).
async fn scale_down_step(
    admin: Option<&mut (crate::admin::Admin, ClusterFacts)>,
    current: i32,
    target: i32,
) -> ScaleStep {
    let wait = |why: &str| {
        tracing::info!("scale-down waits: {why}");
        ScaleStep::WaitMoves {
            keep: current,
            remaining: 0,
        }
    };
    let Some((admin, facts)) = admin else {
        return wait("no Ready broker's Admin service answered");
    };
    let step = scale::plan(current, target, &facts.partitions);
    if let ScaleStep::Move { moves, .. } = &step {
        tracing::info!(
            moves = moves.len(),
            "scale-down: moving partition replicas off brokers {target}..{current}"
        );
        if let Err(e) = admin.reassign(moves).await {
            return wait(&e.to_string());
        }
    }
    step
}

/// Sets the cluster-wide dynamic broker configs to `want` when they differ.
async fn sync_dynamic(
    admin: &mut crate::admin::Admin,
    want: &std::collections::BTreeMap<String, String>,
) -> DynamicConfigs {
    use crate::admin::AdminError;
    match admin.cluster_configs().await {
        Ok(now) if now == *want => DynamicConfigs::Applied,
        Ok(now) => {
            tracing::info!(?now, ?want, "setting the dynamic broker configs");
            match admin.set_cluster_configs(want).await {
                Ok(()) => DynamicConfigs::Applied,
                Err(AdminError::Refused(m)) => DynamicConfigs::Refused(m),
                Err(e) => DynamicConfigs::Unknown(e.to_string()),
            }
        }
        Err(e) => DynamicConfigs::Unknown(e.to_string()),
    }
}

/// The Admin service of the first Ready broker that answers, and its snapshot of the cluster.
/// The Admin service addresses of the ready brokers.
fn admin_addrs(views: &[PodView], ips: &[(i32, String)]) -> Vec<String> {
    views
        .iter()
        .filter(|v| v.ready && !v.terminating)
        .filter_map(|v| {
            let (_, ip) = ips.iter().find(|(o, _)| *o == v.ordinal)?;
            Some(format!("{ip}:{}", desired::CONTROLLER_PORT))
        })
        .collect()
}

async fn admin_facts(
    views: &[PodView],
    ips: &[(i32, String)],
) -> Option<(crate::admin::Admin, ClusterFacts)> {
    for addr in admin_addrs(views, ips) {
        let attempt = async {
            let mut admin = crate::admin::Admin::connect(&addr).await?;
            let facts = admin.facts().await?;
            Ok::<_, crate::admin::AdminError>((admin, facts))
        };
        match attempt.await {
            Ok(found) => return Some(found),
            Err(e) => tracing::debug!(%addr, "Admin service: {e}"),
        }
    }
    None
}

pub fn error_policy(kc: Arc<KafkaCluster>, e: &Error, _ctx: Arc<Ctx>) -> Action {
    tracing::warn!(cluster = %kc.name_any(), error = %e, "reconcile failed; retrying");
    Action::requeue(Duration::from_secs(5))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::health::BrokerFact;
    use crate::crd::cluster::KafkaClusterSpec;

    fn cluster(replicas: i32, status: Option<KafkaClusterStatus>) -> KafkaCluster {
        let spec: KafkaClusterSpec =
            serde_yaml::from_str(&format!("replicas: {replicas}\nstorage: {{size: 1Gi}}\n"))
                .unwrap();
        let mut kc = KafkaCluster::new("prod", spec);
        kc.metadata.namespace = Some("kafka".into());
        kc.metadata.uid = Some("u-1".into());
        kc.metadata.generation = Some(4);
        kc.status = status;
        kc
    }

    fn pods(n: i32, ready: bool, hash: &str) -> Vec<PodView> {
        (0..n)
            .map(|i| PodView {
                name: format!("prod-broker-{i}"),
                uid: None,
                ordinal: i,
                ready,
                terminating: false,
                config_hash: Some(hash.into()),
                broker_exited: false,
            })
            .collect()
    }

    fn facts(under_replicated: u64) -> ClusterFacts {
        ClusterFacts {
            active_controller: Some(1),
            cluster_id: Some("cid-1".into()),
            brokers: (0..3)
                .map(|id| BrokerFact {
                    id,
                    rack: Some(format!("zone-{id}")),
                    fenced: false,
                    leaders: id + 1,
                    partitions: 6,
                    ..Default::default()
                })
                .collect(),
            under_replicated,
            examples: (under_replicated > 0)
                .then(|| "orders-0".to_string())
                .into_iter()
                .collect(),
            ..Default::default()
        }
    }

    fn condition<'a>(st: &'a KafkaClusterStatus, kind: &str) -> &'a Condition {
        st.conditions.iter().find(|c| c.kind == kind).unwrap()
    }

    use crate::crd::Condition;

    fn run(kc: &KafkaCluster, views: &[PodView], f: Option<&ClusterFacts>) -> KafkaClusterStatus {
        let d = desired::desired(kc, &Defaults::with_image("img"), None).unwrap();
        let input = RollInput {
            replicas: kc.spec.replicas,
            target_hash: &d.config_hash,
            pods: views,
            active_controller: f.and_then(|f| f.active_controller),
            under_replicated: f.map(|f| f.under_replicated),
            in_flight: None,
            pod_timeout_secs: 600,
        };
        let step = roll::plan(&input);
        observe(
            kc,
            &d,
            &Observed {
                pods: views,
                dynamic: &if f.is_some() {
                    DynamicConfigs::Applied
                } else {
                    DynamicConfigs::Unknown("unreachable".into())
                },
                facts: f,
                port: 9092,
            },
            &step,
            None,
            None,
        )
    }

    fn hash(kc: &KafkaCluster) -> String {
        desired::desired(kc, &Defaults::with_image("img"), None)
            .unwrap()
            .config_hash
    }

    #[test]
    fn ready_cluster_reports_brokers_cluster_id_and_health() {
        let kc = cluster(3, None);
        let st = run(&kc, &pods(3, true, &hash(&kc)), Some(&facts(0)));
        assert_eq!(st.observed_generation, Some(4));
        assert_eq!(condition(&st, "Ready").status, "True");
        assert_eq!(condition(&st, "Degraded").status, "False");
        assert_eq!(condition(&st, "Degraded").observed_generation, Some(4));
        assert_eq!(st.cluster_id.as_deref(), Some("cid-1"));
        assert_eq!(st.ready_brokers, Some(3));
        assert_eq!(
            st.brokers[2],
            BrokerStatus {
                id: 2,
                pod: "prod-broker-2".into(),
                ready: true,
                rack: Some("zone-2".into()),
                leaders: Some(3),
                partitions: Some(6),
            }
        );
        assert_eq!(
            st.bootstrap_servers.as_deref(),
            Some("prod-bootstrap.kafka.svc.cluster.local:9092")
        );
    }

    #[test]
    fn under_replicated_partitions_make_the_cluster_degraded_not_unready() {
        let kc = cluster(3, None);
        let st = run(&kc, &pods(3, true, &hash(&kc)), Some(&facts(2)));
        let d = condition(&st, "Degraded");
        assert_eq!(
            (d.status.as_str(), d.reason.as_str()),
            ("True", "UnderReplicatedPartitions")
        );
        assert_eq!(d.message, "2 under-replicated partition(s) (e.g. orders-0)");
        assert_eq!(condition(&st, "Ready").status, "True");
    }

    #[test]
    fn an_unanswered_admin_keeps_the_last_known_health_while_brokers_run() {
        let kc = cluster(3, None);
        let h = hash(&kc);
        let before = run(&kc, &pods(3, true, &h), Some(&facts(1)));
        let kc = cluster(3, Some(before.clone()));
        let after = run(&kc, &pods(3, true, &h), None);
        assert_eq!(
            condition(&after, "Degraded"),
            condition(&before, "Degraded")
        );
        assert_eq!(after.cluster_id.as_deref(), Some("cid-1"), "kept");
        assert_eq!(
            after.brokers[0].leaders, None,
            "no counts without a snapshot"
        );
        let down = run(&cluster(3, Some(after)), &pods(3, false, &h), None);
        let d = condition(&down, "Degraded");
        assert_eq!(
            (d.status.as_str(), d.reason.as_str()),
            ("Unknown", "AdminUnreachable")
        );
        assert_eq!(condition(&down, "Ready").status, "False");
        assert_eq!(condition(&down, "Ready").reason, "BrokersNotReady");
    }

    #[test]
    fn dynamic_configs_gate_ready_and_refusals_stall() {
        let kc = cluster(3, None);
        let d = desired::desired(&kc, &Defaults::with_image("img"), None).unwrap();
        let views = pods(3, true, &d.config_hash);
        let f = facts(0);
        let with = |dynamic: DynamicConfigs| {
            observe(
                &kc,
                &d,
                &Observed {
                    pods: &views,
                    dynamic: &dynamic,
                    facts: Some(&f),
                    port: 9092,
                },
                &Step::Done,
                None,
                None,
            )
        };
        let refused = with(DynamicConfigs::Refused(
            "Invalid value abc for configuration log.retention.ms".into(),
        ));
        let stalled = condition(&refused, "Stalled");
        assert_eq!(
            (stalled.status.as_str(), stalled.reason.as_str()),
            ("True", "InvalidConfig")
        );
        assert_eq!(
            stalled.message,
            "the brokers refused spec.config: Invalid value abc for configuration log.retention.ms"
        );
        let pending = with(DynamicConfigs::Unknown("timeout".into()));
        assert_eq!(condition(&pending, "Ready").status, "False");
        assert_eq!(condition(&pending, "Ready").reason, "ApplyingConfig");
        assert_eq!(
            condition(&with(DynamicConfigs::Applied), "Ready").status,
            "True"
        );
    }

    #[test]
    fn creating_then_scale_down_blocked() {
        let kc = cluster(3, None);
        let st = run(&kc, &[], None);
        assert_eq!(condition(&st, "Ready").reason, "Creating");
        assert_eq!(condition(&st, "Reconciling").status, "True");
        let kc = cluster(1, None);
        let d = desired::desired(&kc, &Defaults::with_image("img"), None).unwrap();
        let views = pods(3, true, &d.config_hash);
        let blocked = ScaleStep::Blocked {
            keep: 3,
            why: "orders has replication factor 3".into(),
        };
        let st = observe(
            &kc,
            &d,
            &Observed {
                pods: &views,
                dynamic: &DynamicConfigs::Applied,
                facts: Some(&facts(0)),
                port: 9092,
            },
            &Step::Done,
            None,
            Some(&blocked),
        );
        assert_eq!(condition(&st, "Stalled").status, "True");
        assert_eq!(condition(&st, "ScaleDownBlocked").status, "True");
        assert_eq!(
            condition(&st, "ScaleDownBlocked").message,
            "orders has replication factor 3"
        );
    }
}
