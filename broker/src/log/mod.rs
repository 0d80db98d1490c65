//! The partition log: an ordered, durable sequence of record batches in segments, with sparse
//! indexes, retention, compaction, idempotent-producer state and crash recovery.
//!
//! A `Log` knows nothing of leadership or requests: it appends validated batches, serves byte
//! ranges of stored batches and keeps its files consistent.

pub mod batch;
pub mod checkpoint;
pub mod cleaner;
pub mod compression;
pub mod index;
pub mod leader_epoch;
pub mod manager;
pub mod producer_state;
pub mod segment;
pub mod writeback;

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::LogConfig;
use batch::{BatchError, BatchHeader, Capture, ValidBatch};
use leader_epoch::LeaderEpochCache;
use producer_state::{ProducerError, ProducerStateManager, SequenceCheck};
use segment::{FileSlice, LogSegment};

/// A topic name and partition index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TopicPartition {
    pub topic: String,
    pub partition: i32,
}

impl TopicPartition {
    pub fn new(topic: impl Into<String>, partition: i32) -> Self {
        TopicPartition {
            topic: topic.into(),
            partition,
        }
    }

    /// Directory name, as Kafka: `<topic>-<partition>`.
    pub fn dir_name(&self) -> String {
        format!("{}-{}", self.topic, self.partition)
    }

    /// Parses a directory name back (the topic may itself contain '-').
    pub fn from_dir_name(name: &str) -> Option<TopicPartition> {
        let (topic, p) = name.rsplit_once('-')?;
        let partition = p.parse().ok()?;
        (!topic.is_empty() && partition >= 0).then(|| TopicPartition::new(topic, partition))
    }
}

impl fmt::Display for TopicPartition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.topic, self.partition)
    }
}

/// Why an append was refused.
#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    #[error(transparent)]
    Batch(#[from] BatchError),
    #[error("batch of {size} bytes exceeds max.message.bytes {max}")]
    MessageTooLarge { size: usize, max: i32 },
    #[error("compacted topic needs a key on every record")]
    KeylessRecordOnCompactedTopic,
    #[error(
        "timestamp {timestamp} is outside the range allowed by message.timestamp.before/after.max.ms"
    )]
    InvalidTimestamp { timestamp: i64 },
    #[error(transparent)]
    Producer(#[from] ProducerError),
    #[error("storage error: {0}")]
    Io(#[from] io::Error),
}

/// Where an appended batch landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppendInfo {
    pub first_offset: i64,
    pub last_offset: i64,
    /// The broker's append time for LogAppendTime topics, else -1.
    pub log_append_time: i64,
    pub records: i32,
    pub bytes: usize,
    /// The batch was a retry of one already in the log; nothing was written.
    pub duplicate: bool,
    /// The append rolled a segment; data below this offset should be flushed.
    pub rolled_at: Option<i64>,
    /// The log start offset after the append (Produce v5+ reports it).
    pub log_start_offset: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("offset {offset} is out of range [{log_start}, {log_end}]")]
    OffsetOutOfRange {
        offset: i64,
        log_start: i64,
        log_end: i64,
    },
    #[error("storage error: {0}")]
    Io(#[from] io::Error),
}

/// How the log was opened: what recovery did.
#[derive(Debug, Default, Clone, Copy)]
pub struct LoadStats {
    pub recovered_segments: usize,
    pub truncated_bytes: u64,
}

pub struct Log {
    dir: PathBuf,
    tp: TopicPartition,
    config: LogConfig,
    segments: BTreeMap<i64, LogSegment>,
    log_start_offset: i64,
    recovery_point: i64,
    unflushed_messages: i64,
    last_flush_ms: i64,
    producer_state: ProducerStateManager,
    leader_epochs: LeaderEpochCache,
    load_stats: LoadStats,
    /// Producer snapshots written at segment rolls, to be fsynced with the next flush.
    unsynced_snapshots: Vec<PathBuf>,
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

fn list_segment_offsets(dir: &Path) -> io::Result<Vec<i64>> {
    let mut offsets = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.ends_with(".tmp") || name.ends_with(".tmp-index") || name.ends_with(".cleaned") {
            let _ = fs::remove_file(entry.path());
            continue;
        }
        if let Some(base) = name
            .strip_suffix(".log")
            .and_then(|b| b.parse::<i64>().ok())
        {
            offsets.push(base);
        }
    }
    offsets.sort_unstable();
    Ok(offsets)
}

impl Log {
    /// Opens (or creates) the log in `dir`. `recovery_point` is the offset below which data is
    /// known to be on disk; with `clean_shutdown` false, everything from the segment holding it
    /// is checked batch by batch and the first bad byte and all after it are dropped.
    pub fn open(
        dir: PathBuf,
        tp: TopicPartition,
        config: LogConfig,
        log_start_offset: i64,
        recovery_point: i64,
        clean_shutdown: bool,
    ) -> io::Result<Log> {
        fs::create_dir_all(&dir)?;
        let now = now_ms();
        let index_max = config.segment_index_bytes as usize;
        let interval = config.index_interval_bytes as usize;
        let max_batch = (config.max_message_bytes.max(1 << 20) as usize)
            .saturating_mul(4)
            .max(64 << 20);
        let offsets = list_segment_offsets(&dir)?;
        let mut segments = BTreeMap::new();
        let mut stats = LoadStats::default();
        // The segment holding the recovery point and all after it are suspect after a crash.
        let first_suspect = offsets
            .iter()
            .rev()
            .find(|b| **b <= recovery_point)
            .copied()
            .unwrap_or(i64::MIN);
        let mut cut_rest = false;
        for base in offsets {
            if cut_rest {
                tracing::warn!(%tp, base, "deleting segment after a truncated one");
                let (seg, _) = LogSegment::open(&dir, base, index_max, interval, false, now)?;
                seg.delete()?;
                continue;
            }
            let suspect = !clean_shutdown && base >= first_suspect;
            let (mut seg, indexes_ok) =
                LogSegment::open(&dir, base, index_max, interval, !suspect, now)?;
            if suspect || !indexes_ok {
                let r = seg.recover(max_batch)?;
                stats.recovered_segments += 1;
                if r.truncated_bytes > 0 {
                    tracing::warn!(%tp, base, bytes = r.truncated_bytes, "truncated a torn or corrupt tail during recovery");
                    stats.truncated_bytes += r.truncated_bytes;
                    cut_rest = true;
                }
            }
            segments.insert(base, seg);
        }
        // Drop segments that end before the log start (their deletion did not finish).
        let keep: Vec<i64> = segments.keys().copied().collect();
        for (i, base) in keep.iter().enumerate() {
            let next_base = keep.get(i + 1).copied();
            if next_base.is_some_and(|n| n <= log_start_offset)
                && let Some(seg) = segments.remove(base)
            {
                seg.delete()?;
            }
        }
        if segments.is_empty() {
            let seg = LogSegment::create(&dir, log_start_offset.max(0), index_max, interval, now)?;
            segments.insert(seg.base_offset(), seg);
        }
        let first_base = segments.keys().next().copied().unwrap_or(0);
        let log_start_offset = log_start_offset.max(first_base);
        // The epoch file is fsynced lazily: after a crash it may be unreadable (then rebuilt
        // from every batch) or lack the newest epochs (re-derived from the recovered batches).
        let (leader_epochs, epochs_from) = match LeaderEpochCache::load(&dir) {
            Ok(c) if clean_shutdown => (c, None),
            Ok(c) => (c, Some(recovery_point)),
            Err(e) => {
                tracing::warn!(%tp, error = %e, "unreadable leader-epoch-checkpoint; rebuilding it from the log");
                (LeaderEpochCache::empty(&dir), Some(i64::MIN))
            }
        };
        let mut log = Log {
            leader_epochs,
            dir,
            tp,
            config,
            segments,
            log_start_offset,
            recovery_point: 0,
            unflushed_messages: 0,
            last_flush_ms: now,
            producer_state: ProducerStateManager::new(),
            load_stats: stats,
            unsynced_snapshots: Vec::new(),
        };
        let leo = log.log_end_offset();
        log.recovery_point = recovery_point.min(leo);
        if clean_shutdown {
            log.recovery_point = leo;
        }
        if let Some(from) = epochs_from {
            log.rebuild_leader_epochs(from)?;
        }
        log.leader_epochs.truncate_from_end(leo)?;
        log.leader_epochs.sync()?;
        log.rebuild_producer_state()?;
        Ok(log)
    }

    /// Adds the leader epochs of the batches in the segments that hold `from` and after.
    fn rebuild_leader_epochs(&mut self, from: i64) -> io::Result<()> {
        let mut found = Vec::new();
        for seg in self.segments.values().filter(|s| s.next_offset() > from) {
            for (_, h) in seg.batches()? {
                found.push((h.partition_leader_epoch, h.base_offset));
            }
        }
        self.leader_epochs.rebuild_from(found);
        Ok(())
    }

    /// Loads the newest producer snapshot and replays the batches written after it.
    fn rebuild_producer_state(&mut self) -> io::Result<()> {
        let leo = self.log_end_offset();
        let (from, state) = ProducerStateManager::load_snapshot(&self.dir, leo)
            .unwrap_or((self.log_start_offset, ProducerStateManager::new()));
        self.producer_state = state;
        for seg in self.segments.values().filter(|s| s.next_offset() > from) {
            for (_, h) in seg.batches()? {
                if h.last_offset() >= from && h.has_producer_id() {
                    self.producer_state.update(&h);
                }
            }
        }
        Ok(())
    }

    pub fn topic_partition(&self) -> &TopicPartition {
        &self.tp
    }
    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn config(&self) -> &LogConfig {
        &self.config
    }
    pub fn set_config(&mut self, config: LogConfig) {
        self.config = config;
    }
    pub fn load_stats(&self) -> LoadStats {
        self.load_stats
    }
    pub fn log_start_offset(&self) -> i64 {
        self.log_start_offset
    }
    pub fn recovery_point(&self) -> i64 {
        self.recovery_point
    }
    pub fn producer_state(&self) -> &ProducerStateManager {
        &self.producer_state
    }
    pub fn leader_epochs(&self) -> &LeaderEpochCache {
        &self.leader_epochs
    }

    fn active(&self) -> &LogSegment {
        // A log always has at least one segment (open creates one).
        self.segments
            .values()
            .next_back()
            .expect("log has no segment")
    }

    fn active_mut(&mut self) -> &mut LogSegment {
        self.segments
            .values_mut()
            .next_back()
            .expect("log has no segment")
    }

    /// The offset the next appended record will get (LEO).
    pub fn log_end_offset(&self) -> i64 {
        self.active().next_offset()
    }

    pub fn size_bytes(&self) -> u64 {
        self.segments.values().map(|s| s.size()).sum()
    }

    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    /// The most bytes one batch of this log may take decompressed (see `compression`).
    pub fn decompressed_limit(&self) -> usize {
        compression::decompressed_limit(self.config.max_message_bytes)
    }

    /// Appends a producer's batch, checked record by record beforehand (`batch::validate_produced`,
    /// outside the partition lock), assigning its offsets. Only the checks that need the log
    /// are made here. The batch is written from the caller's buffer as received; only a copy
    /// of its 61-byte header is patched (base offset, leader epoch, max timestamp,
    /// LogAppendTime).
    pub fn append_as_leader(
        &mut self,
        batch: &ValidBatch,
        leader_epoch: i32,
    ) -> Result<AppendInfo, AppendError> {
        let h = *batch.header();
        let records = *batch.records();
        let batch = batch.bytes();
        if batch.len() > self.config.max_message_bytes as usize {
            return Err(AppendError::MessageTooLarge {
                size: batch.len(),
                max: self.config.max_message_bytes,
            });
        }
        if self.config.compact && records.keyless {
            return Err(AppendError::KeylessRecordOnCompactedTopic);
        }
        let now = now_ms();
        if !self.config.log_append_time {
            for ts in [records.min_timestamp, records.max_timestamp] {
                if ts != -1
                    && (now.saturating_sub(ts) > self.config.timestamp_before_max_ms
                        || ts.saturating_sub(now) > self.config.timestamp_after_max_ms)
                {
                    return Err(AppendError::InvalidTimestamp { timestamp: ts });
                }
            }
        }
        if let SequenceCheck::Duplicate(d) = self.producer_state.check(&h)? {
            return Ok(AppendInfo {
                first_offset: d.first_offset,
                last_offset: d.last_offset,
                log_append_time: if self.config.log_append_time {
                    d.timestamp
                } else {
                    -1
                },
                records: h.records_count,
                bytes: 0,
                duplicate: true,
                rolled_at: None,
                log_start_offset: self.log_start_offset,
            });
        }
        let base = self.log_end_offset();
        let (head, body) = batch.split_at(batch::HEADER_LEN);
        let mut header = [0u8; batch::HEADER_LEN];
        header.copy_from_slice(head);
        batch::assign_offset_and_epoch(&mut header, base, leader_epoch);
        if self.config.log_append_time {
            batch::set_log_append_time(&mut header, body, now);
        } else if records.max_timestamp != h.max_timestamp {
            batch::set_max_timestamp(&mut header, body, records.max_timestamp);
        }
        let h = BatchHeader::parse(&header)?;
        let rolled_at = self.append_batch(&[&header, body], &h, now)?;
        self.leader_epochs.assign(leader_epoch, base)?;
        Ok(AppendInfo {
            first_offset: base,
            last_offset: h.last_offset(),
            log_append_time: if self.config.log_append_time { now } else { -1 },
            records: h.records_count,
            bytes: batch.len(),
            duplicate: false,
            rolled_at,
            log_start_offset: self.log_start_offset,
        })
    }

    /// Appends batches whose offsets are already assigned (replication, internal rewrites).
    /// Each must start at or after the log end.
    pub fn append_with_offsets(&mut self, batches: &[u8]) -> Result<Option<i64>, AppendError> {
        let mut pos = 0;
        let mut rolled = None;
        while pos < batches.len() {
            let h = batch::validate(&batches[pos..])?;
            let end = pos + h.total_size();
            if h.base_offset < self.log_end_offset() {
                return Err(BatchError::Corrupt("batch offset is below the log end").into());
            }
            rolled = rolled.or(self.append_batch(&[&batches[pos..end]], &h, now_ms())?);
            self.leader_epochs
                .assign(h.partition_leader_epoch, h.base_offset)?;
            pos = end;
        }
        Ok(rolled)
    }

    /// Appends one batch given as consecutive parts (header and body may be separate).
    fn append_batch(
        &mut self,
        parts: &[&[u8]],
        h: &BatchHeader,
        now: i64,
    ) -> io::Result<Option<i64>> {
        let rolled_at = self.maybe_roll(h, now)?;
        self.active_mut().append(parts, h)?;
        self.producer_state.update(h);
        self.unflushed_messages += h.records_count as i64;
        if self.unflushed_messages >= self.config.flush_messages {
            self.flush()?;
        }
        Ok(rolled_at)
    }

    fn maybe_roll(&mut self, h: &BatchHeader, now: i64) -> io::Result<Option<i64>> {
        let seg = self.active();
        let full = seg.size() + h.total_size() as u64 > self.config.segment_bytes as u64;
        let old = seg.time_waited_for_roll(now, h.max_timestamp) > self.config.segment_ms;
        if seg.is_empty() || !(full || old || seg.index_is_full()) {
            return Ok(None);
        }
        self.roll(h.base_offset, now).map(Some)
    }

    /// Starts a new active segment at `base` (at least the log end). Returns the old end.
    pub fn roll(&mut self, base: i64, now: i64) -> io::Result<i64> {
        let end = self.log_end_offset();
        let base = base.max(end);
        self.active_mut().flush(false)?;
        let seg = LogSegment::create(
            &self.dir,
            base,
            self.config.segment_index_bytes as usize,
            self.config.index_interval_bytes as usize,
            now,
        )?;
        self.segments.insert(base, seg);
        // A snapshot per segment bounds the replay after a crash.
        let snapshot = self.producer_state.write_snapshot(&self.dir, base, false)?;
        self.unsynced_snapshots.push(snapshot);
        Ok(end)
    }

    /// Rolls the active segment when it is older than segment.ms (retention's periodic check).
    pub fn roll_if_old(&mut self, now: i64) -> io::Result<()> {
        let seg = self.active();
        if !seg.is_empty() && seg.age_ms(now) > self.config.segment_ms {
            let end = self.log_end_offset();
            self.roll(end, now)?;
        }
        Ok(())
    }

    /// Whole batches from `offset`, up to `max_bytes` (at least one batch with `min_one`),
    /// not past `max_offset`. `None` when nothing is available.
    pub fn read(
        &self,
        offset: i64,
        max_bytes: usize,
        max_offset: i64,
        min_one: bool,
    ) -> Result<Option<FileSlice>, ReadError> {
        let leo = self.log_end_offset();
        if offset < self.log_start_offset || offset > leo {
            return Err(ReadError::OffsetOutOfRange {
                offset,
                log_start: self.log_start_offset,
                log_end: leo,
            });
        }
        if offset >= max_offset {
            return Ok(None);
        }
        let start = self
            .segments
            .range(..=offset)
            .next_back()
            .map(|(b, _)| *b)
            .unwrap_or(i64::MIN);
        for (_, seg) in self.segments.range(start..) {
            if let Some(slice) = seg.read(offset, max_bytes, max_offset, min_one)? {
                return Ok(Some(slice));
            }
        }
        Ok(None)
    }

    /// ListOffsets by timestamp, first phase (under the lock): the batches that may hold the
    /// first record with a timestamp at least `timestamp` (one per segment whose max timestamp
    /// reaches it, a few at most). `TimestampSearch::resolve` walks them without the lock.
    pub fn offset_for_timestamp(&self, timestamp: i64) -> io::Result<TimestampSearch> {
        let mut candidates = Vec::new();
        for seg in self.segments.values() {
            if seg.next_offset() <= self.log_start_offset {
                continue;
            }
            if let Some(c) = seg.timestamp_candidate(timestamp, self.log_start_offset)? {
                candidates.push(c);
                if candidates.len() == MAX_TIMESTAMP_CANDIDATES {
                    break;
                }
            }
        }
        Ok(TimestampSearch {
            timestamp,
            start_offset: self.log_start_offset,
            limit: self.decompressed_limit(),
            candidates,
            fallback: None,
        })
    }

    /// ListOffsets MAX_TIMESTAMP, first phase: the (first) record with the largest timestamp.
    /// Segments know the largest timestamp; the record holding it is found inside its batch.
    pub fn max_timestamp_offset(&self) -> io::Result<TimestampSearch> {
        let mut search = TimestampSearch {
            timestamp: i64::MAX,
            start_offset: self.log_start_offset,
            limit: self.decompressed_limit(),
            candidates: Vec::new(),
            fallback: None,
        };
        let Some(seg) = self
            .segments
            .values()
            .filter(|s| !s.is_empty())
            .max_by_key(|s| s.max_timestamp())
        else {
            return Ok(search);
        };
        let max = seg.max_timestamp();
        search.timestamp = max;
        search.fallback = Some((seg.offset_of_max_timestamp(), max));
        search
            .candidates
            .extend(seg.timestamp_candidate(max, self.log_start_offset)?);
        Ok(search)
    }

    /// Fsyncs all data and indexes, moving the recovery point to the log end.
    pub fn flush(&mut self) -> io::Result<()> {
        let leo = self.log_end_offset();
        let rp = self.recovery_point;
        let active = self.active().base_offset();
        // The active segment always, so even an empty one has its index files on disk.
        for seg in self
            .segments
            .values_mut()
            .filter(|s| s.next_offset() > rp || s.base_offset() == active)
        {
            seg.flush(true)?;
        }
        self.leader_epochs.sync()?;
        self.recovery_point = leo;
        self.unflushed_messages = 0;
        self.last_flush_ms = now_ms();
        Ok(())
    }

    /// Data files that need an fsync to move the recovery point to `upto`; fsync them outside
    /// the log lock, then call `mark_flushed(upto)`.
    pub fn files_to_flush(&mut self, upto: i64) -> io::Result<Vec<Arc<fs::File>>> {
        let rp = self.recovery_point;
        let mut files = Vec::new();
        for seg in self
            .segments
            .values_mut()
            .filter(|s| s.next_offset() > rp && s.base_offset() < upto)
        {
            seg.flush(false)?;
            files.push(seg.file());
        }
        // Snapshots written at rolls and the leader-epoch file, and the directory that holds
        // their names. A snapshot already replaced by a newer one is gone; that is fine.
        let mut snapshots = std::mem::take(&mut self.unsynced_snapshots);
        snapshots.extend(self.leader_epochs.take_unsynced().map(Path::to_path_buf));
        if !snapshots.is_empty() {
            for path in snapshots {
                match fs::File::open(&path) {
                    Ok(f) => files.push(Arc::new(f)),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
            files.push(Arc::new(fs::File::open(&self.dir)?));
        }
        Ok(files)
    }

    pub fn mark_flushed(&mut self, upto: i64) {
        if upto > self.recovery_point {
            self.recovery_point = upto.min(self.log_end_offset());
        }
    }

    /// Flushes when flush.ms has passed since the last flush and there is unflushed data.
    pub fn flush_if_due(&mut self, now: i64) -> io::Result<()> {
        if self.unflushed_messages > 0 && now - self.last_flush_ms >= self.config.flush_ms {
            self.flush()?;
        }
        Ok(())
    }

    /// Clean shutdown: flush everything and snapshot producer state at the log end.
    pub fn close(&mut self) -> io::Result<()> {
        self.flush()?;
        let leo = self.log_end_offset();
        self.producer_state
            .write_snapshot(&self.dir, leo, true)
            .map(|_| ())
    }

    /// Removes all data at or after `offset` (a replica whose log diverged).
    pub fn truncate_to(&mut self, offset: i64) -> io::Result<()> {
        let offset = offset.max(0);
        if offset >= self.log_end_offset() {
            return Ok(());
        }
        let doomed: Vec<i64> = self.segments.range(offset + 1..).map(|(b, _)| *b).collect();
        for b in doomed {
            if self.segments.len() == 1 {
                break;
            }
            if let Some(seg) = self.segments.remove(&b) {
                seg.delete()?;
            }
        }
        let now = now_ms();
        if self.active().base_offset() > offset {
            // Even the only segment starts past the point: replace it with an empty one.
            let b = self.active().base_offset();
            if let Some(seg) = self.segments.remove(&b) {
                seg.delete()?;
            }
            let seg = LogSegment::create(
                &self.dir,
                offset,
                self.config.segment_index_bytes as usize,
                self.config.index_interval_bytes as usize,
                now,
            )?;
            self.segments.insert(offset, seg);
            self.log_start_offset = self.log_start_offset.min(offset);
        } else {
            self.active_mut().truncate_to(offset)?;
        }
        self.recovery_point = self.recovery_point.min(offset);
        self.producer_state.truncate_to(offset);
        self.leader_epochs.truncate_from_end(offset)?;
        Ok(())
    }

    /// Records that `epoch` starts at `offset` (a new leader's first offset).
    pub fn assign_leader_epoch(&mut self, epoch: i32, offset: i64) -> io::Result<()> {
        self.leader_epochs.assign(epoch, offset)
    }

    /// Deletes everything and starts an empty log at `offset` (a replica so far behind that
    /// the data it needs is gone from the source, or a Raft snapshot replacing the log).
    pub fn truncate_fully_and_start_at(&mut self, offset: i64) -> io::Result<()> {
        let bases: Vec<i64> = self.segments.keys().copied().collect();
        for b in bases {
            if let Some(seg) = self.segments.remove(&b) {
                seg.delete()?;
            }
        }
        let seg = LogSegment::create(
            &self.dir,
            offset,
            self.config.segment_index_bytes as usize,
            self.config.index_interval_bytes as usize,
            now_ms(),
        )?;
        self.segments.insert(offset, seg);
        self.log_start_offset = offset;
        self.recovery_point = offset;
        self.producer_state.truncate_to(0);
        self.leader_epochs.truncate_from_end(0)?;
        Ok(())
    }

    /// DeleteRecords: moves the log start to `offset` and deletes whole segments below it.
    pub fn delete_records_before(&mut self, offset: i64) -> Result<i64, ReadError> {
        let leo = self.log_end_offset();
        if offset > leo || offset < 0 {
            return Err(ReadError::OffsetOutOfRange {
                offset,
                log_start: self.log_start_offset,
                log_end: leo,
            });
        }
        if offset > self.log_start_offset {
            self.log_start_offset = offset;
            self.leader_epochs.truncate_from_start(offset)?;
            self.delete_segments_below_start()?;
        }
        Ok(self.log_start_offset)
    }

    fn delete_segments_below_start(&mut self) -> io::Result<usize> {
        let mut deleted = 0;
        while self.segments.len() > 1 {
            let (base, next_base) = {
                let mut it = self.segments.keys();
                match (it.next(), it.next()) {
                    (Some(a), Some(b)) => (*a, *b),
                    _ => break,
                }
            };
            if next_base > self.log_start_offset {
                break;
            }
            if let Some(seg) = self.segments.remove(&base) {
                seg.delete()?;
                deleted += 1;
            }
        }
        Ok(deleted)
    }

    /// Retention: deletes the oldest segments past retention.ms or retention.bytes. The
    /// active segment is rolled first if it is itself expired. Returns segments deleted.
    pub fn delete_old_segments(&mut self, now: i64) -> io::Result<usize> {
        if !self.config.delete {
            return Ok(0);
        }
        let mut deleted = 0;
        let retention_ms = self.config.retention_ms;
        let retention_bytes = self.config.retention_bytes;
        loop {
            let total = self.size_bytes() as i64;
            let Some((&base, oldest)) = self.segments.iter().next() else {
                break;
            };
            let expired_by_time = retention_ms >= 0
                && !oldest.is_empty()
                && now - oldest.max_timestamp() > retention_ms;
            let over_size = retention_bytes >= 0
                && total - (oldest.size() as i64) >= retention_bytes
                && !oldest.is_empty();
            if !(expired_by_time || over_size) {
                break;
            }
            if self.segments.len() == 1 {
                if !expired_by_time {
                    break;
                }
                let end = self.log_end_offset();
                self.roll(end, now)?;
            }
            let next_base = self.segments.keys().nth(1).copied().unwrap_or(base);
            if let Some(seg) = self.segments.remove(&base) {
                seg.delete()?;
                deleted += 1;
            }
            self.log_start_offset = self.log_start_offset.max(next_base);
        }
        if deleted > 0 {
            self.leader_epochs
                .truncate_from_start(self.log_start_offset)?;
            tracing::info!(tp = %self.tp, deleted, log_start_offset = self.log_start_offset, "retention deleted segments");
        }
        Ok(deleted)
    }

    /// Expires idle producer ids.
    pub fn remove_expired_producers(&mut self, now: i64, expiration_ms: i64) {
        self.producer_state.remove_expired(now, expiration_ms);
    }

    /// Deletes the whole log directory (DeleteTopics).
    pub fn delete(self) -> io::Result<()> {
        fs::remove_dir_all(&self.dir)
    }

    /// Read-only segments (all but the active one), for the cleaner.
    pub(crate) fn segments_mut(&mut self) -> &mut BTreeMap<i64, LogSegment> {
        &mut self.segments
    }
}

#[cfg(test)]
mod tests;

/// Most batches one ListOffsets-by-time walks (one per segment).
const MAX_TIMESTAMP_CANDIDATES: usize = 8;

/// A timestamp lookup whose batches are known and whose records are still to be walked, so
/// the decompressing walk happens after the partition lock is released.
#[derive(Debug)]
pub struct TimestampSearch {
    timestamp: i64,
    start_offset: i64,
    limit: usize,
    candidates: Vec<(FileSlice, BatchHeader)>,
    /// The answer when no candidate batch yields one (MAX_TIMESTAMP: the segment's record).
    fallback: Option<(i64, i64)>,
}

impl TimestampSearch {
    /// Second phase: the first record at or after the start offset whose timestamp reaches
    /// the target, as (offset, timestamp).
    pub fn resolve(self) -> io::Result<Option<(i64, i64)>> {
        for (slice, h) in &self.candidates {
            if h.is_log_append_time() {
                return Ok(Some((
                    h.base_offset.max(self.start_offset),
                    h.max_timestamp,
                )));
            }
            let buf = slice.read()?;
            let mut found = None;
            let walked = batch::walk_records(&buf, h, self.limit, Capture::NOTHING, |r| {
                let offset = h.base_offset + r.offset_delta as i64;
                let ts = h.base_timestamp.saturating_add(r.timestamp_delta);
                if offset >= self.start_offset && ts >= self.timestamp {
                    found = Some((offset, ts));
                    return std::ops::ControlFlow::Break(());
                }
                std::ops::ControlFlow::Continue(())
            });
            if let Err(e) = walked {
                tracing::warn!(offset = h.base_offset, error = %e, "skipping an unreadable batch in a timestamp lookup");
            }
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(self.fallback)
    }
}

/// The timestamp of the first data record at or after `offset` below `max_offset` (the record
/// a consumer positioned at `offset` reads next), and that record's offset. An offset before
/// the log start reads from the log start. `None` when there is no such record. Batches are
/// walked from the one holding `offset`, each read under the lock and walked after it;
/// control batches are skipped; a batch with LogAppendTime stamps each record with its max
/// timestamp.
pub fn timestamp_at(
    log: &parking_lot::Mutex<Log>,
    offset: i64,
    max_offset: i64,
) -> Result<Option<(i64, i64)>, ReadError> {
    let mut at = offset;
    // A few batches at most: control batches and compacted gaps are skipped over.
    for _ in 0..16 {
        let (slice, limit) = {
            let log = log.lock();
            at = at.max(log.log_start_offset);
            if at >= max_offset.min(log.log_end_offset()) {
                return Ok(None);
            }
            (log.read(at, 1, max_offset, true)?, log.decompressed_limit())
        };
        let Some(slice) = slice else {
            return Ok(None);
        };
        let buf = slice.read()?;
        let mut pos = 0;
        while pos < buf.len() {
            let Ok(h) = batch::BatchHeader::parse(&buf[pos..]) else {
                break;
            };
            let end = pos + h.total_size();
            if end > buf.len() {
                break;
            }
            if !h.is_control() && h.last_offset() >= at {
                let mut found = None;
                let _ = batch::walk_records(&buf[pos..end], &h, limit, Capture::NOTHING, |r| {
                    let o = h.base_offset + r.offset_delta as i64;
                    if o >= at {
                        found = Some((o, h.base_timestamp.saturating_add(r.timestamp_delta)));
                        return std::ops::ControlFlow::Break(());
                    }
                    std::ops::ControlFlow::Continue(())
                });
                if let Some((o, ts)) = found {
                    let ts = if h.is_log_append_time() {
                        h.max_timestamp
                    } else {
                        ts
                    };
                    return Ok((o < max_offset).then_some((o, ts)));
                }
            }
            at = at.max(h.next_offset());
            pos = end;
        }
        if pos == 0 {
            return Ok(None);
        }
    }
    Ok(None)
}
