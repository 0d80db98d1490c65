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
use super::roll::{self, RollInput, Step};
use super::scale::{self, ScaleStep};
use crate::crd::KafkaCluster;
use crate::crd::cluster::{BrokerStatus, KafkaClusterStatus, RolloutStatus};
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
    Some(PodView {
        name,
        ordinal,
        ready,
        terminating: p.metadata.deletion_timestamp.is_some(),
        config_hash: p.annotations().get(desired::CONFIG_HASH).cloned(),
    })
}

/// The status for what was observed (pure).
/// The status for what was observed and the roll's step (pure).
pub fn observe(
    kc: &KafkaCluster,
    d: &Desired,
    pods: &[PodView],
    port: i32,
    step: &Step,
    rollout: Option<RolloutStatus>,
    scale: Option<&ScaleStep>,
) -> KafkaClusterStatus {
    let generation = kc.metadata.generation;
    let want = kc.spec.replicas;
    let ready = pods.iter().filter(|p| p.ready && !p.terminating).count() as i32;
    let outcome = match (scale, step) {
        (Some(ScaleStep::Blocked { why, .. }), _) => Outcome::Stalled {
            reason: "ScaleDownBlocked".into(),
            message: format!("scale-down to {want} refused: {why}"),
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
            Step::Done if ready == want && pods.len() as i32 == want => Outcome::Ready {
                message: format!("{want} broker(s) ready"),
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
    let conditions = status::merge(&previous.conditions, next, &status::now());
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
        other => return Err(Error::Other(format!("cannot apply a {other}"))),
    }
    Ok(())
}

async fn write_status(
    api: &Api<KafkaCluster>,
    name: &str,
    st: &KafkaClusterStatus,
) -> Result<(), Error> {
    // A merge patch leaves out what the status no longer has; name those fields null so they
    // are removed (a finished roll must not linger).
    let mut status = serde_json::to_value(st).map_err(|e| Error::Other(e.to_string()))?;
    for key in ["rollout", "clusterId", "bootstrapServers", "readyBrokers"] {
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
    let stalled_or_paused = |outcome: Outcome| {
        let mut st = kc.status.clone().unwrap_or_default();
        st.observed_generation = generation;
        st.conditions = status::merge(
            &st.conditions,
            status::kstatus(&outcome, generation),
            &status::now(),
        );
        st
    };
    if kc.spec.paused == Some(true) {
        let st = stalled_or_paused(Outcome::Progressing {
            reason: "Paused".into(),
            message: "spec.paused is true: nothing is changed".into(),
        });
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
    let facts = broker_facts(&views, &ips).await;
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
    let scale_step = match current {
        Some(cur) if target < cur => Some(scale_down_step(&ips, &views, cur, target).await),
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
            tracing::warn!(cluster = %name, namespace = %ns, reason = e.reason, "{}", e.message);
            let st = stalled_or_paused(Outcome::Stalled {
                reason: e.reason.into(),
                message: e.message.clone(),
            });
            write_status(&api, &name, &st).await?;
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
    // Decide the roll's next step.
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
        active_controller: facts.active_controller,
        under_replicated: facts.under_replicated,
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
            pods.delete(pod, &Default::default()).await?;
            Some(rollout_status(
                Some(pod.clone()),
                format!("{pod} to come back Ready with the new configuration"),
                Some(status::now()),
            ))
        }
    };
    // Report.
    let st = observe(&kc, &d, &views, port, &step, rollout, scale_step.as_ref());
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
        Duration::from_secs(2)
    }))
}

/// The scale-down step, asking the Admin service of a Ready broker for the partitions and
/// starting the moves it needs. Without a reachable broker it waits (keeps every broker).
async fn scale_down_step(
    ips: &[(i32, String)],
    views: &[PodView],
    current: i32,
    target: i32,
) -> ScaleStep {
    let wait = |why: String| {
        tracing::info!("scale-down waits: {why}");
        ScaleStep::WaitMoves {
            keep: current,
            remaining: 0,
        }
    };
    let Some((_, ip)) = ips
        .iter()
        .find(|(o, _)| views.iter().any(|v| v.ordinal == *o && v.ready))
    else {
        return wait("no Ready broker to ask about partitions".into());
    };
    let mut admin =
        match crate::admin::Admin::connect(&format!("{ip}:{}", desired::CONTROLLER_PORT)).await {
            Ok(a) => a,
            Err(e) => return wait(e.to_string()),
        };
    let parts = match admin.partitions().await {
        Ok(p) => p,
        Err(e) => return wait(e.to_string()),
    };
    let step = scale::plan(current, target, &parts);
    if let ScaleStep::Move { moves, .. } = &step {
        tracing::info!(
            moves = moves.len(),
            "scale-down: moving partition replicas off brokers {target}..{current}"
        );
        if let Err(e) = admin.reassign(moves).await {
            return wait(e.to_string());
        }
    }
    step
}

/// What the brokers report about themselves (their metrics endpoints).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrokerFacts {
    pub active_controller: Option<i32>,
    /// Sum over the brokers; None when a Ready broker did not answer.
    pub under_replicated: Option<u64>,
}

/// Reads the active controller and the under-replicated partition counts from the Ready
/// brokers' metrics endpoints.
async fn broker_facts(views: &[PodView], ips: &[(i32, String)]) -> BrokerFacts {
    let mut facts = BrokerFacts {
        active_controller: None,
        under_replicated: Some(0),
    };
    for v in views.iter().filter(|v| v.ready) {
        let text = match ips.iter().find(|(o, _)| *o == v.ordinal) {
            Some((_, ip)) => scrape(ip, desired::METRICS_PORT).await,
            None => None,
        };
        let Some(text) = text else {
            facts.under_replicated = None;
            continue;
        };
        if gauge(
            &text,
            "kafka_controller_kafkacontroller_activecontrollercount",
        ) == Some(1)
        {
            facts.active_controller = Some(v.ordinal);
        }
        let urp = gauge(
            &text,
            "kafka_server_replicamanager_underreplicatedpartitions",
        );
        facts.under_replicated = match (facts.under_replicated, urp) {
            (Some(a), Some(b)) => Some(a + b.max(0) as u64),
            _ => None,
        };
    }
    facts
}

/// The value of an unlabelled gauge in Prometheus text.
pub fn gauge(text: &str, name: &str) -> Option<i64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            l.strip_prefix(name)?
                .strip_prefix(' ')?
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map(|v| v as i64)
}

async fn scrape(ip: &str, port: i32) -> Option<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let fut = async {
        let mut s = tokio::net::TcpStream::connect(format!("{ip}:{port}"))
            .await
            .ok()?;
        let req = format!("GET /metrics HTTP/1.0\r\nHost: {ip}\r\n\r\n");
        s.write_all(req.as_bytes()).await.ok()?;
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).await.ok()?;
        let text = String::from_utf8_lossy(&buf).to_string();
        text.starts_with("HTTP/1.").then_some(text)
    };
    tokio::time::timeout(Duration::from_secs(3), fut)
        .await
        .ok()
        .flatten()
}

pub fn error_policy(kc: Arc<KafkaCluster>, e: &Error, _ctx: Arc<Ctx>) -> Action {
    tracing::warn!(cluster = %kc.name_any(), error = %e, "reconcile failed; retrying");
    Action::requeue(Duration::from_secs(5))
}
