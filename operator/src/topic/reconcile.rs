//! The KafkaTopic reconcile: read the topic through the referenced cluster's Admin service →
//! decide (pure: `plan::decide`) → create, grow, set configs or reassign → write status. A
//! finalizer deletes the topic with the object (`deletionPolicy: Delete`, the default).

use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use kube::api::{Api, ListParams, Patch, PatchParams};
use kube::runtime::controller::Action;
use kube::{Client, ResourceExt};
use serde_json::{Value, json};

use super::plan::{self, Change, Decision, Existing, PartitionReplicas};
use crate::admin::{Admin, AdminError};
use crate::cluster::desired::{self, Names};
use crate::crd::topic::DeletionPolicy;
use crate::crd::{KafkaCluster, KafkaTopic, KafkaTopicStatus};
use crate::status::{self, Outcome};

/// The finalizer that deletes the topic (or lets it be, with `Retain`) before the object goes.
pub const FINALIZER: &str = "kafka.moldau.dev/topic";

pub struct TopicCtx {
    pub client: Client,
    /// How often a Ready topic is compared with the cluster again (out-of-band changes are
    /// reverted then).
    pub resync: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Kubernetes API: {0}")]
    Kube(#[from] kube::Error),
    #[error("{0}")]
    Admin(#[from] AdminError),
}

/// The Admin service of the first Ready broker of `cluster` that answers.
pub async fn cluster_admin(client: &Client, kc: &KafkaCluster) -> Option<Admin> {
    let n = Names::of(kc);
    let pods: Api<Pod> = Api::namespaced(client.clone(), &n.namespace);
    let selector: Vec<String> = desired::selector(&n)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let list = pods
        .list(&ListParams::default().labels(&selector.join(",")))
        .await
        .ok()?;
    for p in &list.items {
        let ready = p
            .status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"));
        let Some(ip) = p.status.as_ref().and_then(|s| s.pod_ip.clone()) else {
            continue;
        };
        if !ready || p.metadata.deletion_timestamp.is_some() {
            continue;
        }
        match Admin::connect(&format!("{ip}:{}", desired::CONTROLLER_PORT)).await {
            Ok(a) => return Some(a),
            Err(e) => tracing::debug!(pod = %p.name_any(), "Admin service: {e}"),
        }
    }
    None
}

/// The cluster's default.replication.factor as the operator configures it.
fn default_replication_factor(kc: &KafkaCluster) -> i32 {
    kc.spec
        .config
        .as_ref()
        .and_then(|c| c.get("default.replication.factor"))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| kc.spec.replicas.min(3))
}

/// The reason a refusal from the brokers is reported under.
fn refusal_reason(code: i32) -> &'static str {
    match code {
        17 => "InvalidTopicName",
        37 => "InvalidPartitions",
        38 => "InvalidReplicationFactor",
        40 => "InvalidConfig",
        _ => "Refused",
    }
}

/// Waiting for a cluster: retried sooner at first, then less often (up to 30 s).
fn backoff(kt: &KafkaTopic, reason: &str) -> Duration {
    let since = kt
        .status
        .as_ref()
        .and_then(|s| s.conditions.iter().find(|c| c.kind == "Ready"))
        .filter(|c| c.reason == reason)
        .and_then(|c| c.last_transition_time.as_deref())
        .and_then(|t| t.parse::<k8s_openapi::jiff::Timestamp>().ok())
        .map(|t| (k8s_openapi::jiff::Timestamp::now().as_second() - t.as_second()).max(0))
        .unwrap_or(0);
    Duration::from_secs((since as u64 / 2).clamp(2, 30))
}

async fn write_status(
    api: &Api<KafkaTopic>,
    kt: &KafkaTopic,
    st: KafkaTopicStatus,
) -> Result<(), Error> {
    if kt.status.as_ref() == Some(&st) {
        return Ok(());
    }
    let mut v = serde_json::to_value(&st).unwrap_or(Value::Null);
    for key in [
        "topicId",
        "partitions",
        "replicationFactor",
        "config",
        "reassigningPartitions",
    ] {
        if v.get(key).is_none() {
            v[key] = Value::Null;
        }
    }
    // A merge patch merges maps: keys no longer applied are named null to go.
    if let (Some(old), Some(new)) = (
        kt.status.as_ref().and_then(|s| s.config.as_ref()),
        st.config.as_ref(),
    ) {
        for k in old.keys().filter(|k| !new.contains_key(*k)) {
            v["config"][k] = Value::Null;
        }
    }
    api.patch_status(
        &kt.name_any(),
        &PatchParams::default(),
        &Patch::Merge(&json!({"status": v})),
    )
    .await?;
    Ok(())
}

/// The status for `outcome`, keeping what is known of the topic.
fn status_for(kt: &KafkaTopic, outcome: &Outcome, topic: Option<&Existing>) -> KafkaTopicStatus {
    let previous = kt.status.clone().unwrap_or_default();
    let generation = kt.metadata.generation;
    let conditions = status::merge(
        &previous.conditions,
        status::kstatus(outcome, generation),
        &status::now(),
    );
    KafkaTopicStatus {
        observed_generation: generation,
        conditions,
        topic_id: topic.map(|t| t.id.clone()).or(previous.topic_id),
        partitions: topic.map(|t| t.partitions).or(previous.partitions),
        replication_factor: topic
            .map(|t| t.replication_factor)
            .or(previous.replication_factor),
        config: topic.map(|t| t.configs.clone()).or(previous.config),
        reassigning_partitions: None,
    }
}

fn existing(d: pb::TopicDescription) -> Existing {
    Existing {
        id: d.topic_id,
        partitions: d.partitions,
        replication_factor: d.replication_factor,
        configs: d.configs.into_iter().collect(),
    }
}

use moldau_proto::pb;

pub async fn reconcile(kt: Arc<KafkaTopic>, ctx: Arc<TopicCtx>) -> Result<Action, Error> {
    let ns = kt.namespace().unwrap_or_else(|| "default".into());
    let api: Api<KafkaTopic> = Api::namespaced(ctx.client.clone(), &ns);
    let topic = plan::topic_name(&kt);
    let has_finalizer = kt.finalizers().iter().any(|f| f == FINALIZER);
    // Other objects naming the same topic of the same cluster: the oldest manages it.
    let claim = |o: &KafkaTopic| -> plan::Claim {
        (
            o.status
                .as_ref()
                .and_then(|s| s.topic_id.as_ref())
                .is_some(),
            o.metadata
                .creation_timestamp
                .as_ref()
                .map(|t| t.0.to_string())
                .unwrap_or_default(),
            o.uid().unwrap_or_default(),
        )
    };
    let others: Vec<plan::Claim> = api
        .list(&ListParams::default())
        .await?
        .items
        .into_iter()
        .filter(|o| {
            o.uid() != kt.uid()
                && o.spec.cluster_ref == kt.spec.cluster_ref
                && plan::topic_name(o) == topic
        })
        .map(|o| claim(&o))
        .collect();
    let owner = plan::owns_topic(&claim(&kt), &others);
    let cluster = Api::<KafkaCluster>::namespaced(ctx.client.clone(), &ns)
        .get_opt(&kt.spec.cluster_ref)
        .await?;

    if kt.metadata.deletion_timestamp.is_some() {
        if !has_finalizer {
            return Ok(Action::await_change());
        }
        let delete = owner
            && kt.spec.deletion_policy != Some(DeletionPolicy::Retain)
            && kt
                .status
                .as_ref()
                .and_then(|s| s.topic_id.as_ref())
                .is_some();
        if delete && let Some(kc) = &cluster {
            let Some(mut admin) = cluster_admin(&ctx.client, kc).await else {
                tracing::info!(topic = %topic, "cluster unreachable; the topic is deleted once it answers");
                return Ok(Action::requeue(backoff(&kt, "ClusterUnreachable")));
            };
            // Only the topic this object created or adopted (not one recreated since).
            let current = admin.topic(&topic).await?;
            let ours = kt.status.as_ref().and_then(|s| s.topic_id.as_deref());
            if current.is_some_and(|t| Some(t.topic_id.as_str()) == ours) {
                admin.delete_topic(&topic).await?;
                tracing::info!(topic = %topic, namespace = %ns, "topic deleted");
            }
        }
        let rest = kt
            .finalizers()
            .iter()
            .filter(|f| *f != FINALIZER)
            .cloned()
            .collect();
        crate::finalizers::set(&api, &kt, rest).await?;
        return Ok(Action::await_change());
    }
    if !has_finalizer {
        let mut f = kt.finalizers().to_vec();
        f.push(FINALIZER.into());
        crate::finalizers::set(&api, &kt, f).await?;
        return Ok(Action::requeue(Duration::from_millis(100)));
    }
    if !owner {
        let st = status_for(
            &kt,
            &Outcome::Stalled {
                reason: "ResourceConflict".into(),
                message: format!(
                    "another KafkaTopic, created earlier, manages topic {topic:?} of cluster {}; this one changes nothing",
                    kt.spec.cluster_ref
                ),
            },
            None,
        );
        write_status(&api, &kt, st).await?;
        return Ok(Action::requeue(ctx.resync));
    }
    let Some(kc) = cluster else {
        let reason = "ClusterNotFound";
        let st = status_for(
            &kt,
            &Outcome::Progressing {
                reason: reason.into(),
                message: format!(
                    "KafkaCluster {:?} does not exist in namespace {ns}",
                    kt.spec.cluster_ref
                ),
            },
            None,
        );
        write_status(&api, &kt, st).await?;
        return Ok(Action::requeue(backoff(&kt, reason)));
    };
    let Some(mut admin) = cluster_admin(&ctx.client, &kc).await else {
        let reason = "ClusterUnreachable";
        let st = status_for(
            &kt,
            &Outcome::Progressing {
                reason: reason.into(),
                message: format!(
                    "no Ready broker of cluster {} answers; retrying",
                    kt.spec.cluster_ref
                ),
            },
            None,
        );
        write_status(&api, &kt, st).await?;
        return Ok(Action::requeue(backoff(&kt, reason)));
    };
    let brokers = admin.brokers().await?;
    let live: Vec<i32> = brokers
        .brokers
        .iter()
        .filter(|b| !b.fenced && !b.shutting_down)
        .map(|b| b.id)
        .collect();
    let now = admin.topic(&topic).await?.map(existing);
    let owned = kt.status.as_ref().and_then(|s| s.topic_id.clone());
    let decision = plan::decide(
        &kt,
        &plan::Inputs {
            existing: now.as_ref(),
            live_brokers: &live,
            owned_id: owned.as_deref(),
            default_replication_factor: default_replication_factor(&kc),
        },
    );
    let refused = |e: AdminError| match e {
        // Created by the previous round, not yet in this node's metadata: look again.
        AdminError::Kafka { code: 36, .. } => Ok(Outcome::Progressing {
            reason: "Creating".into(),
            message: format!("waiting for topic {topic:?} to appear in the metadata"),
        }),
        AdminError::Kafka { code, message } => Ok(Outcome::Stalled {
            reason: refusal_reason(code).into(),
            message: format!("the brokers refused: {message}"),
        }),
        other => Err(Error::Admin(other)),
    };
    let mut reassigning = None;
    let outcome = match decision {
        Decision::InSync => Outcome::Ready {
            message: format!("topic {topic:?} is as specified"),
        },
        Decision::Refuse { reason, message } => Outcome::Stalled {
            reason: reason.into(),
            message,
        },
        Decision::Create {
            partitions,
            replication_factor,
            configs,
        } => match admin
            .create_topic(&topic, partitions, replication_factor, &configs)
            .await
        {
            Ok(id) => {
                tracing::info!(%topic, %id, partitions, replication_factor, "topic created");
                Outcome::Progressing {
                    reason: "Created".into(),
                    message: format!("topic {topic:?} created"),
                }
            }
            Err(e) => refused(e)?,
        },
        Decision::Update(changes) => {
            let mut outcome = None;
            for c in changes {
                let result = match &c {
                    Change::Partitions(n) => admin.create_partitions(&topic, *n).await,
                    Change::Configs(cfg) => admin.set_topic_configs(&topic, cfg).await,
                    Change::ReplicationFactor(rf) => {
                        let parts: Vec<PartitionReplicas> = admin
                            .topic_partitions(&topic)
                            .await?
                            .into_iter()
                            .map(|p| PartitionReplicas {
                                partition: p.partition,
                                moving: !p.adding_replicas.is_empty()
                                    || !p.removing_replicas.is_empty(),
                                replicas: p.replicas,
                            })
                            .collect();
                        let moving = parts.iter().filter(|p| p.moving).count();
                        if moving == 0 {
                            let moves: Vec<(String, i32, Vec<i32>)> =
                                plan::reassign_for_rf(&parts, *rf, &live)
                                    .into_iter()
                                    .map(|(p, r)| (topic.clone(), p, r))
                                    .collect();
                            reassigning = Some(moves.len() as i32);
                            tracing::info!(%topic, rf, partitions = moves.len(), "changing the replication factor");
                            admin.reassign(&moves).await
                        } else {
                            reassigning = Some(moving as i32);
                            Ok(())
                        }
                    }
                };
                if let Err(e) = result {
                    outcome = Some(refused(e)?);
                    break;
                }
            }
            outcome.unwrap_or_else(|| Outcome::Progressing {
                reason: if reassigning.is_some() {
                    "Reassigning".into()
                } else {
                    "Updating".into()
                },
                message: match reassigning {
                    Some(n) => format!(
                        "{n} partition(s) of topic {topic:?} moving to replication factor {}",
                        kt.spec.replication_factor.unwrap_or_default()
                    ),
                    None => format!("topic {topic:?} updated"),
                },
            })
        }
    };
    // Report what the cluster now has.
    let after = admin.topic(&topic).await?.map(existing);
    let ready = matches!(outcome, Outcome::Ready { .. });
    let stalled = matches!(outcome, Outcome::Stalled { .. });
    let mut st = status_for(&kt, &outcome, after.as_ref().or(now.as_ref()));
    st.reassigning_partitions = reassigning;
    write_status(&api, &kt, st).await?;
    Ok(Action::requeue(if ready || stalled {
        ctx.resync
    } else {
        Duration::from_secs(2)
    }))
}

pub fn error_policy(kt: Arc<KafkaTopic>, e: &Error, _ctx: Arc<TopicCtx>) -> Action {
    tracing::warn!(topic = %kt.name_any(), error = %e, "reconcile failed; retrying");
    Action::requeue(Duration::from_secs(5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broker_refusals_become_reasons() {
        assert_eq!(refusal_reason(40), "InvalidConfig");
        assert_eq!(refusal_reason(37), "InvalidPartitions");
        assert_eq!(refusal_reason(38), "InvalidReplicationFactor");
        assert_eq!(refusal_reason(99), "Refused");
    }

    #[test]
    fn the_default_replication_factor_follows_the_cluster() {
        let kc: KafkaCluster = serde_yaml::from_str(
            "apiVersion: kafka.moldau.dev/v1alpha1\nkind: KafkaCluster\nmetadata: {name: c}\nspec: {replicas: 5, storage: {size: 1Gi}}\n",
        )
        .unwrap();
        assert_eq!(default_replication_factor(&kc), 3);
        let mut two = kc.clone();
        two.spec.config =
            Some([("default.replication.factor".to_string(), "2".to_string())].into());
        assert_eq!(default_replication_factor(&two), 2);
    }
}
