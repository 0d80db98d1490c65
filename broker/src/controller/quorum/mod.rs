//! The metadata quorum: the metadata log replicated by Raft (openraft) among the voters of
//! `controller.quorum.voters`. The Raft leader is the active controller; every node applies
//! the committed records to its metadata image.

pub mod describe;
pub mod log_store;
pub mod network;
pub mod state_machine;
pub mod transaction;

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use openraft::{BasicNode, Raft};
use serde::{Deserialize, Serialize};

use super::records::MetadataRecord;
pub use log_store::{METADATA_TOPIC, MetadataLogStore};
pub use state_machine::MetadataState;

pub type NodeId = u64;

/// One Raft entry's payload: metadata records committed together, or one part of a metadata
/// transaction (an operation too large for one entry, applied when its last part commits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataCommand {
    pub records: Vec<MetadataRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction: Option<transaction::TransactionMark>,
}

openraft::declare_raft_types!(
    pub TypeConfig:
        D = MetadataCommand,
        R = u64,
        SnapshotData = state_machine::SnapshotFile,
);

pub type MetadataRaft = Raft<TypeConfig>;

/// How this node takes part in the quorum.
#[derive(Debug, Clone)]
pub struct QuorumConfig {
    pub node_id: i32,
    /// False for a broker-only node: it joins as a Raft learner once the active controller
    /// has registered it.
    pub is_voter: bool,
    /// Voter id → controller address (HOST:PORT).
    pub voters: BTreeMap<i32, String>,
    /// Address outgoing connections are bound to.
    pub local_address: Option<IpAddr>,
    pub election_timeout_ms: u64,
    pub request_timeout_ms: u64,
}

pub struct Quorum {
    pub raft: MetadataRaft,
    /// The followers' acknowledgements, for DescribeQuorum.
    pub acks: Arc<describe::ReplicaAcks>,
    pub state: Arc<MetadataState>,
    pub store: MetadataLogStore,
    pub config: QuorumConfig,
}

/// Asks Raft for a snapshot once `SNAPSHOT_AFTER_RECORDS` records were applied since the
/// last one (openraft counts entries only, and one entry may hold thousands of records).
/// Ends when Raft shuts down.
async fn snapshot_by_size(raft: MetadataRaft, applied: Arc<std::sync::atomic::AtomicU64>) {
    use std::sync::atomic::Ordering;
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        if applied.load(Ordering::Relaxed) < state_machine::SNAPSHOT_AFTER_RECORDS {
            continue;
        }
        // The builder resets the count; until it runs, no second request.
        applied.store(0, Ordering::Relaxed);
        if raft.trigger().snapshot().await.is_err() {
            return;
        }
    }
}

impl Quorum {
    /// Opens the metadata log and snapshot under `data_dir/__cluster_metadata-0/` and starts
    /// Raft. A fresh node initialises the cluster with the configured voters (every voter
    /// does so with the same list, which Raft accepts once).
    pub async fn start(
        data_dir: &Path,
        config: QuorumConfig,
        clean_shutdown: bool,
        state: Arc<MetadataState>,
    ) -> anyhow::Result<Quorum> {
        let store = MetadataLogStore::open(data_dir, clean_shutdown)?;
        let sm = state_machine::MetadataStateMachine::open(
            data_dir.join(format!("{METADATA_TOPIC}-0")),
            state.clone(),
        )?;
        let raft_config = openraft::Config {
            cluster_name: "moldau".into(),
            // openraft lets a leader's lease run for the longest election timeout before any
            // vote is granted, so the configured timeout is the maximum: a dead controller is
            // replaced within roughly 1.5x controller.quorum.election.timeout.ms.
            heartbeat_interval: (config.election_timeout_ms / 10).max(10),
            election_timeout_min: (config.election_timeout_ms / 2).max(10),
            election_timeout_max: config.election_timeout_ms.max(20),
            snapshot_policy: openraft::SnapshotPolicy::LogsSinceLast(5000),
            // Snapshots travel in chunks of at most 1 MiB (one gRPC message each).
            snapshot_max_chunk_size: 1 << 20,
            max_in_snapshot_log_to_keep: 1000,
            install_snapshot_timeout: config.request_timeout_ms.max(1000) * 5,
            ..Default::default()
        }
        .validate()?;
        let acks = Arc::new(describe::ReplicaAcks::default());
        let network = network::Network {
            acks: acks.clone(),
            local: config.local_address,
            timeout: Duration::from_millis(config.request_timeout_ms),
        };
        let id = config.node_id as NodeId;
        let applied_records = sm.records_since_snapshot.clone();
        let raft = Raft::new(id, Arc::new(raft_config), network, store.clone(), sm).await?;
        tokio::spawn(snapshot_by_size(raft.clone(), applied_records));
        let members: BTreeMap<NodeId, BasicNode> = config
            .voters
            .iter()
            .map(|(id, addr)| (*id as NodeId, BasicNode::new(addr)))
            .collect();
        if !config.is_voter {
            tracing::info!(
                "broker-only node: waiting to be added to the metadata quorum as a learner"
            );
        } else if !raft.is_initialized().await? {
            tracing::info!(voters = ?config.voters, "initialising the metadata quorum");
            if let Err(e) = raft.initialize(members.clone()).await {
                // Another voter got there first: its membership entry arrives by replication.
                tracing::info!(error = %e, "quorum already initialised elsewhere");
            }
        } else {
            let known: BTreeSet<NodeId> = raft
                .metrics()
                .borrow()
                .membership_config
                .membership()
                .voter_ids()
                .collect();
            let configured: BTreeSet<NodeId> = members.keys().copied().collect();
            if known != configured {
                tracing::warn!(
                    ?known,
                    ?configured,
                    "controller.quorum.voters differs from the quorum's committed membership; the committed membership is used"
                );
            }
        }
        if config.is_voter && config.voters.len() == 1 {
            // A single voter needs no election timeout to pass.
            let _ = raft.trigger().elect().await;
        }
        Ok(Quorum {
            raft,
            acks,
            state,
            store,
            config,
        })
    }

    /// The active controller (Raft leader) as this node knows it.
    pub fn leader(&self) -> Option<i32> {
        self.raft
            .metrics()
            .borrow()
            .current_leader
            .map(|l| l as i32)
    }

    /// The quorum as DescribeQuorum shows it; None unless this node is the leader.
    pub fn describe(&self) -> Option<describe::QuorumView> {
        let m = self.raft.metrics().borrow().clone();
        self.acks.view(&m, crate::log::now_ms())
    }

    pub fn is_leader(&self) -> bool {
        self.leader() == Some(self.config.node_id)
    }

    pub async fn shutdown(&self) {
        if let Err(e) = self.raft.shutdown().await {
            tracing::warn!(error = %e, "stopping Raft");
        }
        if let Err(e) = self.store.close() {
            tracing::warn!(error = %e, "closing the metadata log");
        }
    }
}
