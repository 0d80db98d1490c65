//! The cluster exporter: consumer-group lag, partition state and replication lag of every
//! KafkaCluster, served at the operator's `/metrics` (one scrape covers all clusters).
//!
//! Collection runs on an interval, not per scrape: each interval takes one snapshot of each
//! cluster through its Admin service (four calls, each batched across the brokers by the node
//! asked) and renders it once; a scrape serves the rendered text as it is. The cluster
//! reconciler names the Admin addresses to ask ([`Exporter::target`]).

pub mod render;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use parking_lot::Mutex;

use crate::admin::{Admin, AdminError};
pub use render::{Collected, Snapshot};

/// Longest one cluster's collection may take before it counts as failed.
const COLLECT_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Exporter {
    interval: Duration,
    /// (namespace, cluster) → Admin addresses of its ready brokers, in the order to try.
    targets: Mutex<BTreeMap<(String, String), Vec<String>>>,
    /// The text of the last collection.
    text: Mutex<Bytes>,
}

impl Exporter {
    pub fn new(interval: Duration) -> Arc<Exporter> {
        Arc::new(Exporter {
            interval,
            targets: Mutex::new(BTreeMap::new()),
            text: Mutex::new(Bytes::new()),
        })
    }

    /// Collect from this cluster through these Admin addresses (none: it is reported down).
    pub fn target(&self, namespace: &str, cluster: &str, admin_addrs: Vec<String>) {
        self.targets
            .lock()
            .insert((namespace.into(), cluster.into()), admin_addrs);
    }

    /// Stop collecting from a deleted cluster.
    pub fn forget(&self, namespace: &str, cluster: &str) {
        self.targets
            .lock()
            .remove(&(namespace.to_string(), cluster.to_string()));
    }

    /// The text of the last collection (cheap: shared bytes).
    pub fn text(&self) -> Bytes {
        self.text.lock().clone()
    }

    /// Collects every target once and keeps the rendered text; returns the collections.
    pub async fn collect_once(&self) -> Vec<Collected> {
        let targets = self.targets.lock().clone();
        let runs = targets
            .into_iter()
            .map(|((namespace, cluster), addrs)| async move {
                let started = Instant::now();
                let snapshot = match tokio::time::timeout(COLLECT_TIMEOUT, collect(&addrs)).await {
                    Ok(Ok(s)) => Ok(s),
                    Ok(Err(e)) => Err(e.to_string()),
                    Err(_) => Err(format!("no answer within {COLLECT_TIMEOUT:?}")),
                };
                if let Err(e) = &snapshot {
                    tracing::debug!(%namespace, %cluster, "exporter: {e}");
                }
                Collected {
                    namespace,
                    cluster,
                    snapshot,
                    duration: started.elapsed(),
                }
            });
        let collected = futures::future::join_all(runs).await;
        *self.text.lock() = Bytes::from(render::render(&collected));
        collected
    }

    /// Collects every interval until the process ends.
    pub async fn run(self: Arc<Self>) {
        let mut tick = tokio::time::interval(self.interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            self.collect_once().await;
        }
    }
}

/// One snapshot of a cluster from the first of `addrs` whose Admin service answers.
pub async fn collect(addrs: &[String]) -> Result<Snapshot, AdminError> {
    let mut last = AdminError::Refused("no ready broker to ask".into());
    for addr in addrs {
        match collect_from(addr).await {
            Ok(s) => return Ok(s),
            Err(e) => last = e,
        }
    }
    Err(last)
}

async fn collect_from(addr: &str) -> Result<Snapshot, AdminError> {
    let taken_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    let mut admin = Admin::connect(addr).await?;
    let brokers = admin.brokers().await?;
    // Commits first, high watermarks after: a high watermark is never older than a commit, so
    // lag is never negative from reading them in the wrong order.
    let groups = admin.consumer_groups().await?;
    if !groups.unreachable_coordinators.is_empty() {
        tracing::debug!(
            coordinators = ?groups.unreachable_coordinators,
            "exporter: some group coordinators did not answer; their groups are missing"
        );
    }
    let groups = groups.groups;
    let partitions = admin.partitions().await?;
    let lookups = render::timestamp_lookups(&groups, &partitions);
    let timestamps = if lookups.is_empty() {
        Default::default()
    } else {
        admin
            .record_timestamps(lookups)
            .await?
            .into_iter()
            .map(|t| ((t.topic, t.partition, t.offset), t.timestamp_ms))
            .collect()
    };
    Ok(Snapshot {
        brokers,
        groups,
        partitions,
        timestamps,
        taken_ms,
    })
}
