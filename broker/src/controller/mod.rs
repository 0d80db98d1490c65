//! The controller: validates metadata changes and commits them as records to the metadata log
//! (`__cluster_metadata-0`), which the Raft quorum (`quorum/`) replicates among the voters of
//! `controller.quorum.voters`. The Raft leader is the active controller; on every other node
//! the same calls are forwarded to it over gRPC (`rpc.rs`). Every node applies committed
//! records to its metadata image and tells its publishers (replica manager, groups).
//!
//! The active controller also tracks broker liveness (heartbeats, fencing after
//! `broker.session.timeout.ms`), elects leaders from the ISR when a broker goes away, accepts
//! ISR changes from leaders and restores preferred leaders (`auto.leader.rebalance.enable`).

pub mod admin;
pub mod command;
pub mod configs;
pub mod election;
pub mod image;
pub mod placement;
pub mod quorum;
pub mod records;
pub mod rpc;
pub mod topics;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kafka_protocol::error::ResponseError;
use parking_lot::Mutex;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::config::BrokerConfig;
pub use command::{ControllerRequest, HeartbeatReply};
pub use image::{MetadataImage, TopicImage};
pub use quorum::METADATA_TOPIC;
use quorum::{MetadataState, Quorum, QuorumConfig};
pub use records::{
    BrokerRegistration, BrokerState, ConfigResource, MetadataRecord, PartitionRegistration,
};

pub const OFFSETS_TOPIC: &str = "__consumer_offsets";

/// Topics the broker writes itself: clients may not produce to them, delete them or add
/// partitions to them (their configs may change, as in Kafka).
pub fn is_internal(topic: &str) -> bool {
    matches!(
        topic,
        OFFSETS_TOPIC | "__transaction_state" | METADATA_TOPIC
    )
}
/// Producer ids are granted to a broker in blocks of this size.
pub const PRODUCER_ID_BLOCK: i64 = 1000;

/// An error to return to a client: the Kafka error and a message saying what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub error: ResponseError,
    pub message: String,
}

impl ApiError {
    pub fn new(error: ResponseError, message: impl Into<String>) -> Self {
        ApiError {
            error,
            message: message.into(),
        }
    }
    pub fn code(&self) -> i16 {
        self.error.code()
    }
}

impl Serialize for ApiError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.error.code(), &self.message).serialize(s)
    }
}

impl<'de> Deserialize<'de> for ApiError {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (code, message) = <(i16, String)>::deserialize(d)?;
        let error = ResponseError::try_from_code(code).unwrap_or(ResponseError::UnknownServerError);
        Ok(ApiError { error, message })
    }
}

/// Components that react to committed metadata (the replica manager, the group coordinator).
pub trait MetadataPublisher: Send + Sync {
    fn publish(&self, old: &MetadataImage, new: &Arc<MetadataImage>);
}

/// A topic to create.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewTopic {
    pub name: String,
    /// -1: num.partitions.
    pub num_partitions: i32,
    /// -1: default.replication.factor.
    pub replication_factor: i16,
    /// Explicit replica lists per partition, if given.
    pub assignments: BTreeMap<i32, Vec<i32>>,
    pub configs: BTreeMap<String, String>,
}

/// A created (or validated) topic.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreatedTopic {
    pub topic_id: Uuid,
    pub num_partitions: i32,
    pub replication_factor: i16,
    pub configs: BTreeMap<String, String>,
}

/// An IncrementalAlterConfigs operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConfigOp {
    Set(String),
    Delete,
    Append(String),
    Subtract(String),
}

pub fn unknown_topic(name: &str) -> ApiError {
    ApiError::new(
        ResponseError::UnknownTopicOrPartition,
        format!("topic {name:?} does not exist"),
    )
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ResponseError::UnknownServerError, e.to_string())
}

fn json<T: Serialize>(v: &T) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(v).map_err(internal)
}

fn not_controller(why: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ResponseError::NotController,
        format!("no active controller reachable: {why}"),
    )
}

/// Kafka's topic name rules.
pub fn validate_topic_name(name: &str) -> Result<(), ApiError> {
    let bad = |why: &str| {
        Err(ApiError::new(
            ResponseError::InvalidTopicException,
            format!("topic name {name:?} is illegal: {why}"),
        ))
    };
    if name.is_empty() {
        return bad("it is empty");
    }
    if name == "." || name == ".." {
        return bad("'.' and '..' are not allowed");
    }
    if name.len() > 249 {
        return bad("it is longer than 249 characters");
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
    {
        return bad("only ASCII letters, digits, '.', '_' and '-' are allowed");
    }
    Ok(())
}

fn collision_key(name: &str) -> String {
    name.replace('.', "_")
}

/// What a node needs to know about itself to take part in the control plane.
#[derive(Debug, Clone)]
pub struct NodeIdentity {
    pub registration: BrokerRegistration,
    /// This node's own cluster id (meta.properties), used if the quorum has none yet.
    pub cluster_id: String,
}

pub struct Controller {
    config: Arc<BrokerConfig>,
    quorum: Quorum,
    identity: NodeIdentity,
    /// Serialises plan-and-commit on the active controller.
    write_lock: tokio::sync::Mutex<()>,
    /// The Raft term in which this node, as leader, has applied everything committed before.
    ready_term: Mutex<u64>,
    /// Active controller only: when each broker last heartbeated.
    heartbeats: Mutex<HashMap<i32, Instant>>,
    /// Active controller only: brokers fenced through the admin service, until when.
    fenced_until: Mutex<HashMap<i32, Instant>>,
    liveness_term: Mutex<u64>,
    clients: Mutex<HashMap<String, rpc::ControllerClient>>,
}

impl Controller {
    /// Opens the metadata log and joins (or forms) the quorum.
    pub async fn start(
        data_dir: &Path,
        config: Arc<BrokerConfig>,
        clean_shutdown: bool,
        identity: NodeIdentity,
    ) -> anyhow::Result<Arc<Controller>> {
        let quorum_config = QuorumConfig {
            node_id: config.node_id,
            is_voter: config.is_voter,
            voters: config.quorum_voters(),
            local_address: config.controller_bind_ip(),
            election_timeout_ms: config.controller_election_timeout_ms,
            request_timeout_ms: config.controller_request_timeout_ms,
        };
        let quorum = Quorum::start(
            data_dir,
            quorum_config,
            clean_shutdown,
            MetadataState::new(),
        )
        .await?;
        Ok(Arc::new(Controller {
            config,
            quorum,
            identity,
            write_lock: tokio::sync::Mutex::new(()),
            ready_term: Mutex::new(0),
            heartbeats: Mutex::new(HashMap::new()),
            fenced_until: Mutex::new(HashMap::new()),
            liveness_term: Mutex::new(0),
            clients: Mutex::new(HashMap::new()),
        }))
    }

    pub fn add_publisher(&self, p: Arc<dyn MetadataPublisher>) {
        self.quorum.state.add_publisher(p);
    }

    /// The current metadata image.
    pub fn image(&self) -> Arc<MetadataImage> {
        self.quorum.state.image()
    }

    pub fn node_id(&self) -> i32 {
        self.config.node_id
    }

    /// The active controller's id, if one is known.
    pub fn active_controller(&self) -> Option<i32> {
        self.quorum.leader()
    }

    pub fn is_active(&self) -> bool {
        self.quorum.is_leader()
    }

    pub fn raft(&self) -> &quorum::MetadataRaft {
        &self.quorum.raft
    }

    /// The cluster id: the quorum's, or this node's own until the quorum has one.
    pub fn cluster_id(&self) -> String {
        self.image()
            .cluster_id
            .clone()
            .unwrap_or_else(|| self.identity.cluster_id.clone())
    }

    /// Raft term and commit index, for metrics.
    pub fn raft_progress(&self) -> (u64, u64) {
        let m = self.quorum.raft.metrics().borrow().clone();
        (m.current_term, m.last_applied.map_or(0, |l| l.index))
    }

    /// Live broker ids (registered and not fenced).
    pub fn broker_ids(&self) -> Vec<i32> {
        self.image().active_brokers()
    }

    fn request_timeout(&self) -> Duration {
        Duration::from_millis(self.config.controller_request_timeout_ms.max(100))
    }

    /// Runs `req` on the active controller (here, or forwarded), retrying while there is none.
    pub async fn call<T: DeserializeOwned>(&self, req: ControllerRequest) -> Result<T, ApiError> {
        let deadline = Instant::now() + self.request_timeout() * 3;
        loop {
            let result = match self.quorum.leader() {
                Some(l) if l == self.config.node_id => self.execute(req.clone()).await,
                Some(l) => self.forward(l, &req).await,
                // A broker-only node hears of the leader only once it is a learner: until then
                // it asks the voters in turn (only the active controller carries it out).
                None if !self.config.is_voter => {
                    let mut last = not_controller("no voter answered");
                    let mut done = None;
                    for v in self.config.quorum_voters().into_keys() {
                        match self.forward(v, &req).await {
                            Err(e) if e.error == ResponseError::NotController => last = e,
                            other => {
                                done = Some(other);
                                break;
                            }
                        }
                    }
                    done.unwrap_or(Err(last))
                }
                None => Err(not_controller("no controller elected yet")),
            };
            match result {
                Err(e) if e.error == ResponseError::NotController && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => return Err(e),
                Ok(v) => return serde_json::from_value(v).map_err(internal),
            }
        }
    }

    async fn forward(
        &self,
        leader: i32,
        req: &ControllerRequest,
    ) -> Result<serde_json::Value, ApiError> {
        let addr = self
            .config
            .quorum_voters()
            .get(&leader)
            .cloned()
            .ok_or_else(|| not_controller(format!("controller {leader} has no known address")))?;
        let client = {
            let mut clients = self.clients.lock();
            match clients.get(&addr) {
                Some(c) => c.clone(),
                None => {
                    let c = rpc::controller_client(
                        &addr,
                        self.config.controller_bind_ip(),
                        self.request_timeout(),
                    )
                    .map_err(not_controller)?;
                    clients.insert(addr.clone(), c.clone());
                    c
                }
            }
        };
        rpc::forward(client, req).await
    }

    /// Commits records through Raft; returns once they are applied here. Records that do not
    /// fit in one entry are committed as one metadata transaction over several entries,
    /// applied everywhere only when its last entry commits; a record larger than an entry is
    /// refused before anything commits.
    async fn commit(&self, records: Vec<MetadataRecord>) -> Result<(), ApiError> {
        use quorum::transaction;
        let count = records.len();
        let id = Uuid::new_v4();
        let entries = transaction::plan_entries(records, transaction::MAX_ENTRY_BYTES, id)
            .map_err(|e| ApiError::new(ResponseError::PolicyViolation, e.to_string()))?;
        let parts = entries.len();
        for (i, entry) in entries.into_iter().enumerate() {
            if let Err(e) = self.commit_entry(entry).await {
                if i > 0 {
                    // Best effort: a failover discards the open transaction anyway.
                    let _ = self.commit_entry(transaction::abort(id)).await;
                }
                return Err(e);
            }
        }
        if parts > 1 {
            tracing::info!(transaction = %id, records = count, entries = parts, "metadata transaction committed");
        }
        Ok(())
    }

    /// Commits one Raft entry; returns once it is applied here.
    async fn commit_entry(&self, command: quorum::MetadataCommand) -> Result<(), ApiError> {
        let write = self.quorum.raft.client_write(command);
        match tokio::time::timeout(self.request_timeout(), write).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(openraft::error::RaftError::APIError(
                openraft::error::ClientWriteError::ForwardToLeader(f),
            ))) => Err(not_controller(format!(
                "leadership moved to {:?}",
                f.leader_id
            ))),
            Ok(Err(e)) => Err(internal(format!("metadata commit failed: {e}"))),
            Err(_) => Err(ApiError::new(
                ResponseError::RequestTimedOut,
                "the metadata quorum did not commit in time (is a majority of controllers up?)",
            )),
        }
    }

    /// Serialises plan-and-commit. Bounded, so a stuck commit shows up as an error rather
    /// than as callers queueing forever.
    async fn lock_writes(&self) -> Result<tokio::sync::MutexGuard<'_, ()>, ApiError> {
        match tokio::time::timeout(self.request_timeout() * 3, self.write_lock.lock()).await {
            Ok(g) => Ok(g),
            Err(_) => {
                tracing::warn!("controller busy: a metadata change has been in progress too long");
                Err(ApiError::new(
                    ResponseError::RequestTimedOut,
                    "the controller is busy with another metadata change",
                ))
            }
        }
    }

    /// Before the first change in a term: applies everything committed by earlier leaders,
    /// and writes the cluster id if the quorum has none.
    async fn ensure_ready(&self) -> Result<(), ApiError> {
        let term = self.quorum.raft.metrics().borrow().current_term;
        if *self.ready_term.lock() == term {
            return Ok(());
        }
        let linearize = self.quorum.raft.ensure_linearizable();
        match tokio::time::timeout(self.request_timeout(), linearize).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => return Err(not_controller(e)),
            Err(_) => {
                return Err(ApiError::new(
                    ResponseError::RequestTimedOut,
                    "the metadata quorum did not confirm leadership in time",
                ));
            }
        }
        if self.image().cluster_id.is_none() {
            self.commit(vec![MetadataRecord::ClusterId {
                id: self.identity.cluster_id.clone(),
            }])
            .await?;
        }
        *self.ready_term.lock() = term;
        Ok(())
    }

    fn unclean_allowed(&self, image: &MetadataImage) -> impl Fn(&str) -> bool {
        let default = image
            .cluster_configs
            .get("unclean.leader.election.enable")
            .map_or(self.config.unclean_leader_election, |v| {
                v.eq_ignore_ascii_case("true")
            });
        let overrides: HashMap<String, bool> = image
            .topics
            .values()
            .filter_map(|t| {
                t.configs
                    .get("unclean.leader.election.enable")
                    .map(|v| (t.name.clone(), v == "true"))
            })
            .collect();
        move |topic: &str| overrides.get(topic).copied().unwrap_or(default)
    }

    /// Carries out a request as the active controller.
    pub async fn execute(&self, req: ControllerRequest) -> Result<serde_json::Value, ApiError> {
        if !self.is_active() {
            return Err(not_controller("this node is not the active controller"));
        }
        // A heartbeat counts when it arrives, even if the quorum is slow to answer it: a
        // broker must not be fenced for the controller's own delay.
        if let ControllerRequest::Heartbeat {
            node_id,
            incarnation_id,
            ..
        } = &req
            && self
                .image()
                .brokers
                .get(node_id)
                .is_some_and(|r| r.incarnation_id == *incarnation_id)
        {
            self.heartbeats.lock().insert(*node_id, Instant::now());
        }
        if let ControllerRequest::DescribeQuorum = req {
            let view = self
                .quorum
                .describe()
                .ok_or_else(|| not_controller("this node is no longer the Raft leader"))?;
            return serde_json::to_value(view).map_err(internal);
        }
        let _guard = self.lock_writes().await?;
        self.ensure_ready().await?;
        let image = self.image();
        match req {
            ControllerRequest::CreateTopics {
                topics,
                validate_only,
            } => {
                let mut out = Vec::new();
                let mut budget = topics::RequestBudget::from_config(&self.config);
                for t in topics {
                    let image = self.image();
                    let result =
                        match topics::plan_create_topic(&image, &self.config, &t, &mut budget) {
                            Ok((records, created)) if !validate_only => {
                                self.commit(records).await.map(|_| created)
                            }
                            other => other.map(|(_, c)| c),
                        };
                    out.push((t.name, result));
                }
                json(&out)
            }
            ControllerRequest::DeleteTopic { name } => {
                let (records, id) = topics::plan_delete_topic(&image, &self.config, &name)?;
                self.commit(records).await?;
                json(&id)
            }
            ControllerRequest::CreatePartitions {
                name,
                count,
                assignments,
                validate_only,
            } => {
                let mut budget = topics::RequestBudget::from_config(&self.config);
                let records =
                    topics::plan_create_partitions(&image, &name, count, assignments, &mut budget)?;
                if !validate_only {
                    self.commit(records).await?;
                }
                json(&())
            }
            ControllerRequest::AlterTopicConfigs {
                name,
                ops,
                replace,
                validate_only,
            } => {
                let records =
                    configs::plan_alter_topic_configs(&image, &self.config, &name, ops, replace)?;
                if !validate_only {
                    self.commit(records).await?;
                }
                json(&())
            }
            ControllerRequest::AlterClusterConfigs {
                ops,
                replace,
                validate_only,
            } => {
                let records =
                    configs::plan_alter_cluster_configs(&image, &self.config, ops, replace)?;
                if !validate_only && !records.is_empty() {
                    let changes: Vec<String> = records
                        .iter()
                        .filter_map(|r| match r {
                            MetadataRecord::Config { key, value, .. } => Some(match value {
                                Some(v) => format!("{key}={v}"),
                                None => format!("{key} (removed)"),
                            }),
                            _ => None,
                        })
                        .collect();
                    tracing::info!(
                        changes = %changes.join(", "),
                        "changing cluster-wide dynamic broker configs"
                    );
                    self.commit(records).await?;
                }
                json(&())
            }
            ControllerRequest::DescribeQuorum => Err(internal(
                "DescribeQuorum is answered before the write lock is taken",
            )),
            ControllerRequest::AllocateProducerIds => {
                let start = image.next_producer_id;
                self.commit(vec![MetadataRecord::ProducerIds {
                    next_producer_id: start + PRODUCER_ID_BLOCK,
                }])
                .await?;
                json(&start)
            }
            ControllerRequest::RegisterBroker(reg) => {
                self.register(&image, reg).await?;
                json(&())
            }
            ControllerRequest::Heartbeat {
                node_id,
                incarnation_id,
                shutting_down,
            } => {
                let reply = self
                    .heartbeat(&image, node_id, incarnation_id, shutting_down)
                    .await?;
                json(&reply)
            }
            ControllerRequest::AlterPartition {
                node_id,
                topic,
                partition,
                leader_epoch,
                partition_epoch,
                isr,
            } => {
                let t = image.topic(&topic).ok_or_else(|| unknown_topic(&topic))?;
                let reg = t
                    .partitions
                    .get(&partition)
                    .ok_or_else(|| unknown_topic(&topic))?;
                let next =
                    election::alter_isr(&image, reg, node_id, leader_epoch, partition_epoch, &isr)?;
                let id = t.id;
                self.commit(election::to_records(vec![(id, partition, next.clone())]))
                    .await?;
                json(&next)
            }
            ControllerRequest::ElectLeaders {
                preferred,
                partitions,
            } => {
                let wanted: Vec<(String, i32)> = match partitions {
                    Some(p) => p,
                    None => image
                        .topics
                        .values()
                        .flat_map(|t| t.partitions.keys().map(|p| (t.name.clone(), *p)))
                        .collect(),
                };
                let mut results: Vec<(String, i32, Result<i32, ApiError>)> = Vec::new();
                let mut changes = Vec::new();
                for (topic, p) in wanted {
                    let Some((id, reg)) = image
                        .topic(&topic)
                        .and_then(|t| t.partitions.get(&p).map(|r| (t.id, r)))
                    else {
                        results.push((topic.clone(), p, Err(unknown_topic(&topic))));
                        continue;
                    };
                    let elected = if preferred {
                        election::elect_preferred(&image, reg)
                    } else {
                        election::elect_unclean(&image, reg)
                    };
                    match elected {
                        Ok(next) => {
                            results.push((topic, p, Ok(next.leader)));
                            changes.push((id, p, next));
                        }
                        Err(e) => results.push((topic, p, Err(e))),
                    }
                }
                self.commit(election::to_records(changes)).await?;
                json(&results)
            }
            ControllerRequest::AssignLeaders { assignments } => {
                let mut results: Vec<(String, i32, Result<i32, ApiError>)> = Vec::new();
                let mut changes = Vec::new();
                for (topic, p, target) in assignments {
                    let elected = image
                        .topic(&topic)
                        .and_then(|t| t.partitions.get(&p).map(|r| (t.id, r)))
                        .ok_or_else(|| unknown_topic(&topic))
                        .and_then(|(id, reg)| {
                            election::elect_designated(&image, reg, target).map(|n| (id, n))
                        });
                    match elected {
                        Ok((id, next)) => {
                            results.push((topic, p, Ok(next.leader)));
                            changes.push((id, p, next));
                        }
                        Err(e) => results.push((topic, p, Err(e))),
                    }
                }
                self.commit(election::to_records(changes)).await?;
                json(&results)
            }
            ControllerRequest::AlterReassignments { reassignments } => {
                let mut results: Vec<(String, i32, Result<(), ApiError>)> = Vec::new();
                let mut changes = Vec::new();
                for (topic, p, target) in reassignments {
                    let planned = image
                        .topic(&topic)
                        .and_then(|t| t.partitions.get(&p).map(|r| (t.id, r)))
                        .ok_or_else(|| unknown_topic(&topic))
                        .and_then(|(id, reg)| {
                            election::plan_reassignment(&image, reg, target.as_deref())
                                .map(|next| (id, next))
                        });
                    match planned {
                        Ok((id, next)) => {
                            changes.push((id, p, next));
                            results.push((topic, p, Ok(())));
                        }
                        Err(e) => results.push((topic, p, Err(e))),
                    }
                }
                self.commit(election::to_records(changes)).await?;
                json(&results)
            }
            ControllerRequest::FenceBroker { node_id } => {
                if image.broker_state(node_id).is_none() {
                    return Err(ApiError::new(
                        ResponseError::BrokerIdNotRegistered,
                        format!("broker {node_id} is not registered"),
                    ));
                }
                let hold = Duration::from_millis(self.config.broker_session_timeout_ms);
                self.fenced_until
                    .lock()
                    .insert(node_id, Instant::now() + hold);
                let moved = self.fence(&image, node_id, BrokerState::Fenced).await?;
                json(&moved)
            }
        }
    }

    /// Takes `broker` out of leadership and ISRs and records its new state. Returns how many
    /// partitions changed leader.
    async fn fence(
        &self,
        image: &MetadataImage,
        broker: i32,
        state: BrokerState,
    ) -> Result<usize, ApiError> {
        let mut staged = image.clone();
        let state_record = MetadataRecord::BrokerState {
            node_id: broker,
            state,
        };
        staged.apply(&state_record, image.offset);
        let changes = election::remove_broker(&staged, broker, &self.unclean_allowed(image));
        let moved = changes
            .iter()
            .filter(|(id, p, next)| {
                image
                    .topic_by_id(id)
                    .and_then(|t| t.partitions.get(p))
                    .is_some_and(|old| old.leader != next.leader)
            })
            .count();
        let mut records = vec![state_record];
        records.extend(election::to_records(changes));
        self.commit(records).await?;
        if moved > 0 {
            tracing::info!(
                broker,
                ?state,
                leaders_moved = moved,
                "broker left leadership"
            );
        }
        Ok(moved)
    }

    async fn register(
        &self,
        image: &MetadataImage,
        reg: BrokerRegistration,
    ) -> Result<(), ApiError> {
        let node = reg.node_id;
        if image.brokers.get(&node) == Some(&reg)
            && image.broker_state(node) == Some(BrokerState::Active)
        {
            self.heartbeats.lock().insert(node, Instant::now());
            return Ok(());
        }
        let mut records = Vec::new();
        if let Some(old) = image.brokers.get(&node)
            && old.incarnation_id != reg.incarnation_id
        {
            // A restarted broker: whatever its old incarnation held in ISRs may be gone.
            let mut staged = image.clone();
            let fenced = MetadataRecord::BrokerState {
                node_id: node,
                state: BrokerState::Fenced,
            };
            staged.apply(&fenced, image.offset);
            records.push(fenced);
            records.extend(election::to_records(election::remove_broker(
                &staged,
                node,
                &self.unclean_allowed(image),
            )));
        }
        let learner_address = reg.controller_address.clone();
        records.push(MetadataRecord::RegisterBroker(reg));
        self.commit(records).await?;
        if let Some(addr) = learner_address {
            self.ensure_learner(node, addr).await?;
        }
        self.heartbeats.lock().insert(node, Instant::now());
        tracing::info!(broker = node, "broker registered");
        self.commit(election::to_records(election::elect_offline(&self.image())))
            .await
    }

    /// A broker that is not a voter receives the metadata log as a Raft learner.
    async fn ensure_learner(&self, node: i32, addr: String) -> Result<(), ApiError> {
        let id = node as quorum::NodeId;
        let membership = self
            .quorum
            .raft
            .metrics()
            .borrow()
            .membership_config
            .membership()
            .clone();
        if membership.get_node(&id).is_some() {
            return Ok(());
        }
        tracing::info!(broker = node, %addr, "adding broker-only node to the metadata quorum as a learner");
        let add = self
            .quorum
            .raft
            .add_learner(id, openraft::BasicNode::new(addr), false);
        match tokio::time::timeout(self.request_timeout(), add).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(internal(format!("adding learner {node}: {e}"))),
            Err(_) => Err(ApiError::new(
                ResponseError::RequestTimedOut,
                "the metadata quorum did not add the learner in time",
            )),
        }
    }

    async fn heartbeat(
        &self,
        image: &MetadataImage,
        node: i32,
        incarnation_id: Uuid,
        shutting_down: bool,
    ) -> Result<HeartbeatReply, ApiError> {
        match image.brokers.get(&node) {
            Some(r) if r.incarnation_id == incarnation_id => {}
            _ => {
                return Err(ApiError::new(
                    ResponseError::StaleBrokerEpoch,
                    format!("broker {node} must register (unknown incarnation)"),
                ));
            }
        }
        self.heartbeats.lock().insert(node, Instant::now());
        let state = image.broker_state(node).unwrap_or_default();
        if shutting_down {
            if state != BrokerState::ShuttingDown {
                self.fence(image, node, BrokerState::ShuttingDown).await?;
            }
            let leads = self
                .image()
                .leader_counts()
                .get(&node)
                .copied()
                .unwrap_or(0);
            return Ok(HeartbeatReply {
                state: BrokerState::ShuttingDown,
                shutdown_ready: leads == 0,
            });
        }
        if state == BrokerState::Fenced {
            let held = self
                .fenced_until
                .lock()
                .get(&node)
                .is_some_and(|until| Instant::now() < *until);
            if !held {
                let mut staged = image.clone();
                let active = MetadataRecord::BrokerState {
                    node_id: node,
                    state: BrokerState::Active,
                };
                staged.apply(&active, image.offset);
                let mut records = vec![active];
                records.extend(election::to_records(election::elect_offline(&staged)));
                self.commit(records).await?;
                tracing::info!(broker = node, "broker unfenced");
                return Ok(HeartbeatReply {
                    state: BrokerState::Active,
                    shutdown_ready: false,
                });
            }
        }
        Ok(HeartbeatReply {
            state,
            shutdown_ready: false,
        })
    }

    /// One liveness pass of the active controller: fences brokers whose session expired.
    async fn check_liveness(&self) {
        if !self.is_active() {
            return;
        }
        let term = self.quorum.raft.metrics().borrow().current_term;
        let image = self.image();
        let now = Instant::now();
        {
            let mut last_term = self.liveness_term.lock();
            if *last_term != term {
                // A new active controller gives every broker a full session from now.
                *last_term = term;
                let mut hb = self.heartbeats.lock();
                hb.clear();
                for b in image.brokers.keys() {
                    hb.insert(*b, now);
                }
                return;
            }
        }
        let session = Duration::from_millis(self.config.broker_session_timeout_ms);
        let expired: Vec<i32> = {
            let hb = self.heartbeats.lock();
            image
                .brokers
                .keys()
                .copied()
                .filter(|b| image.broker_state(*b) != Some(BrokerState::Fenced))
                .filter(|b| hb.get(b).is_none_or(|t| now.duration_since(*t) > session))
                .collect()
        };
        for b in expired {
            let Ok(_guard) = self.lock_writes().await else {
                return;
            };
            if self.ensure_ready().await.is_err() {
                return;
            }
            let image = self.image();
            // Re-checked under the lock: it may have registered or heartbeated meanwhile.
            let heard_lately = self
                .heartbeats
                .lock()
                .get(&b)
                .is_some_and(|t| Instant::now().duration_since(*t) <= session);
            if heard_lately || image.broker_state(b) == Some(BrokerState::Fenced) {
                continue;
            }
            tracing::warn!(broker = b, "broker session expired; fencing it");
            if let Err(e) = self.fence(&image, b, BrokerState::Fenced).await {
                tracing::warn!(broker = b, error = %e, "fencing failed");
            }
        }
    }

    /// Completes reassignments whose new replicas are in sync (active controller).
    async fn complete_reassignments(&self) {
        if !self.is_active() {
            return;
        }
        let changes = election::complete_reassignments(&self.image());
        if changes.is_empty() {
            return;
        }
        let Ok(_guard) = self.lock_writes().await else {
            return;
        };
        if self.ensure_ready().await.is_err() {
            return;
        }
        let changes = election::complete_reassignments(&self.image());
        if let Err(e) = self.commit(election::to_records(changes)).await {
            tracing::warn!(error = %e, "completing reassignments failed");
        }
    }

    /// One automatic leader rebalance pass (auto.leader.rebalance.enable).
    async fn rebalance_leaders(&self) {
        if !self.is_active() {
            return;
        }
        let Ok(_guard) = self.lock_writes().await else {
            return;
        };
        if self.ensure_ready().await.is_err() {
            return;
        }
        let changes = election::rebalance(
            &self.image(),
            self.config.leader_imbalance_per_broker_percentage,
        );
        if !changes.is_empty() {
            tracing::info!(partitions = changes.len(), "restoring preferred leaders");
            if let Err(e) = self.commit(election::to_records(changes)).await {
                tracing::warn!(error = %e, "preferred leader election failed");
            }
        }
    }

    /// Starts the active-controller timers (liveness, leader rebalance) and this broker's
    /// heartbeats. Registration happens first: the call returns once this broker is
    /// registered and its metadata image has caught up with it.
    pub fn run(self: &Arc<Self>) -> Vec<tokio::task::JoinHandle<()>> {
        let mut tasks = Vec::new();
        let c = self.clone();
        let session = self.config.broker_session_timeout_ms;
        tasks.push(tokio::spawn(async move {
            let mut tick =
                tokio::time::interval(Duration::from_millis((session / 10).clamp(20, 500)));
            loop {
                tick.tick().await;
                c.check_liveness().await;
                c.complete_reassignments().await;
            }
        }));
        if self.config.auto_leader_rebalance {
            let c = self.clone();
            let every = Duration::from_secs(self.config.leader_imbalance_check_interval_s.max(1));
            tasks.push(tokio::spawn(async move {
                let mut tick = tokio::time::interval(every);
                tick.tick().await;
                loop {
                    tick.tick().await;
                    c.rebalance_leaders().await;
                }
            }));
        }
        tasks
    }

    /// Registers this broker (retrying until a controller accepts it) and waits until the
    /// local image shows the registration.
    pub async fn register_self(&self) {
        let reg = self.identity.registration.clone();
        let mut attempt = 0u32;
        loop {
            match self
                .call::<()>(ControllerRequest::RegisterBroker(reg.clone()))
                .await
            {
                Ok(()) => break,
                Err(e) => {
                    attempt += 1;
                    if attempt % 10 == 1 {
                        tracing::info!(error = %e, "waiting for the metadata quorum to register this broker");
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        loop {
            let notified = self.quorum.state.applied.notified();
            if self.image().brokers.get(&reg.node_id) == Some(&reg) {
                return;
            }
            let _ = tokio::time::timeout(Duration::from_millis(200), notified).await;
        }
    }

    /// This broker's heartbeat loop; re-registers when the controller does not know it.
    pub fn spawn_heartbeats(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        let c = self.clone();
        tokio::spawn(async move {
            let every = Duration::from_millis(c.config.broker_heartbeat_interval_ms.max(10));
            loop {
                tokio::time::sleep(every).await;
                let reg = &c.identity.registration;
                let result = c
                    .call::<HeartbeatReply>(ControllerRequest::Heartbeat {
                        node_id: reg.node_id,
                        incarnation_id: reg.incarnation_id,
                        shutting_down: false,
                    })
                    .await;
                if let Err(e) = result {
                    if e.error == ResponseError::StaleBrokerEpoch {
                        let _ = c
                            .call::<()>(ControllerRequest::RegisterBroker(reg.clone()))
                            .await;
                    } else {
                        tracing::debug!(error = %e, "heartbeat failed");
                    }
                }
            }
        })
    }

    /// Controlled shutdown: asks the controller to move this broker's leaderships away and
    /// waits (bounded) until it leads nothing.
    pub async fn controlled_shutdown(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let reg = &self.identity.registration;
        while Instant::now() < deadline {
            let reply = self
                .call::<HeartbeatReply>(ControllerRequest::Heartbeat {
                    node_id: reg.node_id,
                    incarnation_id: reg.incarnation_id,
                    shutting_down: true,
                })
                .await;
            match reply {
                Ok(r) if r.shutdown_ready => return true,
                Ok(_) => {}
                Err(e) => tracing::info!(error = %e, "controlled shutdown: controller not ready"),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    }

    // --- Client-facing metadata changes (forwarded to the active controller). ---

    /// Creates topics (or, with `validate_only`, checks that they could be created).
    pub async fn create_topics(
        &self,
        topics: Vec<NewTopic>,
        validate_only: bool,
    ) -> Vec<(String, Result<CreatedTopic, ApiError>)> {
        let names: Vec<String> = topics.iter().map(|t| t.name.clone()).collect();
        match self
            .call(ControllerRequest::CreateTopics {
                topics,
                validate_only,
            })
            .await
        {
            Ok(results) => results,
            Err(e) => names.into_iter().map(|n| (n, Err(e.clone()))).collect(),
        }
    }

    pub async fn delete_topic(&self, name: &str) -> Result<Uuid, ApiError> {
        self.call(ControllerRequest::DeleteTopic { name: name.into() })
            .await
    }

    pub async fn create_partitions(
        &self,
        name: &str,
        count: i32,
        assignments: Option<Vec<Vec<i32>>>,
        validate_only: bool,
    ) -> Result<(), ApiError> {
        self.call(ControllerRequest::CreatePartitions {
            name: name.into(),
            count,
            assignments,
            validate_only,
        })
        .await
    }

    pub async fn alter_topic_configs(
        &self,
        name: &str,
        ops: Vec<(String, ConfigOp)>,
        replace: bool,
        validate_only: bool,
    ) -> Result<(), ApiError> {
        self.call(ControllerRequest::AlterTopicConfigs {
            name: name.into(),
            ops,
            replace,
            validate_only,
        })
        .await
    }

    /// Alters the cluster-wide dynamic broker defaults (BROKER resource ""): `replace` leaves
    /// exactly the keys given set, otherwise each operation is applied.
    pub async fn alter_cluster_configs(
        &self,
        ops: Vec<(String, ConfigOp)>,
        replace: bool,
        validate_only: bool,
    ) -> Result<(), ApiError> {
        self.call(ControllerRequest::AlterClusterConfigs {
            ops,
            replace,
            validate_only,
        })
        .await
    }

    /// Grants a block of producer ids; returns its first id.
    pub async fn allocate_producer_ids(&self) -> Result<i64, ApiError> {
        self.call(ControllerRequest::AllocateProducerIds).await
    }

    /// Asks the controller to change a partition's ISR (this broker leads it).
    pub async fn alter_partition(
        &self,
        topic: &str,
        partition: i32,
        leader_epoch: i32,
        partition_epoch: i32,
        isr: Vec<i32>,
    ) -> Result<PartitionRegistration, ApiError> {
        self.call(ControllerRequest::AlterPartition {
            node_id: self.config.node_id,
            topic: topic.into(),
            partition,
            leader_epoch,
            partition_epoch,
            isr,
        })
        .await
    }

    /// ElectLeaders: preferred or (unclean type) any eligible replica.
    pub async fn elect_leaders(
        &self,
        preferred: bool,
        partitions: Option<Vec<(String, i32)>>,
    ) -> Result<Vec<(String, i32, Result<i32, ApiError>)>, ApiError> {
        self.call(ControllerRequest::ElectLeaders {
            preferred,
            partitions,
        })
        .await
    }

    /// Moves leaderships to the given in-sync replicas; per partition the new leader or why not.
    pub async fn assign_leaders(
        &self,
        assignments: Vec<(String, i32, i32)>,
    ) -> Result<Vec<(String, i32, Result<i32, ApiError>)>, ApiError> {
        self.call(ControllerRequest::AssignLeaders { assignments })
            .await
    }

    /// AlterPartitionReassignments: per partition, started (or cancelled) or why not.
    pub async fn alter_reassignments(
        &self,
        reassignments: Vec<(String, i32, Option<Vec<i32>>)>,
    ) -> Result<Vec<(String, i32, Result<(), ApiError>)>, ApiError> {
        self.call(ControllerRequest::AlterReassignments { reassignments })
            .await
    }

    pub async fn fence_broker(&self, node_id: i32) -> Result<usize, ApiError> {
        self.call(ControllerRequest::FenceBroker { node_id }).await
    }

    /// Stops Raft and closes the metadata log.
    /// The metadata quorum as its leader sees it (DescribeQuorum).
    pub async fn describe_quorum(&self) -> Result<quorum::describe::QuorumView, ApiError> {
        self.call(ControllerRequest::DescribeQuorum).await
    }

    pub async fn shutdown(&self) {
        self.quorum.shutdown().await;
    }
}
