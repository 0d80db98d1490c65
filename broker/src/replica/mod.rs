//! The replica manager: the partitions this broker hosts, their leadership, high watermark and
//! the narrow door through which request handlers reach a partition log (append, read, wait for
//! data, list offsets, delete records).
//!
//! Replication as in Kafka: followers fetch from the leader with ordinary Fetch requests
//! carrying their replica id (`fetcher.rs`); the leader records each follower's log end
//! offset, advances the high watermark to the smallest log end in the ISR, and asks the
//! controller to shrink the ISR (a follower not caught up for `replica.lag.time.max.ms`) or
//! expand it (a follower that reached the high watermark).

pub mod fetcher;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use kafka_protocol::error::ResponseError;
use parking_lot::RwLock;
use tokio::sync::Notify;
use uuid::Uuid;

use crate::config::{BrokerConfig, LogConfig};
use crate::controller::{ApiError, MetadataImage, MetadataPublisher, PartitionRegistration};
use crate::log::manager::{LogManager, SharedLog, flush_log_upto};
use crate::log::{AppendError, AppendInfo, ReadError, TopicPartition};
use crate::metrics::Metrics;

/// What the leader knows of one follower.
#[derive(Debug, Clone, Copy)]
pub struct FollowerState {
    /// Log end offset the follower reported (its fetch offset); -1 unknown.
    pub log_end_offset: i64,
    /// Last time the follower had everything the leader had (ms since the epoch).
    pub last_caught_up_ms: i64,
    last_fetch_ms: i64,
    leader_leo_at_last_fetch: i64,
}

/// One hosted partition.
pub struct Partition {
    pub tp: TopicPartition,
    pub topic_id: Uuid,
    log: SharedLog,
    registration: RwLock<PartitionRegistration>,
    high_watermark: AtomicI64,
    /// Leader only: followers' progress.
    followers: parking_lot::Mutex<HashMap<i32, FollowerState>>,
    /// Leader only: offset at which this leader's epoch began.
    epoch_start_offset: AtomicI64,
    /// An ISR change is in flight at the controller.
    isr_change_pending: std::sync::atomic::AtomicBool,
    /// Signalled when the high watermark moves or leadership changes (acks=all waiters).
    hw_moved: Notify,
}

impl Partition {
    pub fn leader_epoch(&self) -> i32 {
        self.registration.read().leader_epoch
    }
    pub fn leader(&self) -> i32 {
        self.registration.read().leader
    }
    pub fn high_watermark(&self) -> i64 {
        self.high_watermark.load(Ordering::Acquire)
    }
    pub fn log(&self) -> &SharedLog {
        &self.log
    }
    pub fn registration(&self) -> PartitionRegistration {
        self.registration.read().clone()
    }
    /// Leader: the high watermark is the smallest log end offset in the ISR (the leader's own
    /// is `leo`). Returns true when it moved.
    fn advance_high_watermark(&self, leo: i64) -> bool {
        let reg = self.registration.read();
        let followers = self.followers.lock();
        let mut hw = leo;
        for b in &reg.isr {
            if *b == reg.leader {
                continue;
            }
            hw = hw.min(followers.get(b).map_or(-1, |f| f.log_end_offset));
        }
        drop(followers);
        drop(reg);
        let old = self.high_watermark.fetch_max(hw.max(0), Ordering::AcqRel);
        if hw > old {
            self.hw_moved.notify_waiters();
            true
        } else {
            false
        }
    }
}

/// Data read from a partition for a fetch.
#[derive(Debug, Clone)]
pub struct FetchData {
    pub records: Option<Bytes>,
    pub high_watermark: i64,
    pub log_start_offset: i64,
    pub log_end_offset: i64,
}

/// Kafka's file of high watermarks, one line per partition.
const HW_CHECKPOINT_FILE: &str = "replication-offset-checkpoint";

pub struct ReplicaManager {
    node_id: i32,
    /// High watermarks read at start-up, used when each partition is opened.
    checkpointed_hw: parking_lot::Mutex<HashMap<TopicPartition, i64>>,
    fetchers: fetcher::FetcherManager,
    controller: parking_lot::Mutex<std::sync::Weak<crate::controller::Controller>>,
    config: Arc<BrokerConfig>,
    log_manager: Arc<LogManager>,
    partitions: RwLock<HashMap<TopicPartition, Arc<Partition>>>,
    data_arrived: Notify,
    metrics: Arc<Metrics>,
}

/// Batches at least this large, or compressed, are checked on the blocking pool.
const INLINE_VALIDATION_BYTES: usize = 256 << 10;

/// How many batches are decompressed and checked at once (one per core): each may cost up to
/// its decompression limit in work and a codec's window in memory.
static VALIDATIONS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

/// Checks a producer's batch record by record (`batch::validate_produced`); compressed or
/// large batches on the blocking pool, a few at a time, so no runtime worker spends the time.
async fn validate_produced(
    batch: bytes::Bytes,
    limit: usize,
) -> Result<crate::log::batch::ValidBatch, crate::log::batch::BatchError> {
    use crate::log::batch::{self, BatchHeader};
    let compressed = BatchHeader::parse(&batch).is_ok_and(|h| h.compression_code() != 0);
    if !compressed && batch.len() < INLINE_VALIDATION_BYTES {
        return batch::validate_produced(batch, limit);
    }
    let Ok(_permit) = VALIDATIONS.acquire().await else {
        return Err(batch::BatchError::Corrupt("broker is shutting down"));
    };
    tokio::task::spawn_blocking(move || batch::validate_produced(batch, limit))
        .await
        .unwrap_or(Err(batch::BatchError::Corrupt("batch validation failed")))
}

fn append_error(tp: &TopicPartition, e: AppendError) -> ApiError {
    use crate::log::batch::BatchError;
    let (err, msg) = match &e {
        AppendError::Batch(
            BatchError::CrcMismatch { .. }
            | BatchError::Truncated
            | BatchError::Corrupt(_)
            | BatchError::Decompression(_),
        ) => (ResponseError::CorruptMessage, format!("{tp}: {e}")),
        AppendError::Batch(BatchError::UnsupportedMagic(_)) => {
            (ResponseError::UnsupportedForMessageFormat, e.to_string())
        }
        AppendError::Batch(_) => (ResponseError::InvalidRecord, format!("{tp}: {e}")),
        AppendError::MessageTooLarge { .. } => (ResponseError::MessageTooLarge, e.to_string()),
        AppendError::KeylessRecordOnCompactedTopic => {
            (ResponseError::InvalidRecord, format!("{tp}: {e}"))
        }
        AppendError::InvalidTimestamp { .. } => (ResponseError::InvalidTimestamp, e.to_string()),
        AppendError::Producer(p) => {
            use crate::log::producer_state::ProducerError as P;
            let code = match p {
                P::InvalidProducerEpoch { .. } => ResponseError::InvalidProducerEpoch,
                P::OutOfOrderSequence { .. } => ResponseError::OutOfOrderSequenceNumber,
            };
            (code, e.to_string())
        }
        AppendError::Io(io) => {
            tracing::error!(%tp, error = %io, "append failed on disk");
            (
                ResponseError::KafkaStorageError,
                format!("{tp}: storage error: {io}"),
            )
        }
    };
    ApiError::new(err, msg)
}

fn read_error(e: ReadError) -> ApiError {
    match e {
        ReadError::OffsetOutOfRange { .. } => {
            ApiError::new(ResponseError::OffsetOutOfRange, e.to_string())
        }
        ReadError::Io(io) => ApiError::new(ResponseError::KafkaStorageError, io.to_string()),
    }
}

fn unknown(tp: &TopicPartition) -> ApiError {
    ApiError::new(
        ResponseError::UnknownTopicOrPartition,
        format!("this broker does not host {tp}"),
    )
}

impl ReplicaManager {
    pub fn new(
        config: Arc<BrokerConfig>,
        log_manager: Arc<LogManager>,
        metrics: Arc<Metrics>,
    ) -> Arc<ReplicaManager> {
        let rm = Arc::new(ReplicaManager {
            node_id: config.node_id,
            checkpointed_hw: parking_lot::Mutex::new(
                crate::log::manager::read_offsets(&log_manager.dir().join(HW_CHECKPOINT_FILE))
                    .unwrap_or_else(|e| {
                        tracing::warn!(error = %e, "high watermark checkpoint unreadable; starting from 0");
                        HashMap::new()
                    }),
            ),
            fetchers: fetcher::FetcherManager::new(config.clone()),
            controller: parking_lot::Mutex::new(std::sync::Weak::new()),
            config,
            log_manager,
            partitions: RwLock::new(HashMap::new()),
            data_arrived: Notify::new(),
            metrics: metrics.clone(),
        });
        rm.fetchers.attach(&rm);
        let weak = Arc::downgrade(&rm);
        metrics.on_scrape(move |m| {
            let Some(rm) = weak.upgrade() else { return };
            m.log_start_offset.reset();
            m.log_end_offset.reset();
            m.high_watermark.reset();
            m.log_size.reset();
            rm.refresh_replication_metrics(&m.replication);
            for p in rm.partitions.read().values() {
                let part = p.tp.partition.to_string();
                let labels = [p.tp.topic.as_str(), part.as_str()];
                let log = p.log.lock();
                m.log_start_offset
                    .with_label_values(&labels)
                    .set(log.log_start_offset());
                m.log_end_offset
                    .with_label_values(&labels)
                    .set(log.log_end_offset());
                m.log_size
                    .with_label_values(&labels)
                    .set(log.size_bytes() as i64);
                m.high_watermark
                    .with_label_values(&labels)
                    .set(p.high_watermark());
            }
        });
        rm
    }

    /// Lets the replica manager ask the controller for ISR changes.
    pub fn attach_controller(&self, controller: &Arc<crate::controller::Controller>) {
        *self.controller.lock() = Arc::downgrade(controller);
    }

    /// Background replication work: the ISR shrink check.
    pub fn start_tasks(self: &Arc<Self>) -> Vec<tokio::task::JoinHandle<()>> {
        let rm = self.clone();
        let every =
            Duration::from_millis((self.config.replica_lag_time_max_ms / 4).clamp(50, 5000));
        vec![tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                rm.shrink_isrs();
            }
        })]
    }

    /// Stops the follower fetchers.
    pub async fn shutdown(&self) {
        self.fetchers.shutdown();
    }

    fn controller(&self) -> Option<Arc<crate::controller::Controller>> {
        self.controller.lock().upgrade()
    }

    /// Applies a partition registration from the metadata image: becomes leader (new epoch:
    /// resets follower tracking and stops fetching) or follower of the new leader.
    fn apply_registration(&self, p: &Arc<Partition>, reg: PartitionRegistration) {
        let old = std::mem::replace(&mut *p.registration.write(), reg.clone());
        let new_epoch = old.leader != reg.leader || old.leader_epoch != reg.leader_epoch;
        if reg.leader == self.node_id {
            let leo = p.log.lock().log_end_offset();
            if new_epoch {
                self.fetchers.remove(&p.tp);
                if let Err(e) = p.log.lock().assign_leader_epoch(reg.leader_epoch, leo) {
                    tracing::error!(tp = %p.tp, error = %e, "recording the leader epoch failed");
                }
                p.epoch_start_offset.store(leo, Ordering::Release);
                let now = crate::log::now_ms();
                let mut followers = p.followers.lock();
                followers.clear();
                for b in reg.replicas.iter().filter(|b| **b != self.node_id) {
                    followers.insert(
                        *b,
                        FollowerState {
                            log_end_offset: -1,
                            last_caught_up_ms: now,
                            last_fetch_ms: 0,
                            leader_leo_at_last_fetch: -1,
                        },
                    );
                }
                drop(followers);
                tracing::info!(tp = %p.tp, epoch = reg.leader_epoch, isr = ?reg.isr, "became leader");
            }
            p.advance_high_watermark(leo);
        } else if new_epoch || !self.fetchers.contains(&p.tp) {
            if reg.leader >= 0 {
                self.fetchers.add(p.clone(), reg.leader, reg.leader_epoch);
            } else {
                self.fetchers.remove(&p.tp);
            }
        }
        p.hw_moved.notify_waiters();
        self.data_arrived.notify_waiters();
    }

    /// Leader side of a follower's fetch: records the follower's progress (its fetch offset
    /// is its log end), moves the high watermark, may add it back to the ISR, and reads from
    /// the log up to the log end.
    pub fn read_for_follower(
        &self,
        tp: &TopicPartition,
        follower: i32,
        offset: i64,
        max_bytes: usize,
        current_leader_epoch: i32,
    ) -> Result<FetchData, ApiError> {
        let p = self.leader_partition(tp)?;
        check_epoch(&p, current_leader_epoch)?;
        let reg = p.registration();
        if !reg.replicas.contains(&follower) {
            return Err(ApiError::new(
                ResponseError::NotLeaderOrFollower,
                format!("broker {follower} is not a replica of {tp}"),
            ));
        }
        let (leo, log_start) = {
            let log = p.log.lock();
            (log.log_end_offset(), log.log_start_offset())
        };
        let now = crate::log::now_ms();
        let follower_leo = {
            let mut followers = p.followers.lock();
            let f = followers.entry(follower).or_insert(FollowerState {
                log_end_offset: -1,
                last_caught_up_ms: now,
                last_fetch_ms: 0,
                leader_leo_at_last_fetch: -1,
            });
            if offset >= log_start && offset <= leo {
                f.log_end_offset = offset;
            }
            if offset >= leo {
                f.last_caught_up_ms = now;
            } else if f.leader_leo_at_last_fetch >= 0 && offset >= f.leader_leo_at_last_fetch {
                f.last_caught_up_ms = f.last_caught_up_ms.max(f.last_fetch_ms);
            }
            f.last_fetch_ms = now;
            f.leader_leo_at_last_fetch = leo;
            f.log_end_offset
        };
        if p.advance_high_watermark(leo) {
            self.data_arrived.notify_waiters();
        }
        let hw = p.high_watermark();
        if !reg.isr.contains(&follower)
            && follower_leo >= hw
            && follower_leo >= p.epoch_start_offset.load(Ordering::Acquire)
        {
            let mut isr = reg.isr.clone();
            isr.push(follower);
            self.request_isr_change(&p, isr);
        }
        read_log(&p, offset, max_bytes, leo, true, hw)
    }

    /// Scrape-time replication gauges for the partitions hosted here.
    fn refresh_replication_metrics(&self, m: &crate::metrics::ReplicationMetrics) {
        let (mut urp, mut under_min, mut at_min, mut leaders, mut max_lag) = (0, 0, 0, 0, 0);
        m.follower_lag.reset();
        let partitions: Vec<Arc<Partition>> = self.partitions.read().values().cloned().collect();
        for p in &partitions {
            let reg = p.registration();
            if reg.leader != self.node_id {
                continue;
            }
            leaders += 1;
            let (leo, min_isr) = {
                let log = p.log.lock();
                (
                    log.log_end_offset(),
                    log.config().min_insync_replicas as usize,
                )
            };
            if reg.isr.len() < reg.replicas.len() {
                urp += 1;
            }
            if reg.isr.len() < min_isr {
                under_min += 1;
            } else if reg.isr.len() == min_isr {
                at_min += 1;
            }
            let part = p.tp.partition.to_string();
            for (b, f) in p.followers.lock().iter() {
                let lag = if f.log_end_offset < 0 {
                    leo
                } else {
                    (leo - f.log_end_offset).max(0)
                };
                max_lag = max_lag.max(lag);
                m.follower_lag
                    .with_label_values(&[p.tp.topic.as_str(), part.as_str(), &b.to_string()])
                    .set(lag);
            }
        }
        m.under_replicated.set(urp);
        m.under_min_isr.set(under_min);
        m.at_min_isr.set(at_min);
        m.partition_count.set(partitions.len() as i64);
        m.leader_count.set(leaders);
        m.max_lag.with_label_values(&["Replica"]).set(max_lag);
    }

    /// What the leader knows of each replica of a partition it leads (for the admin service).
    pub fn replica_states(&self, tp: &TopicPartition) -> Vec<(i32, i64, i64, bool)> {
        let Some(p) = self.partition(tp) else {
            return Vec::new();
        };
        let reg = p.registration();
        let now = crate::log::now_ms();
        let followers = p.followers.lock();
        reg.replicas
            .iter()
            .filter(|b| **b != self.node_id)
            .map(|b| {
                let f = followers.get(b);
                (
                    *b,
                    f.map_or(-1, |f| f.log_end_offset),
                    f.map_or(-1, |f| now - f.last_caught_up_ms),
                    reg.isr.contains(b),
                )
            })
            .collect()
    }

    /// Asks the controller to change the ISR (one request in flight per partition).
    fn request_isr_change(&self, p: &Arc<Partition>, isr: Vec<i32>) {
        if p.isr_change_pending.swap(true, Ordering::AcqRel) {
            return;
        }
        if isr.len() < p.registration.read().isr.len() {
            self.metrics.replication.isr_shrinks.inc();
        } else {
            self.metrics.replication.isr_expands.inc();
        }
        let Some(controller) = self.controller() else {
            p.isr_change_pending.store(false, Ordering::Release);
            return;
        };
        let p = p.clone();
        let reg = p.registration();
        tokio::spawn(async move {
            tracing::info!(tp = %p.tp, from = ?reg.isr, to = ?isr, "requesting ISR change");
            let result = controller
                .alter_partition(
                    &p.tp.topic,
                    p.tp.partition,
                    reg.leader_epoch,
                    reg.partition_epoch,
                    isr,
                )
                .await;
            if let Err(e) = result {
                tracing::info!(tp = %p.tp, error = %e, "ISR change refused");
            }
            p.isr_change_pending.store(false, Ordering::Release);
        });
    }

    /// Leader: removes followers that have not caught up for replica.lag.time.max.ms.
    fn shrink_isrs(&self) {
        let now = crate::log::now_ms();
        let lag = self.config.replica_lag_time_max_ms as i64;
        let partitions: Vec<Arc<Partition>> = self.partitions.read().values().cloned().collect();
        for p in partitions {
            let reg = p.registration();
            if reg.leader != self.node_id || reg.isr.len() <= 1 {
                continue;
            }
            let followers = p.followers.lock().clone();
            let out: Vec<i32> = reg
                .isr
                .iter()
                .copied()
                .filter(|b| *b != self.node_id)
                .filter(|b| {
                    followers
                        .get(b)
                        .is_none_or(|f| now - f.last_caught_up_ms > lag)
                })
                .collect();
            if !out.is_empty() {
                let isr = reg
                    .isr
                    .iter()
                    .copied()
                    .filter(|b| !out.contains(b))
                    .collect();
                self.request_isr_change(&p, isr);
            }
        }
    }

    /// acks=all: waits until the high watermark passes `offset` (the batch's last offset).
    pub async fn wait_for_replication(
        &self,
        tp: &TopicPartition,
        offset: i64,
        timeout: Duration,
    ) -> Result<(), ApiError> {
        let deadline = tokio::time::Instant::now() + timeout;
        let p = self.partition(tp).ok_or_else(|| unknown(tp))?;
        loop {
            let moved = p.hw_moved.notified();
            tokio::pin!(moved);
            moved.as_mut().enable();
            if p.leader() != self.node_id {
                return Err(ApiError::new(
                    ResponseError::NotLeaderOrFollower,
                    format!(
                        "broker {} lost leadership of {tp} before the write was replicated",
                        self.node_id
                    ),
                ));
            }
            if p.high_watermark() > offset {
                // As Kafka: replicated, but to fewer replicas than min.insync.replicas because
                // the ISR shrank meanwhile, so the producer must not count it as safe.
                let isr = p.registration.read().isr.len() as i32;
                let min_isr = p.log.lock().config().min_insync_replicas;
                if isr < min_isr {
                    return Err(ApiError::new(
                        ResponseError::NotEnoughReplicasAfterAppend,
                        format!(
                            "{tp}: written, but the ISR shrank to {isr} (min.insync.replicas is {min_isr})"
                        ),
                    ));
                }
                return Ok(());
            }
            tokio::select! {
                _ = &mut moved => {}
                _ = tokio::time::sleep_until(deadline) => {
                    return Err(ApiError::new(
                        ResponseError::RequestTimedOut,
                        format!("{tp}: the in-sync replicas did not confirm offset {offset} in time"),
                    ));
                }
            }
        }
    }

    /// Follower: appends what the leader sent and takes the leader's high watermark (capped
    /// at the local log end).
    pub fn append_as_follower(
        &self,
        p: &Partition,
        records: &[u8],
        leader_hw: i64,
    ) -> Result<i64, ApiError> {
        let mut log = p.log.lock();
        if !records.is_empty() {
            let rolled = log
                .append_with_offsets(records)
                .map_err(|e| append_error(&p.tp, e))?;
            if let Some(upto) = rolled {
                let shared = p.log.clone();
                let tp = p.tp.clone();
                tokio::task::spawn_blocking(move || {
                    if let Err(e) = flush_log_upto(&shared, upto) {
                        tracing::error!(%tp, error = %e, "flushing a rolled segment failed");
                    }
                });
            }
        }
        let leo = log.log_end_offset();
        p.high_watermark
            .store(leader_hw.min(leo).max(0), Ordering::Release);
        Ok(leo)
    }

    pub fn log_manager(&self) -> &Arc<LogManager> {
        &self.log_manager
    }

    pub fn partition(&self, tp: &TopicPartition) -> Option<Arc<Partition>> {
        self.partitions.read().get(tp).cloned()
    }

    fn leader_partition(&self, tp: &TopicPartition) -> Result<Arc<Partition>, ApiError> {
        let p = self.partition(tp).ok_or_else(|| unknown(tp))?;
        if p.leader() != self.node_id {
            return Err(ApiError::new(
                ResponseError::NotLeaderOrFollower,
                format!("broker {} is not the leader of {tp}", self.node_id),
            ));
        }
        Ok(p)
    }

    /// Appends a producer's batch as leader. `acks=-1` also checks min.insync.replicas. The
    /// batch is checked record by record (decompressing it) before the partition is locked.
    pub async fn append(
        &self,
        tp: &TopicPartition,
        batch: bytes::Bytes,
        acks: i16,
    ) -> Result<AppendInfo, ApiError> {
        let p = self.leader_partition(tp)?;
        let (min_isr, limit) = {
            let log = p.log.lock();
            (log.config().min_insync_replicas, log.decompressed_limit())
        };
        let isr = p.registration.read().isr.len() as i32;
        if acks == -1 && isr < min_isr {
            return Err(ApiError::new(
                ResponseError::NotEnoughReplicas,
                format!("{tp} has {isr} in-sync replica(s), min.insync.replicas is {min_isr}"),
            ));
        }
        let batch = validate_produced(batch, limit)
            .await
            .map_err(|e| append_error(tp, e.into()))?;
        let epoch = p.leader_epoch();
        let (info, leo) = {
            let mut log = p.log.lock();
            let info = log
                .append_as_leader(&batch, epoch)
                .map_err(|e| append_error(tp, e))?;
            (info, log.log_end_offset())
        };
        if !info.duplicate {
            p.advance_high_watermark(leo);
            self.metrics
                .bytes_in
                .with_label_values(&[&tp.topic])
                .inc_by(info.bytes as u64);
            self.metrics
                .records_in
                .with_label_values(&[&tp.topic])
                .inc_by(info.records as u64);
            self.data_arrived.notify_waiters();
        }
        if let Some(upto) = info.rolled_at {
            let log = p.log.clone();
            let tp = tp.clone();
            tokio::task::spawn_blocking(move || {
                if let Err(e) = flush_log_upto(&log, upto) {
                    tracing::error!(%tp, error = %e, "flushing a rolled segment failed");
                }
            });
        }
        Ok(info)
    }

    /// Appends batches with offsets already assigned (internal topics written by this broker).
    pub fn append_internal(
        &self,
        tp: &TopicPartition,
        batch: Vec<u8>,
    ) -> Result<AppendInfo, ApiError> {
        let p = self.leader_partition(tp)?;
        let limit = p.log.lock().decompressed_limit();
        let batch = crate::log::batch::validate_produced(batch.into(), limit)
            .map_err(|e| append_error(tp, e.into()))?;
        let epoch = p.leader_epoch();
        let mut log = p.log.lock();
        let info = log
            .append_as_leader(&batch, epoch)
            .map_err(|e| append_error(tp, e))?;
        p.advance_high_watermark(log.log_end_offset());
        drop(log);
        // Followers long-polling for this partition fetch it now, not at their wait's end:
        // an OffsetCommit waits for them (acks=all), so without this every commit of a
        // replicated offsets topic took up to replica.fetch.wait.max.ms.
        self.data_arrived.notify_waiters();
        Ok(info)
    }

    /// Reads whole batches from `offset` up to the high watermark (consumers) or the log end.
    pub fn read(
        &self,
        tp: &TopicPartition,
        offset: i64,
        max_bytes: usize,
        min_one: bool,
        current_leader_epoch: i32,
    ) -> Result<FetchData, ApiError> {
        let p = self.leader_partition(tp)?;
        check_epoch(&p, current_leader_epoch)?;
        let hw = p.high_watermark();
        let data = read_log(&p, offset, max_bytes, hw, min_one, hw)?;
        if let Some(bytes) = &data.records {
            self.metrics
                .bytes_out
                .with_label_values(&[&tp.topic])
                .inc_by(bytes.len() as u64);
        }
        Ok(data)
    }

    /// Resolves when any partition gets new data (fetch long-polls wait on this).
    pub fn data_arrived(&self) -> tokio::sync::futures::Notified<'_> {
        self.data_arrived.notified()
    }

    /// ListOffsets: -1 latest (high watermark), -2 earliest, -3 max timestamp, else by time.
    /// Returns (offset, timestamp).
    pub fn list_offset(
        &self,
        tp: &TopicPartition,
        timestamp: i64,
        current_leader_epoch: i32,
    ) -> Result<(i64, i64, i32), ApiError> {
        let p = self.leader_partition(tp)?;
        check_epoch(&p, current_leader_epoch)?;
        let epoch = p.leader_epoch();
        let hw = p.high_watermark();
        let io = |e: std::io::Error| ApiError::new(ResponseError::KafkaStorageError, e.to_string());
        // Which batches to look in is decided under the lock; their records are walked
        // (decompressed) after it is released.
        let search = {
            let log = p.log.lock();
            match timestamp {
                -1 => return Ok((hw, -1, epoch)),
                -2 | -4 | -5 => return Ok((log.log_start_offset(), -1, epoch)),
                -3 => log.max_timestamp_offset(),
                t => log.offset_for_timestamp(t),
            }
            .map_err(io)?
        };
        Ok(match search.resolve().map_err(io)? {
            Some((o, ts)) if o < hw => (o, ts, epoch),
            _ => (-1, -1, -1),
        })
    }

    /// DeleteRecords: moves the log start offset; returns the new low watermark.
    pub fn delete_records(&self, tp: &TopicPartition, offset: i64) -> Result<i64, ApiError> {
        let p = self.leader_partition(tp)?;
        let hw = p.high_watermark();
        let target = if offset == -1 { hw } else { offset };
        if target > hw || target < 0 {
            return Err(ApiError::new(
                ResponseError::OffsetOutOfRange,
                format!("{tp}: offset {offset} is beyond the high watermark {hw}"),
            ));
        }
        p.log
            .lock()
            .delete_records_before(target)
            .map_err(read_error)
    }

    /// OffsetForLeaderEpoch: (epoch, end offset) of the largest epoch at most `epoch`.
    pub fn end_offset_for_epoch(
        &self,
        tp: &TopicPartition,
        epoch: i32,
        current_leader_epoch: i32,
    ) -> Result<(i32, i64), ApiError> {
        let p = self.leader_partition(tp)?;
        check_epoch(&p, current_leader_epoch)?;
        let log = p.log.lock();
        let (e, end) = log
            .leader_epochs()
            .end_offset_for(epoch, log.log_end_offset());
        if e == -1 && epoch >= 0 && log.leader_epochs().entries().is_empty() {
            // Nothing written yet: the current epoch ends at the log end.
            return Ok((p.leader_epoch(), log.log_end_offset()));
        }
        Ok((e, end))
    }

    /// A topic's effective log config in `image`: its overrides over the cluster-wide dynamic
    /// defaults over this broker's static ones.
    fn log_config(&self, image: &MetadataImage, topic: &str) -> LogConfig {
        let none = BTreeMap::new();
        let overrides = image.topic(topic).map_or(&none, |t| &t.configs);
        self.config.log_config(&image.cluster_configs, overrides)
    }

    fn create_partition(
        &self,
        tp: TopicPartition,
        topic_id: Uuid,
        reg: &PartitionRegistration,
        image: &MetadataImage,
    ) {
        if let Some(existing) = self.partition(&tp)
            && existing.topic_id == topic_id
        {
            self.apply_registration(&existing, reg.clone());
            existing
                .log
                .lock()
                .set_config(self.log_config(image, &tp.topic));
            return;
        }
        let cfg = self.log_config(image, &tp.topic);
        match self.log_manager.get_or_create(&tp, cfg) {
            Ok(log) => {
                let leo = log.lock().log_end_offset();
                let hw = self
                    .checkpointed_hw
                    .lock()
                    .remove(&tp)
                    .unwrap_or(0)
                    .clamp(0, leo);
                let p = Arc::new(Partition {
                    tp: tp.clone(),
                    topic_id,
                    log,
                    registration: RwLock::new(PartitionRegistration::new(Vec::new())),
                    high_watermark: AtomicI64::new(hw),
                    followers: parking_lot::Mutex::new(HashMap::new()),
                    epoch_start_offset: AtomicI64::new(leo),
                    isr_change_pending: std::sync::atomic::AtomicBool::new(false),
                    hw_moved: Notify::new(),
                });
                self.partitions.write().insert(tp, p.clone());
                self.apply_registration(&p, reg.clone());
            }
            Err(e) => {
                tracing::error!(%tp, error = %e, "cannot open partition log; the partition is offline on this broker")
            }
        }
    }
}

impl crate::controller::admin::ProgressSource for ReplicaManager {
    fn progress(
        &self,
        topic: &str,
        partition: i32,
    ) -> Option<crate::controller::admin::PartitionProgress> {
        let p = self.partition(&TopicPartition::new(topic, partition))?;
        if p.leader() != self.node_id {
            return None;
        }
        let (leo, log_start) = {
            let log = p.log.lock();
            (log.log_end_offset(), log.log_start_offset())
        };
        let replicas = self
            .replica_states(&p.tp)
            .into_iter()
            .map(
                |(b, f_leo, since, in_sync)| crate::controller::rpc::pb::ReplicaState {
                    broker_id: b,
                    log_end_offset: f_leo,
                    lag_records: if f_leo < 0 { -1 } else { (leo - f_leo).max(0) },
                    time_since_caught_up_ms: since,
                    in_sync,
                },
            )
            .collect();
        Some(crate::controller::admin::PartitionProgress {
            high_watermark: p.high_watermark(),
            log_end_offset: leo,
            log_start_offset: log_start,
            replicas,
        })
    }

    fn record_timestamp(&self, topic: &str, partition: i32, offset: i64) -> Option<i64> {
        let p = self.partition(&TopicPartition::new(topic, partition))?;
        if p.leader() != self.node_id {
            return None;
        }
        let hw = p.high_watermark();
        let found = crate::log::timestamp_at(&p.log, offset, hw);
        match found {
            Ok(Some((_, ts))) => Some(ts),
            Ok(None) => Some(-1),
            Err(e) => {
                tracing::debug!(topic, partition, offset, error = %e, "no record timestamp");
                Some(-1)
            }
        }
    }
}

/// Reads whole batches from `offset` below `max_offset`; reports `hw` as the high watermark.
fn read_log(
    p: &Partition,
    offset: i64,
    max_bytes: usize,
    max_offset: i64,
    min_one: bool,
    hw: i64,
) -> Result<FetchData, ApiError> {
    let (slice, log_start, leo) = {
        let log = p.log.lock();
        let slice = log
            .read(offset, max_bytes, max_offset, min_one)
            .map_err(read_error)?;
        (slice, log.log_start_offset(), log.log_end_offset())
    };
    let records = match slice {
        Some(s) => Some(Bytes::from(s.read().map_err(|e| {
            ApiError::new(ResponseError::KafkaStorageError, format!("{}: {e}", p.tp))
        })?)),
        None => None,
    };
    Ok(FetchData {
        records,
        high_watermark: hw,
        log_start_offset: log_start,
        log_end_offset: leo,
    })
}

fn check_epoch(p: &Partition, current_leader_epoch: i32) -> Result<(), ApiError> {
    if current_leader_epoch < 0 {
        return Ok(());
    }
    let epoch = p.leader_epoch();
    if current_leader_epoch < epoch {
        Err(ApiError::new(
            ResponseError::FencedLeaderEpoch,
            format!(
                "{}: leader epoch {current_leader_epoch} is older than {epoch}",
                p.tp
            ),
        ))
    } else if current_leader_epoch > epoch {
        Err(ApiError::new(
            ResponseError::UnknownLeaderEpoch,
            format!(
                "{}: leader epoch {current_leader_epoch} is newer than {epoch}",
                p.tp
            ),
        ))
    } else {
        Ok(())
    }
}

impl MetadataPublisher for ReplicaManager {
    fn publish(&self, old: &MetadataImage, new: &Arc<MetadataImage>) {
        // Removed topics: delete their logs.
        for (name, t) in &old.topics {
            if new.topic(name).map(|n| n.id) != Some(t.id) {
                for p in t.partitions.keys() {
                    let tp = TopicPartition::new(name.clone(), *p);
                    self.partitions.write().remove(&tp);
                    if let Err(e) = self.log_manager.delete(&tp) {
                        tracing::error!(%tp, error = %e, "deleting the log of a deleted topic failed");
                    }
                }
            }
        }
        // A new cluster-wide dynamic default reaches every hosted partition's log at once.
        if old.cluster_configs != new.cluster_configs {
            let hosted: Vec<Arc<Partition>> = self.partitions.read().values().cloned().collect();
            for p in hosted {
                p.log.lock().set_config(self.log_config(new, &p.tp.topic));
            }
        }
        // New or changed partitions hosted here.
        for (name, t) in &new.topics {
            let changed = old.topic(name) != Some(t);
            if !changed {
                continue;
            }
            for (p, reg) in &t.partitions {
                let tp = TopicPartition::new(name.clone(), *p);
                if reg.replicas.contains(&self.node_id) {
                    self.create_partition(tp, t.id, reg, new);
                } else if self.partitions.read().contains_key(&tp) {
                    // Reassigned away from this broker.
                    self.fetchers.remove(&tp);
                    self.partitions.write().remove(&tp);
                    match self.log_manager.delete(&tp) {
                        Ok(()) => tracing::info!(%tp, "replica moved away; log deleted"),
                        Err(e) => {
                            tracing::error!(%tp, error = %e, "deleting a moved replica failed")
                        }
                    }
                }
            }
        }
    }
}
