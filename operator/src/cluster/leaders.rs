//! The leadership step of a KafkaCluster reconcile: it fences a broker whose pod died or
//! stopped being Ready (at once, not after the broker session timeout), spreads leaderships
//! evenly over the live brokers while one is down, and gives them back to the preferred
//! replicas once every broker is back and in sync. The decisions are in `rebalance` (pure);
//! here they are carried out through the Admin service, each action a Kubernetes Event on the
//! KafkaCluster and a metric.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use kube::runtime::events::{Event, EventType, Recorder, Reporter};
use kube::{Client, Resource, ResourceExt};

use super::health::ClusterFacts;
use super::rebalance::{self, BrokerView, LeaderStep, Memory};
use super::reconcile::PodView;
use crate::admin::{Admin, AdminError};
use crate::crd::KafkaCluster;
use crate::metrics::Metrics;

/// Shared by the reconciles of every cluster: what was seen of each cluster's brokers, the
/// Event recorder and the metrics.
pub struct Leaders {
    memory: Mutex<HashMap<String, Memory>>,
    recorder: Recorder,
    metrics: Arc<Metrics>,
}

impl Leaders {
    pub fn new(client: Client, metrics: Arc<Metrics>) -> Leaders {
        let reporter = Reporter {
            controller: "moldau-operator".into(),
            instance: std::env::var("POD_NAME").ok(),
        };
        Leaders {
            memory: Mutex::default(),
            recorder: Recorder::new(client, reporter),
            metrics,
        }
    }

    /// Runs the step for `kc`. Failures are logged and retried by the next reconcile; they do
    /// not fail the reconcile (the rest of it does not depend on leaderships).
    pub async fn step(
        &self,
        kc: &KafkaCluster,
        pods: &[PodView],
        admin: &mut Admin,
        facts: &mut ClusterFacts,
    ) {
        if let Err(e) = self.try_step(kc, pods, admin, facts).await {
            tracing::warn!(cluster = %kc.name_any(), "leadership step: {e}");
        }
    }

    async fn try_step(
        &self,
        kc: &KafkaCluster,
        pods: &[PodView],
        admin: &mut Admin,
        facts: &mut ClusterFacts,
    ) -> Result<(), AdminError> {
        let key = format!("{}/{}", kc.namespace().unwrap_or_default(), kc.name_any());
        let brokers = views(pods, facts);
        let fence = {
            let mut memory = self.memory.lock().unwrap_or_else(|e| e.into_inner());
            rebalance::to_fence(&brokers, memory.entry(key.clone()).or_default())
        };
        for id in &fence {
            let pod = pods.iter().find(|p| p.ordinal == *id);
            let why = match pod {
                None => "its pod is gone".to_string(),
                Some(p) if p.broker_exited => {
                    format!("the broker process in pod {} exited", p.name)
                }
                Some(p) if p.terminating => format!("pod {} is being deleted", p.name),
                Some(p) => format!("pod {} is not Ready", p.name),
            };
            let moved = admin.fence(*id).await?;
            if let Some(b) = brokers.iter().find(|b| b.id == *id) {
                let mut memory = self.memory.lock().unwrap_or_else(|e| e.into_inner());
                memory
                    .entry(key.clone())
                    .or_default()
                    .fenced
                    .insert(*id, b.incarnation.clone());
            }
            let note = format!("fenced broker {id} ({why}): {moved} leadership(s) moved off it");
            tracing::info!(cluster = %key, "{note}");
            self.record(kc, Act::Fence, moved as usize, note).await;
        }
        if !fence.is_empty() {
            *facts = admin.facts().await?;
        }
        let live: Vec<i32> = views(pods, facts)
            .iter()
            .filter(|b| b.live())
            .map(|b| b.id)
            .collect();
        match rebalance::leader_step(&facts.partitions, &live) {
            LeaderStep::Nothing => {}
            LeaderStep::Rebalance(moves) => {
                let done = admin.assign_leaders(&moves).await?;
                let note = format!(
                    "moved {} leadership(s) to spread them over live brokers {live:?}: {}{}",
                    done.moved,
                    list(moves.iter().map(|(t, p, to)| format!("{t}-{p}→{to}"))),
                    refused(&done.refused),
                );
                tracing::info!(cluster = %key, "{note}");
                self.record(kc, Act::Rebalance, done.moved, note).await;
            }
            LeaderStep::RestorePreferred(parts) => {
                let done = admin.elect_preferred(&parts).await?;
                if done.moved == 0 && done.refused.is_empty() {
                    return Ok(());
                }
                let note = format!(
                    "gave {} leadership(s) back to their preferred replicas: {}{}",
                    done.moved,
                    list(parts.iter().map(|(t, p)| format!("{t}-{p}"))),
                    refused(&done.refused),
                );
                tracing::info!(cluster = %key, "{note}");
                self.record(kc, Act::RestorePreferred, done.moved, note)
                    .await;
            }
        }
        Ok(())
    }

    async fn record(&self, kc: &KafkaCluster, act: Act, moved: usize, note: String) {
        let (action, type_, reason) = act.describe();
        let ns = kc.namespace().unwrap_or_default();
        self.metrics
            .leader_action(&ns, &kc.name_any(), action, moved as u64);
        let ev = Event {
            type_,
            reason: reason.into(),
            // The Events API caps the note at 1 kB.
            note: Some(note.chars().take(1000).collect()),
            action: action.into(),
            secondary: None,
        };
        if let Err(e) = self.recorder.publish(&ev, &kc.object_ref(&())).await {
            tracing::warn!(cluster = %kc.name_any(), "cannot record the {reason} event: {e}");
        }
    }
}

/// A leadership action, as it is counted and recorded.
#[derive(Debug, Clone, Copy)]
enum Act {
    Fence,
    Rebalance,
    RestorePreferred,
}

impl Act {
    /// The metric's `action` label, the Event's type and reason.
    fn describe(self) -> (&'static str, EventType, &'static str) {
        match self {
            Act::Fence => ("fence", EventType::Warning, "BrokerFenced"),
            Act::Rebalance => ("rebalance", EventType::Normal, "LeadersRebalanced"),
            Act::RestorePreferred => (
                "restore_preferred",
                EventType::Normal,
                "PreferredLeadersRestored",
            ),
        }
    }
}

/// The brokers as the step sees them: the quorum's facts joined with their pods (broker id =
/// pod ordinal).
fn views(pods: &[PodView], facts: &ClusterFacts) -> Vec<BrokerView> {
    facts
        .brokers
        .iter()
        .map(|b| BrokerView {
            id: b.id,
            pod_ready: pods
                .iter()
                .any(|p| p.ordinal == b.id && p.ready && !p.terminating),
            fenced: b.fenced,
            shutting_down: b.shutting_down,
            incarnation: b.incarnation.clone(),
            exited: pods.iter().any(|p| p.ordinal == b.id && p.broker_exited),
        })
        .collect()
}

/// Up to ten items, then how many more.
fn list(items: impl Iterator<Item = String>) -> String {
    let all: Vec<String> = items.collect();
    let mut s = all.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
    if all.len() > 10 {
        s.push_str(&format!(" and {} more", all.len() - 10));
    }
    s
}

fn refused(r: &[String]) -> String {
    if r.is_empty() {
        String::new()
    } else {
        format!("; refused: {}", list(r.iter().cloned()))
    }
}
