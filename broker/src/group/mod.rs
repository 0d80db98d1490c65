//! The group coordinator: classic consumer groups (JoinGroup/SyncGroup/Heartbeat/LeaveGroup),
//! committed offsets, and their storage in the compacted internal topic `__consumer_offsets`.
//!
//! Event driven, as Kafka's: a JoinGroup is answered when the rebalance completes (every known
//! member rejoined, or the rebalance timeout passed); a follower's SyncGroup is answered when
//! the leader's SyncGroup brings the assignments. A periodic tick expires sessions, pending
//! members, rebalance phases and old offsets.

pub mod state;
pub mod store;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use kafka_protocol::error::ResponseError as E;
use kafka_protocol::messages::ConsumerProtocolSubscription;
use parking_lot::Mutex;
use tokio::sync::oneshot;

use crate::config::BrokerConfig;
use crate::controller::MetadataImage;
use crate::controller::{Controller, NewTopic, OFFSETS_TOPIC};
use crate::log::batch::KeyValue;
use crate::log::{TopicPartition, batch, now_ms};
use crate::metrics::Metrics;
use crate::replica::ReplicaManager;
use state::{CommittedOffset, Group, GroupState, JoinResult, Member, SyncResult};
use store::{StoredGroup, StoredKey, StoredOffset};

/// Kafka's `String.hashCode`, so groups map to the same offsets partition as in Kafka.
fn java_string_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(c as i32))
}

/// Applies one record of `__consumer_offsets` to the groups being loaded: an offset commit or
/// a group's state, or their tombstones (null values). Returns whether an offset was loaded;
/// a key or value that cannot be parsed is an error and changes nothing.
fn apply_stored(
    groups: &mut HashMap<String, Group>,
    key: Option<&[u8]>,
    value: Option<&[u8]>,
    now: i64,
) -> Result<bool, String> {
    let key = key.ok_or("record without a key")?;
    let key: StoredKey = serde_json::from_slice(key).map_err(|e| format!("key: {e}"))?;
    match key {
        StoredKey::Offset {
            group,
            topic,
            partition,
        } => {
            let tp = TopicPartition::new(topic, partition);
            let Some(value) = value else {
                if let Some(g) = groups.get_mut(&group) {
                    g.offsets.remove(&tp);
                }
                return Ok(false);
            };
            let v: StoredOffset =
                serde_json::from_slice(value).map_err(|e| format!("offset value: {e}"))?;
            let g = groups
                .entry(group.clone())
                .or_insert_with(|| Group::new(group, now));
            g.offsets.insert(
                tp,
                CommittedOffset {
                    offset: v.offset,
                    leader_epoch: v.leader_epoch,
                    metadata: v.metadata,
                    commit_timestamp: v.commit_timestamp,
                },
            );
            Ok(true)
        }
        StoredKey::Group { group } => {
            let Some(value) = value else {
                if let Some(g) = groups.get_mut(&group) {
                    g.members.clear();
                    g.static_members.clear();
                    g.state = GroupState::Empty;
                }
                return Ok(false);
            };
            let v: StoredGroup =
                serde_json::from_slice(value).map_err(|e| format!("group value: {e}"))?;
            let g = groups
                .entry(group.clone())
                .or_insert_with(|| Group::new(group, now));
            restore_group(g, v);
            Ok(false)
        }
    }
}

/// What [`apply_batches`] read from a stretch of `__consumer_offsets`.
#[derive(Debug, Default, PartialEq)]
pub struct BatchesRead {
    /// Bytes of whole batches read.
    pub consumed: usize,
    /// The offset after the last batch read.
    pub next: Option<i64>,
    pub offsets_loaded: usize,
    /// A batch header could not be read: nothing after it can be found.
    pub unreadable: bool,
}

/// Applies the whole batches at the start of `bytes` (read from `__consumer_offsets`) to the
/// groups being loaded, each record walked within `limit`; what cannot be read is passed to
/// `skip` (what, offset, why) and changes nothing. A trailing partial batch is left unread.
pub fn apply_batches(
    bytes: &[u8],
    limit: usize,
    groups: &mut HashMap<String, Group>,
    now: i64,
    skip: &mut dyn FnMut(&str, i64, &dyn std::fmt::Display),
) -> BatchesRead {
    let mut read = BatchesRead::default();
    while read.consumed < bytes.len() {
        let h = match batch::BatchHeader::parse(&bytes[read.consumed..]) {
            Ok(h) if read.consumed + h.total_size() <= bytes.len() => h,
            Ok(_) => break,
            Err(e) => {
                skip("batch", read.next.unwrap_or(-1), &e);
                read.unreadable = true;
                break;
            }
        };
        let raw = &bytes[read.consumed..read.consumed + h.total_size()];
        read.consumed += h.total_size();
        read.next = Some(h.next_offset());
        if h.is_control() {
            continue;
        }
        let mut offsets_loaded = 0;
        let walked = batch::walk_records(raw, &h, limit, batch::Capture::ALL, |r| {
            let offset = h.base_offset + r.offset_delta as i64;
            match apply_stored(groups, r.key, r.value, now) {
                Ok(loaded) => offsets_loaded += loaded as usize,
                Err(why) => skip("record", offset, &why),
            }
            std::ops::ControlFlow::Continue(())
        });
        read.offsets_loaded += offsets_loaded;
        if let Err(e) = walked {
            skip("batch", h.base_offset, &e);
        }
    }
    read
}

/// Topics named in a consumer-protocol subscription (None if it cannot be parsed).
pub fn subscription_topics(meta: &[u8]) -> Option<Vec<String>> {
    if meta.len() < 2 {
        return None;
    }
    let version = i16::from_be_bytes([meta[0], meta[1]]);
    let mut buf = Bytes::copy_from_slice(&meta[2..]);
    let sub =
        crate::protocol::decode::<ConsumerProtocolSubscription>(&mut buf, version.clamp(0, 3))
            .ok()?;
    Some(sub.topics.into_iter().map(|t| t.to_string()).collect())
}

/// A JoinGroup request, as the coordinator needs it.
pub struct JoinRequest {
    pub group_id: String,
    pub member_id: String,
    pub group_instance_id: Option<String>,
    pub client_id: String,
    pub client_host: String,
    pub session_timeout_ms: i32,
    pub rebalance_timeout_ms: i32,
    pub protocol_type: String,
    pub protocols: Vec<(String, Bytes)>,
    /// JoinGroup v4+: a new member must rejoin with the id it is given.
    pub require_known_member_id: bool,
}

pub enum Pending<T> {
    Now(T),
    Wait(oneshot::Receiver<T>),
}

impl<T> Pending<T> {
    pub async fn resolve(self, on_drop: impl FnOnce() -> T) -> T {
        match self {
            Pending::Now(t) => t,
            Pending::Wait(rx) => rx.await.unwrap_or_else(|_| on_drop()),
        }
    }
}

/// One offset to commit.
pub struct OffsetToCommit {
    pub tp: TopicPartition,
    pub offset: i64,
    pub leader_epoch: i32,
    pub metadata: Option<String>,
}

/// A group as DescribeGroups reports it.
pub struct DescribedGroup {
    pub state: &'static str,
    pub protocol_type: String,
    pub protocol: String,
    /// (member id, instance id, client id, host, metadata, assignment)
    pub members: Vec<(String, Option<String>, String, String, Bytes, Bytes)>,
}

fn join_error(error: E, member_id: &str) -> JoinResult {
    JoinResult::error(error.code(), member_id)
}

fn sync_error(error: E) -> SyncResult {
    SyncResult {
        error: error.code(),
        protocol_type: None,
        protocol_name: None,
        assignment: Bytes::new(),
    }
}

pub struct GroupCoordinator {
    config: Arc<BrokerConfig>,
    controller: Arc<Controller>,
    replicas: Arc<ReplicaManager>,
    groups: Mutex<HashMap<String, Group>>,
    /// Partitions of `__consumer_offsets` this broker leads and has loaded: it coordinates
    /// exactly the groups that hash to them.
    coordinated: Mutex<HashSet<i32>>,
    /// Unreadable batches and records skipped while loading (`moldau_group_load_skipped_total`).
    skipped_records: prometheus::IntCounterVec,
}

impl GroupCoordinator {
    pub fn new(
        config: Arc<BrokerConfig>,
        controller: Arc<Controller>,
        replicas: Arc<ReplicaManager>,
        metrics: &Arc<Metrics>,
    ) -> Arc<Self> {
        let gc = Arc::new(GroupCoordinator {
            config,
            controller,
            replicas,
            groups: Mutex::new(HashMap::new()),
            coordinated: Mutex::new(HashSet::new()),
            skipped_records: metrics.group_load_skipped.clone(),
        });
        let weak = Arc::downgrade(&gc);
        metrics.on_scrape(move |m| {
            let Some(gc) = weak.upgrade() else { return };
            m.groups.reset();
            m.group_members.reset();
            for g in gc.groups.lock().values() {
                m.groups.with_label_values(&[g.state.name()]).inc();
                m.group_members
                    .with_label_values(&[&g.id])
                    .set(g.members.len() as i64);
            }
        });
        gc
    }

    /// Why this broker cannot serve `group` now, if it cannot: the coordinator is the leader
    /// of the group's `__consumer_offsets` partition.
    pub fn coordinator_error(&self, group: &str) -> Option<E> {
        if !self.offsets_topic_exists() {
            return Some(E::CoordinatorNotAvailable);
        }
        let p = self.offsets_partition(group).partition;
        (!self.coordinated.lock().contains(&p)).then_some(E::NotCoordinator)
    }

    /// Follows leadership of `__consumer_offsets`: loads the groups of partitions this broker
    /// now leads and drops those of partitions it no longer leads.
    pub fn on_metadata(&self, image: &MetadataImage) {
        let me = self.config.node_id;
        let Some(topic) = image.topic(OFFSETS_TOPIC) else {
            return;
        };
        for (p, reg) in &topic.partitions {
            let loaded = self.coordinated.lock().contains(p);
            if reg.leader == me && !loaded {
                match self.load_partition(*p) {
                    Ok(()) => {
                        self.coordinated.lock().insert(*p);
                    }
                    Err(e) => {
                        tracing::error!(partition = p, error = %e, "cannot load groups from {OFFSETS_TOPIC}")
                    }
                }
            } else if reg.leader != me && loaded {
                self.coordinated.lock().remove(p);
                let n = topic.partitions.len() as i32;
                let mut groups = self.groups.lock();
                let before = groups.len();
                groups.retain(|id, _| (java_string_hash(id) & 0x7fff_ffff) % n != *p);
                tracing::info!(
                    partition = p,
                    groups = before - groups.len(),
                    "no longer the coordinator of these groups"
                );
            }
        }
    }

    pub fn offsets_partition(&self, group: &str) -> TopicPartition {
        let n = self
            .controller
            .image()
            .topic(OFFSETS_TOPIC)
            .map_or(self.config.offsets_topic_num_partitions, |t| {
                t.partitions.len() as i32
            })
            .max(1);
        TopicPartition::new(OFFSETS_TOPIC, (java_string_hash(group) & 0x7fff_ffff) % n)
    }

    fn offsets_topic_exists(&self) -> bool {
        self.controller.image().topic(OFFSETS_TOPIC).is_some()
    }

    /// Creates `__consumer_offsets` if it does not exist yet. False if it cannot be.
    pub async fn ensure_offsets_topic(&self) -> bool {
        if self.offsets_topic_exists() {
            return true;
        }
        let rf = self
            .config
            .offsets_topic_replication_factor
            .min(self.controller.broker_ids().len() as i32)
            .max(1);
        let configs: BTreeMap<String, String> = [
            ("cleanup.policy".to_string(), "compact".to_string()),
            (
                "segment.bytes".to_string(),
                self.config.offsets_topic_segment_bytes.to_string(),
            ),
            ("compression.type".to_string(), "producer".to_string()),
        ]
        .into_iter()
        .collect();
        let result = self
            .controller
            .create_topics(
                vec![NewTopic {
                    name: OFFSETS_TOPIC.into(),
                    num_partitions: self.config.offsets_topic_num_partitions,
                    replication_factor: rf as i16,
                    assignments: BTreeMap::new(),
                    configs,
                }],
                false,
            )
            .await;
        match result.into_iter().next() {
            Some((_, Ok(_))) => true,
            Some((_, Err(e))) if e.error == E::TopicAlreadyExists => true,
            Some((_, Err(e))) => {
                tracing::error!(error = %e, "cannot create {OFFSETS_TOPIC}");
                false
            }
            None => false,
        }
    }

    /// Loads the groups and offsets kept in one `__consumer_offsets` partition (on becoming
    /// its leader).
    fn load_partition(&self, partition: i32) -> anyhow::Result<()> {
        let mut groups = self.groups.lock();
        let now = now_ms();
        let mut offsets_loaded = 0usize;
        let tp = TopicPartition::new(OFFSETS_TOPIC, partition);
        let Some(p) = self.replicas.partition(&tp) else {
            return Ok(());
        };
        let log = p.log().clone();
        let (mut next, limit) = {
            let log = log.lock();
            (log.log_start_offset(), log.decompressed_limit())
        };
        // Whatever is in the log, loading finishes: a batch or record that cannot be read is
        // skipped, counted and logged, so one bad record never leaves groups uncoordinated.
        let skip = |what: &str, offset: i64, why: &dyn std::fmt::Display| {
            self.skipped_records.with_label_values(&[what]).inc();
            tracing::warn!(%tp, offset, "skipping an unreadable {what} while loading groups: {why}");
        };
        loop {
            let slice = log.lock().read(next, 4 << 20, i64::MAX, true)?;
            let Some(slice) = slice else { break };
            let bytes = slice.read()?;
            let at = next;
            let read = apply_batches(&bytes, limit, &mut groups, now, &mut |what, offset, why| {
                skip(what, if offset < 0 { at } else { offset }, why)
            });
            offsets_loaded += read.offsets_loaded;
            next = read.next.unwrap_or(next);
            if read.unreadable || read.consumed == 0 {
                break;
            }
        }
        groups.retain(|_, g| !(g.members.is_empty() && g.offsets.is_empty() && g.generation == 0));
        tracing::info!(
            partition,
            groups = groups.len(),
            offsets = offsets_loaded,
            "loaded consumer groups"
        );
        Ok(())
    }

    /// Appends records to the group's offsets partition.
    fn persist(&self, group: &str, records: &[KeyValue]) -> Result<(), E> {
        if !self.offsets_topic_exists() {
            return Err(E::CoordinatorNotAvailable);
        }
        let tp = self.offsets_partition(group);
        let batch = batch::build_batch(records, now_ms());
        self.replicas
            .append_internal(&tp, batch)
            .map(|_| ())
            .map_err(|e| {
                tracing::error!(group, %tp, error = %e, "writing to {OFFSETS_TOPIC} failed");
                E::CoordinatorNotAvailable
            })
    }

    fn check_session_timeout(&self, ms: i32) -> bool {
        ms >= self.config.group_min_session_timeout_ms
            && ms <= self.config.group_max_session_timeout_ms
    }

    pub fn join(&self, req: JoinRequest) -> Pending<JoinResult> {
        if req.group_id.is_empty() {
            return Pending::Now(join_error(E::InvalidGroupId, &req.member_id));
        }
        if !self.check_session_timeout(req.session_timeout_ms) {
            return Pending::Now(join_error(E::InvalidSessionTimeout, &req.member_id));
        }
        if let Some(e) = self.coordinator_error(&req.group_id) {
            return Pending::Now(join_error(e, &req.member_id));
        }
        let mut groups = self.groups.lock();
        let now = Instant::now();
        let group = match groups.get_mut(&req.group_id) {
            Some(g) => g,
            None if req.member_id.is_empty() => groups
                .entry(req.group_id.clone())
                .or_insert_with(|| Group::new(req.group_id.clone(), now_ms())),
            None => return Pending::Now(join_error(E::UnknownMemberId, &req.member_id)),
        };
        if group.state == GroupState::Dead {
            return Pending::Now(join_error(E::CoordinatorNotAvailable, &req.member_id));
        }
        if !group.supports_protocols(&req.protocol_type, &req.protocols) {
            return Pending::Now(join_error(E::InconsistentGroupProtocol, &req.member_id));
        }
        if group.members.len() >= self.config.group_max_size
            && !group.members.contains_key(&req.member_id)
        {
            return Pending::Now(join_error(E::GroupMaxSizeReached, &req.member_id));
        }
        let member_id = if req.member_id.is_empty() {
            let new_id = format!(
                "{}-{}",
                if req.client_id.is_empty() {
                    "member"
                } else {
                    &req.client_id
                },
                uuid::Uuid::new_v4()
            );
            if let Some(instance) = &req.group_instance_id {
                // A static member restarting: it replaces its previous incarnation. In a stable
                // group a follower with unchanged protocols keeps its assignment without a
                // rebalance (KIP-345); anything else rebalances.
                if let Some(old) = group.static_members.get(instance).cloned() {
                    let keep = group.state == GroupState::Stable
                        && group.leader.as_deref() != Some(old.as_str())
                        && group
                            .members
                            .get(&old)
                            .is_some_and(|m| m.protocols == req.protocols);
                    if keep && let Some(mut m) = group.members.remove(&old) {
                        if let Some(w) = m.join_waiter.take() {
                            let _ = w.send(join_error(E::FencedInstanceId, &old));
                        }
                        if let Some(w) = m.sync_waiter.take() {
                            let _ = w.send(sync_error(E::FencedInstanceId));
                        }
                        m.member_id = new_id.clone();
                        m.last_heartbeat = Instant::now();
                        m.session_timeout =
                            Duration::from_millis(req.session_timeout_ms.max(0) as u64);
                        group.members.insert(new_id.clone(), m);
                        group
                            .static_members
                            .insert(instance.clone(), new_id.clone());
                        tracing::info!(group = %group.id, instance = %instance, member = %new_id, "static member rejoined; assignment kept");
                        let _ = self.persist(&req.group_id, &[store::group_record(group)]);
                        return Pending::Now(self.join_result(group, &new_id));
                    }
                    group.remove_member(&old, E::FencedInstanceId.code());
                }
                group
                    .static_members
                    .insert(instance.clone(), new_id.clone());
            } else if req.require_known_member_id {
                let expiry = now + Duration::from_millis(req.session_timeout_ms.max(0) as u64);
                group.pending_members.insert(new_id.clone(), expiry);
                return Pending::Now(join_error(E::MemberIdRequired, &new_id));
            }
            new_id
        } else {
            if let Some(instance) = &req.group_instance_id
                && group
                    .static_members
                    .get(instance)
                    .is_some_and(|m| *m != req.member_id)
            {
                return Pending::Now(join_error(E::FencedInstanceId, &req.member_id));
            }
            if !group.members.contains_key(&req.member_id)
                && !group.pending_members.contains_key(&req.member_id)
            {
                return Pending::Now(join_error(E::UnknownMemberId, &req.member_id));
            }
            req.member_id.clone()
        };
        group.pending_members.remove(&member_id);
        let (tx, rx) = oneshot::channel();
        let rebalance_timeout = Duration::from_millis(
            req.rebalance_timeout_ms.max(req.session_timeout_ms).max(0) as u64,
        );
        let session_timeout = Duration::from_millis(req.session_timeout_ms.max(0) as u64);
        let existing = group.members.get_mut(&member_id);
        let needs_rebalance = match existing {
            Some(m) => {
                let changed = m.protocols != req.protocols;
                m.protocols = req.protocols;
                m.session_timeout = session_timeout;
                m.rebalance_timeout = rebalance_timeout;
                m.last_heartbeat = now;
                m.client_id = req.client_id;
                m.client_host = req.client_host;
                match group.state {
                    GroupState::PreparingRebalance => {
                        m.joined = true;
                        m.join_waiter = Some(tx);
                        false
                    }
                    GroupState::CompletingRebalance | GroupState::Stable
                        if !changed && group.leader.as_deref() != Some(member_id.as_str()) =>
                    {
                        // Rejoin with the same metadata: the current generation stands.
                        return Pending::Now(self.join_result(group, &member_id));
                    }
                    _ => {
                        m.joined = true;
                        m.join_waiter = Some(tx);
                        true
                    }
                }
            }
            None => {
                group.members.insert(
                    member_id.clone(),
                    Member {
                        member_id: member_id.clone(),
                        group_instance_id: req.group_instance_id.clone(),
                        client_id: req.client_id,
                        client_host: req.client_host,
                        session_timeout,
                        rebalance_timeout,
                        protocol_type: req.protocol_type.clone(),
                        protocols: req.protocols,
                        assignment: Bytes::new(),
                        last_heartbeat: now,
                        join_waiter: Some(tx),
                        sync_waiter: None,
                        joined: true,
                    },
                );
                if group.protocol_type.is_none() || group.members.len() == 1 {
                    group.protocol_type = Some(req.protocol_type);
                }
                // As in Kafka, the first member to join leads.
                if group
                    .leader
                    .as_ref()
                    .is_none_or(|l| !group.members.contains_key(l))
                {
                    group.leader = Some(member_id.clone());
                }
                if group.state == GroupState::PreparingRebalance {
                    if let (Some(limit), Some(deadline)) =
                        (group.initial_join_limit, group.phase_deadline)
                    {
                        // Each new member during the initial delay waits a little longer for more.
                        let extended = (deadline
                            + Duration::from_millis(self.config.group_initial_rebalance_delay_ms))
                        .min(limit);
                        group.phase_deadline = Some(extended);
                    }
                    false
                } else {
                    true
                }
            }
        };
        if needs_rebalance || group.state == GroupState::Empty {
            self.prepare_rebalance(group, now);
        }
        self.maybe_complete_join(group, now);
        Pending::Wait(rx)
    }

    fn prepare_rebalance(&self, group: &mut Group, now: Instant) {
        if group.state == GroupState::PreparingRebalance {
            return;
        }
        // Members waiting for a sync answer must rejoin.
        for m in group.members.values_mut() {
            if let Some(w) = m.sync_waiter.take() {
                let _ = w.send(sync_error(E::RebalanceInProgress));
            }
        }
        let was_empty = group.state == GroupState::Empty;
        group.state = GroupState::PreparingRebalance;
        let timeout = group.max_rebalance_timeout();
        if was_empty {
            let delay = Duration::from_millis(self.config.group_initial_rebalance_delay_ms);
            group.phase_deadline = Some(now + delay.min(timeout));
            group.initial_join_limit = Some(now + timeout);
        } else {
            group.phase_deadline = Some(now + timeout);
            group.initial_join_limit = None;
        }
        tracing::debug!(group = %group.id, "preparing rebalance");
    }

    fn maybe_complete_join(&self, group: &mut Group, now: Instant) {
        if group.state != GroupState::PreparingRebalance {
            return;
        }
        let deadline_passed = group.phase_deadline.is_none_or(|d| now >= d);
        let waiting_initial = group.initial_join_limit.is_some() && !deadline_passed;
        if (group.all_joined() && !waiting_initial) || deadline_passed {
            self.complete_join(group, now);
        }
    }

    fn complete_join(&self, group: &mut Group, now: Instant) {
        let absent: Vec<String> = group
            .members
            .values()
            .filter(|m| !m.joined)
            .map(|m| m.member_id.clone())
            .collect();
        for id in absent {
            tracing::info!(group = %group.id, member = %id, "removing member that did not rejoin in time");
            group.remove_member(&id, E::UnknownMemberId.code());
        }
        group.pending_members.clear();
        group.generation += 1;
        group.initial_join_limit = None;
        if group.members.is_empty() {
            group.state = GroupState::Empty;
            group.protocol_name = None;
            group.leader = None;
            group.phase_deadline = None;
            group.empty_since_ms = now_ms();
            let record = store::group_record(group);
            let _ = self.persist(&group.id, &[record]);
            return;
        }
        group.protocol_name = group.select_protocol();
        if group
            .leader
            .as_ref()
            .is_none_or(|l| !group.members.contains_key(l))
        {
            group.leader = group.members.keys().next().cloned();
        }
        group.state = GroupState::CompletingRebalance;
        group.phase_deadline = Some(now + group.max_rebalance_timeout());
        let ids: Vec<String> = group.members.keys().cloned().collect();
        for id in ids {
            let result = self.join_result(group, &id);
            if let Some(m) = group.members.get_mut(&id) {
                m.joined = false;
                m.last_heartbeat = now;
                if let Some(w) = m.join_waiter.take() {
                    let _ = w.send(result);
                }
            }
        }
        tracing::info!(group = %group.id, generation = group.generation, members = group.members.len(), "rebalance: members joined");
    }

    fn join_result(&self, group: &Group, member_id: &str) -> JoinResult {
        let protocol = group.protocol_name.clone().unwrap_or_default();
        let leader = group.leader.clone().unwrap_or_default();
        let members = if leader == member_id {
            group
                .members
                .values()
                .map(|m| {
                    (
                        m.member_id.clone(),
                        m.group_instance_id.clone(),
                        m.metadata_for(&protocol),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        JoinResult {
            error: 0,
            generation: group.generation,
            protocol_type: group.protocol_type.clone(),
            protocol_name: group.protocol_name.clone(),
            leader,
            member_id: member_id.to_string(),
            members,
        }
    }

    fn check_member(group: &Group, member_id: &str, instance: Option<&str>) -> Result<(), E> {
        if let Some(instance) = instance
            && group
                .static_members
                .get(instance)
                .is_some_and(|m| m != member_id)
        {
            return Err(E::FencedInstanceId);
        }
        if !group.members.contains_key(member_id) {
            return Err(E::UnknownMemberId);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub fn sync(
        &self,
        group_id: &str,
        generation: i32,
        member_id: &str,
        instance: Option<&str>,
        protocol_type: Option<&str>,
        protocol_name: Option<&str>,
        assignments: Vec<(String, Bytes)>,
    ) -> Pending<SyncResult> {
        if let Some(e) = self.coordinator_error(group_id) {
            return Pending::Now(sync_error(e));
        }
        let mut groups = self.groups.lock();
        let Some(group) = groups.get_mut(group_id) else {
            return Pending::Now(sync_error(E::UnknownMemberId));
        };
        if let Err(e) = Self::check_member(group, member_id, instance) {
            return Pending::Now(sync_error(e));
        }
        if generation != group.generation {
            return Pending::Now(sync_error(E::IllegalGeneration));
        }
        if protocol_type.is_some_and(|p| Some(p) != group.protocol_type.as_deref())
            || protocol_name.is_some_and(|p| Some(p) != group.protocol_name.as_deref())
        {
            return Pending::Now(sync_error(E::InconsistentGroupProtocol));
        }
        match group.state {
            GroupState::PreparingRebalance => Pending::Now(sync_error(E::RebalanceInProgress)),
            GroupState::Stable => {
                let m = &group.members[member_id];
                Pending::Now(SyncResult {
                    error: 0,
                    protocol_type: group.protocol_type.clone(),
                    protocol_name: group.protocol_name.clone(),
                    assignment: m.assignment.clone(),
                })
            }
            GroupState::CompletingRebalance => {
                let (tx, rx) = oneshot::channel();
                if let Some(m) = group.members.get_mut(member_id) {
                    m.sync_waiter = Some(tx);
                    m.last_heartbeat = Instant::now();
                }
                if group.leader.as_deref() == Some(member_id) {
                    let mut plan: HashMap<String, Bytes> = assignments.into_iter().collect();
                    for m in group.members.values_mut() {
                        m.assignment = plan.remove(&m.member_id).unwrap_or_default();
                    }
                    let record = store::group_record(group);
                    if let Err(e) = self.persist(group_id, &[record]) {
                        // The assignment could not be stored: make everyone rejoin.
                        for m in group.members.values_mut() {
                            if let Some(w) = m.sync_waiter.take() {
                                let _ = w.send(sync_error(e));
                            }
                        }
                        self.prepare_rebalance(group, Instant::now());
                        return Pending::Wait(rx);
                    }
                    group.state = GroupState::Stable;
                    group.phase_deadline = None;
                    for m in group.members.values_mut() {
                        if let Some(w) = m.sync_waiter.take() {
                            let _ = w.send(SyncResult {
                                error: 0,
                                protocol_type: group.protocol_type.clone(),
                                protocol_name: group.protocol_name.clone(),
                                assignment: m.assignment.clone(),
                            });
                        }
                    }
                    tracing::info!(
                        group = group_id,
                        generation = group.generation,
                        "rebalance complete"
                    );
                }
                Pending::Wait(rx)
            }
            GroupState::Empty | GroupState::Dead => Pending::Now(sync_error(E::UnknownMemberId)),
        }
    }

    pub fn heartbeat(
        &self,
        group_id: &str,
        generation: i32,
        member_id: &str,
        instance: Option<&str>,
    ) -> i16 {
        if let Some(e) = self.coordinator_error(group_id) {
            return e.code();
        }
        let mut groups = self.groups.lock();
        let Some(group) = groups.get_mut(group_id) else {
            return E::UnknownMemberId.code();
        };
        if let Err(e) = Self::check_member(group, member_id, instance) {
            return e.code();
        }
        if let Some(m) = group.members.get_mut(member_id) {
            m.last_heartbeat = Instant::now();
        }
        match group.state {
            GroupState::PreparingRebalance => E::RebalanceInProgress.code(),
            _ if generation != group.generation => E::IllegalGeneration.code(),
            GroupState::Stable | GroupState::CompletingRebalance => 0,
            GroupState::Empty | GroupState::Dead => E::UnknownMemberId.code(),
        }
    }

    /// LeaveGroup for one or more members: (member id, instance id) → error code each.
    pub fn leave(
        &self,
        group_id: &str,
        members: Vec<(String, Option<String>)>,
    ) -> Result<Vec<i16>, E> {
        if let Some(e) = self.coordinator_error(group_id) {
            return Err(e);
        }
        let mut groups = self.groups.lock();
        let Some(group) = groups.get_mut(group_id) else {
            return Err(E::UnknownMemberId);
        };
        let now = Instant::now();
        let mut results = Vec::new();
        let mut left = false;
        for (member_id, instance) in members {
            let id = if member_id.is_empty() {
                instance
                    .as_ref()
                    .and_then(|i| group.static_members.get(i).cloned())
                    .unwrap_or_default()
            } else {
                member_id
            };
            match Self::check_member(group, &id, instance.as_deref()) {
                Ok(()) => {
                    tracing::info!(group = group_id, member = %id, "member left the group");
                    group.remove_member(&id, E::UnknownMemberId.code());
                    left = true;
                    results.push(0);
                }
                Err(e) => results.push(e.code()),
            }
        }
        if left {
            self.on_members_removed(group, now);
        }
        Ok(results)
    }

    fn on_members_removed(&self, group: &mut Group, now: Instant) {
        match group.state {
            GroupState::Stable | GroupState::CompletingRebalance => {
                if group.members.is_empty() {
                    self.prepare_rebalance(group, now);
                    self.complete_join(group, now);
                } else {
                    self.prepare_rebalance(group, now);
                }
            }
            GroupState::PreparingRebalance => self.maybe_complete_join(group, now),
            GroupState::Empty | GroupState::Dead => {}
        }
    }

    /// Periodic work: expired sessions and pending members, rebalance deadlines, offsets.
    pub fn tick(&self) {
        let now = Instant::now();
        let mut groups = self.groups.lock();
        for group in groups.values_mut() {
            group.pending_members.retain(|_, expiry| *expiry > now);
            let expired: Vec<String> = group
                .members
                .values()
                .filter(|m| m.session_expired(now))
                .map(|m| m.member_id.clone())
                .collect();
            if !expired.is_empty() {
                for id in &expired {
                    tracing::info!(group = %group.id, member = %id, "member session expired");
                    group.remove_member(id, E::UnknownMemberId.code());
                }
                self.on_members_removed(group, now);
            }
            match group.state {
                GroupState::PreparingRebalance => self.maybe_complete_join(group, now),
                GroupState::CompletingRebalance
                    if group.phase_deadline.is_some_and(|d| now >= d) =>
                {
                    // The leader never sent the assignment: members that did not sync are dropped.
                    let absent: Vec<String> = group
                        .members
                        .values()
                        .filter(|m| m.sync_waiter.is_none())
                        .map(|m| m.member_id.clone())
                        .collect();
                    for id in absent {
                        group.remove_member(&id, E::UnknownMemberId.code());
                    }
                    self.prepare_rebalance(group, now);
                    if group.members.is_empty() {
                        self.complete_join(group, now);
                    }
                }
                _ => {}
            }
        }
    }

    /// Expires committed offsets of groups that have been empty for offsets.retention.minutes.
    pub fn expire_offsets(&self) {
        let now = now_ms();
        let retention = self.config.offsets_retention_ms;
        let mut groups = self.groups.lock();
        let mut writes: Vec<(String, Vec<KeyValue>)> = Vec::new();
        for g in groups.values_mut() {
            if g.state != GroupState::Empty {
                continue;
            }
            let expired: Vec<TopicPartition> = g
                .offsets
                .iter()
                .filter(|(_, o)| now - g.empty_since_ms.max(o.commit_timestamp) >= retention)
                .map(|(tp, _)| tp.clone())
                .collect();
            if expired.is_empty() {
                continue;
            }
            let records = expired
                .iter()
                .map(|tp| store::offset_tombstone(&g.id, &tp.topic, tp.partition))
                .collect();
            for tp in &expired {
                g.offsets.remove(tp);
            }
            tracing::info!(group = %g.id, count = expired.len(), "expired committed offsets");
            writes.push((g.id.clone(), records));
        }
        groups.retain(|_, g| {
            !(g.state == GroupState::Empty
                && g.offsets.is_empty()
                && g.members.is_empty()
                && now - g.empty_since_ms >= retention)
        });
        drop(groups);
        for (id, records) in writes {
            let _ = self.persist(&id, &records);
        }
    }

    /// OffsetCommit. Returns a group-level error or one code per offset.
    pub fn commit_offsets(
        &self,
        group_id: &str,
        generation: i32,
        member_id: &str,
        instance: Option<&str>,
        offsets: Vec<OffsetToCommit>,
    ) -> Vec<i16> {
        let n = offsets.len();
        let all = |e: E| vec![e.code(); n];
        if group_id.is_empty() {
            return all(E::InvalidGroupId);
        }
        if let Some(e) = self.coordinator_error(group_id) {
            return all(e);
        }
        let mut groups = self.groups.lock();
        let group = match groups.get_mut(group_id) {
            Some(g) => g,
            None if generation < 0 => groups
                .entry(group_id.to_string())
                .or_insert_with(|| Group::new(group_id.to_string(), now_ms())),
            None => return all(E::IllegalGeneration),
        };
        if generation >= 0 || !member_id.is_empty() {
            if let Err(e) = Self::check_member(group, member_id, instance) {
                return all(e);
            }
            if generation != group.generation {
                return all(E::IllegalGeneration);
            }
            // As Kafka: members may commit what they consumed while the group prepares a
            // rebalance (clients commit before rejoining); only between the join and the
            // leader's assignment is a commit refused.
            if group.state == GroupState::CompletingRebalance {
                return all(E::RebalanceInProgress);
            }
            if let Some(m) = group.members.get_mut(member_id) {
                m.last_heartbeat = Instant::now();
            }
        } else if group.state != GroupState::Empty {
            // A simple (generation -1) commit into an active group would race its members.
            return all(E::UnknownMemberId);
        }
        let image = self.controller.image();
        let now = now_ms();
        let mut codes = Vec::with_capacity(n);
        let mut records = Vec::new();
        let mut accepted = Vec::new();
        for o in offsets {
            let meta = o.metadata.unwrap_or_default();
            if meta.len() > self.config.offset_metadata_max_bytes {
                codes.push(E::OffsetMetadataTooLarge.code());
            } else if image.partition(&o.tp.topic, o.tp.partition).is_none() {
                codes.push(E::UnknownTopicOrPartition.code());
            } else {
                let value = CommittedOffset {
                    offset: o.offset,
                    leader_epoch: o.leader_epoch,
                    metadata: meta,
                    commit_timestamp: now,
                };
                records.push(store::offset_record(
                    group_id,
                    &o.tp.topic,
                    o.tp.partition,
                    &value,
                ));
                accepted.push((codes.len(), o.tp, value));
                codes.push(0);
            }
        }
        if records.is_empty() {
            return codes;
        }
        match self.persist(group_id, &records) {
            Ok(()) => {
                for (_, tp, value) in accepted {
                    group.offsets.insert(tp, value);
                }
            }
            Err(e) => {
                for (i, _, _) in accepted {
                    codes[i] = e.code();
                }
            }
        }
        codes
    }

    /// OffsetFetch: committed offsets of the named partitions, or of all when `None`.
    pub fn fetch_offsets(
        &self,
        group_id: &str,
        partitions: Option<Vec<TopicPartition>>,
    ) -> Result<Vec<(TopicPartition, Option<CommittedOffset>)>, E> {
        if let Some(e) = self.coordinator_error(group_id) {
            return Err(e);
        }
        let groups = self.groups.lock();
        let group = groups.get(group_id);
        Ok(match partitions {
            Some(tps) => tps
                .into_iter()
                .map(|tp| {
                    let o = group.and_then(|g| g.offsets.get(&tp).cloned());
                    (tp, o)
                })
                .collect(),
            None => {
                let mut all: Vec<_> = group
                    .map(|g| {
                        g.offsets
                            .iter()
                            .map(|(tp, o)| (tp.clone(), Some(o.clone())))
                            .collect()
                    })
                    .unwrap_or_default();
                all.sort_by(|a, b| a.0.cmp(&b.0));
                all
            }
        })
    }

    /// OffsetDelete: removes offsets unless the group is consuming the topic.
    pub fn delete_offsets(
        &self,
        group_id: &str,
        tps: Vec<TopicPartition>,
    ) -> Result<Vec<(TopicPartition, i16)>, E> {
        if let Some(e) = self.coordinator_error(group_id) {
            return Err(e);
        }
        let mut groups = self.groups.lock();
        let group = groups.get_mut(group_id).ok_or(E::GroupIdNotFound)?;
        if group.state == GroupState::Dead {
            return Err(E::GroupIdNotFound);
        }
        let subscribed: HashSet<String> = if group.members.is_empty() {
            HashSet::new()
        } else {
            group.subscribed_topics().ok_or(E::NonEmptyGroup)?
        };
        let mut out = Vec::new();
        let mut records = Vec::new();
        for tp in tps {
            if subscribed.contains(&tp.topic) {
                out.push((tp, E::GroupSubscribedToTopic.code()));
            } else {
                if group.offsets.remove(&tp).is_some() {
                    records.push(store::offset_tombstone(group_id, &tp.topic, tp.partition));
                }
                out.push((tp, 0));
            }
        }
        drop(groups);
        if !records.is_empty() {
            self.persist(group_id, &records)?;
        }
        Ok(out)
    }

    /// DeleteGroups: only empty groups can be deleted.
    pub fn delete_group(&self, group_id: &str) -> i16 {
        if let Some(e) = self.coordinator_error(group_id) {
            return e.code();
        }
        let mut groups = self.groups.lock();
        let Some(group) = groups.get(group_id) else {
            return E::GroupIdNotFound.code();
        };
        if !group.members.is_empty() || !matches!(group.state, GroupState::Empty | GroupState::Dead)
        {
            return E::NonEmptyGroup.code();
        }
        let mut records: Vec<_> = group
            .offsets
            .keys()
            .map(|tp| store::offset_tombstone(group_id, &tp.topic, tp.partition))
            .collect();
        records.push(store::group_tombstone(group_id));
        groups.remove(group_id);
        drop(groups);
        match self.persist(group_id, &records) {
            Ok(()) => 0,
            Err(e) => e.code(),
        }
    }

    pub fn list_groups(&self) -> Vec<(String, String, &'static str)> {
        let groups = self.groups.lock();
        let mut out: Vec<_> = groups
            .values()
            .filter(|g| g.state != GroupState::Dead)
            .map(|g| {
                (
                    g.id.clone(),
                    g.protocol_type.clone().unwrap_or_default(),
                    g.state.name(),
                )
            })
            .collect();
        out.sort();
        out
    }

    pub fn describe(&self, group_id: &str) -> Option<DescribedGroup> {
        let groups = self.groups.lock();
        let g = groups.get(group_id)?;
        let protocol = g.protocol_name.clone().unwrap_or_default();
        let with_assignment = g.state == GroupState::Stable;
        Some(DescribedGroup {
            state: g.state.name(),
            protocol_type: g.protocol_type.clone().unwrap_or_default(),
            protocol: if g.state == GroupState::Stable {
                protocol.clone()
            } else {
                String::new()
            },
            members: g
                .members
                .values()
                .map(|m| {
                    (
                        m.member_id.clone(),
                        m.group_instance_id.clone(),
                        m.client_id.clone(),
                        m.client_host.clone(),
                        m.metadata_for(&protocol),
                        if with_assignment {
                            m.assignment.clone()
                        } else {
                            Bytes::new()
                        },
                    )
                })
                .collect(),
        })
    }

    /// Topics were deleted: drop their committed offsets.
    pub fn remove_offsets_of_deleted_topics(&self, exists: impl Fn(&str) -> bool) {
        let mut groups = self.groups.lock();
        for g in groups.values_mut() {
            g.offsets.retain(|tp, _| exists(&tp.topic));
        }
    }
}

fn restore_group(g: &mut Group, v: StoredGroup) {
    let now = Instant::now();
    g.generation = v.generation;
    g.protocol_type = v.protocol_type;
    g.protocol_name = v.protocol.clone();
    g.leader = v.leader;
    g.members.clear();
    g.static_members.clear();
    for m in v.members {
        if let Some(i) = &m.group_instance_id {
            g.static_members.insert(i.clone(), m.member_id.clone());
        }
        g.members.insert(
            m.member_id.clone(),
            Member {
                member_id: m.member_id,
                group_instance_id: m.group_instance_id,
                client_id: m.client_id,
                client_host: m.client_host,
                session_timeout: Duration::from_millis(m.session_timeout_ms),
                rebalance_timeout: Duration::from_millis(m.rebalance_timeout_ms),
                protocol_type: g.protocol_type.clone().unwrap_or_default(),
                protocols: vec![(
                    v.protocol.clone().unwrap_or_default(),
                    Bytes::from(m.subscription),
                )],
                assignment: Bytes::from(m.assignment),
                last_heartbeat: now,
                join_waiter: None,
                sync_waiter: None,
                joined: false,
            },
        );
    }
    g.state = if g.members.is_empty() {
        GroupState::Empty
    } else {
        GroupState::Stable
    };
}

/// The Admin service's view: the groups this node coordinates with their committed offsets.
impl crate::controller::admin::GroupSource for GroupCoordinator {
    fn coordinated_groups(&self) -> Vec<crate::controller::rpc::pb::ConsumerGroupInfo> {
        use crate::controller::rpc::pb;
        let groups = self.groups.lock();
        let mut out: Vec<_> = groups
            .values()
            .filter(|g| g.state != GroupState::Dead)
            .map(|g| {
                let mut offsets: Vec<_> = g
                    .offsets
                    .iter()
                    .map(|(tp, o)| pb::GroupOffset {
                        topic: tp.topic.clone(),
                        partition: tp.partition,
                        offset: o.offset,
                        commit_timestamp_ms: o.commit_timestamp,
                    })
                    .collect();
                offsets.sort_by(|a, b| (&a.topic, a.partition).cmp(&(&b.topic, b.partition)));
                pb::ConsumerGroupInfo {
                    group_id: g.id.clone(),
                    state: g.state.name().to_string(),
                    protocol_type: g.protocol_type.clone().unwrap_or_default(),
                    members: g.members.len() as u32,
                    offsets,
                    coordinator: self.config.node_id,
                }
            })
            .collect();
        out.sort_by(|a, b| a.group_id.cmp(&b.group_id));
        out
    }
}

#[cfg(test)]
mod tests;
